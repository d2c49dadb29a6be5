#!/usr/bin/env bats
# The demo runs to the end.
load test_helper

@test "make demo's script runs to the end" {
	run bash "$TOP/t/demo.sh"
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[[ "$output" == *"Successfully packaged chart and saved it to: dist/hello-world-1.0.0.tgz"* ]]
	[[ "$output" == *"<h1>Hello demo</h1>"* ]]
	[[ "$output" == *"The demo ran to the end." ]]
}
