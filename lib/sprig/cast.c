/* cast.c — spf13/cast's conversions and Sprig's strval/strslice. */
#include "sprig/cast.h"

#include <stdlib.h>
#include <string.h>

#include "gofmt.h"
#include "strconv.h"

/* Go's float64 -> int64 conversion on amd64: out of range and NaN give math.MinInt64. */
static int64_t float_to_int64(double f)
{
	if (!(f >= -9223372036854775808.0 && f < 9223372036854775808.0))
		return INT64_MIN;
	return (int64_t)f;
}

/* cast's trimZeroDecimal: "4.00" -> "4", "4.50" and "4." unchanged. */
static size_t trim_zero_decimal(const char *s, size_t n)
{
	bool found_zero = false;
	for (size_t i = n; i > 0; i--) {
		if (s[i - 1] == '.') {
			if (found_zero)
				return i - 1;
		} else if (s[i - 1] == '0') {
			found_zero = true;
		} else {
			return n;
		}
	}
	return n;
}

int64_t cast_to_int64(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_INT:
		return hv_get_int(v);
	case HV_UINT:
		return (int64_t)hv_get_uint(v);
	case HV_FLOAT:
		return float_to_int64(hv_get_float(v));
	case HV_BOOL:
		return hv_get_bool(v);
	case HV_STRING: {
		int64_t i;
		if (go_parse_int(hv_get_str(v), trim_zero_decimal(hv_get_str(v), hv_str_len(v)), 0, &i) != GO_NUM_OK)
			return 0;
		return i;
	}
	default:
		return 0;
	}
}

int64_t cast_to_int(const hv *v) { return cast_to_int64(v); }

double cast_to_float64(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_INT:
	case HV_UINT:
	case HV_FLOAT:
		return hv_get_float(v);
	case HV_BOOL:
		return hv_get_bool(v);
	case HV_STRING: {
		double d;
		if (go_parse_float(hv_get_str(v), hv_str_len(v), &d) != GO_NUM_OK)
			return 0;
		return d;
	}
	default:
		return 0;
	}
}

/* Calls V's method NAME when V is an object that has it and it returns a string (fmt.Stringer's
 * String, error's Error): appends the result and returns true.  An argument is a copy, so a
 * String declared on the pointer receiver is not there. */
static bool call_string_method(buf *b, const hv *v, const char *name)
{
	const struct hv_object_ops *ops = hv_object_ops_of(v);
	if (!ops || !ops->lookup || (ops->string_on_pointer && strcmp(name, "String") == 0))
		return false;
	hv *m = ops->lookup((hv *)v, name);
	if (!m)
		return false;
	bool done = false;
	if (hv_kind_of(m) == HV_FUNC) {
		char *err = NULL;
		hv *r = hv_call(m, NULL, 0, &err);
		if (r && hv_kind_of(r) == HV_STRING) {
			buf_add(b, hv_get_str(r), hv_str_len(r));
			done = true;
		}
		hv_free(r);
		free(err);
	}
	hv_free(m);
	return done;
}

static bool append_bytes(buf *b, const hv *v)
{
	if (hv_kind_of(v) != HV_LIST || hv_sub(v) != HV_GO_BYTES)
		return false;
	for (size_t i = 0; i < hv_len(v); i++)
		buf_putc(b, (char)hv_get_uint(hv_list_get(v, i)));
	return true;
}

static void strval(buf *b, const hv *v)
{
	if (hv_kind_of(v) == HV_STRING)
		buf_add(b, hv_get_str(v), hv_str_len(v));
	else if (append_bytes(b, v))
		return;
	else if (call_string_method(b, v, "Error") || call_string_method(b, v, "String"))
		return;
	else
		go_print_value(b, v);
}

hv *cast_strval_hv(const hv *v)
{
	if (hv_kind_of(v) == HV_STRING)
		return hv_ref((hv *)v);
	buf b = BUF_INIT;
	strval(&b, v);
	size_t n;
	char *s = buf_detach(&b, &n);
	return hv_str_take(s, n);
}

hv *cast_plain(const hv *v)
{
	const struct hv_object_ops *ops = hv_object_ops_of(v);
	if (ops && ops->underlying)
		return ops->underlying((hv *)v);
	return hv_ref((hv *)v);
}

hv *cast_strslice(const hv *orig)
{
	hv *v = cast_plain(orig);
	if (hv_kind_of(v) == HV_LIST && hv_sub(v) == HV_GO_STRLIST)
		return v;
	hv *out = hv_list();
	hv_set_sub(out, HV_GO_STRLIST);
	if (hv_kind_of(v) == HV_LIST) {
		for (size_t i = 0; i < hv_len(v); i++)
			if (!hv_is_nil(hv_list_get(v, i)))
				hv_list_push(out, cast_strval_hv(hv_list_get(v, i)));
	} else if (!hv_is_nil(v)) {
		hv_list_push(out, cast_strval_hv(v));
	}
	hv_free(v);
	return out;
}

bool cast_is_list(const hv *v)
{
	hv *p = cast_plain(v);
	bool list = hv_kind_of(p) == HV_LIST;
	hv_free(p);
	return list;
}

const char *cast_kind(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_NIL: return "invalid";
	case HV_BOOL: return "bool";
	case HV_INT:
	case HV_UINT:
	case HV_FLOAT:
	case HV_STRING: return hv_gotype(v); /* basic types are named after their kind */
	case HV_LIST: return "slice";
	case HV_MAP: return "map";
	case HV_OBJECT:
		if (hv_object_ops_of(v)->underlying) {
			hv *p = cast_plain(v);
			const char *k = cast_kind(p);
			hv_free(p);
			return k;
		}
		return hv_gotype(v)[0] == '*' ? "ptr" : "struct";
	case HV_FUNC: return "func";
	}
	return "invalid";
}
