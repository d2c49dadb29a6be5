#!/usr/bin/env bats
# The second half of Sprig (regex, dates, encodings and crypto, semver, URLs, and the Go objects
# they return: time.Time, *semver.Version, sprig.certificate) through our `helm template`:
# t/data/sprig-ext-cases.jsonl was recorded from Helm 3.17.3 as the shared corpus's README
# describes (deterministic cases only).  The ids in t/data/sprig-ext-known-failures.txt fail
# today for reasons outside lib/sprig (engine argument checks of Go object types, nil slices);
# any other failure fails the test.
load test_helper

@test "sprig-ext-cases.jsonl: no unexpected failures" {
	run bash "$TOP/t/template-conformance.sh" -k "$TOP/t/data/sprig-ext-known-failures.txt" \
		-c "$TOP/t/data/sprig-ext-cases.jsonl"
	echo "$output" | tail -8 | sed "s|^|# |" >&3
	[ "$status" -eq 0 ] || { echo "$output"; false; }
}
