/* Unit tests of lib/strconv.c against outputs of Go's strconv and encoding/json. */
#include "strconv.h"
#include "unit.h"

#include <math.h>
#include <string.h>

static int fmt_is(double f, char fmt, int prec, const char *want)
{
	buf b = BUF_INIT;
	go_format_float(&b, f, fmt, prec);
	int ok = strcmp(buf_str(&b), want) == 0;
	if (!ok)
		fprintf(stderr, "FormatFloat(%.17g, '%c', %d) = %s, want %s\n", f, fmt, prec, buf_str(&b), want);
	buf_free(&b);
	return ok;
}

static int json_is(double f, const char *want)
{
	buf b = BUF_INIT;
	go_format_float_json(&b, f);
	int ok = strcmp(buf_str(&b), want) == 0;
	if (!ok)
		fprintf(stderr, "json(%.17g) = %s, want %s\n", f, buf_str(&b), want);
	buf_free(&b);
	return ok;
}

static void test_shortest_g(void)
{
	CHECK(fmt_is(1e6, 'g', -1, "1e+06"));
	CHECK(fmt_is(12345678901.0, 'g', -1, "1.2345678901e+10"));
	CHECK(fmt_is(123456, 'g', -1, "123456"));
	CHECK(fmt_is(100000, 'g', -1, "100000"));
	CHECK(fmt_is(0.0001, 'g', -1, "0.0001"));
	CHECK(fmt_is(0.00001, 'g', -1, "1e-05"));
	CHECK(fmt_is(0, 'g', -1, "0"));
	CHECK(fmt_is(-0.0, 'g', -1, "-0"));
	CHECK(fmt_is(1.5, 'g', -1, "1.5"));
	CHECK(fmt_is(-2.25, 'g', -1, "-2.25"));
	CHECK(fmt_is(0.1 + 0.2, 'g', -1, "0.30000000000000004"));
	CHECK(fmt_is(1e21, 'g', -1, "1e+21"));
	CHECK(fmt_is(1e100, 'g', -1, "1e+100"));
	CHECK(fmt_is(5e-324, 'g', -1, "5e-324"));
	CHECK(fmt_is(1.7976931348623157e308, 'g', -1, "1.7976931348623157e+308"));
	CHECK(fmt_is(3.0, 'G', -1, "3"));
	CHECK(fmt_is(1e10, 'G', -1, "1E+10"));
	CHECK(fmt_is(NAN, 'g', -1, "NaN"));
	CHECK(fmt_is(INFINITY, 'g', -1, "+Inf"));
	CHECK(fmt_is(-INFINITY, 'f', 2, "-Inf"));
}

static void test_shortest_ef(void)
{
	CHECK(fmt_is(1234.5, 'e', -1, "1.2345e+03"));
	CHECK(fmt_is(0, 'e', -1, "0e+00"));
	CHECK(fmt_is(1e-100, 'E', -1, "1E-100"));
	CHECK(fmt_is(1e21, 'f', -1, "1000000000000000000000"));
	CHECK(fmt_is(1e-7, 'f', -1, "0.0000001"));
	CHECK(fmt_is(123.456, 'f', -1, "123.456"));
	CHECK(fmt_is(0, 'f', -1, "0"));
	/* integers below 2^53 take their own digits; above, the shortest that reads back */
	CHECK(fmt_is(9007199254740991.0, 'g', -1, "9.007199254740991e+15"));
	CHECK(fmt_is(9007199254740992.0, 'g', -1, "9.007199254740992e+15"));
	CHECK(fmt_is(9007199254740994.0, 'e', -1, "9.007199254740994e+15"));
	CHECK(fmt_is(-123000, 'g', -1, "-123000"));
	CHECK(fmt_is(120000000, 'e', -1, "1.2e+08"));
	CHECK(fmt_is(1e22, 'f', -1, "10000000000000000000000"));
}

static void test_precision(void)
{
	CHECK(fmt_is(1234.0, 'g', 3, "1.23e+03"));
	CHECK(fmt_is(1.0, 'g', 3, "1"));
	CHECK(fmt_is(0.0001234, 'g', 3, "0.000123"));
	CHECK(fmt_is(100, 'g', 3, "100"));
	CHECK(fmt_is(1000, 'g', 3, "1e+03"));
	CHECK(fmt_is(2.5, 'g', 0, "2"));
	CHECK(fmt_is(1234.0, 'e', 2, "1.23e+03"));
	CHECK(fmt_is(1234.0, 'E', 0, "1E+03"));
	CHECK(fmt_is(3.14159, 'f', 2, "3.14"));
	CHECK(fmt_is(2.5, 'f', 0, "2"));
	CHECK(fmt_is(0, 'f', 3, "0.000"));
}

static void test_json(void)
{
	CHECK(json_is(1e21, "1e+21"));
	CHECK(json_is(1e20, "100000000000000000000"));
	CHECK(json_is(1e-7, "1e-7"));
	CHECK(json_is(0.000001, "0.000001"));
	CHECK(json_is(1.5e-10, "1.5e-10"));
	CHECK(json_is(-1e-100, "-1e-100"));
	CHECK(json_is(1e6, "1000000"));
	CHECK(json_is(0, "0"));
	CHECK(json_is(3.25, "3.25"));
}

static void test_parse(void)
{
	int64_t i;
	uint64_t u;
	double d;
	CHECK(go_parse_int("0x1F", 4, 0, &i) == GO_NUM_OK && i == 31);
	CHECK(go_parse_int("0755", 4, 0, &i) == GO_NUM_OK && i == 493);
	CHECK(go_parse_int("0o17", 4, 0, &i) == GO_NUM_OK && i == 15);
	CHECK(go_parse_int("-0b101", 6, 0, &i) == GO_NUM_OK && i == -5);
	CHECK(go_parse_int("1_000", 5, 0, &i) == GO_NUM_OK && i == 1000);
	CHECK(go_parse_int("1_000", 5, 10, &i) == GO_NUM_SYNTAX);
	CHECK(go_parse_int("_1", 2, 0, &i) == GO_NUM_SYNTAX);
	CHECK(go_parse_int("1__0", 4, 0, &i) == GO_NUM_SYNTAX);
	CHECK(go_parse_int("08", 2, 0, &i) == GO_NUM_SYNTAX);
	CHECK(go_parse_int("0", 1, 0, &i) == GO_NUM_OK && i == 0);
	CHECK(go_parse_int("0x", 2, 0, &i) == GO_NUM_SYNTAX);
	CHECK(go_parse_int("", 0, 10, &i) == GO_NUM_SYNTAX);
	CHECK(go_parse_int("9223372036854775807", 19, 10, &i) == GO_NUM_OK && i == INT64_MAX);
	CHECK(go_parse_int("9223372036854775808", 19, 10, &i) == GO_NUM_RANGE && i == INT64_MAX);
	CHECK(go_parse_int("-9223372036854775808", 20, 10, &i) == GO_NUM_OK && i == INT64_MIN);
	CHECK(go_parse_uint("18446744073709551615", 20, 10, &u) == GO_NUM_OK && u == UINT64_MAX);
	CHECK(go_parse_uint("18446744073709551616", 20, 10, &u) == GO_NUM_RANGE);
	CHECK(go_parse_uint("-1", 2, 10, &u) == GO_NUM_SYNTAX);
	CHECK(go_parse_int("ff", 2, 16, &i) == GO_NUM_OK && i == 255);
	CHECK(go_parse_float("1e3", 3, &d) == GO_NUM_OK && d == 1000);
	CHECK(go_parse_float(".5", 2, &d) == GO_NUM_OK && d == 0.5);
	CHECK(go_parse_float("5.", 2, &d) == GO_NUM_OK && d == 5);
	CHECK(go_parse_float("1_0.5", 5, &d) == GO_NUM_OK && d == 10.5);
	CHECK(go_parse_float("+Infinity", 9, &d) == GO_NUM_OK && isinf(d) && d > 0);
	CHECK(go_parse_float("-inf", 4, &d) == GO_NUM_OK && isinf(d) && d < 0);
	CHECK(go_parse_float("NaN", 3, &d) == GO_NUM_OK && isnan(d));
	CHECK(go_parse_float("+nan", 4, &d) == GO_NUM_SYNTAX);
	CHECK(go_parse_float("0x1p-2", 6, &d) == GO_NUM_OK && d == 0.25);
	CHECK(go_parse_float("0x1", 3, &d) == GO_NUM_SYNTAX);
	CHECK(go_parse_float("1e400", 5, &d) == GO_NUM_RANGE && isinf(d));
	CHECK(go_parse_float("1e-400", 6, &d) == GO_NUM_OK && d == 0);
	CHECK(go_parse_float("1e", 2, &d) == GO_NUM_SYNTAX);
	CHECK(go_parse_float(".", 1, &d) == GO_NUM_SYNTAX);
	CHECK(go_parse_float("abc", 3, &d) == GO_NUM_SYNTAX);
	CHECK(go_parse_float(" 1", 2, &d) == GO_NUM_SYNTAX);
}

int main(void)
{
	test_shortest_g();
	test_shortest_ef();
	test_precision();
	test_json();
	test_parse();
	return unit_report("strconv_test");
}
