/* Unit tests of lib/yaml.c and lib/yaml_emit.c.  Expected texts are real Helm 3.17.3 output:
 * `helm template` of a chart whose values.yaml is the input and whose template is
 * {{ toJson .Values }} (or toYaml); errors are what Helm printed after "cannot load ". */
#include "json.h"
#include "yaml.h"
#include "unit.h"

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

int main(void)
{
	test_parse_cases();
	test_parse_types();
	test_parse_all();
	test_alias_bomb();
	return unit_report("yaml_test");
}
