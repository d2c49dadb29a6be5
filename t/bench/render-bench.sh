#!/bin/bash
# render-bench: wall time and peak memory of `helm template` on the largest corpus charts and
# on the generated workloads of $SHARED/bench (umbrella charts of N grafana copies, charts with
# K tpl calls), for our helm and, when it is installed, real Helm 3.17.3 in the same run.
# Each figure is the median of RUNS runs (default 5): wall time of the whole `helm template`,
# CPU time (user + system, the figure that stays meaningful on a loaded machine) and peak
# resident memory from /usr/bin/time.  Our helm is a pipeline of processes
# (dispatcher, helm-merge-values, helm-render), so its stages are measured one by one and the
# largest peak is shown.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$top/../shared}
runs=${RUNS:-5}
ours=$(command -v helm) || { echo "render-bench: our helm is not on PATH (make first)" >&2; exit 1; }
ref=/root/.cache/reference-helm/v3/layer/helm/helm
[ -x "$ref" ] || ref=$(sh "$shared/tools/reference-helm.sh" 2>/dev/null) || ref=
[ -n "$ref" ] && [ -x "$ref" ] || ref=
[ -x /usr/bin/time ] || { echo "render-bench: /usr/bin/time is needed" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median of the numbers on stdin
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure OUT CMD...: writes "SECONDS KIB CPU-SECONDS" (medians of $runs runs) to OUT; fails if
# CMD fails.
measure() {
	local out=$1 i t m u s
	shift
	: >"$work/t"
	: >"$work/m"
	: >"$work/c"
	for ((i = 0; i < runs; i++)); do
		/usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
			echo "FAILED: $*" >&2
			head -3 "$work/err" >&2
			return 1
		}
		read -r t m u s <"$work/time"
		echo "$t" >>"$work/t"
		echo "$m" >>"$work/m"
		awk -v u="$u" -v s="$s" 'BEGIN { print u + s }' >>"$work/c"
	done
	echo "$(median <"$work/t") $(median <"$work/m") $(median <"$work/c")" >"$out"
}

# Ours: wall time of the whole `helm template`; peak memory of the largest pipeline stage
# (each stage is its own process: the dispatcher, helm-merge-values, helm-render).
measure_ours() { # OUT DIR
	local out=$1 dir=$2 vt vm rt rm wall cpu
	measure "$work/v" helm-merge-values "$dir" || return 1
	helm-merge-values "$dir" >"$work/values.json" || return 1
	measure "$work/r" sh -c 'exec helm-render --name r "$1" <"$2"' sh "$dir" "$work/values.json" || return 1
	measure "$work/w" "$ours" template r "$dir" || return 1
	read -r vt vm _ <"$work/v"
	read -r rt rm _ <"$work/r"
	read -r wall _ cpu <"$work/w"
	echo "$wall $((vm > rm ? vm : rm)) $cpu" >"$out"
}

row() { # LABEL DIR
	local label=$1 dir=$2 ow om oc rw rm rc
	if ! measure_ours "$work/ours" "$dir"; then
		printf '%-15s ours: failed\n' "$label"
		return 1
	fi
	read -r ow om oc <"$work/ours"
	if [ -n "$ref" ] && measure "$work/ref" "$ref" template r "$dir"; then
		read -r rw rm rc <"$work/ref"
		awk -v l="$label" -v ow="$ow" -v om="$om" -v oc="$oc" -v rw="$rw" -v rm="$rm" -v rc="$rc" 'BEGIN {
			printf "%-15s ours %6.3fs cpu %6.3fs %6.1f MiB   helm %6.3fs cpu %6.3fs %6.1f MiB   wall x%.3f cpu x%.3f mem x%.2f\n",
				l, ow, oc, om / 1024, rw, rc, rm / 1024, (rw > 0 ? ow / rw : 0), (rc > 0 ? oc / rc : 0), om / rm }'
	else
		awk -v l="$label" -v ow="$ow" -v om="$om" -v oc="$oc" 'BEGIN {
			printf "%-15s ours %6.3fs cpu %6.3fs %6.1f MiB\n", l, ow, oc, om / 1024 }'
	fi
}

echo "median of $runs runs; wall and CPU (user+system) seconds, peak resident memory; ratios ours/helm"
[ -n "$ref" ] && echo "reference: $ref" || echo "reference Helm not found: ours only"
status=0
# the largest corpus charts by number of template files
for c in $(for d in "$shared"/charts/*/chart; do
		echo "$(find "$d" -path '*/templates/*' -type f | wc -l) $d"
	done | sort -rn | head -3 | cut -d' ' -f2); do
	row "$(basename "$(dirname "$c")")" "$c" || status=1
done
for n in 1 10 50 100; do
	sh "$shared/bench/gen-umbrella.sh" "$n" "$work/umbrella-$n" >/dev/null
	row "umbrella N=$n" "$work/umbrella-$n" || status=1
done
for k in 100 1000 5000; do
	sh "$shared/bench/gen-tpl.sh" "$k" "$work/tpl-$k" >/dev/null
	row "tpl K=$k" "$work/tpl-$k" || status=1
done
exit $status
