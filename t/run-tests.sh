#!/bin/bash
# Runs every test against the binaries of a build tree: C unit tests, then t/*.bats.
# Usage: t/run-tests.sh BUILD   (BUILD/bin holds the tools, BUILD/t the unit tests)
set -u
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export HELM_TEST_BIN="$top/$build/bin"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
pass=0 fail=0
cd "$top" # unit tests find their data from the top of the checkout
for t in "$top/$build"/t/*_test; do
	[ -x "$t" ] || continue
	if "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "unit test failed: $t"; fi
done
echo "unit tests: $pass passed, $fail failed"
out=$(mktemp)
bats --tap "$top"/t/*.bats | tee "$out"
bpass=$(grep -c '^ok ' "$out")
bfail=$(grep -c '^not ok ' "$out")
rm -f "$out"
pass=$((pass + bpass)) fail=$((fail + bfail))
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
