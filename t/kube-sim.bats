#!/usr/bin/env bats
# kube-sim against real kubectl: the kubectl fidelity checks 1-21 of STANDIN-SPEC.md §10.
# One kube-sim serves the whole file; the checks run in order and build on each other
# (cm1 from check 5 is labelled in 11, watched in 16 ...).

load test_helper
load kube-sim/helper

setup_file() {
	ks_tools
	ks_start "$BATS_FILE_TMPDIR/sim"
	cp "$KS_TESTDATA"/*.yaml "$BATS_FILE_TMPDIR/"
}

teardown_file() {
	ks_stop
}

setup() {
	cd "$BATS_FILE_TMPDIR"
}

@test "check 1: kubectl version shows the server version" {
	expect_status 0 k version
	[[ $output == *"Server Version: v1.32."* ]]
}

@test "check 2: kubectl api-versions lists the 21 group-versions" {
	expect_status 0 k api-versions
	[ "$(echo "$output" | wc -l)" -eq 21 ]
	echo "$output" | grep -qx 'apps/v1'
	echo "$output" | grep -qx 'autoscaling/v2'
	echo "$output" | grep -qx 'v1'
}

@test "check 3: kubectl api-resources shows names, short names, kinds" {
	expect_status 0 k api-resources
	echo "$output" | head -1 | grep -Eq '^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND'
	echo "$output" | grep -Eq '^deployments +deploy +apps/v1 +true +Deployment'
}

@test "check 4: kubectl get ns lists the seeded namespaces" {
	expect_status 0 k get ns
	for ns in default kube-node-lease kube-public kube-system; do
		echo "$output" | grep -q "^$ns "
	done
}

@test "check 5: create, then AlreadyExists" {
	expect_status 0 k create -f cm.yaml
	[ "$output" = "configmap/cm1 created" ]
	expect_status 1 k create -f cm.yaml
	[[ $output == *'Error from server (AlreadyExists): error when creating "cm.yaml": configmaps "cm1" already exists'* ]]
}

@test "check 6: get of a missing object is NotFound" {
	expect_status 1 k get cm nope
	[[ $output == *'Error from server (NotFound): configmaps "nope" not found'* ]]
}

@test "check 7: create in a missing namespace" {
	expect_status 1 k create -f cm.yaml -n nons
	[[ $output == *'Error from server (NotFound): error when creating "cm.yaml": namespaces "nons" not found'* ]]
}

@test "check 8: apply creates, configures, bumps generation, then is unchanged" {
	expect_status 0 k apply -f dep.yaml
	[ "$output" = "deployment.apps/web created" ]
	expect_status 0 k apply -f dep2.yaml
	[ "$output" = "deployment.apps/web configured" ]
	expect_status 0 k get deploy web -o jsonpath='{.metadata.generation}'
	[ "$output" = 2 ]
	# wait for the controller to settle so that status writes do not move the resourceVersion
	k rollout status deploy/web --timeout=20s
	rv=$(k get deploy web -o jsonpath='{.metadata.resourceVersion}')
	expect_status 0 k apply -f dep2.yaml
	[ "$output" = "deployment.apps/web unchanged" ]
	[ "$(k get deploy web -o jsonpath='{.metadata.resourceVersion}')" = "$rv" ]
}

@test "check 9: strategic merge patch merges containers by name" {
	expect_status 0 k patch deploy web -p '{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"busybox:2"}]}}}}'
	expect_status 0 k get deploy web -o jsonpath='{range .spec.template.spec.containers[*]}{.name}={.image} {end}'
	[ "$output" = "main=nginx:1.26 side=busybox:2 " ]
}

@test "check 10: merge patch and JSON patch; a failing JSON patch is 422" {
	expect_status 0 k patch cm cm1 --type merge -p '{"data":{"b":"2"}}'
	expect_status 0 k patch cm cm1 --type json -p '[{"op":"remove","path":"/data/a"}]'
	expect_status 0 k get cm cm1 -o jsonpath='{.data}'
	[ "$output" = '{"b":"2"}' ]
	expect_status 1 k patch cm cm1 --type json -p '[{"op":"remove","path":"/data/a"}]'
	[[ $output == *"The request is invalid: the server rejected our request due to an error in our request"* ]]
}

@test "check 11: label, annotate, label selectors" {
	expect_status 0 k label cm cm1 tier=x
	[ "$output" = "configmap/cm1 labeled" ]
	expect_status 0 k annotate cm cm1 note=hi
	[ "$output" = "configmap/cm1 annotated" ]
	expect_status 0 k get cm -l 'tier in (x,y),app!=foo'
	echo "$output" | grep -q '^cm1 '
	expect_status 0 k get cm -l tier=z
	[ "$output" = "No resources found in default namespace." ]
}

@test "check 12: replace with a stale resourceVersion is a Conflict" {
	k get cm cm1 -o yaml >old.yaml
	k label cm cm1 z=1
	expect_status 1 k replace -f old.yaml
	[[ $output == *"Error from server (Conflict): "*"the object has been modified; please apply your changes to the latest version and try again"* ]]
}

@test "check 13: server-side apply creates and re-applies" {
	expect_status 0 k apply --server-side -f cm2.yaml
	[ "$output" = "configmap/cm2 serverside-applied" ]
	expect_status 0 k apply --server-side -f cm2.yaml
	[ "$output" = "configmap/cm2 serverside-applied" ]
}

@test "check 14: server-side dry run of a protobuf create stores nothing" {
	expect_status 0 k create cm dr --from-literal=x=y --dry-run=server -o name
	[ "$output" = "configmap/dr" ]
	expect_status 1 k get cm dr
	[[ $output == *'configmaps "dr" not found'* ]]
}

@test "check 15: namespace create (protobuf) and delete" {
	expect_status 0 k create ns foo
	[ "$output" = "namespace/foo created" ]
	SECONDS=0
	expect_status 0 timeout 20 "$KUBECTL" --cache-dir="$KS_DIR/kcache" delete ns foo
	[ "$output" = 'namespace "foo" deleted' ]
	[ "$SECONDS" -le 10 ]
	expect_status 1 k get ns foo
	[[ $output == *'namespaces "foo" not found'* ]]
}

@test "check 16: watch shows added, modified, deleted" {
	"$KUBECTL" --cache-dir="$KS_DIR/kcache" get cm -w >w1.out 2>&1 3>&- &
	p1=$!
	"$KUBECTL" --cache-dir="$KS_DIR/kcache" get cm -w -o json --output-watch-events >w2.out 2>&1 3>&- &
	p2=$!
	for i in $(seq 150); do grep -q '^cm1 ' w1.out && grep -q '"ADDED"' w2.out && break; sleep 0.1; done
	k label cm cm1 w=1
	k delete cm cm1
	for i in $(seq 150); do [ "$(grep -c '^cm1 ' w1.out)" -ge 3 ] && grep -q '"DELETED"' w2.out && break; sleep 0.1; done
	kill "$p1" "$p2"
	wait "$p1" "$p2" || true
	[ "$(grep -c '^cm1 ' w1.out)" -eq 3 ]
	grep -q '"type": *"ADDED"' w2.out
	grep -q '"type": *"MODIFIED"' w2.out
	grep -q '"type": *"DELETED"' w2.out
}

@test "check 17: rollout status and wait for Available" {
	expect_status 0 k rollout status deploy/web --timeout=20s
	[[ $output == *'deployment "web" successfully rolled out'* ]]
	expect_status 0 k wait --for=condition=Available deploy/web --timeout=20s
	[[ $output == *"condition met"* ]]
}

@test "check 18: deleting a Deployment garbage-collects its ReplicaSets" {
	[ -n "$(k get rs -o name)" ]
	expect_status 0 k delete -f dep.yaml
	[ "$output" = 'deployment.apps "web" deleted' ]
	expect_status 0 k get rs
	[ "$output" = "No resources found in default namespace." ]
}

@test "check 19: a CRD becomes Established and its kind is served" {
	expect_status 0 k apply -f widgets-crd.yaml
	for i in $(seq 50); do
		st=$(k get crd widgets.example.com -o jsonpath='{.status.conditions[?(@.type=="Established")].status}')
		[ "$st" = True ] && break
		sleep 0.2
	done
	[ "$st" = True ]
	expect_status 0 k apply -f w1.yaml
	expect_status 0 k get wd
	echo "$output" | grep -q '^w1 '
}

@test "check 20: kubectl diff runs a server-side dry run" {
	k apply -f dep.yaml
	expect_status 1 k diff -f dep2.yaml
	[[ $output == *"-      - image: nginx:1.25"* ]]
	[[ $output == *"+      - image: nginx:1.26"* ]]
	# the dry run stored nothing
	[ "$(k get deploy web -o jsonpath='{.spec.template.spec.containers[0].image}')" = nginx:1.25 ]
}

@test "check 21: TLS with a bearer token and with a client certificate" {
	local main=$KS_DIR
	ks_start "$BATS_TEST_TMPDIR/tls" --tls
	grep -q 'server: https://127.0.0.1:' "$KUBECONFIG"
	grep -q 'certificate-authority-data:' "$KUBECONFIG"
	expect_status 0 k get ns
	echo "$output" | grep -q '^default '
	grep '"path":"/api/v1/namespaces"' "$KS_DIR/requests.jsonl" | grep -q '"auth":"token"'
	expect_status 0 k --context kube-sim-cert get ns
	grep '"path":"/api/v1/namespaces"' "$KS_DIR/requests.jsonl" | grep -q '"auth":"certificate"'
	ks_stop
	KS_DIR=$main
}
