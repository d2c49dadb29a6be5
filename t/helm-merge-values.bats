#!/usr/bin/env bats
# helm-merge-values: the values stage and its JSON contract (man/man1/helm-merge-values.1).
load test_helper

setup() {
	cd "$BATS_TEST_TMPDIR"
	mkdir -p top/templates top/charts/sub/templates
	printf 'apiVersion: v2\nname: top\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: ~0.2.0\n  repository: file://charts/sub\n  alias: s1\n  condition: s1.enabled\n' >top/Chart.yaml
	printf 'a: 1\nf: 1.5\nlist: [1, 2]\nm: {x: 1}\n' >top/values.yaml
	printf 'apiVersion: v2\nname: sub\nversion: 0.2.3\n' >top/charts/sub/Chart.yaml
	printf 'enabled: true\nk: v\nglobal: {g: child}\n' >top/charts/sub/values.yaml
}

@test "prints the coalesced values and the tree of subcharts taking part" {
	expect_status 0 helm-merge-values --set a=2,m.y=true --set-string s=3 top
	[ "$output" = '{"chart":{"charts":[{"charts":[],"name":"s1","path":"charts/sub"}],"name":"top","path":""},"values":{"a":2,"f":1.5,"list":[1.0,2.0],"m":{"x":1.0,"y":true},"s":"3","s1":{"enabled":true,"global":{"g":"child"},"k":"v"}}}' ]
}

@test "a disabled subchart is absent from the tree and its defaults from the values" {
	expect_status 0 helm-merge-values --set s1.enabled=false top
	[ "$output" = '{"chart":{"charts":[],"name":"top","path":""},"values":{"a":1.0,"f":1.5,"list":[1.0,2.0],"m":{"x":1.0},"s1":{"enabled":false}}}' ]
}

@test "flag kinds apply in Helm's order, not command-line order" {
	printf 'a: file\nb: file\n' >o.yaml
	expect_status 0 helm-merge-values --set-string a=str --set a=set -f o.yaml --set-json 'b={"j":[1]}' top
	[[ "$output" == *'"a":"str"'* ]]
	[[ "$output" == *'"b":{"j":[1.0]}'* ]]
}

@test "-o yaml prints the same document for people" {
	expect_status 0 helm-merge-values -o yaml --set a=2 top
	[[ "$output" == *"values:"* ]]
	[[ "$output" == *"  a: 2"* ]]
	[[ "$output" == *"    name: s1"* ]]
}

@test "-f - reads standard input; --set-file reads a file" {
	printf 'line1\nline2\n' >f.txt
	run bash -c 'echo "z: 9" | helm-merge-values -f - --set-file a=f.txt top'
	[ "$status" -eq 0 ]
	[[ "$output" == *'"a":"line1\nline2\n"'* ]]
	[[ "$output" == *'"z":9.0'* ]]
}

@test "-f fetches http URLs" {
	command -v perl >/dev/null || skip "no perl for the test server"
	mkdir www
	echo 'fromurl: yes' >www/v.yaml
	ROOT=$PWD/www PORTFILE=$PWD/port perl -MIO::Socket::INET -e '
		my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.1", LocalPort => 0, Listen => 5, ReuseAddr => 1) or die;
		open my $pf, ">", "$ENV{PORTFILE}.tmp"; print $pf $s->sockport; close $pf; rename "$ENV{PORTFILE}.tmp", $ENV{PORTFILE};
		while (my $c = $s->accept) {
			my $req = <$c>; while (<$c>) { last if /^\r?\n$/ }
			my ($p) = $req =~ m{GET (\S+)};
			if (open my $f, "<", "$ENV{ROOT}$p") { local $/; my $b = <$f>;
				print $c "HTTP/1.0 200 OK\r\nContent-Length: " . length($b) . "\r\n\r\n$b" }
			else { print $c "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n" }
			close $c }' &
	server=$!
	for _ in $(seq 50); do [ -f port ] && break; sleep 0.1; done
	port=$(cat port)
	run helm-merge-values -f "http://127.0.0.1:$port/v.yaml" top
	run2_status=$status run2_output=$output
	run helm-merge-values -f "http://127.0.0.1:$port/nope.yaml" top
	kill "$server"
	[ "$run2_status" -eq 0 ]
	[[ "$run2_output" == *'"fromurl":true'* ]]
	[ "$status" -eq 1 ]
	[ "$output" = "Error: failed to fetch http://127.0.0.1:$port/nope.yaml : 404 Not Found" ]
}

@test "an unreachable URL is an error" {
	expect_status 1 helm-merge-values -f http://127.0.0.1:1/v.yaml top
	[ "$output" = 'Error: Get "http://127.0.0.1:1/v.yaml": dial tcp 127.0.0.1:1: connect: connection refused' ]
}

@test "bad value sources: one error in Helm's words, exit 1, nothing on stdout" {
	printf 'a: [1, 2\n' >bad.yaml
	printf -- '- 1\n- 2\n' >list.yaml
	run bash -c 'helm-merge-values -f bad.yaml top 2>/dev/null'
	[ "$status" -eq 1 ] && [ -z "$output" ]
	expect_status 1 helm-merge-values -f bad.yaml top
	[ "$output" = "Error: failed to parse bad.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'" ]
	expect_status 1 helm-merge-values -f list.yaml top
	[ "$output" = "Error: failed to parse list.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}" ]
	expect_status 1 helm-merge-values -f missing.yaml top
	[ "$output" = "Error: open missing.yaml: no such file or directory" ]
	expect_status 1 helm-merge-values --set 'a={x' top
	[ "$output" = "Error: failed parsing --set data: list must terminate with '}'" ]
	expect_status 1 helm-merge-values --set-file a=missing.txt top
	[ "$output" = "Error: failed parsing --set-file data: open missing.txt: no such file or directory" ]
	expect_status 1 helm-merge-values --set-json 'a={' top
	[ "$output" = "Error: failed parsing --set-json data a={" ]
}

@test "a parent value for a subchart that is not a map is a type mismatch" {
	expect_status 1 helm-merge-values --set s1=5 top
	[ "$output" = 'Error: type mismatch on s1: %!t(int64=5)' ]
}

@test "type conflicts warn on stderr and keep Helm's choice" {
	run bash -c 'helm-merge-values --set list.x=1 top 2>err; echo; cat err'
	[ "$status" -eq 0 ]
	[[ "$output" == *'"list":{"x":1}'* ]]
	[[ "$output" == *"coalesce.go:237: warning: skipped value for top.list: Not a table."* ]]
}

@test "schema violations list every failing chart" {
	echo '{"properties": {"a": {"type": "string"}}}' >top/values.schema.json
	echo '{"required": ["need"], "properties": {"k": {"enum": ["v", "w"]}}}' >top/charts/sub/values.schema.json
	expect_status 1 helm-merge-values --set s1.k=x top
	[ "$output" = "Error: values don't meet the specifications of the schema(s) in the following chart(s):
top:
- a: Invalid type. Expected: string, given: integer
s1:
- (root): need is required
- k: k must be one of the following: \"v\", \"w\"" ]
	expect_status 0 helm-merge-values --skip-schema-validation top
}

@test "a declared dependency missing from charts/ is an error" {
	rm -r top/charts/sub
	expect_status 1 helm-merge-values top
	[ "$output" = 'Error: An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: sub' ]
}

@test "Helm 2 charts: requirements.yaml conditions and tags, chart archives" {
	mkdir -p v1/charts/dep
	printf 'name: v1\nversion: 1.0.0\n' >v1/Chart.yaml
	printf 'dependencies:\n- name: dep\n  version: 1.x\n  repository: file://charts/dep\n  tags: [extra]\n' >v1/requirements.yaml
	printf 'name: dep\nversion: 1.4.0\n' >v1/charts/dep/Chart.yaml
	printf 'd: 1\n' >v1/charts/dep/values.yaml
	expect_status 0 helm-merge-values v1
	[[ "$output" == *'"name":"dep"'* ]]
	expect_status 0 helm-merge-values --set tags.extra=false v1
	[[ "$output" == *'"charts":[]'* ]]
	tar -czf v1.tgz v1
	expect_status 0 helm-merge-values v1.tgz
	[[ "$output" == *'"dep":{"d":1.0,"global":{}}'* ]]
}

@test "usage errors exit 2; --help exits 0" {
	expect_status 2 helm-merge-values
	expect_status 2 helm-merge-values --bogus top
	expect_status 2 helm-merge-values -o xml top
	expect_status 2 helm-merge-values top --set
	expect_status 0 helm-merge-values --help
	[[ "$output" == *"Usage: helm-merge-values"* ]]
}

@test "strings that are not UTF-8 (--set-file of a binary file) reach templates byte for byte" {
	printf '\377\376A\000B' >bin
	expect_status 0 helm-merge-values --set-file a=bin,l={bin} top
	[[ "$output" == *'"a":""'* ]]
	[[ "$output" == *'"binary":[[["a"],"//5BAEI="],[["l",0],"//5BAEI="]]'* ]]
	printf 'b64: {{ .Values.a | b64enc }}\n' >top/templates/b.yaml
	expect_status 0 helm template rel top --set-file a=bin --show-only templates/b.yaml
	[ "$output" = $'---\n# Source: top/templates/b.yaml\nb64: //5BAEI=' ]
}
