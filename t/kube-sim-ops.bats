#!/usr/bin/env bats
# kube-sim's own features: command line, policy and impersonation, faults, the request log,
# the journal surviving kill -9, watch details, and bad input answered like the real server.

load test_helper
load kube-sim/helper

setup() {
	ks_tools
	cd "$BATS_TEST_TMPDIR"
	cp "$KS_TESTDATA"/*.yaml .
}

teardown() {
	ks_stop
}

# api METHOD PATH [curl args]: a raw request; prints the body, then the status code on a line.
api() {
	local m=$1 p=$2
	shift 2
	curl -sS -k -X "$m" -w '\n%{http_code}\n' "$(ks_url)$p" "$@"
}

@test "kube-sim --help and usage errors" {
	expect_status 0 kube-sim --help
	[[ $output == *"usage: kube-sim --listen"* ]]
	expect_status 2 kube-sim --bogus
	expect_status 2 kube-sim --listen 127.0.0.1:0
	expect_status 2 kube-sim --listen nowhere --kubeconfig x
}

@test "policy: tokens identify users, rules grant verbs per resource and namespace" {
	ks_start "$BATS_TEST_TMPDIR/sim" --tls --policy policy.yaml
	expect_status 0 k --token alice-token create -f cm.yaml
	expect_status 0 k --token alice-token get cm cm1 -o name
	expect_status 1 k --token alice-token delete cm cm1
	[[ $output == *'Error from server (Forbidden): configmaps "cm1" is forbidden: User "alice" cannot delete resource "configmaps" in API group "" in the namespace "default"'* ]]
	expect_status 1 k --token alice-token get secrets
	[[ $output == *'secrets is forbidden: User "alice" cannot list resource "secrets" in API group "" in the namespace "default"'* ]]
	expect_status 1 k --token alice-token get ns
	[[ $output == *'User "alice" cannot list resource "namespaces" in API group "" at the cluster scope'* ]]
	expect_status 0 k --token bob-token get secrets
	expect_status 1 k --token bob-token create -f cm2.yaml
	[[ $output == *'User "bob" cannot create resource "configmaps"'* ]]
	expect_status 1 k --token nobody get cm
	[[ $output == *"Unauthorized"* ]]
	expect_status 0 k get ns   # the kubeconfig's own token is the admin's
}

@test "policy: client certificates carry user and groups" {
	ks_start "$BATS_TEST_TMPDIR/sim" --tls --policy policy.yaml --cert-user carol,devs
	expect_status 0 k --context kube-sim-cert create -f cm.yaml
	expect_status 1 k --context kube-sim-cert get secrets
	[[ $output == *'User "carol" cannot list resource "secrets"'* ]]
	grep '"user":"carol"' "$KS_DIR/requests.jsonl" | grep -q '"auth":"certificate"'
}

@test "impersonation is honoured only for users allowed to impersonate" {
	ks_start "$BATS_TEST_TMPDIR/sim" --tls --policy policy.yaml
	expect_status 0 k --token imp-token --as alice create -f cm.yaml
	grep '"method":"POST"' "$KS_DIR/requests.jsonl" | grep -q '"user":"alice"'
	expect_status 1 k --token imp-token --as alice get secrets
	[[ $output == *'User "alice" cannot list resource "secrets"'* ]]
	expect_status 0 k --token imp-token --as someone --as-group viewers get secrets
	expect_status 1 k --token bob-token --as alice get cm
	[[ $output == *'users "alice" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope'* ]]
}

@test "kubectl auth whoami and can-i answer from the policy" {
	ks_start "$BATS_TEST_TMPDIR/sim" --tls --policy policy.yaml
	expect_status 0 k auth whoami --token imp-token --as alice -o jsonpath='{.status.userInfo.username}'
	[ "$output" = alice ]
	expect_status 0 k auth can-i get configmaps --token alice-token
	[ "$output" = yes ]
	expect_status 1 k auth can-i delete configmaps --token alice-token
	[ "$output" = no ]
	expect_status 0 k auth can-i list secrets --token imp-token --as bob --as-group viewers
	[ "$output" = yes ]
	# reviews are answered, never stored
	run api GET /apis/authorization.k8s.io/v1/selfsubjectaccessreviews -H 'Authorization: Bearer fake-token'
	[ "$(echo "$output" | tail -1)" = 200 ]
	[ "$(echo "$output" | head -1 | jq '.items | length')" = 0 ]
}

@test "faults: errors by method and path, Retry-After, counts, set through the admin endpoint" {
	cat >faults.json <<-'JSON'
	[{"method": "GET", "path": "/api/v1/namespaces/default/configmaps", "error": 503, "retryAfter": 2, "count": 1}]
	JSON
	ks_start "$BATS_TEST_TMPDIR/sim" --faults faults.json
	run api GET /api/v1/namespaces/default/configmaps -D headers
	[ "$(echo "$output" | tail -1)" = 503 ]
	[[ $output == *'"reason":"ServiceUnavailable"'* ]]
	grep -qi '^Retry-After: 2' headers
	run api GET /api/v1/namespaces/default/configmaps
	[ "$(echo "$output" | tail -1)" = 200 ]     # count exhausted
	run api PUT /kube-sim/faults -d '[{"method":"POST","path":"/api/v1/*","error":500},{"path":"/api/v1/namespaces/default/secrets","error":429,"retryAfter":1,"count":2}]'
	[ "$(echo "$output" | tail -1)" = 200 ]
	expect_status 1 k create -f cm.yaml
	[[ $output == *"InternalError"* || $output == *"Internal error occurred: injected fault"* ]]
	# client-go retries 429 with Retry-After: the third try succeeds
	expect_status 0 k get secrets
	[ "$(grep -c '"path":"/api/v1/namespaces/default/secrets".*"code":429' "$KS_DIR/requests.jsonl")" -eq 2 ]
	# nothing was stored by the failed create
	api PUT /kube-sim/faults -d '[]'
	expect_status 1 k get cm cm1
}

@test "faults: latency, dropped connections, forced conflicts" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	k create -f cm.yaml
	api PUT /kube-sim/faults -d '[{"method":"GET","path":"/api/v1/namespaces/default/configmaps/cm1","latencyMs":400}]'
	SECONDS=0
	start=$(date +%s%N)
	run api GET /api/v1/namespaces/default/configmaps/cm1
	[ $(( ($(date +%s%N) - start) / 1000000 )) -ge 400 ]
	api PUT /kube-sim/faults -d '[{"path":"/api/v1/namespaces/default/configmaps/cm1","drop":true,"count":1}]'
	run curl -sS "$(ks_url)/api/v1/namespaces/default/configmaps/cm1"
	[ "$status" -eq 52 ]      # empty reply from server
	api PUT /kube-sim/faults -d '[{"method":"PATCH","path":"*/configmaps/*","conflict":true,"count":1}]'
	run api PATCH /api/v1/namespaces/default/configmaps/cm1 -H 'Content-Type: application/merge-patch+json' -d '{"data":{"x":"1"}}'
	[ "$(echo "$output" | tail -1)" = 409 ]
	[[ $output == *'"reason":"Conflict"'* ]]
	run api PATCH /api/v1/namespaces/default/configmaps/cm1 -H 'Content-Type: application/merge-patch+json' -d '{"data":{"x":"1"}}'
	[ "$(echo "$output" | tail -1)" = 200 ]
}

@test "request log: one JSON object per request" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	k get ns >/dev/null
	jq -e 'select(.path == "/api/v1/namespaces") | .method == "GET" and .code == 200 and (.userAgent | startswith("kubectl/"))' \
		"$KS_DIR/requests.jsonl" >/dev/null
	[ "$(jq -s length "$KS_DIR/requests.jsonl")" -eq "$(wc -l <"$KS_DIR/requests.jsonl")" ]
}

@test "journal: a kube-sim killed with -9 restarts with everything it acknowledged" {
	ks_demo_chart .
	ks_start "$BATS_TEST_TMPDIR/sim" --data "$BATS_TEST_TMPDIR/data" --tls
	k create -f cm.yaml
	k apply -f widgets-crd.yaml
	k apply -f w1.yaml
	expect_status 0 h install r1 ./demo --wait --timeout 60s
	k label cm cm1 x=1
	k delete cm cm1 >/dev/null
	k create -f cm2.yaml
	rv=$(k get cm cm2 -o jsonpath='{.metadata.resourceVersion}')
	uid=$(k get cm cm2 -o jsonpath='{.metadata.uid}')
	kill -9 "$KS_PID"
	wait "$KS_PID" || true
	KS_PID=
	cp "$KUBECONFIG" old-kubeconfig
	port=$(ks_url | sed 's/.*://')
	KS_LISTEN=127.0.0.1:$port ks_start "$BATS_TEST_TMPDIR/sim" --data "$BATS_TEST_TMPDIR/data" --tls
	# the same CA: the kubeconfig written before the kill still works
	KUBECONFIG=old-kubeconfig expect_status 0 k get cm cm2 -o jsonpath='{.metadata.uid} {.metadata.resourceVersion}'
	[ "$output" = "$uid $rv" ]
	expect_status 1 k get cm cm1
	expect_status 0 k get wd w1 -o name
	expect_status 0 h list
	echo "$output" | grep -E '^r1 ' | grep -q deployed
	# the journal was compacted at start into a snapshot ending with the resourceVersion
	grep -q '^{"op":"rv","rv":[0-9]*}$' "$BATS_TEST_TMPDIR/data/journal"
	# resourceVersions keep increasing after the restart
	k label cm cm2 y=1
	[ "$(k get cm cm2 -o jsonpath='{.metadata.resourceVersion}')" -gt "$rv" ]
}

@test "watch: resume from a resourceVersion, timeoutSeconds, bookmarks" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	k create -f cm.yaml
	rv=$(k get cm cm1 -o jsonpath='{.metadata.resourceVersion}')
	k label cm cm1 a=1
	k create -f cm2.yaml
	run curl -sS -N "$(ks_url)/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=$rv&timeoutSeconds=1"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | wc -l)" -eq 2 ]
	[ "$(echo "$output" | head -1 | jq -r '.type + " " + .object.metadata.name')" = "MODIFIED cm1" ]
	[ "$(echo "$output" | tail -1 | jq -r '.type + " " + .object.metadata.name')" = "ADDED cm2" ]
	run curl -sS -N "$(ks_url)/api/v1/namespaces/default/configmaps?watch=1&labelSelector=a%3D1&timeoutSeconds=1"
	[ "$(echo "$output" | jq -r '.type + " " + .object.metadata.name')" = "ADDED cm1" ]
	run curl -sS -N "$(ks_url)/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=$rv&allowWatchBookmarks=true&timeoutSeconds=3"
	echo "$output" | jq -e 'select(.type == "BOOKMARK") | .object.metadata.resourceVersion' >/dev/null
	# objects entering and leaving a label selection are ADDED and DELETED for that watch
	now=$(k get cm cm2 -o jsonpath='{.metadata.resourceVersion}')
	k label cm cm2 a=1
	k label cm cm2 a=2 --overwrite
	run curl -sS -N "$(ks_url)/api/v1/namespaces/default/configmaps?watch=1&labelSelector=a%3D1&resourceVersion=$now&timeoutSeconds=1"
	[ "$(echo "$output" | jq -r '.type + " " + .object.metadata.name' | tr '\n' ' ')" = "ADDED cm2 DELETED cm2 " ]
}

@test "watch: a resourceVersion older than the history is 410 Expired" {
	ks_start "$BATS_TEST_TMPDIR/sim" --watch-history 100
	# 150 creates overrun the 100-event history
	seq 1 150 | sed 's/.*/{"metadata":{"name":"c&"}}/' |
		xargs -d '\n' -P 8 -I BODY curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
			"$(ks_url)/api/v1/namespaces/default/configmaps" -d BODY
	[ "$(k get cm -o name | wc -l)" -eq 150 ]
	run curl -sS -N "$(ks_url)/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=2"
	[ "$(echo "$output" | jq -r '.type + " " + (.object.code|tostring) + " " + .object.reason')" = "ERROR 410 Expired" ]
	[[ $output == *"too old resource version: 2"* ]]
}

@test "bad input gets the API server's status and leaves the store unchanged" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	k create -f cm.yaml
	k apply -f dep.yaml
	k rollout status deploy/web --timeout=20s
	before=$(k get cm,deploy -o json | jq -S '[.items[] | .metadata | {name, resourceVersion}]')
	cms=/api/v1/namespaces/default/configmaps
	run api POST $cms -H 'Content-Type: application/json' -d '{"metadata":{"name":"x"},'
	[ "$(echo "$output" | tail -1)" = 400 ]
	[[ $output == *"couldn't get version/kind; json parse error: unexpected end of JSON input"* ]]
	run api POST $cms -H 'Content-Type: application/yaml' --data-binary $'metadata:\n  name: [x\n'
	[ "$(echo "$output" | tail -1)" = 400 ]
	[[ $output == *"error converting YAML to JSON"* ]]
	run api POST $cms -H 'Content-Type: application/vnd.kubernetes.protobuf' --data-binary 'k8s'
	[ "$(echo "$output" | tail -1)" = 400 ]
	run api POST $cms -H 'Content-Type: application/vnd.kubernetes.protobuf' --data-binary $'k8s\x00\x0a\x0e\x0a\x02v1\x12\x08ConfigMap\x12\x05\x0a\xff\xff\xff'
	[ "$(echo "$output" | tail -1)" = 400 ]
	run api POST /api/v1/namespaces/default/widgets -H 'Content-Type: application/json' -d '{}'
	[ "$(echo "$output" | tail -1)" = 404 ]
	[[ $output == *'"message":"the server could not find the requested resource"'* ]]
	run api POST $cms -H 'Content-Type: application/json' -d '{"metadata":{"name":"Bad_Name"}}'
	[ "$(echo "$output" | tail -1)" = 422 ]
	[[ $output == *'ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain'* ]]
	run api POST $cms -H 'Content-Type: application/json' -d '{"metadata":{}}'
	[ "$(echo "$output" | tail -1)" = 422 ]
	[[ $output == *'metadata.name: Required value: name or generateName is required'* ]]
	head -c 3200000 /dev/zero | tr '\0' a >big
	run api POST $cms -H 'Content-Type: application/json' --data-binary @big
	[ "$(echo "$output" | tail -1)" = 413 ]
	[[ $output == *"Request entity too large: limit is 3145728"* ]]
	run api POST /api/v1/namespaces/nons/configmaps -H 'Content-Type: application/json' -d '{"metadata":{"name":"x"}}'
	[ "$(echo "$output" | tail -1)" = 404 ]
	[[ $output == *'namespaces \"nons\" not found'* ]]
	run api PUT $cms/cm1 -H 'Content-Type: application/json' -d '{"metadata":{"name":"cm1","resourceVersion":"1"},"data":{"q":"1"}}'
	[ "$(echo "$output" | tail -1)" = 409 ]
	run api PATCH $cms/cm1 -H 'Content-Type: text/plain' -d '{}'
	[ "$(echo "$output" | tail -1)" = 415 ]
	run api PATCH /apis/apps/v1/namespaces/default/deployments/web -H 'Content-Type: application/strategic-merge-patch+json' -d '{"spec":{"replicas":"two"}}'
	[ "$(echo "$output" | tail -1)" = 400 ]
	[[ $output == *'cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'* ]]
	run api POST $cms -H 'Content-Type: application/json' -d '{"metadata":{"name":"s"},"data":{"bad key":"1"}}'
	[ "$(echo "$output" | tail -1)" = 422 ]
	run api DELETE $cms -H 'Content-Type: application/json' -d 'nope'
	[ "$(echo "$output" | tail -1)" = 400 ]
	run api DELETE /api/v1/namespaces/default
	[ "$(echo "$output" | tail -1)" = 403 ]
	[[ $output == *'namespaces \"default\" is forbidden: this namespace may not be deleted'* ]]
	run api POST $cms -H 'Content-Type: application/json' -d '{"metadata":{"name":"q"},"data":[1]}'
	[ "$(echo "$output" | tail -1)" = 400 ]
	[[ $output == *'cannot unmarshal array into Go struct field ConfigMap.data of type map[string]string'* ]]
	run api PATCH $cms/cm1 -H 'Content-Type: application/merge-patch+json' -d '{"metadata":"x"}'
	[ "$(echo "$output" | tail -1)" = 400 ]
	run api PATCH $cms/cm1 -H 'Content-Type: application/json-patch+json' -d '[{"op":"add"}]'
	[ "$(echo "$output" | tail -1)" = 422 ]
	run api GET "$cms?labelSelector=a+in+(" 
	[ "$(echo "$output" | tail -1)" = 400 ]
	after=$(k get cm,deploy -o json | jq -S '[.items[] | .metadata | {name, resourceVersion}]')
	[ "$before" = "$after" ]
	kill -0 "$KS_PID"
}

@test "kubectl get prints a real cluster's columns; workloads get Pods" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	k apply -f dep.yaml
	k rollout status deploy/web --timeout=20s
	expect_status 0 k get deploy
	echo "$output" | head -1 | grep -Eq '^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$'
	echo "$output" | grep -Eq '^web +2/2 +2 +2 '
	for i in $(seq 50); do [ "$(k get pods --no-headers | grep -c Running)" -eq 2 ] && break; sleep 0.2; done
	expect_status 0 k get pods -l app=web
	echo "$output" | head -1 | grep -Eq '^NAME +READY +STATUS +RESTARTS +AGE$'
	[ "$(echo "$output" | grep -Ec '^web-[a-z0-9]+-[a-z0-9]{5} +2/2 +Running +0 ')" -eq 2 ]
	k create -f cm.yaml
	expect_status 0 k get cm
	echo "$output" | head -1 | grep -Eq '^NAME +DATA +AGE$'
	echo "$output" | grep -Eq '^cm1 +1 +'
}

@test "deletion propagation: Orphan keeps dependents, Foreground and Background remove them" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	k apply -f dep.yaml
	for i in $(seq 50); do [ -n "$(k get rs -o name)" ] && break; sleep 0.1; done
	run api DELETE /apis/apps/v1/namespaces/default/deployments/web -H 'Content-Type: application/json' -d '{"propagationPolicy":"Orphan"}'
	[ "$(echo "$output" | tail -1)" = 200 ]
	rs=$(k get rs -o name)
	[ -n "$rs" ]
	[ -z "$(k get "$rs" -o jsonpath='{.metadata.ownerReferences}')" ]
	run api DELETE "/apis/apps/v1/namespaces/default/replicasets/${rs#*/}" -H 'Content-Type: application/json' -d '{"propagationPolicy":"Foreground"}'
	[ "$(echo "$output" | tail -1)" = 200 ]
	[ -z "$(k get rs,pods -o name)" ]
	k apply -f dep.yaml
	for i in $(seq 50); do [ -n "$(k get pods -o name)" ] && break; sleep 0.1; done
	run api DELETE /apis/apps/v1/namespaces/default/deployments/web
	[ "$(echo "$output" | tail -1)" = 200 ]
	[[ $output == *'"status":"Success"'* ]]
	[ -z "$(k get deploy,rs,pods -o name)" ]
}

@test "kubectl scale, rollout restart and rollout undo" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	k apply -f dep.yaml
	k rollout status deploy/web --timeout=20s
	first=$(k get rs -o name)
	expect_status 0 k scale deploy web --replicas=4
	[ "$output" = "deployment.apps/web scaled" ]
	expect_status 0 k get deploy web -o jsonpath='{.spec.replicas}'
	[ "$output" = 4 ]
	expect_status 0 k rollout restart deploy/web
	expect_status 0 k rollout status deploy/web --timeout=20s
	[ "$(k get rs -o name | wc -l)" -eq 2 ]
	expect_status 0 k rollout undo deploy/web
	expect_status 0 k rollout status deploy/web --timeout=20s
	# back on the first ReplicaSet: same template, same name
	[ "$(k get "$first" -o jsonpath='{.spec.replicas}')" = 4 ]
	[ "$(k get rs -o name | wc -l)" -eq 2 ]
}

@test "server-side field validation: Strict refuses unknown fields, the default warns" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	sed 's/image: nginx:1.25/imagee: nginx:1.25/; s/replicas: 2/replicas: 2\n  replicaz: 3/' dep.yaml >typo.yaml
	expect_status 1 k apply -f typo.yaml
	[[ $output == *'Error from server (BadRequest): error when creating "typo.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicaz", unknown field "spec.template.spec.containers[0].imagee"'* ]]
	expect_status 0 k apply -f typo.yaml --validate=warn
	[[ $output == *'Warning: unknown field "spec.replicaz"'* ]]
	sed 's/replicas: 2/replicas: two/' dep.yaml >bad.yaml
	expect_status 1 k apply -f bad.yaml --validate=false
	[[ $output == *'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32'* ]]
}

@test "strategic merge patch directives follow the patch metadata" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	k apply -f dep.yaml
	d=/apis/apps/v1/namespaces/default/deployments/web
	smp() {
		curl -sS -X PATCH -H 'Content-Type: application/strategic-merge-patch+json' "$(ks_url)$d" -d "$1" | jq -c "$2"
	}
	[ "$(smp '{"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}}' '[.spec.template.spec.containers[].name]')" = '["main"]' ]
	[ "$(smp '{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"main"}],"containers":[{"name":"b","image":"b:1"}]}}}}' '[.spec.template.spec.containers[].name]')" = '["b","main"]' ]
	[ "$(smp '{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}' '.spec.strategy')" = '{"type":"Recreate"}' ]
	[ "$(smp '{"metadata":{"finalizers":["a","b"]}}' '.metadata.finalizers')" = '["a","b"]' ]
	[ "$(smp '{"metadata":{"finalizers":["b","c"]}}' '.metadata.finalizers')" = '["a","b","c"]' ]
	[ "$(smp '{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}' '.metadata.finalizers')" = '["b","c"]' ]
	[ "$(smp '{"metadata":{"finalizers":null}}' '.metadata.finalizers')" = null ]
	[ "$(smp '{"spec":{"template":{"spec":{"containers":[{"name":"main","ports":[{"containerPort":80}]}]}}}}' '[.spec.template.spec.containers[] | select(.name == "main") | .ports[].containerPort]')" = '[80]' ]
	[ "$(smp '{"spec":{"template":{"spec":{"containers":[{"name":"main","ports":[{"containerPort":443}]}]}}}}' '[.spec.template.spec.containers[] | select(.name == "main") | .ports[].containerPort]')" = '[80,443]' ]
	# lists without a merge strategy are replaced
	[ "$(smp '{"spec":{"template":{"spec":{"containers":[{"name":"main","args":["x"]}]}}}}' '.spec.template.spec.containers[] | select(.name == "main") | .args')" = '["x"]' ]
	[ "$(smp '{"spec":{"template":{"spec":{"containers":[{"name":"main","args":["y"]}]}}}}' '.spec.template.spec.containers[] | select(.name == "main") | .args')" = '["y"]' ]
	[ "$(smp '{"spec":{"selector":{"$patch":"replace","matchLabels":{"app":"web"}}}}' '.spec.selector')" = '{"matchLabels":{"app":"web"}}' ]
	# custom resources take no strategic merge patch
	k apply -f widgets-crd.yaml
	k apply -f w1.yaml
	run curl -sS -o /dev/null -w '%{http_code}' -X PATCH -H 'Content-Type: application/strategic-merge-patch+json' \
		"$(ks_url)/apis/example.com/v1/namespaces/default/widgets/w1" -d '{}'
	[ "$output" = 415 ]
}

@test "custom resources: printer columns, the status subresource" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	k apply -f gizmos-crd.yaml
	for i in $(seq 50); do k get crd gizmos.example.com -o name >/dev/null 2>&1 && break; sleep 0.1; done
	printf 'apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g1}\nspec: {size: 3, wide: "yes"}\n' >g1.yaml
	k apply -f g1.yaml
	expect_status 0 k get gizmos
	echo "$output" | head -1 | grep -Eq '^NAME +SIZE +READY +CREATED$'
	expect_status 0 k get gizmos -o wide
	echo "$output" | head -1 | grep -Eq '^NAME +SIZE +READY +WIDE +CREATED$'
	expect_status 0 k patch gizmo g1 --subresource=status --type merge -p '{"status":{"conditions":[{"type":"Ready","status":"True"}]}}'
	expect_status 0 k get gizmos
	echo "$output" | grep -Eq '^g1 +3 +True +'
	# writes to the main resource leave the status alone, and do not bump generation for it
	gen=$(k get gizmo g1 -o jsonpath='{.metadata.generation}')
	k apply -f g1.yaml
	[ "$(k get gizmo g1 -o jsonpath='{.status.conditions[0].status}')" = True ]
	[ "$(k get gizmo g1 -o jsonpath='{.metadata.generation}')" = "$gen" ]
}

@test "controller knobs: --controller-delay, ready-after, never-ready, failing Pods" {
	ks_start "$BATS_TEST_TMPDIR/sim" --controller-delay 2
	SECONDS=0
	k apply -f dep.yaml
	expect_status 0 k rollout status deploy/web --timeout=20s
	[ "$SECONDS" -ge 2 ]
	sed 's/name: web$/name: slow\n  annotations: {kubefake.io\/ready-after: "4"}/' dep.yaml | sed 's/app: web/app: slow/g' >slow.yaml
	SECONDS=0
	k apply -f slow.yaml
	expect_status 0 k rollout status deploy/slow --timeout=20s
	[ "$SECONDS" -ge 4 ]
	sed 's/name: web$/name: never\n  annotations: {kubefake.io\/never-ready: "true"}/' dep.yaml | sed 's/app: web/app: never/g' >never.yaml
	k apply -f never.yaml
	expect_status 1 k rollout status deploy/never --timeout=5s
	printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: bad, annotations: {kubefake.io/fail: "true"}}\nspec: {restartPolicy: Never, containers: [{name: c, image: busybox}]}\n' >bad-pod.yaml
	k apply -f bad-pod.yaml
	expect_status 0 k wait --for=jsonpath='{.status.phase}'=Failed pod/bad --timeout=20s
}

@test "aggregated discovery: one reply per /api and /apis, legacy lists on request" {
	ks_start "$BATS_TEST_TMPDIR/sim"
	expect_status 0 k api-resources
	echo "$output" | grep -Eq '^deployments +deploy +apps/v1 +true +Deployment'
	# kubectl needed no per-group-version list
	! grep -q '"path":"/apis/apps/v1"' "$KS_DIR/requests.jsonl"
	run curl -sS -D headers -H 'Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' "$(ks_url)/apis"
	grep -qi '^Content-Type: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList' headers
	[ "$(echo "$output" | jq -r '.items[] | select(.metadata.name == "autoscaling") | .versions[0].version')" = v2 ]
	[ "$(echo "$output" | jq -r '.items[] | select(.metadata.name == "apps") | .versions[0].resources[] | select(.resource == "deployments") | [.subresources[].subresource] | join(",")')" = "scale,status" ]
	run curl -sS -H 'Accept: application/json' "$(ks_url)/apis"
	[ "$(echo "$output" | jq -r .kind)" = APIGroupList ]
}
