/* strings.c — Sprig's string functions (strings.go, and the goutils helpers it wraps). */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gofmt.h"
#include "sprig/cast.h"
#include "sprig/sprig.h"
#include "sprig/unicode.h"
#include "util.h"

#define S(i) hv_get_str(argv[i])
#define N(i) hv_str_len(argv[i])

static bool has_prefix(const char *s, size_t n, const char *p, size_t pn)
{
	return pn <= n && memcmp(s, p, pn) == 0;
}

static bool has_suffix(const char *s, size_t n, const char *p, size_t pn)
{
	return pn <= n && memcmp(s + n - pn, p, pn) == 0;
}

/* strings.Index; -1 when absent. */
static long str_index(const char *s, size_t n, const char *sub, size_t subn)
{
	const char *p = memmem(s, n, sub, subn);
	return p ? (long)(p - s) : -1;
}

/* utf8.RuneCountInString. */
static size_t rune_count(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0, size; i < n; i += size, count++)
		rune_decode(s + i, n - i, &size);
	return count;
}

/* Appends the result of mapping every rune of S through F (strings.Map: an invalid byte becomes
 * U+FFFD). */
static void map_runes(buf *b, const char *s, size_t n, int32_t (*f)(int32_t))
{
	for (size_t i = 0, size; i < n; i += size)
		go_utf8_encode(b, f(rune_decode(s + i, n - i, &size)));
}

/* strings.ToUpper / ToLower. */
static hv *change_case(hv **argv, int32_t (*f)(int32_t))
{
	buf b = BUF_INIT;
	map_runes(&b, S(0), N(0), f);
	return sprig_buf_value(&b);
}

static hv *fn_upper(tmpl_ctx *c, hv **argv, int argc, char **err) { return change_case(argv, uni_to_upper); }
static hv *fn_lower(tmpl_ctx *c, hv **argv, int argc, char **err) { return change_case(argv, uni_to_lower); }

/* strings.Title's word boundaries. */
static bool is_separator(int32_t r)
{
	if (r <= 0x7F)
		return !((r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r == '_');
	if (uni_is_letter(r) || uni_is_digit(r))
		return false;
	return uni_is_space(r);
}

static hv *fn_title(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	int32_t prev = ' ';
	for (size_t i = 0, size; i < N(0); i += size) {
		int32_t r = rune_decode(S(0) + i, N(0) - i, &size);
		go_utf8_encode(&b, is_separator(prev) ? uni_to_title(r) : r);
		prev = r;
	}
	return sprig_buf_value(&b);
}

/* goutils.Uncapitalize: lower-cases the first rune of each whitespace-separated word. */
static hv *fn_untitle(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	bool next = true;
	for (size_t i = 0, size; i < N(0); i += size) {
		int32_t r = rune_decode(S(0) + i, N(0) - i, &size);
		if (uni_is_space(r)) {
			next = true;
		} else if (next) {
			r = uni_to_lower(r);
			next = false;
		}
		go_utf8_encode(&b, r);
	}
	return sprig_buf_value(&b);
}

/* goutils.SwapCase: upper and title case become lower; lower case becomes title case at the
 * start of a word and upper case elsewhere. */
static hv *fn_swapcase(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	bool whitespace = true;
	for (size_t i = 0, size; i < N(0); i += size) {
		int32_t r = rune_decode(S(0) + i, N(0) - i, &size);
		if (uni_is_upper(r) || uni_is_title(r)) {
			r = uni_to_lower(r);
			whitespace = false;
		} else if (uni_is_lower(r)) {
			r = whitespace ? uni_to_title(r) : uni_to_upper(r);
			whitespace = false;
		} else {
			whitespace = uni_is_space(r);
		}
		go_utf8_encode(&b, r);
	}
	return sprig_buf_value(&b);
}

/* goutils.Initials and DeleteWhiteSpace look at single bytes as runes (so a byte >= 0x80 is
 * re-encoded as the Latin-1 character of that value), as they do in Go. */
static hv *fn_initials(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	bool gap = true;
	for (size_t i = 0; i < N(0); i++) {
		int32_t r = (unsigned char)S(0)[i];
		if (uni_is_space(r)) {
			gap = true;
		} else if (gap) {
			go_utf8_encode(&b, r);
			gap = false;
		}
	}
	return sprig_buf_value(&b);
}

static hv *fn_nospace(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	size_t kept = 0;
	for (size_t i = 0; i < N(0); i++) {
		int32_t r = (unsigned char)S(0)[i];
		if (!uni_is_space(r)) {
			go_utf8_encode(&b, r);
			kept++;
		}
	}
	if (kept == N(0)) {
		buf_free(&b);
		return hv_ref(argv[0]);
	}
	return sprig_buf_value(&b);
}

/* utf8.DecodeLastRuneInString for N > 0. */
static int32_t decode_last(const char *s, size_t n, size_t *size)
{
	*size = 1;
	if ((unsigned char)s[n - 1] < 0x80)
		return (unsigned char)s[n - 1];
	size_t lim = n >= 4 ? n - 4 : 0, start = n - 1;
	while (start > lim && ((unsigned char)s[start] & 0xC0) == 0x80)
		start--;
	size_t sz;
	int32_t r = rune_decode(s + start, n - start, &sz);
	if (start + sz != n)
		return RUNE_ERROR;
	*size = sz;
	return r;
}

/* strings.TrimSpace. */
static hv *fn_trim(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	const char *s = S(0);
	size_t start = 0, end = N(0), size;
	while (start < end && uni_is_space(rune_decode(s + start, end - start, &size)))
		start += size;
	while (end > start && uni_is_space(decode_last(s + start, end - start, &size)))
		end -= size;
	return hv_strn(s + start, end - start);
}

/* strings.ContainsRune(cutset, r), where invalid bytes of the cutset count as U+FFFD. */
static bool cutset_has(const char *cut, size_t n, int32_t r)
{
	for (size_t i = 0, size; i < n; i += size)
		if (rune_decode(cut + i, n - i, &size) == r)
			return true;
	return false;
}

/* strings.Trim(b, a): Sprig's trimAll takes the cutset first. */
static hv *fn_trim_all(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	const char *cut = S(0), *s = S(1);
	size_t cn = N(0), start = 0, end = N(1), size;
	if (cn == 0)
		return hv_ref(argv[1]);
	while (start < end && cutset_has(cut, cn, rune_decode(s + start, end - start, &size)))
		start += size;
	while (end > start && cutset_has(cut, cn, decode_last(s + start, end - start, &size)))
		end -= size;
	return hv_strn(s + start, end - start);
}

static hv *fn_trim_prefix(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (has_prefix(S(1), N(1), S(0), N(0)))
		return hv_strn(S(1) + N(0), N(1) - N(0));
	return hv_ref(argv[1]);
}

static hv *fn_trim_suffix(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (has_suffix(S(1), N(1), S(0), N(0)))
		return hv_strn(S(1), N(1) - N(0));
	return hv_ref(argv[1]);
}

static hv *fn_contains(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return hv_bool(str_index(S(1), N(1), S(0), N(0)) >= 0);
}

static hv *fn_has_prefix(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return hv_bool(has_prefix(S(1), N(1), S(0), N(0)));
}

static hv *fn_has_suffix(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return hv_bool(has_suffix(S(1), N(1), S(0), N(0)));
}

/* B's string, or NULL when OK is false (B is freed either way). */
static hv *result(buf *b, bool ok)
{
	if (ok)
		return sprig_buf_value(b);
	buf_free(b);
	return NULL;
}

/* The longest string repeat, indent, replace and wrap build: where Go would allocate whatever
 * is asked until memory runs out, these fail with a clear error. */
#define STRING_MAX ((size_t)1 << 26)

static bool refuse_long(char **err)
{
	*err = xasprintf("refusing to build a string of more than %zu bytes", STRING_MAX);
	return false;
}

/* Go's strings.Repeat appended to B; false with *err on a negative count and on results over
 * STRING_MAX bytes. */
static bool repeat(buf *b, const char *s, size_t n, int64_t count, char **err)
{
	if (count == 0)
		return true;
	if (count < 0) {
		*err = xstrdup("strings: negative Repeat count");
		return false;
	}
	if (n > 0 && (uint64_t)count > (STRING_MAX - b->len) / n)
		return refuse_long(err);
	for (int64_t i = 0; i < count && n > 0; i++)
		buf_add(b, s, n);
	return true;
}

/* repeat COUNT STR. */
static hv *fn_repeat(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	return result(&b, repeat(&b, S(1), N(1), hv_get_int(argv[0]), err));
}

/* Go's runtime error for s[lo:hi] (HI_GIVEN false for s[lo:]), or NULL when in bounds. */
static char *slice_bounds_error(int64_t lo, int64_t hi, bool hi_given, size_t len)
{
	if (hi_given) {
		if (hi < 0)
			return xasprintf("runtime error: slice bounds out of range [:%lld]", (long long)hi);
		if ((uint64_t)hi > len)
			return xasprintf("runtime error: slice bounds out of range [:%lld] with length %zu",
					 (long long)hi, len);
	} else {
		hi = (int64_t)len;
	}
	if (lo < 0)
		return xasprintf("runtime error: slice bounds out of range [%lld:]", (long long)lo);
	if (lo > hi)
		return xasprintf("runtime error: slice bounds out of range [%lld:%lld]", (long long)lo, (long long)hi);
	return NULL;
}

/* substr START END STR: s[:end] when start < 0, s[start:] when end < 0 or past the end. */
static hv *fn_substr(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t start = hv_get_int(argv[0]), end = hv_get_int(argv[1]);
	size_t len = N(2);
	bool hi_given = true;
	if (start < 0)
		start = 0;
	else if (end < 0 || (uint64_t)end > len)
		hi_given = false;
	if ((*err = slice_bounds_error(start, end, hi_given, len)))
		return NULL;
	return hv_strn(S(2) + start, (hi_given ? (size_t)end : len) - (size_t)start);
}

static hv *fn_trunc(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t n = hv_get_int(argv[0]), len = (int64_t)N(1);
	if (n < 0 && len + n > 0)
		return hv_strn(S(1) + len + n, (size_t)-n);
	if (n >= 0 && len > n)
		return hv_strn(S(1), (size_t)n);
	return hv_ref(argv[1]);
}

/* goutils.AbbreviateFull; false where goutils returns an error. */
static bool abbreviate(buf *b, const char *s, size_t len, int64_t offset, int64_t width)
{
	if (len == 0)
		return true;
	if (width < 4)
		return false;
	if ((int64_t)len <= width) {
		buf_add(b, s, len);
		return true;
	}
	if (offset > (int64_t)len)
		offset = (int64_t)len;
	if ((int64_t)len - offset < width - 3)
		offset = (int64_t)len - (width - 3);
	if (offset <= 4) {
		buf_add(b, s, (size_t)(width - 3));
		buf_puts(b, "...");
		return true;
	}
	if (width < 7)
		return false;
	buf_puts(b, "...");
	if (offset + width - 3 < (int64_t)len) {
		size_t mark = b->len;
		if (!abbreviate(b, s + offset, len - (size_t)offset, 0, width - 3))
			b->len = mark, b->s[mark] = 0;
		return true;
	}
	buf_add(b, s + len - (width - 3), (size_t)(width - 3));
	return true;
}

/* Abbreviate's result: "" where goutils fails. */
static hv *abbrev_result(buf *b, bool ok)
{
	if (!ok)
		buf_reset(b);
	return sprig_buf_value(b);
}

static hv *fn_abbrev(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t width = hv_get_int(argv[0]);
	if (width < 4)
		return hv_ref(argv[1]);
	buf b = BUF_INIT;
	return abbrev_result(&b, abbreviate(&b, S(1), N(1), 0, width));
}

static hv *fn_abbrevboth(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t left = hv_get_int(argv[0]), right = hv_get_int(argv[1]);
	if (right < 4 || (left > 0 && right < 7))
		return hv_ref(argv[2]);
	buf b = BUF_INIT;
	return abbrev_result(&b, abbreviate(&b, S(2), N(2), left, right));
}

/* goutils.WrapCustom: breaks at spaces (bytes) so lines fit in WIDTH. */
static bool wrap_custom(buf *b, const char *s, size_t len, int64_t width, const char *nl, size_t nln,
			bool long_words, char **err)
{
	if (len == 0)
		return true;
	if (nln == 0)
		nl = "\n", nln = 1;
	if (width < 1)
		width = 1;
	size_t w = (uint64_t)width > len ? len + 1 : (size_t)width, off = 0;
	while (len - off > w) {
		if (b->len > STRING_MAX)
			return refuse_long(err);
		if (s[off] == ' ') {
			off++;
			continue;
		}
		const char *sp = NULL;
		for (size_t k = off + w + 1; k > off; k--)
			if (s[k - 1] == ' ') {
				sp = s + k - 1;
				break;
			}
		if (sp) {
			buf_add(b, s + off, (size_t)(sp - s) - off);
			buf_add(b, nl, nln);
			off = (size_t)(sp - s) + 1;
		} else if (long_words) {
			buf_add(b, s + off, w);
			buf_add(b, nl, nln);
			off += w;
		} else {
			const char *next = memchr(s + off + w, ' ', len - off - w);
			if (!next) {
				buf_add(b, s + off, len - off);
				off = len;
			} else {
				buf_add(b, s + off, (size_t)(next - s) - off);
				buf_add(b, nl, nln);
				off = (size_t)(next - s) + 1;
			}
		}
	}
	buf_add(b, s + off, len - off);
	return true;
}

static hv *fn_wrap(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	return result(&b, wrap_custom(&b, S(1), N(1), hv_get_int(argv[0]), "", 0, false, err));
}

static hv *fn_wrap_with(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	return result(&b, wrap_custom(&b, S(2), N(2), hv_get_int(argv[0]), S(1), N(1), true, err));
}

/* quote: each non-nil argument as strval through %q, space-separated. */
static hv *fn_quote(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	bool first = true;
	for (int i = 0; i < argc; i++) {
		if (hv_is_nil(argv[i]))
			continue;
		if (!first)
			buf_putc(&b, ' ');
		first = false;
		hv *s = cast_strval_hv(argv[i]);
		go_sprintf(&b, "%q", 2, &s, 1);
		hv_free(s);
	}
	return sprig_buf_value(&b);
}

/* squote: each non-nil argument as '%v'; cat: the non-nil arguments as %v, space-separated. */
static hv *join_values(hv **argv, int argc, const char *around)
{
	buf b = BUF_INIT;
	bool first = true;
	for (int i = 0; i < argc; i++) {
		if (hv_is_nil(argv[i]))
			continue;
		if (!first)
			buf_putc(&b, ' ');
		first = false;
		buf_puts(&b, around);
		go_print_value(&b, argv[i]);
		buf_puts(&b, around);
	}
	return sprig_buf_value(&b);
}

static hv *fn_squote(tmpl_ctx *c, hv **argv, int argc, char **err) { return join_values(argv, argc, "'"); }
static hv *fn_cat(tmpl_ctx *c, hv **argv, int argc, char **err) { return join_values(argv, argc, ""); }

/* strings.Replace(s, old, new, -1) appended to B; false with *err when the result would be
 * over STRING_MAX bytes. */
static bool replace_all(buf *b, const char *s, size_t n, const char *old, size_t on, const char *new,
			size_t nn, char **err)
{
	size_t count = 0, start = 0;
	long j;
	if (on == 0)
		count = rune_count(s, n) + 1;
	else
		for (; (j = str_index(s + start, n - start, old, on)) >= 0; count++)
			start += (size_t)j + on;
	if (count && nn > on && (nn - on) > (STRING_MAX - (n < STRING_MAX ? n : STRING_MAX)) / count)
		return refuse_long(err);
	start = 0;
	if (on == 0) {
		for (size_t size; start < n; start += size) {
			buf_add(b, new, nn);
			rune_decode(s + start, n - start, &size);
			buf_add(b, s + start, size);
		}
		buf_add(b, new, nn);
		return true;
	}
	while ((j = str_index(s + start, n - start, old, on)) >= 0) {
		buf_add(b, s + start, (size_t)j);
		buf_add(b, new, nn);
		start += (size_t)j + on;
	}
	buf_add(b, s + start, n - start);
	return true;
}

static hv *fn_replace(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	return result(&b, replace_all(&b, S(2), N(2), S(0), N(0), S(1), N(1), err));
}

/* indent N S: N spaces before every line. */
static hv *indent(hv **argv, bool leading_newline, char **err)
{
	buf nlpad = BUF_INIT, b = BUF_INIT; /* nlpad: "\n" and the spaces */
	buf_putc(&nlpad, '\n');
	bool ok = repeat(&nlpad, " ", 1, hv_get_int(argv[0]), err);
	if (ok) {
		buf_add(&b, nlpad.s + !leading_newline, nlpad.len - !leading_newline);
		ok = replace_all(&b, S(1), N(1), "\n", 1, nlpad.s, nlpad.len, err);
	}
	buf_free(&nlpad);
	return result(&b, ok);
}

static hv *fn_indent(tmpl_ctx *c, hv **argv, int argc, char **err) { return indent(argv, false, err); }
static hv *fn_nindent(tmpl_ctx *c, hv **argv, int argc, char **err) { return indent(argv, true, err); }

static hv *fn_plural(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return hv_ref(hv_get_int(argv[2]) == 1 ? argv[0] : argv[1]);
}

static hv *fn_to_string(tmpl_ctx *c, hv **argv, int argc, char **err) { return cast_strval_hv(argv[0]); }
static hv *fn_to_strings(tmpl_ctx *c, hv **argv, int argc, char **err) { return cast_strslice(argv[0]); }

static hv *fn_join(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = cast_strslice(argv[1]);
	buf b = BUF_INIT;
	for (size_t i = 0; i < hv_len(l); i++) {
		if (i)
			buf_add(&b, S(0), N(0));
		hv *s = hv_list_get(l, i);
		buf_add(&b, hv_get_str(s), hv_str_len(s));
	}
	hv_free(l);
	return sprig_buf_value(&b);
}

/* strings.SplitN(s, sep, n) as a list of strings (n < 0: all). */
static hv *split_n(const char *s, size_t len, const char *sep, size_t sn, int64_t n)
{
	hv *out = hv_list();
	hv_set_sub(out, HV_GO_STRLIST);
	if (n == 0)
		return out;
	if (sn == 0) {
		size_t runes = rune_count(s, len);
		if (n < 0 || (uint64_t)n > runes)
			n = (int64_t)runes;
		size_t i = 0, size;
		for (int64_t k = 0; k < n - 1; k++, i += size) {
			rune_decode(s + i, len - i, &size);
			hv_list_push(out, hv_strn(s + i, size));
		}
		if (n > 0)
			hv_list_push(out, hv_strn(s + i, len - i));
		return out;
	}
	size_t start = 0;
	long m;
	for (int64_t k = 1; (n < 0 || k < n) && (m = str_index(s + start, len - start, sep, sn)) >= 0; k++) {
		hv_list_push(out, hv_strn(s + start, (size_t)m));
		start += (size_t)m + sn;
	}
	hv_list_push(out, hv_strn(s + start, len - start));
	return out;
}

static hv *fn_split_list(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return split_n(S(1), N(1), S(0), N(0), -1);
}

/* The parts as map[string]string {_0: ..., _1: ...}. */
static hv *parts_map(hv *parts)
{
	hv *m = hv_map();
	hv_set_sub(m, HV_GO_STRMAP);
	for (size_t i = 0; i < hv_len(parts); i++) {
		char key[32];
		snprintf(key, sizeof key, "_%zu", i);
		hv_map_set(m, key, hv_ref(hv_list_get(parts, i)));
	}
	hv_free(parts);
	return m;
}

static hv *fn_split(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return parts_map(split_n(S(1), N(1), S(0), N(0), -1));
}

static hv *fn_splitn(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return parts_map(split_n(S(2), N(2), S(0), N(0), hv_get_int(argv[1])));
}

static int cmp_str_values(const void *a, const void *b)
{
	const hv *x = *(hv *const *)a, *y = *(hv *const *)b;
	size_t xn = hv_str_len(x), yn = hv_str_len(y);
	int c = memcmp(hv_get_str(x), hv_get_str(y), xn < yn ? xn : yn);
	return c ? c : (xn > yn) - (xn < yn);
}

/* sortAlpha: lists through strslice, sorted bytewise (a []string in place, as Go does);
 * anything else becomes a one-element list of its strval. */
static hv *fn_sort_alpha(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (!cast_is_list(argv[0])) {
		hv *out = hv_list();
		hv_set_sub(out, HV_GO_STRLIST);
		hv_list_push(out, cast_strval_hv(argv[0]));
		return out;
	}
	hv *l = cast_strslice(argv[0]);
	size_t n = hv_len(l);
	hv **items = xmalloc((n ? n : 1) * sizeof *items);
	for (size_t i = 0; i < n; i++)
		items[i] = hv_ref(hv_list_get(l, i));
	qsort(items, n, sizeof *items, cmp_str_values);
	for (size_t i = 0; i < n; i++)
		hv_list_set(l, i, items[i]);
	free(items);
	return l;
}

/* xstrings.Shuffle: the runes in random order. */
static hv *fn_shuffle(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	size_t n = 0, cap = N(0) ? N(0) : 1;
	int32_t *runes = xmalloc(cap * sizeof *runes);
	for (size_t i = 0, size; i < N(0); i += size)
		runes[n++] = rune_decode(S(0) + i, N(0) - i, &size);
	for (size_t i = n; i > 1; i--) {
		size_t j = arc4random_uniform((uint32_t)i);
		int32_t t = runes[i - 1];
		runes[i - 1] = runes[j];
		runes[j] = t;
	}
	buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		go_utf8_encode(&b, runes[i]);
	free(runes);
	return sprig_buf_value(&b);
}

static hv *fn_hello(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_str("Hello!"); }

static const struct tmpl_func funcs[] = {
	{"hello", fn_hello, "", 0},
	{"abbrev", fn_abbrev, "is", 0},
	{"abbrevboth", fn_abbrevboth, "iis", 0},
	{"trunc", fn_trunc, "is", 0},
	{"trim", fn_trim, "s", 0},
	{"upper", fn_upper, "s", 0},
	{"lower", fn_lower, "s", 0},
	{"title", fn_title, "s", 0},
	{"untitle", fn_untitle, "s", 0},
	{"substr", fn_substr, "iis", 0},
	{"repeat", fn_repeat, "is", 0},
	{"trimall", fn_trim_all, "ss", 0},
	{"trimAll", fn_trim_all, "ss", 0},
	{"trimSuffix", fn_trim_suffix, "ss", 0},
	{"trimPrefix", fn_trim_prefix, "ss", 0},
	{"nospace", fn_nospace, "s", 0},
	{"initials", fn_initials, "s", 0},
	{"swapcase", fn_swapcase, "s", 0},
	{"shuffle", fn_shuffle, "s", 0},
	{"wrap", fn_wrap, "is", 0},
	{"wrapWith", fn_wrap_with, "iss", 0},
	{"contains", fn_contains, "ss", 0},
	{"hasPrefix", fn_has_prefix, "ss", 0},
	{"hasSuffix", fn_has_suffix, "ss", 0},
	{"quote", fn_quote, "v*", 0},
	{"squote", fn_squote, "v*", 0},
	{"cat", fn_cat, "v*", 0},
	{"indent", fn_indent, "is", 0},
	{"nindent", fn_nindent, "is", 0},
	{"replace", fn_replace, "sss", 0},
	{"plural", fn_plural, "ssi", 0},
	{"toString", fn_to_string, "v", 0},
	{"toStrings", fn_to_strings, "v", 0},
	{"join", fn_join, "sv", 0},
	{"split", fn_split, "ss", 0},
	{"splitList", fn_split_list, "ss", 0},
	{"splitn", fn_splitn, "sis", 0},
	{"sortAlpha", fn_sort_alpha, "v", 0},
};

void sprig_register_strings(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, (int)(sizeof funcs / sizeof *funcs));
}
