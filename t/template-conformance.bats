#!/usr/bin/env bats
# The template engine vectors recorded from Helm 3.17.3 (templates.jsonl), run through our
# `helm template` by t/template-conformance.sh.  Ids that fail today are listed in
# t/data/template-known-failures.txt; any other failure fails.
load test_helper

@test "templates.jsonl: every case passes except the listed known failures" {
	[ -f "$SHARED/conformance/templates.jsonl" ] || skip "no conformance corpus at $SHARED"
	run bash "$TOP/t/template-conformance.sh"
	echo "$output" | tail -26 | sed "s|^|# |" >&3
	[ "$status" -eq 0 ] || { echo "$output"; false; }
}

@test "template conformance runner: a wrong expectation is caught, a right one passes" {
	[ -f "$SHARED/conformance/templates.jsonl" ] || skip "no conformance corpus at $SHARED"
	grep -m1 '"id": "helm-objects-007"' "$SHARED/conformance/templates.jsonl" >"$BATS_TEST_TMPDIR/good.jsonl"
	sed 's|"expect": "mychart/templates/t.yaml"|"expect": "WRONG"|' "$BATS_TEST_TMPDIR/good.jsonl" >"$BATS_TEST_TMPDIR/bad.jsonl"
	run bash "$TOP/t/template-conformance.sh" -k /dev/null -c "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 1 ]
	[[ "$output" == *"FAIL: helm-objects-007"* ]]
	run bash "$TOP/t/template-conformance.sh" -k /dev/null -c "$BATS_TEST_TMPDIR/good.jsonl"
	[ "$status" -eq 0 ]
}
