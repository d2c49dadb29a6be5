/* regex.c — Sprig's regex functions on Go's regexp (regex_go.c).  The non-must variants
 * compile with regexp.MustCompile, so a bad pattern panics: "regexp: Compile(`(`): ...";
 * regexMatch alone swallows the error and answers false. */
#include <stdlib.h>
#include <string.h>

#include "gofmt.h"
#include "sprig/ext.h"
#include "sprig/regex.h"
#include "sprig/sprig.h"
#include "strconv.h"
#include "util.h"

/* Compiled patterns, kept: charts apply a few patterns in many templates.  A regexp is used
 * only within one function call, so replacing the oldest entry cannot pull one from use. */
enum { NKEPT = 64 };
static struct kept {
	char *pat;
	size_t len;
	go_regexp *re;
} kept[NKEPT];
static unsigned next_kept;

/* Compiles ARGV[0] (the regexp belongs to the cache); on failure sets *err as Compile (MUST) or
 * MustCompile's panic would. */
static go_regexp *compile(hv *pat, bool must, char **err)
{
	const char *s = hv_get_str(pat);
	size_t n = hv_str_len(pat);
	for (int i = 0; i < NKEPT && kept[i].pat; i++)
		if (kept[i].len == n && memcmp(kept[i].pat, s, n) == 0)
			return kept[i].re;
	char *e = NULL;
	go_regexp *re = go_regexp_compile(s, n, &e);
	if (re) {
		struct kept *k = &kept[next_kept++ % NKEPT];
		free(k->pat);
		go_regexp_free(k->re);
		*k = (struct kept){xmalloc(n + 1), n, re};
		memcpy(k->pat, s, n);
		k->pat[n] = 0;
		return re;
	}
	if (must) {
		*err = e;
		return NULL;
	}
	/* strconv.Quote unless the pattern can be written between backquotes. */
	bool backquote = true;
	for (size_t i = 0; i < n && backquote; i++) {
		unsigned char c = s[i];
		if (c == '`' || c == 0x7f || (c < ' ' && c != '\t') || (c == 0xEF && i + 2 < n &&
			(unsigned char)s[i + 1] == 0xBB && (unsigned char)s[i + 2] == 0xBF))
			backquote = false;
	}
	backquote = backquote && go_utf8_valid(s, n);
	buf b = BUF_INIT;
	buf_puts(&b, "regexp: Compile(");
	if (backquote) {
		buf_putc(&b, '`');
		buf_add(&b, s, n);
		buf_putc(&b, '`');
	} else {
		go_strconv_quote(&b, s, n);
	}
	buf_printf(&b, "): %s", e);
	free(e);
	*err = buf_detach(&b, NULL);
	return NULL;
}

static hv *str_list(void)
{
	hv *l = hv_list();
	hv_set_sub(l, HV_GO_STRLIST);
	return l;
}

static hv *match(hv **argv, bool must, char **err)
{
	go_regexp *re = compile(argv[0], true, err);
	if (!re) {
		if (must)
			return NULL;
		free(*err);
		*err = NULL;
		return hv_bool(false);
	}
	long *m = xmalloc(2 * (go_regexp_ngroups(re) + 1) * sizeof *m);
	bool found = go_regexp_exec(re, hv_get_str(argv[1]), hv_str_len(argv[1]), 0, m);
	free(m);
	return hv_bool(found);
}

static hv *find_all(hv **argv, bool must, char **err)
{
	go_regexp *re = compile(argv[0], must, err);
	if (!re)
		return NULL;
	const char *s = hv_get_str(argv[1]);
	size_t count, stride = 2 * (go_regexp_ngroups(re) + 1);
	long *all = go_regexp_find_all(re, s, hv_str_len(argv[1]), hv_get_int(argv[2]), &count);
	hv *l = str_list();
	for (size_t i = 0; i < count; i++)
		hv_list_push(l, hv_strn(s + all[i * stride], all[i * stride + 1] - all[i * stride]));
	free(all);
	return l;
}

static hv *find(hv **argv, bool must, char **err)
{
	go_regexp *re = compile(argv[0], must, err);
	if (!re)
		return NULL;
	const char *s = hv_get_str(argv[1]);
	long *m = xmalloc(2 * (go_regexp_ngroups(re) + 1) * sizeof *m);
	hv *r = go_regexp_exec(re, s, hv_str_len(argv[1]), 0, m) ? hv_strn(s + m[0], m[1] - m[0]) : hv_str("");
	free(m);
	return r;
}

static hv *replace(hv **argv, bool must, bool literal, char **err)
{
	go_regexp *re = compile(argv[0], must, err);
	if (!re)
		return NULL;
	buf b = BUF_INIT;
	go_regexp_replace_all(re, hv_get_str(argv[1]), hv_str_len(argv[1]), hv_get_str(argv[2]),
		hv_str_len(argv[2]), literal, &b);
	return sprig_buf_value(&b);
}

/* regexp.Split */
static hv *split(hv **argv, bool must, char **err)
{
	go_regexp *re = compile(argv[0], must, err);
	if (!re)
		return NULL;
	const char *s = hv_get_str(argv[1]);
	size_t n = hv_str_len(argv[1]);
	long limit = hv_get_int(argv[2]);
	hv *l = str_list();
	if (limit == 0)
		return l;
	if (hv_str_len(argv[0]) > 0 && n == 0) {
		hv_list_push(l, hv_str(""));
		return l;
	}
	size_t count, stride = 2 * (go_regexp_ngroups(re) + 1);
	long *all = go_regexp_find_all(re, s, n, limit, &count);
	long beg = 0, end = 0;
	for (size_t i = 0; i < count; i++) {
		if (limit > 0 && (long)hv_len(l) == limit - 1)
			break;
		end = all[i * stride];
		if (all[i * stride + 1] != 0)
			hv_list_push(l, hv_strn(s + beg, end - beg));
		beg = all[i * stride + 1];
	}
	if (end != (long)n)
		hv_list_push(l, hv_strn(s + beg, n - beg));
	free(all);
	return l;
}

static hv *f_regexMatch(tmpl_ctx *c, hv **argv, int argc, char **err) { return match(argv, false, err); }
static hv *f_mustRegexMatch(tmpl_ctx *c, hv **argv, int argc, char **err) { return match(argv, true, err); }
static hv *f_regexFindAll(tmpl_ctx *c, hv **argv, int argc, char **err) { return find_all(argv, false, err); }
static hv *f_mustRegexFindAll(tmpl_ctx *c, hv **argv, int argc, char **err) { return find_all(argv, true, err); }
static hv *f_regexFind(tmpl_ctx *c, hv **argv, int argc, char **err) { return find(argv, false, err); }
static hv *f_mustRegexFind(tmpl_ctx *c, hv **argv, int argc, char **err) { return find(argv, true, err); }
static hv *f_regexReplaceAll(tmpl_ctx *c, hv **argv, int argc, char **err) { return replace(argv, false, false, err); }
static hv *f_mustRegexReplaceAll(tmpl_ctx *c, hv **argv, int argc, char **err) { return replace(argv, true, false, err); }
static hv *f_regexReplaceAllLiteral(tmpl_ctx *c, hv **argv, int argc, char **err) { return replace(argv, false, true, err); }
static hv *f_mustRegexReplaceAllLiteral(tmpl_ctx *c, hv **argv, int argc, char **err) { return replace(argv, true, true, err); }
static hv *f_regexSplit(tmpl_ctx *c, hv **argv, int argc, char **err) { return split(argv, false, err); }
static hv *f_mustRegexSplit(tmpl_ctx *c, hv **argv, int argc, char **err) { return split(argv, true, err); }

static hv *f_regexQuoteMeta(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	go_regexp_quote_meta(&b, hv_get_str(argv[0]), hv_str_len(argv[0]));
	return sprig_buf_value(&b);
}

static const struct tmpl_func funcs[] = {
	{"regexMatch", f_regexMatch, "ss", 0},
	{"mustRegexMatch", f_mustRegexMatch, "ss", TF_ERROR},
	{"regexFindAll", f_regexFindAll, "ssi", 0},
	{"mustRegexFindAll", f_mustRegexFindAll, "ssi", TF_ERROR},
	{"regexFind", f_regexFind, "ss", 0},
	{"mustRegexFind", f_mustRegexFind, "ss", TF_ERROR},
	{"regexReplaceAll", f_regexReplaceAll, "sss", 0},
	{"mustRegexReplaceAll", f_mustRegexReplaceAll, "sss", TF_ERROR},
	{"regexReplaceAllLiteral", f_regexReplaceAllLiteral, "sss", 0},
	{"mustRegexReplaceAllLiteral", f_mustRegexReplaceAllLiteral, "sss", TF_ERROR},
	{"regexSplit", f_regexSplit, "ssi", 0},
	{"mustRegexSplit", f_mustRegexSplit, "ssi", TF_ERROR},
	{"regexQuoteMeta", f_regexQuoteMeta, "s", 0},
};

void sprig_register_regex(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, sizeof funcs / sizeof funcs[0]);
}
