#!/bin/bash
# Runs every case of the real-chart corpus (/work/shared/charts/*/cases.json, goldens from Helm
# 3.17.3) through our `helm template`, as the corpus README says: in the chart's folder,
# `helm template RELEASE chart ARGS...`; an error case passes when we fail too; otherwise stdout
# must equal the golden byte for byte, after lines matching the case's `mask` regexps are
# replaced by a placeholder on both sides (non-deterministic cases).  HELM_RENDER_V3=1 is set,
# so the known Helm 2/3 differences (.Release.Service "Tiller" in heritage labels, crd-install
# hooks) are rendered as Helm 3 does; a "heritage: Tiller" line would still be accepted.
#
# Usage: t/charts-corpus.sh [-v] [-k KNOWN_FAILURES] [-j JOBS] [CHART[/CASE]...]
# Prints failing ids (CHART/CASE), then pass counts per chart.  Exits 1 when a case fails that
# is not listed in KNOWN_FAILURES (default t/data/charts-known-failures.txt).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
corpus="${SHARED:-$top/../shared}/charts"

# Prints FILE with every line matching one of the mask regexps ($masks, one per line)
# replaced by a placeholder, and "heritage: Tiller" read as Helm's.
masked() {
	MASKS=$masks awk 'BEGIN { n = split(ENVIRON["MASKS"], re, "\n") }
		{ sub(/heritage: "?Tiller"?$/, "heritage: Helm")
		  for (i = 1; i <= n; i++) if (re[i] != "" && $0 ~ re[i]) { print "<masked>"; next }
		  print }' "$1"
}

# --one OUTDIR CHART INDEX: runs one case, writes OUTDIR/result.
if [ "${1:-}" = --one ]; then
	out=$2 chart=$3 i=$4
	c=$(jq -c ".[$i]" "$corpus/$chart/cases.json")
	mapfile -t args < <(jq -r '.args[]' <<<"$c")
	release=$(jq -r .release <<<"$c")
	golden="$corpus/$chart/$(jq -r .golden <<<"$c")"
	(cd "$corpus/$chart" && helm template "$release" chart "${args[@]}") >"$out/stdout" 2>"$out/stderr"
	rc=$?
	if [ "$(jq -r '.expect_error // false' <<<"$c")" = true ]; then
		[ $rc -ne 0 ] && echo pass >"$out/result" || echo fail >"$out/result"
		exit 0
	fi
	masks=$(jq -r '(.mask // [])[]' <<<"$c")
	if [ $rc -eq 0 ] && cmp -s <(masked "$out/stdout") <(masked "$golden"); then
		echo pass >"$out/result"
	else
		echo fail >"$out/result"
		diff <(masked "$golden") <(masked "$out/stdout") | head -40 >"$out/diff"
	fi
	exit 0
fi

verbose=0 jobs=$(nproc 2>/dev/null || echo 2)
known="$top/t/data/charts-known-failures.txt"
while getopts vk:j: opt; do
	case $opt in
	v) verbose=1 ;;
	k) known=$OPTARG ;;
	j) jobs=$OPTARG ;;
	*) echo "usage: $0 [-v] [-k KNOWN] [-j JOBS] [CHART[/CASE]...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
command -v helm >/dev/null || { echo "helm not found on PATH" >&2; exit 2; }
export HELM_RENDER_V3=1 TZ=UTC HOME=${TMPDIR:-/tmp}
export corpus

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
selected() { # CHART CASE
	[ $# -gt 0 ] || return 0
	local s
	for s in "${filters[@]}"; do
		[ "$s" = "$1" ] || [ "$s" = "$1/$2" ] && return 0
	done
	return 1
}
filters=("$@")
for cj in "$corpus"/*/cases.json; do
	chart=$(basename "$(dirname "$cj")")
	n=$(jq length "$cj")
	for ((i = 0; i < n; i++)); do
		name=$(jq -r ".[$i].case" "$cj")
		[ ${#filters[@]} -eq 0 ] || selected "$chart" "$name" || continue
		mkdir -p "$scratch/$chart/$name"
		echo "$scratch/$chart/$name $chart $i"
	done
done >"$scratch/list"
[ -s "$scratch/list" ] || { echo "no cases selected" >&2; exit 2; }
xargs -P "$jobs" -L 1 bash "$0" --one <"$scratch/list"

status=0 new=0 fixed=0 all=0 allpass=0
while read -r dir chart _; do
	id="$chart/$(basename "$dir")"
	all=$((all + 1))
	if [ "$(cat "$dir/result" 2>/dev/null)" = pass ]; then
		allpass=$((allpass + 1))
		echo "pass $chart" >>"$scratch/tally"
		grep -qxF "$id" "$known" 2>/dev/null && { echo "now passing (remove from known failures): $id"; fixed=$((fixed + 1)); }
		continue
	fi
	echo "fail $chart" >>"$scratch/tally"
	if grep -qxF "$id" "$known" 2>/dev/null; then
		[ $verbose = 1 ] && echo "known failure: $id"
	else
		echo "FAIL: $id"
		new=$((new + 1))
		status=1
	fi
	if [ $verbose = 1 ]; then
		head -c 800 "$dir/stderr"
		cat "$dir/diff" 2>/dev/null
	fi
done <"$scratch/list"
awk '{ t[$2]++; if ($1 == "pass") p[$2]++ } END { for (c in t) printf "%-30s %2d / %2d\n", c, p[c], t[c] }' \
	"$scratch/tally" | sort
printf '%-30s %2d / %2d  (%d unexpected failures, %d known failures now passing)\n' \
	total "$allpass" "$all" "$new" "$fixed"
exit $status
