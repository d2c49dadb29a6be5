#!/bin/bash
# Runs the values.jsonl conformance cases (recorded from Helm 3.17.3) against our helm.
#
# Usage: t/values-conformance.sh [-v] [-k KNOWN_FAILURES] [CASES.jsonl] [ID-or-AREA...]
#   -v   show why each failing case failed
#   -k   the list of ids expected to fail today (default t/data/values-known-failures.txt)
# Each case gets its own directory holding its chart and files; helm runs there with an empty
# HOME, TZ=UTC and HELM_RENDER_V3=1 (the vectors are Helm 3's: .Release.Service "Helm").  Compared: exit status; stdout (after $WORK substitution), or the parsed
# probe documents for expect_json cases, or produced archives (expect_tgz) / files under out/
# (expect_files); and expect_stderr_contains as a substring of stderr.
# Prints one line per failing case, then counts per area.  Exits 1 when a case fails that is
# not listed as a known failure (a listed case that passes is reported, not an error).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
verbose=0
known="$top/t/data/values-known-failures.txt"
while getopts vk: opt; do
	case $opt in
	v) verbose=1 ;;
	k) known=$OPTARG ;;
	*) echo "usage: $0 [-v] [-k KNOWN] [CASES.jsonl] [ID-or-AREA...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
cases="${SHARED:-$top/../shared}/conformance/values.jsonl"
if [ $# -gt 0 ] && [ -f "$1" ]; then cases=$1; shift; fi
filters=("$@")
helm=$(command -v helm) || { echo "helm not found on PATH" >&2; exit 2; }
timeout_bin=$(command -v timeout || true)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The probe documents of a `helm template` stdout as one JSON object {source: document};
# fails unless they equal $1.
probe_docs() {
	jq -R -s -c -e --argjson want "$1" '([splits("(^|\n)---\n# Source: ")] | map(select(length > 0)
		| capture("^(?<p>[^\n]*)\n(?<b>[\\s\\S]*)$") | {(.p): (.b | fromjson)}) | add // {}) as $got
		| $got, ($got == $want)' 2>/dev/null | head -1
	return "${PIPESTATUS[0]}"
}

# Archives produced in the case directory, as expect_tgz lists them.
tgz_listing() {
	local w=$1 f top
	(cd "$w" && find . -name '*.tgz' -newer "$w/.start" | sed 's|^\./||' | sort) | while read -r f; do
		top=$(tar -tzf "$w/$f" | head -1 | cut -d/ -f1)
		jq -n -c --arg file "$f" --arg chart "$(tar -xzOf "$w/$f" "$top/Chart.yaml" 2>/dev/null; echo x)" \
			--argjson entries "$(tar -tzf "$w/$f" | grep -v '/$' | sort | jq -R . | jq -s -c .)" \
			'{file: $file, entries: $entries, "Chart.yaml": ($chart | .[:-1])}'
	done | jq -s -c .
}

# Every file under out/, as expect_files lists them ("out/PATH": content).
out_files() {
	local w=$1 f
	[ -d "$w/out" ] || { echo '{}'; return; }
	(cd "$w" && find out -type f | sort) | while read -r f; do
		jq -n -c --arg k "$f" --arg v "$(cat "$w/$f"; echo x)" '{($k): ($v | .[:-1])}'
	done | jq -s -c 'add // {}'
}

# One jq pass turns the cases into a shell script of calls to the functions below (jq starts
# slowly: once per case would dominate the run).
script() {
	jq -r '
		"begin \([.id, .area, .expect_exit | tostring] | @sh)",
		((.chart.path // "chart") as $p | (.chart.files // {}) | to_entries[] | "put \(["\($p)/\(.key)", .value] | @sh)"),
		((.files // {}) | to_entries[] | "put \([.key, .value] | @sh)"),
		"cmd=(\(.command | @sh))",
		(to_entries[] | select(.key | IN("expect_stdout", "expect_stderr_contains")) | "want[\(.key)]=\(.value | @sh)"),
		(to_entries[] | select(.key | IN("expect_json", "expect_tgz", "expect_files")) | "want[\(.key)]=\(.value | tojson | @sh)"),
		"end_case"' "$cases"
}

declare -A want area_pass area_fail is_known
if [ -f "$known" ]; then
	while read -r id _; do
		case $id in '' | '#'*) continue ;; esac
		is_known[$id]=1
	done <"$known"
fi
unexpected=0 fixed=0 n=0
run_case() {
	if [ ${#filters[@]} -gt 0 ]; then
		local match=0 f
		for f in "${filters[@]}"; do [ "$f" = "$id" ] || [ "$f" = "$area" ] && match=1; done
		[ $match = 1 ] || return 0
	fi
	n=$((n + 1))
	touch "$w/.start"
	(cd "$w" && env -i PATH="$PATH" HOME="$w/home" HELM_HOME="$w/home/.helm" TZ=UTC HELM_RENDER_V3=1 \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" \
		${timeout_bin:+$timeout_bin 60} "$helm" "${cmd[@]}" >"$w/.stdout" 2>"$w/.stderr" </dev/null)
	local status=$? why= got exp
	[ "$status" = "$want_exit" ] || why="exit status $status, wanted $want_exit"
	if [ -z "$why" ] && grep -q 'AddressSanitizer\|runtime error:\|LeakSanitizer' "$w/.stderr"; then
		why="sanitizer report on stderr"
	fi
	if [ -z "$why" ]; then
		if [ -n "${want[expect_json]:-}" ]; then
			got=$(probe_docs "${want[expect_json]}" <"$w/.stdout") ||
				why="probe documents differ: got ${got:-unparsable stdout}"
		else
			exp="${want[expect_stdout]:-}"
			exp=${exp//\$WORK/$w}
			got=$(cat "$w/.stdout"; echo x)
			[ "${got%x}" = "$exp" ] || why="stdout differs"
		fi
	fi
	if [ -z "$why" ] && [ -n "${want[expect_stderr_contains]:-}" ]; then
		exp=${want[expect_stderr_contains]//\$WORK/$w}
		grep -qF -- "$exp" "$w/.stderr" || why="stderr lacks: $exp"
	fi
	if [ -z "$why" ] && [ -n "${want[expect_tgz]:-}" ]; then
		got=$(tgz_listing "$w")
		jq -n -e --argjson got "$got" --argjson want "${want[expect_tgz]}" '$want == $got' >/dev/null ||
			why="archives differ: $got"
	fi
	if [ -z "$why" ] && [ -n "${want[expect_files]:-}" ]; then
		got=$(out_files "$w")
		jq -n -e --argjson got "$got" --argjson want "${want[expect_files]}" '$want == $got' >/dev/null ||
			why="out/ files differ: $got"
	fi

	if [ -z "$why" ]; then
		area_pass[$area]=$((${area_pass[$area]:-0} + 1))
		if [ -n "${is_known[$id]:-}" ]; then
			echo "fixed: $id (listed as a known failure; remove it from the list)"
			fixed=$((fixed + 1))
		fi
		return 0
	fi
	area_fail[$area]=$((${area_fail[$area]:-0} + 1))
	if [ -n "${is_known[$id]:-}" ]; then
		[ $verbose = 1 ] && echo "known failure: $id: $why"
	else
		echo "FAIL: $id: $why"
		unexpected=$((unexpected + 1))
	fi
	if [ $verbose = 1 ]; then
		echo "  command: helm ${cmd[*]}"
		sed 's/^/  stderr: /' "$w/.stderr" | head -5
		[ "$why" = "stdout differs" ] && diff <(printf '%s' "${want[expect_stdout]//\$WORK/$w}") "$w/.stdout" | head -20 | sed 's/^/  /'
	fi
	return 0
}

begin() {
	id=$1 area=$2 want_exit=$3 cmd=() want=()
	w="$scratch/$id"
	mkdir -p "$w/home"
}

put() {
	[ -d "$(dirname "$w/$1")" ] || mkdir -p "$(dirname "$w/$1")"
	printf '%s' "$2" >"$w/$1"
}

end_case() {
	run_case
	rm -rf "$w"
}

source <(script)

total_pass=0 total_fail=0
for a in $(printf '%s\n' "${!area_pass[@]}" "${!area_fail[@]}" | sort -u); do
	printf '%-9s %4d passed %4d failed\n' "$a" "${area_pass[$a]:-0}" "${area_fail[$a]:-0}"
	total_pass=$((total_pass + ${area_pass[$a]:-0}))
	total_fail=$((total_fail + ${area_fail[$a]:-0}))
done
echo "values conformance: $n cases, $total_pass passed, $total_fail failed ($unexpected unexpected, $fixed known failures now passing)"
[ "$unexpected" -eq 0 ]
