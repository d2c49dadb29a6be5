/* regex_syntax.c — Go's regexp/syntax parser (go1.23) step by step, emitting an equivalent
 * PCRE2 pattern instead of a tree, so that patterns RE2 rejects fail with Go's messages and the
 * rest mean in PCRE2 what they mean in Go (see regex_syntax.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sprig/regex_syntax.h"
#include "strconv.h"
#include "util.h"

struct group {
	size_t atom_start;       /* output offset of the '(' */
	long rp_before;          /* enclosing concat's repeat product */
	long rp_max;             /* largest repeat product among this group's alternatives */
	bool capturing;
	bool before_nullable;    /* the enclosing alternative, up to the group, can match empty */
	bool before_cap;         /* ... has a capture */
	bool alt_nullable;       /* a finished alternative of the group can match empty */
	bool alt_cap;            /* a finished alternative has a capture */
};

struct tr {
	const char *s, *end, *t; /* whole pattern, its end, the rest to parse */
	buf out;
	char *err;
	long atom;               /* output offset of the last atom, -1 when there is none */
	size_t atom_end;
	bool quantified;         /* the last atom already carries a quantifier */
	long atom_rp;            /* nested {n,m} product inside the last atom */
	long rp;                 /* largest product so far in the current alternative */
	bool atom_nullable;      /* the last atom can match empty */
	bool atom_cap;           /* the last atom contains a capture */
	bool cat_nullable;       /* the atoms of the current alternative before the last can match empty */
	bool cat_cap;            /* ... contain a capture */
	int nloops;              /* loops guarded against empty iterations (see repeat) */
	struct group *groups;
	size_t ngroups_open, cap;
	int ncap;
	char **names;
};

static bool fail(struct tr *p, const char *code, const char *expr, size_t n)
{
	if (!p->err)
		p->err = xasprintf("error parsing regexp: %s: `%.*s`", code, (int)n, expr);
	return false;
}

/* nextRune: the rune at T, or an "invalid UTF-8" error naming the rest. */
static bool next_rune(struct tr *p, const char *t, int *r, int *size)
{
	if (t >= p->end) {
		*r = 0xFFFD;
		*size = 0;
		return true;
	}
	*r = go_utf8_decode(t, p->end - t, size);
	if (*r < 0)
		return fail(p, "invalid UTF-8", t, p->end - t);
	return true;
}

static void emit_rune(buf *b, int r)
{
	buf_printf(b, "\\x{%x}", (unsigned)r);
}

/* Whether the current alternative as parsed so far can match empty. */
static bool alt_nullable(const struct tr *p)
{
	return p->cat_nullable && (p->atom < 0 || p->atom_nullable);
}

/* A new atom starts at the current end of the output; by default it consumes a character. */
static void atom_begin(struct tr *p)
{
	p->cat_nullable = alt_nullable(p);
	p->atom = (long)p->out.len;
	p->quantified = false;
	p->atom_rp = 1;
	p->atom_nullable = false;
	p->atom_cap = false;
}

static void atom_done(struct tr *p)
{
	p->atom_end = p->out.len;
	if (p->atom_rp > p->rp)
		p->rp = p->atom_rp;
	p->cat_cap = p->cat_cap || p->atom_cap;
}

static void literal(struct tr *p, int r)
{
	atom_begin(p);
	emit_rune(&p->out, r);
	atom_done(p);
}

static void assertion(struct tr *p, const char *pcre)
{
	atom_begin(p);
	p->atom_nullable = true;
	buf_printf(&p->out, "(?:%s)", pcre);
	atom_done(p);
}

static bool isalnum_ascii(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/* parseEscape: T starts with '\'.  Sets *r and advances p->t past the escape. */
static bool parse_escape(struct tr *p, const char *t, int *r, const char **rest)
{
	const char *s = t;
	t++;
	if (t >= p->end)
		return fail(p, "trailing backslash at end of expression", "", 0);
	int c, size;
	if (!next_rune(p, t, &c, &size))
		return false;
	t += size;
	switch (c) {
	case '1': case '2': case '3': case '4': case '5': case '6': case '7':
		if (t >= p->end || *t < '0' || *t > '7')
			break;
		/* fallthrough */
	case '0':
		*r = c - '0';
		for (int i = 1; i < 3 && t < p->end && *t >= '0' && *t <= '7'; i++)
			*r = *r * 8 + (*t++ - '0');
		*rest = t;
		return true;
	case 'x': {
		if (t >= p->end)
			break;
		if (!next_rune(p, t, &c, &size))
			return false;
		t += size;
		if (c == '{') {
			int nhex = 0;
			long v = 0;
			for (;;) {
				if (t >= p->end)
					goto bad;
				if (!next_rune(p, t, &c, &size))
					return false;
				t += size;
				if (c == '}')
					break;
				int h = hex_digit(c);
				if (h < 0)
					goto bad;
				v = v * 16 + h;
				if (v > 0x10FFFF)
					goto bad;
				nhex++;
			}
			if (nhex == 0)
				goto bad;
			*r = (int)v;
			*rest = t;
			return true;
		}
		int x = hex_digit(c);
		if (!next_rune(p, t, &c, &size))
			return false;
		t += size;
		int y = hex_digit(c);
		if (x < 0 || y < 0)
			break;
		*r = x * 16 + y;
		*rest = t;
		return true;
	}
	case 'a': *r = '\a'; *rest = t; return true;
	case 'f': *r = '\f'; *rest = t; return true;
	case 'n': *r = '\n'; *rest = t; return true;
	case 'r': *r = '\r'; *rest = t; return true;
	case 't': *r = '\t'; *rest = t; return true;
	case 'v': *r = '\v'; *rest = t; return true;
	default:
		if (c < 0x80 && !isalnum_ascii(c)) {
			*r = c;
			*rest = t;
			return true;
		}
	}
bad:
	return fail(p, "invalid escape sequence", s, t - s);
}

/* Perl class escapes \d \D \s \S \w \W as PCRE text; IN_CLASS for use inside [...]. */
static const char *perl_class(char c, bool in_class)
{
	switch (c) {
	case 'd': return "\\d";
	case 'D': return "\\D";
	case 'w': return "\\w";
	case 'W': return "\\W";
	case 's': return in_class ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
	case 'S': return in_class ? "\\x{0}-\\x{8}\\x{b}\\x{e}-\\x{1f}\\x{21}-\\x{10ffff}" : "[^\\t\\n\\f\\r ]";
	}
	return NULL;
}

static const char *const categories[] = {
	"C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn",
	"N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk",
	"Sm", "So", "Z", "Zl", "Zp", "Zs",
};

/* Whether Go knows \p{NAME}: "Any", a general category, or a script (Go's script names are
 * capitalised; PCRE2, which is looser about spelling, decides whether the script exists). */
static bool unicode_name_ok(const char *name, size_t n)
{
	if (n == 3 && memcmp(name, "Any", 3) == 0)
		return true;
	for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
		if (strlen(categories[i]) == n && memcmp(categories[i], name, n) == 0)
			return true;
	if (n == 0 || name[0] < 'A' || name[0] > 'Z')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum_ascii((unsigned char)name[i]) && name[i] != '_')
			return false;
	char *pat = xasprintf("\\p{%.*s}", (int)n, name);
	int code;
	PCRE2_SIZE off;
	pcre2_code *c = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code, &off, NULL);
	free(pat);
	pcre2_code_free(c);
	return c != NULL;
}

/* parseUnicodeClass at T ("\p..." or "\P...").  Appends the PCRE class text to OUT. */
static bool unicode_class(struct tr *p, const char *t, const char **rest, buf *out)
{
	bool neg = t[1] == 'P';
	const char *u = t + 2, *name, *seqend;
	size_t nlen;
	int c, size;
	if (!next_rune(p, u, &c, &size))
		return false;
	if (c != '{') {
		name = u;
		nlen = size;
		seqend = u + size;
	} else {
		const char *close = memchr(t, '}', p->end - t);
		if (!close) {
			for (const char *q = t; q < p->end; q += size)
				if (!next_rune(p, q, &c, &size))
					return false;
			return fail(p, "invalid character class range", t, p->end - t);
		}
		name = t + 3;
		nlen = close - name;
		seqend = close + 1;
		for (const char *q = name; q < close; q += size)
			if (!next_rune(p, q, &c, &size))
				return false;
	}
	if (nlen > 0 && name[0] == '^') {
		neg = !neg;
		name++;
		nlen--;
	}
	if (!unicode_name_ok(name, nlen))
		return fail(p, "invalid character class range", t, seqend - t);
	buf_printf(out, "\\%c{%.*s}", neg ? 'P' : 'p', (int)nlen, name);
	*rest = seqend;
	return true;
}

static const char *const posix_names[] = {
	"alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct",
	"space", "upper", "word", "xdigit",
};

/* parseNamedClass at T ("[:name:]").  Returns 1 when found, 0 when T is not one, -1 on error. */
static int named_class(struct tr *p, const char *t, const char **rest, buf *out)
{
	if (p->end - t < 2 || t[0] != '[' || t[1] != ':')
		return 0;
	const char *close = NULL;
	for (const char *q = t + 2; q + 1 < p->end; q++)
		if (q[0] == ':' && q[1] == ']') {
			close = q;
			break;
		}
	if (!close)
		return 0;
	const char *name = t + 2;
	size_t n = close - name;
	const char *bare = name;
	if (n > 0 && name[0] == '^')
		bare++;
	for (size_t i = 0; i < sizeof posix_names / sizeof posix_names[0]; i++)
		if (strlen(posix_names[i]) == n - (bare - name) && memcmp(posix_names[i], bare, n - (bare - name)) == 0) {
			buf_printf(out, "[:%.*s:]", (int)n, name);
			*rest = close + 2;
			return 1;
		}
	fail(p, "invalid character class range", t, close + 2 - t);
	return -1;
}

/* parseClassChar: one character of a class (escapes allowed). */
static bool class_char(struct tr *p, const char *t, const char *whole, int *r, const char **rest)
{
	if (t >= p->end)
		return fail(p, "missing closing ]", whole, p->end - whole);
	if (*t == '\\')
		return parse_escape(p, t, r, rest);
	int size;
	if (!next_rune(p, t, r, &size))
		return false;
	*rest = t + size;
	return true;
}

/* parseClass at p->t ('['). */
static bool parse_class(struct tr *p)
{
	const char *s = p->t, *t = s + 1;
	buf cls = BUF_INIT;
	buf_putc(&cls, '[');
	if (t < p->end && *t == '^') {
		buf_putc(&cls, '^');
		t++;
	}
	bool first = true, ok = true;
	while (ok && (t >= p->end || *t != ']' || first)) {
		first = false;
		const char *nt;
		if (p->end - t > 2 && t[0] == '[' && t[1] == ':') {
			int k = named_class(p, t, &nt, &cls);
			if (k < 0) {
				ok = false;
				break;
			}
			if (k > 0) {
				t = nt;
				continue;
			}
		}
		if (p->end - t >= 2 && t[0] == '\\' && (t[1] == 'p' || t[1] == 'P')) {
			ok = unicode_class(p, t, &nt, &cls);
			t = nt;
			continue;
		}
		if (p->end - t >= 2 && t[0] == '\\' && perl_class(t[1], true)) {
			buf_puts(&cls, perl_class(t[1], true));
			t += 2;
			continue;
		}
		const char *rng = t;
		int lo, hi;
		if (!class_char(p, t, s, &lo, &t)) {
			ok = false;
			break;
		}
		hi = lo;
		if (p->end - t >= 2 && t[0] == '-' && t[1] != ']') {
			t++;
			if (!class_char(p, t, s, &hi, &t)) {
				ok = false;
				break;
			}
			if (hi < lo) {
				ok = fail(p, "invalid character class range", rng, t - rng);
				break;
			}
		}
		emit_rune(&cls, lo);
		if (hi != lo) {
			buf_putc(&cls, '-');
			emit_rune(&cls, hi);
		}
	}
	if (ok) {
		buf_putc(&cls, ']');
		atom_begin(p);
		buf_add(&p->out, cls.s, cls.len);
		atom_done(p);
		p->t = t + 1;
	}
	buf_free(&cls);
	return ok;
}

static bool valid_capture_name(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '_' && !isalnum_ascii((unsigned char)s[i]))
			return false;
	return true;
}

static void open_group(struct tr *p, const char *pcre, bool capturing)
{
	if (p->ngroups_open == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		p->groups = xrealloc(p->groups, p->cap * sizeof *p->groups);
	}
	struct group *g = &p->groups[p->ngroups_open++];
	*g = (struct group){p->out.len, p->rp, 1, capturing, alt_nullable(p), p->cat_cap, false, false};
	buf_puts(&p->out, pcre);
	p->atom = -1;
	p->rp = 1;
	p->cat_nullable = true;
	p->cat_cap = false;
}

/* parsePerlFlags at p->t ("(?..."). */
static bool parse_perl_flags(struct tr *p)
{
	const char *s = p->t, *t = s;
	size_t len = p->end - t;
	bool with_p = len > 4 && t[2] == 'P' && t[3] == '<';
	bool with_name = len > 3 && t[2] == '<';
	if (with_p || with_name) {
		const char *name = t + (with_p ? 4 : 3);
		const char *gt = memchr(t, '>', len);
		int c, size;
		if (!gt) {
			for (const char *q = t; q < p->end; q += size)
				if (!next_rune(p, q, &c, &size))
					return false;
			return fail(p, "invalid named capture", s, len);
		}
		for (const char *q = name; q < gt; q += size)
			if (!next_rune(p, q, &c, &size))
				return false;
		if (!valid_capture_name(name, gt - name))
			return fail(p, "invalid named capture", t, gt + 1 - t);
		p->ncap++;
		p->names = xrealloc(p->names, (p->ncap + 1) * sizeof *p->names);
		p->names[p->ncap] = xstrndup(name, gt - name);
		open_group(p, "(", true);
		p->t = gt + 1;
		return true;
	}
	t += 2;
	int sign = 1;
	bool saw = false;
	buf flags = BUF_INIT;
	while (t < p->end) {
		int c, size;
		if (!next_rune(p, t, &c, &size)) {
			buf_free(&flags);
			return false;
		}
		t += size;
		switch (c) {
		case 'i': case 'm': case 's': case 'U':
			buf_putc(&flags, (char)c);
			saw = true;
			continue;
		case '-':
			if (sign < 0)
				break;
			sign = -1;
			buf_putc(&flags, '-');
			saw = false;
			continue;
		case ':': case ')':
			if (sign < 0 && !saw)
				break;
			if (c == ':') {
				char *g = xasprintf("(?%s:", buf_str(&flags));
				open_group(p, g, false);
				free(g);
			} else if (flags.len) {
				/* A flag change is no atom: a following quantifier applies to the atom
				 * before it, as in Go. */
				buf_printf(&p->out, "(?%s)", flags.s);
			}
			buf_free(&flags);
			p->t = t;
			return true;
		}
		break;
	}
	buf_free(&flags);
	return fail(p, "invalid or unsupported Perl syntax", s, t - s);
}

static bool close_group(struct tr *p)
{
	if (p->ngroups_open == 0)
		return fail(p, "unexpected )", p->s, p->end - p->s);
	struct group *g = &p->groups[--p->ngroups_open];
	buf_putc(&p->out, ')');
	long rp = g->rp_max > p->rp ? g->rp_max : p->rp;
	bool nullable = g->alt_nullable || alt_nullable(p);
	p->rp = g->rp_before;
	p->atom = (long)g->atom_start;
	p->quantified = false;
	p->atom_rp = rp;
	p->atom_nullable = nullable;
	p->atom_cap = g->capturing || g->alt_cap || p->cat_cap;
	p->cat_nullable = g->before_nullable;
	p->cat_cap = g->before_cap;
	atom_done(p);
	return true;
}

static void alternation(struct tr *p)
{
	if (p->ngroups_open) {
		struct group *g = &p->groups[p->ngroups_open - 1];
		if (p->rp > g->rp_max)
			g->rp_max = p->rp;
		g->alt_nullable = g->alt_nullable || alt_nullable(p);
		g->alt_cap = g->alt_cap || p->cat_cap;
	}
	buf_putc(&p->out, '|');
	p->atom = -1;
	p->rp = p->ngroups_open ? 1 : p->rp;
	p->cat_nullable = true;
	p->cat_cap = false;
}

/* parseRepeat: {min}, {min,}, {min,max}.  Returns false when T is not of that form. */
static bool parse_int(const char **t, const char *end, long *n)
{
	const char *s = *t;
	if (s >= end || *s < '0' || *s > '9')
		return false;
	if (end - s >= 2 && s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		return false;
	*n = 0;
	for (; s < end && *s >= '0' && *s <= '9'; s++)
		if (*n >= 0)
			*n = *n >= 100000000 ? -1 : *n * 10 + (*s - '0');
	*t = s;
	return true;
}

static bool parse_repeat(const char *t, const char *end, long *min, long *max, const char **rest)
{
	if (t >= end || *t != '{')
		return false;
	t++;
	if (!parse_int(&t, end, min) || t >= end)
		return false;
	if (*t != ',') {
		*max = *min;
	} else {
		t++;
		if (t >= end)
			return false;
		if (*t == '}')
			*max = -1;
		else if (!parse_int(&t, end, max))
			return false;
		else if (*max < 0)
			*min = -1;
	}
	if (t >= end || *t != '}')
		return false;
	*rest = t + 1;
	return true;
}

/* Replaces the last atom T by PREFIX T SUFFIX (text after the atom, such as a flag change,
 * stays after it). */
static void wrap_atom(struct tr *p, const char *prefix, const char *suffix)
{
	size_t tail = p->out.len - p->atom_end;
	char *t = xstrndup(p->out.s + p->atom, p->atom_end - p->atom);
	char *rest = xstrndup(p->out.s + p->atom_end, tail);
	p->out.len = p->atom;
	buf_printf(&p->out, "%s%s%s", prefix, t, suffix);
	p->atom_end = p->out.len;
	buf_add(&p->out, rest, tail);
	free(t);
	free(rest);
}

/* A repetition operator BEFORE..AFTER (AFTER past a lazy '?') applied to the last atom. */
static bool repeat(struct tr *p, const char *before, const char *after, const char *last_repeat,
		   long min, long max, bool counted)
{
	bool lazy = false;
	if (after < p->end && *after == '?') {
		after++;
		lazy = true;
	}
	if (last_repeat)
		return fail(p, "invalid nested repetition operator", last_repeat, after - last_repeat);
	if (p->atom < 0)
		return fail(p, "missing argument to repetition operator", before, after - before);
	if (counted) {
		long m = max >= 0 ? max : min;
		if ((min >= 2 || max >= 2) && m > 0 && m * p->atom_rp > 1000)
			return fail(p, "invalid repeat count", before, after - before);
		p->atom_rp = m == 0 ? 1 : m * p->atom_rp;
		if (p->atom_rp > p->rp)
			p->rp = p->atom_rp;
	}
	if (p->quantified) /* Go allows (?:x*)* written as x*(?i)*: wrap the quantified atom. */
		wrap_atom(p, "(?:", ")");
	bool loop = !counted ? *before != '?' : max < 0 && min <= 1;
	if (loop && p->atom_nullable && p->atom_cap) {
		/* Go drops a loop iteration that matches empty after the first (its captures with
		 * it); PCRE2 keeps one.  Groups hA/hB record where the loop and each iteration began,
		 * callout K fails an empty iteration that is not the first (regex_go.c). */
		char *pre = xasprintf("(?<hA%d>)(?:(?<hB%d>)", p->nloops, p->nloops);
		char *post = xasprintf("(?C{%d}))", p->nloops);
		wrap_atom(p, pre, post);
		free(pre);
		free(post);
		p->nloops++;
	}
	if (!counted ? *before != '+' : min == 0)
		p->atom_nullable = true;
	buf q = BUF_INIT;
	if (counted && max == min)
		buf_printf(&q, "{%ld}", min);
	else if (counted && max < 0)
		buf_printf(&q, "{%ld,}", min);
	else if (counted)
		buf_printf(&q, "{%ld,%ld}", min, max);
	else
		buf_putc(&q, *before);
	if (lazy)
		buf_putc(&q, '?');
	wrap_atom(p, "", q.s);
	buf_free(&q);
	p->quantified = true;
	p->t = after;
	return true;
}

static bool translate(struct tr *p)
{
	const char *last_repeat = NULL;
	while (p->t < p->end) {
		const char *t = p->t, *rep = NULL;
		int c, size;
		switch (*t) {
		case '(':
			if (p->end - t >= 2 && t[1] == '?') {
				if (!parse_perl_flags(p))
					return false;
				break;
			}
			p->ncap++;
			p->names = xrealloc(p->names, (p->ncap + 1) * sizeof *p->names);
			p->names[p->ncap] = xstrdup("");
			open_group(p, "(", true);
			p->t++;
			break;
		case '|':
			alternation(p);
			p->t++;
			break;
		case ')':
			if (!close_group(p))
				return false;
			p->t++;
			break;
		case '^':
			assertion(p, "^");
			p->t++;
			break;
		case '$':
			assertion(p, "$");
			p->t++;
			break;
		case '.':
			atom_begin(p);
			buf_putc(&p->out, '.');
			atom_done(p);
			p->t++;
			break;
		case '[':
			if (!parse_class(p))
				return false;
			break;
		case '*': case '+': case '?':
			if (!repeat(p, t, t + 1, last_repeat, 0, 0, false))
				return false;
			rep = t;
			break;
		case '{': {
			long min, max;
			const char *after;
			if (!parse_repeat(t, p->end, &min, &max, &after)) {
				literal(p, '{');
				p->t++;
				break;
			}
			if (min < 0 || min > 1000 || max > 1000 || (max >= 0 && min > max))
				return fail(p, "invalid repeat count", t, after - t);
			if (!repeat(p, t, after, last_repeat, min, max, true))
				return false;
			rep = t;
			break;
		}
		case '\\':
			if (p->end - t >= 2) {
				const char *a = NULL;
				switch (t[1]) {
				case 'A': a = "\\A"; break;
				case 'b': a = "\\b"; break;
				case 'B': a = "\\B"; break;
				case 'z': a = "\\z"; break;
				case 'C': return fail(p, "invalid escape sequence", t, 2);
				case 'Q': {
					const char *lit = t + 2, *e = lit;
					while (e < p->end && !(e[0] == '\\' && e + 1 < p->end && e[1] == 'E'))
						e++;
					for (const char *q = lit; q < e; q += size) {
						if (!next_rune(p, q, &c, &size))
							return false;
						literal(p, c);
					}
					p->t = e < p->end ? e + 2 : e;
					goto next;
				}
				}
				if (a) {
					assertion(p, a);
					p->t = t + 2;
					break;
				}
				if (t[1] == 'p' || t[1] == 'P') {
					const char *nt;
					atom_begin(p);
					if (!unicode_class(p, t, &nt, &p->out))
						return false;
					atom_done(p);
					p->t = nt;
					break;
				}
				if (perl_class(t[1], false)) {
					atom_begin(p);
					buf_puts(&p->out, perl_class(t[1], false));
					atom_done(p);
					p->t = t + 2;
					break;
				}
			}
			{
				const char *nt;
				if (!parse_escape(p, t, &c, &nt))
					return false;
				literal(p, c);
				p->t = nt;
			}
			break;
		default:
			if (!next_rune(p, t, &c, &size))
				return false;
			literal(p, c);
			p->t = t + size;
		}
	next:
		last_repeat = rep;
	}
	if (p->ngroups_open)
		return fail(p, "missing closing )", p->s, p->end - p->s);
	return true;
}

/* Skips the escape at S[i] ('\\'): \x{..} and \p{..} whole. */
static size_t skip_escape(const char *s, size_t i)
{
	if ((s[i + 1] == 'x' || s[i + 1] == 'p' || s[i + 1] == 'P') && s[i + 2] == '{')
		return strchr(s + i, '}') - s + 1;
	return i + 2;
}

/* The PCRE2 group number of each Go group: groups are numbered by their '(' in the output,
 * where the loop guards' (?<hA..>) and (?<hB..>) are interleaved. */
static int *group_index(const char *s, int ngroups)
{
	int *index = xcalloc(ngroups + 1, sizeof *index);
	int go = 0, pcre = 0;
	for (size_t i = 0; s[i];) {
		if (s[i] == '\\') {
			i = skip_escape(s, i);
		} else if (s[i] == '[') {
			i++;
			while (s[i] != ']') {
				if (s[i] == '\\')
					i = skip_escape(s, i);
				else if (s[i] == '[' && s[i + 1] == ':')
					i = strstr(s + i, ":]") - s + 2;
				else
					i++;
			}
			i++;
		} else if (s[i] == '(') {
			if (s[i + 1] != '?')
				index[++go] = ++pcre;
			else if (s[i + 2] == '<' && s[i + 3] == 'h')
				pcre++;
			i++;
		} else {
			i++;
		}
	}
	return index;
}

bool go_regexp_translate(const char *pat, size_t len, struct go_regexp_syntax *x, char **err)
{
	struct tr p = {.s = pat, .end = pat + len, .t = pat, .atom = -1, .rp = 1, .cat_nullable = true};
	p.names = xcalloc(1, sizeof *p.names);
	buf_puts(&p.out, "");
	bool ok = translate(&p);
	free(p.groups);
	if (!ok) {
		*err = p.err;
		buf_free(&p.out);
		for (int i = 1; i <= p.ncap; i++)
			free(p.names[i]);
		free(p.names);
		return false;
	}
	x->pcre = buf_detach(&p.out, NULL);
	x->ngroups = p.ncap;
	x->names = p.names;
	x->index = group_index(x->pcre, p.ncap);
	x->nloops = p.nloops;
	return true;
}

void go_regexp_syntax_free(struct go_regexp_syntax *x)
{
	for (int i = 1; i <= x->ngroups; i++)
		free(x->names[i]);
	free(x->names);
	free(x->index);
	free(x->pcre);
}
