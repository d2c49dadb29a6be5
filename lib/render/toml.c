/* toml.c — toToml: BurntSushi/toml's Encoder output for plain values (what Helm 3.17 uses). */
#include "render/toml.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "strconv.h"
#include "util.h"

struct enc {
	buf *b;
	bool written;
	char *err;
};

static void wf(struct enc *e, const char *s, size_t n)
{
	buf_add(e->b, s, n);
	e->written = true;
}

static void newline(struct enc *e)
{
	if (e->written)
		wf(e, "\n", 1);
}

static bool is_table(const hv *v)
{
	return hv_kind_of(v) == HV_MAP;
}

static bool is_table_array(const hv *v)
{
	if (hv_kind_of(v) != HV_LIST || hv_sub(v) == HV_GO_BYTES || hv_len(v) == 0)
		return false;
	for (size_t i = 0; i < hv_len(v); i++)
		if (!is_table(hv_list_get(v, i)))
			return false;
	return true;
}

static void quoted(buf *b, const char *s, size_t n)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\b': buf_puts(b, "\\b"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\f': buf_puts(b, "\\f"); break;
		case '\r': buf_puts(b, "\\r"); break;
		default:
			if (c < 0x20 || c == 0x7F)
				buf_printf(b, "\\u%04x", c);
			else
				buf_putc(b, (char)c);
		}
	}
	buf_putc(b, '"');
}

/* A key part: bare when it is only A-Za-z0-9_-, else quoted. */
static void key_part(buf *b, const char *k)
{
	bool bare = *k != 0;
	for (const char *p = k; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '_' || *p == '-'))
			bare = false;
	if (bare)
		buf_puts(b, k);
	else
		quoted(b, k, strlen(k));
}

struct key {
	const char **parts;
	size_t n;
};

static void key_string(buf *b, const struct key *k)
{
	for (size_t i = 0; i < k->n; i++) {
		if (i)
			buf_putc(b, '.');
		key_part(b, k->parts[i]);
	}
}

static void indent(struct enc *e, const struct key *k)
{
	for (size_t i = 1; i < k->n; i++)
		wf(e, "  ", 2);
}

static void element(struct enc *e, const hv *v)
{
	buf t = BUF_INIT;
	switch (hv_kind_of(v)) {
	case HV_BOOL: buf_puts(&t, hv_get_bool(v) ? "true" : "false"); break;
	case HV_INT: buf_printf(&t, "%" PRId64, hv_get_int(v)); break;
	case HV_UINT: buf_printf(&t, "%" PRIu64, hv_get_uint(v)); break;
	case HV_FLOAT: {
		double f = hv_get_float(v);
		if (isnan(f))
			buf_puts(&t, "nan");
		else if (isinf(f))
			buf_puts(&t, f > 0 ? "inf" : "-inf");
		else {
			go_format_float(&t, f, 'f', -1);
			if (!strchr(buf_str(&t), '.'))
				buf_puts(&t, ".0");
		}
		break;
	}
	case HV_STRING: quoted(&t, hv_get_str(v), hv_str_len(v)); break;
	case HV_LIST:
		wf(e, "[", 1);
		for (size_t i = 0; i < hv_len(v); i++) {
			if (i)
				wf(e, ", ", 2);
			element(e, hv_list_get(v, i));
		}
		wf(e, "]", 1);
		break;
	case HV_MAP:
		wf(e, "{", 1);
		for (size_t i = 0, n = 0; i < hv_len(v); i++) {
			if (hv_is_nil(hv_map_val(v, i)))
				continue;
			if (n++)
				wf(e, ", ", 2);
			key_part(&t, hv_map_key(v, i));
			buf_puts(&t, " = ");
			wf(e, t.s, t.len);
			buf_reset(&t);
			element(e, hv_map_val(v, i));
		}
		wf(e, "}", 1);
		break;
	default: /* nil: only array elements get here (nil map values are skipped) */
		if (!e->err)
			e->err = xstrdup("toml: cannot encode array with nil element");
		break;
	}
	if (t.len)
		wf(e, t.s, t.len);
	buf_free(&t);
}

static void encode(struct enc *e, struct key *k, const hv *v);

static void table_body(struct enc *e, struct key *k, const hv *m)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < hv_len(m); i++) {
			const hv *val = hv_map_val(m, i);
			bool sub = is_table(val) || is_table_array(val);
			if (sub != (pass == 1) || hv_is_nil(val))
				continue;
			k->parts[k->n++] = hv_map_key(m, i);
			encode(e, k, val);
			k->n--;
		}
}

static void encode(struct enc *e, struct key *k, const hv *v)
{
	buf t = BUF_INIT;
	if (is_table_array(v) && k->n) {
		for (size_t i = 0; i < hv_len(v); i++) {
			newline(e);
			indent(e, k);
			buf_puts(&t, "[[");
			key_string(&t, k);
			buf_puts(&t, "]]");
			wf(e, t.s, t.len);
			buf_reset(&t);
			newline(e);
			table_body(e, k, hv_list_get(v, i));
		}
	} else if (is_table(v)) {
		if (k->n == 1)
			newline(e);
		if (k->n) {
			indent(e, k);
			buf_putc(&t, '[');
			key_string(&t, k);
			buf_putc(&t, ']');
			wf(e, t.s, t.len);
			newline(e);
		}
		table_body(e, k, v);
	} else if (k->n == 0) {
		if (is_table_array(v))
			e->err = xstrdup("toml: top-level values must be Go maps or structs");
		else
			element(e, v);
	} else {
		indent(e, k);
		key_part(&t, k->parts[k->n - 1]);
		buf_puts(&t, " = ");
		wf(e, t.s, t.len);
		element(e, v);
		newline(e);
	}
	buf_free(&t);
}

static size_t depth(const hv *v)
{
	size_t d = 0;
	if (hv_kind_of(v) == HV_MAP)
		for (size_t i = 0; i < hv_len(v); i++) {
			size_t x = depth(hv_map_val(v, i));
			if (x > d)
				d = x;
		}
	else if (hv_kind_of(v) == HV_LIST)
		for (size_t i = 0; i < hv_len(v); i++) {
			size_t x = depth(hv_list_get(v, i));
			if (x > d)
				d = x;
		}
	return d + 1;
}

char *toml_encode(const hv *v, char **err)
{
	buf b = BUF_INIT;
	struct enc e = {&b, false, NULL};
	struct key k = {xmalloc(depth(v) * sizeof *k.parts), 0};
	encode(&e, &k, v);
	free(k.parts);
	if (e.err) {
		buf_free(&b);
		*err = e.err;
		return NULL;
	}
	return buf_detach(&b, NULL);
}
