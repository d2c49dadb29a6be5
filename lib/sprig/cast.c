/* cast.c — spf13/cast's conversions and Sprig's strval/strslice, with Go's parsing rules. */
#include "sprig/cast.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gofmt.h"
#include "strconv.h"
#include "util.h"

static int lower(int c) { return c | 0x20; }

/* strconv's underscoreOK: '_' only between digits, or between a base prefix and a digit. */
static bool underscore_ok(const char *s, size_t n)
{
	char saw = '^';
	size_t i = 0;
	if (n >= 1 && (s[0] == '-' || s[0] == '+')) {
		s++;
		n--;
	}
	bool hex = false;
	if (n >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
		i = 2;
		saw = '0';
		hex = lower(s[1]) == 'x';
	}
	for (; i < n; i++) {
		if ((s[i] >= '0' && s[i] <= '9') || (hex && lower(s[i]) >= 'a' && lower(s[i]) <= 'f')) {
			saw = '0';
			continue;
		}
		if (s[i] == '_') {
			if (saw != '0')
				return false;
			saw = '_';
			continue;
		}
		if (saw == '_')
			return false;
		saw = '!';
	}
	return saw != '_';
}

/* strconv.ParseUint(s, base, 64). */
static bool parse_uint(const char *s, size_t n, int base, uint64_t *out)
{
	const char *s0 = s;
	size_t n0 = n;
	if (n == 0)
		return false;
	bool base0 = base == 0;
	if (base0) {
		base = 10;
		if (s[0] == '0') {
			if (n >= 3 && lower(s[1]) == 'b')
				base = 2, s += 2, n -= 2;
			else if (n >= 3 && lower(s[1]) == 'o')
				base = 8, s += 2, n -= 2;
			else if (n >= 3 && lower(s[1]) == 'x')
				base = 16, s += 2, n -= 2;
			else
				base = 8, s += 1, n -= 1;
		}
	} else if (base < 2 || base > 36) {
		return false;
	}
	bool underscores = false;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], d;
		if (c == '_' && base0) {
			underscores = true;
			continue;
		} else if (c >= '0' && c <= '9') {
			d = c - '0';
		} else if (lower(c) >= 'a' && lower(c) <= 'z') {
			d = lower(c) - 'a' + 10;
		} else {
			return false;
		}
		if (d >= base)
			return false;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return false;
		v = v * (uint64_t)base + (uint64_t)d;
	}
	if (underscores && !underscore_ok(s0, n0))
		return false;
	*out = v;
	return true;
}

bool cast_parse_int(const char *s, size_t n, int base, int64_t *out)
{
	*out = 0;
	if (n == 0)
		return false;
	bool neg = false;
	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		s++;
		n--;
	}
	uint64_t u;
	if (!parse_uint(s, n, base, &u))
		return false;
	if (!neg && u > (uint64_t)INT64_MAX)
		return false;
	if (neg && u > (uint64_t)INT64_MAX + 1)
		return false;
	*out = neg ? (int64_t)(0 - u) : (int64_t)u;
	return true;
}

static size_t common_prefix_ignore_case(const char *s, size_t n, const char *word)
{
	size_t i = 0;
	while (i < n && word[i] && lower((unsigned char)s[i]) == word[i])
		i++;
	return i;
}

/* strconv's special(): "inf", "+Infinity", "NaN" ...; returns the bytes used, 0 if none. */
static size_t parse_special(const char *s, size_t n, double *out)
{
	if (n == 0)
		return 0;
	size_t nsign = 0;
	double sign = 1;
	if (s[0] == '+' || s[0] == '-') {
		sign = s[0] == '-' ? -1 : 1;
		nsign = 1;
	} else if (lower(s[0]) == 'n') {
		if (common_prefix_ignore_case(s, n, "nan") == 3) {
			*out = NAN;
			return 3;
		}
		return 0;
	} else if (lower(s[0]) != 'i') {
		return 0;
	}
	size_t k = common_prefix_ignore_case(s + nsign, n - nsign, "infinity");
	if (k > 3 && k < 8)
		k = 3;
	if (k == 3 || k == 8) {
		*out = sign * INFINITY;
		return nsign + k;
	}
	return 0;
}

/* Whether s is a whole Go float literal as strconv's readFloat accepts it. */
static bool float_syntax_ok(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	bool hex = false, underscores = false, sawdot = false, sawdigits = false;
	if (i + 2 < n && s[i] == '0' && lower(s[i + 1]) == 'x') {
		hex = true;
		i += 2;
	}
	for (; i < n; i++) {
		char c = s[i];
		if (c == '_') {
			underscores = true;
		} else if (c == '.') {
			if (sawdot)
				break;
			sawdot = true;
		} else if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
			sawdigits = true;
		} else {
			break;
		}
	}
	if (!sawdigits)
		return false;
	if (i < n && lower(s[i]) == (hex ? 'p' : 'e')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return false;
		for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++)
			if (s[i] == '_')
				underscores = true;
	} else if (hex) {
		return false; /* a hex float needs its p exponent */
	}
	if (underscores && !underscore_ok(s, i))
		return false;
	return i == n;
}

bool cast_parse_float(const char *s, size_t n, double *out)
{
	*out = 0;
	double special;
	size_t k = parse_special(s, n, &special);
	if (k) {
		if (k != n)
			return false;
		*out = special;
		return true;
	}
	if (!float_syntax_ok(s, n))
		return false;
	char *clean = xmalloc(n + 1), *end;
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '_')
			clean[m++] = s[i];
	clean[m] = 0;
	errno = 0;
	double d = strtod(clean, &end);
	bool overflow = errno == ERANGE && isinf(d);
	free(clean);
	if (overflow)
		return false; /* Go reports overflow as an error; underflow is a quiet 0 */
	*out = d;
	return true;
}

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
		cast_parse_int(hv_get_str(v), trim_zero_decimal(hv_get_str(v), hv_str_len(v)), 0, &i);
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
		cast_parse_float(hv_get_str(v), hv_str_len(v), &d);
		return d;
	}
	default:
		return 0;
	}
}

bool cast_to_bool(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_BOOL:
		return hv_get_bool(v);
	case HV_INT:
	case HV_UINT:
		return hv_get_uint(v) != 0;
	case HV_FLOAT:
		return hv_get_float(v) != 0;
	case HV_STRING: {
		static const char *truths[] = {"1", "t", "T", "TRUE", "true", "True"};
		const char *s = hv_get_str(v);
		if (strlen(s) != hv_str_len(v))
			return false;
		for (size_t i = 0; i < sizeof truths / sizeof *truths; i++)
			if (strcmp(s, truths[i]) == 0)
				return true;
		return false;
	}
	default:
		return false;
	}
}

bool cast_call_string_method(buf *b, const hv *v, const char *name)
{
	const struct hv_object_ops *ops = hv_object_ops_of(v);
	if (!ops || !ops->lookup)
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

void cast_to_string(buf *b, const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_STRING:
		buf_add(b, hv_get_str(v), hv_str_len(v));
		return;
	case HV_BOOL:
		buf_puts(b, hv_get_bool(v) ? "true" : "false");
		return;
	case HV_FLOAT:
		go_format_float(b, hv_get_float(v), 'f', -1);
		return;
	case HV_INT:
		buf_printf(b, "%lld", (long long)hv_get_int(v));
		return;
	case HV_UINT:
		buf_printf(b, "%llu", (unsigned long long)hv_get_uint(v));
		return;
	case HV_LIST:
		append_bytes(b, v);
		return;
	case HV_OBJECT:
		if (!cast_call_string_method(b, v, "String"))
			cast_call_string_method(b, v, "Error");
		return;
	default:
		return;
	}
}

void cast_strval(buf *b, const hv *v)
{
	if (hv_kind_of(v) == HV_STRING)
		buf_add(b, hv_get_str(v), hv_str_len(v));
	else if (append_bytes(b, v))
		return;
	else if (cast_call_string_method(b, v, "Error") || cast_call_string_method(b, v, "String"))
		return;
	else
		go_print_value(b, v);
}

hv *cast_strval_hv(const hv *v)
{
	if (hv_kind_of(v) == HV_STRING)
		return hv_ref((hv *)v);
	buf b = BUF_INIT;
	cast_strval(&b, v);
	size_t n;
	char *s = buf_detach(&b, &n);
	return hv_str_take(s, n);
}

hv *cast_strslice(const hv *v)
{
	if (hv_kind_of(v) == HV_LIST && hv_sub(v) == HV_GO_STRLIST)
		return hv_ref((hv *)v);
	hv *out = hv_list();
	hv_set_sub(out, HV_GO_STRLIST);
	if (hv_kind_of(v) == HV_LIST) {
		for (size_t i = 0; i < hv_len(v); i++)
			if (!hv_is_nil(hv_list_get(v, i)))
				hv_list_push(out, cast_strval_hv(hv_list_get(v, i)));
	} else if (!hv_is_nil(v)) {
		hv_list_push(out, cast_strval_hv(v));
	}
	return out;
}

bool cast_is_list(const hv *v) { return hv_kind_of(v) == HV_LIST; }

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
	case HV_OBJECT: return hv_gotype(v)[0] == '*' ? "ptr" : "struct";
	case HV_FUNC: return "func";
	}
	return "invalid";
}
