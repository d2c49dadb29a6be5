#!/usr/bin/env bats
# helm-render: templates + merge-values JSON -> manifests in helm template's layout.
load test_helper

setup() {
	C="$BATS_TEST_TMPDIR/mychart"
	mkdir -p "$C/templates" "$C/charts/sub/templates" "$C/crds"
	printf 'apiVersion: v2\nname: mychart\nversion: 0.1.0\n' >"$C/Chart.yaml"
	printf 'a: 1\n' >"$C/values.yaml"
	printf 'apiVersion: v2\nname: sub\nversion: 0.2.0\n' >"$C/charts/sub/Chart.yaml"
	printf 'n: subval\n' >"$C/charts/sub/values.yaml"
	printf '{{- define "h.name" -}}{{ .Chart.Name }}-{{ .Release.Name }}{{- end -}}\n' >"$C/templates/_helpers.tpl"
	cat >"$C/templates/cm.yaml" <<-'EOF'
	apiVersion: v1
	kind: ConfigMap
	metadata:
	  name: {{ include "h.name" . }}
	data:
	  a: {{ .Values.a | quote }}
	  service: {{ .Release.Service }}
	  missing: "{{ .Values.nope }}"
	---
	apiVersion: v1
	kind: Namespace
	metadata:
	  name: ns
	EOF
	printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "h.name" . }}-{{ .Values.n }}\n' >"$C/charts/sub/templates/svc.yaml"
	printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n    helm.sh/hook: test\n' >"$C/templates/test.yaml"
	printf 'Thanks for installing {{ .Chart.Name }} as {{ .Release.Name }}.\n' >"$C/templates/NOTES.txt"
	printf 'kind: CustomResourceDefinition\nmetadata:\n  name: x\n' >"$C/crds/x.yaml"
	VALUES='{"values":{"a":1,"sub":{"n":"fromparent","global":{}},"global":{}},"chart":{"name":"mychart","path":"","charts":[{"name":"sub","path":"charts/sub","charts":[]}]}}'
}

render() {
	run bash -c 'v=$1; shift; printf "%s" "$v" | helm-render "$@"' bash "$VALUES" "$@"
}

@test "helm-render: manifests in install order, subchart scoped values, shared partials, no <no value>" {
	render --name rel "$C"
	[ "$status" -eq 0 ]
	expected='---
# Source: mychart/templates/cm.yaml
apiVersion: v1
kind: Namespace
metadata:
  name: ns
---
# Source: mychart/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: mychart-rel
data:
  a: "1"
  service: Tiller
  missing: ""
---
# Source: mychart/charts/sub/templates/svc.yaml
apiVersion: v1
kind: Service
metadata:
  name: sub-rel-fromparent
---
# Source: mychart/templates/test.yaml
apiVersion: v1
kind: Pod
metadata:
  name: t
  annotations:
    helm.sh/hook: test'
	[ "$output" = "$expected" ]
}

@test "helm-render: HELM_RENDER_V3 makes .Release.Service Helm" {
	HELM_RENDER_V3=1 render --name rel "$C" --show-only templates/cm.yaml
	[ "$status" -eq 0 ]
	[[ "$output" == *"service: Helm"* ]]
}

@test "helm-render: --show-only, --skip-tests, --include-crds, --notes" {
	render "$C" --show-only 'charts/sub/templates/*'
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep -c '^# Source:')" -eq 1 ]
	[[ "$output" == *"name: sub-release-name-fromparent"* ]]
	render "$C" --skip-tests
	[[ "$output" != *"kind: Pod"* ]]
	render "$C" --include-crds --notes
	[[ "$output" == "---
# Source: mychart/crds/x.yaml
kind: CustomResourceDefinition"* ]]
	[[ "$output" == *"# Source: mychart/templates/NOTES.txt
Thanks for installing mychart as release-name."* ]]
	render "$C" --show-only templates/nope.yaml
	[ "$status" -eq 1 ]
	[ "$output" = "Error: could not find template templates/nope.yaml in chart" ]
}

@test "helm-render: a disabled subchart (absent from the tree) is not rendered" {
	VALUES='{"values":{"a":1},"chart":{"name":"mychart","path":"","charts":[]}}'
	render "$C"
	[ "$status" -eq 0 ]
	[[ "$output" != *"charts/sub"* ]]
}

@test "helm-render: values.yaml and Chart.lock are not read (the values come on stdin)" {
	printf 'a: [\n' >"$C/values.yaml"
	printf 'n: {\n' >"$C/charts/sub/values.yaml"
	printf 'digest: [\n' >"$C/Chart.lock"
	render --name rel "$C"
	[ "$status" -eq 0 ]
	[[ "$output" == *'a: "1"'* ]]
	[[ "$output" == *"name: sub-rel-fromparent"* ]]
	# helm template still reports them: helm-merge-values loads the whole chart first
	run helm template "$C"
	[ "$status" -eq 1 ]
	[[ "$output" == "Error: cannot load Chart.lock: error converting YAML to JSON: yaml: line "* ]]
}

@test "helm-render: template errors and invalid YAML are reported as Helm does" {
	printf '{{ .Values.a.b.c }}\n' >"$C/templates/bad.yaml"
	render "$C"
	[ "$status" -eq 1 ]
	[[ "$output" == "Error: template: mychart/templates/bad.yaml:1:"*"

Use --debug flag to render out invalid YAML" ]]
	printf 'just a string\n' >"$C/templates/bad.yaml"
	render "$C"
	[ "$status" -eq 1 ]
	[ "$output" = "Error: YAML parse error on mychart/templates/bad.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go value of type releaseutil.SimpleHead

Use --debug flag to render out invalid YAML" ]
	render "$C" --debug
	[ "$status" -eq 1 ]
	[[ "$output" == *"# Source: mychart/templates/bad.yaml
just a string"* ]]
	printf '{{ required "need x" .Values.x }}\n' >"$C/templates/bad.yaml"
	render "$C"
	[[ "$output" == "Error: execution error at (mychart/templates/bad.yaml:1:3): need x"* ]]
}

# Subcharts of identical files share one parse (template.c); errors must still name each file,
# and the define parsed last (a's, as Helm sorts) is the one every copy calls.  Messages recorded
# from Helm 3.17.3.
@test "helm-render: identical subcharts keep their own names in errors" {
	U="$BATS_TEST_TMPDIR/umb"
	mkdir -p "$U/templates"
	printf 'apiVersion: v2\nname: umb\nversion: 0.1.0\ndependencies:\n- name: a\n  version: "*"\n  repository: file://charts/a\n- name: b\n  version: "*"\n  repository: file://charts/b\n' >"$U/Chart.yaml"
	for s in a b; do
		mkdir -p "$U/charts/$s/templates"
		printf 'apiVersion: v2\nname: %s\nversion: 0.1.0\n' $s >"$U/charts/$s/Chart.yaml"
		printf 'bad: false\n' >"$U/charts/$s/values.yaml"
		printf '{{- define "lib.h" -}}\n{{- if .Values.badh }}{{ .Values.nope.x }}{{ end -}}\nok\n{{- end -}}\n' >"$U/charts/$s/templates/_helpers.tpl"
		printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}\ndata:\n  h: {{ include "lib.h" . }}\n  {{- if .Values.bad }}\n  x: {{ .Values.nope.x }}\n  {{- end }}\n  {{- if .Values.fail }}{{ fail "no" }}{{ end }}\n' >"$U/charts/$s/templates/cm.yaml"
	done
	umb() {
		run bash -c 'helm-merge-values "$@" >"$BATS_TEST_TMPDIR/v.json" && helm-render --name r "$1" <"$BATS_TEST_TMPDIR/v.json"' bash "$U" "$@"
		[ "$status" -eq 1 ]
		first=${output%%$'\n'*}
	}
	umb --set b.bad=true
	[ "$first" = 'Error: template: umb/charts/b/templates/cm.yaml:8:15: executing "umb/charts/b/templates/cm.yaml" at <.Values.nope.x>: nil pointer evaluating interface {}.x' ]
	umb --set a.bad=true
	[ "$first" = 'Error: template: umb/charts/a/templates/cm.yaml:8:15: executing "umb/charts/a/templates/cm.yaml" at <.Values.nope.x>: nil pointer evaluating interface {}.x' ]
	umb --set b.badh=true
	[ "$first" = 'Error: template: umb/charts/b/templates/cm.yaml:6:8: executing "umb/charts/b/templates/cm.yaml" at <include "lib.h" .>: error calling include: template: umb/charts/a/templates/_helpers.tpl:2:32: executing "lib.h" at <.Values.nope.x>: nil pointer evaluating interface {}.x' ]
	umb --set b.fail=true
	[ "$first" = 'Error: execution error at (umb/charts/b/templates/cm.yaml:10:27): no' ]
	printf '{{ .x\n' >"$U/charts/a/templates/p.yaml"
	cp "$U/charts/a/templates/p.yaml" "$U/charts/b/templates/p.yaml"
	umb
	[ "$first" = 'Error: parse error at (umb/charts/b/templates/p.yaml:2): unclosed action started at umb/charts/b/templates/p.yaml:1' ]
}

@test "helm-render: --output-dir writes files and names them" {
	cd "$BATS_TEST_TMPDIR"
	render "$C" --output-dir out
	[ "$status" -eq 0 ]
	[[ "$output" == *"wrote out/mychart/templates/cm.yaml"* ]]
	[ "$(grep -c '^# Source: mychart/templates/cm.yaml' out/mychart/templates/cm.yaml)" -eq 2 ]
	[ -f out/mychart/charts/sub/templates/svc.yaml ]
}

@test "helm-render: -o json keeps manifests, hooks, crds and notes apart" {
	render "$C" -o json
	[ "$status" -eq 0 ]
	[ "$(jq -r '.manifests | map(.kind) | join(",")' <<<"$output")" = "Namespace,ConfigMap,Service" ]
	[ "$(jq -r '.hooks[0].events[0]' <<<"$output")" = test ]
	[ "$(jq -r '.crds[0].path' <<<"$output")" = mychart/crds/x.yaml ]
	[ "$(jq -r .notes <<<"$output")" = "Thanks for installing mychart as release-name." ]
}

@test "helm-render: kube version and kubeVersion constraint" {
	printf 'kind: ConfigMap\ndata:\n  v: {{ .Capabilities.KubeVersion }}\n' >"$C/templates/cm.yaml"
	render "$C" --kube-version 1.25 --show-only templates/cm.yaml
	[[ "$output" == *"v: v1.25.0"* ]]
	render "$C" --kube-version nope
	[ "$status" -eq 1 ]
	[ "$output" = "Error: invalid kube version 'nope': Invalid Semantic Version" ]
	printf 'apiVersion: v2\nname: mychart\nversion: 0.1.0\nkubeVersion: ">=1.40.0"\n' >"$C/Chart.yaml"
	render "$C"
	[ "$status" -eq 1 ]
	[[ "$output" == "Error: chart requires kubeVersion: >=1.40.0 which is incompatible with Kubernetes v1.32.0"* ]]
}

@test "helm-render: usage errors exit 2, --help exits 0" {
	run helm-render
	[ "$status" -eq 2 ]
	run helm-render --bogus "$C"
	[ "$status" -eq 2 ]
	run helm-render --help
	[ "$status" -eq 0 ]
	[[ "$output" == "Usage: helm-render"* ]]
	run bash -c 'echo "{" | helm-render "$1"' bash "$C"
	[ "$status" -eq 1 ]
}

@test "helm-render: fromYaml of a text that comes again gives a value of its own each time" {
	cat >"$C/templates/cm.yaml" <<-'EOF'
	{{- range list 1 2 3 }}
	{{- $m := fromYaml "a: 1\nb: [x]\nc: {}" }}
	{{- $_ := set $m "a" . }}
	{{- $_ := set $m.c "k" . }}
	{{- $_ := set $m "b" (append $m.b .) }}
	# {{ toJson $m }} {{ toJson (fromYamlArray "[1, {a: 2}]") }}
	{{- end }}
	EOF
	render --name rel "$C" --show-only templates/cm.yaml
	[ "$status" -eq 0 ]
	[ "$output" = '---
# Source: mychart/templates/cm.yaml
# {"a":1,"b":["x",1],"c":{"k":1}} [1,{"a":2}]
# {"a":2,"b":["x",2],"c":{"k":2}} [1,{"a":2}]
# {"a":3,"b":["x",3],"c":{"k":3}} [1,{"a":2}]' ]
}

@test "helm-render: documents are read on several threads, yet reported in file order" {
	D="$BATS_TEST_TMPDIR/many"
	mkdir -p "$D/templates"
	printf 'apiVersion: v2\nname: many\nversion: 0.1.0\n' >"$D/Chart.yaml"
	for i in $(seq -w 1 60); do
		printf 'kind: ConfigMap\nmetadata:\n  name: c%s\n---\nkind: Secret\nmetadata:\n  name: s%s\n' "$i" "$i" >"$D/templates/t$i.yaml"
	done
	printf 'kind: Job\nmetadata:\n  name: h\n  annotations:\n    helm.sh/hook: pre-install,bogus\n' >"$D/templates/t20.yaml"
	printf 'kind: Job\nmetadata:\n  name: h2\n  annotations:\n    helm.sh/hook: other\n' >"$D/templates/t21.yaml"
	helm-merge-values "$D" >"$BATS_TEST_TMPDIR/v.json"
	run helm-render --name r "$D" <"$BATS_TEST_TMPDIR/v.json"
	[ "$status" -eq 0 ]
	[ "$(grep -c '^kind: Secret' <<<"$output")" -eq 58 ]
	[ "${lines[0]}" = 'manifest_sorter.go:190: info: skipping unknown hook: "pre-install,bogus"' ]
	[ "${lines[1]}" = 'manifest_sorter.go:190: info: skipping unknown hook: "other"' ]
	# the later bad documents come first among the files, the earlier one is reported
	printf 'kind: [\n' >"$D/templates/t45.yaml"
	printf 'a: b\n---\nkind: {x: 1}\n' >"$D/templates/t30.yaml"
	printf 'x: "\n' >"$D/templates/t31.yaml"
	for i in 1 2 3 4 5; do
		run helm-render --name r "$D" <"$BATS_TEST_TMPDIR/v.json"
		[ "$status" -eq 1 ]
		[ "${#lines[@]}" -eq 4 ] # the hooks of files before it, the error and the --debug hint
		[[ "${lines[0]}" == *'"pre-install,bogus"' ]]
		[ "${lines[2]}" = 'Error: YAML parse error on many/templates/t30.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go struct field SimpleHead.kind of type string' ]
	done
}

@test "helm-render: .Files are read when asked for, from the right chart's directory" {
	D="$BATS_TEST_TMPDIR/lazy"
	mkdir -p "$D/templates" "$D/conf" "$D/charts/sub/templates" "$D/charts/sub/conf"
	printf 'apiVersion: v2\nname: lazy\nversion: 0.1.0\n' >"$D/Chart.yaml"
	printf 'apiVersion: v2\nname: sub\nversion: 0.1.0\n' >"$D/charts/sub/Chart.yaml"
	printf 'top file\n' >"$D/conf/a.txt"
	printf '\xEF\xBB\xBFsub file\n' >"$D/charts/sub/conf/a.txt"
	printf 'unread: never asked for\n' >"$D/README.md"
	printf 'kind: ConfigMap\nmetadata:\n  name: top\ndata:\n{{ (.Files.Glob "conf/*").AsConfig | indent 2 }}\n' >"$D/templates/cm.yaml"
	printf 'kind: ConfigMap\nmetadata:\n  name: sub\ndata:\n  a: {{ .Files.Get "conf/a.txt" | quote }}\n  n: {{ len (.Files.Get "none") }}\n' >"$D/charts/sub/templates/cm.yaml"
	helm-merge-values "$D" >"$BATS_TEST_TMPDIR/v.json"
	run helm-render --name r "$D" <"$BATS_TEST_TMPDIR/v.json"
	[ "$status" -eq 0 ]
	[[ "$output" == *'a.txt: |'*'top file'* ]]
	[[ "$output" == *'a: "sub file\n"'* ]]
	[[ "$output" == *'n: 0'* ]]
}
