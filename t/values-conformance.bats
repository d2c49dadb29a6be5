#!/usr/bin/env bats
# The values.jsonl vectors recorded from Helm 3.17.3 (strvals, coalesce, chart, order areas).
# Ids that fail today are listed in t/data/values-known-failures.txt; any other failure fails.
load test_helper

@test "values.jsonl: every case passes except the listed known failures" {
	[ -f "$SHARED/conformance/values.jsonl" ] || skip "no conformance corpus at $SHARED"
	run bash "$TOP/t/values-conformance.sh" "$SHARED/conformance/values.jsonl"
	echo "$output" | tail -8 | sed "s|^|# |" >&3
	[ "$status" -eq 0 ] || { echo "$output"; false; }
}

@test "values conformance runner: a wrong expectation is caught" {
	[ -f "$SHARED/conformance/values.jsonl" ] || skip "no conformance corpus at $SHARED"
	grep -m1 '"id": "strvals-001"' "$SHARED/conformance/values.jsonl" |
		sed 's/{\\"a\\":\\"b\\"}/{\\"a\\":\\"WRONG\\"}/; s/"a": "b"/"a": "WRONG"/' >"$BATS_TEST_TMPDIR/bad.jsonl"
	run bash "$TOP/t/values-conformance.sh" -k /dev/null "$BATS_TEST_TMPDIR/bad.jsonl"
	[ "$status" -eq 1 ]
	[[ "$output" == *"FAIL: strvals-001"* ]]
}
