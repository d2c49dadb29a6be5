#!/usr/bin/env bats
# The real-chart corpus with goldens from Helm 3.17.3 (charts/*/cases.json), run through our
# `helm template` by t/charts-corpus.sh.  Cases that fail today are listed in
# t/data/charts-known-failures.txt; any other failure fails.
load test_helper

@test "chart corpus: every case passes except the listed known failures" {
	[ -d "$SHARED/charts" ] || skip "no chart corpus at $SHARED"
	run bash "$TOP/t/charts-corpus.sh"
	echo "$output" | tail -40 | sed "s|^|# |" >&3
	[ "$status" -eq 0 ] || { echo "$output"; false; }
}
