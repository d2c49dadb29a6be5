#!/bin/bash
# Runs the template engine vectors (templates.jsonl, recorded from Helm 3.17.3) through our
# `helm template`, the way the vectors' README captured them:
#   - a case with `expect`/`expect_regex`: templates/t.yaml = "BEGIN|" + template + "|END" beside
#     an invalid templates/zzzz-bad.yaml, rendered with --debug, so that the failing YAML check
#     prints every rendered file raw; the text between the markers is compared exactly;
#   - a case with `expect_error`: the template as is, without --debug; stderr is normalised as
#     the README says and compared with `expect_error`.
# HELM_RENDER_V3=1 is set: the vectors come from Helm 3 (.Release.Service "Helm").
#
# Usage: t/template-conformance.sh [-v] [-k KNOWN_FAILURES] [-j JOBS] [-c CASES] [ID-or-AREA...]
#   -v   show expected and actual output of each failing case
#   -k   ids expected to fail today (default t/data/template-known-failures.txt)
#   -c   the vectors file (default $SHARED/conformance/templates.jsonl)
# Prints failing ids, then pass counts per area.  Exits 1 when a case fails that is not listed
# as a known failure; a listed case that passes is reported (so the list can shrink).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)

# --one DIR: runs the case prepared in DIR and writes DIR/result ("pass" or "fail").
if [ "${1:-}" = --one ]; then
	d=$2
	cd "$d" || exit 1
	read -r mode <mode
	mapfile -d '' args <args
	IFS= read -r -d '' expect <expect
	if [ "$mode" = error ]; then
		helm template "${args[@]}" >stdout 2>stderr && { echo fail >result; exit 0; }
		jq -Rrsj 'sub("^Error: "; "") | sub("\n$"; "")
			| sub("\n\nUse --debug flag to render out invalid YAML$"; "")
			| gsub("template: [^\\s:]+(?::\\d+)?(?::\\d+)?: (?:executing \"[^\"]*\" at <[^>]*>: )?|parse error at \\([^)]*\\): "; "")' \
			<stderr >actual
		cmp -s actual expect && echo pass >result || echo fail >result
		exit 0
	fi
	helm template "${args[@]}" --debug >stdout 2>stderr
	IFS= read -r -d '' out <stdout
	hdr=$'---\n# Source: mychart/templates/t.yaml\nBEGIN|'
	if [[ $out != *"$hdr"* ]]; then
		: >actual
		echo fail >result
		exit 0
	fi
	body=${out#*"$hdr"}
	body=${body%%$'|END\n---\n# Source: '*}
	body=${body%$'|END\n'}
	printf '%s' "$body" >actual
	if [ "$mode" = regex ]; then
		ok=$(jq -n --rawfile out actual --rawfile re expect '$out | test("\\A(?:" + $re + ")\\z")' 2>/dev/null)
		[ "$ok" = true ] && echo pass >result || echo fail >result
	else
		[ "$body" = "$expect" ] && echo pass >result || echo fail >result
	fi
	exit 0
fi

verbose=0 jobs=$(nproc 2>/dev/null || echo 2)
known="$top/t/data/template-known-failures.txt"
cases="${SHARED:-$top/../shared}/conformance/templates.jsonl"
while getopts vk:j:c: opt; do
	case $opt in
	v) verbose=1 ;;
	k) known=$OPTARG ;;
	j) jobs=$OPTARG ;;
	c) cases=$OPTARG ;;
	*) echo "usage: $0 [-v] [-k KNOWN] [-j JOBS] [-c CASES] [ID-or-AREA...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
command -v helm >/dev/null || { echo "helm not found on PATH" >&2; exit 2; }
export HELM_RENDER_V3=1 HOME=${TMPDIR:-/tmp} TZ=UTC

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# One jq pass writes a script that lays every selected case out under $scratch/ID/.
filter='[]'
[ $# -eq 0 ] || filter=$(printf '%s\n' "$@" | jq -R . | jq -s -c .)
jq -r --argjson only "$filter" '
	select(($only | length) == 0 or (.id as $i | .area as $a | $only | index($i) or index($a)))
	| (if .expect_error then "error" elif .expect_regex then "regex" else "wrapped" end) as $mode
	| "c \(.id | @sh) \(.area | @sh) \($mode)",
	  "f Chart.yaml \(.chart_yaml | @sh)",
	  "f values.yaml \(.values_yaml | @sh)",
	  (if $mode == "error" then "f templates/t.yaml \(.template | @sh)"
	   else "f templates/t.yaml \("BEGIN|" + .template + "|END" | @sh)",
	        "f templates/zzzz-bad.yaml \("a: b: c" | @sh)" end),
	  ((.files // {}) | to_entries[] | "f \(.key | @sh) \(.value | @sh)"),
	  "a \([.release.name, "./mychart", "--namespace", .release.namespace] + (.flags // []) | map(@sh) | join(" "))",
	  "e \((.expect_error // .expect_regex // .expect) | @sh)"
' "$cases" >"$scratch/layout.sh" || exit 2
(
	cd "$scratch" || exit 1
	c() { d=$PWD/cases/$1; mkdir -p "$d/mychart/templates"; printf '%s' "$2" >"$d/area"; printf '%s' "$3" >"$d/mode"; }
	f() { local p=$d/mychart/$1; [ -d "${p%/*}" ] || mkdir -p "${p%/*}"; printf '%s' "$2" >"$p"; }
	a() { printf '%s\0' "$@" >"$d/args"; }
	e() { printf '%s' "$1" >"$d/expect"; }
	mkdir -p cases
	. ./layout.sh
)
[ -d "$scratch/cases" ] && [ -n "$(ls "$scratch/cases")" ] || { echo "no cases selected" >&2; exit 2; }

ls "$scratch/cases" | sed "s|^|$scratch/cases/|" | xargs -P "$jobs" -n 1 bash "$0" --one

status=0 new=0 fixed=0
declare -A pass total is_known
while read -r id; do [ -n "$id" ] && is_known[$id]=1; done <"$known"
for d in "$scratch"/cases/*; do
	id=${d##*/}
	read -r area <"$d/area"
	result=
	[ -f "$d/result" ] && read -r result <"$d/result"
	total[$area]=$((${total[$area]:-0} + 1))
	if [ "$result" = pass ]; then
		pass[$area]=$((${pass[$area]:-0} + 1))
		if [ -n "${is_known[$id]:-}" ]; then
			echo "now passing (remove from known failures): $id"
			fixed=$((fixed + 1))
		fi
		continue
	fi
	if [ -n "${is_known[$id]:-}" ]; then
		[ $verbose = 1 ] || continue
		echo "known failure: $id"
	else
		echo "FAIL: $id"
		new=$((new + 1))
		status=1
	fi
	if [ $verbose = 1 ]; then
		echo "  args: $(tr '\0' ' ' <"$d/args")"
		echo "  expected: $(jq -Rs . <"$d/expect")"
		echo "  actual:   $(jq -Rs . <"$d/actual" 2>/dev/null)"
		echo "  stderr:   $(head -c 600 "$d/stderr" | jq -Rs .)"
	fi
done
all=0 allpass=0
for area in $(printf '%s\n' "${!total[@]}" | sort); do
	printf '%-16s %4d / %4d\n' "$area" "${pass[$area]:-0}" "${total[$area]}"
	all=$((all + total[$area])) allpass=$((allpass + ${pass[$area]:-0}))
done
printf '%-16s %4d / %4d  (%d unexpected failures, %d known failures now passing)\n' \
	total "$allpass" "$all" "$new" "$fixed"
exit $status
