#!/usr/bin/env bats
# helm inspect / helm show: chart, values, readme, crds, all.
load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p c/templates c/crds c/charts/sub/crds
	printf 'apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: 1.0\nkeywords: [b, a]\n' >c/Chart.yaml
	printf '# top comment\nreplicas: 1   # trailing\nimage:\n  repo: nginx\n' >c/values.yaml
	printf '# Readme\n' >c/README.md
	printf 'kind: CustomResourceDefinition\n' >c/crds/a.yaml
	printf 'apiVersion: v2\nname: sub\nversion: 0.1.0\n' >c/charts/sub/Chart.yaml
	printf -- '---\nkind: CustomResourceDefinition\nmetadata: {name: s}\n' >c/charts/sub/crds/s.yml
}

@test "inspect chart prints the metadata as Helm marshals it" {
	expect_status 0 helm inspect chart c
	[ "$output" = 'apiVersion: v2
appVersion: "1"
keywords:
- b
- a
name: c
version: 0.1.0' ]
}

@test "inspect values prints values.yaml as written, then a newline" {
	run helm inspect values c
	[ "$output" = "$(cat c/values.yaml)" ]
	[ "$(helm show values c | od -c | tail -2 | head -1 | awk '{print $NF}')" = '\n' ]
	expect_status 0 helm show values c --jsonpath '{.image.repo}'
	[ "$output" = nginx ]
	expect_status 0 helm show values c --jsonpath '{.image}'
	[ "$output" = '{"repo":"nginx"}' ]
}

@test "inspect with no part, or all, shows everything; readme and crds alone" {
	expect_status 0 helm inspect c
	all=$output
	expect_status 0 helm show all c
	[ "$output" = "$all" ]
	[ "$output" = 'apiVersion: v2
appVersion: "1"
keywords:
- b
- a
name: c
version: 0.1.0

---
# top comment
replicas: 1   # trailing
image:
  repo: nginx

---
# Readme

---
kind: CustomResourceDefinition

---
kind: CustomResourceDefinition
metadata: {name: s}' ]
	expect_status 0 helm show readme c
	[ "$output" = "# Readme" ]
	expect_status 0 helm show crds c
	[ "$(echo "$output" | grep -c CustomResourceDefinition)" -eq 2 ]
}

@test "inspect works on archives" {
	helm package c >/dev/null
	run helm inspect values c-0.1.0.tgz
	[ "$output" = "$(cat c/values.yaml)" ]
}

@test "inspect errors" {
	expect_status 1 helm inspect values ./nope
	[ "$output" = 'Error: path "./nope" not found' ]
	expect_status 1 helm show chart nope
	[ "$output" = 'Error: non-absolute URLs should be in form of repo_name/path_to_chart, got: nope' ]
	expect_status 2 helm inspect values
	[ "$output" = 'Error: This command needs 1 argument: chart name' ]
	mkdir empty
	expect_status 1 helm show chart empty
	[ "$output" = 'Error: Chart.yaml file is missing' ]
}

@test "every corpus chart: inspect values prints its values.yaml exactly" {
	[ -d "$SHARED/charts" ] || skip "no corpus"
	n=0
	for d in "$SHARED"/charts/*/chart; do
		cmp <(helm inspect values "$d") <(cat "$d/values.yaml"; echo) || { echo "differs: $d"; return 1; }
		helm-package --load "$d" | jq -e '.metadata.name' >/dev/null || { echo "load failed: $d"; return 1; }
		n=$((n + 1))
	done
	[ "$n" -ge 30 ]
}
