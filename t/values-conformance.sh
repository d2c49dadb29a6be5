#!/bin/bash
# Runs the values.jsonl conformance cases (recorded from Helm 3.17.3) against our helm.
#
# Usage: t/values-conformance.sh [-v] [-k KNOWN_FAILURES] [CASES.jsonl] [ID-or-AREA...]
#   -v   show why each failing case failed
#   -k   the list of ids expected to fail today (default t/data/values-known-failures.txt)
# Each case gets its own directory holding its chart and files; helm runs there with an empty
# HOME and TZ=UTC.  Compared: exit status; stdout (after $WORK substitution), or the parsed
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

# Writes the entries of a JSON object {path: content} (read from stdin) under directory $1.
write_files() {
	local dir=$1 path
	while IFS=$'\t' read -r path b64; do
		[ -n "$path" ] || continue
		mkdir -p "$dir/$(dirname "$path")"
		printf '%s' "$b64" | base64 -d >"$dir/$path"
	done < <(jq -r 'to_entries[] | [.key, (.value | @base64)] | @tsv')
}

# The probe documents of a `helm template` stdout as one JSON object {source: document}.
probe_docs() {
	jq -R -s -c '[splits("(^|\n)---\n# Source: ")] | map(select(length > 0)
		| capture("^(?<p>[^\n]*)\n(?<b>[\\s\\S]*)$") | {(.p): (.b | fromjson)}) | add // {}' 2>/dev/null
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

# Every file under out/, as expect_files lists them.
out_files() {
	local w=$1 f
	[ -d "$w/out" ] || { echo '{}'; return; }
	(cd "$w/out" && find . -type f | sed 's|^\./||' | sort) | while read -r f; do
		jq -n -c --arg k "$f" --arg v "$(cat "$w/out/$f"; echo x)" '{($k): ($v | .[:-1])}'
	done | jq -s -c 'add // {}'
}

declare -A area_pass area_fail is_known
if [ -f "$known" ]; then
	while read -r id _; do
		case $id in '' | '#'*) continue ;; esac
		is_known[$id]=1
	done <"$known"
fi
unexpected=0 fixed=0 n=0

while IFS= read -r line; do
	id=$(jq -r .id <<<"$line")
	area=$(jq -r .area <<<"$line")
	if [ ${#filters[@]} -gt 0 ]; then
		match=0
		for f in "${filters[@]}"; do [ "$f" = "$id" ] || [ "$f" = "$area" ] && match=1; done
		[ $match = 1 ] || continue
	fi
	n=$((n + 1))
	w="$scratch/$id"
	mkdir -p "$w/home"
	chart_path=$(jq -r '.chart.path // "chart"' <<<"$line")
	jq -c '.chart.files // {}' <<<"$line" | write_files "$w/$chart_path"
	jq -c '.files // {}' <<<"$line" | write_files "$w"
	mapfile -t cmd < <(jq -r '.command[] | @base64' <<<"$line" | while read -r a; do printf '%s\n' "$(printf '%s' "$a" | base64 -d)"; done)
	touch "$w/.start"
	(cd "$w" && env -i PATH="$PATH" HOME="$w/home" HELM_HOME="$w/home/.helm" TZ=UTC \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" \
		${timeout_bin:+$timeout_bin 60} "$helm" "${cmd[@]}" >"$w/.stdout" 2>"$w/.stderr" </dev/null)
	status=$?

	why=
	want_exit=$(jq -r .expect_exit <<<"$line")
	[ "$status" = "$want_exit" ] || why="exit status $status, wanted $want_exit"
	if [ -z "$why" ] && grep -q 'AddressSanitizer\|runtime error:\|LeakSanitizer' "$w/.stderr"; then
		why="sanitizer report on stderr"
	fi
	if [ -z "$why" ]; then
		if jq -e 'has("expect_json")' <<<"$line" >/dev/null; then
			got=$(probe_docs <"$w/.stdout")
			jq -e --argjson got "${got:-null}" '.expect_json == $got' <<<"$line" >/dev/null ||
				why="probe documents differ: got ${got:-unparsable stdout}"
		else
			want=$(jq -j --arg w "$w" '.expect_stdout | gsub("\\$WORK"; $w)' <<<"$line"; echo x)
			got=$(cat "$w/.stdout"; echo x)
			[ "$got" = "$want" ] || why="stdout differs"
		fi
	fi
	if [ -z "$why" ]; then
		want=$(jq -r --arg w "$w" '.expect_stderr_contains // "" | gsub("\\$WORK"; $w)' <<<"$line")
		[ -z "$want" ] || grep -qF -- "$want" "$w/.stderr" || why="stderr lacks: $want"
	fi
	if [ -z "$why" ] && jq -e 'has("expect_tgz")' <<<"$line" >/dev/null; then
		got=$(tgz_listing "$w")
		jq -e --argjson got "$got" '.expect_tgz == $got' <<<"$line" >/dev/null || why="archives differ: $got"
	fi
	if [ -z "$why" ] && jq -e 'has("expect_files")' <<<"$line" >/dev/null; then
		got=$(out_files "$w")
		jq -e --argjson got "$got" '.expect_files == $got' <<<"$line" >/dev/null || why="out/ files differ: $got"
	fi

	if [ -z "$why" ]; then
		area_pass[$area]=$((${area_pass[$area]:-0} + 1))
		if [ -n "${is_known[$id]:-}" ]; then
			echo "fixed: $id (listed as a known failure; remove it from the list)"
			fixed=$((fixed + 1))
		fi
	else
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
			[ "$why" = "stdout differs" ] && diff <(jq -j --arg w "$w" '.expect_stdout | gsub("\\$WORK"; $w)' <<<"$line") "$w/.stdout" | head -20 | sed 's/^/  /'
		fi
	fi
	rm -rf "$w"
done <"$cases"

total_pass=0 total_fail=0
for a in $(printf '%s\n' "${!area_pass[@]}" "${!area_fail[@]}" | sort -u); do
	printf '%-9s %4d passed %4d failed\n' "$a" "${area_pass[$a]:-0}" "${area_fail[$a]:-0}"
	total_pass=$((total_pass + ${area_pass[$a]:-0}))
	total_fail=$((total_fail + ${area_fail[$a]:-0}))
done
echo "values conformance: $n cases, $total_pass passed, $total_fail failed ($unexpected unexpected, $fixed known failures now passing)"
[ "$unexpected" -eq 0 ]
