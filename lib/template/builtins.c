/* builtins.c — text/template's predefined functions: comparisons, len, index, slice, not,
 * print/printf/println, html, js, urlquery (and/or/call are evaluated by exec.c).
 * Arguments with the R code are raw: NULL is Go's invalid value, hv_nil() a nil interface. */
#include "template/internal.h"
#include "gofmt.h"
#include "strconv.h"
#include "util.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

enum kind { K_INVALID, K_BOOL, K_COMPLEX, K_INT, K_FLOAT, K_STRING, K_UINT };

/* Go's indirectInterface: a nil interface is the invalid value. */
static const hv *indirect_iface(const hv *v) { return v && hv_is_nil(v) ? NULL : v; }

static enum kind basic_kind(const hv *v)
{
	if (!v)
		return K_INVALID;
	switch (hv_kind_of(v)) {
	case HV_BOOL: return K_BOOL;
	case HV_INT: return K_INT;
	case HV_UINT: return K_UINT;
	case HV_FLOAT: return K_FLOAT;
	case HV_STRING: return K_STRING;
	case HV_OBJECT: return hv_object_ops_of(v) == &go_complex_ops ? K_COMPLEX : K_INVALID;
	default: return K_INVALID;
	}
}

static int strcmp_hv(const hv *a, const hv *b)
{
	size_t la = hv_str_len(a), lb = hv_str_len(b);
	int c = memcmp(hv_get_str(a), hv_get_str(b), la < lb ? la : lb);
	return c ? c : (la < lb ? -1 : la > lb);
}

static bool comparable(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_LIST: case HV_MAP: case HV_FUNC: return false;
	default: return true;
	}
}

static char *sprintf_v(const char *fmt, const hv *a, const hv *b)
{
	buf out = BUF_INIT;
	hv *args[2] = {(hv *)a, (hv *)b};
	go_sprintf(&out, fmt, strlen(fmt), args, b ? 2 : 1);
	return buf_detach(&out, NULL);
}

/* eq of two values; -1 with *err on error. */
static int eq2(const hv *a1, const hv *a2, char **err)
{
	enum kind k1 = basic_kind(a1), k2 = basic_kind(a2);
	if (k1 != k2) {
		if (k1 == K_INT && k2 == K_UINT)
			return hv_get_int(a1) >= 0 && (uint64_t)hv_get_int(a1) == hv_get_uint(a2);
		if (k1 == K_UINT && k2 == K_INT)
			return hv_get_int(a2) >= 0 && hv_get_uint(a1) == (uint64_t)hv_get_int(a2);
		if (a1 && a2) {
			*err = xstrdup("incompatible types for comparison");
			return -1;
		}
		return 0;
	}
	switch (k1) {
	case K_BOOL: return hv_get_bool(a1) == hv_get_bool(a2);
	case K_COMPLEX: {
		const double *c1 = hv_object_data(a1), *c2 = hv_object_data(a2);
		return c1[0] == c2[0] && c1[1] == c2[1];
	}
	case K_FLOAT: return hv_get_float(a1) == hv_get_float(a2);
	case K_INT: return hv_get_int(a1) == hv_get_int(a2);
	case K_STRING: return strcmp_hv(a1, a2) == 0;
	case K_UINT: return hv_get_uint(a1) == hv_get_uint(a2);
	case K_INVALID: break;
	}
	if (!a1 || !a2)
		return !a1 && !a2;
	if (strcmp(hv_gotype(a1), hv_gotype(a2)) != 0) {
		buf b = BUF_INIT;
		char *s1 = sprintf_v("%s", a1, NULL), *s2 = sprintf_v("%v", a2, NULL);
		buf_printf(&b, "non-comparable types %s: %s, %s: %s", s1, hv_gotype(a1), hv_gotype(a2), s2);
		free(s1);
		free(s2);
		*err = buf_detach(&b, NULL);
		return -1;
	}
	if (!comparable(a2)) {
		char *s = sprintf_v("%s", a2, NULL);
		*err = xasprintf("non-comparable type %s: %s", s, hv_gotype(a2));
		free(s);
		return -1;
	}
	return hv_equal(a1, a2);
}

static hv *f_eq(hv **argv, int argc, char **err)
{
	const hv *a1 = indirect_iface(argv[0]);
	if (argc < 2) {
		*err = xstrdup("missing argument for comparison");
		return NULL;
	}
	for (int i = 1; i < argc; i++) {
		int t = eq2(a1, indirect_iface(argv[i]), err);
		if (t < 0)
			return NULL;
		if (t)
			return hv_bool(true);
	}
	return hv_bool(false);
}

static hv *f_ne(hv **argv, int argc, char **err)
{
	int t = eq2(indirect_iface(argv[0]), indirect_iface(argv[1]), err);
	return t < 0 ? NULL : hv_bool(!t);
}

static int lt2(const hv *a1, const hv *a2, char **err)
{
	a1 = indirect_iface(a1);
	a2 = indirect_iface(a2);
	enum kind k1 = basic_kind(a1), k2 = basic_kind(a2);
	if (k1 == K_INVALID || k2 == K_INVALID) {
		*err = xstrdup("invalid type for comparison");
		return -1;
	}
	if (k1 != k2) {
		if (k1 == K_INT && k2 == K_UINT)
			return hv_get_int(a1) < 0 || (uint64_t)hv_get_int(a1) < hv_get_uint(a2);
		if (k1 == K_UINT && k2 == K_INT)
			return hv_get_int(a2) >= 0 && hv_get_uint(a1) < (uint64_t)hv_get_int(a2);
		*err = xstrdup("incompatible types for comparison");
		return -1;
	}
	switch (k1) {
	case K_FLOAT: return hv_get_float(a1) < hv_get_float(a2);
	case K_INT: return hv_get_int(a1) < hv_get_int(a2);
	case K_STRING: return strcmp_hv(a1, a2) < 0;
	case K_UINT: return hv_get_uint(a1) < hv_get_uint(a2);
	default:
		*err = xstrdup("invalid type for comparison");
		return -1;
	}
}

static int le2(hv *a1, hv *a2, char **err)
{
	int t = lt2(a1, a2, err);
	if (t != 0)
		return t;
	return eq2(indirect_iface(a1), indirect_iface(a2), err);
}

static hv *f_lt(hv **argv, int argc, char **err)
{
	int t = lt2(argv[0], argv[1], err);
	return t < 0 ? NULL : hv_bool(t);
}

static hv *f_le(hv **argv, int argc, char **err)
{
	int t = le2(argv[0], argv[1], err);
	return t < 0 ? NULL : hv_bool(t);
}

static hv *f_gt(hv **argv, int argc, char **err)
{
	int t = le2(argv[0], argv[1], err);
	return t < 0 ? NULL : hv_bool(!t);
}

static hv *f_ge(hv **argv, int argc, char **err)
{
	int t = lt2(argv[0], argv[1], err);
	return t < 0 ? NULL : hv_bool(!t);
}

static hv *f_not(hv **argv, int argc, char **err)
{
	const hv *v = indirect_iface(argv[0]);
	return hv_bool(!(v && hv_truth(v)));
}

/* The plain map or list under a named type (Helm's files, VersionSet). */
static hv *underlying(const hv *v)
{
	if (v && hv_kind_of(v) == HV_OBJECT && hv_object_ops_of(v)->underlying)
		return hv_object_ops_of(v)->underlying((hv *)v);
	return v ? hv_ref((hv *)v) : NULL;
}

static const char *deref_type(const hv *v)
{
	const char *t = hv_gotype(v);
	return t[0] == '*' ? t + 1 : t;
}

static hv *f_len(hv **argv, int argc, char **err)
{
	if (!argv[0]) {
		*err = xstrdup("reflect: call of reflect.Value.Type on zero Value");
		return NULL;
	}
	if (hv_is_nil(argv[0])) {
		*err = xstrdup("len of nil pointer");
		return NULL;
	}
	hv *u = underlying(argv[0]);
	hv *r = NULL;
	switch (hv_kind_of(u)) {
	case HV_LIST: case HV_MAP: case HV_STRING:
		r = hv_int((int64_t)hv_len(u));
		break;
	default:
		*err = xasprintf("len of type %s", deref_type(u));
	}
	hv_free(u);
	return r;
}

static int index_arg(const hv *index, size_t cap, int64_t *out, char **err)
{
	index = indirect_iface(index);
	int64_t x;
	if (!index) {
		*err = xstrdup("cannot index slice/array with nil");
		return -1;
	}
	if (hv_kind_of(index) == HV_INT)
		x = hv_get_int(index);
	else if (hv_kind_of(index) == HV_UINT)
		x = (int64_t)hv_get_uint(index);
	else {
		*err = xasprintf("cannot index slice/array with type %s", hv_gotype(index));
		return -1;
	}
	if (x < 0 || (uint64_t)x > cap) {
		*err = xasprintf("index out of range: %" PRId64, x);
		return -1;
	}
	*out = x;
	return 0;
}

static hv *f_index(hv **argv, int argc, char **err)
{
	const hv *item0 = indirect_iface(argv[0]);
	if (!item0) {
		*err = xstrdup("index of untyped nil");
		return NULL;
	}
	hv *item = hv_ref((hv *)item0);
	for (int i = 1; i < argc; i++) {
		if (hv_is_nil(item)) {
			hv_free(item);
			*err = xstrdup("index of nil pointer");
			return NULL;
		}
		hv *u = underlying(item);
		hv_free(item);
		item = NULL;
		int64_t x;
		switch (hv_kind_of(u)) {
		case HV_LIST: case HV_STRING:
			if (index_arg(argv[i], hv_len(u), &x, err) < 0)
				break;
			if ((size_t)x == hv_len(u)) {
				*err = xasprintf("reflect: %s index out of range",
						 hv_kind_of(u) == HV_STRING ? "string" : "slice");
				break;
			}
			if (hv_kind_of(u) == HV_STRING)
				item = hv_uint((unsigned char)hv_get_str(u)[x], HV_GO_UINT8);
			else
				item = hv_ref(hv_list_get(u, (size_t)x));
			break;
		case HV_MAP: {
			const hv *k = indirect_iface(argv[i]);
			if (!k) {
				*err = xstrdup("value is nil; should be of type string");
				break;
			}
			if (hv_kind_of(k) != HV_STRING) {
				*err = xasprintf("value has type %s; should be string", hv_gotype(k));
				break;
			}
			hv *e = hv_map_getn(u, hv_get_str(k), hv_str_len(k));
			item = e ? hv_ref(e) : hv_sub(u) == HV_GO_STRMAP ? hv_str("") : hv_nil();
			break;
		}
		default:
			*err = xasprintf("can't index item of type %s", hv_gotype(u));
		}
		hv_free(u);
		if (!item)
			return NULL;
	}
	return item;
}

static hv *f_slice(hv **argv, int argc, char **err)
{
	const hv *item0 = indirect_iface(argv[0]);
	if (!item0) {
		*err = xstrdup("slice of untyped nil");
		return NULL;
	}
	if (argc - 1 > 3) {
		*err = xasprintf("too many slice indexes: %d", argc - 1);
		return NULL;
	}
	hv *item = underlying(item0);
	hv *r = NULL;
	int64_t idx[3] = {0, (int64_t)hv_len(item), 0};
	if (hv_kind_of(item) == HV_STRING && argc - 1 == 3) {
		*err = xstrdup("cannot 3-index slice a string");
		goto out;
	}
	if (hv_kind_of(item) != HV_STRING && hv_kind_of(item) != HV_LIST) {
		*err = xasprintf("can't slice item of type %s", hv_gotype(item));
		goto out;
	}
	for (int i = 1; i < argc; i++)
		if (index_arg(argv[i], hv_len(item), &idx[i - 1], err) < 0)
			goto out;
	if (idx[0] > idx[1]) {
		*err = xasprintf("invalid slice index: %" PRId64 " > %" PRId64, idx[0], idx[1]);
		goto out;
	}
	if (argc - 1 == 3 && idx[1] > idx[2]) {
		*err = xasprintf("invalid slice index: %" PRId64 " > %" PRId64, idx[1], idx[2]);
		goto out;
	}
	if (hv_kind_of(item) == HV_STRING)
		r = hv_strn(hv_get_str(item) + idx[0], (size_t)(idx[1] - idx[0]));
	else {
		r = hv_list();
		hv_set_sub(r, hv_sub(item));
		for (int64_t i = idx[0]; i < idx[1]; i++)
			hv_list_push(r, hv_ref(hv_list_get(item, (size_t)i)));
	}
out:
	hv_free(item);
	return r;
}

static hv *take(buf *b)
{
	size_t n;
	char *s = buf_detach(b, &n);
	return hv_str_take(s, n);
}

static hv *f_print(hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	go_sprint(&b, argv, argc);
	return take(&b);
}

static hv *f_println(hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	go_sprintln(&b, argv, argc);
	return take(&b);
}

static hv *f_printf(hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	go_sprintf(&b, hv_get_str(argv[0]), hv_str_len(argv[0]), argv + 1, argc - 1);
	return take(&b);
}

/* Go's evalArgs: one string as is, else fmt.Sprint with nil shown as "<no value>". */
static void eval_args(buf *b, hv **argv, int argc)
{
	if (argc == 1 && hv_kind_of(argv[0]) == HV_STRING) {
		buf_add(b, hv_get_str(argv[0]), hv_str_len(argv[0]));
		return;
	}
	hv **a = xcalloc((size_t)argc + 1, sizeof *a);
	for (int i = 0; i < argc; i++)
		a[i] = hv_is_nil(argv[i]) ? hv_str("<no value>") : hv_ref(argv[i]);
	go_sprint(b, a, argc);
	for (int i = 0; i < argc; i++)
		hv_free(a[i]);
	free(a);
}

static hv *f_html(hv **argv, int argc, char **err)
{
	buf in = BUF_INIT, out = BUF_INIT;
	eval_args(&in, argv, argc);
	for (size_t i = 0; i < in.len; i++) {
		switch (in.s[i]) {
		case '"': buf_puts(&out, "&#34;"); break;
		case '\'': buf_puts(&out, "&#39;"); break;
		case '&': buf_puts(&out, "&amp;"); break;
		case '<': buf_puts(&out, "&lt;"); break;
		case '>': buf_puts(&out, "&gt;"); break;
		case 0: buf_puts(&out, "\xef\xbf\xbd"); break;
		default: buf_putc(&out, in.s[i]);
		}
	}
	buf_free(&in);
	return take(&out);
}

static hv *f_js(hv **argv, int argc, char **err)
{
	buf in = BUF_INIT, out = BUF_INIT;
	eval_args(&in, argv, argc);
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < in.len; i++) {
		unsigned char c = (unsigned char)in.s[i];
		if (c < 0x80) {
			switch (c) {
			case '\\': buf_puts(&out, "\\\\"); break;
			case '\'': buf_puts(&out, "\\'"); break;
			case '"': buf_puts(&out, "\\\""); break;
			case '<': buf_puts(&out, "\\u003C"); break;
			case '>': buf_puts(&out, "\\u003E"); break;
			case '&': buf_puts(&out, "\\u0026"); break;
			case '=': buf_puts(&out, "\\u003D"); break;
			default:
				if (c < ' ') {
					buf_puts(&out, "\\u00");
					buf_putc(&out, hex[c >> 4]);
					buf_putc(&out, hex[c & 15]);
				} else
					buf_putc(&out, (char)c);
			}
			continue;
		}
		int size;
		int r = go_utf8_decode(in.s + i, in.len - i, &size);
		if (r < 0 || go_is_print(r)) /* an invalid byte is U+FFFD, printable: kept */
			buf_add(&out, in.s + i, (size_t)size);
		else
			buf_printf(&out, "\\u%04X", r);
		i += (size_t)size - 1;
	}
	buf_free(&in);
	return take(&out);
}

static hv *f_urlquery(hv **argv, int argc, char **err)
{
	buf in = BUF_INIT, out = BUF_INIT;
	eval_args(&in, argv, argc);
	for (size_t i = 0; i < in.len; i++) {
		unsigned char c = (unsigned char)in.s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-_.~", c))
			buf_putc(&out, (char)c);
		else if (c == ' ')
			buf_putc(&out, '+');
		else
			buf_printf(&out, "%%%02X", c);
	}
	buf_free(&in);
	return take(&out);
}

static hv *f_none(hv **argv, int argc, char **err) { return NULL; } /* and, or, call: see exec.c */

static const struct builtin builtins[] = {
	{"and", f_none, "RR*"},
	{"call", f_none, "RR*"},
	{"eq", f_eq, "RR*"},
	{"ge", f_ge, "RR"},
	{"gt", f_gt, "RR"},
	{"html", f_html, "v*"},
	{"index", f_index, "RR*"},
	{"js", f_js, "v*"},
	{"le", f_le, "RR"},
	{"len", f_len, "R"},
	{"lt", f_lt, "RR"},
	{"ne", f_ne, "RR"},
	{"not", f_not, "R"},
	{"or", f_none, "RR*"},
	{"print", f_print, "v*"},
	{"printf", f_printf, "sv*"},
	{"println", f_println, "v*"},
	{"slice", f_slice, "RR*"},
	{"urlquery", f_urlquery, "v*"},
};

const struct builtin *builtin_get(const char *name)
{
	size_t lo = 0, hi = sizeof builtins / sizeof *builtins;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(builtins[mid].name, name);
		if (c == 0)
			return &builtins[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1 + 1;
	}
	return NULL;
}
