#!/usr/bin/env bats
# kube-sim against real Helm 3: the helm fidelity checks 22-38 of STANDIN-SPEC.md §10.
# One kube-sim serves checks 22-34 in order; 35 and 36 start their own with other options.

load test_helper
load kube-sim/helper

setup_file() {
	ks_tools
	ks_start "$BATS_FILE_TMPDIR/sim"
	ks_demo_chart "$BATS_FILE_TMPDIR"
	cp -r "$KS_TESTDATA/kinds" "$KS_TESTDATA/crdchart" "$KS_TESTDATA/cm.yaml" "$BATS_FILE_TMPDIR/"
}

teardown_file() {
	ks_stop
}

setup() {
	cd "$BATS_FILE_TMPDIR"
}

@test "check 22: install --wait deploys, runs and removes the hook Job" {
	SECONDS=0
	expect_status 0 h install r1 ./demo --wait --timeout 60s
	[ "$SECONDS" -le 15 ]
	[[ $output == *"STATUS: deployed"* ]]
	[[ $output == *"REVISION: 1"* ]]
	expect_status 0 h list
	echo "$output" | grep -E '^r1 ' | grep -q 'deployed.*demo-0.1.0'
	expect_status 0 k get jobs
	[ "$output" = "No resources found in default namespace." ]
}

@test "check 23: the release Secret has Helm 3's type, labels and encoding" {
	expect_status 0 k get secret sh.helm.release.v1.r1.v1 -o jsonpath='{.type} {.metadata.labels.owner} {.metadata.labels.status}'
	[ "$output" = "helm.sh/release.v1 helm deployed" ]
	st=$(k get secret sh.helm.release.v1.r1.v1 -o jsonpath='{.data.release}' | base64 -d | base64 -d | gunzip | jq -r .info.status)
	[ "$st" = deployed ]
}

@test "check 24: upgrade patches the ConfigMap and the Deployment" {
	expect_status 0 h upgrade r1 ./demo --set greeting=hey --set replicaCount=3 --wait --timeout 60s
	[[ $output == *"has been upgraded"* ]]
	[ "$(k get cm r1-demo-cfg -o jsonpath='{.data.greeting}')" = hey ]
	[ "$(k get deploy r1-demo -o jsonpath='{.spec.replicas}')" = 3 ]
}

@test "check 25: history shows superseded and deployed" {
	expect_status 0 h history r1
	echo "$output" | grep -E '^1 ' | grep -q 'superseded.*Install complete'
	echo "$output" | grep -E '^2 ' | grep -q 'deployed.*Upgrade complete'
}

@test "check 26: rollback restores revision 1" {
	expect_status 0 h rollback r1 1 --wait --timeout 60s
	[[ $output == *"Rollback was a success!"* ]]
	expect_status 0 h history r1
	echo "$output" | grep -E '^3 ' | grep -q 'deployed.*Rollback to 1'
	[ "$(k get cm r1-demo-cfg -o jsonpath='{.data.greeting}')" = hello ]
}

@test "check 27: status and get manifest" {
	expect_status 0 h status r1
	[[ $output == *"STATUS: deployed"* ]]
	expect_status 0 h get manifest r1
	[[ $output == *"kind: ConfigMap"* ]]
	[[ $output == *"name: r1-demo-cfg"* ]]
}

@test "check 28: template --validate uses discovery and openapi" {
	expect_status 0 h template r2 ./demo --validate
}

@test "check 29: install into a missing namespace, then --create-namespace" {
	expect_status 1 h install r3 ./demo -n newns
	[[ $output == *'namespaces "newns" not found'* ]]
	expect_status 0 h install r3 ./demo -n newns --create-namespace
	[[ $output == *"STATUS: deployed"* ]]
}

@test "check 30: the ConfigMap storage driver" {
	HELM_DRIVER=configmap expect_status 0 h install r4 ./demo
	[[ $output == *"STATUS: deployed"* ]]
	HELM_DRIVER=configmap expect_status 0 h list
	echo "$output" | grep -q '^r4 '
	[ "$(k get cm sh.helm.release.v1.r4.v1 -o jsonpath='{.data.release}' | head -c 4)" = H4sI ]
}

@test "check 31: every workload kind becomes ready for --wait --wait-for-jobs" {
	SECONDS=0
	expect_status 0 h install k1 ./kinds --wait --wait-for-jobs --timeout 60s
	[ "$SECONDS" -le 15 ]
	[[ $output == *"STATUS: deployed"* ]]
}

@test "check 32: a chart with a CRD and a custom resource" {
	expect_status 0 h install c1 ./crdchart
	[[ $output == *"STATUS: deployed"* ]]
	expect_status 0 h upgrade c1 ./crdchart --set size=3
	[ "$(k get widget c1-w -o jsonpath='{.spec.size}')" = 3 ]
	expect_status 0 h uninstall c1
	expect_status 0 k get crd widgets.example.com -o name
}

@test "check 33: helm test runs the test Pod to Succeeded" {
	expect_status 0 h test r1
	[[ $output == *"TEST SUITE:     r1-demo-test-connection"* ]]
	[[ $output == *"Phase:          Succeeded"* ]]
}

@test "check 34: uninstall --wait removes the release and its objects" {
	expect_status 0 h uninstall r1 --wait
	[[ $output == *'release "r1" uninstalled'* ]]
	expect_status 0 h list -a
	! echo "$output" | grep -q '^r1 '
	[ -z "$(k get secrets -o name | grep 'sh.helm.release.v1.r1\.')" ]
	# Helm 3 leaves hook Pods without a delete policy (the test Pod of check 33) on a real
	# cluster too; every object of the release manifest must be gone.
	expect_status 0 k get all
	! echo "$output" | grep 'r1-' | grep -vq 'r1-demo-test-connection'
}

@test "check 37: a failing pre-install hook fails the install" {
	expect_status 1 h install f1 ./demo --set failHook=true
	[[ $output == *"Error: INSTALLATION FAILED: failed pre-install: 1 error occurred:"* ]]
	[[ $output == *"* job f1-demo-preinstall failed: BackoffLimitExceeded"* ]]
	expect_status 0 h list -a
	echo "$output" | grep -E '^f1 ' | grep -q failed
}

@test "check 38: upgrade --atomic rolls back after a failing hook" {
	expect_status 0 h install f2 ./demo
	expect_status 1 h upgrade f2 ./demo --set failHook=true --atomic --timeout 30s
	[[ $output == *"UPGRADE FAILED: release f2 failed, and has been rolled back due to atomic being set"* ]]
	expect_status 0 h history f2
	echo "$output" | grep -E '^1 ' | grep -q superseded
	echo "$output" | grep -E '^2 ' | grep -q failed
	echo "$output" | grep -E '^3 ' | grep -q 'deployed.*Rollback to 1'
}

@test "check 35: without controllers --wait times out and the release is failed" {
	local main=$KS_DIR
	ks_start "$BATS_TEST_TMPDIR/noctl" --no-controllers
	expect_status 1 h install k2 ./kinds --wait --timeout 8s
	[[ $output == *"context deadline exceeded"* ]]
	expect_status 0 h list -a
	echo "$output" | grep -E '^k2 ' | grep -q failed
	ks_stop
	KS_DIR=$main
}

@test "check 36: a terminating namespace forbids new content" {
	local main=$KS_DIR
	ks_start "$BATS_TEST_TMPDIR/slowns" --namespace-delay 20
	expect_status 0 k create ns term
	expect_status 0 k delete ns term --wait=false
	expect_status 1 h install tt ./demo -n term
	[[ $output == *'Error: INSTALLATION FAILED: create: failed to create: secrets "sh.helm.release.v1.tt.v1" is forbidden: unable to create new content in namespace term because it is being terminated'* ]]
	expect_status 1 k create -f cm.yaml -n term
	[[ $output == *'Error from server (Forbidden): error when creating "cm.yaml": configmaps "cm1" is forbidden: unable to create new content in namespace term because it is being terminated'* ]]
	ks_stop
	KS_DIR=$main
}

@test "real charts: cert-manager (CRDs, RBAC names with colons) and ingress-nginx install; removed APIs fail as on a 1.32 cluster" {
	local main=$KS_DIR
	ks_start "$BATS_TEST_TMPDIR/charts"
	expect_status 0 h install cm "$SHARED/charts/cert-manager/chart" --set crds.enabled=true -n cm --create-namespace
	[[ $output == *"STATUS: deployed"* ]]
	expect_status 0 k get crd certificates.cert-manager.io -o name
	expect_status 0 h install ing "$SHARED/charts/ingress-nginx/chart" --wait --timeout 60s
	[[ $output == *"STATUS: deployed"* ]]
	expect_status 1 h install mc "$SHARED/charts/memcached/chart"
	[[ $output == *'no matches for kind "PodDisruptionBudget" in version "policy/v1beta1"'* ]]
	ks_stop
	KS_DIR=$main
}
