/* glob.c — gobwas/glob by backtracking over the pattern text. */
#include "render/glob.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Length of the UTF-8 rune at S (1 for a stray byte). */
static size_t rune_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	size_t l = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
	for (size_t i = 1; i < l; i++)
		if (!s[i])
			return i;
	return l;
}

/* Decodes the rune at S into *r; returns its length. */
static size_t rune_at(const char *s, long *r)
{
	size_t l = rune_len(s);
	const unsigned char *u = (const unsigned char *)s;
	if (l == 1) {
		*r = u[0];
		return 1;
	}
	long v = u[0] & (0x7F >> l);
	for (size_t i = 1; i < l; i++)
		v = v << 6 | (u[i] & 0x3F);
	*r = v;
	return l;
}

/* A class "[...]" at P (after '['): sets *end past ']'; returns whether R is in it, or -1 if
 * the class is not closed. */
static int class_match(const char *p, long r, const char **end)
{
	bool neg = false, in = false;
	if (*p == '!') {
		neg = true;
		p++;
	}
	bool first = true;
	while (*p != ']' || first) {
		if (!*p)
			return -1;
		first = false;
		long lo, hi;
		if (*p == '\\' && p[1])
			p++;
		p += rune_at(p, &lo);
		hi = lo;
		if (*p == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '\\' && p[1])
				p++;
			p += rune_at(p, &hi);
		}
		if (lo <= r && r <= hi)
			in = true;
	}
	*end = p + 1;
	return in != neg;
}

/* The '}' closing the '{' at P-1, honouring nesting and escapes, or NULL. */
static const char *brace_end(const char *p)
{
	int depth = 1;
	for (; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p;
	}
	return NULL;
}

/* Failed (pattern, name) positions after a '*', so that patterns with many stars stay
 * polynomial.  Only for the text given to glob_match (brace alternatives build new text). */
struct memo {
	const char *p0, *s0;
	size_t cols;          /* strlen(name) + 1 */
	unsigned char *failed; /* one bit per (pattern offset, name offset) */
};

static bool gmatch(struct memo *m, const char *p, const char *s);

static bool star_rest(struct memo *m, const char *p, const char *t)
{
	size_t bit = 0;
	if (m) {
		bit = (size_t)(p - m->p0) * m->cols + (size_t)(t - m->s0);
		if (m->failed[bit / 8] & (1u << bit % 8))
			return false;
	}
	bool ok = gmatch(m, p, t);
	if (m && !ok)
		m->failed[bit / 8] |= (unsigned char)(1u << bit % 8);
	return ok;
}

static bool gmatch(struct memo *m, const char *p, const char *s)
{
	while (*p) {
		switch (*p) {
		case '*': {
			bool any = p[1] == '*';
			while (*p == '*')
				p++;
			for (const char *t = s;; t += rune_len(t)) {
				if (star_rest(m, p, t))
					return true;
				if (!*t || (!any && *t == '/'))
					return false;
			}
		}
		case '?':
			if (!*s || *s == '/')
				return false;
			p++;
			s += rune_len(s);
			break;
		case '[': {
			if (!*s)
				return false;
			long r;
			size_t l = rune_at(s, &r);
			const char *end;
			if (class_match(p + 1, r, &end) != 1)
				return false;
			p = end;
			s += l;
			break;
		}
		case '{': {
			const char *close = brace_end(p + 1);
			if (!close)
				return false;
			const char *alt = p + 1;
			for (;;) {
				/* the end of this alternative: a ',' or the '}' at depth 0 */
				const char *q = alt;
				int depth = 0;
				while (q < close && !(depth == 0 && *q == ',')) {
					if (*q == '\\' && q[1])
						q++;
					else if (*q == '{')
						depth++;
					else if (*q == '}')
						depth--;
					q++;
				}
				char *cat = xasprintf("%.*s%s", (int)(q - alt), alt, close + 1);
				bool ok = gmatch(NULL, cat, s);
				free(cat);
				if (ok)
					return true;
				if (q >= close)
					return false;
				alt = q + 1;
			}
		}
		case '\\':
			if (p[1])
				p++;
			/* fall through */
		default: {
			size_t l = rune_len(p);
			if (strncmp(p, s, l) != 0)
				return false;
			p += l;
			s += l;
		}
		}
	}
	return !*s;
}

bool glob_valid(const char *p)
{
	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '[') {
			const char *end;
			if (class_match(p + 1, 0, &end) < 0)
				return false;
			p = end - 1;
		} else if (*p == '{') {
			if (!brace_end(p + 1))
				return false;
		}
	}
	return true;
}

bool glob_match(const char *pattern, const char *name)
{
	const char *p = glob_valid(pattern) ? pattern : "**";
	size_t rows = strlen(p) + 1, cols = strlen(name) + 1;
	struct memo m = {p, name, cols, xcalloc(rows * cols / 8 + 1, 1)};
	bool ok = gmatch(&m, p, name);
	free(m.failed);
	return ok;
}
