#!/usr/bin/env bats
# helm lint: Helm 3.17's messages (the conformance cases of values.jsonl cover more).
load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p c/templates
	printf 'apiVersion: v2\nname: c\nversion: 0.1.0\nicon: https://example.com/i.png\n' >c/Chart.yaml
	printf 'replicas: 1\n' >c/values.yaml
	printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-cm\n' >c/templates/cm.yaml
}

@test "a clean chart" {
	expect_status 0 helm lint c
	[ "$output" = "==> Linting c

1 chart(s) linted, 0 chart(s) failed" ]
}

@test "Chart.yaml problems are errors; the summary goes to stderr with status 1" {
	printf 'apiVersion: v3\nname: c\nversion: 1\nappVersion: 2\nsources: [nope]\ntype: library\n' >c/Chart.yaml
	run helm lint c
	[ "$status" -eq 1 ]
	[ "$output" = "==> Linting c
[ERROR] Chart.yaml: apiVersion 'v3' is not valid. The value must be either \"v1\" or \"v2\"
[ERROR] Chart.yaml: version should be of type string but it's of type float64
[ERROR] Chart.yaml: appVersion should be of type string but it's of type float64
[ERROR] Chart.yaml: invalid source URL 'nope'
[INFO] Chart.yaml: icon is recommended
[ERROR] Chart.yaml: chart type is not valid in apiVersion 'v3'. It is valid in apiVersion 'v2'

Error: 1 chart(s) linted, 1 chart(s) failed" ]
}

@test "rendered objects: names, deprecated APIs, selectors, extensions, indentation" {
	printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1bad\n' >c/templates/svc.yaml
	printf 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: cj\n' >c/templates/cj.yaml
	printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n' >c/templates/deploy.yaml
	printf 'x' >c/templates/notes.md
	printf '  a: b\n' >c/templates/indent.yaml
	run helm lint c
	[ "$status" -eq 1 ]
	[ "$output" = "==> Linting c
[WARNING] templates/cj.yaml: batch/v1beta1 CronJob is deprecated in v1.21+, unavailable in v1.25+; use batch/v1 CronJob
[ERROR] templates/deploy.yaml: a Deployment must contain matchLabels or matchExpressions, and \"d\" does not
[WARNING] templates/indent.yaml: document starts with an illegal indent: \"  a: b\", which may cause parsing problems
[WARNING] templates/indent.yaml: object name does not conform to Kubernetes naming requirements: \"\": metadata.name: Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
[ERROR] templates/notes.md: file extension '.md' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt
[WARNING] templates/svc.yaml: object name does not conform to Kubernetes naming requirements: \"1bad\": metadata.name: Invalid value: \"1bad\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')

Error: 1 chart(s) linted, 1 chart(s) failed" ]
}

@test "--kube-version moves the deprecation line" {
	printf 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: cj\n' >c/templates/cj.yaml
	expect_status 0 helm lint c --kube-version 1.20.0
	[ "$output" = "==> Linting c

1 chart(s) linted, 0 chart(s) failed" ]
}

@test "--strict fails on warnings; --quiet hides clean charts" {
	printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1bad\n' >c/templates/svc.yaml
	expect_status 0 helm lint c
	expect_status 1 helm lint --strict c
	cp -r c clean && rm clean/templates/svc.yaml
	expect_status 0 helm lint --quiet clean
	[ "$output" = "" ]
}

@test "user values reach the templates and the schema" {
	printf 'v: {{ .Values.need | required "need is required" }}\n' >c/templates/req.yaml
	printf '{"properties": {"replicas": {"type": "integer", "minimum": 1}}}' >c/values.schema.json
	expect_status 0 helm lint c --set need=x
	run helm lint c --set need=x --set replicas=0
	[ "$status" -eq 1 ]
	[[ "$output" == *"- replicas: Must be greater than or equal to 1"* ]]
}

@test "several charts, archives and --with-subcharts" {
	mkdir -p c/charts/sub/templates
	printf 'apiVersion: v2\nname: sub\nversion: 0.1.0\n' >c/charts/sub/Chart.yaml
	helm package c >/dev/null
	run helm lint c c-0.1.0.tgz --with-subcharts
	[ "$status" -eq 1 ]
	[[ "$output" == *"==> Linting c-0.1.0.tgz"* ]]
	[[ "$output" == *"==> Linting c/charts/sub"* ]]
	[[ "$output" == *"[ERROR] /tmp/helm-lint"*"/c: chart metadata is missing these dependencies: sub"* ]]
	[[ "$output" == *"Error: 3 chart(s) linted, 2 chart(s) failed" ]]
}

@test "not a chart" {
	mkdir empty
	run helm lint empty
	[ "$status" -eq 1 ]
	[ "$output" = "==> Linting empty
Error unable to check Chart.yaml file in chart: stat empty/Chart.yaml: no such file or directory

Error: 1 chart(s) linted, 1 chart(s) failed" ]
}

@test "a chart without templates or values" {
	rm -r c/templates c/values.yaml
	expect_status 0 helm lint c
	[ "$output" = "==> Linting c
[INFO] values.yaml: file does not exist

1 chart(s) linted, 0 chart(s) failed" ]
}
