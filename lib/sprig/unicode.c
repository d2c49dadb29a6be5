/* unicode.c — UTF-8 as Go decodes it, and lookups in the generated Unicode tables. */
#include "sprig/unicode.h"

int32_t utf8_decode(const char *s, size_t n, size_t *size)
{
	const unsigned char *p = (const unsigned char *)s;
	*size = n ? 1 : 0;
	if (n == 0)
		return RUNE_ERROR;
	if (p[0] < 0x80)
		return p[0];
	size_t need;
	int32_t r;
	unsigned char lo = 0x80, hi = 0xBF; /* the valid range of the second byte */
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		need = 2;
		r = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		need = 3;
		r = p[0] & 0x0F;
		if (p[0] == 0xE0)
			lo = 0xA0; /* overlong */
		if (p[0] == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		need = 4;
		r = p[0] & 0x07;
		if (p[0] == 0xF0)
			lo = 0x90;
		if (p[0] == 0xF4)
			hi = 0x8F;
	} else {
		return RUNE_ERROR;
	}
	if (n < need || p[1] < lo || p[1] > hi)
		return RUNE_ERROR;
	for (size_t i = 1; i < need; i++) {
		if (i > 1 && (p[i] < 0x80 || p[i] > 0xBF))
			return RUNE_ERROR;
		r = r << 6 | (p[i] & 0x3F);
	}
	*size = need;
	return r;
}

void utf8_encode(buf *b, int32_t r)
{
	char s[4];
	if (r < 0 || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
		r = RUNE_ERROR;
	if (r < 0x80) {
		buf_putc(b, (char)r);
	} else if (r < 0x800) {
		s[0] = (char)(0xC0 | r >> 6);
		s[1] = (char)(0x80 | (r & 0x3F));
		buf_add(b, s, 2);
	} else if (r < 0x10000) {
		s[0] = (char)(0xE0 | r >> 12);
		s[1] = (char)(0x80 | (r >> 6 & 0x3F));
		s[2] = (char)(0x80 | (r & 0x3F));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xF0 | r >> 18);
		s[1] = (char)(0x80 | (r >> 12 & 0x3F));
		s[2] = (char)(0x80 | (r >> 6 & 0x3F));
		s[3] = (char)(0x80 | (r & 0x3F));
		buf_add(b, s, 4);
	}
}

size_t utf8_count(const char *s, size_t n)
{
	size_t count = 0, size;
	for (size_t i = 0; i < n; i += size, count++)
		utf8_decode(s + i, n - i, &size);
	return count;
}

/* Number of entries of the sorted array A (stepping by STEP) that are <= R. */
static size_t count_le(const int32_t *a, size_t len, size_t step, int32_t r)
{
	size_t lo = 0, hi = len / step;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (a[mid * step] <= r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool in(const int32_t *list, size_t len, int32_t r) { return count_le(list, len, 1, r) % 2 == 1; }

static int32_t map(const int32_t *pairs, size_t len, int32_t r)
{
	size_t k = count_le(pairs, len, 2, r);
	return k ? r + pairs[2 * (k - 1) + 1] : r;
}

bool uni_is_upper(int32_t r) { return in(uni_upper, uni_upper_len, r); }
bool uni_is_lower(int32_t r) { return in(uni_lower, uni_lower_len, r); }
bool uni_is_title(int32_t r) { return in(uni_title, uni_title_len, r); }
bool uni_is_letter(int32_t r) { return in(uni_letter, uni_letter_len, r); }
bool uni_is_digit(int32_t r) { return in(uni_digit, uni_digit_len, r); }
bool uni_is_number(int32_t r) { return in(uni_number, uni_number_len, r); }
bool uni_is_punct(int32_t r) { return in(uni_punct, uni_punct_len, r); }
bool uni_is_space(int32_t r) { return in(uni_space, uni_space_len, r); }
int32_t uni_to_upper(int32_t r) { return map(uni_to_upper_map, uni_to_upper_map_len, r); }
int32_t uni_to_lower(int32_t r) { return map(uni_to_lower_map, uni_to_lower_map_len, r); }
int32_t uni_to_title(int32_t r) { return map(uni_to_title_map, uni_to_title_map_len, r); }
