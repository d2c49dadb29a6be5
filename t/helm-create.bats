#!/usr/bin/env bats
# helm create: Helm v2's scaffold.
load test_helper

setup() { cd "$BATS_TEST_TMPDIR"; }

@test "helm create writes Helm v2's scaffold" {
	expect_status 0 helm create demo
	[ "$output" = "Creating demo" ]
	run bash -c 'cd demo && find . | sort'
	[ "$output" = ".
./.helmignore
./Chart.yaml
./charts
./templates
./templates/NOTES.txt
./templates/_helpers.tpl
./templates/deployment.yaml
./templates/ingress.yaml
./templates/service.yaml
./templates/serviceaccount.yaml
./templates/tests
./templates/tests/test-connection.yaml
./values.yaml" ]
	[ "$(cat demo/Chart.yaml)" = 'apiVersion: v1
appVersion: "1.0"
description: A Helm chart for Kubernetes
name: demo
version: 0.1.0' ]
	[ "$(head -1 demo/values.yaml)" = "# Default values for demo." ]
	grep -q '{{- define "demo.fullname" -}}' demo/templates/_helpers.tpl
	grep -q 'name: "{{ include "demo.fullname" . }}-test-connection"' demo/templates/tests/test-connection.yaml
	! grep -rq '<CHARTNAME>' demo
}

@test "the scaffold lints clean and packages" {
	helm create demo >/dev/null
	expect_status 0 helm lint demo
	[ "$output" = "==> Linting demo
[INFO] Chart.yaml: icon is recommended

1 chart(s) linted, 0 chart(s) failed" ]
	expect_status 0 helm package demo
	[ "$(tar tzf demo-0.1.0.tgz | sort | tr '\n' ' ')" = "demo/.helmignore demo/Chart.yaml demo/templates/NOTES.txt demo/templates/_helpers.tpl demo/templates/deployment.yaml demo/templates/ingress.yaml demo/templates/service.yaml demo/templates/serviceaccount.yaml demo/templates/tests/test-connection.yaml demo/values.yaml " ]
}

@test "helm create into a path: the chart is named after the last element" {
	mkdir -p a/b
	expect_status 0 helm create a/b/mychart
	[ "$(grep '^name:' a/b/mychart/Chart.yaml)" = "name: mychart" ]
	expect_status 1 helm create no/such/dir/x
	[[ "$output" == *"Error: stat no/such/dir: no such file or directory" ]]
}

@test "existing files are left alone" {
	mkdir demo
	echo 'mine' >demo/values.yaml
	expect_status 0 helm create demo
	[ "$(cat demo/values.yaml)" = mine ]
	[ -f demo/templates/deployment.yaml ]
	touch file
	expect_status 1 helm create file
	[[ "$output" == *"file $PWD/file already exists and is not a directory" ]]
}

@test "helm create needs exactly one name" {
	expect_status 2 helm create
	[[ "$output" == *"the name of the new chart is required"* ]]
	expect_status 2 helm create a b
	[[ "$output" == *"command 'create' doesn't support multiple arguments"* ]]
}

@test "helm create --starter copies a starter chart" {
	mkdir -p "$HELM_HOME/starters/st/templates"
	printf 'apiVersion: v1\nname: st\nversion: 9.9.9\n' >"$HELM_HOME/starters/st/Chart.yaml"
	printf 'name: <CHARTNAME>\n' >"$HELM_HOME/starters/st/values.yaml"
	printf 'kind: <CHARTNAME>\n' >"$HELM_HOME/starters/st/templates/x.yaml"
	expect_status 0 helm create --starter st fromstarter
	[ "$(cat fromstarter/values.yaml)" = "name: fromstarter" ]
	[ "$(cat fromstarter/templates/x.yaml)" = "kind: fromstarter" ]
	[ "$(grep '^version:' fromstarter/Chart.yaml)" = "version: 0.1.0" ]
}
