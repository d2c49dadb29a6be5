#!/usr/bin/env bats
# helm-apply, helm-store, tiller-serve: later stages, only --help for now.
load test_helper

@test "stub tools answer --help and otherwise say they are not implemented" {
	for t in helm-apply helm-store tiller-serve; do
		expect_status 0 "$t" --help
		[[ "$output" == "Usage: $t"* ]]
		run "$t" anything
		[ "$status" -eq 2 ]
		[ "$output" = "$t: not implemented yet" ]
	done
}

@test "every tool has a man page" {
	for t in helm helm-package helm-apply helm-store tiller-serve; do
		[ -f "$TOP/man/man1/$t.1" ] || { echo "no man page for $t"; return 1; }
		if command -v man >/dev/null; then man -l "$TOP/man/man1/$t.1" >/dev/null; fi
	done
	[ -f "$TOP/man/man7/helm-pipeline.7" ]
}
