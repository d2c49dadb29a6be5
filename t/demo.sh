#!/bin/bash
# The demo (`make demo`): the main job of the suite on the bundled example chart
# (examples/hello-world) and on a freshly created one, with the binaries of bin/ (or
# $HELM_TEST_BIN: t/demo.bats runs it against the sanitized build).
# So far: create, lint, inspect, package, load, render.  Later stages extend it up to installing.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
export PATH="${HELM_TEST_BIN:-$top/bin}:$PATH"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HELM_HOME="$work/helm-home"
cp -r "$top/examples/hello-world" "$work/"
cd "$work"

step() {
	printf '\n$ %s\n' "$*"
	"$@"
}

step helm version --client
step helm create demo
step helm lint demo
step helm package demo
step sh -c 'helm-package --load demo-0.1.0.tgz | jq -c "{metadata, templates: [.templates[].name]}"'

step helm lint hello-world
step helm inspect chart hello-world
step helm inspect values hello-world
step helm show readme hello-world
step helm package hello-world -d dist
step tar tzf dist/hello-world-1.0.0.tgz
step helm template dist/hello-world-1.0.0.tgz --name demo --set message="Hello demo" --set greeting.enabled=false
printf '\nThe demo ran to the end.\n'
