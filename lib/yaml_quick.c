/* yaml_quick.c — the quick reader of plain block YAML (see yaml_quick.h).
 *
 * The subset, in libyaml's terms (go-yaml's scanner is a port of it): a block mapping at column
 * 0; block mappings and sequences below it, nested by indentation, including sequences at their
 * key's column and mappings that start on a "- " line; plain keys that start with a letter, '_'
 * or a digit and read as strings; quoted keys and values on one line, without escapes; plain
 * values, continued on deeper lines; block scalars (| and >, with chomping, no indentation
 * indicator); one-line flow sequences of simple scalars; {}; comments.  Left out: tabs outside
 * block scalars, anchors, aliases, tags, directives, other flow collections, "?" keys, CR and
 * other line breaks, and values such as .nan, which go-yaml reads but JSON cannot hold. */
#include "yaml_quick.h"
#include "bytes8.h"
#include "util.h"
#include "yaml_resolve.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LEVELS 64
#define MAX_KEY 1000 /* libyaml forgets a simple key longer than 1024 characters */

struct level {
	size_t col;
	bool seq;
};

struct quick {
	const char *p, *end; /* the next line; the end of the text */
	size_t lineno;       /* the next line's number, from 0 */
	bool tabs;           /* the text holds a tab */
	struct level lv[MAX_LEVELS];
	int depth;
	bool plain;          /* the last value was a plain scalar that deeper lines continue */
	bool pending;        /* the last key's value starts on a later line */
	size_t pending_col;  /* that key's column */
	size_t pending_line; /* and line */
	/* the events, when wanted, and the plain scalar being read: its text, its line, and the
	 * empty lines since its last line */
	struct yaml_quick_events *out;
	buf text;
	size_t text_line, breaks;
	/* the head, when wanted */
	buf *head;
	const char *from;    /* the start of the head lines being read, or NULL */
	bool in_meta;        /* the top-level entry being read is metadata */
};

/* Whether any of the 8 bytes of X is below 0x20, 0x7f or above: the bytes the fast loop leaves
 * to the slow one. */
static bool unusual8(uint64_t x)
{
	return bytes8_has_control_or_high(x) | bytes8_has(x, 0x7f);
}

/* Whether every character of S is printable UTF-8, and none is a line break other than LF or
 * the BOM (go-yaml keeps a BOM that starts a later line, libyaml skips it). */
static bool chars_ok(const unsigned char *s, size_t n, bool *tabs)
{
	for (size_t i = 0; i < n;) {
		uint64_t x;
		if (i + 8 <= n && (memcpy(&x, s + i, 8), !unusual8(x))) {
			i += 8;
			continue;
		}
		unsigned c = s[i];
		if (c >= 0x20 && c < 0x7f) {
			i++;
			continue;
		}
		if (c == '\n' || c == '\t') {
			*tabs |= c == '\t';
			i++;
			continue;
		}
		size_t k = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
		if (!k || i + k >= n)
			return false;
		unsigned cp = c & (0x3f >> k);
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + j] & 0x3f);
		}
		if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) || cp < 0xa0 ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
		    cp == 0xfffe || cp == 0xffff)
			return false;
		i += k + 1;
	}
	return true;
}

/* The number of spaces starting at P, before E. */
static size_t spaces(const char *p, const char *e)
{
	const char *q = p;
	for (uint64_t x; e - q >= 8 && (memcpy(&x, q, 8), x == 0x20 * BYTES8_ONES);)
		q += 8;
	while (q < e && *q == ' ')
		q++;
	return (size_t)(q - p);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool key_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c);
}

/* Whether the plain scalar S (N bytes) is a value JSON can hold (go-yaml reads .nan and .inf),
 * or with KEY, whether it reads as a string: a key that starts with a letter does unless it is
 * one of YAML 1.1's booleans or nulls. */
static bool plain_ok(const char *s, size_t n, bool key)
{
	static const char *const words[] = {
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
		"False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
	};
	if (key && !is_digit(*s)) {
		if (n > 5 || !strchr("yYnNtTfFoO", *s)) /* the words' first letters */
			return true;
		for (size_t i = 0; i < sizeof words / sizeof *words; i++)
			if (!strncmp(s, words[i], n) && !words[i][n])
				return false;
		return true;
	}
	if (!key && (n > 5 || !strchr(".+-", *s)))
		return true;
	char t[MAX_KEY + 1];
	memcpy(t, s, n);
	t[n] = '\0';
	struct yaml_resolved r = yaml_resolve(t, n, true);
	return key ? r.type == YR_STR : r.type != YR_FLOAT || isfinite(r.f);
}

/* The end of the one-line quoted scalar at Q (after its closing quote), or NULL. */
static const char *quoted_end(const char *q, const char *e)
{
	char quote = *q;
	for (const char *c = q + 1; c < e; c++) {
		if (*c == '\\' && quote == '"')
			return NULL; /* escapes: go-yaml refuses some that libyaml reads */
		if (*c == quote) {
			if (quote == '\'' && c + 1 < e && c[1] == '\'') {
				c++;
				continue;
			}
			return c + 1;
		}
	}
	return NULL;
}

/* Whether only spaces, and a comment after one, follow C on its line. */
static bool rest_ok(const char *c, const char *e)
{
	const char *b = c;
	while (c < e && *c == ' ')
		c++;
	return c == e || (*c == '#' && c > b);
}

/* Where a blank-led '#' (a comment) starts in [Q, E), or E; Q is not itself a '#'. */
static const char *comment_at(const char *q, const char *e)
{
	for (const char *h = q; (h = memchr(h, '#', (size_t)(e - h))); h++)
		if (h > q && h[-1] == ' ')
			return h;
	return e;
}

/* The first ':' in [Q, E) followed by a space or the line's end, or NULL. */
static const char *value_colon(const char *q, const char *e)
{
	for (const char *c = q; (c = memchr(c, ':', (size_t)(e - c))); c++)
		if (c + 1 == e || c[1] == ' ')
			return c;
	return NULL;
}

/* The ':' ending the simple key at Q, or NULL when the line starts with none the subset takes. */
static const char *key_end(const char *q, const char *e)
{
	const char *c;
	if (*q == '\'' || *q == '"') {
		c = quoted_end(q, e);
		if (!c || c == e || *c != ':')
			return NULL;
	} else {
		if (!key_start(*q))
			return NULL;
		for (c = q + 1; c < e && !(*c == ':' && (c + 1 == e || c[1] == ' ')); c++)
			if (*c == '#' && c[-1] == ' ')
				return NULL; /* a comment before any ':' */
		if (c == e || c[-1] == ' ' || c - q > MAX_KEY || !plain_ok(q, (size_t)(c - q), true))
			return NULL;
	}
	if (c - q > MAX_KEY || (c + 1 < e && c[1] != ' '))
		return NULL;
	return c;
}

/* ---- events ---- */

static void emit(struct quick *k, yaml_event_t ev, size_t line)
{
	struct yaml_quick_events *o = k->out;
	if (o->n == o->cap) {
		o->cap = o->cap ? 2 * o->cap : 64;
		o->ev = xrealloc(o->ev, o->cap * sizeof *o->ev);
	}
	/* marks: just the line (libyaml's quirk checks find nothing between equal marks) */
	ev.start_mark = ev.end_mark = (yaml_mark_t){0, line, 0};
	o->ev[o->n++] = ev;
}

/* A scalar event taking V (malloc'd, N bytes). */
static void emit_scalar(struct quick *k, char *v, size_t n, yaml_scalar_style_t style, size_t line)
{
	yaml_event_t ev = {.type = YAML_SCALAR_EVENT};
	ev.data.scalar.value = (yaml_char_t *)v;
	ev.data.scalar.length = n;
	ev.data.scalar.plain_implicit = style == YAML_PLAIN_SCALAR_STYLE;
	ev.data.scalar.quoted_implicit = style != YAML_PLAIN_SCALAR_STYLE;
	ev.data.scalar.style = style;
	emit(k, ev, line);
}

static void emit_plain(struct quick *k, const char *s, size_t n, size_t line)
{
	if (k->out)
		emit_scalar(k, xstrndup(s, n), n, YAML_PLAIN_SCALAR_STYLE, line);
}

/* The one-line quoted scalar from Q to E (after its closing quote), without its quotes. */
static void emit_quoted(struct quick *k, const char *q, const char *e, size_t line)
{
	if (!k->out)
		return;
	char *v = xmalloc((size_t)(e - q)), *w = v;
	for (const char *c = q + 1; c < e - 1; c++) {
		*w++ = *c;
		c += *q == '\'' && *c == '\''; /* '' stands for ' */
	}
	*w = '\0';
	emit_scalar(k, v, (size_t)(w - v),
	            *q == '"' ? YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_SINGLE_QUOTED_SCALAR_STYLE, line);
}

static void emit_collection(struct quick *k, bool start, bool seq, bool flow, size_t line)
{
	if (!k->out)
		return;
	yaml_event_t ev = {.type = seq ? start ? YAML_SEQUENCE_START_EVENT : YAML_SEQUENCE_END_EVENT
	                               : start ? YAML_MAPPING_START_EVENT : YAML_MAPPING_END_EVENT};
	if (start && seq) {
		ev.data.sequence_start.implicit = 1;
		ev.data.sequence_start.style = flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE;
	} else if (start) {
		ev.data.mapping_start.implicit = 1;
		ev.data.mapping_start.style = flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE;
	}
	emit(k, ev, line);
}

/* Ends the plain scalar that deeper lines could have continued. */
static void plain_end(struct quick *k)
{
	if (k->plain && k->out) {
		size_t n;
		char *v = buf_detach(&k->text, &n);
		emit_scalar(k, v, n, YAML_PLAIN_SCALAR_STYLE, k->text_line);
	}
	k->plain = false;
}

static bool push(struct quick *k, size_t col, bool seq)
{
	if (k->depth == MAX_LEVELS)
		return false;
	k->lv[k->depth++] = (struct level){col, seq};
	emit_collection(k, true, seq, false, k->lineno - 1);
	return true;
}

static void pop(struct quick *k)
{
	k->depth--;
	emit_collection(k, false, k->lv[k->depth].seq, false, k->lineno - 1);
}

/* ---- scalars ---- */

static bool flow_plain(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
	       c == '.' || c == '/' || c == '-';
}

/* Reads the one-line flow sequence of scalars at Q; returns its end (after its ']'), or NULL.
 * Its plain scalars hold only letters, digits and "_./-": go-yaml reads some others in flow
 * collections otherwise than libyaml. */
static const char *flow_seq(struct quick *k, const char *q, const char *e)
{
	size_t line = k->lineno - 1;
	emit_collection(k, true, true, true, line);
	const char *c = q + 1;
	while (c < e && *c == ' ')
		c++;
	if (c < e && *c == ']') {
		emit_collection(k, false, true, true, line);
		return c + 1;
	}
	for (;;) {
		const char *item = c;
		if (c == e)
			return NULL;
		if (*c == '"' || *c == '\'') {
			if (!(c = quoted_end(c, e)))
				return NULL;
			emit_quoted(k, item, c, line);
		} else {
			if (*c == '-')
				return NULL;
			while (c < e && flow_plain(*c))
				c++;
			if (c == item || !plain_ok(item, (size_t)(c - item), false))
				return NULL;
			emit_plain(k, item, (size_t)(c - item), line);
		}
		while (c < e && *c == ' ')
			c++;
		if (c == e || (*c != ']' && *c != ','))
			return NULL;
		if (*c++ == ']') {
			emit_collection(k, false, true, true, line);
			return c;
		}
		while (c < e && *c == ' ')
			c++;
	}
}

static void add_breaks(buf *b, size_t n)
{
	while (n--)
		buf_putc(b, '\n');
}

/* Reads a block scalar's lines, after its header line (LITERAL: '|', else '>'; CHOMP: -1 for
 * '-', 1 for '+', else 0), as libyaml's scanner does: the indentation is the first non-empty
 * line's, empty lines gather as line breaks, '>' folds a break between two lines that do not
 * start with a blank into a space, and the chomping decides on the breaks at the end. */
static bool block_scalar(struct quick *k, bool literal, int chomp)
{
	size_t parent = k->lv[k->depth - 1].col, indent = 0, max_indent = 0, breaks = 0;
	size_t line = k->lineno - 1;
	bool leading_break = false, leading_blank = false;
	buf v = BUF_INIT;
	const char *p = k->p;
	while (p < k->end) {
		const char *e = memchr(p, '\n', (size_t)(k->end - p));
		e = e ? e : k->end;
		size_t sp = spaces(p, e);
		if (indent && sp > indent)
			sp = indent; /* spaces past the indentation are content */
		const char *q = p + sp;
		if (!indent) {
			if (q < e && *q == '\t') {
				buf_free(&v);
				return false; /* a tab where the indentation is still being found */
			}
			if (sp > max_indent)
				max_indent = sp;
		}
		if (q == e) {
			if (e == k->end)
				break; /* spaces that end the text: no line break */
			breaks++;
		} else {
			if (!indent) {
				/* empty lines deeper than the first line: libyaml fails, or reads otherwise */
				if (sp > parent && max_indent > sp) {
					buf_free(&v);
					return false;
				}
				indent = max_indent > parent + 1 ? max_indent : parent + 1;
			}
			if (sp < indent) {
				if (*q == '\t') {
					buf_free(&v);
					return false;
				}
				break; /* the scalar ends before this line */
			}
			bool blank = *q == ' ' || *q == '\t';
			if (k->out) {
				if (!literal && leading_break && !leading_blank && !blank) {
					if (!breaks)
						buf_putc(&v, ' ');
				} else if (leading_break) {
					buf_putc(&v, '\n');
				}
				add_breaks(&v, breaks);
				buf_add(&v, q, (size_t)(e - q));
			}
			breaks = 0;
			leading_blank = blank;
			leading_break = e < k->end;
		}
		p = e < k->end ? e + 1 : e;
		k->lineno++;
	}
	k->p = p;
	if (k->out) {
		if (chomp != -1 && leading_break)
			buf_putc(&v, '\n');
		if (chomp == 1)
			add_breaks(&v, breaks);
		size_t n;
		char *s = buf_detach(&v, &n);
		emit_scalar(k, s, n, literal ? YAML_LITERAL_SCALAR_STYLE : YAML_FOLDED_SCALAR_STYLE, line);
	}
	return true;
}

/* Reads the value at Q, after "key: " or "- ". */
static bool value(struct quick *k, const char *q, const char *e)
{
	size_t line = k->lineno - 1;
	switch (*q) {
	case '\'': case '"': {
		const char *c = quoted_end(q, e);
		if (!c || !rest_ok(c, e))
			return false;
		emit_quoted(k, q, c, line);
		return true;
	}
	case '[': {
		const char *c = flow_seq(k, q, e);
		return c && rest_ok(c, e);
	}
	case '{':
		if (q + 1 == e || q[1] != '}' || !rest_ok(q + 2, e))
			return false;
		emit_collection(k, true, false, true, line);
		emit_collection(k, false, false, true, line);
		return true;
	case '|': case '>': {
		const char *c = q + 1;
		int chomp = c < e && *c == '-' ? -1 : c < e && *c == '+' ? 1 : 0;
		return rest_ok(c + (chomp != 0), e) && block_scalar(k, *q == '|', chomp);
	}
	case '-':
		if (q + 1 == e || q[1] == ' ')
			return false;
		break;
	case '&': case '*': case '!': case '%': case '@': case '`': case ',': case ']': case '}':
	case '?': case ':': case '#': case '<': /* "<<" is a merge key's word */
		return false;
	}
	if (value_colon(q, e))
		return false; /* "mapping values are not allowed in this context" */
	const char *end = comment_at(q, e);
	bool comment = end != e; /* a comment ends it */
	while (end > q && end[-1] == ' ')
		end--;
	if (!plain_ok(q, (size_t)(end - q), false))
		return false;
	if (comment) {
		emit_plain(k, q, (size_t)(end - q), line);
		return true;
	}
	k->plain = true; /* deeper lines may continue it */
	k->breaks = 0;
	if (k->out) {
		buf_reset(&k->text);
		buf_add(&k->text, q, (size_t)(end - q));
		k->text_line = line;
	}
	return true;
}

/* A plain scalar's line after its first, from Q to E: its line break folds into a space, or
 * gives way to the empty lines before it. */
static bool continuation(struct quick *k, const char *q, const char *e)
{
	if (value_colon(q, e) || comment_at(q, e) != e)
		return false; /* a ": " or " #" would end it */
	if (k->out) {
		if (k->breaks)
			add_breaks(&k->text, k->breaks);
		else
			buf_putc(&k->text, ' ');
		while (e > q && e[-1] == ' ')
			e--;
		buf_add(&k->text, q, (size_t)(e - q));
	}
	k->breaks = 0;
	return true;
}

/* The value of a key that never came: an empty plain scalar, which reads as null. */
static void null_value(struct quick *k)
{
	k->pending = false;
	emit_plain(k, "", 0, k->pending_line);
}

/* Reads what follows the key ending at KE. */
static bool key_value(struct quick *k, const char *ke, const char *e)
{
	const char *v = ke + 1;
	while (v < e && *v == ' ')
		v++;
	if (v == e || *v == '#') {
		k->pending = true;
		k->pending_col = k->lv[k->depth - 1].col;
		k->pending_line = k->lineno - 1;
		return true;
	}
	return value(k, v, e);
}

/* The key from Q to KE, its ':'. */
static void key(struct quick *k, const char *q, const char *ke)
{
	if (*q == '\'' || *q == '"')
		emit_quoted(k, q, ke, k->lineno - 1);
	else
		emit_plain(k, q, (size_t)(ke - q), k->lineno - 1);
}

/* ---- lines ---- */

/* Ends the head lines being read at AT; then reads on from AT if TAKE. */
static void head_lines(struct quick *k, const char *at, bool take)
{
	if (!k->head)
		return;
	if (k->from)
		buf_add(k->head, k->from, (size_t)(at - k->from));
	k->from = take ? at : NULL;
}

static bool is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && !memcmp(s, word, n);
}

/* Reads a line that starts an entry: a key at column COL, or "- " there. */
static bool entry(struct quick *k, const char *line, size_t col, const char *q, const char *e)
{
	bool dash = *q == '-' && (q + 1 == e || q[1] == ' ');
	if (!k->depth) {
		if (col || dash || !push(k, 0, false))
			return false;
	} else if (k->pending) {
		if (col > k->pending_col && !dash && !key_end(q, e)) {
			k->pending = false;
			return value(k, q, e); /* the value on a line of its own */
		}
		if (col > k->pending_col || (col == k->pending_col && dash)) {
			k->pending = false;
			if (!push(k, col, dash))
				return false;
		} else {
			null_value(k);
		}
	}
	while (k->depth && k->lv[k->depth - 1].col > col)
		pop(k);
	/* a sequence at its key's column ends at the next key */
	if (!dash && k->depth >= 2 && k->lv[k->depth - 1].seq && k->lv[k->depth - 2].col == col)
		pop(k);
	if (!k->depth || k->lv[k->depth - 1].col != col || k->lv[k->depth - 1].seq != dash)
		return false;
	if (dash) {
		const char *v = q + 1;
		while (v < e && *v == ' ')
			v++;
		if (v == e || *v == '#' || (*v == '-' && (v + 1 == e || v[1] == ' ')))
			return false; /* an item on later lines, or a sequence in a sequence */
		const char *ke = key_end(v, e);
		if (!ke)
			return value(k, v, e);
		if (!push(k, (size_t)(v - line), false))
			return false;
		key(k, v, ke);
		return key_value(k, ke, e);
	}
	const char *ke = key_end(q, e);
	if (!ke)
		return false;
	/* the head: the top-level apiVersion, kind and metadata entries, and of the mapping in
	 * metadata only the name and annotations entries (the rest is valid, and not wanted) */
	size_t n = (size_t)(ke - q);
	if (k->depth == 1) {
		if (*q == '\'' || *q == '"')
			return false; /* a head key could hide behind quotes */
		k->in_meta = is(q, n, "metadata");
		head_lines(k, line, k->in_meta || is(q, n, "kind") || is(q, n, "apiVersion"));
	} else if (k->depth == 2 && k->in_meta) {
		if (*q == '\'' || *q == '"')
			return false;
		head_lines(k, line, is(q, n, "name") || is(q, n, "annotations"));
	}
	key(k, q, ke);
	return key_value(k, ke, e);
}

static bool lines(struct quick *k)
{
	while (k->p < k->end) {
		const char *line = k->p;
		const char *e = memchr(line, '\n', (size_t)(k->end - line));
		e = e ? e : k->end;
		k->p = e < k->end ? e + 1 : e;
		k->lineno++;
		size_t col = spaces(line, e);
		const char *q = line + col;
		if (q == e) {
			k->breaks++;
			continue;
		}
		if (k->tabs && memchr(q, '\t', (size_t)(e - q)))
			return false;
		if (*q == '#') {
			plain_end(k); /* a comment ends a plain scalar */
			continue;
		}
		if (!col && (*q == '%' || (e - q >= 3 && (!memcmp(q, "---", 3) || !memcmp(q, "...", 3)))))
			return false;
		if (k->plain && k->lv[k->depth - 1].col < col) {
			if (!continuation(k, q, e))
				return false;
			continue;
		}
		plain_end(k);
		if (!entry(k, line, col, q, e))
			return false;
	}
	if (!k->depth)
		return false;
	plain_end(k);
	if (k->pending)
		null_value(k);
	while (k->depth)
		pop(k);
	return true;
}

/* Reads S (N bytes). */
static bool read_text(struct quick *k, const char *s, size_t n)
{
	k->p = s;
	k->end = s + n;
	bool ok = chars_ok((const unsigned char *)s, n, &k->tabs) && lines(k);
	buf_free(&k->text);
	return ok;
}

bool yaml_quick_head(const char *s, size_t n, buf *head)
{
	struct quick k = {.head = head};
	size_t len = head->len;
	if (!read_text(&k, s, n)) {
		if (head->s)
			buf_reset_to(head, len);
		return false;
	}
	head_lines(&k, k.end, false);
	return true;
}

bool yaml_quick_events(const char *s, size_t n, struct yaml_quick_events *out)
{
	struct quick k = {.out = out};
	if (!read_text(&k, s, n)) {
		yaml_quick_events_free(out);
		return false;
	}
	emit(&k, (yaml_event_t){.type = YAML_DOCUMENT_END_EVENT, .data.document_end.implicit = 1}, k.lineno);
	return true;
}

void yaml_quick_events_free(struct yaml_quick_events *e)
{
	for (size_t i = 0; i < e->n; i++)
		yaml_event_delete(&e->ev[i]);
	free(e->ev);
	*e = (struct yaml_quick_events){0};
}
