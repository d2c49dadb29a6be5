/* gostr.c — Go string helpers. */
#include "render/gostr.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include "strconv.h"
#include "util.h"

/* Length of the Unicode white space character at S (Go's unicode.IsSpace), or 0. */
static size_t space_len(const unsigned char *s, size_t n)
{
	if (n >= 1 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
		return 2;
	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
	    ((s[2] >= 0x80 && s[2] <= 0x8A) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
		return 3;
	if (n >= 3 && ((s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) ||
	               (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) ||
	               (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80)))
		return 3;
	return 0;
}

/* Length of the white space character ending at S+N, or 0. */
static size_t space_len_back(const unsigned char *s, size_t n)
{
	for (size_t l = 1; l <= 3 && l <= n; l++)
		if (space_len(s + n - l, l) == l)
			return l;
	return 0;
}

const char *go_trim_space(const char *s, size_t n, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t a = 0, b = n, l;
	while (a < b && (l = space_len(u + a, b - a)))
		a += l;
	while (b > a && (l = space_len_back(u + a, b - a)))
		b -= l;
	*outlen = b - a;
	return s + a;
}

const char *go_json_type(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_BOOL: return "bool";
	case HV_INT: case HV_UINT: case HV_FLOAT: return "number";
	case HV_STRING: return "string";
	case HV_LIST: return "array";
	default: return "object";
	}
}

void go_scalar_string(buf *b, const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_BOOL: buf_puts(b, hv_get_bool(v) ? "true" : "false"); break;
	case HV_INT: buf_printf(b, "%" PRId64, hv_get_int(v)); break;
	case HV_UINT: buf_printf(b, "%" PRIu64, hv_get_uint(v)); break;
	case HV_FLOAT: go_format_float(b, hv_get_float(v), 'g', -1); break;
	case HV_STRING: buf_add(b, hv_get_str(v), hv_str_len(v)); break;
	default: break;
	}
}
