#!/usr/bin/env bats
# Loading a chart directory as Helm 3.17's loader does: symbolic links followed (and told of),
# and Helm's words for dangling links, irregular files and files too large.  The expected texts
# were recorded from real Helm 3.17.3 on the same trees.
load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p c/templates ext
	printf 'apiVersion: v2\nname: c\nversion: 0.1.0\n' >c/Chart.yaml
	printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: {{ .Files.Get "linked/f.txt" | quote }}\n' >c/templates/cm.yaml
	echo hello >ext/f.txt
	ln -s ../ext c/linked
	top=$PWD
}

@test "a linked directory is followed, and helm-render says so as Helm does" {
	expect_status 0 bash -c 'helm-merge-values c | helm-render c'
	[ "${lines[0]}" = "walk.go:75: found symbolic link in path: $top/c/linked resolves to $top/ext. Contents of linked file included and used" ]
	[ "${lines[-1]}" = '  x: "hello\n"' ]
}

@test "a linked file is read through the link" {
	mkdir -p c/sub
	ln -s ../../ext/f.txt c/sub/l.txt
	printf '{{ .Files.Get "sub/l.txt" }}' >c/templates/NOTES.txt
	expect_status 0 helm template r c --notes
	[[ "$output" == *"walk.go:75: found symbolic link in path: $top/c/sub/l.txt resolves to $top/ext/f.txt."* ]]
	[[ "$output" == *"# Source: c/templates/NOTES.txt
hello"* ]]
}

@test "a dangling link: Helm's EvalSymlinks error, naming the first missing part" {
	ln -s ../ext/nope/y c/broken
	expect_status 1 helm template r c
	[ "$output" = "Error: error evaluating symlink $top/c/broken: lstat $top/ext/nope: no such file or directory" ]
}

@test "a link through a file, and a link loop: Go's own words" {
	ln -s ../ext/f.txt/y c/through
	expect_status 1 helm template r c
	[ "$output" = "Error: error evaluating symlink $top/c/through: not a directory" ]
	rm c/through
	ln -s loop c/loop
	expect_status 1 helm template r c
	[ "$output" = "Error: error evaluating symlink $top/c/loop: EvalSymlinks: too many links" ]
}

@test "an irregular file is refused by its absolute path" {
	mkfifo c/fifo
	expect_status 1 helm template r c
	[ "$output" = "Error: cannot load irregular file $top/c/fifo as it has file mode type bits set" ]
}

@test "a file over 5 MiB is refused, read or not" {
	head -c 5242880 /dev/zero >c/limit.bin
	expect_status 0 helm template r c
	head -c 5242881 /dev/zero >c/big.bin
	expect_status 1 helm template r c
	[ "$output" = 'Error: chart file "big.bin" is larger than the maximum file size 5242880' ]
	rm c/big.bin
	head -c 5242881 /dev/zero >c/templates/big.yaml
	expect_status 1 bash -c 'helm-merge-values c | helm-render c'
	[ "${lines[-1]}" = 'Error: chart file "big.yaml" is larger than the maximum file size 5242880' ]
}

@test "a UTF-8 byte order mark is dropped, as Helm drops it" {
	printf '\xef\xbb\xbfkind: ConfigMap\n' >c/templates/bom.yaml
	expect_status 0 bash -c 'helm-merge-values c | helm-render c'
	[[ "$output" == *"# Source: c/templates/bom.yaml
kind: ConfigMap"* ]]
}
