#!/usr/bin/env bats
# Bugs found across stages, each pinned by the smallest case that showed it.

load test_helper

mkchart() {
	mkdir -p "$BATS_TEST_TMPDIR/c/templates"
	printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >"$BATS_TEST_TMPDIR/c/Chart.yaml"
	printf '%s' "$1" >"$BATS_TEST_TMPDIR/c/templates/t.yaml"
}

@test "toJson of a Sprig certificate marshals its fields (was a crash)" {
	mkchart 'k: {{ $c := genCA "x" 1 }}{{ $c | toJson | fromJson | keys | sortAlpha | join "," }}'
	expect_status 0 helm template r "$BATS_TEST_TMPDIR/c"
	[[ "$output" == *"k: Cert,Key"* ]]
}
