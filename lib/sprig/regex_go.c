/* regex_go.c — Go's regexp on PCRE2 (see regex.h): compiling through regex_syntax.c, and
 * Go's loops for FindAll, ReplaceAll and the $-expansion of replacement templates. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sprig/regex.h"
#include "sprig/regex_syntax.h"
#include "sprig/unicode.h"
#include "strconv.h"
#include "util.h"

struct go_regexp {
	pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mc;      /* with the loop guard callout, when there are loops */
	struct go_regexp_syntax syn;  /* Go's groups: names, and their PCRE2 numbers */
	struct loop { uint32_t start, iter; } *loops; /* groups hA<k>, hB<k> of loop k */
};

/* Callout {k} at the end of an iteration of loop k: Go drops an iteration that matched empty
 * unless it is the loop's first, so fail it (PCRE2 then backtracks as Go's VM would). */
static int loop_guard(pcre2_callout_block *cb, void *data)
{
	const go_regexp *re = data;
	const struct loop *l = &re->loops[atoi((const char *)cb->callout_string)];
	PCRE2_SIZE began = cb->offset_vector[2 * l->iter], loop = cb->offset_vector[2 * l->start];
	return cb->current_position == began && began != loop;
}

go_regexp *go_regexp_compile(const char *pat, size_t len, char **err)
{
	struct go_regexp_syntax syn;
	if (!go_regexp_translate(pat, len, &syn, err))
		return NULL;
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	pcre2_set_newline(cc, PCRE2_NEWLINE_LF);
	pcre2_set_parens_nest_limit(cc, 1100);
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)syn.pcre, strlen(syn.pcre),
		PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_CIRCUMFLEX, &code, &off, cc);
	pcre2_compile_context_free(cc);
	if (!re) {
		/* Everything RE2 accepts translates; what PCRE2 still refuses is its size limits. */
		*err = xasprintf("error parsing regexp: expression too large: `%.*s`", (int)len, pat);
		go_regexp_syntax_free(&syn);
		return NULL;
	}
	go_regexp *g = xcalloc(1, sizeof *g);
	g->code = re;
	g->md = pcre2_match_data_create_from_pattern(re, NULL);
	g->syn = syn;
	if (syn.nloops) {
		g->loops = xcalloc(syn.nloops, sizeof *g->loops);
		for (int k = 0; k < syn.nloops; k++) {
			char name[24];
			snprintf(name, sizeof name, "hA%d", k);
			g->loops[k].start = (uint32_t)pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
			snprintf(name, sizeof name, "hB%d", k);
			g->loops[k].iter = (uint32_t)pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);
		}
		g->mc = pcre2_match_context_create(NULL);
		pcre2_set_callout(g->mc, loop_guard, g);
	}
	return g;
}

void go_regexp_free(go_regexp *re)
{
	if (!re)
		return;
	pcre2_match_data_free(re->md);
	pcre2_match_context_free(re->mc);
	pcre2_code_free(re->code);
	go_regexp_syntax_free(&re->syn);
	free(re->loops);
	free(re);
}

int go_regexp_ngroups(const go_regexp *re)
{
	return re->syn.ngroups;
}

/* The text PCRE2 matches.  Go reads each invalid UTF-8 byte as a U+FFFD rune (which ., [^a] or
 * \x{FFFD} match); PCRE2 never matches such bytes, so an invalid text is matched as a copy in
 * which they are U+FFFD, with offsets mapped back. */
struct subject {
	const char *s;
	size_t n;
	char *copy;      /* NULL when the text is valid UTF-8 */
	size_t *to_orig; /* copy offset -> original offset */
	size_t *to_copy; /* original offset -> copy offset */
};

static void subject_init(struct subject *sj, const char *s, size_t n)
{
	*sj = (struct subject){s, n, NULL, NULL, NULL};
	size_t i = 0;
	int size;
	while (i < n && go_utf8_decode(s + i, n - i, &size) >= 0)
		i += size;
	if (i == n)
		return;
	buf c = BUF_INIT;
	sj->to_copy = xmalloc((n + 1) * sizeof *sj->to_copy);
	sj->to_orig = xmalloc((3 * n + 1) * sizeof *sj->to_orig);
	for (i = 0; i < n; i += size) {
		sj->to_copy[i] = c.len;
		if (go_utf8_decode(s + i, n - i, &size) < 0)
			buf_add(&c, "\xef\xbf\xbd", 3);
		else
			buf_add(&c, s + i, size);
		for (size_t k = sj->to_copy[i]; k < c.len; k++)
			sj->to_orig[k] = i;
	}
	sj->to_copy[n] = c.len;
	sj->to_orig[c.len] = n;
	sj->n = c.len;
	sj->s = sj->copy = buf_detach(&c, NULL);
}

static void subject_free(struct subject *sj)
{
	free(sj->copy);
	free(sj->to_orig);
	free(sj->to_copy);
}

/* One leftmost-first match from original offset POS; M gets original offsets. */
static bool exec_at(const go_regexp *re, const struct subject *sj, size_t pos, long *m)
{
	size_t start = sj->copy ? sj->to_copy[pos] : pos;
	if (pcre2_match(re->code, (PCRE2_SPTR)sj->s, sj->n, start, PCRE2_NO_UTF_CHECK, re->md, re->mc) < 0)
		return false;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(re->md);
	for (int i = 0; i <= re->syn.ngroups; i++) {
		int g = i ? re->syn.index[i] : 0;
		bool set = ov[2 * g] != PCRE2_UNSET;
		for (int k = 0; k < 2; k++) {
			size_t o = ov[2 * g + k];
			m[2 * i + k] = !set ? -1 : sj->copy ? (long)sj->to_orig[o] : (long)o;
		}
	}
	return true;
}

bool go_regexp_exec(const go_regexp *re, const char *s, size_t n, size_t pos, long *m)
{
	if (pos > n)
		return false;
	struct subject sj;
	subject_init(&sj, s, n);
	bool found = exec_at(re, &sj, pos, m);
	subject_free(&sj);
	return found;
}

/* Width of the rune at S[pos..n) as Go steps over it (1 for an invalid byte, 0 at the end). */
static size_t rune_width(const char *s, size_t n, size_t pos)
{
	if (pos >= n)
		return 0;
	int size;
	go_utf8_decode(s + pos, n - pos, &size);
	return size;
}

long *go_regexp_find_all(const go_regexp *re, const char *s, size_t n, long limit, size_t *count)
{
	size_t stride = 2 * (re->syn.ngroups + 1), cnt = 0, cap = 0;
	long *all = NULL, prev_end = -1;
	if (limit < 0)
		limit = (long)n + 1;
	long *m = xmalloc(stride * sizeof *m);
	struct subject sj;
	subject_init(&sj, s, n);
	for (size_t pos = 0; (long)cnt < limit && pos <= n;) {
		if (!exec_at(re, &sj, pos, m))
			break;
		bool accept = true;
		if (m[1] == (long)pos) {
			if (m[0] == prev_end)
				accept = false;
			size_t w = rune_width(s, n, pos);
			pos += w ? w : 1;
		} else {
			pos = m[1];
		}
		prev_end = m[1];
		if (accept) {
			if (cnt == cap) {
				cap = cap ? 2 * cap : 8;
				all = xrealloc(all, cap * stride * sizeof *all);
			}
			memcpy(all + cnt * stride, m, stride * sizeof *m);
			cnt++;
		}
	}
	subject_free(&sj);
	free(m);
	*count = cnt;
	return all;
}

/* Go's extract: a name after '$' ("1", "name", "{name}").  Returns its length in the template
 * (0 when malformed) and the bare name in *name / *nlen. */
static size_t extract(const char *t, size_t n, const char **name, size_t *nlen)
{
	size_t i = 0;
	bool brace = n > 0 && t[0] == '{';
	if (brace)
		i++;
	size_t start = i;
	while (i < n) {
		int size;
		int r = go_utf8_decode(t + i, n - i, &size);
		if (r == '_' || (r >= 0 && (uni_is_letter(r) || uni_is_digit(r))))
			i += size;
		else
			break;
	}
	if (i == start)
		return 0;
	*name = t + start;
	*nlen = i - start;
	if (brace) {
		if (i >= n || t[i] != '}')
			return 0;
		i++;
	}
	return i;
}

static void expand(const go_regexp *re, buf *out, const char *tmpl, size_t tn, const char *s, const long *m)
{
	size_t i = 0;
	while (i < tn) {
		const char *d = memchr(tmpl + i, '$', tn - i);
		if (!d)
			break;
		buf_add(out, tmpl + i, d - (tmpl + i));
		i = d - tmpl + 1;
		if (i < tn && tmpl[i] == '$') {
			buf_putc(out, '$');
			i++;
			continue;
		}
		const char *name;
		size_t nlen, used = extract(tmpl + i, tn - i, &name, &nlen);
		if (!used) {
			buf_putc(out, '$');
			continue;
		}
		i += used;
		long num = 0;
		for (size_t k = 0; k < nlen; k++) {
			if (name[k] < '0' || name[k] > '9' || num >= 100000000) {
				num = -1;
				break;
			}
			num = num * 10 + (name[k] - '0');
		}
		if (name[0] == '0' && nlen > 1)
			num = -1;
		if (num >= 0) {
			if (num <= re->syn.ngroups && m[2 * num] >= 0)
				buf_add(out, s + m[2 * num], m[2 * num + 1] - m[2 * num]);
			continue;
		}
		for (int g = 1; g <= re->syn.ngroups; g++)
			if (strlen(re->syn.names[g]) == nlen && memcmp(re->syn.names[g], name, nlen) == 0 && m[2 * g] >= 0) {
				buf_add(out, s + m[2 * g], m[2 * g + 1] - m[2 * g]);
				break;
			}
	}
	buf_add(out, tmpl + i, tn - i);
}

void go_regexp_replace_all(const go_regexp *re, const char *s, size_t n, const char *repl,
			   size_t rlen, bool literal, buf *out)
{
	size_t last_end = 0, pos = 0;
	long *m = xmalloc(2 * (re->syn.ngroups + 1) * sizeof *m);
	struct subject sj;
	subject_init(&sj, s, n);
	buf_add(out, "", 0);
	while (pos <= n) {
		if (!exec_at(re, &sj, pos, m))
			break;
		buf_add(out, s + last_end, m[0] - last_end);
		if (m[1] > (long)last_end || m[0] == 0) {
			if (literal)
				buf_add(out, repl, rlen);
			else
				expand(re, out, repl, rlen, s, m);
		}
		last_end = m[1];
		size_t w = rune_width(s, n, pos);
		if (pos + w > (size_t)m[1])
			pos += w;
		else if (pos + 1 > (size_t)m[1])
			pos++;
		else
			pos = m[1];
	}
	buf_add(out, s + last_end, n - last_end);
	subject_free(&sj);
	free(m);
}

void go_regexp_quote_meta(buf *out, const char *s, size_t n)
{
	buf_add(out, "", 0);
	for (size_t i = 0; i < n; i++) {
		if (strchr("\\.+*?()|[]{}^$", s[i]) && s[i])
			buf_putc(out, '\\');
		buf_putc(out, s[i]);
	}
}
