/* Unit tests of lib/yaml.c and lib/yaml_emit.c.  Expected texts are real Helm 3.17.3 output:
 * `helm template` of a chart whose values.yaml is the input and whose template is
 * {{ toJson .Values }} (or toYaml); errors are what Helm printed after "cannot load ". */
#include "json.h"
#include "yaml.h"
#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct parse_case {
	const char *in, *want;
};

static const struct parse_case parse_cases[] = {
	{"a: b: c\n", "ERR values.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context"},
	{"a:\n  - x\n - y\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 2: did not find expected key"},
	{"a: [1, 2\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"},
	{"a: {x: 1\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or '}'"},
	{"a: \"unterminated\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 2: found unexpected end of stream"},
	{"a: 1\nb\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 3: could not find expected ':'"},
	{"a: 1\n  b: 2\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"},
	{"- a\nb: 1\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected '-' indicator"},
	{"a: *x\n", "ERR values.yaml: error converting YAML to JSON: yaml: unknown anchor 'x' referenced"},
	{"a: &x [*x]\n", "ERR values.yaml: error converting YAML to JSON: yaml: anchor 'x' value contains itself"},
	{"base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n", "{\"base\":{\"true\":2,\"x\":1},\"m\":{\"true\":3,\"x\":1}}"},
	{"base: &b {x: 1, y: 2}\nm:\n  y: 3\n  <<: *b\n", "{\"base\":{\"true\":2,\"x\":1},\"m\":{\"true\":2,\"x\":1}}"},
	{"b1: &b1 {x: 1}\nb2: &b2 {x: 2, z: 2}\nm:\n  <<: [*b1, *b2]\n", "{\"b1\":{\"x\":1},\"b2\":{\"x\":2,\"z\":2},\"m\":{\"x\":1,\"z\":2}}"},
	{"m:\n  <<: 1\n", "ERR values.yaml: error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value"},
	{"a: .inf\n", "ERR values.yaml: error converting YAML to JSON: json: unsupported value: +Inf"},
	{"a: -.Inf\n", "ERR values.yaml: error converting YAML to JSON: json: unsupported value: -Inf"},
	{"a: .nan\n", "ERR values.yaml: error converting YAML to JSON: json: unsupported value: NaN"},
	{"a: !!binary aGVsbG8=\n", "{\"a\":\"hello\"}"},
	{"a: !!binary YR==\n", "{\"a\":\"a\"}"}, /* StdEncoding is not Strict: stray low bits pass */
	{"a: !!binary \"aGVsbG8\"\n", "ERR values.yaml: error converting YAML to JSON: yaml: !!binary value contains invalid base64 data"},
	{"a: !!int abc\n", "ERR values.yaml: error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!int"},
	{"a: !!float 1\n", "{\"a\":1}"},
	{"a: !!bool yes\n", "{\"a\":true}"},
	{"a: !foo bar\n", "{\"a\":\"bar\"}"},
	{"a: !!null x\n", "ERR values.yaml: error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!null"},
	{"? [a]\n: b\n", "ERR values.yaml: error converting YAML to JSON: yaml: invalid map key: []interface {}{\"a\"}"},
	{"~: x\n", "ERR values.yaml: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: \"x\""},
	{"1e6: a\n0.1: b\n3.14159265358979: c\n", "{\"0.1\":\"b\",\"1e+06\":\"a\",\"3.1415927\":\"c\"}"},
	{"18446744073709551615: a\n", "ERR values.yaml: error converting YAML to JSON: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: \"a\""},
	{"a: 18446744073709551615\nb: 9223372036854775807\nc: 12345678901234567890123\n", "{\"a\":18446744073709552000,\"b\":9223372036854776000,\"c\":1.2345678901234568e+22}"},
	{"a: 1\na: 2\n", "{\"a\":2}"},
	{"a:\t1\n", "{\"a\":1}"},
	{"\ta: 1\n", "ERR values.yaml: error converting YAML to JSON: yaml: found character that cannot start any token"},
	{"a: @x\n", "ERR values.yaml: error converting YAML to JSON: yaml: found character that cannot start any token"},
	{"a: `x\n", "ERR values.yaml: error converting YAML to JSON: yaml: found character that cannot start any token"},
	{"a: \"\\x\"\n", "ERR values.yaml: error converting YAML to JSON: yaml: did not find expected hexdecimal number"},
	{"%YAML 1.1\n---\na: 1\n", "{\"a\":1}"},
	{"---\na: 1\n---\nb: 2\n", "{\"a\":1}"},
	{"a: 1\n---\n: : :\n", "{\"a\":1}"},
	{"a: |\n  line1\n  line2\n", "{\"a\":\"line1\\nline2\\n\"}"},
	{"a: >\n  folded\n  text\n\n  para\n", "{\"a\":\"folded text\\npara\\n\"}"},
	{"a: [a, b]: c\n", "ERR values.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context"},
	{"key: value\n- item\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected key"},
	{"a:\n  b: 1\n c: 2\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 2: did not find expected key"},
	{"\"a\": 1\n\"a\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 3: found unexpected end of stream"},
	{"a: 'it''s'\n", "{\"a\":\"it's\"}"},
	{"a: 2001-12-14t21:59:43.10-05:00\nb: 2001-12-14\n", "{\"a\":\"2001-12-14t21:59:43.10-05:00\",\"b\":\"2001-12-14\"}"},
	{"a: 0b1010\nb: -0b11\nc: 0o17\nd: +12\ne: -0x1F\nf: 1__0\ng: 0_7\nh: 1.2.3\ni: 08\nj: 0x\nk: +.5\nl: -.5e3\nm: 1e-7\nn: 1E3\n", "{\"a\":10,\"b\":-3,\"c\":15,\"d\":12,\"e\":-31,\"f\":10,\"false\":1000,\"g\":7,\"h\":\"1.2.3\",\"i\":8,\"j\":\"0x\",\"k\":0.5,\"l\":-500,\"m\":1e-7}"},
	{"a: Yes\nb: NO\nc: oN\nd: Off\ne: TRUE\nf: tRUE\ng: y\nh: N\ni: Null\nj: NULL\nk: nULL\n", "{\"a\":true,\"b\":false,\"c\":\"oN\",\"d\":false,\"e\":true,\"f\":\"tRUE\",\"g\":true,\"h\":false,\"i\":null,\"j\":null,\"k\":\"nULL\"}"},
	{"&a a: 1\n*a : 2\n", "{\"a\":2}"},
	{"a: &x 1\nb: *x\nc: &x 2\nd: *x\n", "{\"a\":1,\"b\":1,\"c\":2,\"d\":2}"},
	{"a: [1,2,]\n", "{\"a\":[1,2]}"},
	{"a: {b: 1,, c: 2}\n", "ERR values.yaml: error converting YAML to JSON: yaml: did not find expected node content"},
	{"a: b\n  c\n", "{\"a\":\"b c\"}"},
	{"a: \"b\n  c\"\n", "{\"a\":\"b c\"}"},
	{"a:\n- b\n-c\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 4: could not find expected ':'"},
	{"{a: 1}\n", "{\"a\":1}"},
	{"[\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content"},
	{"]\n", "ERR values.yaml: error converting YAML to JSON: yaml: did not find expected node content"},
	{"a: ]\n", "ERR values.yaml: error converting YAML to JSON: yaml: did not find expected node content"},
	{"a: 'x\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 2: found unexpected end of stream"},
	{"a:\n  - b: 1\n    c: 2\n  - d\n", "{\"a\":[{\"b\":1,\"c\":2},\"d\"]}"},
	{"a: !!str\nb: !!int\n", "ERR values.yaml: error converting YAML to JSON: yaml: cannot decode !!null `` as a !!int"},
	{"a: ! 12\n", "{\"a\":\"12\"}"},
	{"\xff""\n", "ERR values.yaml: error converting YAML to JSON: yaml: invalid leading UTF-8 octet"},
	{"a: \"\\u00e9\\ud83d\"\n", "ERR values.yaml: error converting YAML to JSON: yaml: found invalid Unicode character escape code"},
	{"a: \x01""\n", "ERR values.yaml: error converting YAML to JSON: yaml: control characters are not allowed"},
	{"a: {<<: {x: 1}, x: 2}\n", "{\"a\":{\"x\":2}}"},
	{"a: {x: 2, <<: {x: 1}}\n", "{\"a\":{\"x\":1}}"},
	{"\"<<\": {x: 1}\n", "{\"\\u003c\\u003c\":{\"x\":1}}"},
	{"a: !!merge <<\n", "{\"a\":\"\\u003c\\u003c\"}"},
	{"<<: {a: 1}\nb: 2\n", "{\"a\":1,\"b\":2}"},
	{"a: - b\n", "ERR values.yaml: error converting YAML to JSON: yaml: block sequence entries are not allowed in this context"},
	{"a: b:\n", "ERR values.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context"},
	{"a: 1\nb: 2\nc: \"x\\/y\"\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 3: found unknown escape character"},
	{"a: 1\nb: [1,\n  x?y]\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'"},
	{"a: 1\nb: {k: v,\n  x?y: 1}\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 2: did not find expected ',' or '}'"},
	{"a: \"\\\\/\"\n", "{\"a\":\"\\\\/\"}"},
	{"# c\n%YAML 1.2\n---\na: 1\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 1: found incompatible YAML document"},
	{"\xef""\xbb""\xbf""a: 1\nb: \"\\/\"\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 2: found unknown escape character"},
	{"a: 1\r\nb: \"\\/\"\r\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 2: found unknown escape character"},
	{"a: [x?y, ?z, z?]\n", "ERR values.yaml: error converting YAML to JSON: yaml: did not find expected ',' or ']'"},
	{"a: \"\\e\\0\\a\\v\\f\\b\\r\\/\\ \"\n", "ERR values.yaml: error converting YAML to JSON: yaml: found unknown escape character"},
	{"a: [\n\n  a?b]\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'"},
	{"x: \"\\'x7f\"\n", "{\"x\":\"'x7f\"}"},
	{"a: \"a\\'b\\'\"\n", "{\"a\":\"a'b'\"}"},
	{"a: !,!binary aGVsbG8=\n", "{\"a\":\"aGVsbG8=\"}"},
	{"a: !x![y z\n", "ERR values.yaml: error converting YAML to JSON: yaml: found undefined tag handle"},
	{"a: !!b]inary /x==}\n", "{\"a\":\"/x==}\"}"},
	{"a: !]bool \"true\"\n", "{\"a\":\"true\"}"},
	{"a: [x:]\n", "{\"a\":[\"x:\"]}"},
	{"a: {x:: 1, b:}\n", "{\"a\":{\"b:\":null,\"x:\":1}}"},
	{"a: [x:]9\n", "ERR values.yaml: error converting YAML to JSON: yaml: did not find expected key"},
	{"&a : 1\n*a : 2\n", "ERR values.yaml: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 2"},
	{"~: 1\nnull: {a: [1]}\n", "ERR values.yaml: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: map[interface {}]interface {}{\"a\":[]interface {}{1}}"},
	{"1e64: a\n-1e39: b\n.nan: c\n3.14159265358979: d\n", "{\"-.inf\":\"b\",\".inf\":\"a\",\".nan\":\"c\",\"3.1415927\":\"d\"}"},
	{"a: b\n\xef\xbb\xbf" "c: d\n", "{\"a\":\"b\",\"\xef\xbb\xbf" "c\":\"d\"}"},
	{"a: \"x\n\xef\xbb\xbfy\"\n", "{\"a\":\"x \xef\xbb\xbfy\"}"},
	{"- a\n\xef\xbb\xbf- b\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 3: could not find expected ':'"},
	{"%YAML 1.2\n-~-n\na: 1\n", "ERR values.yaml: error converting YAML to JSON: yaml: found incompatible YAML document"},
	{"%YAML 1.1\n---\na: [\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 3: did not find expected node content"},
	{"a: [!x,y]\n", "ERR values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"},
	{"a: [!!str, b]\n", "{\"a\":[\"b\"]}"},
	{"a: [&x !y,z ]\n", "{\"a\":[\"\"]}"},
	{"a: [!<x,y> z]\n", "{\"a\":[\"z\"]}"},
};

/* Parses IN as values.yaml; gives toJson's text, or "ERR " and the error. */
static char *parse_to_json(const char *in, int flags)
{
	char *err = NULL;
	hv *v = yaml_parse(in, strlen(in), "values.yaml", flags, &err);
	buf b = BUF_INIT;
	if (!v) {
		buf_printf(&b, "ERR %s", err);
		free(err);
	} else {
		json_emit(&b, v, JSON_ESCAPE_HTML);
		hv_free(v);
	}
	return buf_detach(&b, NULL);
}

static void test_parse_cases(void)
{
	for (size_t i = 0; i < sizeof parse_cases / sizeof *parse_cases; i++) {
		char *got = parse_to_json(parse_cases[i].in, 0);
		bool ok = strcmp(got, parse_cases[i].want) == 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  input %s\n  got   %s\n  want  %s\n", parse_cases[i].in, got, parse_cases[i].want);
		free(got);
	}
}

/* YAML_HEAD gives every case's error, and of a value only the head's parts. */
static void test_parse_head(void)
{
	for (size_t i = 0; i < sizeof parse_cases / sizeof *parse_cases; i++) {
		if (strncmp(parse_cases[i].want, "ERR ", 4) != 0)
			continue;
		char *got = parse_to_json(parse_cases[i].in, YAML_HEAD);
		CHECK(strcmp(got, parse_cases[i].want) == 0);
		free(got);
	}
	static const struct parse_case cases[] = {
		{"kind: K\nspec: {a: [1, {b: c}]}\nmetadata: {name: web, labels: {x: y}, annotations: {a: b}}\n",
		 "{\"kind\":\"K\",\"metadata\":{\"annotations\":{\"a\":\"b\"},\"name\":\"web\"}}"},
		{"b: &b {kind: K, apiVersion: v1, metadata: {name: m}}\n<<: *b\nkind: L\n",
		 "{\"apiVersion\":\"v1\",\"kind\":\"L\",\"metadata\":{\"name\":\"m\"}}"},
		{"- kind\n- {a: b}\n", "[\"kind\",{\"a\":\"b\"}]"},
		{"metadata: [a]\n", "{\"metadata\":[\"a\"]}"},
		{"kind: K\nspec:\n  ~: 1\n", "ERR values.yaml: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1"},
		{"kind: K\nspec: {x: [.nan]}\n", "ERR values.yaml: error converting YAML to JSON: json: unsupported value: NaN"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *got = parse_to_json(cases[i].in, YAML_HEAD);
		bool ok = strcmp(got, cases[i].want) == 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  input %s\n  got   %s\n  want  %s\n", cases[i].in, got, cases[i].want);
		free(got);
	}
}

static void test_parse_types(void)
{
	char *err = NULL;
	const char *in = "i: 1\nu: 18446744073709551615\nf: 1.0\ns: '1'\nb: on\nn: ~\nnul: ~\nl: [0x10]\n";
	hv *v = yaml_parse(in, strlen(in), "x", 0, &err);
	CHECK(v && hv_kind_of(hv_map_get(v, "i")) == HV_FLOAT && hv_get_float(hv_map_get(v, "i")) == 1);
	CHECK(v && hv_kind_of(hv_map_get(v, "u")) == HV_FLOAT);
	CHECK(v && hv_kind_of(hv_map_get(v, "s")) == HV_STRING);
	CHECK(v && hv_kind_of(hv_map_get(v, "b")) == HV_BOOL && hv_get_bool(hv_map_get(v, "b")));
	CHECK(v && hv_is_nil(hv_map_get(v, "nul")) && hv_map_get(v, "false"));
	hv_free(v);
	v = yaml_parse(in, strlen(in), "x", YAML_INTS, &err);
	CHECK(v && hv_kind_of(hv_map_get(v, "i")) == HV_INT && hv_get_int(hv_map_get(v, "i")) == 1);
	CHECK(v && hv_kind_of(hv_map_get(v, "u")) == HV_UINT && hv_get_uint(hv_map_get(v, "u")) == UINT64_MAX);
	CHECK(v && hv_kind_of(hv_map_get(v, "f")) == HV_FLOAT);
	CHECK(v && hv_get_int(hv_list_get(hv_map_get(v, "l"), 0)) == 16);
	hv_free(v);
	/* .inf is a float to go-yaml; only the JSON trip refuses it */
	v = yaml_parse("a: .inf", 7, "x", YAML_INTS, &err);
	CHECK(v && hv_kind_of(hv_map_get(v, "a")) == HV_FLOAT);
	hv_free(v);
	v = yaml_parse("", 0, "x", 0, &err);
	CHECK(v && hv_is_nil(v));
	hv_free(v);
	/* no name: the message alone, as fromYaml shows it */
	v = yaml_parse("[", 1, NULL, 0, &err);
	CHECK(!v && strcmp(err, "error converting YAML to JSON: yaml: line 1: did not find expected node content") == 0);
	free(err);
}

static void test_parse_all(void)
{
	char *err = NULL;
	const char *in = "a: 1\n---\n---\nb: &x 2\nc: *x\n...\n--- [1]\n";
	hv *v = yaml_parse_all(in, strlen(in), "x", 0, &err);
	buf b = BUF_INIT;
	if (v)
		json_emit(&b, v, 0);
	CHECK(strcmp(buf_str(&b), "[{\"a\":1},null,{\"b\":2,\"c\":2},[1]]") == 0);
	buf_free(&b);
	hv_free(v);
	/* yaml_parse reads the first document only; a broken later one goes unnoticed, as in Helm */
	in = "a: 1\n---\nb: [\n";
	v = yaml_parse(in, strlen(in), "x", 0, &err);
	CHECK(v && hv_len(v) == 1);
	hv_free(v);
	v = yaml_parse_all(in, strlen(in), "x", 0, &err);
	CHECK(!v && strcmp(err, "x: error converting YAML to JSON: yaml: line 3: did not find expected node content") == 0);
	free(err);
}

/* go-yaml's scanner stops at 10000 levels of flow (or block) nesting. */
static void test_depth(void)
{
	buf in = BUF_INIT;
	buf_puts(&in, "a:\n- ");
	for (int i = 0; i < 20000; i++)
		buf_putc(&in, '[');
	for (int i = 0; i < 20000; i++)
		buf_putc(&in, ']');
	char *err = NULL;
	hv *v = yaml_parse(buf_str(&in), in.len, "x", 0, &err);
	CHECK(!v && strcmp(err, "x: error converting YAML to JSON: yaml: line 2: exceeded max depth of 10000") == 0);
	free(err);
	buf_reset(&in);
	for (int i = 0; i < 9000; i++)
		buf_putc(&in, '[');
	for (int i = 0; i < 9000; i++)
		buf_putc(&in, ']');
	v = yaml_parse(buf_str(&in), in.len, "x", 0, &err);
	CHECK(v && hv_kind_of(v) == HV_LIST);
	hv_free(v);
	buf_free(&in);
}

static void test_alias_bomb(void)
{
	buf in = BUF_INIT;
	buf_puts(&in, "a: &a [x, x, x, x, x, x, x, x, x, x]\n");
	for (char c = 'b'; c <= 'j'; c++)
		buf_printf(&in, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", c, c, c - 1, c - 1,
		           c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
	char *err = NULL;
	hv *v = yaml_parse(buf_str(&in), in.len, "x", 0, &err);
	CHECK(!v && strcmp(err, "x: error converting YAML to JSON: yaml: document contains excessive aliasing") == 0);
	free(err);
	buf_free(&in);
}

/* Public conformance vectors whose template is {{ toYaml .Values.KEY }} (or whose third field
 * is {{ .Values.v | toYaml }}): values.yaml through the parser, then the emitter, then toYaml's
 * trimming of the final newline. */
struct emit_case {
	const char *id, *values, *key, *want;
};

static const struct emit_case emit_cases[] = {
	{"helm-yaml-002", "{\"v\": \"no\"}\n", "v", "\"no\""},
	{"helm-yaml-003", "{\"v\": \"on\"}\n", "v", "\"on\""},
	{"helm-yaml-004", "{\"v\": \"off\"}\n", "v", "\"off\""},
	{"helm-yaml-008", "{\"v\": \"True\"}\n", "v", "\"True\""},
	{"helm-yaml-009", "{\"v\": \"TRUE\"}\n", "v", "\"TRUE\""},
	{"helm-yaml-011", "{\"v\": \"~\"}\n", "v", "\"~\""},
	{"helm-yaml-013", "{\"v\": \"0x1F\"}\n", "v", "\"0x1F\""},
	{"helm-yaml-014", "{\"v\": \"1e3\"}\n", "v", "\"1e3\""},
	{"helm-yaml-015", "{\"v\": \"1.0\"}\n", "v", "\"1.0\""},
	{"helm-yaml-016", "{\"v\": \"123\"}\n", "v", "\"123\""},
	{"helm-yaml-017", "{\"v\": \"-1\"}\n", "v", "\"-1\""},
	{"helm-yaml-018", "{\"v\": \".5\"}\n", "v", "\".5\""},
	{"helm-yaml-019", "{\"v\": \"a: b\"}\n", "v", "'a: b'"},
	{"helm-yaml-020", "{\"v\": \"a:b\"}\n", "v", "a:b"},
	{"helm-yaml-021", "{\"v\": \"- x\"}\n", "v", "'- x'"},
	{"helm-yaml-022", "{\"v\": \"#x\"}\n", "v", "'#x'"},
	{"helm-yaml-023", "{\"v\": \"x #y\"}\n", "v", "'x #y'"},
	{"helm-yaml-024", "{\"v\": \"key:\"}\n", "v", "'key:'"},
	{"helm-yaml-025", "{\"v\": \"@at\"}\n", "v", "'@at'"},
	{"helm-yaml-026", "{\"v\": \"`bt\"}\n", "v", "'`bt'"},
	{"helm-yaml-027", "{\"v\": \"multi\\nline\"}\n", "v", "|-\n  multi\n  line"},
	{"helm-yaml-031", "{\"v\": \"tab\\there\"}\n", "v", "\"tab\\there\""},
	{"helm-yaml-032", "{\"v\": \"\"}\n", "v", "\"\""},
	{"helm-yaml-034", "{\"v\": \"'q'\"}\n", "v", "'''q'''"},
	{"helm-yaml-035", "{\"v\": \"\\\"dq\\\"\"}\n", "v", "'\"dq\"'"},
	{"helm-yaml-036", "{\"v\": \"\\u00e9\"}\n", "v", "\xc3""\xa9"""},
	{"helm-yaml-037", "{\"v\": \"2024-01-01\"}\n", "v", "\"2024-01-01\""},
	{"helm-yaml-038", "{\"v\": \"12:30\"}\n", "v", "\"12:30\""},
	{"helm-yaml-039", "{\"v\": \"*star\"}\n", "v", "'*star'"},
	{"helm-yaml-040", "{\"v\": \"&amp\"}\n", "v", "'&amp'"},
	{"helm-yaml-042", "{\"v\": \"%pct\"}\n", "v", "'%pct'"},
	{"helm-yaml-043", "{\"v\": \"{x}\"}\n", "v", "'{x}'"},
	{"helm-yaml-044", "{\"v\": \"[y]\"}\n", "v", "'[y]'"},
	{"helm-yaml-045", "{\"v\": \">\"}\n", "v", "'>'"},
	{"helm-yaml-046", "{\"v\": \"|\"}\n", "v", "'|'"},
	{"helm-yaml-047", "{\"v\": \"?\"}\n", "v", "'?'"},
	{"helm-yaml-048", "{\"v\": \",\"}\n", "v", "','"},
	{"helm-yaml-049", "{\"v\": \"=\"}\n", "v", "="},
	{"helm-yaml-050", "{\"v\": \"<<\"}\n", "v", "<<"},
	{"helm-yaml-051", "{\"v\": \"0o17\"}\n", "v", "\"0o17\""},
	{"helm-yaml-052", "{\"v\": \"+1\"}\n", "v", "\"+1\""},
	{"helm-yaml-053", "{\"v\": \".inf\"}\n", "v", "\".inf\""},
	{"helm-yaml-054", "{\"v\": \"NaN\"}\n", "v", "NaN"},
	{"helm-yaml-055", "{\"v\": \"x\\n\\ny\"}\n", "v", "|-\n  x\n\n  y"},
	{"helm-yaml-056", "{\"v\": \"ends\\n\\n\"}\n", "v", "|+\n  ends\n"},
	{"helm-yaml-057", "{\"v\": \"a\\\\b\"}\n", "v", "a\\b"},
	{"helm-yaml-058", "str: hello\nempty: \"\"\nnum: 42\nneg: -7\nflt: 3.14\nbig: 12345678901\none: 1.0\nzero: 0\nt: true\nf: false\nnul: null\nlist: [a, b, c]\nnums: [3, 1, 2]\nfnums: [1.5, 2.5]\nemptylist: []\nmap: {b: 2, a: 1, c: 3}\nemptymap: {}\nnested: {x: {y: {z: deep}}}\nnumstr: \"123\"\nmixed: [1, \"two\", 3.5, true, null]\nusers:\n  - name: alice\n    age: 30\n  - name: bob\n    age: 25\n", "nested", "x:\n  \"true\":\n    z: deep"},
	{"helm-yaml-059", "str: hello\nempty: \"\"\nnum: 42\nneg: -7\nflt: 3.14\nbig: 12345678901\none: 1.0\nzero: 0\nt: true\nf: false\nnul: null\nlist: [a, b, c]\nnums: [3, 1, 2]\nfnums: [1.5, 2.5]\nemptylist: []\nmap: {b: 2, a: 1, c: 3}\nemptymap: {}\nnested: {x: {y: {z: deep}}}\nnumstr: \"123\"\nmixed: [1, \"two\", 3.5, true, null]\nusers:\n  - name: alice\n    age: 30\n  - name: bob\n    age: 25\n", "map", "a: 1\nb: 2\nc: 3"},
	{"helm-yaml-060", "str: hello\nempty: \"\"\nnum: 42\nneg: -7\nflt: 3.14\nbig: 12345678901\none: 1.0\nzero: 0\nt: true\nf: false\nnul: null\nlist: [a, b, c]\nnums: [3, 1, 2]\nfnums: [1.5, 2.5]\nemptylist: []\nmap: {b: 2, a: 1, c: 3}\nemptymap: {}\nnested: {x: {y: {z: deep}}}\nnumstr: \"123\"\nmixed: [1, \"two\", 3.5, true, null]\nusers:\n  - name: alice\n    age: 30\n  - name: bob\n    age: 25\n", "list", "- a\n- b\n- c"},
	{"helm-yaml-061", "str: hello\nempty: \"\"\nnum: 42\nneg: -7\nflt: 3.14\nbig: 12345678901\none: 1.0\nzero: 0\nt: true\nf: false\nnul: null\nlist: [a, b, c]\nnums: [3, 1, 2]\nfnums: [1.5, 2.5]\nemptylist: []\nmap: {b: 2, a: 1, c: 3}\nemptymap: {}\nnested: {x: {y: {z: deep}}}\nnumstr: \"123\"\nmixed: [1, \"two\", 3.5, true, null]\nusers:\n  - name: alice\n    age: 30\n  - name: bob\n    age: 25\n", "users", "- age: 30\n  name: alice\n- age: 25\n  name: bob"},
	{"helm-yaml-062", "str: hello\nempty: \"\"\nnum: 42\nneg: -7\nflt: 3.14\nbig: 12345678901\none: 1.0\nzero: 0\nt: true\nf: false\nnul: null\nlist: [a, b, c]\nnums: [3, 1, 2]\nfnums: [1.5, 2.5]\nemptylist: []\nmap: {b: 2, a: 1, c: 3}\nemptymap: {}\nnested: {x: {y: {z: deep}}}\nnumstr: \"123\"\nmixed: [1, \"two\", 3.5, true, null]\nusers:\n  - name: alice\n    age: 30\n  - name: bob\n    age: 25\n", "mixed", "- 1\n- two\n- 3.5\n- true\n- null"},
	{"helm-yaml-063", "str: hello\nempty: \"\"\nnum: 42\nneg: -7\nflt: 3.14\nbig: 12345678901\none: 1.0\nzero: 0\nt: true\nf: false\nnul: null\nlist: [a, b, c]\nnums: [3, 1, 2]\nfnums: [1.5, 2.5]\nemptylist: []\nmap: {b: 2, a: 1, c: 3}\nemptymap: {}\nnested: {x: {y: {z: deep}}}\nnumstr: \"123\"\nmixed: [1, \"two\", 3.5, true, null]\nusers:\n  - name: alice\n    age: 30\n  - name: bob\n    age: 25\n", "emptymap", "{}"},
	{"helm-yaml-064", "str: hello\nempty: \"\"\nnum: 42\nneg: -7\nflt: 3.14\nbig: 12345678901\none: 1.0\nzero: 0\nt: true\nf: false\nnul: null\nlist: [a, b, c]\nnums: [3, 1, 2]\nfnums: [1.5, 2.5]\nemptylist: []\nmap: {b: 2, a: 1, c: 3}\nemptymap: {}\nnested: {x: {y: {z: deep}}}\nnumstr: \"123\"\nmixed: [1, \"two\", 3.5, true, null]\nusers:\n  - name: alice\n    age: 30\n  - name: bob\n    age: 25\n", "emptylist", "[]"},
	{"helm-yaml-067", "str: hello\nempty: \"\"\nnum: 42\nneg: -7\nflt: 3.14\nbig: 12345678901\none: 1.0\nzero: 0\nt: true\nf: false\nnul: null\nlist: [a, b, c]\nnums: [3, 1, 2]\nfnums: [1.5, 2.5]\nemptylist: []\nmap: {b: 2, a: 1, c: 3}\nemptymap: {}\nnested: {x: {y: {z: deep}}}\nnumstr: \"123\"\nmixed: [1, \"two\", 3.5, true, null]\nusers:\n  - name: alice\n    age: 30\n  - name: bob\n    age: 25\n", "nul", "null"},
	{"helm-yaml-070", "str: hello\nempty: \"\"\nnum: 42\nneg: -7\nflt: 3.14\nbig: 12345678901\none: 1.0\nzero: 0\nt: true\nf: false\nnul: null\nlist: [a, b, c]\nnums: [3, 1, 2]\nfnums: [1.5, 2.5]\nemptylist: []\nmap: {b: 2, a: 1, c: 3}\nemptymap: {}\nnested: {x: {y: {z: deep}}}\nnumstr: \"123\"\nmixed: [1, \"two\", 3.5, true, null]\nusers:\n  - name: alice\n    age: 30\n  - name: bob\n    age: 25\n", "big", "12345678901"},
	{"helm-yaml-071", "str: hello\nempty: \"\"\nnum: 42\nneg: -7\nflt: 3.14\nbig: 12345678901\none: 1.0\nzero: 0\nt: true\nf: false\nnul: null\nlist: [a, b, c]\nnums: [3, 1, 2]\nfnums: [1.5, 2.5]\nemptylist: []\nmap: {b: 2, a: 1, c: 3}\nemptymap: {}\nnested: {x: {y: {z: deep}}}\nnumstr: \"123\"\nmixed: [1, \"two\", 3.5, true, null]\nusers:\n  - name: alice\n    age: 30\n  - name: bob\n    age: 25\n", "one", "1"},
	{"helm-yaml-131", "v: {\"1\": a, 2: b}\n", "v", "\"1\": a\n\"2\": b"},
	{"helm-yaml-135", "v: \"ctrl \\x07\"\n", "v", "\"ctrl \\a\""},
	{"values-001", "v: 0\n", "v", "0"},
	{"values-002", "v: 1\n", "v", "1"},
	{"values-005", "v: 1.0\n", "v", "1"},
	{"values-006", "v: 1.5\n", "v", "1.5"},
	{"values-007", "v: 0.1\n", "v", "0.1"},
	{"values-008", "v: -0.5\n", "v", "-0.5"},
	{"values-009", "v: 1e6\n", "v", "1000000"},
	{"values-010", "v: 1e+6\n", "v", "1000000"},
	{"values-011", "v: 1.0e6\n", "v", "1000000"},
	{"values-013", "v: 12345678901\n", "v", "12345678901"},
	{"values-014", "v: 123456789012345678\n", "v", "123456789012345680"},
	{"values-015", "v: 9007199254740993\n", "v", "9007199254740992"},
	{"values-016", "v: 1000000\n", "v", "1000000"},
	{"values-017", "v: 10000000\n", "v", "10000000"},
	{"values-018", "v: 100000\n", "v", "100000"},
	{"values-019", "v: 999999\n", "v", "999999"},
	{"values-020", "v: 1234567\n", "v", "1234567"},
	{"values-022", "v: 0o17\n", "v", "15"},
	{"values-023", "v: 017\n", "v", "15"},
	{"values-024", "v: 1_000\n", "v", "1000"},
	{"values-025", "v: +5\n", "v", "5"},
	{"values-030", "v: 3.0\n", "v", "3"},
	{"values-032", "v: 100.0\n", "v", "100"},
	{"values-034", "v: 1e20\n", "v", "1e+20"},
	{"values-035", "v: 123456789.123\n", "v", "1.23456789123e+08"},
	{"values-036", "v: 0.000001\n", "v", "1e-06"},
	{"values-039", "v: '3.0'\n", "v", "\"3.0\""},
	{"values-040", "v: true\n", "v", "true"},
	{"values-042", "v: no\n", "v", "false"},
	{"values-043", "v: on\n", "v", "true"},
	{"values-045", "v: ~\n", "v", "null"},
	{"values-046", "v: null\n", "v", "null"},
	{"values-047", "v: 2024-01-15\n", "v", "\"2024-01-15\""},
	{"values-048", "v: 2024-01-15T10:00:00Z\n", "v", "\"2024-01-15T10:00:00Z\""},
	{"values-050", "v: 1:20:30\n", "v", "\"1:20:30\""},
	{"values-052", "v: 08\n", "v", "8"},
	{"values-053", "v: 0.\n", "v", "0"},
	{"values-054", "v: -0\n", "v", "0"},
	{"values-055", "v: 1e400\n", "v", "1e400"},
};

static void test_emit_vectors(void)
{
	for (size_t i = 0; i < sizeof emit_cases / sizeof *emit_cases; i++) {
		const struct emit_case *c = &emit_cases[i];
		char *err = NULL;
		hv *v = yaml_parse(c->values, strlen(c->values), "values.yaml", 0, &err);
		CHECK(v != NULL);
		if (!v) {
			fprintf(stderr, "  %s: %s\n", c->id, err);
			free(err);
			continue;
		}
		hv *x = *c->key ? hv_map_get(v, c->key) : v;
		buf b = BUF_INIT;
		if (x)
			yaml_emit(&b, x);
		else
			buf_puts(&b, "null\n");
		if (b.len && b.s[b.len - 1] == '\n')
			b.s[--b.len] = 0;
		bool ok = strcmp(buf_str(&b), c->want) == 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  %s\n  got  [%s]\n  want [%s]\n", c->id, buf_str(&b), c->want);
		buf_free(&b);
		hv_free(v);
	}
}

/* JSON documents and what Helm's toYaml printed for them (helm template with
 * {{ toYaml .Values }}, or {{ toYaml .Values | quote }} where the text ends in blank lines,
 * which helm template trims): quoting, block scalars, folding at 80 columns, key order, numbers. */
static const struct parse_case emit_json_cases[] = {
	{"{\"v\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
	 "v: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
	{"{\"v\": \"word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word \"}",
	 "v: 'word word word word word word word word word word word word word word word word\n  word word word word word word word word word word word word word word '"},
	{"{\"v\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}",
	 "v: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"},
	{"{\"v\": \"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\"}",
	 "v: yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"},
	{"{\"v\": \"short words short words short words short words short words short words short words short words short words short words end\"}",
	 "v: short words short words short words short words short words short words short words\n  short words short words short words end"},
	{"{\"v\": \" lead\"}",
	 "v: ' lead'"},
	{"{\"v\": \"trail \"}",
	 "v: 'trail '"},
	{"{\"v\": \" both \"}",
	 "v: ' both '"},
	{"{\"v\": \"\\ttab\"}",
	 "v: \"\\ttab\""},
	{"{\"v\": \"tab\\t\"}",
	 "v: \"tab\\t\""},
	{"{\"v\": \"a\\tb\"}",
	 "v: \"a\\tb\""},
	{"{\"v\": \"cr\\rx\"}",
	 "v: \"cr\\rx\""},
	{"{\"v\": \"x\\r\\n\"}",
	 "v: \"x\\r\\n\""},
	{"{\"v\": \"\\r\\n\"}",
	 "v: \"\\r\\n\""},
	{"{\"v\": \"nel\\u0085x\"}",
	 "v: nel x"},
	{"{\"v\": \"ls\\u2028x\"}",
	 "v: 'ls\xe2""\x80""\xa8""  x'"},
	{"{\"v\": \"bom\\ufeffx\"}",
	 "v: \"bom\\uFEFFx\""},
	{"{\"v\": \"emoji \\ud83d\\ude00\"}",
	 "v: \"emoji \\U0001F600\""},
	{"{\"v\": \"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\"}",
	 "v: \xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9"""},
	{"{\"v\": \"\\u65e5\\u672c\\u8a9e\"}",
	 "v: \xe6""\x97""\xa5""\xe6""\x9c""\xac""\xe8""\xaa""\x9e"""},
	{"{\"v\": \"\\u0000nul\"}",
	 "v: \"\\0nul\""},
	{"{\"v\": \"\\u001b[0m\"}",
	 "v: \"\\e[0m\""},
	{"{\"v\": \"a: b\"}",
	 "v: 'a: b'"},
	{"{\"v\": \"a:b\"}",
	 "v: a:b"},
	{"{\"v\": \"a :b\"}",
	 "v: a :b"},
	{"{\"v\": \"a #b\"}",
	 "v: 'a #b'"},
	{"{\"v\": \"a#b\"}",
	 "v: a#b"},
	{"{\"v\": \"#\"}",
	 "v: '#'"},
	{"{\"v\": \"-\"}",
	 "v: '-'"},
	{"{\"v\": \"--\"}",
	 "v: --"},
	{"{\"v\": \"---\"}",
	 "v: '---'"},
	{"{\"v\": \"- \"}",
	 "v: '- '"},
	{"{\"v\": \"-a\"}",
	 "v: -a"},
	{"{\"v\": \"?\"}",
	 "v: '?'"},
	{"{\"v\": \"?a\"}",
	 "v: ?a"},
	{"{\"v\": \"? a\"}",
	 "v: '? a'"},
	{"{\"v\": \":\"}",
	 "v: ':'"},
	{"{\"v\": \":a\"}",
	 "v: :a"},
	{"{\"v\": \": a\"}",
	 "v: ': a'"},
	{"{\"v\": \"!\"}",
	 "v: '!'"},
	{"{\"v\": \"!a\"}",
	 "v: '!a'"},
	{"{\"v\": \"&a\"}",
	 "v: '&a'"},
	{"{\"v\": \"*a\"}",
	 "v: '*a'"},
	{"{\"v\": \"|a\"}",
	 "v: '|a'"},
	{"{\"v\": \">a\"}",
	 "v: '>a'"},
	{"{\"v\": \"%a\"}",
	 "v: '%a'"},
	{"{\"v\": \"@a\"}",
	 "v: '@a'"},
	{"{\"v\": \"`a\"}",
	 "v: '`a'"},
	{"{\"v\": \"'a\"}",
	 "v: '''a'"},
	{"{\"v\": \"\\\"a\"}",
	 "v: '\"a'"},
	{"{\"v\": \"a'\"}",
	 "v: a'"},
	{"{\"v\": \"a\\\"\"}",
	 "v: a\""},
	{"{\"v\": \"{\"}",
	 "v: '{'"},
	{"{\"v\": \"}\"}",
	 "v: '}'"},
	{"{\"v\": \"[\"}",
	 "v: '['"},
	{"{\"v\": \"]\"}",
	 "v: ']'"},
	{"{\"v\": \",\"}",
	 "v: ','"},
	{"{\"v\": \"a,b\"}",
	 "v: a,b"},
	{"{\"v\": \"a, b\"}",
	 "v: a, b"},
	{"{\"v\": \"[a]\"}",
	 "v: '[a]'"},
	{"{\"v\": \"{a}\"}",
	 "v: '{a}'"},
	{"{\"v\": \"a]\"}",
	 "v: a]"},
	{"{\"v\": \"a}\"}",
	 "v: a}"},
	{"{\"v\": \"a[\"}",
	 "v: a["},
	{"{\"v\": \"...\"}",
	 "v: '...'"},
	{"{\"v\": \"... x\"}",
	 "v: '... x'"},
	{"{\"v\": \"--- x\"}",
	 "v: '--- x'"},
	{"{\"v\": \"x ...\"}",
	 "v: x ..."},
	{"{\"v\": \"=\"}",
	 "v: ="},
	{"{\"v\": \"<<\"}",
	 "v: <<"},
	{"{\"v\": \"~a\"}",
	 "v: ~a"},
	{"{\"v\": \"a~\"}",
	 "v: a~"},
	{"{\"v\": \"1:20\"}",
	 "v: \"1:20\""},
	{"{\"v\": \"1:2:3\"}",
	 "v: \"1:2:3\""},
	{"{\"v\": \"190:20:30\"}",
	 "v: \"190:20:30\""},
	{"{\"v\": \"1_000\"}",
	 "v: \"1_000\""},
	{"{\"v\": \"0b101\"}",
	 "v: \"0b101\""},
	{"{\"v\": \"0o17\"}",
	 "v: \"0o17\""},
	{"{\"v\": \"0x1f\"}",
	 "v: \"0x1f\""},
	{"{\"v\": \"0X1F\"}",
	 "v: \"0X1F\""},
	{"{\"v\": \"+1\"}",
	 "v: \"+1\""},
	{"{\"v\": \"-1\"}",
	 "v: \"-1\""},
	{"{\"v\": \"+.5\"}",
	 "v: \"+.5\""},
	{"{\"v\": \"-.5\"}",
	 "v: \"-.5\""},
	{"{\"v\": \".5\"}",
	 "v: \".5\""},
	{"{\"v\": \"5.\"}",
	 "v: \"5.\""},
	{"{\"v\": \"1e5\"}",
	 "v: \"1e5\""},
	{"{\"v\": \"1E5\"}",
	 "v: \"1E5\""},
	{"{\"v\": \"1e+5\"}",
	 "v: \"1e+5\""},
	{"{\"v\": \"1.5e-3\"}",
	 "v: \"1.5e-3\""},
	{"{\"v\": \"08\"}",
	 "v: \"08\""},
	{"{\"v\": \"09.5\"}",
	 "v: \"09.5\""},
	{"{\"v\": \"0.\"}",
	 "v: \"0.\""},
	{"{\"v\": \"1.2.3\"}",
	 "v: 1.2.3"},
	{"{\"v\": \"1e\"}",
	 "v: 1e"},
	{"{\"v\": \"e1\"}",
	 "v: e1"},
	{"{\"v\": \"inf\"}",
	 "v: inf"},
	{"{\"v\": \"Inf\"}",
	 "v: Inf"},
	{"{\"v\": \".Inf\"}",
	 "v: \".Inf\""},
	{"{\"v\": \"-.inf\"}",
	 "v: \"-.inf\""},
	{"{\"v\": \"nan\"}",
	 "v: nan"},
	{"{\"v\": \".NaN\"}",
	 "v: \".NaN\""},
	{"{\"v\": \"NaN\"}",
	 "v: NaN"},
	{"{\"v\": \"+\"}",
	 "v: +"},
	{"{\"v\": \"+-1\"}",
	 "v: +-1"},
	{"{\"v\": \"2001-12-14\"}",
	 "v: \"2001-12-14\""},
	{"{\"v\": \"2001-12-14T21:59:43.10-05:00\"}",
	 "v: \"2001-12-14T21:59:43.10-05:00\""},
	{"{\"v\": \"2001-12-14 21:59:43.10\"}",
	 "v: \"2001-12-14 21:59:43.10\""},
	{"{\"v\": \"2001-02-29\"}",
	 "v: 2001-02-29"},
	{"{\"v\": \"2000-02-29\"}",
	 "v: \"2000-02-29\""},
	{"{\"v\": \"2001-13-01\"}",
	 "v: 2001-13-01"},
	{"{\"v\": \"2001-1-1\"}",
	 "v: \"2001-1-1\""},
	{"{\"v\": \"2001-12-14t21:59:43Z\"}",
	 "v: \"2001-12-14t21:59:43Z\""},
	{"{\"v\": \"2001-12-14 21:59:43 +5\"}",
	 "v: 2001-12-14 21:59:43 +5"},
	{"{\"v\": \"y\"}",
	 "v: \"y\""},
	{"{\"v\": \"Y\"}",
	 "v: \"Y\""},
	{"{\"v\": \"n\"}",
	 "v: \"n\""},
	{"{\"v\": \"N\"}",
	 "v: \"N\""},
	{"{\"v\": \"yes\"}",
	 "v: \"yes\""},
	{"{\"v\": \"YES\"}",
	 "v: \"YES\""},
	{"{\"v\": \"yEs\"}",
	 "v: yEs"},
	{"{\"v\": \"true\"}",
	 "v: \"true\""},
	{"{\"v\": \"tRue\"}",
	 "v: tRue"},
	{"{\"v\": \"on\"}",
	 "v: \"on\""},
	{"{\"v\": \"oN\"}",
	 "v: oN"},
	{"{\"v\": \"off\"}",
	 "v: \"off\""},
	{"{\"v\": \"null\"}",
	 "v: \"null\""},
	{"{\"v\": \"NULL\"}",
	 "v: \"NULL\""},
	{"{\"v\": \"nUll\"}",
	 "v: nUll"},
	{"{\"v\": \"~\"}",
	 "v: \"~\""},
	{"{\"v\": \"\"}",
	 "v: \"\""},
	{"{\"v\": \"a\\nb\"}",
	 "v: |-\n  a\n  b"},
	{"{\"v\": \"a\\n\"}",
	 "v: |\n  a"},
	{"{\"v\": \"a\\n\\n\"}",
	 "v: |+\n  a\n"},
	{"{\"v\": \"\\na\"}",
	 "v: |2-\n\n  a"},
	{"{\"v\": \"\\n\"}",
	 "v: |2+\n"},
	{"{\"v\": \"\\n\\n\"}",
	 "v: |2+\n\n"},
	{"{\"v\": \" a\\nb\"}",
	 "v: |2-\n   a\n  b"},
	{"{\"v\": \"a \\nb\"}",
	 "v: \"a \\nb\""},
	{"{\"v\": \"a\\n b\"}",
	 "v: |-\n  a\n   b"},
	{"{\"v\": \"a\\t\\nb\"}",
	 "v: \"a\\t\\nb\""},
	{"{\"v\": \"a\\n\\tb\"}",
	 "v: \"a\\n\\tb\""},
	{"{\"v\": \"\\ta\\nb\"}",
	 "v: \"\\ta\\nb\""},
	{"{\"v\": \"a\\n\\n\\nb\\n\"}",
	 "v: |\n  a\n\n\n  b"},
	{"{\"v\": \"line1\\nline2 with a long line that goes well beyond the eighty column limit of the emitter, really far\\nline3\"}",
	 "v: |-\n  line1\n  line2 with a long line that goes well beyond the eighty column limit of the emitter, really far\n  line3"},
	{"{\"v\": \"# comment\\nx\"}",
	 "v: |-\n  # comment\n  x"},
	{"{\"v\": \"- a\\n- b\"}",
	 "v: |-\n  - a\n  - b"},
	{"{\"v\": \"key: value\\nother: thing\"}",
	 "v: |-\n  key: value\n  other: thing"},
	{"{\"v\": \"a\\u2028b\\nc\"}",
	 "v: |-\n  a\xe2""\x80""\xa8""  b\n  c"},
	{"{\"v\": \"trailing\\n \"}",
	 "v: \"trailing\\n \""},
	{"{\"v\": \"x\\n\\u00e9\"}",
	 "v: |-\n  x\n  \xc3""\xa9"""},
	{"{\"v\": \"very long string with no newline that should be folded because it is longer than eighty characters: yes it is\"}",
	 "v: 'very long string with no newline that should be folded because it is longer than\n  eighty characters: yes it is'"},
	{"{\"v\": \"veryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryvery long\"}",
	 "v: veryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryveryvery\n  long"},
	{"{\"v\": \"quoted 'single' and \\\"double\\\" and a colon: here and a long tail to push past the width limit of eighty chars\"}",
	 "v: 'quoted ''single'' and \"double\" and a colon: here and a long tail to push past\n  the width limit of eighty chars'"},
	{"{\"v\": \"a  b\"}",
	 "v: a  b"},
	{"{\"v\": \"a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   \"}",
	 "v: 'a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   '"},
	{"{\"v\": \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\"}",
	 "v: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx  yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"},
	{"{\"keys\": {\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 1, \"word word word word word word word word word word word word word word word word word word word word word word word word word word word word word word \": 1, \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\": 1, \"yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\": 1, \"short words short words short words short words short words short words short words short words short words short words end\": 1, \" lead\": 1}}",
	 "keys:\n  ' lead': 1\n  aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: 1\n  short words short words short words short words short words short words short words short words short words short words end: 1\n  ? 'word word word word word word word word word word word word word word word word\n    word word word word word word word word word word word word word word '\n  : 1\n  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx: 1\n  yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy: 1"},
	{"{\"keys\": {\"trail \": 1, \" both \": 1, \"\\ttab\": 1, \"tab\\t\": 1, \"a\\tb\": 1, \"cr\\rx\": 1}}",
	 "keys:\n  \"\\ttab\": 1\n  ' both ': 1\n  \"a\\tb\": 1\n  ? \"cr\\rx\"\n  : 1\n  \"tab\\t\": 1\n  'trail ': 1"},
	{"{\"keys\": {\"x\\r\\n\": 1, \"\\r\\n\": 1, \"bom\\ufeffx\": 1, \"emoji \\ud83d\\ude00\": 1, \"\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\\u00e9\": 1, \"\\u65e5\\u672c\\u8a9e\": 1}}",
	 "keys:\n  ? \"\\r\\n\"\n  : 1\n  \"bom\\uFEFFx\": 1\n  \"emoji \\U0001F600\": 1\n  ? \"x\\r\\n\"\n  : 1\n  \xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9""\xc3""\xa9"": 1\n  \xe6""\x97""\xa5""\xe6""\x9c""\xac""\xe8""\xaa""\x9e"": 1"},
	{"{\"keys\": {\"\\u0000nul\": 1, \"\\u001b[0m\": 1, \"a: b\": 1, \"a:b\": 1, \"a :b\": 1, \"a #b\": 1}}",
	 "keys:\n  \"\\0nul\": 1\n  \"\\e[0m\": 1\n  'a #b': 1\n  a :b: 1\n  'a: b': 1\n  a:b: 1"},
	{"{\"keys\": {\"a#b\": 1, \"#\": 1, \"-\": 1, \"--\": 1, \"---\": 1, \"- \": 1}}",
	 "keys:\n  '#': 1\n  '-': 1\n  '- ': 1\n  --: 1\n  '---': 1\n  a#b: 1"},
	{"{\"keys\": {\"-a\": 1, \"?\": 1, \"?a\": 1, \"? a\": 1, \":\": 1, \":a\": 1}}",
	 "keys:\n  -a: 1\n  ':': 1\n  :a: 1\n  '?': 1\n  '? a': 1\n  ?a: 1"},
	{"{\"keys\": {\": a\": 1, \"!\": 1, \"!a\": 1, \"&a\": 1, \"*a\": 1, \"|a\": 1}}",
	 "keys:\n  '!': 1\n  '!a': 1\n  '&a': 1\n  '*a': 1\n  ': a': 1\n  '|a': 1"},
	{"{\"keys\": {\">a\": 1, \"%a\": 1, \"@a\": 1, \"`a\": 1, \"'a\": 1, \"\\\"a\": 1}}",
	 "keys:\n  '\"a': 1\n  '%a': 1\n  '''a': 1\n  '>a': 1\n  '@a': 1\n  '`a': 1"},
	{"{\"keys\": {\"a'\": 1, \"a\\\"\": 1, \"{\": 1, \"}\": 1, \"[\": 1, \"]\": 1}}",
	 "keys:\n  '[': 1\n  ']': 1\n  '{': 1\n  '}': 1\n  a\": 1\n  a': 1"},
	{"{\"keys\": {\",\": 1, \"a,b\": 1, \"a, b\": 1, \"10\": 1, \"9\": 1, \"09\": 1}}",
	 "keys:\n  ',': 1\n  \"9\": 1\n  \"09\": 1\n  \"10\": 1\n  a, b: 1\n  a,b: 1"},
	{"{\"keys\": {\"a10\": 1, \"a9\": 1, \"a09\": 1, \"a1b\": 1, \"A\": 1, \"_x\": 1}}",
	 "keys:\n  _x: 1\n  A: 1\n  a09: 1\n  a10: 1\n  a1b: 1\n  a9: 1"},
	{"{\"keys\": {\"\\u00e9\": 1, \"x1.5\": 1, \"1.5\": 1, \"-1\": 1, \"a-1\": 1, \"b001\": 1}}",
	 "keys:\n  \"-1\": 1\n  \"1.5\": 1\n  a-1: 1\n  b001: 1\n  x1.5: 1\n  \xc3""\xa9"": 1"},
	{"{\"keys\": {\"b01\": 1, \"b1\": 1}}",
	 "keys:\n  b1: 1\n  b01: 1"},
	{"{\"nums\": [0, 1, -1, 1.5, 1000000.0, 1e+20, 1e+21, 1e-06, 1e-07, 123456789012345678, 0.1, 100, 3.0, -0.0, 9223372036854775808, 18446744073709551616, 1.7976931348623157e+308, 5e-324, 12345.678]}",
	 "nums:\n- 0\n- 1\n- -1\n- 1.5\n- 1000000\n- 1e+20\n- 1e+21\n- 1e-06\n- 1e-07\n- 123456789012345680\n- 0.1\n- 100\n- 3\n- 0\n- 9223372036854776000\n- 1.8446744073709552e+19\n- 1.7976931348623157e+308\n- 5e-324\n- 12345.678"},
	{"{\"nested\": {\"l\": [[], {}, [1, [2, [3]]], {\"a\": [{\"b\": {\"c\": []}}]}], \"m\": {\"x\": null, \"y\": true}}}",
	 "nested:\n  l:\n  - []\n  - {}\n  - - 1\n    - - 2\n      - - 3\n  - a:\n    - b:\n        c: []\n  m:\n    x: null\n    \"y\": true"},
};

static void test_emit_json(void)
{
	for (size_t i = 0; i < sizeof emit_json_cases / sizeof *emit_json_cases; i++) {
		const struct parse_case *c = &emit_json_cases[i];
		char *err = NULL;
		hv *v = json_parse(c->in, strlen(c->in), "case", 0, &err);
		CHECK(v != NULL);
		if (!v) {
			fprintf(stderr, "  %s\n", err);
			free(err);
			continue;
		}
		buf b = BUF_INIT;
		yaml_emit(&b, v);
		if (b.len && b.s[b.len - 1] == '\n')
			b.s[--b.len] = 0;
		bool ok = strcmp(buf_str(&b), c->want) == 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  %s\n  got  [%s]\n  want [%s]\n", c->in, buf_str(&b), c->want);
		buf_free(&b);
		hv_free(v);
	}
}

/* Strings toYaml sees differently after its JSON round trip (checked against Helm). */
static void test_emit_trip(void)
{
	static const struct { const char *in, *want; } cases[] = {
		{"a  \xc2\x85  b", "a b\n"},
		{"a\xc2\x85\xc2\x85" "b", "|-\n  a\n  b\n"},
		{"\xc2\x85", "' '\n"},
		{"\x7f", ""},
		{"\xc2\x80", ""},
		{"\xff", "\xef\xbf\xbd\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		hv *v = hv_str(cases[i].in);
		buf b = BUF_INIT;
		yaml_emit(&b, v);
		CHECK(strcmp(buf_str(&b), cases[i].want) == 0);
		buf_free(&b);
		hv_free(v);
	}
	hv *m = hv_map();
	hv_map_set(m, "k\xc2\x85", hv_int(1));
	buf b = BUF_INIT;
	yaml_emit(&b, m);
	CHECK(b.len == 0);
	hv_map_set(m, "k\xc2\x85", hv_float(0.5));
	hv_map_set(m, "k", hv_float(NAN));
	yaml_emit(&b, m);
	CHECK(b.len == 0);
	buf_free(&b);
	hv_free(m);
}

/* Where go-yaml's emitter differs from libyaml's (outputs of Helm's toYaml). */
static void test_emit_go_quirks(void)
{
	static const struct { const char *json, *want; } cases[] = {
		/* go-yaml's is_bom() ignores its index: a leading BOM escapes everything */
		{"\"\\ufeffab c\"", "\"\\uFEFF\\x61\\x62\\x20\\x63\"\n"},
		{"{\"k\\ufeff\": \"\\ufeffx\\n\\\"\\\\\\u00e9\\u2028\\t\\u0001 \\ud83d\\ude00\"}",
		 "\"k\\uFEFF\": \"\\uFEFF\\x78\\n\\\"\\\\\\xE9\\L\\t\\x01\\x20\\U0001F600\"\n"},
		{"{\"\\ufeffk\\nx\": 1}", "? \"\\uFEFF\\x6B\\n\\x78\"\n: 1\n"},
		/* no indentation after a final line break in a single-quoted scalar */
		{"\"a\\u2028\"", "'a\xe2\x80\xa8'\n"},
		{"\"a\\u2028\\u2028\"", "'a\xe2\x80\xa8\xe2\x80\xa8'\n"},
		{"{\"k\": [\"a b\\u2028\"]}", "k:\n- 'a b\xe2\x80\xa8'\n"},
		{"{\"k\\u2029\": 1}", "? 'k\xe2\x80\xa9'\n: 1\n"},
		/* a |+ scalar at the end gets no "..." */
		{"\"a\\n\\n\"", "|+\n  a\n\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *err = NULL;
		hv *v = json_parse(cases[i].json, strlen(cases[i].json), "case", 0, &err);
		CHECK(v != NULL);
		if (!v) {
			free(err);
			continue;
		}
		buf b = BUF_INIT;
		yaml_emit(&b, v);
		bool ok = strcmp(buf_str(&b), cases[i].want) == 0;
		CHECK(ok);
		if (!ok)
			fprintf(stderr, "  %s\n  got  [%s]\n  want [%s]\n", cases[i].json, buf_str(&b), cases[i].want);
		buf_free(&b);
		hv_free(v);
	}
}

int main(void)
{
	test_parse_cases();
	test_parse_head();
	test_parse_types();
	test_parse_all();
	test_alias_bomb();
	test_depth();
	test_emit_vectors();
	test_emit_json();
	test_emit_trip();
	test_emit_go_quirks();
	return unit_report("yaml_test");
}
