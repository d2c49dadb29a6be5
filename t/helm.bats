#!/usr/bin/env bats
# helm: the dispatcher — Helm v2's command tree, global flags, help, later-stage commands.
load test_helper

@test "helm --help lists Helm v2's commands and global flags" {
	expect_status 0 helm --help
	[[ "$output" == "The Kubernetes package manager"* ]]
	for c in completion create delete dependency fetch get history home init inspect install lint list package plugin repo reset rollback search serve status template test upgrade verify version; do
		echo "$output" | grep -q "^  $c " || { echo "missing $c"; return 1; }
	done
	echo "$output" | grep -q -- '--tiller-namespace string'
	[[ "$output" == *'Use "helm [command] --help" for more information about a command.' ]]
}

@test "helm with no arguments prints the help" {
	expect_status 0 helm
	[[ "$output" == "The Kubernetes package manager"* ]]
}

@test "helm COMMAND --help and helm help COMMAND show the command's usage and global flags" {
	expect_status 0 helm create --help
	echo "$output" | grep -q '^  helm create NAME \[flags\]$'
	echo "$output" | grep -q '^Global Flags:$'
	expect_status 0 helm help lint
	echo "$output" | grep -q '^  helm lint \[flags\] PATH$'
	expect_status 0 helm install --help
	echo "$output" | grep -q 'helm install \[CHART\]'
}

@test "helm version -c prints the client version as Helm v2" {
	expect_status 0 helm version -c
	[ "$output" = 'Client: &version.Version{SemVer:"v2.17.0", GitCommit:"", GitTreeState:""}' ]
	expect_status 0 helm version --client --short
	[ "$output" = 'Client: v2.17.0' ]
}

@test "helm version without -c says the server part is not implemented" {
	run helm version
	[ "$status" -eq 2 ]
	[[ "$output" == *"Client: &version.Version"* ]]
	[[ "$output" == *"not implemented yet"* ]]
}

@test "helm home follows --home, then HELM_HOME" {
	expect_status 0 helm home
	[ "$output" = "$HELM_HOME" ]
	expect_status 0 helm --home /x/y home
	[ "$output" = "/x/y" ]
	HELM_HOME= HOME=/h expect_status 0 helm home
	[ "$output" = "/h/.helm" ]
	expect_status 0 helm home --debug --home /z
	[[ "$output" == *"Plugins: /z/plugins"* ]]
}

@test "helm completion bash|zsh prints a script; other shells are refused" {
	expect_status 0 helm completion bash
	[[ "$output" == *"complete -o default -F __helm_complete helm"* ]]
	bash -n <(helm completion bash)
	expect_status 0 helm completion zsh
	[[ "$output" == *"compdef _helm helm"* ]]
	expect_status 2 helm completion fish
	[[ "$output" == *'unsupported shell type "fish"'* ]]
	expect_status 2 helm completion
}

@test "commands of later stages say so and exit 2" {
	for c in install upgrade delete rollback history status list get test init reset repo search fetch serve plugin verify; do
		run helm "$c" x
		[ "$status" -eq 2 ] || { echo "$c: status $status"; return 1; }
		[ "$output" = "helm: $c: not implemented yet" ] || { echo "$c: $output"; return 1; }
	done
	run helm del x
	[ "$output" = "helm: delete: not implemented yet" ]
}

@test "unknown commands and flags are usage errors" {
	expect_status 2 helm frobnicate
	[[ "$output" == *'unknown command "frobnicate" for "helm"'* ]]
	expect_status 2 helm create --nope x
	[[ "$output" == *"unknown flag: --nope"* ]]
	expect_status 2 helm lint -z
	[[ "$output" == *"unknown shorthand flag: 'z' in -z"* ]]
}

@test "global flags are accepted anywhere" {
	cd "$BATS_TEST_TMPDIR"
	expect_status 0 helm create demo --debug --tiller-namespace kube-system --kube-context=ctx
	[ -f demo/Chart.yaml ]
}

@test "tools are found beside helm first" {
	d="$BATS_TEST_TMPDIR/bin"
	mkdir -p "$d"
	cp "$(command -v helm)" "$d/helm"
	printf '#!/bin/sh\necho "fake helm-package $*"\n' >"$d/helm-package"
	chmod +x "$d/helm-package"
	run "$d/helm" package somewhere
	[ "$output" = "fake helm-package --destination . -- somewhere" ]
}
