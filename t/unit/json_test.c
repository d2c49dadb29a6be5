/* Unit tests of lib/json.c: outputs and error texts of Go's encoding/json. */
#include "json.h"
#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Parses IN and emits it again with FLAGS; compares with WANT. */
static int trip(const char *in, int flags, const char *want)
{
	char *err = NULL;
	hv *v = json_parse(in, strlen(in), "t.json", 0, &err);
	if (!v) {
		fprintf(stderr, "parse %s: %s\n", in, err);
		free(err);
		return 0;
	}
	buf b = BUF_INIT;
	json_emit(&b, v, flags);
	int ok = strcmp(buf_str(&b), want) == 0;
	if (!ok)
		fprintf(stderr, "emit %s = %s, want %s\n", in, buf_str(&b), want);
	buf_free(&b);
	hv_free(v);
	return ok;
}

static int parse_err(const char *in, const char *want)
{
	char *err = NULL;
	hv *v = json_parse(in, strlen(in), "t.json", 0, &err);
	if (v) {
		hv_free(v);
		fprintf(stderr, "parse %s: no error, want %s\n", in, want);
		return 0;
	}
	int ok = strcmp(err, want) == 0;
	if (!ok)
		fprintf(stderr, "parse %s: %s, want %s\n", in, err, want);
	free(err);
	return ok;
}

static void test_roundtrip(void)
{
	CHECK(trip("{\"b\":2,\"a\":1,\"c\":3}", 0, "{\"a\":1,\"b\":2,\"c\":3}"));
	CHECK(trip(" [1, \"two\", 3.5, true, null] ", 0, "[1,\"two\",3.5,true,null]"));
	CHECK(trip("{\"b\":1,\"a\":2,\"C\":3,\"_\":4,\"10\":5,\"9\":6}", 0,
	           "{\"10\":5,\"9\":6,\"C\":3,\"_\":4,\"a\":2,\"b\":1}"));
	CHECK(trip("{\"a\":1,\"a\":2}", 0, "{\"a\":2}"));
	CHECK(trip("1e21", 0, "1e+21"));
	CHECK(trip("1E-7", 0, "1e-7"));
	CHECK(trip("0.000001", 0, "0.000001"));
	CHECK(trip("123456789012345678", 0, "123456789012345680"));
	CHECK(trip("-0", 0, "-0"));
	CHECK(trip("\"\\u00e9\\ud83d\\ude00\"", 0, "\"é😀\""));
	CHECK(trip("\"\\ud800x\"", 0, "\"\xef\xbf\xbdx\""));
	CHECK(trip("\"\\ud800\\u0041\"", 0, "\"\xef\xbf\xbd" "A\""));
	CHECK(trip("\"\xff\"", 0, "\"\xef\xbf\xbd\""));
	CHECK(trip("\"\\/\\b\\f\\n\\r\\t\\u0001\\u001f\\\"\\\\\"", 0, "\"/\\b\\f\\n\\r\\t\\u0001\\u001f\\\"\\\\\""));
	CHECK(trip("\"<b>&amp;\"", 0, "\"<b>&amp;\""));
	CHECK(trip("\"<b>&amp;\"", JSON_ESCAPE_HTML, "\"\\u003cb\\u003e\\u0026amp;\""));
	CHECK(trip("\"\\u2028\\u2029\"", 0, "\"\\u2028\\u2029\""));
	CHECK(trip("{\"x\":{\"true\":{\"z\":\"deep\"}}}", JSON_INDENT,
	           "{\n  \"x\": {\n    \"true\": {\n      \"z\": \"deep\"\n    }\n  }\n}"));
	CHECK(trip("[]", JSON_INDENT, "[]"));
	CHECK(trip("{}", JSON_INDENT, "{}"));
	CHECK(trip("[1,[],{}]", JSON_INDENT, "[\n  1,\n  [],\n  {}\n]"));
}

static void test_ints(void)
{
	char *err = NULL;
	const char *in = "[1, 1.0, 1e2, 9223372036854775808]";
	hv *v = json_parse(in, strlen(in), "x", JSON_INTS, &err);
	CHECK(v && hv_len(v) == 4);
	CHECK(hv_kind_of(hv_list_get(v, 0)) == HV_INT && hv_get_int(hv_list_get(v, 0)) == 1);
	CHECK(hv_kind_of(hv_list_get(v, 1)) == HV_FLOAT);
	CHECK(hv_kind_of(hv_list_get(v, 2)) == HV_FLOAT);
	CHECK(hv_kind_of(hv_list_get(v, 3)) == HV_FLOAT);
	hv_free(v);
	v = json_parse("7", 1, "x", 0, &err);
	CHECK(v && hv_kind_of(v) == HV_FLOAT && hv_get_float(v) == 7);
	hv_free(v);
}

/* Numbers read exactly as strtod reads them (the parser's shortcut for short decimals). */
static void test_floats(void)
{
	static const char *nums[] = {"0.1", "-0.0", "1.5e10", "123456789012345.6", "999999999999999",
		"9999999999999999", "0.000000000000000000001", "1e22", "1e23", "1e-22", "4.35e-23",
		"3.14159265358979", "7.0e+5", "-2.5E-3", "0.30000000000000004", "100000000000000000000000",
		"1.7976931348623157e308", "5e-324", "8.98846567431158e307", "123.456e-20", "9007199254740993"};
	for (size_t i = 0; i < sizeof nums / sizeof *nums; i++) {
		char *err = NULL;
		hv *v = json_parse(nums[i], strlen(nums[i]), "x", 0, &err);
		double want = strtod(nums[i], NULL);
		CHECK(v && hv_kind_of(v) == HV_FLOAT && memcmp(&want, &(double){hv_get_float(v)}, sizeof want) == 0);
		hv_free(v);
	}
}

/* Strings are shared with the input or rewritten; keys and values alike. */
static void test_strings(void)
{
	CHECK(trip("{\"a\\nb\":\"x\\u00e9\",\"c\":[\"\\t\",\"plain\",\"\xff\"],\"\\\"\":{\"\xe2\x82\xac\":\"\"}}", 0,
	           "{\"\\\"\":{\"\xe2\x82\xac\":\"\"},\"a\\nb\":\"x\xc3\xa9\",\"c\":[\"\\t\",\"plain\",\"\xef\xbf\xbd\"]}"));
}

static void test_errors(void)
{
	CHECK(parse_err("", "t.json:1:1: unexpected end of JSON input"));
	CHECK(parse_err("{\"a\":", "t.json:1:6: unexpected end of JSON input"));
	CHECK(parse_err("bad", "t.json:1:1: invalid character 'b' looking for beginning of value"));
	CHECK(parse_err("{\n  \"a\" 1}", "t.json:2:7: invalid character '1' after object key"));
	CHECK(parse_err("{\"a\":1 \"b\"}", "t.json:1:8: invalid character '\"' after object key:value pair"));
	CHECK(parse_err("[1 2]", "t.json:1:4: invalid character '2' after array element"));
	CHECK(parse_err("[1,]", "t.json:1:4: invalid character ']' looking for beginning of value"));
	CHECK(parse_err("{\"a\":1,}", "t.json:1:8: invalid character '}' looking for beginning of object key string"));
	CHECK(parse_err("{'a':1}", "t.json:1:2: invalid character '\\'' looking for beginning of object key string"));
	CHECK(parse_err("01", "t.json:1:2: invalid character '1' after top-level value"));
	CHECK(parse_err("-x", "t.json:1:2: invalid character 'x' in numeric literal"));
	CHECK(parse_err("1.x", "t.json:1:3: invalid character 'x' after decimal point in numeric literal"));
	CHECK(parse_err("1ex", "t.json:1:3: invalid character 'x' in exponent of numeric literal"));
	CHECK(parse_err("trux", "t.json:1:4: invalid character 'x' in literal true (expecting 'e')"));
	CHECK(parse_err("nul", "t.json:1:4: unexpected end of JSON input"));
	CHECK(parse_err("\"a\nb\"", "t.json:1:3: invalid character '\\n' in string literal"));
	CHECK(parse_err("\"\\x\"", "t.json:1:3: invalid character 'x' in string escape code"));
	CHECK(parse_err("\"\\u12g4\"", "t.json:1:6: invalid character 'g' in \\u hexadecimal character escape"));
	CHECK(parse_err("\x01", "t.json:1:1: invalid character '\\x01' looking for beginning of value"));
	CHECK(parse_err("\xc3\xa9", "t.json:1:1: invalid character '\xc3\x83' looking for beginning of value"));
	CHECK(parse_err("1e400", "t.json:1:1: json: cannot unmarshal number 1e400 into Go value of type float64"));
	/* the syntax of the whole text is checked first */
	CHECK(parse_err("[1e400, x]", "t.json:1:9: invalid character 'x' looking for beginning of value"));
	char *err = NULL;
	buf deep = BUF_INIT;
	for (int i = 0; i < 10001; i++)
		buf_putc(&deep, '[');
	for (int i = 0; i < 10001; i++)
		buf_putc(&deep, ']');
	CHECK(json_parse(deep.s, deep.len, NULL, 0, &err) == NULL &&
	      strcmp(err, "invalid character '[' exceeded max depth") == 0);
	free(err);
	hv *v = json_parse(deep.s + 1, deep.len - 2, NULL, 0, &err);
	CHECK(v != NULL);
	hv_free(v);
	buf_free(&deep);
	CHECK(json_parse("{\"a\":", 5, NULL, 0, &err) == NULL && strcmp(err, "unexpected end of JSON input") == 0);
	free(err);
}

static void test_emit_values(void)
{
	hv *l = hv_list();
	hv_list_push(l, hv_int(-3));
	hv_list_push(l, hv_uint(18446744073709551615u, HV_GO_UINT64));
	hv_list_push(l, hv_float(1e6));
	hv_list_push(l, hv_float(0.1));
	hv *bytes = hv_list();
	hv_set_sub(bytes, HV_GO_BYTES);
	for (int i = 0; i < 4; i++)
		hv_list_push(bytes, hv_uint((uint64_t)("abcd"[i]), HV_GO_UINT8));
	hv_list_push(l, bytes);
	buf b = BUF_INIT;
	json_emit(&b, l, 0);
	CHECK(strcmp(buf_str(&b), "[-3,18446744073709551615,1000000,0.1,\"YWJjZA==\"]") == 0);
	buf_reset(&b);
	hv_list_push(l, hv_float(INFINITY));
	json_emit(&b, l, 0);
	CHECK(b.len == 0);
	char *err = NULL;
	buf_puts(&b, "x");
	CHECK(json_emit_checked(&b, l, 0, &err) == -1 && strcmp(buf_str(&b), "x") == 0);
	CHECK(err && strcmp(err, "json: unsupported value: +Inf") == 0);
	free(err);
	buf_free(&b);
	hv_free(l);
}

int main(void)
{
	test_roundtrip();
	test_ints();
	test_floats();
	test_strings();
	test_errors();
	test_emit_values();
	return unit_report("json_test");
}
