# Shared set-up for every t/*.bats file: the tools under test first on PATH, a scratch directory,
# and the read-only corpus beside the checkout.
TOP=$(cd "$BATS_TEST_DIRNAME/.." && pwd)
export PATH="${HELM_TEST_BIN:-$TOP/bin}:$PATH"
export SHARED=${SHARED:-$(cd "$TOP/../shared" 2>/dev/null && pwd)}
export HELM_HOME="$BATS_TEST_TMPDIR/helm-home"

# Runs a command and fails the test, showing its output, unless it exits with status $1.
expect_status() {
	local want=$1; shift
	run "$@"
	if [ "$status" -ne "$want" ]; then
		echo "command: $*" >&2
		echo "status $status, wanted $want; output:" >&2
		echo "$output" >&2
		return 1
	fi
}
