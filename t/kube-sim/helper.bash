# Shared by t/kube-sim*.bats: start and stop kube-sim, reach real kubectl and real Helm 3.
#
# The fidelity tests need clients nobody here wrote: real kubectl and Helm 3 from
# shared/tools/reference-helm.sh.  When they cannot be had the tests fail (never skip).

KS_TESTDATA="$BATS_TEST_DIRNAME/kube-sim/testdata"

# ks_tools: sets H (real helm) and KUBECTL (real kubectl), or fails.
ks_tools() {
	H=$(sh "$SHARED/tools/reference-helm.sh" 3) || { echo "real Helm 3 is not available" >&2; return 1; }
	KUBECTL="$(dirname "$(dirname "$H")")/kubectl/kubectl"
	[ -x "$H" ] && [ -x "$KUBECTL" ] || { echo "real helm/kubectl missing beside $H" >&2; return 1; }
	export H KUBECTL
}

# ks_start DIR [kube-sim options]: starts kube-sim on a free port (or $KS_LISTEN) with its
# files in DIR and points KUBECONFIG at it.  KS_PID, KS_DIR are set.
ks_start() {
	KS_DIR=$1
	shift
	mkdir -p "$KS_DIR"
	rm -f "$KS_DIR/kubeconfig"
	kube-sim --listen "${KS_LISTEN:-127.0.0.1:0}" --kubeconfig "$KS_DIR/kubeconfig" --log "$KS_DIR/requests.jsonl" "$@" \
		>>"$KS_DIR/kube-sim.out" 2>&1 3>&- &
	KS_PID=$!
	local i
	for i in $(seq 200); do
		[ -s "$KS_DIR/kubeconfig" ] && break
		kill -0 "$KS_PID" 2>/dev/null || { cat "$KS_DIR/kube-sim.out" >&2; return 1; }
		sleep 0.05
	done
	[ -s "$KS_DIR/kubeconfig" ] || { echo "kube-sim did not become ready" >&2; return 1; }
	export KUBECONFIG="$KS_DIR/kubeconfig" KS_PID KS_DIR
	export HELM_CACHE_HOME="$KS_DIR/helm/cache" HELM_CONFIG_HOME="$KS_DIR/helm/config" HELM_DATA_HOME="$KS_DIR/helm/data"
}

# ks_stop: SIGTERM, and a clean exit (under the sanitizers that also means no leaks).
ks_stop() {
	[ -n "${KS_PID:-}" ] || return 0
	kill -TERM "$KS_PID" 2>/dev/null || true
	local st=0
	wait "$KS_PID" || st=$?
	KS_PID=
	if [ "$st" -ne 0 ]; then
		echo "kube-sim exited with status $st:" >&2
		grep -v '^{' "$KS_DIR/kube-sim.out" | head -60 >&2
		return 1
	fi
}

k() { "$KUBECTL" --cache-dir="$KS_DIR/kcache" "$@"; }
h() { "$H" "$@"; }

# The server's base URL, from the kubeconfig.
ks_url() { sed -n 's/^ *server: //p' "$KS_DIR/kubeconfig"; }

# ks_demo_chart DIR: `helm create demo` plus the hook Job and ConfigMap of STANDIN-SPEC.md §10.
ks_demo_chart() {
	(cd "$1" && h create demo >/dev/null)
	cp "$KS_TESTDATA/pre-install-job.yaml" "$KS_TESTDATA/cm-template.yaml" "$1/demo/templates/"
}
