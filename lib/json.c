/* json.c — JSON text <-> values, with Go's encoding/json conventions and error texts. */
#include "base64.h"
#include "bytes8.h"
#include "json.h"
#include "strconv.h"
#include "util.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether any of the 8 bytes of X is '"', '\\', a control character or not ASCII: the bytes a
 * string's plain run stops at; with HTML also '<', '>' and '&', which encoding/json escapes. */
static bool special8(uint64_t x, bool html)
{
	uint64_t hit = bytes8_has_control_or_high(x) | bytes8_has(x, '"') | bytes8_has(x, '\\');
	if (html)
		hit |= bytes8_has(x, '<') | bytes8_has(x, '>') | bytes8_has(x, '&');
	return hit != 0;
}

/* ---- parsing ---- */

#define JSON_MAX_DEPTH 10000 /* encoding/json's nesting limit */

struct parser {
	const char *s;
	size_t n, pos;
	int flags, depth;
	char *err; /* cause, without position */
	size_t errpos;
	char *type_err; /* a number float64 cannot hold: reported only if the syntax is fine */
	size_t type_errpos;
	buf key; /* strings that needed rewriting (escapes, invalid UTF-8) */
};

/* Go's quoteChar: how a byte is shown in "invalid character ..." messages. */
static void quote_char(buf *b, unsigned char c)
{
	static const char esc[] = "\aa\bb\ff\nn\rr\tt\vv";
	if (c == '\'') {
		buf_puts(b, "'\\''");
		return;
	}
	buf_putc(b, '\'');
	const char *e = c ? strchr(esc, c) : NULL;
	if (c == '\\')
		buf_puts(b, "\\\\");
	else if (e && (e - esc) % 2 == 0)
		buf_printf(b, "\\%c", e[1]);
	else if (c < 0x20 || c == 0x7f)
		buf_printf(b, "\\x%02x", c);
	else if (c < 0x80)
		buf_putc(b, (char)c);
	else if (c < 0xa1 || c == 0xad) /* C1 controls, NBSP, soft hyphen: not printable */
		buf_printf(b, "\\u%04x", c);
	else
		go_utf8_encode(b, c);
	buf_putc(b, '\'');
}

static void fail_at(struct parser *p, size_t pos, const char *what)
{
	if (p->err)
		return;
	buf b = BUF_INIT;
	if (pos >= p->n) {
		buf_puts(&b, "unexpected end of JSON input");
	} else {
		buf_puts(&b, "invalid character ");
		quote_char(&b, (unsigned char)p->s[pos]);
		buf_printf(&b, " %s", what);
	}
	p->err = buf_detach(&b, NULL);
	p->errpos = pos;
}

static void skip_space(struct parser *p)
{
	const char *s = p->s;
	size_t i = p->pos, n = p->n;
	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
		i++;
	p->pos = i;
}

/* Four hex digits at I; -1 after reporting an error. */
static int read_hex4(struct parser *p, size_t i)
{
	int r = 0;
	for (size_t k = i; k < i + 4; k++) {
		int h = k < p->n ? hex_digit(p->s[k]) : -1;
		if (h < 0) {
			fail_at(p, k, "in \\u hexadecimal character escape");
			return -1;
		}
		r = r << 4 | h;
	}
	return r;
}

/* One escape sequence at I (on the backslash) appended to OUT; the index after it, or 0 after
 * reporting an error.  Lone surrogates become U+FFFD, as Go's decoder does. */
static size_t parse_escape(struct parser *p, size_t i, buf *out)
{
	static const char from[] = "bfnrt\"\\/", to[] = "\b\f\n\r\t\"\\/";
	if (++i >= p->n) {
		fail_at(p, p->n, "");
		return 0;
	}
	char e = p->s[i++];
	const char *m = e ? strchr(from, e) : NULL;
	if (m) {
		buf_putc(out, to[m - from]);
		return i;
	}
	if (e != 'u') {
		fail_at(p, i - 1, "in string escape code");
		return 0;
	}
	int r = read_hex4(p, i);
	if (r < 0)
		return 0;
	i += 4;
	if (r >= 0xd800 && r < 0xdc00 && i + 6 <= p->n && p->s[i] == '\\' && p->s[i + 1] == 'u') {
		int r2 = read_hex4(p, i + 2);
		if (r2 < 0)
			return 0;
		if (r2 >= 0xdc00 && r2 < 0xe000) {
			r = 0x10000 + ((r - 0xd800) << 10) + (r2 - 0xdc00);
			i += 6;
		} else {
			r = 0xfffd; /* not a pair: the second escape stands alone */
		}
	}
	go_utf8_encode(out, r);
	return i;
}

/* A string literal at p->pos (on the opening quote).  Its bytes are left in *STR, *LEN: the
 * input itself when no escape or invalid UTF-8 needs rewriting, else TMP's contents.
 * Invalid UTF-8 becomes U+FFFD, as Go's decoder does. */

static bool parse_string(struct parser *p, buf *tmp, const char **str, size_t *len)
{
	const unsigned char *s = (const unsigned char *)p->s;
	size_t n = p->n, i = p->pos + 1, run = i; /* RUN: start of the bytes not yet in TMP */
	bool rewritten = false;
	buf_reset(tmp);
	for (;;) {
		uint64_t x;
		while (i + 8 <= n && (memcpy(&x, s + i, 8), !special8(x, false)))
			i += 8;
		while (i < n && s[i] >= 0x20 && s[i] < 0x80 && s[i] != '"' && s[i] != '\\')
			i++;
		if (i >= n) {
			fail_at(p, n, "");
			return false;
		}
		unsigned char c = s[i];
		if (c == '"')
			break;
		if (c < 0x20) {
			fail_at(p, i, "in string literal");
			return false;
		}
		if (c >= 0x80) {
			int size;
			if (go_utf8_decode(p->s + i, n - i, &size) >= 0) {
				i += (size_t)size;
				continue;
			}
			buf_add(tmp, p->s + run, i - run);
			buf_puts(tmp, "\xef\xbf\xbd");
			run = ++i;
			rewritten = true;
			continue;
		}
		buf_add(tmp, p->s + run, i - run);
		if (!(i = parse_escape(p, i, tmp)))
			return false;
		run = i;
		rewritten = true;
	}
	if (rewritten) {
		buf_add(tmp, p->s + run, i - run);
		*str = tmp->s;
		*len = tmp->len;
	} else {
		*str = p->s + run;
		*len = i - run;
	}
	p->pos = i + 1;
	return true;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* strtod's result when it is exact without it: at most 15 significant digits times a power of
 * ten up to 22 is one correctly rounded operation on exact doubles (Clinger's fast path).
 * S is a valid JSON number. */
static bool fast_float(const char *s, size_t n, double *out)
{
	static const double pow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	                               1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	size_t i = s[0] == '-';
	uint64_t m = 0;
	int digits = 0, exp = 0;
	for (; i < n && is_digit(s[i]); i++)
		if (digits || s[i] != '0') {
			m = m * 10 + (uint64_t)(s[i] - '0');
			digits++;
		}
	if (i < n && s[i] == '.')
		for (i++; i < n && is_digit(s[i]); i++) {
			if (digits || s[i] != '0') {
				m = m * 10 + (uint64_t)(s[i] - '0');
				digits++;
			}
			exp--;
			if (digits > 15)
				return false;
		}
	if (digits > 15)
		return false;
	if (i < n) { /* exponent */
		i++;
		bool neg = s[i] == '-';
		if (s[i] == '+' || s[i] == '-')
			i++;
		int e = 0;
		for (; i < n; i++) {
			if (e > 1000)
				return false;
			e = e * 10 + (s[i] - '0');
		}
		exp += neg ? -e : e;
	}
	if (exp < -22 || exp > 22)
		return false;
	double d = (double)m;
	d = exp < 0 ? d / pow10[-exp] : d * pow10[exp];
	*out = s[0] == '-' ? -d : d;
	return true;
}

static hv *parse_number(struct parser *p)
{
	size_t start = p->pos, i = p->pos, n = p->n;
	const char *s = p->s;
	bool integer = true;
	if (s[i] == '-')
		i++;
	if (i >= n) {
		fail_at(p, i, "");
		return NULL;
	}
	if (s[i] == '0') {
		i++;
	} else if (is_digit(s[i])) {
		while (i < n && is_digit(s[i]))
			i++;
	} else {
		fail_at(p, i, "in numeric literal");
		return NULL;
	}
	if (i < n && s[i] == '.') {
		integer = false;
		i++;
		if (i >= n || !is_digit(s[i])) {
			fail_at(p, i, "after decimal point in numeric literal");
			return NULL;
		}
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		integer = false;
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || !is_digit(s[i])) {
			fail_at(p, i, "in exponent of numeric literal");
			return NULL;
		}
		while (i < n && is_digit(s[i]))
			i++;
	}
	p->pos = i;
	if (integer && (p->flags & JSON_INTS)) {
		size_t k = start + (s[start] == '-');
		if (i - k <= 18) { /* cannot overflow */
			int64_t v = 0;
			for (; k < i; k++)
				v = v * 10 + (s[k] - '0');
			return hv_int_typed(s[start] == '-' ? -v : v, HV_GO_INT64);
		}
		int64_t v;
		if (go_parse_int(s + start, i - start, 10, &v) == GO_NUM_OK)
			return hv_int_typed(v, HV_GO_INT64);
	}
	double d;
	if (fast_float(s + start, i - start, &d))
		return hv_float(d);
	if (go_parse_float(s + start, i - start, &d) != GO_NUM_OK && !p->type_err) {
		/* encoding/json checks the whole text's syntax before it decodes */
		p->type_err = xasprintf("json: cannot unmarshal number %.*s into Go value of type float64",
		                        (int)(i - start), s + start);
		p->type_errpos = start;
	}
	return hv_float(d);
}

static hv *parse_literal(struct parser *p, const char *word, hv *v)
{
	size_t len = strlen(word);
	for (size_t i = 1; i < len; i++) {
		size_t at = p->pos + i;
		if (at >= p->n || p->s[at] != word[i]) {
			char what[40];
			snprintf(what, sizeof what, "in literal %s (expecting '%c')", word, word[i]);
			fail_at(p, at, what);
			return NULL;
		}
	}
	p->pos += len;
	return v;
}

static hv *parse_value(struct parser *p);

static hv *parse_array(struct parser *p)
{
	hv *l = hv_list();
	p->pos++;
	skip_space(p);
	if (p->pos < p->n && p->s[p->pos] == ']') {
		p->pos++;
		return l;
	}
	for (;;) {
		hv *item = parse_value(p);
		if (!item)
			goto fail;
		hv_list_push(l, item);
		skip_space(p);
		if (p->pos < p->n && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->n && p->s[p->pos] == ']') {
			p->pos++;
			return l;
		}
		fail_at(p, p->pos, "after array element");
		goto fail;
	}
fail:
	hv_free(l);
	return NULL;
}

static hv *parse_object(struct parser *p)
{
	hv *m = hv_map();
	p->pos++;
	skip_space(p);
	if (p->pos < p->n && p->s[p->pos] == '}') {
		p->pos++;
		return m;
	}
	for (;;) {
		skip_space(p);
		if (p->pos >= p->n || p->s[p->pos] != '"') {
			fail_at(p, p->pos, "looking for beginning of object key string");
			goto fail;
		}
		const char *key;
		size_t klen;
		if (!parse_string(p, &p->key, &key, &klen))
			goto fail;
		char *owned = key == p->key.s ? buf_detach(&p->key, NULL) : NULL; /* values reuse p->key */
		skip_space(p);
		if (p->pos >= p->n || p->s[p->pos] != ':') {
			free(owned);
			fail_at(p, p->pos, "after object key");
			goto fail;
		}
		p->pos++;
		hv *val = parse_value(p);
		if (val)
			hv_map_setn(m, key, klen, val);
		free(owned);
		if (!val)
			goto fail;
		skip_space(p);
		if (p->pos < p->n && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->n && p->s[p->pos] == '}') {
			p->pos++;
			return m;
		}
		fail_at(p, p->pos, "after object key:value pair");
		goto fail;
	}
fail:
	hv_free(m);
	return NULL;
}

static hv *parse_value(struct parser *p)
{
	skip_space(p);
	if (p->pos >= p->n) {
		fail_at(p, p->n, "");
		return NULL;
	}
	switch (p->s[p->pos]) {
	case '{':
	case '[': {
		if (++p->depth > JSON_MAX_DEPTH) {
			p->depth--;
			fail_at(p, p->pos, "exceeded max depth");
			return NULL;
		}
		hv *v = p->s[p->pos] == '{' ? parse_object(p) : parse_array(p);
		p->depth--;
		return v;
	}
	case '"': {
		const char *str;
		size_t len;
		if (!parse_string(p, &p->key, &str, &len))
			return NULL;
		if (str == p->key.s)
			return hv_str_take(buf_detach(&p->key, NULL), len);
		return hv_strn(str, len);
	}
	case 't': return parse_literal(p, "true", hv_bool(true));
	case 'f': return parse_literal(p, "false", hv_bool(false));
	case 'n': return parse_literal(p, "null", hv_nil());
	default:
		if (p->s[p->pos] == '-' || is_digit(p->s[p->pos]))
			return parse_number(p);
		fail_at(p, p->pos, "looking for beginning of value");
		return NULL;
	}
}

hv *json_parse(const char *s, size_t n, const char *name, int flags, char **err)
{
	struct parser p = {s, n, 0, flags, 0, NULL, 0, NULL, 0, BUF_INIT};
	hv *v = parse_value(&p);
	buf_free(&p.key);
	if (v) {
		skip_space(&p);
		if (p.pos < n) {
			fail_at(&p, p.pos, "after top-level value");
			hv_free(v);
			v = NULL;
		}
	}
	if (v && p.type_err) {
		hv_free(v);
		v = NULL;
		p.err = p.type_err;
		p.errpos = p.type_errpos;
	} else {
		free(p.type_err);
	}
	if (!v && !name) {
		*err = p.err;
	} else if (!v) {
		int line = 1, col = 1;
		for (size_t i = 0; i < p.errpos && i < n; i++) {
			if (s[i] == '\n')
				line++, col = 1;
			else
				col++;
		}
		*err = xasprintf("%s:%d:%d: %s", name, line, col, p.err);
		free(p.err);
	}
	return v;
}

/* ---- emitting ---- */

void json_emit_string(buf *b, const char *s, size_t n, int flags)
{
	static const char hex[] = "0123456789abcdef";
	buf_putc(b, '"');
	size_t start = 0, i = 0;
	bool escape_html = flags & JSON_ESCAPE_HTML;
	while (i < n) {
		uint64_t x;
		if (i + 8 <= n && (memcpy(&x, s + i, 8), !special8(x, escape_html))) {
			i += 8;
			continue;
		}
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			bool html = escape_html && (c == '<' || c == '>' || c == '&');
			if (c >= 0x20 && c != '"' && c != '\\' && !html) {
				i++;
				continue;
			}
			buf_add(b, s + start, i - start);
			switch (c) {
			case '"': buf_puts(b, "\\\""); break;
			case '\\': buf_puts(b, "\\\\"); break;
			case '\b': buf_puts(b, "\\b"); break;
			case '\f': buf_puts(b, "\\f"); break;
			case '\n': buf_puts(b, "\\n"); break;
			case '\r': buf_puts(b, "\\r"); break;
			case '\t': buf_puts(b, "\\t"); break;
			default:
				buf_puts(b, "\\u00");
				buf_putc(b, hex[c >> 4]);
				buf_putc(b, hex[c & 15]);
			}
			start = ++i;
			continue;
		}
		int size;
		int r = go_utf8_decode(s + i, n - i, &size);
		if (r < 0 || r == 0x2028 || r == 0x2029) {
			buf_add(b, s + start, i - start);
			buf_puts(b, r < 0 ? "\\ufffd" : r == 0x2028 ? "\\u2028" : "\\u2029");
			start = i + (size_t)size;
		}
		i += (size_t)size;
	}
	buf_add(b, s + start, n - start);
	buf_putc(b, '"');
}

static void newline(buf *b, int flags, int depth)
{
	if (!(flags & JSON_INDENT))
		return;
	buf_putc(b, '\n');
	for (int i = 0; i < depth; i++)
		buf_puts(b, "  ");
}

static bool emit(buf *b, const hv *v, int flags, int depth, char **err)
{
	switch (hv_kind_of(v)) {
	case HV_NIL:
	case HV_OBJECT:
		buf_puts(b, "null");
		return true;
	case HV_BOOL:
		buf_puts(b, hv_get_bool(v) ? "true" : "false");
		return true;
	case HV_INT:
		buf_printf(b, "%lld", (long long)hv_get_int(v));
		return true;
	case HV_UINT:
		buf_printf(b, "%llu", (unsigned long long)hv_get_uint(v));
		return true;
	case HV_FLOAT: {
		double f = hv_get_float(v);
		if (isnan(f) || isinf(f)) {
			buf tmp = BUF_INIT;
			go_format_float(&tmp, f, 'g', -1);
			*err = xasprintf("json: unsupported value: %s", buf_str(&tmp));
			buf_free(&tmp);
			return false;
		}
		go_format_float_json(b, f);
		return true;
	}
	case HV_STRING:
		json_emit_string(b, hv_get_str(v), hv_str_len(v), flags);
		return true;
	case HV_LIST: {
		if (hv_sub(v) == HV_GO_BYTES) {
			buf_putc(b, '"');
			base64_encode_list(b, v);
			buf_putc(b, '"');
			return true;
		}
		size_t n = hv_len(v);
		buf_putc(b, '[');
		for (size_t i = 0; i < n; i++) {
			if (i)
				buf_putc(b, ',');
			newline(b, flags, depth + 1);
			if (!emit(b, hv_list_get(v, i), flags, depth + 1, err))
				return false;
		}
		if (n)
			newline(b, flags, depth);
		buf_putc(b, ']');
		return true;
	}
	case HV_MAP: {
		size_t n = hv_len(v);
		buf_putc(b, '{');
		for (size_t i = 0; i < n; i++) {
			if (i)
				buf_putc(b, ',');
			newline(b, flags, depth + 1);
			json_emit_string(b, hv_map_key(v, i), hv_map_keylen(v, i), flags);
			buf_puts(b, (flags & JSON_INDENT) ? ": " : ":");
			if (!emit(b, hv_map_val(v, i), flags, depth + 1, err))
				return false;
		}
		if (n)
			newline(b, flags, depth);
		buf_putc(b, '}');
		return true;
	}
	case HV_FUNC:
		*err = xasprintf("json: unsupported type: %s", hv_gotype(v));
		return false;
	}
	return true;
}

int json_emit_checked(buf *b, const hv *v, int flags, char **err)
{
	size_t start = b->len;
	if (emit(b, v, flags, 0, err))
		return 0;
	b->len = start;
	if (b->s)
		b->s[start] = 0;
	return -1;
}

void json_emit(buf *b, const hv *v, int flags)
{
	char *err = NULL;
	if (json_emit_checked(b, v, flags, &err) < 0)
		free(err);
}
