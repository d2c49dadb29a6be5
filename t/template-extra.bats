#!/usr/bin/env bats
# Extra template vectors found by differential testing against Helm 3.17.3
# (t/data/extra-templates.jsonl, same format as the shared templates.jsonl, every expectation
# recorded from the real binary), run by t/template-conformance.sh.  Ids that fail today are
# listed in t/data/template-extra-known-failures.txt; any other failure fails.
load test_helper

@test "extra-templates.jsonl: every case passes except the listed known failures" {
	run bash "$TOP/t/template-conformance.sh" -c "$TOP/t/data/extra-templates.jsonl" \
		-k "$TOP/t/data/template-extra-known-failures.txt"
	echo "$output" | tail -8 | sed "s|^|# |" >&3
	[ "$status" -eq 0 ] || { echo "$output"; false; }
}

# A chart whose manifests split oddly ("---" doubled, comment-only and empty documents, "..."),
# with hooks, a test and a CRD; goldens recorded from Helm 3.17.3 (`helm template r ./chart ARGS`).
@test "extra-charts/manifest-docs: helm template output equals Helm's, with and without flags" {
	cd "$TOP/t/data/extra-charts/manifest-docs"
	export HELM_RENDER_V3=1
	run helm template r ./chart
	[ "$status" -eq 0 ] && [ "$output" = "$(cat golden.txt)" ]
	run helm template r ./chart --include-crds --skip-tests
	[ "$status" -eq 0 ] && [ "$output" = "$(cat golden-crds-skip-tests.txt)" ]
	run helm template r ./chart --no-hooks
	[ "$status" -eq 0 ] && [ "$output" = "$(cat golden-no-hooks.txt)" ]
}

# expect_recorded FILE N VALUES: each of the N cases of FILE (JSON lines: template, status,
# output, recorded from Helm 3.17.3 as `helm template r c` of a chart c whose values.yaml is
# VALUES and whose one template is the case's) gives the same exit status and whole output.
expect_recorded() {
	local file=$1 n=$2 count=0 want
	mkdir -p "$BATS_TEST_TMPDIR/c/templates"
	cd "$BATS_TEST_TMPDIR"
	printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >c/Chart.yaml
	printf '%s' "$3" >c/values.yaml
	while IFS= read -r line; do
		jq -j .template <<<"$line" >c/templates/t.yaml
		want=$(jq -j .output <<<"$line")
		run helm template r c
		[ "$status" -eq "$(jq -r .status <<<"$line")" ] && [ "$output" = "$want" ] || {
			printf 'template: %s\nwant: %s\ngot:  %s\n' "$(jq .template <<<"$line")" "$want" "$output"
			return 1
		}
		count=$((count + 1))
	done <"$file"
	[ "$count" -eq "$n" ]
}

# Parse and execution errors name the line Helm names: Go's lexer leaves the newlines inside
# comments uncounted, its executor counts them all (t/data/error-lines.jsonl, no values).
@test "error-lines.jsonl: errors name the lines Helm names" {
	expect_recorded "$TOP/t/data/error-lines.jsonl" 27 ''
}

# Chains of fields (.Values.a.b.c) as Helm reads and runs them: where a failure is placed (line
# and column), which item a parse error names, bad characters inside a chain, numbers after a
# field (t/data/field-chains.jsonl).
@test "field-chains.jsonl: chains of fields behave as in Helm" {
	expect_recorded "$TOP/t/data/field-chains.jsonl" 33 $'a:\n  b: 1\nm: {}\n'
}
