/* template_test.c — the template engine against outputs and errors recorded from Go 1.23
 * (text/template as Helm 3.17 runs it, missingkey=zero). */
#include "json.h"
#include "template/template.h"
#include "unit.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static const char *data_json =
	"{\"Values\": {\"str\": \"hello\", \"num\": 42.0, \"flt\": 3.14, \"t\": true, \"f\": false,"
	" \"nul\": null, \"list\": [\"a\", \"b\", \"c\"], \"map\": {\"b\": 2.0, \"a\": 1.0},"
	" \"nested\": {\"x\": {\"y\": \"deep\"}}, \"mixed\": [1.0, \"two\", null], \"empty\": []}}";

/* A function with typed parameters: func(string, int) string. */
static hv *fn_rep(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	for (int64_t i = 0; i < hv_get_int(argv[1]); i++)
		buf_puts(&b, hv_get_str(argv[0]));
	size_t n;
	char *s = buf_detach(&b, &n);
	return hv_str_take(s, n);
}

static hv *fn_fail(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	*err = xstrdup(hv_get_str(argv[0]));
	return NULL;
}

/* include: runs another template of the set. */
static hv *fn_include(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	if (tmpl_ctx_execute(c, hv_get_str(argv[0]), argv[1], &b, err) < 0) {
		buf_free(&b);
		return NULL;
	}
	size_t n;
	char *s = buf_detach(&b, &n);
	return hv_str_take(s, n);
}

static hv *fn_tpl(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	bool perr;
	if (tmpl_ctx_run_text(c, "gotpl", hv_get_str(argv[0]), hv_str_len(argv[0]), argv[1], &b, &perr, err) < 0) {
		buf_free(&b);
		return NULL;
	}
	size_t n;
	char *s = buf_detach(&b, &n);
	return hv_str_take(s, n);
}

static hv *fn_list(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = hv_list();
	for (int i = 0; i < argc; i++)
		hv_list_push(l, hv_ref(argv[i]));
	return l;
}

static const struct tmpl_func funcs[] = {
	{"rep", fn_rep, "si", 0},
	{"fail", fn_fail, "s", TF_ERROR},
	{"include", fn_include, "sv", TF_ERROR},
	{"tpl", fn_tpl, "sv", TF_ERROR},
	{"list", fn_list, "v*", 0},
	{"slice", fn_list, "v*", 0}, /* replaces the builtin, as Sprig's does */
};

static tmpl_funcs *fs;
static hv *data;

/* Renders TEXT as template "t.yaml"; returns the output or "ERR: message" (malloc'd). */
static char *render(const char *text)
{
	tmpl_set *s = tmpl_set_new("gotpl", fs);
	tmpl_set_missingkey(s, TMPL_MISSINGKEY_ZERO);
	char *err = NULL;
	buf b = BUF_INIT;
	if (tmpl_parse(s, "t.yaml", text, strlen(text), &err) < 0 ||
	    tmpl_execute(s, "t.yaml", data, NULL, &b, &err) < 0) {
		buf_reset(&b);
		buf_printf(&b, "ERR: %s", err);
		free(err);
	}
	tmpl_set_free(s);
	return buf_detach(&b, NULL);
}

static int check(const char *text, const char *want, int line)
{
	char *got = render(text);
	int ok = strcmp(got, want) == 0;
	if (!ok)
		fprintf(stderr, "line %d: %s\n   got: %s\n  want: %s\n", line, text, got, want);
	free(got);
	return ok;
}

#define T(text, want) CHECK(check(text, want, __LINE__))

static void test_text_and_trim(void)
{
	T("plain", "plain");
	T("a {{- \"b\" -}} c", "abc");
	T("a  \n{{- /* comment */ -}}\n  b", "ab");
	T("{{/* c */}}x", "x");
	T("{{- 1 }}\n{{ 2 -}}\n3", "1\n23");
	T("{{ -1 }}", "-1");
	T("{{ \"a\" }}{{ `b\\n` }}", "ab\\n");
}

static void test_literals(void)
{
	T("{{ 1.0 }}|{{ 1e6 }}|{{ 123456789.0 }}|{{ 1e21 }}|{{ 0.000001 }}", "1|1e+06|1.23456789e+08|1e+21|1e-06");
	T("{{ 0x1F }}|{{ 0o17 }}|{{ 017 }}|{{ 0b101 }}|{{ 1_000 }}|{{ 0x1p4 }}", "31|15|15|5|1000|16");
	T("{{ 'a' }}|{{ '\\n' }}|{{ '\\u00e9' }}", "97|10|233");
	T("{{ 2i }}|{{ 1+2i }}|{{ printf \"%T\" 2i }}", "(0+2i)|(1+2i)|complex128");
	T("{{ 9223372036854775807 }}", "9223372036854775807");
	T("{{ 9223372036854775808 }}",
	  "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <9223372036854775808>: 9223372036854775808 overflows int");
	T("{{ 1e }}", "ERR: template: t.yaml:1: illegal number syntax: \"1e\"");
	T("{{ 1x }}", "ERR: template: t.yaml:1: bad number syntax: \"1x\"");
	T("{{ . }}", "map[Values:map[empty:[] f:false flt:3.14 list:[a b c] map:map[a:1 b:2] mixed:[1 two <nil>] "
		     "nested:map[x:map[y:deep]] nul:<nil> num:42 str:hello t:true]]");
	T("{{ nil }}", "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <nil>: nil is not a command");
}

static void test_fields(void)
{
	T("{{ .Values.str }}|{{ .Values.nested.x.y }}|{{ .Values.missing }}|{{ .Values.nul }}", "hello|deep|<no value>|<no value>");
	T("{{ .Values.nul.x }}",
	  "ERR: template: t.yaml:1:10: executing \"t.yaml\" at <.Values.nul.x>: nil pointer evaluating interface {}.x");
	T("{{ .Values.str.x }}",
	  "ERR: template: t.yaml:1:10: executing \"t.yaml\" at <.Values.str.x>: can't evaluate field x in type interface {}");
	T("{{ with .Values.str }}{{ .x }}{{ end }}",
	  "ERR: template: t.yaml:1:25: executing \"t.yaml\" at <.x>: can't evaluate field x in type string");
	T("{{ $x := .Values.missing }}{{ $x.y }}|{{ $x }}", "<no value>|<no value>");
	T("{{ .Values.str 1 }}",
	  "ERR: template: t.yaml:1:10: executing \"t.yaml\" at <.Values.str>: str is not a method but has arguments");
	T("{{ (1).x }}", "ERR: template: t.yaml:1:4: executing \"t.yaml\" at <1>: can't evaluate field x in type int");
	T("{{ \"x\".y }}", "ERR: template: t.yaml:1: unexpected . after term \"\\\"x\\\"\"");
}

static void test_control(void)
{
	T("{{ range $i, $v := .Values.list }}{{ $i }}{{ $v }}{{ end }}", "0a1b2c");
	T("{{ range $k, $v := .Values.map }}{{ $k }}={{ $v }};{{ end }}", "a=1;b=2;");
	T("{{ range .Values.empty }}x{{ else }}none{{ end }}", "none");
	T("{{ range .Values.list }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}", "a");
	T("{{ range .Values.list }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}", "ac");
	T("{{ range 3 }}x{{ end }}", "ERR: template: t.yaml:1:9: executing \"t.yaml\" at <3>: range can't iterate over 3");
	T("{{ with .Values.missing }}a{{ else with .Values.str }}{{ . }}{{ end }}", "hello");
	T("{{ if .Values.f }}a{{ else if .Values.t }}b{{ else }}c{{ end }}", "b");
	T("{{ $x := 1 }}{{ range .Values.list }}{{ $x = . }}{{ end }}{{ $x }}", "c");
	T("{{ $x = 1 }}", "ERR: template: t.yaml:1:8: executing \"t.yaml\" at <1>: undefined variable: $x");
	T("{{ break }}", "ERR: template: t.yaml:1: {{break}} outside {{range}}");
	T("{{ if 1 }}{{ else }}{{ else }}{{ end }}", "ERR: template: t.yaml:1: expected end; found {{else}}");
	T("{{ range $i, $v, $w := .Values.list }}{{ end }}", "ERR: template: t.yaml:1: too many declarations in range");
	T("{{ .Values.str", "ERR: template: t.yaml:1: unclosed action");
	T("{{ 1 | 2 }}", "ERR: template: t.yaml:1: non executable command in pipeline stage 2");
	T("{{ nope }}", "ERR: template: t.yaml:1: function \"nope\" not defined");
}

static void test_templates(void)
{
	T("{{ define \"a\" }}A{{ . }}{{ end }}{{ template \"a\" 1 }}|{{ include \"a\" 2 }}", "A1|A2");
	T("{{ block \"b\" . }}default{{ end }}", "default");
	T("{{ define \"x\" }}[{{ . }}]{{ end }}{{ template \"x\" \"a\" | printf \"%s-%s\" \"b\" }}", "[b-a]");
	T("{{ template \"x\" }}", "ERR: template: t.yaml:1:12: executing \"t.yaml\" at <{{template \"x\"}}>: template \"x\" not defined");
	T("{{ include \"nope\" . }}",
	  "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <include \"nope\" .>: error calling include: "
	  "template: no template \"nope\" associated with template \"gotpl\"");
	T("{{ define \"e\" }}\n  {{ fail \"boom\" }}{{ end }}{{ include \"e\" . }}",
	  "ERR: template: t.yaml:2:31: executing \"t.yaml\" at <include \"e\" .>: error calling include: "
	  "template: t.yaml:2:5: executing \"e\" at <fail \"boom\">: error calling fail: boom");
	T("{{ define \"r\" }}{{ template \"r\" }}{{ end }}{{ template \"r\" }}",
	  "ERR: template: t.yaml:1:28: executing \"r\" at <{{template \"r\"}}>: exceeded maximum template depth (100000)");
	T("{{ tpl \"{{ define \\\"q\\\" }}Q{{ end }}{{ include \\\"q\\\" . }}\" . }}", "Q");
	T("{{ tpl \"{{ .x\" . }}", "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <tpl \"{{ .x\" .>: "
				  "error calling tpl: template: gotpl:1: unclosed action");
	T("{{ define \"x\" }}[{{ .y }}]{{ end }}{{ include \"x\" nil }}", "[<no value>]");
	T("{{ .Values.a→b }}", "ERR: template: t.yaml:1: bad character U+2192 '→'");
	T("{{ .Values.ключ }}", "<no value>");
	T("{{ define \"d\" }}a{{ end }}{{ define \"d\" }}b{{ end }}",
	  "ERR: template: t.yaml:1: template: multiple definition of template \"d\"");
}

static void test_builtins(void)
{
	T("{{ eq 1 2 3 1 }}|{{ ne \"a\" \"b\" }}|{{ lt 1 2 }}|{{ ge 2.5 2.5 }}|{{ eq .Values.missing nil }}", "true|true|true|true|true");
	T("{{ eq 1 1.0 }}", "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <eq 1 1.0>: error calling eq: incompatible types for comparison");
	T("{{ lt true false }}", "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <lt true false>: error calling lt: invalid type for comparison");
	T("{{ eq .Values.list .Values.list }}", "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <eq .Values.list .Values.list>: "
						"error calling eq: non-comparable type [a b c]: []interface {}");
	T("{{ and 1 0 2 }}|{{ or 0 \"\" \"x\" }}|{{ and false (fail \"no\") }}|{{ not 0 }}", "0|x|false|true");
	T("{{ len .Values.str }}|{{ len .Values.list }}|{{ len \"héllo\" }}", "5|3|6");
	T("{{ len .Values.missing }}", "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <len .Values.missing>: error calling len: len of nil pointer");
	T("{{ index .Values.list 1 }}|{{ index .Values.map \"a\" }}|{{ index .Values.map \"z\" }}", "b|1|<no value>");
	T("{{ index .Values.list 3 }}", "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <index .Values.list 3>: "
					"error calling index: reflect: slice index out of range");
	T("{{ index .Values.list 99 }}", "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <index .Values.list 99>: "
					 "error calling index: index out of range: 99");
	T("{{ print 1 2 \"a\" \"b\" nil }}|{{ println 1 \"a\" }}", "1 2ab<nil>|1 a\n");
	T("{{ html \"<a href='x'>&\" }}|{{ html .Values.missing }}|{{ js \"a'b<\" }}|{{ urlquery \"a b&c\" }}",
	  "&lt;a href=&#39;x&#39;&gt;&amp;|&lt;no value&gt;|a\\'b\\u003C|a+b%26c");
	T("{{ slice 1 2 }}", "[1 2]");
	T("{{ js \"\\u00a0é\" }}|{{ printf \"%q\" \"\\u00a0é\" }}", "\\u00A0é|\"\\u00a0é\"");
}

static void test_output_bound(void)
{
	tmpl_set *s = tmpl_set_new("gotpl", fs);
	tmpl_set_max_output(s, 100);
	const char *text = "{{ define \"a\" }}{{ printf \"%50d\" 1 }}{{ template \"a\" }}{{ end }}{{ template \"a\" }}";
	char *err = NULL;
	buf b = BUF_INIT;
	CHECK(tmpl_parse(s, "t", text, strlen(text), &err) == 0);
	CHECK(tmpl_execute(s, "t", data, NULL, &b, &err) < 0);
	CHECK(err && strcmp(err, "template: t:1:19: executing \"a\" at <{{printf \"%50d\" 1}}>: "
				 "template output exceeds 100 bytes") == 0);
	free(err);
	buf_free(&b);
	tmpl_set_free(s);
}

/* Files of identical text share their parse; each keeps its name in errors and defines. */
static void test_shared_parse(void)
{
	tmpl_set *s = tmpl_set_new("gotpl", fs);
	const char *text = "{{ define \"d\" }}\n{{ fail . }}{{ end }}{{ if eq . \"top\" }}{{ fail . }}{{ end }}";
	char *err = NULL;
	buf b = BUF_INIT;
	CHECK(tmpl_parse(s, "b", text, strlen(text), &err) == 0);
	CHECK(tmpl_parse(s, "a", text, strlen(text), &err) == 0);
	hv *top = hv_str("top");
	CHECK(tmpl_execute(s, "b", top, NULL, &b, &err) < 0);
	CHECK(err && strcmp(err, "template: b:2:43: executing \"b\" at <fail .>: error calling fail: top") == 0);
	free(err);
	/* the last parsed file's define wins, and errors inside it name that file */
	CHECK(tmpl_execute(s, "d", top, NULL, &b, &err) < 0);
	CHECK(err && strcmp(err, "template: a:2:3: executing \"d\" at <fail .>: error calling fail: top") == 0);
	free(err);
	hv_free(top);
	/* a define named like the file conflicts with the file's own text */
	const char *same = "X{{ define \"c\" }}Y{{ end }}";
	CHECK(tmpl_parse(s, "a2", same, strlen(same), &err) == 0);
	CHECK(tmpl_parse(s, "c", same, strlen(same), &err) < 0);
	CHECK(err && strcmp(err, "template: c:1: template: multiple definition of template \"c\"") == 0);
	free(err);
	buf_free(&b);
	tmpl_set_free(s);
}

/* A text tpl parses again is parsed once and kept: each call still sees only its own defines. */
static void test_tpl_again(void)
{
	T("{{ range list 1 2 3 }}{{ tpl \"{{ define \\\"q\\\" }}Q{{ . }}{{ end }}{{ include \\\"q\\\" . }}\" . }}{{ end }}",
	  "Q1Q2Q3");
	T("{{ range list 1 2 3 }}{{ tpl \"{{ define \\\"q\\\" }}{{ end }}\" . }}{{ end }}{{ include \"q\" . }}",
	  "ERR: template: t.yaml:1:75: executing \"t.yaml\" at <include \"q\" .>: error calling include: "
	  "template: no template \"q\" associated with template \"gotpl\"");
	T("{{ define \"d\" }}D{{ end }}{{ range list 1 2 3 }}{{ tpl \"{{ define \\\"d\\\" }}{{ end }}[{{ include \\\"d\\\" . }}]\" . }}{{ end }}",
	  "[D][D][D]");
	T("{{ range list 1 2 3 }}{{ tpl \"{{ define \\\"gotpl\\\" }}G{{ . }}{{ end }}\" . }}{{ end }}", "G1G2G3");
	T("{{ range list 1 2 }}{{ tpl \"{{ .x\" . }}{{ end }}", "ERR: template: t.yaml:1:23: executing \"t.yaml\" at "
	  "<tpl \"{{ .x\" .>: error calling tpl: template: gotpl:1: unclosed action");
}

static void test_typing(void)
{
	T("{{ rep \"ab\" 2 }}|{{ 3 | rep \"x\" }}", "abab|xxx");
	T("{{ rep .Values.num 2 }}", "ERR: template: t.yaml:1:14: executing \"t.yaml\" at <.Values.num>: "
				     "wrong type for value; expected string; got float64");
	T("{{ rep \"a\" 1.5 }}", "ERR: template: t.yaml:1:11: executing \"t.yaml\" at <1.5>: expected integer; found 1.5");
	T("{{ rep 1 1 }}", "ERR: template: t.yaml:1:7: executing \"t.yaml\" at <1>: expected string; found 1");
	T("{{ rep \"a\" }}", "ERR: template: t.yaml:1:3: executing \"t.yaml\" at <rep>: wrong number of args for rep: want 2 got 1");
	T("{{ rep .Values.missing 1 }}", "ERR: template: t.yaml:1:14: executing \"t.yaml\" at <.Values.missing>: "
					 "wrong type for value; expected string; got interface {}");
	T("{{ list | first }}", "ERR: template: t.yaml:1: function \"first\" not defined");
	T("{{ printf \"%d %s\" 1 }}|{{ printf \"%d\" 1 2 }}|{{ printf \"%d\" .Values.num }}",
	  "1 %!s(MISSING)|1%!(EXTRA int=2)|%!d(float64=42)");
}

int main(void)
{
	char *err = NULL;
	data = json_parse(data_json, strlen(data_json), "data", 0, &err);
	fs = tmpl_funcs_new();
	tmpl_funcs_add_all(fs, funcs, (int)(sizeof funcs / sizeof *funcs));
	test_text_and_trim();
	test_literals();
	test_fields();
	test_control();
	test_templates();
	test_builtins();
	test_typing();
	test_tpl_again();
	test_output_bound();
	test_shared_parse();
	tmpl_funcs_free(fs);
	hv_free(data);
	return unit_report("template");
}
