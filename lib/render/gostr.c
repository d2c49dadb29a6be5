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

char *go_trim_space(const char *s, size_t n, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t a = 0, b = n, l;
	while (a < b && (l = space_len(u + a, b - a)))
		a += l;
	while (b > a && (l = space_len_back(u + a, b - a)))
		b -= l;
	*outlen = b - a;
	return xstrndup(s + a, b - a);
}

/* Length of a valid UTF-8 sequence at S, or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t l;
	uint32_t c;
	if (s[0] < 0x80)
		return 1;
	else if ((s[0] & 0xE0) == 0xC0) { l = 2; c = s[0] & 0x1F; }
	else if ((s[0] & 0xF0) == 0xE0) { l = 3; c = s[0] & 0x0F; }
	else if ((s[0] & 0xF8) == 0xF0) { l = 4; c = s[0] & 0x07; }
	else return 0;
	if (l > n)
		return 0;
	for (size_t i = 1; i < l; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
	if (c < min[l] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return l;
}

void gostr_quote(buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	buf_putc(b, '"');
	for (size_t i = 0; i < n;) {
		unsigned char c = u[i];
		size_t l = utf8_len(u + i, n - i);
		if (l == 0) {
			buf_printf(b, "\\x%02x", c);
			i++;
			continue;
		}
		if (l > 1) {
			buf_add(b, s + i, l);
			i += l;
			continue;
		}
		switch (c) {
		case '\a': buf_puts(b, "\\a"); break;
		case '\b': buf_puts(b, "\\b"); break;
		case '\f': buf_puts(b, "\\f"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '\v': buf_puts(b, "\\v"); break;
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		default:
			if (c < 0x20 || c == 0x7F)
				buf_printf(b, "\\x%02x", c);
			else
				buf_putc(b, (char)c);
		}
		i++;
	}
	buf_putc(b, '"');
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
