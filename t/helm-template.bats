#!/usr/bin/env bats
# helm template: helm-merge-values | helm-render, in Helm 2's and Helm 3's forms.
load test_helper

setup() {
	C="$BATS_TEST_TMPDIR/mychart"
	mkdir -p "$C/templates"
	printf 'apiVersion: v1\nname: mychart\nversion: 0.1.0\n' >"$C/Chart.yaml"
	printf 'image:\n  tag: "1.0"\nreplicas: 1\n' >"$C/values.yaml"
	cat >"$C/templates/d.yaml" <<-'EOF'
	apiVersion: apps/v1
	kind: Deployment
	metadata:
	  name: {{ .Release.Name }}
	  namespace: {{ .Release.Namespace }}
	spec:
	  replicas: {{ .Values.replicas }}
	  template: {{ .Values.image.tag | quote }}
	EOF
	printf 'Notes for {{ .Release.Name }}\n' >"$C/templates/NOTES.txt"
}

@test "helm template: Helm 2 form with --name, -f, --set, --notes" {
	printf 'replicas: 3\n' >"$BATS_TEST_TMPDIR/v.yaml"
	run helm template "$C" --name web --namespace prod -f "$BATS_TEST_TMPDIR/v.yaml" --set image.tag=2.0 --notes
	[ "$status" -eq 0 ]
	[ "$output" = '---
# Source: mychart/templates/d.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  replicas: 3
  template: "2.0"
---
# Source: mychart/templates/NOTES.txt
Notes for web' ]
}

@test "helm template: Helm 3 form NAME CHART, --show-only, --set-string, default release name" {
	run helm template rel "$C" --set-string replicas=007 --show-only templates/d.yaml
	[ "$status" -eq 0 ]
	[[ "$output" == *"name: rel"* ]]
	[[ "$output" == *"replicas: 007"* ]]
	run helm template "$C" -x templates/d.yaml
	[[ "$output" == *"name: release-name"* ]]
}

@test "helm template: errors" {
	run helm template BAD_name "$C"
	[ "$status" -eq 1 ]
	[[ "$output" == 'Error: release name "BAD_name": invalid release name'* ]]
	run helm template
	[ "$status" -eq 2 ]
	run helm template "$BATS_TEST_TMPDIR/nochart"
	[ "$status" -eq 1 ]
	[[ "$output" == "Error: "* ]]
	printf '{{ .Values.image.tag.x.y }}\n' >"$C/templates/bad.yaml"
	run helm template "$C"
	[ "$status" -eq 1 ]
	[[ "$output" == "Error: template: mychart/templates/bad.yaml:1:"* ]]
}

@test "helm template: the stages run at once, and only the failing stage's error shows" {
	# a missing chart fails both stages: one error line, the values stage's
	run helm template "$BATS_TEST_TMPDIR/nochart"
	[ "$status" -eq 1 ]
	[ "$output" = "Error: stat $BATS_TEST_TMPDIR/nochart: no such file or directory" ]
	# bad values: helm-render, already running, gets no input; its complaint is dropped
	printf '{{ .Values.image.tag.x.y }}\n' >"$C/templates/bad.yaml"
	run helm template "$C" --set 'a[=b'
	[ "$status" -eq 1 ]
	[ "$output" = "Error: failed parsing --set data: error parsing index: EOF" ]
	# good values, bad template: helm-render's error shows
	run helm template "$C" --set replicas=2
	[ "$status" -eq 1 ]
	[ "$output" = 'Error: template: mychart/templates/bad.yaml:1:10: executing "mychart/templates/bad.yaml" at <.Values.image.tag.x.y>: can'"'"'t evaluate field x in type interface {}

Use --debug flag to render out invalid YAML' ]
	# a big values document crosses the pipe while helm-render is still loading the chart
	rm "$C/templates/bad.yaml"
	yes 'k: v' | head -20000 | awk '{ print "key" NR ": value" NR }' >"$BATS_TEST_TMPDIR/big.yaml"
	printf 'n: {{ len .Values }}\n' >"$C/templates/n.yaml"
	run helm template "$C" -f "$BATS_TEST_TMPDIR/big.yaml" --show-only templates/n.yaml
	[ "$status" -eq 0 ]
	[ "$output" = $'---\n# Source: mychart/templates/n.yaml\nn: 20002' ]
}

@test "helm template: --name-template names the release" {
	run helm template "$C" --name-template 'web-{{ "X" | lower }}'
	[ "$status" -eq 0 ]
	[[ "$output" == *"name: web-x"* ]]
	run helm template "$C" --name-template '{{ nope }}'
	[ "$status" -eq 1 ]
	[[ "$output" == *'function "nope" not defined'* ]]
}

@test "helm template: templates parsed ahead of the values; a disabled subchart's cannot fail the render" {
	mkdir -p "$C/charts/sub/templates"
	printf 'apiVersion: v1\nname: mychart\nversion: 0.1.0\n' >"$C/Chart.yaml"
	printf 'dependencies:\n- name: sub\n  version: 0.1.0\n  condition: sub.enabled\n' >"$C/requirements.yaml"
	printf 'sub:\n  enabled: false\n' >>"$C/values.yaml"
	printf 'apiVersion: v2\nname: sub\nversion: 0.1.0\n' >"$C/charts/sub/Chart.yaml"
	printf 'b: {{ .Oops \n' >"$C/charts/sub/templates/b.yaml"
	run helm template r "$C" --show-only templates/d.yaml
	[ "$status" -eq 0 ]
	[[ "$output" == *"name: r"* ]]
	run helm template r "$C" --set sub.enabled=true
	[ "$status" -eq 1 ]
	[ "$output" = 'Error: parse error at (mychart/charts/sub/templates/b.yaml:2): unclosed action started at mychart/charts/sub/templates/b.yaml:1

Use --debug flag to render out invalid YAML' ]
}
