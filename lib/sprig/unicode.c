/* unicode.c — lookups in the generated Unicode tables. */
#include "sprig/unicode.h"

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

/* ASCII is answered without the tables: map keys, identifiers and most text are ASCII. */
static bool ascii(int32_t r) { return r >= 0 && r < 0x80; }

bool uni_is_upper(int32_t r) { return ascii(r) ? r >= 'A' && r <= 'Z' : in(uni_upper, uni_upper_len, r); }
bool uni_is_lower(int32_t r) { return ascii(r) ? r >= 'a' && r <= 'z' : in(uni_lower, uni_lower_len, r); }
bool uni_is_title(int32_t r) { return in(uni_title, uni_title_len, r); }
bool uni_is_letter(int32_t r)
{
	return ascii(r) ? (r | 0x20) >= 'a' && (r | 0x20) <= 'z' : in(uni_letter, uni_letter_len, r);
}
bool uni_is_digit(int32_t r) { return ascii(r) ? r >= '0' && r <= '9' : in(uni_digit, uni_digit_len, r); }
bool uni_is_number(int32_t r) { return in(uni_number, uni_number_len, r); }
bool uni_is_punct(int32_t r) { return in(uni_punct, uni_punct_len, r); }
bool uni_is_space(int32_t r) { return in(uni_space, uni_space_len, r); }
int32_t uni_to_upper(int32_t r) { return map(uni_to_upper_map, uni_to_upper_map_len, r); }
int32_t uni_to_lower(int32_t r) { return map(uni_to_lower_map, uni_to_lower_map_len, r); }
int32_t uni_to_title(int32_t r) { return map(uni_to_title_map, uni_to_title_map_len, r); }
