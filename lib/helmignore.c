#include "helmignore.h"
#include "strconv.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* --- filepath.Match --- */

static int rune_at(const char *s, size_t n, int *size)
{
	return go_utf8_decode(s, n, size);
}

/* Splits off the next chunk: leading stars, then text up to an unbracketed star. */
static const char *scan_chunk(const char *p, bool *star, size_t *chunklen)
{
	*star = false;
	while (*p == '*') {
		p++;
		*star = true;
	}
	bool inrange = false;
	size_t i = 0;
	for (; p[i]; i++) {
		if (p[i] == '\\') {
			if (p[i + 1])
				i++;
		} else if (p[i] == '[')
			inrange = true;
		else if (p[i] == ']')
			inrange = false;
		else if (p[i] == '*' && !inrange)
			break;
	}
	*chunklen = i;
	return p;
}

/* One range endpoint inside [...]. */
static bool get_esc(const char **chunk, const char *end, int *r)
{
	const char *c = *chunk;
	if (c >= end || *c == '-' || *c == ']')
		return false;
	if (*c == '\\') {
		c++;
		if (c >= end)
			return false;
	}
	int size;
	*r = rune_at(c, (size_t)(end - c), &size);
	if (*r < 0 && size == 1)
		return false;
	c += size;
	if (c >= end)
		return false;
	*chunk = c;
	return true;
}

/* Matches CHUNK against the start of S; returns the rest of S or NULL; *bad on a bad pattern. */
static const char *match_chunk(const char *chunk, size_t clen, const char *s, bool *bad)
{
	const char *c = chunk, *end = chunk + clen;
	bool failed = false;
	while (c < end) {
		if (!failed && !*s)
			failed = true;
		if (*c == '[') {
			int r = 0, size;
			if (!failed) {
				r = rune_at(s, strlen(s), &size);
				s += size;
			}
			c++;
			bool negated = false, match = false;
			if (c < end && *c == '^') {
				negated = true;
				c++;
			}
			for (int nrange = 0;; nrange++) {
				if (c < end && *c == ']' && nrange > 0) {
					c++;
					break;
				}
				int lo, hi;
				if (!get_esc(&c, end, &lo)) {
					*bad = true;
					return NULL;
				}
				hi = lo;
				if (*c == '-') {
					c++;
					if (!get_esc(&c, end, &hi)) {
						*bad = true;
						return NULL;
					}
				}
				if (lo <= r && r <= hi)
					match = true;
			}
			if (match == negated)
				failed = true;
		} else if (*c == '?') {
			if (!failed) {
				if (*s == '/')
					failed = true;
				int size;
				rune_at(s, strlen(s), &size);
				s += size;
			}
			c++;
		} else {
			if (*c == '\\') {
				c++;
				if (c >= end) {
					*bad = true;
					return NULL;
				}
			}
			if (!failed) {
				if (*c != *s)
					failed = true;
				s++;
			}
			c++;
		}
	}
	return failed ? NULL : s;
}

bool go_path_match(const char *pattern, const char *name, bool *bad)
{
	*bad = false;
	const char *p = pattern;
	while (*p) {
		bool star;
		size_t clen;
		const char *chunk = scan_chunk(p, &star, &clen);
		p = chunk + clen;
		if (star && clen == 0)
			return strchr(name, '/') == NULL;
		const char *t = match_chunk(chunk, clen, name, bad);
		if (*bad)
			return false;
		if (t && (!*t || *p)) {
			name = t;
			continue;
		}
		if (star) {
			bool found = false;
			for (size_t i = 0; name[i] && name[i] != '/'; i++) {
				t = match_chunk(chunk, clen, name + i + 1, bad);
				if (*bad)
					return false;
				if (t) {
					if (!*p && *t)
						continue;
					name = t;
					found = true;
					break;
				}
			}
			if (found)
				continue;
		}
		/* No match: the rest of the pattern must still be well formed. */
		while (*p) {
			chunk = scan_chunk(p, &star, &clen);
			p = chunk + clen;
			match_chunk(chunk, clen, "", bad);
			if (*bad)
				return false;
		}
		return false;
	}
	return !*name;
}

/* --- rules --- */

struct rule {
	char *pattern; /* without '!' and trailing '/' */
	bool negate, must_dir;
	enum { ANCHORED, STRUCTURAL, BASENAME } kind;
	/* Most rules are a name or "*.ext": those are compared directly, not matched as globs
	 * (a chart's files times its rules made the loader's biggest cost after YAML). */
	enum { GLOB, LITERAL, STAR_SUFFIX } form;
};

struct helmignore {
	struct rule *rules;
	size_t n;
};

static int parse_rule(helmignore *r, const char *line, size_t len, char **err)
{
	while (len && strchr(" \t\r\n\v\f", *line)) {
		line++;
		len--;
	}
	while (len && strchr(" \t\r\n\v\f", line[len - 1]))
		len--;
	if (len == 0 || line[0] == '#')
		return 0;
	char *rule = xstrndup(line, len);
	bool bad;
	if (strstr(rule, "**")) {
		*err = xstrdup("double-star (**) syntax is not supported");
		free(rule);
		return -1;
	}
	go_path_match(rule, "abc", &bad);
	if (bad) {
		*err = xstrdup("syntax error in pattern");
		free(rule);
		return -1;
	}
	struct rule x = {0};
	char *p = rule;
	if (*p == '!') {
		x.negate = true;
		p++;
	}
	size_t n = strlen(p);
	if (n && p[n - 1] == '/') {
		x.must_dir = true;
		p[--n] = 0;
	}
	if (*p == '/') {
		x.kind = ANCHORED;
		p++;
	} else
		x.kind = strchr(p, '/') ? STRUCTURAL : BASENAME;
	x.pattern = xstrdup(p);
	x.form = !strpbrk(p, "*?[\\") ? LITERAL : p[0] == '*' && !strpbrk(p + 1, "*?[\\") ? STAR_SUFFIX : GLOB;
	free(rule);
	r->rules = xrealloc(r->rules, (r->n + 1) * sizeof *r->rules);
	r->rules[r->n++] = x;
	return 0;
}

helmignore *helmignore_parse(const char *text, size_t len, char **err)
{
	helmignore *r = xcalloc(1, sizeof *r);
	if (text && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	for (size_t i = 0; text && i < len;) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len;
		if (parse_rule(r, text + i, end - i, err) < 0) {
			helmignore_free(r);
			return NULL;
		}
		i = end + 1;
	}
	return r;
}

void helmignore_add_defaults(helmignore *r)
{
	char *err = NULL;
	parse_rule(r, "templates/.?*", 13, &err);
}

static bool rule_matches(const struct rule *x, const char *path)
{
	if (x->kind == BASENAME) {
		const char *slash = strrchr(path, '/');
		path = slash ? slash + 1 : path;
	}
	if (x->form == LITERAL)
		return strcmp(x->pattern, path) == 0;
	if (x->form == STAR_SUFFIX) { /* '*' takes anything but '/' */
		const char *suffix = x->pattern + 1;
		size_t n = strlen(path), k = strlen(suffix);
		return n >= k && strcmp(path + n - k, suffix) == 0 && !memchr(path, '/', n - k);
	}
	bool bad;
	return go_path_match(x->pattern, path, &bad);
}

bool helmignore_ignore(const helmignore *r, const char *path, bool is_dir)
{
	if (!*path || strcmp(path, ".") == 0 || strcmp(path, "./") == 0)
		return false;
	for (size_t i = 0; i < r->n; i++) {
		const struct rule *x = &r->rules[i];
		if (x->negate) {
			/* A negated rule ignores whatever it does not match. */
			if (x->must_dir && !is_dir)
				return true;
			if (!rule_matches(x, path))
				return true;
			continue;
		}
		if (x->must_dir && !is_dir)
			continue;
		if (rule_matches(x, path))
			return true;
	}
	return false;
}

void helmignore_free(helmignore *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		free(r->rules[i].pattern);
	free(r->rules);
	free(r);
}
