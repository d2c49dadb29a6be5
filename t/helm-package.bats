#!/usr/bin/env bats
# helm-package and helm package: archives laid out as Helm lays them out; --load JSON; bad input.
load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p mydir/templates mydir/charts/sub/templates
	printf 'apiVersion: v2\nname: mychart\nversion: 0.1.0\nappVersion: 1.10\ndependencies:\n- name: sub\n  version: 0.2.0\n' >mydir/Chart.yaml
	printf '# defaults\nreplicas: 1\n' >mydir/values.yaml
	printf 'kind: ConfigMap\n' >mydir/templates/cm.yaml
	printf 'x\n' >mydir/templates/.hidden
	printf '*.bak\n/rootonly.txt\n' >mydir/.helmignore
	printf 'b\n' >mydir/a.bak
	printf 'r\n' >mydir/rootonly.txt
	printf 'apiVersion: v2\nname: sub\nversion: 0.2.0\n' >mydir/charts/sub/Chart.yaml
	printf 'kind: Service\n' >mydir/charts/sub/templates/svc.yaml
}

# One line on stderr, status 1, and nothing left in the directory but what was there.
expect_clean_failure() {
	local before after
	before=$(ls -A)
	run "$@"
	[ "$status" -eq 1 ] || { echo "status $status: $output"; return 1; }
	[ "$(printf '%s\n' "$output" | wc -l)" -eq 1 ] || { echo "not one line: $output"; return 1; }
	after=$(ls -A)
	[ "$before" = "$after" ] || { echo "left files: $after"; return 1; }
}

@test "package lays the archive out as Helm does" {
	expect_status 0 helm-package mydir
	[ "$output" = "Successfully packaged chart and saved it to: $PWD/mychart-0.1.0.tgz" ]
	run tar tzf mychart-0.1.0.tgz
	[ "$output" = "mychart/Chart.yaml
mychart/values.yaml
mychart/templates/cm.yaml
mychart/.helmignore
mychart/charts/sub/Chart.yaml
mychart/charts/sub/templates/svc.yaml" ]
	run tar xzOf mychart-0.1.0.tgz mychart/Chart.yaml
	[ "$output" = 'apiVersion: v2
appVersion: "1.1"
dependencies:
- name: sub
  repository: ""
  version: 0.2.0
name: mychart
version: 0.1.0' ]
	[ "$(tar xzOf mychart-0.1.0.tgz mychart/values.yaml)" = "$(cat mydir/values.yaml)" ]
}

@test "packaging twice gives byte-identical archives" {
	helm-package mydir >/dev/null
	cp mychart-0.1.0.tgz first.tgz
	sleep 1
	helm-package mydir >/dev/null
	cmp first.tgz mychart-0.1.0.tgz
}

@test "--version, --app-version and --destination" {
	expect_status 0 helm package mydir --version v2.0.0 --app-version '"quoted"' -d out/sub
	[ "$output" = "Successfully packaged chart and saved it to: out/sub/mychart-v2.0.0.tgz" ]
	run tar xzOf out/sub/mychart-v2.0.0.tgz mychart/Chart.yaml
	[[ "$output" == *"appVersion: '\"quoted\"'"* ]]
	[[ "$output" == *"version: v2.0.0" ]]
	expect_status 1 helm-package --version bad mydir
	[[ "$output" == *"Invalid Semantic Version"* ]]
}

@test "--load prints the whole chart as JSON, from a directory or an archive" {
	expect_status 0 helm-package --load mydir
	[ "$(echo "$output" | jq -r .metadata.name)" = mychart ]
	[ "$(echo "$output" | jq -r .values.replicas)" = 1 ]
	[ "$(echo "$output" | jq -r .valuesYaml)" = "$(cat mydir/values.yaml)" ]
	[ "$(echo "$output" | jq -c '[.templates[].name]')" = '["templates/cm.yaml"]' ]
	[ "$(echo "$output" | jq -c '[.files[].name]')" = '[".helmignore"]' ]
	[ "$(echo "$output" | jq -c '[.subcharts[] | .path, .metadata.name]')" = '["charts/sub","sub"]' ]
	dir_json=$output
	helm-package mydir >/dev/null
	expect_status 0 helm-package --load mychart-0.1.0.tgz
	[ "$(echo "$output" | jq -c 'del(.source, .subcharts[].source, .chartYaml, .subcharts[].chartYaml)')" = \
	  "$(echo "$dir_json" | jq -c 'del(.source, .subcharts[].source, .chartYaml, .subcharts[].chartYaml)')" ]
}

@test "helm package without a path is a usage error" {
	expect_status 2 helm package
	[[ "$output" == *"need at least one argument, the path to the chart"* ]]
}

@test "a dependency missing from charts/ stops packaging" {
	rm -r mydir/charts
	expect_clean_failure helm-package mydir
	[ "$output" = "helm-package: mydir: found in Chart.yaml, but missing in charts/ directory: sub" ]
}

@test "bad charts: one line naming the chart and the cause, status 1, no file left" {
	mkdir empty
	expect_clean_failure helm-package empty
	[ "$output" = "helm-package: empty: Chart.yaml file is missing" ]
	mkdir badyaml
	printf 'apiVersion: v2\nname: x\nversion: 1.0.0\nfoo: [\n' >badyaml/Chart.yaml
	expect_clean_failure helm-package badyaml
	[ "$output" = "helm-package: badyaml: cannot load Chart.yaml: error converting YAML to JSON: yaml: line 4: did not find expected node content" ]
	mkdir nover
	printf 'apiVersion: v2\nname: x\n' >nover/Chart.yaml
	expect_clean_failure helm-package nover
	[ "$output" = "helm-package: nover: validation: chart.metadata.version is required" ]
	printf 'a: [\n' >mydir/values.yaml
	expect_clean_failure helm-package mydir
	[[ "$output" == "helm-package: mydir: cannot load values.yaml: error converting YAML to JSON: yaml: line"* ]]
	expect_clean_failure helm-package nonexistent
	[ "$output" = "helm-package: stat nonexistent: no such file or directory" ]
}

@test "bad archives: not gzip, traversal, absolute names, links out" {
	echo hello >notachart.tgz
	expect_clean_failure helm-package --load notachart.tgz
	[ "$output" = "helm-package: notachart.tgz: file 'notachart.tgz' does not appear to be a gzipped archive; got 'application/octet-stream'" ]
	printf 'a: 1\n' >values.yaml
	expect_clean_failure helm inspect chart values.yaml
	[[ "$output" == *"seems to be a YAML file, but expected a gzipped archive" ]]
	mkdir -p src/x && printf 'apiVersion: v2\nname: x\nversion: 1.0.0\n' >src/x/Chart.yaml
	tar czf dotdot.tgz -C src x/Chart.yaml --transform 's,^x/Chart.yaml,x/../../etc/pw,'
	expect_clean_failure helm-package --load dotdot.tgz
	[ "$output" = "helm-package: dotdot.tgz: chart illegally references parent directory" ]
	tar czf abs.tgz -C src x/Chart.yaml --transform 's,^,/,' -P
	expect_clean_failure helm-package --load abs.tgz
	[ "$output" = "helm-package: abs.tgz: chart illegally contains absolute paths" ]
	ln -s ../../../etc/passwd src/x/link.yaml
	tar czf link.tgz -C src x/Chart.yaml x/link.yaml
	expect_clean_failure helm-package --load link.tgz
	[ "$output" = "helm-package: link.tgz: chart illegally contains a link pointing outside the base directory: x/link.yaml -> ../../../etc/passwd" ]
}

# Runs a command as nobody (root reads every file), in a tree nobody can read.
as_nobody() {
	command -v setpriv >/dev/null || skip "no setpriv"
	local d=$BATS_TEST_TMPDIR
	while [ "$d" != / ]; do chmod o+x "$d"; d=$(dirname "$d"); done
	find "$BATS_TEST_TMPDIR" -perm -u+r -exec chmod o+rX {} +
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

@test "an unreadable chart archive is reported" {
	helm-package mydir >/dev/null
	chmod 000 mychart-0.1.0.tgz
	run as_nobody "$(command -v helm-package)" --load mychart-0.1.0.tgz
	[ "$status" -eq 1 ]
	[ "$output" = "helm-package: mychart-0.1.0.tgz: open mychart-0.1.0.tgz: permission denied" ]
}

@test "an unreadable file in a chart directory is reported" {
	chmod -R o+rX mydir
	chmod 000 mydir/templates/cm.yaml
	run as_nobody "$(command -v helm-package)" --load mydir
	[ "$status" -eq 1 ]
	[ "$output" = "helm-package: mydir: error reading templates/cm.yaml: open $PWD/mydir/templates/cm.yaml: permission denied" ]
}

@test "every corpus chart packages the files real Helm packages" {
	[ -d "$SHARED/charts" ] || skip "no corpus"
	mkdir out
	for list in "$TOP"/t/data/package-lists/*.txt; do
		c=$(basename "$list" .txt)
		helm-package -d out "$SHARED/charts/$c/chart" >/dev/null
		f=$(ls out/*.tgz)
		diff "$list" <(tar tzf "$f" | sort) || { echo "differs: $c"; return 1; }
		rm "$f"
	done
}

@test "helm package -u updates dependencies first, quietly" {
	mkdir -p s p
	printf 'apiVersion: v2\nname: sub\nversion: 0.1.0\n' >s/Chart.yaml
	printf 'apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies:\n- name: sub\n  version: 0.1.0\n  repository: file://../s\n' >p/Chart.yaml
	expect_status 0 helm package -u p
	[ "$output" = "Successfully packaged chart and saved it to: $PWD/p-1.0.0.tgz" ]
	[ "$(tar tzf p-1.0.0.tgz | sort | tr '\n' ' ')" = "p/Chart.lock p/Chart.yaml p/charts/sub/Chart.yaml " ]
}

@test "non-ASCII file names are packaged and read back, whatever the locale" {
	printf 'x\n' >"mydir/ü.txt"
	LC_ALL=C expect_status 0 helm-package mydir
	run tar --quoting-style=literal -tzf mychart-0.1.0.tgz
	[[ "$output" == *"mychart/ü.txt"* ]]
	LC_ALL=C expect_status 0 helm-package --load mychart-0.1.0.tgz
	[ "$(echo "$output" | jq -c '[.files[].name]')" = '[".helmignore","ü.txt"]' ]
}
