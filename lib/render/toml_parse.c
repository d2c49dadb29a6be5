/* toml_parse.c — fromToml: TOML text into plain values, as BurntSushi/toml decodes it into
 * map[string]interface{} (integers int64, floats float64, date-times kept as their text). */
#include "render/toml.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct tp {
	const char *s, *end;
	int line;
	char *err;
};

static bool fail(struct tp *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(struct tp *t, const char *fmt, ...)
{
	if (t->err)
		return false;
	va_list ap;
	va_start(ap, fmt);
	buf b = BUF_INIT;
	buf_printf(&b, "toml: line %d: ", t->line);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	t->err = buf_detach(&b, NULL);
	return false;
}

/* Skips spaces and tabs, and with NL also newlines and comments. */
static void skip(struct tp *t, bool nl)
{
	while (t->s < t->end) {
		char c = *t->s;
		if (c == ' ' || c == '\t' || c == '\r')
			t->s++;
		else if (c == '#')
			while (t->s < t->end && *t->s != '\n')
				t->s++;
		else if (c == '\n' && nl)
			t->s++, t->line++;
		else
			break;
	}
}

static bool bare_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

static void put_utf8(buf *b, uint32_t c)
{
	if (c < 0x80) {
		buf_putc(b, (char)c);
	} else if (c < 0x800) {
		buf_putc(b, (char)(0xC0 | c >> 6));
		buf_putc(b, (char)(0x80 | (c & 0x3F)));
	} else if (c < 0x10000) {
		buf_putc(b, (char)(0xE0 | c >> 12));
		buf_putc(b, (char)(0x80 | (c >> 6 & 0x3F)));
		buf_putc(b, (char)(0x80 | (c & 0x3F)));
	} else {
		buf_putc(b, (char)(0xF0 | c >> 18));
		buf_putc(b, (char)(0x80 | (c >> 12 & 0x3F)));
		buf_putc(b, (char)(0x80 | (c >> 6 & 0x3F)));
		buf_putc(b, (char)(0x80 | (c & 0x3F)));
	}
}

/* A string at t->s (opening quote included): basic, literal, or their multi-line forms. */
static hv *string(struct tp *t)
{
	char q = *t->s;
	bool multi = t->end - t->s >= 3 && t->s[1] == q && t->s[2] == q;
	t->s += multi ? 3 : 1;
	if (multi && t->s < t->end && *t->s == '\n') /* a newline right after """ is dropped */
		t->s++, t->line++;
	buf b = BUF_INIT;
	for (;;) {
		if (t->s >= t->end) {
			buf_free(&b);
			fail(t, "unterminated string");
			return NULL;
		}
		char c = *t->s;
		if (c == q && (!multi || (t->end - t->s >= 3 && t->s[1] == q && t->s[2] == q))) {
			t->s += multi ? 3 : 1;
			break;
		}
		if (c == '\n') {
			if (!multi) {
				buf_free(&b);
				fail(t, "newline in a single-line string");
				return NULL;
			}
			t->line++;
		}
		if (c == '\\' && q == '"') {
			t->s++;
			char e = t->s < t->end ? *t->s : 0;
			int hex = e == 'u' ? 4 : e == 'U' ? 8 : 0;
			if (hex) {
				if (t->end - t->s <= hex) {
					buf_free(&b);
					fail(t, "short unicode escape");
					return NULL;
				}
				char digits[9] = {0};
				memcpy(digits, t->s + 1, (size_t)hex);
				char *endp;
				unsigned long u = strtoul(digits, &endp, 16);
				if (*endp || u > 0x10FFFF || (u >= 0xD800 && u <= 0xDFFF)) {
					buf_free(&b);
					fail(t, "invalid unicode escape");
					return NULL;
				}
				put_utf8(&b, (uint32_t)u);
				t->s += hex + 1;
				continue;
			}
			if (multi && (e == '\n' || e == ' ' || e == '\t' || e == '\r')) {
				/* line-ending backslash: drop white space up to the next text */
				while (t->s < t->end && strchr(" \t\r\n", *t->s)) {
					if (*t->s == '\n')
						t->line++;
					t->s++;
				}
				continue;
			}
			const char *from = "btnfr\"\\", *to = "\b\t\n\f\r\"\\";
			const char *k = e ? strchr(from, e) : NULL;
			if (!k) {
				buf_free(&b);
				fail(t, "invalid escape \\%c", e ? e : '0');
				return NULL;
			}
			buf_putc(&b, to[k - from]);
			t->s++;
			continue;
		}
		buf_putc(&b, c);
		t->s++;
	}
	size_t n;
	char *s = buf_detach(&b, &n);
	return hv_str_take(s, n);
}

/* Numbers, booleans, date-times: the bare text up to a delimiter. */
static hv *scalar(struct tp *t)
{
	const char *a = t->s;
	while (t->s < t->end && !strchr(",]}\n#\r", *t->s) &&
	       !(*t->s == ' ' && !(t->s + 1 < t->end && t->s[1] >= '0' && t->s[1] <= '9' &&
	                          a + 10 == t->s))) /* "1979-05-27 07:32:00" */
		t->s++;
	size_t n = (size_t)(t->s - a);
	while (n && (a[n - 1] == ' ' || a[n - 1] == '\t'))
		n--;
	char *text = xstrndup(a, n);
	hv *v = NULL;
	if (strcmp(text, "true") == 0 || strcmp(text, "false") == 0) {
		v = hv_bool(text[0] == 't');
	} else if (strcmp(text, "inf") == 0 || strcmp(text, "+inf") == 0 || strcmp(text, "-inf") == 0) {
		v = hv_float(text[0] == '-' ? -INFINITY : INFINITY);
	} else if (strcmp(text, "nan") == 0 || strcmp(text, "+nan") == 0 || strcmp(text, "-nan") == 0) {
		v = hv_float(NAN);
	} else if (n >= 10 && text[4] == '-' && text[7] == '-') {
		v = hv_str(text); /* a date or date-time */
	} else if (n >= 8 && text[2] == ':' && text[5] == ':') {
		v = hv_str(text); /* a local time */
	} else if (n) {
		char *clean = xmalloc(n + 1), *o = clean;
		bool ok = true;
		for (size_t i = 0; i < n; i++) {
			if (text[i] != '_') {
				*o++ = text[i];
				continue;
			}
			/* an underscore must sit between two digits */
			if (i == 0 || i + 1 == n || !strchr("0123456789abcdefABCDEF", text[i - 1]) ||
			    !strchr("0123456789abcdefABCDEF", text[i + 1]))
				ok = false;
		}
		*o = 0;
		int base = 10;
		const char *digits = clean;
		if (clean[0] == '0' && clean[1] && strchr("xob", clean[1])) {
			base = clean[1] == 'x' ? 16 : clean[1] == 'o' ? 8 : 2;
			digits = clean + 2;
		}
		char *endp;
		errno = 0;
		long long i = strtoll(digits, &endp, base);
		if (ok && *digits && !*endp && !errno && (base != 10 || strspn(digits, "+-0123456789") ==
		                                                            strlen(digits))) {
			v = hv_int_typed(i, HV_GO_INT64);
		} else if (ok && base == 10) {
			double d = strtod(clean, &endp);
			if (*clean && !*endp && strpbrk(clean, ".eE") && !strpbrk(clean, "xXpP"))
				v = hv_float(d);
		}
		free(clean);
	}
	if (!v)
		fail(t, "invalid value \"%s\"", text);
	free(text);
	return v;
}

static hv *value(struct tp *t, int depth);

static hv *array(struct tp *t, int depth)
{
	t->s++; /* [ */
	hv *l = hv_list();
	for (;;) {
		skip(t, true);
		if (t->s < t->end && *t->s == ']') {
			t->s++;
			return l;
		}
		hv *v = value(t, depth + 1);
		if (!v) {
			hv_free(l);
			return NULL;
		}
		hv_list_push(l, v);
		skip(t, true);
		if (t->s < t->end && *t->s == ',') {
			t->s++;
			continue;
		}
		if (t->s < t->end && *t->s == ']') {
			t->s++;
			return l;
		}
		hv_free(l);
		fail(t, "expected ',' or ']' in an array");
		return NULL;
	}
}

static bool keyval(struct tp *t, hv *table, int depth);

static hv *inline_table(struct tp *t, int depth)
{
	t->s++; /* { */
	hv *m = hv_map();
	skip(t, false);
	if (t->s < t->end && *t->s == '}') {
		t->s++;
		return m;
	}
	for (;;) {
		skip(t, false);
		if (!keyval(t, m, depth + 1)) {
			hv_free(m);
			return NULL;
		}
		skip(t, false);
		if (t->s < t->end && *t->s == ',') {
			t->s++;
			continue;
		}
		if (t->s < t->end && *t->s == '}') {
			t->s++;
			return m;
		}
		hv_free(m);
		fail(t, "expected ',' or '}' in an inline table");
		return NULL;
	}
}

static hv *value(struct tp *t, int depth)
{
	if (depth > 100) {
		fail(t, "values nested too deeply");
		return NULL;
	}
	if (t->s >= t->end) {
		fail(t, "expected a value");
		return NULL;
	}
	switch (*t->s) {
	case '"': case '\'': return string(t);
	case '[': return array(t, depth);
	case '{': return inline_table(t, depth);
	default: return scalar(t);
	}
}

/* A key (bare, quoted, dotted) into a list of parts. */
static hv *key(struct tp *t)
{
	hv *parts = hv_list();
	for (;;) {
		skip(t, false);
		if (t->s < t->end && (*t->s == '"' || *t->s == '\'')) {
			hv *s = string(t);
			if (!s) {
				hv_free(parts);
				return NULL;
			}
			hv_list_push(parts, s);
		} else {
			const char *a = t->s;
			while (t->s < t->end && bare_char(*t->s))
				t->s++;
			if (t->s == a) {
				hv_free(parts);
				fail(t, "expected a key");
				return NULL;
			}
			hv_list_push(parts, hv_strn(a, (size_t)(t->s - a)));
		}
		skip(t, false);
		if (t->s < t->end && *t->s == '.') {
			t->s++;
			continue;
		}
		return parts;
	}
}

/* The table at PARTS[0..n) under ROOT, made when missing; the last element of an array of
 * tables is followed.  NULL (with an error) when a value is in the way. */
static hv *descend(struct tp *t, hv *root, const hv *parts, size_t n)
{
	hv *cur = root;
	for (size_t i = 0; i < n; i++) {
		const char *k = hv_get_str(hv_list_get(parts, i));
		hv *next = hv_map_get(cur, k);
		if (!next) {
			next = hv_map();
			hv_map_set(cur, k, next);
		} else if (hv_kind_of(next) == HV_LIST && hv_len(next) &&
		           hv_kind_of(hv_list_get(next, hv_len(next) - 1)) == HV_MAP) {
			next = hv_list_get(next, hv_len(next) - 1);
		} else if (hv_kind_of(next) != HV_MAP) {
			fail(t, "key \"%s\" is already a value", k);
			return NULL;
		}
		cur = next;
	}
	return cur;
}

static bool keyval(struct tp *t, hv *table, int depth)
{
	hv *parts = key(t);
	if (!parts)
		return false;
	bool ok = false;
	if (t->s >= t->end || *t->s != '=') {
		fail(t, "expected '=' after a key");
	} else {
		t->s++;
		skip(t, false);
		hv *dest = descend(t, table, parts, hv_len(parts) - 1);
		const char *last = hv_get_str(hv_list_get(parts, hv_len(parts) - 1));
		if (dest && hv_map_get(dest, last)) {
			fail(t, "key \"%s\" is defined twice", last);
		} else if (dest) {
			hv *v = value(t, depth);
			if (v) {
				hv_map_set(dest, last, v);
				ok = true;
			}
		}
	}
	hv_free(parts);
	return ok;
}

hv *toml_parse(const char *s, size_t n, char **err)
{
	struct tp t = {s, s + n, 1, NULL};
	hv *root = hv_map(), *cur = root;
	for (;;) {
		skip(&t, true);
		if (t.s >= t.end)
			break;
		if (*t.s == '[') {
			bool aot = t.end - t.s >= 2 && t.s[1] == '[';
			t.s += aot ? 2 : 1;
			hv *parts = key(&t);
			if (!parts)
				break;
			if (t.end - t.s < (aot ? 2 : 1) || *t.s != ']' || (aot && t.s[1] != ']')) {
				hv_free(parts);
				fail(&t, "expected ']' after a table name");
				break;
			}
			t.s += aot ? 2 : 1;
			size_t np = hv_len(parts);
			hv *parent = descend(&t, root, parts, aot ? np - 1 : np);
			if (parent && aot) {
				const char *last = hv_get_str(hv_list_get(parts, np - 1));
				hv *l = hv_map_get(parent, last);
				if (!l) {
					l = hv_list();
					hv_map_set(parent, last, l);
				}
				if (hv_kind_of(l) != HV_LIST) {
					fail(&t, "key \"%s\" is not an array of tables", last);
					parent = NULL;
				} else {
					hv *m = hv_map();
					hv_list_push(l, m);
					parent = m;
				}
			}
			hv_free(parts);
			if (!parent)
				break;
			cur = parent;
		} else if (!keyval(&t, cur, 0)) {
			break;
		}
		skip(&t, false);
		if (t.s < t.end && *t.s != '\n') {
			fail(&t, "expected a newline after a key/value pair");
			break;
		}
	}
	if (t.err) {
		hv_free(root);
		*err = t.err;
		return NULL;
	}
	return root;
}
