#!/usr/bin/env bats
# helm dependency list|update|build (man/man1/helm-dependency.1); outputs as Helm 3.17.3's.
load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p parent/templates sub
	printf 'apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n  - name: sub\n    version: ">=0.1.0"\n    repository: file://../sub\n    import-values: [data]\n    tags: [a]\n' >parent/Chart.yaml
	printf 'apiVersion: v2\nname: sub\nversion: 0.2.0\n' >sub/Chart.yaml
	echo 'x: 1' >sub/values.yaml
}

@test "update packs file:// dependencies and writes Chart.lock with Helm's digest" {
	expect_status 0 helm dependency update parent
	[ "$output" = $'Saving 1 charts\nDeleting outdated charts' ]
	[ "$(tar -tzf parent/charts/sub-0.2.0.tgz | sort | tr '\n' ' ')" = "sub/Chart.yaml sub/values.yaml " ]
	# the digest real Helm 3.17.3 writes for this Chart.yaml and lock
	grep -qx 'digest: sha256:34559e726707f5f3e0c8d36c5f0241aa13b8730e9bdb4c8f0aab83c12bdac9db' parent/Chart.lock
	grep -qx '  version: 0.2.0' parent/Chart.lock
	grep -Eqx 'generated: "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z"' parent/Chart.lock
	expect_status 0 helm dependency list parent
	[ "$output" = $'NAME\tVERSION\tREPOSITORY   \tSTATUS\nsub \t>=0.1.0\tfile://../sub\tok    ' ]
}

@test "an unchanged digest leaves the lock file alone" {
	expect_status 0 helm dep up parent
	cp parent/Chart.lock before
	expect_status 0 helm dep up parent
	cmp before parent/Chart.lock
}

@test "build rebuilds charts/ from the lock file, and refuses a stale one" {
	expect_status 0 helm dependency update parent
	rm parent/charts/sub-0.2.0.tgz
	expect_status 0 helm dependency build parent
	[ -f parent/charts/sub-0.2.0.tgz ]
	printf 'apiVersion: v2\nname: sub\nversion: 0.3.0\n' >sub/Chart.yaml
	expect_status 1 helm dependency build parent
	[ "$output" = $'Saving 1 charts\nSave error occurred:  can\'t get a valid version for dependency sub\nError: can\'t get a valid version for dependency sub' ]
	sed -i 's/>=0.1.0/<1.0.0/' parent/Chart.yaml
	expect_status 1 helm dependency build parent
	[ "$output" = "Error: the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies" ]
	expect_status 0 helm dependency update parent
	[ -f parent/charts/sub-0.3.0.tgz ] && [ ! -f parent/charts/sub-0.2.0.tgz ]
}

@test "build without a lock file updates" {
	expect_status 0 helm dependency build parent
	[ -f parent/Chart.lock ] && [ -f parent/charts/sub-0.2.0.tgz ]
}

@test "no version satisfying the constraint" {
	sed -i 's/>=0.1.0/~1.0/' parent/Chart.yaml
	expect_status 1 helm dependency update parent
	[ "$output" = 'Error: can'"'"'t get a valid version for 1 subchart(s): "sub" (repository "file://../sub", version "~1.0"). Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml' ]
}

@test "chart repositories other than file:// are a clear error" {
	printf 'apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: nginx\n  version: 1.0.0\n  repository: https://charts.example.com\n- name: db\n  version: 1.0.0\n  repository: stable\n' >parent/Chart.yaml
	expect_status 1 helm dependency update parent
	[ "$output" = "Error: no repository definition for https://charts.example.com, stable. Please add them via 'helm repo add' (chart repositories other than file:// are not supported yet)" ]
	expect_status 1 helm dependency build parent
	[ ! -e parent/Chart.lock ] && [ ! -e parent/charts ]
}

@test "a missing file:// directory" {
	sed -i 's|file://../sub|file://../nowhere|' parent/Chart.yaml
	expect_status 1 helm dependency update parent
	[ "$output" = "Error: directory nowhere not found" ]
}

@test "Helm 2 charts: requirements.yaml gives requirements.lock; a chart directory in charts/" {
	mkdir -p v1/charts/local
	printf 'name: v1\nversion: 1.0.0\n' >v1/Chart.yaml
	printf 'dependencies:\n- name: local\n  version: ^1.0.0\n- name: sub\n  version: 0.2.0\n  repository: file://../sub\n' >v1/requirements.yaml
	printf 'name: local\nversion: 1.2.0\n' >v1/charts/local/Chart.yaml
	expect_status 0 helm dependency update v1
	[ "$output" = $'Saving 2 charts\nDependency local did not declare a repository. Assuming it exists in the charts directory\nDeleting outdated charts' ]
	[ -f v1/requirements.lock ] && [ ! -e v1/Chart.lock ]
	expect_status 0 helm dependency list v1
	[ "$output" = $'NAME \tVERSION\tREPOSITORY   \tSTATUS  \nlocal\t^1.0.0 \t             \tunpacked\nsub  \t0.2.0  \tfile://../sub\tok      ' ]
}

@test "list: wrong version, missing, undeclared charts, column width" {
	mkdir -p parent/charts/sub parent/charts/extra
	printf 'apiVersion: v2\nname: sub\nversion: 0.0.1\n' >parent/charts/sub/Chart.yaml
	printf 'apiVersion: v2\nname: extra\nversion: 1.0.0\n' >parent/charts/extra/Chart.yaml
	expect_status 0 helm dependency list parent --max-col-width 6
	[ "$output" = $'NAME\tVER...\tREP...\tSTATUS\nsub \t>=0...\tfil...\twro...\n\nWARNING: "parent/charts/extra" is not in Chart.yaml.' ]
	rm -r parent/charts/sub
	expect_status 0 helm dependency ls ./parent/
	[[ "$output" == *$'\tmissing'* ]]
	printf 'apiVersion: v2\nname: lone\nversion: 0.1.0\n' >sub/Chart.yaml
	expect_status 0 helm dependency list sub
	[ "$output" = "WARNING: no dependencies at sub/charts" ]
}

@test "usage" {
	expect_status 0 helm dependency
	[[ "$output" == *"helm dependency [command]"* ]]
	expect_status 0 helm dependency list --help
	[[ "$output" == *"--max-col-width"* ]]
	expect_status 2 helm dependency frobnicate
	expect_status 2 helm dependency list a b
	expect_status 1 helm dependency list nonexistent
}

@test "build accepts a Helm 2 requirements.lock digest" {
	mkdir v1
	printf 'name: v1\nversion: 1.0.0\n' >v1/Chart.yaml
	printf 'dependencies:\n- name: sub\n  version: 0.2.0\n  repository: file://../sub\n' >v1/requirements.yaml
	digest=$(printf '%s' '{"dependencies":[{"name":"sub","version":"0.2.0","repository":"file://../sub"}]}' | sha256sum | cut -d' ' -f1)
	printf 'dependencies:\n- name: sub\n  repository: file://../sub\n  version: 0.2.0\ndigest: sha256:%s\ngenerated: "2019-01-01T00:00:00Z"\n' "$digest" >v1/requirements.lock
	expect_status 0 helm dependency build v1
	[ "$output" = $'manager.go:122: warning: a valid Helm v3 hash was not found. Checking against Helm v2 hash...\nSaving 1 charts\nDeleting outdated charts' ]
	[ -f v1/charts/sub-0.2.0.tgz ]
}
