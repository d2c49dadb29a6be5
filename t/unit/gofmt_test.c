/* gofmt_test.c — fmt's printing as Go 1.23 does it (expectations recorded from Go). */
#include "gofmt.h"
#include "json.h"
#include "unit.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Sprintf(FORMAT, args...) with the arguments given as one JSON array (numbers are float64
 * unless written as {"int": N}). */
static int check(const char *format, const char *args_json, const char *want, int line)
{
	char *err = NULL;
	hv *a = json_parse(args_json, strlen(args_json), "args", 0, &err);
	hv **argv = xcalloc(hv_len(a) + 1, sizeof *argv);
	for (size_t i = 0; i < hv_len(a); i++) {
		hv *v = hv_list_get(a, i);
		hv *n = hv_kind_of(v) == HV_MAP ? hv_map_get(v, "int") : NULL;
		argv[i] = n ? hv_int((int64_t)hv_get_float(n)) : hv_ref(v);
	}
	buf b = BUF_INIT;
	go_sprintf(&b, format, strlen(format), argv, (int)hv_len(a));
	int ok = strcmp(buf_str(&b), want) == 0;
	if (!ok)
		fprintf(stderr, "line %d: %s\n   got: %s\n  want: %s\n", line, format, buf_str(&b), want);
	for (size_t i = 0; i < hv_len(a); i++)
		hv_free(argv[i]);
	free(argv);
	buf_free(&b);
	hv_free(a);
	return ok;
}

#define T(f, a, w) CHECK(check(f, a, w, __LINE__))
#define I(n) "{\"int\":" #n "}"

int main(void)
{
	T("%v|%v|%v|%v|%v", "[1000000, 1e21, 123456789, 0.000001, 3.14]", "1e+06|1e+21|1.23456789e+08|1e-06|3.14");
	T("%v|%v", "[{\"b\":2,\"a\":[1,null,\"x\"]}, [true, null]]", "map[a:[1 <nil> x] b:2]|[true <nil>]");
	T("%s|%d", "[{\"a\":1}, 42]", "map[a:%!s(float64=1)]|%!d(float64=42)");
	T("%5d|%-5d|%05d|%+d|% d|%x|%X|%o|%O|%b|%#x|%#o", "[" I(42) "," I(42) "," I(42) "," I(42) "," I(42) ","
	  I(255) "," I(255) "," I(8) "," I(8) "," I(5) "," I(255) "," I(8) "]",
	  "   42|42   |00042|+42| 42|ff|FF|10|0o10|101|0xff|010");
	T("%c|%q|%U|%#U", "[" I(65) "," I(65) "," I(65) "," I(233) "]", "A|'A'|U+0041|U+00E9 'é'");
	T("%e|%E|%f|%.2f|%8.3f|%-8.3f|%g|%G|%.3g", "[1234.5678, 1234.5678, 1234.5678, 1234.5678, 3.14159, 3.14159, "
	  "0.000012345, 1e21, 3.14159]", "1.234568e+03|1.234568E+03|1234.567800|1234.57|   3.142|3.142   |1.2345e-05|1E+21|3.14");
	T("%x|%X|%b", "[42, 42, 42]", "0x1.5p+05|0X1.5P+05|5910974510923776p-47");
	T("%06.2f|%+06.2f|%#g", "[-3.14159, 3.14159, 1]", "-03.14|+03.14|1.00000");
	T("%s|%10s|%-10s|%.2s|%q|%x|% x|%#x", "[\"hello\", \"hi\", \"hi\", \"hello\", \"a\\\"b\", \"hi\", \"hi\", \"hi\"]",
	  "hello|        hi|hi        |he|\"a\\\"b\"|6869|68 69|0x6869");
	T("%q|%+q|%#q", "[\"é\\u0000\", \"é\", \"ab\"]", "\"é\\x00\"|\"\\u00e9\"|`ab`");
	T("%t|%v|%T|%T|%T", "[true, null, 1, \"s\", [1]]", "true|<nil>|float64|string|[]interface {}");
	T("%d %s", "[" I(1) "]", "1 %!s(MISSING)");
	T("%d", "[" I(1) "," I(2) ", \"x\", null]", "1%!(EXTRA int=2, string=x, <nil>)");
	T("%[2]d %[1]d|%[3]d", "[" I(1) "," I(2) "]", "2 1|%!d(BADINDEX)");
	T("%*d|%-*d|%.*f", "[" I(5) "," I(1) "," I(5) "," I(1) "," I(2) ", 3.14159]", "    1|1    |3.14");
	T("%!|%z|%", "[" I(1) "]", "%!!(int=1)|%!z(MISSING)|%!(NOVERB)");
	T("100%%", "[]", "100%");
	T("%d|%s", "[null, null]", "%!d(<nil>)|%!s(<nil>)");
	T("%5t|%v|%.0f|%.0f", "[true, -0.0, 0.5, 1.5]", " true|-0|0|2");
	T("%#x|%#X|%#g|%#.3x|%5v|%-4d|", "[1, 1, 1e-7, 100, [null, 1], [null]]",
	  "0x1.0000p+00|0X1.P+00|1.00000e-07|0x1.900p+06|[<nil>     1]|[<nil>]|");
	return unit_report("gofmt");
}
