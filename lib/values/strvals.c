/* strvals.c — the --set family parsed exactly as Helm 3.17's pkg/strvals does, quirks included
 * (see VALUES-RULES.md §1).  Go's parser panics on type conflicts ("interface conversion") and
 * recovers in key(); here those are ordinary errors carried back the same way. */
#include "values/strvals.h"
#include "buf.h"
#include "gofmt.h"
#include "json.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_INDEX = 65536, MAX_NESTED_NAME_LEVEL = 30 };

/* Go's io.EOF travels like an error but ends parsing quietly. */
#define EOF_ERR ((char *)&eof_marker)
static const char eof_marker = 0;

struct parser {
	const char *s;
	size_t len, pos;
	enum strvals_kind kind;
	strvals_reader reader;
	void *ctx;
};

/* Go's %q of a string. */
static void quote(buf *b, const char *s, size_t n) { go_strconv_quote(b, s, n); }

/* Length of the UTF-8 sequence at p (1 for a stray byte), as Go's ReadRune steps. */
static size_t rune_len(const unsigned char *p, size_t avail)
{
	size_t n = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : *p >= 0xc0 ? 2 : 1;
	if (n > avail)
		return 1;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 1;
	return n;
}

/* runesUntil: reads up to the first unescaped byte of STOP.  Returns the stop byte, or -1 at
 * end of input.  A backslash escapes the next rune (literal mode: no escapes). */
static int until(struct parser *t, const char *stop, buf *out)
{
	buf_reset(out);
	buf_add(out, "", 0);
	while (t->pos < t->len) {
		char c = t->s[t->pos];
		if (c && strchr(stop, c)) {
			t->pos++;
			return (unsigned char)c;
		}
		if (c == '\\' && t->kind != STRVALS_LITERAL) {
			t->pos++;
			if (t->pos >= t->len)
				return -1;
		}
		size_t n = rune_len((const unsigned char *)t->s + t->pos, t->len - t->pos);
		buf_add(out, t->s + t->pos, n);
		t->pos += n;
	}
	return -1;
}

static bool is_go_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xa0; }

/* The value a --set/--set-string item denotes (typedVal). */
static hv *typed(const char *s, size_t n, bool as_string)
{
	if (as_string)
		return hv_strn(s, n);
	if (n == 4 && !strncasecmp(s, "true", 4))
		return hv_bool(true);
	if (n == 5 && !strncasecmp(s, "false", 5))
		return hv_bool(false);
	if (n == 4 && !strncasecmp(s, "null", 4))
		return hv_nil();
	if (n == 1 && s[0] == '0')
		return hv_int_typed(0, HV_GO_INT64);
	if (n && s[0] != '0' && strlen(s) == n) {
		/* strconv.ParseInt(s, 10, 64): optional sign, decimal digits only. */
		size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
		bool digits = i < n;
		for (size_t j = i; j < n; j++)
			digits = digits && s[j] >= '0' && s[j] <= '9';
		if (digits) {
			errno = 0;
			long long v = strtoll(s, NULL, 10);
			if (errno != ERANGE)
				return hv_int_typed(v, HV_GO_INT64);
		}
	}
	return hv_strn(s, n);
}

/* t.reader: the value of one item by flag kind. */
static hv *read_value(struct parser *t, const buf *rs, char **err)
{
	if (t->kind == STRVALS_FILE)
		return t->reader(buf_str(rs), rs->len, t->ctx, err);
	return typed(buf_str(rs), rs->len, t->kind == STRVALS_STRING);
}

/* Go panics "interface conversion: interface {} is T, not W" when a path crosses a value of
 * another type. */
static char *conversion_error(const hv *have, const char *want)
{
	return xasprintf("unable to parse key: interface conversion: interface {} is %s, not %s",
		    hv_is_nil(have) ? "nil" : hv_gotype(have), want);
}

static void set(hv *data, const buf *key, hv *val)
{
	if (key->len == 0) {
		hv_free(val);
		return;
	}
	hv_map_setn(data, buf_str(key), key->len, val);
}

/* setIndex: list[index] = val, padding with nulls.  Takes val. */
static char *set_index(hv *list, long long index, hv *val)
{
	if (index < 0) {
		hv_free(val);
		return xasprintf("negative %lld index not allowed", index);
	}
	if (index > MAX_INDEX) {
		hv_free(val);
		return xasprintf("index of %lld is greater than maximum supported index of %d", index, MAX_INDEX);
	}
	while (hv_len(list) <= (size_t)index)
		hv_list_push(list, hv_nil());
	hv_list_set(list, (size_t)index, val);
	return NULL;
}

/* strconv.Atoi with Go's error text. */
static char *atoi_go(const buf *s, long long *out)
{
	const char *p = buf_str(s);
	size_t i = (p[0] == '+' || p[0] == '-') ? 1 : 0;
	bool ok = s->len > i && strlen(p) == s->len;
	for (size_t j = i; ok && j < s->len; j++)
		ok = p[j] >= '0' && p[j] <= '9';
	buf q = BUF_INIT;
	quote(&q, p, s->len);
	char *err = NULL;
	if (!ok) {
		err = xasprintf("error parsing index: strconv.Atoi: parsing %s: invalid syntax", buf_str(&q));
	} else {
		errno = 0;
		*out = strtoll(p, NULL, 10);
		if (errno == ERANGE)
			err = xasprintf("error parsing index: strconv.Atoi: parsing %s: value out of range", buf_str(&q));
	}
	buf_free(&q);
	return err;
}

static char *key_index(struct parser *t, long long *i)
{
	buf v = BUF_INIT;
	char *err;
	if (until(t, "]", &v) < 0)
		err = xstrdup("error parsing index: EOF");
	else
		err = atoi_go(&v, i);
	buf_free(&v);
	return err;
}

/* emptyVal: skips spaces; true at ',' (consumed) or end. */
static bool empty_val(struct parser *t)
{
	while (t->pos < t->len) {
		unsigned char c = (unsigned char)t->s[t->pos];
		if (c == ',') {
			t->pos++;
			return true;
		}
		if (!is_go_space(c))
			return false;
		t->pos++;
	}
	return true;
}

/* Length of the one JSON value at s (after leading space), as json.Decoder would consume it,
 * or 0 when no complete value starts there. */
static size_t json_extent(const char *s, size_t n)
{
	size_t i = 0, depth = 0;
	while (i < n && strchr(" \t\r\n", s[i]))
		i++;
	do {
		while (i < n && strchr(" \t\r\n", s[i]))
			i++;
		if (i >= n)
			return 0;
		char c = s[i];
		if (c == '{' || c == '[') {
			depth++;
			i++;
			continue;
		}
		if (c == '}' || c == ']') {
			if (!depth)
				return 0;
			depth--;
			i++;
			continue;
		}
		if (c == ',' || c == ':') {
			if (!depth)
				return 0;
			i++;
			continue;
		}
		if (c == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
			if (i >= n)
				return 0;
			i++;
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			if (c == '-')
				i++;
			if (i < n && s[i] == '0')
				i++;
			else
				while (i < n && s[i] >= '0' && s[i] <= '9')
					i++;
			if (i + 1 < n && s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9')
				for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
					;
			if (i < n && (s[i] == 'e' || s[i] == 'E')) {
				size_t j = i + 1;
				if (j < n && (s[j] == '+' || s[j] == '-'))
					j++;
				if (j < n && s[j] >= '0' && s[j] <= '9') {
					for (i = j; i < n && s[i] >= '0' && s[i] <= '9'; i++)
						;
				}
			}
		} else if (n - i >= 4 && !strncmp(s + i, "true", 4)) {
			i += 4;
		} else if (n - i >= 5 && !strncmp(s + i, "false", 5)) {
			i += 5;
		} else if (n - i >= 4 && !strncmp(s + i, "null", 4)) {
			i += 4;
		} else {
			return 0;
		}
	} while (depth);
	return i;
}

/* One JSON value for --set-json, consumed from the input. */
static hv *json_value(struct parser *t, char **err)
{
	size_t n = json_extent(t->s + t->pos, t->len - t->pos);
	char *perr = NULL;
	hv *v = n ? json_parse(t->s + t->pos, n, "--set-json", 0, &perr) : NULL;
	if (!v) {
		free(perr);
		*err = xstrdup("invalid JSON");
		return NULL;
	}
	t->pos += n;
	return v;
}

/* valList: a {a,b,c} list.  Returns the list, NULL with *err == NULL when the value is not a
 * list (ErrNotList), or NULL with *err (EOF_ERR at end of input). */
static hv *val_list(struct parser *t, char **err)
{
	*err = NULL;
	if (t->pos >= t->len) {
		*err = EOF_ERR;
		return NULL;
	}
	if (t->s[t->pos] != '{')
		return NULL;
	t->pos++;
	hv *list = hv_list();
	buf rs = BUF_INIT;
	for (;;) {
		int last = until(t, ",}", &rs);
		if (last < 0) {
			*err = xstrdup("list must terminate with '}'");
			break;
		}
		if (last == '}' && t->pos < t->len && t->s[t->pos] == ',')
			t->pos++;
		hv *v = read_value(t, &rs, err);
		if (!v)
			break;
		hv_list_push(list, v);
		if (last == '}') {
			buf_free(&rs);
			return list;
		}
	}
	buf_free(&rs);
	hv_free(list);
	return NULL;
}

/* The value after '=' (not --set-json): a {list}, or a scalar up to the next ','.
 * Sets *at_eof when the input ended right after '=' (Go returns io.EOF then). */
static hv *plain_value(struct parser *t, bool *at_eof, char **err)
{
	*at_eof = false;
	if (t->kind == STRVALS_LITERAL) {
		hv *v = hv_strn(t->s + t->pos, t->len - t->pos);
		t->pos = t->len;
		return v;
	}
	hv *vl = val_list(t, err);
	if (vl)
		return vl;
	if (*err == EOF_ERR) {
		*err = NULL;
		*at_eof = true;
		return hv_str("");
	}
	if (*err)
		return NULL;
	buf rs = BUF_INIT;
	until(t, ",", &rs);
	hv *v = read_value(t, &rs, err);
	buf_free(&rs);
	return v;
}

static char *key(struct parser *t, hv *data, int level);

static char *list_item(struct parser *t, hv *list, long long i, int level)
{
	if (i < 0)
		return xasprintf("negative %lld index not allowed", i);
	buf k = BUF_INIT;
	int last = until(t, "[.=", &k);
	char *err = NULL;
	if (k.len > 0) {
		/* %q of a []rune: each rune quoted, space separated. */
		buf q = BUF_INIT;
		buf_putc(&q, '[');
		for (size_t p = 0; p < k.len;) {
			size_t n = rune_len((const unsigned char *)k.s + p, k.len - p);
			if (p)
				buf_putc(&q, ' ');
			/* A rune prints with single quotes (QuoteRune); build it from the string's quoting. */
			buf one = BUF_INIT;
			quote(&one, k.s + p, n);
			const char *o = buf_str(&one);
			if (!strcmp(o, "\"'\""))
				buf_puts(&q, "'\\''");
			else if (!strcmp(o, "\"\\\"\""))
				buf_puts(&q, "'\"'");
			else {
				buf_putc(&q, '\'');
				buf_add(&q, o + 1, one.len - 2);
				buf_putc(&q, '\'');
			}
			buf_free(&one);
			p += n;
		}
		buf_putc(&q, ']');
		err = xasprintf("unexpected data at end of array index: %s", buf_str(&q));
		buf_free(&q);
	} else if (last < 0) {
		err = EOF_ERR;
	} else if (last == '=') {
		if (t->kind == STRVALS_JSON) {
			if (empty_val(t))
				err = set_index(list, i, hv_nil());
			else {
				hv *v = json_value(t, &err);
				if (v && !(err = set_index(list, i, v)))
					empty_val(t);
			}
		} else {
			bool at_eof;
			hv *v = plain_value(t, &at_eof, &err);
			if (v)
				err = set_index(list, i, v);
		}
	} else if (last == '[') {
		long long next;
		err = key_index(t, &next);
		if (!err) {
			hv *inner = NULL;
			if (hv_len(list) > (size_t)i && !hv_is_nil(hv_list_get(list, (size_t)i))) {
				hv *existed = hv_list_get(list, (size_t)i);
				if (hv_kind_of(existed) != HV_LIST)
					err = conversion_error(existed, "[]interface {}");
				else
					inner = hv_ref(existed);
			} else {
				inner = hv_list();
			}
			if (!err) {
				err = list_item(t, inner, next, level);
				if (!err)
					err = set_index(list, i, hv_ref(inner));
			}
			hv_free(inner);
		}
	} else { /* '.' */
		hv *inner;
		if (hv_len(list) > (size_t)i && hv_kind_of(hv_list_get(list, (size_t)i)) == HV_MAP) {
			inner = hv_ref(hv_list_get(list, (size_t)i));
		} else {
			inner = hv_map();
			if (hv_len(list) > (size_t)i)
				hv_list_set(list, (size_t)i, hv_ref(inner));
		}
		err = key(t, inner, level);
		if (!err)
			err = set_index(list, i, hv_ref(inner));
		hv_free(inner);
	}
	buf_free(&k);
	return err;
}

/* key: one assignment (or the rest of a dotted path) into DATA.  NULL means go on. */
static char *key(struct parser *t, hv *data, int level)
{
	const char *stop = t->kind == STRVALS_LITERAL ? "=[." : "=[,.";
	buf k = BUF_INIT;
	int last = until(t, stop, &k);
	char *err = NULL;
	buf q = BUF_INIT;
	quote(&q, buf_str(&k), k.len);
	if (last < 0) {
		err = k.len == 0 ? EOF_ERR : xasprintf("key %s has no value", buf_str(&q));
	} else if (last == '[') {
		long long i;
		err = key_index(t, &i);
		if (!err) {
			hv *existing = hv_map_getn(data, buf_str(&k), k.len);
			hv *list = NULL;
			if (!existing)
				list = hv_list();
			else if (hv_kind_of(existing) == HV_LIST)
				list = hv_ref(existing);
			else
				err = conversion_error(existing, "[]interface {}");
			if (list) {
				err = list_item(t, list, i, level);
				set(data, &k, list);
			}
		}
	} else if (last == '=') {
		if (t->kind == STRVALS_JSON) {
			if (empty_val(t)) {
				set(data, &k, hv_nil());
			} else {
				hv *v = json_value(t, &err);
				if (v) {
					set(data, &k, v);
					empty_val(t);
				}
			}
		} else {
			bool at_eof;
			hv *v = plain_value(t, &at_eof, &err);
			if (v)
				set(data, &k, v);
			if (at_eof)
				err = EOF_ERR;
		}
	} else if (last == ',') {
		set(data, &k, hv_str(""));
		err = xasprintf("key %s has no value (cannot end with ,)", buf_str(&q));
	} else { /* '.' */
		if (++level > MAX_NESTED_NAME_LEVEL) {
			err = xasprintf("value name nested level is greater than maximum supported nested level of %d",
				   MAX_NESTED_NAME_LEVEL);
		} else {
			hv *existing = hv_map_getn(data, buf_str(&k), k.len);
			hv *inner = NULL;
			if (!existing)
				inner = hv_map();
			else if (hv_kind_of(existing) == HV_MAP)
				inner = hv_ref(existing);
			else
				err = conversion_error(existing, "map[string]interface {}");
			if (inner) {
				err = key(t, inner, level);
				if (!err && hv_len(inner) == 0)
					err = xasprintf("key map %s has no value", buf_str(&q));
				if (hv_len(inner) != 0)
					set(data, &k, hv_ref(inner));
				hv_free(inner);
			}
		}
	}
	buf_free(&q);
	buf_free(&k);
	return err;
}

int strvals_parse(const char *line, enum strvals_kind kind, hv *dest,
		  strvals_reader reader, void *ctx, char **err)
{
	struct parser t = {line, strlen(line), 0, kind, reader, ctx};
	for (;;) {
		char *e = key(&t, dest, 0);
		if (!e)
			continue;
		if (e == EOF_ERR) {
			*err = NULL;
			return 0;
		}
		*err = e;
		return -1;
	}
}
