/* Unit tests of lib/sprig's core functions, called through the registry as the engine would
 * (arguments already of the declared Go types).  Expected texts are what Helm 3.17.3 prints. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gofmt.h"
#include "sprig/cast.h"
#include "template/func.h"
#include "unit.h"
#include "util.h"
#include "value.h"

static tmpl_funcs *fs;

/* Argument constructors (new references). */
static hv *S(const char *s) { return hv_str(s); }
static hv *I(int64_t i) { return hv_int(i); }
static hv *F(double f) { return hv_float(f); }
static hv *NIL(void) { return hv_nil(); }

/* A []interface {} of the NULL-terminated items (taken). */
static hv *L(hv *first, ...)
{
	hv *l = hv_list();
	va_list ap;
	va_start(ap, first);
	for (hv *v = first; v; v = va_arg(ap, hv *))
		hv_list_push(l, v);
	va_end(ap);
	return l;
}

/* A map[string]interface {} of NULL-terminated key, value pairs (values taken). */
static hv *M(const char *key, ...)
{
	hv *m = hv_map();
	va_list ap;
	va_start(ap, key);
	for (const char *k = key; k; k = va_arg(ap, const char *))
		hv_map_set(m, k, va_arg(ap, hv *));
	va_end(ap);
	return m;
}

/* Calls NAME with the NULL-terminated arguments (taken) and returns its result as fmt's %v
 * prints it, or "ERR: message". */
static char *call(const char *name, ...)
{
	hv *argv[16];
	int argc = 0;
	va_list ap;
	va_start(ap, name);
	for (hv *v; (v = va_arg(ap, hv *));)
		argv[argc++] = v;
	va_end(ap);
	const struct tmpl_func *f = tmpl_funcs_get(fs, name);
	buf b = BUF_INIT;
	if (!f) {
		buf_printf(&b, "ERR: no function %s", name);
	} else {
		char *err = NULL;
		hv *r = f->fn(NULL, argv, argc, &err);
		if (r) {
			go_print_value(&b, r);
			hv_free(r);
		} else {
			buf_printf(&b, "ERR: %s", err);
			free(err);
		}
	}
	for (int i = 0; i < argc; i++)
		hv_free(argv[i]);
	return buf_detach(&b, NULL);
}

/* Go's %T of NAME's result. */
static char *type_of(const char *name, hv *arg)
{
	char *err = NULL;
	hv *r = tmpl_funcs_get(fs, name)->fn(NULL, &arg, 1, &err);
	char *t = xstrdup(r ? hv_gotype(r) : err);
	hv_free(r);
	hv_free(arg);
	free(err);
	return t;
}

#define IS(got, want) do { \
	char *g_ = (got); \
	unit_checks++; \
	if (strcmp(g_, (want)) != 0) { \
		unit_failures++; \
		fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_, (want)); \
	} \
	free(g_); \
} while (0)

static void test_strings(void)
{
	IS(call("trim", S("  a b  "), NULL), "a b");
	IS(call("trimAll", S("$"), S("$$5.00$"), NULL), "5.00");
	IS(call("trimAll", S(""), S("  x  "), NULL), "  x  ");
	IS(call("trimPrefix", S("-"), S("--x"), NULL), "-x");
	IS(call("trimSuffix", S(".yaml"), S("a.yaml"), NULL), "a");
	IS(call("upper", S("héllo"), NULL), "HÉLLO");
	IS(call("upper", S("ß"), NULL), "ß");
	IS(call("lower", S("ÀB"), NULL), "àb");
	IS(call("title", S("hello world foo-bar"), NULL), "Hello World Foo-Bar");
	IS(call("title", S("HELLO"), NULL), "HELLO");
	IS(call("untitle", S("Hello World"), NULL), "hello world");
	IS(call("repeat", I(3), S("ab"), NULL), "ababab");
	IS(call("repeat", I(-1), S("x"), NULL), "ERR: strings: negative Repeat count");
	char *huge = call("repeat", I((int64_t)1 << 40), S("x"), NULL);
	CHECK(strncmp(huge, "ERR: refusing", 13) == 0);
	free(huge);
	huge = call("indent", I(10000000), S("\n\n\n\n\n\n\n\n\n\n"), NULL);
	CHECK(strncmp(huge, "ERR: refusing", 13) == 0);
	free(huge);
	char *big = xmalloc(1 << 20);
	memset(big, 'x', 1 << 20);
	big[(1 << 20) - 1] = 0;
	huge = call("replace", S(""), S(big), S("0123456789012345678901234567890123456789012345678901234567890123456789"), NULL);
	CHECK(strncmp(huge, "ERR: refusing", 13) == 0);
	free(huge);
	char words[201];
	for (int i = 0; i < 200; i++)
		words[i] = i % 2 ? ' ' : 'a';
	words[200] = 0;
	huge = call("wrapWith", I(1), S(big), S(words), NULL);
	CHECK(strncmp(huge, "ERR: refusing", 13) == 0);
	free(huge);
	free(big);
	IS(call("substr", I(0), I(-1), S("hello"), NULL), "hello");
	IS(call("substr", I(-1), I(2), S("hello"), NULL), "he");
	IS(call("substr", I(2), I(99), S("hello"), NULL), "llo");
	IS(call("substr", I(3), I(1), S("hello"), NULL), "ERR: runtime error: slice bounds out of range [3:1]");
	IS(call("substr", I(-1), I(9), S("hi"), NULL), "ERR: runtime error: slice bounds out of range [:9] with length 2");
	IS(call("trunc", I(3), S("hello"), NULL), "hel");
	IS(call("trunc", I(-3), S("hello"), NULL), "llo");
	IS(call("trunc", I(-10), S("hi"), NULL), "hi");
	IS(call("abbrev", I(5), S("hello world"), NULL), "he...");
	IS(call("abbrev", I(3), S("hello"), NULL), "hello");
	IS(call("abbrevboth", I(5), I(10), S("1234 5678 9123 4567"), NULL), "...5678...");
	IS(call("abbrevboth", I(0), I(6), S("abcdefghij"), NULL), "abc...");
	IS(call("initials", S("First Try"), NULL), "FT");
	IS(call("wrap", I(5), S("hello world foo"), NULL), "hello\nworld\nfoo");
	IS(call("wrapWith", I(5), S("\t"), S("hello world"), NULL), "hello\tworld");
	IS(call("wrapWith", I(3), S("|"), S("aaaa bb c"), NULL), "aaa|a|bb|c");
	IS(call("contains", S("dog"), S("catch"), NULL), "false");
	IS(call("hasPrefix", S(""), S("cat"), NULL), "true");
	IS(call("quote", S("a\"b"), NULL), "\"a\\\"b\"");
	IS(call("quote", NULL), "");
	IS(call("quote", I(1), NIL(), S("x"), NULL), "\"1\" \"x\"");
	IS(call("squote", I(1), NIL(), I(2), NULL), "'1' '2'");
	IS(call("cat", S("a"), I(1), NIL(), S("b"), NULL), "a 1 b");
	IS(call("indent", I(2), S("a\n\nb\n"), NULL), "  a\n  \n  b\n  ");
	IS(call("nindent", I(2), S("a\nb"), NULL), "\n  a\n  b");
	IS(call("indent", I(-1), S("a"), NULL), "ERR: strings: negative Repeat count");
	IS(call("indent", I(2), S(""), NULL), "  ");
	IS(call("nindent", I(4), S(""), NULL), "\n    ");
	IS(call("replace", S("aa"), S("b"), S("aaaaa"), NULL), "bba");
	IS(call("replace", S(""), S("-"), S("ab"), NULL), "-a-b-");
	IS(call("plural", S("one"), S("many"), I(1), NULL), "one");
	IS(call("snakecase", S("HTTPServer"), NULL), "http_server");
	IS(call("snakecase", S("a1B2"), NULL), "a1_b2");
	IS(call("camelcase", S("http_server"), NULL), "HttpServer");
	IS(call("camelcase", S("already-Camel_case"), NULL), "AlreadyCamelCase");
	IS(call("camelcase", S("first name"), NULL), "FirstName");
	IS(call("kebabcase", S("HTTPServerID"), NULL), "http-server-id");
	IS(call("swapcase", S("This Is A.Test"), NULL), "tHIS iS a.tEST");
	IS(call("swapcase", S("ÀbC"), NULL), "àBc");
	IS(call("nospace", S(" a b\tc "), NULL), "abc");
	IS(call("toString", F(1.5), NULL), "1.5");
	IS(call("toString", L(S("a"), S("b"), NULL), NULL), "[a b]");
	IS(call("toStrings", L(I(1), S("a"), NIL(), F(2.5), NULL), NULL), "[1 a 2.5]");
	IS(call("join", S(","), L(S("a"), S("b"), NULL), NULL), "a,b");
	IS(call("splitList", S(""), S("abc"), NULL), "[a b c]");
	IS(call("split", S(","), S("a,b,c"), NULL), "map[_0:a _1:b _2:c]");
	IS(call("splitn", S(","), I(2), S("a,b,c"), NULL), "map[_0:a _1:b,c]");
	IS(call("sortAlpha", L(S("b"), S("A"), S("a"), S("10"), S("9"), NULL), NULL), "[10 9 A a b]");
	IS(call("sortAlpha", L(I(3), I(1), I(2), NULL), NULL), "[1 2 3]");
	IS(call("sortAlpha", NIL(), NULL), "[<nil>]");
	IS(call("shuffle", S(""), NULL), "");
}

static void test_lists(void)
{
	IS(call("list", I(1), S("a"), F(2.5), NIL(), hv_bool(true), NULL), "[1 a 2.5 <nil> true]");
	IS(call("first", L(NULL), NULL), "<nil>");
	IS(call("first", S("abc"), NULL), "ERR: Cannot find first on type string");
	IS(call("first", NIL(), NULL), "ERR: runtime error: invalid memory address or nil pointer dereference");
	IS(call("last", L(S("a"), S("c"), NULL), NULL), "c");
	IS(call("initial", L(S("a"), S("b"), S("c"), NULL), NULL), "[a b]");
	IS(call("rest", L(NULL), NULL), "[]");
	IS(call("append", M("a", I(1), NULL), I(1), NULL), "ERR: Cannot push on type map");
	IS(call("prepend", L(S("a"), NULL), S("z"), NULL), "[z a]");
	IS(call("concat", L(S("a"), NULL), L(I(9), NULL), NULL), "[a 9]");
	IS(call("concat", L(I(1), NULL), S("x"), NULL), "ERR: Cannot concat type string as list");
	IS(call("reverse", L(I(1), I(2), NULL), NULL), "[2 1]");
	IS(call("without", L(S("a"), S("b"), S("c"), NULL), S("b"), NULL), "[a c]");
	IS(call("has", I(1), L(F(1), NULL), NULL), "false");
	IS(call("has", I(1), NIL(), NULL), "false");
	IS(call("uniq", L(I(1), S("1"), I(1), F(1), NULL), NULL), "[1 1 1]");
	IS(call("compact", L(I(0), I(1), S(""), NULL), NULL), "[1]");
	IS(call("slice", L(I(1), I(2), I(3), I(4), NULL), I(1), I(3), NULL), "[2 3]");
	IS(call("slice", L(I(1), I(2), I(3), NULL), I(5), NULL), "ERR: reflect.Value.Slice: slice index out of bounds");
	IS(call("slice", S("hello"), I(1), NULL), "ERR: list should be type of slice or array but string");
	IS(call("chunk", I(2), L(I(1), I(2), I(3), I(4), I(5), NULL), NULL), "[[1 2] [3 4] [5]]");
	IS(call("chunk", I(3), L(NULL), NULL), "[]");
	IS(call("chunk", I(0), L(I(1), NULL), NULL), "ERR: runtime error: makeslice: len out of range");
	IS(call("until", I(-2), NULL), "[0 -1]");
	IS(call("untilStep", I(0), I(10), I(3), NULL), "[0 3 6 9]");
	IS(call("untilStep", I(0), I(10), I(0), NULL), "[]");
}

static void test_dicts(void)
{
	IS(call("dict", S("b"), I(2), S("a"), I(1), NULL), "map[a:1 b:2]");
	IS(call("dict", S("a"), NULL), "map[a:]");
	IS(call("dict", I(1), I(2), NULL), "map[1:2]");
	IS(call("get", M("a", I(1), NULL), S("b"), NULL), "");
	IS(call("set", NIL(), S("a"), I(1), NULL), "ERR: assignment to entry in nil map");
	IS(call("unset", M("a", I(1), "b", I(2), NULL), S("a"), NULL), "map[b:2]");
	IS(call("pluck", S("a"), M("a", I(1), NULL), M("b", I(1), NULL), M("a", I(9), NULL), NULL), "[1 9]");
	IS(call("pick", M("a", I(1), "b", I(2), "c", I(3), NULL), S("a"), S("c"), S("z"), NULL), "map[a:1 c:3]");
	IS(call("omit", M("a", I(1), "b", I(2), NULL), S("a"), NULL), "map[b:2]");
	IS(call("merge", M("a", I(1), "n", M("x", I(1), NULL), NULL), M("a", I(2), "b", I(3), "n", M("y", I(2), NULL), NULL), NULL),
	   "map[a:1 b:3 n:map[x:1 y:2]]");
	IS(call("mergeOverwrite", M("a", I(1), "n", M("x", I(1), NULL), NULL), M("a", I(2), "b", I(3), "n", M("y", I(2), NULL), NULL), NULL),
	   "map[a:2 b:3 n:map[x:1 y:2]]");
	IS(call("merge", M("a", I(1), NULL), M("a", NIL(), NULL), NULL), "map[a:1]");
	IS(call("merge", M("a", I(0), NULL), M("a", I(5), NULL), NULL), "map[a:5]");
	IS(call("mergeOverwrite", M("a", I(5), NULL), M("a", S(""), NULL), NULL), "map[a:]");
	IS(call("merge", M("l", L(I(1), NULL), NULL), M("l", L(I(2), I(3), NULL), NULL), NULL), "map[l:[1]]");
	IS(call("merge", M("a", M("x", I(1), NULL), NULL), M("a", I(2), NULL), NULL), "map[a:map[x:1]]");
	IS(call("mergeOverwrite", M("l", L(I(1), I(2), NULL), NULL), M("l", L(I(3), NULL), NULL), NULL), "map[l:[3]]");
	IS(call("deepCopy", NIL(), NULL), "ERR: reflect: call of reflect.Value.Type on zero Value");
	IS(call("dig", S("a"), NULL), "ERR: dig needs at least three arguments");
	IS(call("dig", S("x"), S("q"), S("def"), M("x", M("y", I(1), NULL), NULL), NULL), "def");
	IS(call("dig", S("x"), S("y"), S("def"), M("x", M("y", I(1), NULL), NULL), NULL), "1");
	IS(call("dig", S("a"), S("def"), L(NULL), NULL),
	   "ERR: interface conversion: interface {} is []interface {}, not map[string]interface {}");
	IS(call("dig", S("x"), S("y"), S("z"), S("d"), NIL(), NULL),
	   "ERR: interface conversion: interface {} is nil, not map[string]interface {}");
}

static void test_math(void)
{
	IS(call("add", I(1), I(2), I(3), I(4), NULL), "10");
	IS(call("add", S("3"), I(4), NULL), "7");
	IS(call("add", F(3.14), I(1), NULL), "4");
	IS(call("add", I(1), S("x"), NULL), "1");
	IS(call("add", I(1), hv_bool(true), NULL), "2");
	IS(call("add1", F(1.5), NULL), "2");
	IS(call("mul", F(1.5), F(1.5), NULL), "1");
	IS(call("div", I(1), I(0), NULL), "ERR: runtime error: integer divide by zero");
	IS(call("div", I(INT64_MIN), I(-1), NULL), "-9223372036854775808");
	IS(call("mod", I(-7), I(3), NULL), "-1");
	IS(call("max", I(1), I(5), I(3), NULL), "5");
	IS(call("min", I(4), I(2), I(8), NULL), "2");
	IS(call("addf", F(0.1), F(0.2), NULL), "0.3");
	IS(call("addf", S("1.5"), S("x"), NULL), "1.5");
	IS(call("add1f", F(1.5), NULL), "2.5");
	IS(call("subf", I(5), F(1.5), NULL), "3.5");
	IS(call("mulf", F(1.5), I(2), NULL), "3");
	IS(call("divf", I(1), I(3), NULL), "0.3333333333333333");
	IS(call("divf", I(2), I(3), NULL), "0.6666666666666667");
	IS(call("divf", I(5), S("2"), NULL), "2.5");
	IS(call("divf", I(1), I(0), NULL), "ERR: decimal division by 0");
	IS(call("maxf", I(1), F(2.5), I(2), NULL), "2.5");
	IS(call("minf", I(1), F(2.5), I(-2), NULL), "-2");
	IS(call("floor", F(-1.2), NULL), "-2");
	IS(call("ceil", S("2.1"), NULL), "3");
	IS(call("round", F(-1.5), I(0), NULL), "-2");
	IS(call("round", F(3.14159), I(2), NULL), "3.14");
	IS(call("round", F(1.005), I(2), NULL), "1");
	IS(call("round", F(123.456), I(-1), NULL), "120");
	IS(call("int", F(-3.99), NULL), "-3");
	IS(call("int", S("010"), NULL), "8");
	IS(call("int", S("0x1F"), NULL), "31");
	IS(call("int", S("4.0"), NULL), "4");
	IS(call("int", S("4.5"), NULL), "0");
	IS(call("int", F(1e20), NULL), "-9223372036854775808");
	IS(call("float64", S("1.5"), NULL), "1.5");
	IS(call("atoi", S(" 3"), NULL), "0");
	IS(call("atoi", S("12"), NULL), "12");
	IS(call("toDecimal", S("0777"), NULL), "511");
	IS(call("seq", I(5), NULL), "1 2 3 4 5");
	IS(call("seq", I(0), I(2), I(10), NULL), "0 2 4 6 8 10");
	IS(call("seq", I(1), I(-1), NULL), "1 0 -1");
	IS(call("seq", NULL), "");
	IS(type_of("add1", I(1)), "int64");
	IS(type_of("int", I(1)), "int");
	IS(type_of("floor", I(1)), "float64");
	IS(type_of("atoi", S("1")), "int");
	IS(type_of("until", I(2)), "[]int");
}

static void test_defaults(void)
{
	IS(call("default", S("d"), NIL(), NULL), "d");
	IS(call("default", S("d"), F(0), NULL), "d");
	IS(call("default", S("d"), S("0"), NULL), "0");
	IS(call("default", S("d"), NULL), "d");
	IS(call("empty", M(NULL), NULL), "true");
	IS(call("coalesce", I(0), S(""), NULL), "<nil>");
	IS(call("coalesce", NIL(), S(""), L(S("a"), NULL), NULL), "[a]");
	IS(call("all", NULL), "true");
	IS(call("any", NULL), "false");
	IS(call("ternary", S("y"), S("n"), hv_bool(true), NULL), "y");
	IS(call("fail", S("custom failure"), NULL), "ERR: custom failure");
	IS(call("typeOf", NIL(), NULL), "<nil>");
	IS(call("typeOf", L(NULL), NULL), "[]interface {}");
	IS(call("kindOf", I(1), NULL), "int");
	IS(call("kindOf", M(NULL), NULL), "map");
	IS(call("kindIs", S("slice"), L(NULL), NULL), "true");
	IS(call("typeIsLike", S("string"), S("x"), NULL), "true");
	IS(call("deepEqual", I(1), F(1), NULL), "false");
	IS(call("deepEqual", L(I(1), I(2), NULL), L(I(1), I(2), NULL), NULL), "true");
	IS(call("toRawJson", S("<>&'"), NULL), "\"<>&'\"");
	IS(call("toPrettyJson", L(NULL), NULL), "[]");
	IS(call("mustToPrettyJson", L(I(1), NULL), NULL), "[\n  1\n]");
	IS(call("mustToJson", F(NAN), NULL), "ERR: json: unsupported value: NaN");
	IS(call("mustFromJson", S("bad"), NULL), "ERR: invalid character 'b' looking for beginning of value");
	IS(call("mustFromJson", S("{}"), NULL), "map[]");
}

/* Edge cases, expected values as printed by Helm 3.17.3. */
static void test_edges(void)
{
	IS(call("snakecase", S("fooBar_BAZ qux-Quux9x"), NULL), "foo_bar_baz_qux_quux_9x");
	IS(call("snakecase", S("ÀbcDéf"), NULL), "àbc_déf");
	IS(call("camelcase", S("__"), NULL), "___");
	IS(call("camelcase", S("a"), NULL), "A");
	IS(call("camelcase", S("_a_b"), NULL), "_AB");
	IS(call("kebabcase", S("Bld4Floor3rd"), NULL), "bld4-floor-3rd");
	IS(call("snakecase", S("HTTP20xOK"), NULL), "http_20x_ok");
	IS(call("nospace", S("h é\u00a0x"), NULL), "hÃ©Âx");
	IS(call("initials", S("élan vital"), NULL), "Ãv");
	IS(call("swapcase", S("ǆa bC"), NULL), "ǅA Bc");
	IS(call("title", S("ǆa ǉb"), NULL), "ǅa ǈb");
	IS(call("wrap", I(3), S("abcdefgh ij"), NULL), "abcdefgh\nij");
	IS(call("abbrevboth", I(10), I(13), S("abcdefghijklmnopqrstuvwxyz"), NULL), "...klmnopq...");
	IS(call("chunk", I(-2), L(I(1), NULL), NULL), "[[1]]");
	IS(call("chunk", I(-1), L(I(1), I(2), NULL), NULL), "[]");
	IS(call("chunk", I(-1), L(I(1), NULL), NULL), "ERR: runtime error: makeslice: len out of range");
	IS(call("chunk", I(-2), L(NULL), NULL), "ERR: runtime error: makeslice: len out of range");
	IS(call("trimAll", S("xé"), S("éxabcxé"), NULL), "abc");
	IS(call("upper", S("ǆ"), NULL), "Ǆ");
	IS(call("untitle", S("ÀB CD"), NULL), "àB cD");
	IS(call("splitn", S(""), I(2), S("héllo"), NULL), "map[_0:h _1:éllo]");
	IS(call("toDecimal", I(511), NULL), "329");
	IS(call("int", S("1_000"), NULL), "1000");
	IS(call("float64", S("0x10"), NULL), "0");
	IS(call("float64", S("1_0.5"), NULL), "10.5");
	IS(call("divf", I(10), I(4), I(3), NULL), "0.8333333333333333");
	IS(call("mulf", F(0.1), I(3), NULL), "0.3");
	IS(call("subf", I(1), F(0.9), NULL), "0.1");
	IS(call("round", F(2.5), I(0), NULL), "3");
	IS(call("round", F(0.125), I(2), NULL), "0.13");
	IS(call("maxf", I(1), S("x"), NULL), "1");
	IS(call("seq", I(3), I(1), NULL), "3 2 1");
	IS(call("seq", I(1), I(0), I(3), NULL), "");
	IS(call("seq", I(5), I(-2), I(1), NULL), "5 3 1");
	IS(call("until", I(0), NULL), "[]");
	IS(call("trim", S("\u00a0 x \u2028"), NULL), "x");
	IS(call("merge", M("a", L(NULL), NULL), M("a", L(I(1), NULL), NULL), NULL), "map[a:[1]]");
	IS(call("merge", M("a", M(NULL), NULL), M("a", M("x", I(1), NULL), NULL), NULL), "map[a:map[x:1]]");
	IS(call("merge", M("b", I(1), NULL), M("a", L(I(1), NULL), NULL), NULL), "map[a:[1] b:1]");
	IS(call("mergeOverwrite", M("a", I(1), NULL), M("a", NIL(), NULL), NULL), "map[a:<nil>]");
	IS(call("dig", S("a"), S("b"), S("d"), M("a", M("b", NIL(), NULL), NULL), NULL), "<nil>");
	IS(call("substr", I(5), I(-1), S("abc"), NULL), "ERR: runtime error: slice bounds out of range [5:3]");
	IS(call("substr", I(-1), I(-2), S("abc"), NULL), "ERR: runtime error: slice bounds out of range [:-2]");
	IS(call("repeat", I(0), S("x"), NULL), "");
	IS(call("abbrev", I(4), S("héllo"), NULL), "h...");
	IS(call("wrapWith", I(0), S("-"), S("abc"), NULL), "a-b-c");
	IS(call("trunc", I(-2), S("héllo"), NULL), "lo");
	IS(call("cat", NIL(), NULL), "");
	IS(call("squote", L(I(1), I(2), NULL), NULL), "'[1 2]'");
	IS(call("join", S(","), L(I(1), NIL(), S("a"), NULL), NULL), "1,a");
	IS(call("toStrings", L(L(I(1), NULL), NULL), NULL), "[[1]]");
	IS(call("sortAlpha", S("b"), NULL), "[b]");
	IS(call("slice", L(I(1), I(2), I(3), NULL), NULL), "[1 2 3]");
	IS(call("slice", L(I(1), I(2), I(3), NULL), I(1), I(1), NULL), "[]");
	IS(call("uniq", L(L(I(1), NULL), L(I(1), NULL), NULL), NULL), "[[1]]");
	IS(call("compact", L(NIL(), S(""), I(0), hv_bool(false), L(NULL), M(NULL), S("a"), NULL), NULL), "[a]");
	IS(call("without", L(I(1), I(2), I(1), NULL), I(1), NULL), "[2]");
	IS(call("pluck", S("a"), M("a", NIL(), NULL), NULL), "[<nil>]");
	IS(call("pick", M("a", I(1), NULL), S("a"), S("a"), NULL), "map[a:1]");
	IS(call("dict", S("a"), I(1), S("b"), NULL), "map[a:1 b:]");
	IS(call("mul", I(5), NULL), "5");
	IS(call("add", NULL), "0");
	IS(call("addf", NULL), "0");
	IS(call("div", I(7), I(-2), NULL), "-3");
	IS(call("mod", I(7), I(-2), NULL), "1");
	IS(call("min", F(1.9), F(1.5), NULL), "1");
	IS(call("max", S("10"), S("9"), NULL), "10");
	IS(call("round", F(1.23456), I(3), F(0.4), NULL), "1.235");
	IS(call("floor", S("abc"), NULL), "0");
	IS(call("int64", S("0b101"), NULL), "5");
	IS(call("int", S("-0x10"), NULL), "-16");
	IS(call("int", S(" 1"), NULL), "0");
	IS(call("int", S("1."), NULL), "0");
	IS(call("int", S(".0"), NULL), "0");
	IS(call("int", S("1e3"), NULL), "0");
	IS(call("float64", hv_bool(true), NULL), "1");
	IS(call("atoi", S("+5"), NULL), "5");
	IS(call("toDecimal", S("777"), NULL), "511");
	IS(call("toDecimal", S("8"), NULL), "0");
	IS(call("seq", I(0), NULL), "1 0");
	IS(call("seq", I(-2), NULL), "1 0 -1 -2");
	IS(call("untilStep", I(10), I(0), I(-3), NULL), "[10 7 4 1]");
	IS(call("default", S("x"), L(NULL), NULL), "x");
	IS(call("empty", L(NIL(), NULL), NULL), "false");
	IS(call("kindOf", NIL(), NULL), "invalid");
	IS(call("deepEqual", NIL(), NIL(), NULL), "true");
	IS(call("mustToRawJson", M("a", S("<"), NULL), NULL), "{\"a\":\"<\"}");
	IS(call("mustFromJson", S("[1,2]"), NULL), "[1 2]");
	IS(call("splitList", S(","), S(""), NULL), "[]");
	IS(call("split", S(""), S(""), NULL), "map[]");
	IS(call("splitn", S(","), I(0), S("a,b"), NULL), "map[]");
	IS(call("splitn", S(","), I(-1), S("a,b"), NULL), "map[_0:a _1:b]");
	IS(call("replace", S(""), S(""), S("abc"), NULL), "abc");
	IS(call("shuffle", S("a"), NULL), "a");
	IS(call("swapcase", S("  hello   world"), NULL), "  HELLO   WORLD");
	IS(call("title", S("o'neil mc-donald x_y 3rd"), NULL), "O'Neil Mc-Donald X_y 3rd");
}

static void test_env_removed(void)
{
	CHECK(tmpl_funcs_get(fs, "env") == NULL);
	CHECK(tmpl_funcs_get(fs, "expandenv") == NULL);
	CHECK(tmpl_funcs_get(fs, "hello") != NULL);
}

static void test_cast(void)
{
	hv *v = hv_str("1_000");
	CHECK(cast_to_int64(v) == 1000);
	hv_free(v);
	v = hv_str("1e3");
	CHECK(cast_to_int64(v) == 0 && cast_to_float64(v) == 1000);
	hv_free(v);
	v = hv_str("9223372036854775808");
	CHECK(cast_to_int64(v) == 0);
	hv_free(v);
	v = hv_float(-1e300);
	CHECK(cast_to_int64(v) == INT64_MIN);
	hv_free(v);
}

int main(void)
{
	fs = tmpl_funcs_new();
	sprig_register(fs);
	test_strings();
	test_lists();
	test_dicts();
	test_math();
	test_defaults();
	test_edges();
	test_env_removed();
	test_cast();
	tmpl_funcs_free(fs);
	return unit_report("sprig");
}
