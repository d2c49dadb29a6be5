/* strconv.c — Go's strconv number formatting and parsing.
 *
 * Digits come from the C library's correctly rounded %e conversion; the layout (where the
 * point goes, when 'g' switches to an exponent, how the exponent is written) is Go's. */
#include "strconv.h"
#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decimal digits of |f| without leading or trailing zeros: value = 0.DIGITS * 10^dp. */
struct digits {
	char d[800];
	int nd, dp;
};

/* Rounds |f| to NSIG significant digits (1..767). */
static void digits_of(double f, int nsig, struct digits *dg)
{
	char tmp[850];
	snprintf(tmp, sizeof tmp, "%.*e", nsig - 1, fabs(f));
	char *e = strchr(tmp, 'e');
	int exp = atoi(e + 1);
	dg->nd = 0;
	for (char *p = tmp; p < e; p++)
		if (isdigit((unsigned char)*p))
			dg->d[dg->nd++] = *p;
	while (dg->nd > 0 && dg->d[dg->nd - 1] == '0')
		dg->nd--;
	dg->dp = dg->nd ? exp + 1 : 0;
}

/* The fewest digits that read back as f (Go's shortest mode), as a float32 when BITS is 32. */
static void shortest_digits(double f, int bits, struct digits *dg)
{
	if (bits == 64 && f == trunc(f) && fabs(f) < 9007199254740992.0) {
		/* below 2^53 an integer is exact and its neighbours are at most 1 away: any shorter
		 * text is another integer, so its own digits are the shortest */
		char tmp[20];
		int k = 0;
		for (uint64_t u = (uint64_t)fabs(f); u; u /= 10)
			tmp[k++] = (char)('0' + u % 10);
		dg->dp = k;
		int lo = 0;
		while (lo < k && tmp[lo] == '0')
			lo++; /* trailing zeros of the number */
		dg->nd = 0;
		for (int i = k - 1; i >= lo; i--)
			dg->d[dg->nd++] = tmp[i];
		return;
	}
	int max = bits == 32 ? 9 : 17;
	for (int n = 1; n < max; n++) {
		char tmp[40];
		snprintf(tmp, sizeof tmp, "%.*e", n - 1, f);
		if (bits == 32 ? strtof(tmp, NULL) == (float)f : strtod(tmp, NULL) == f) {
			digits_of(f, n, dg);
			return;
		}
	}
	digits_of(f, max, dg);
}

static void put_e(buf *b, bool neg, const struct digits *dg, int prec, char fmt)
{
	if (neg)
		buf_putc(b, '-');
	buf_putc(b, dg->nd ? dg->d[0] : '0');
	if (prec > 0) {
		buf_putc(b, '.');
		int i = 1;
		int m = dg->nd < prec + 1 ? dg->nd : prec + 1;
		if (i < m) {
			buf_add(b, dg->d + i, (size_t)(m - i));
			i = m;
		}
		for (; i <= prec; i++)
			buf_putc(b, '0');
	}
	buf_putc(b, fmt);
	int exp = dg->nd ? dg->dp - 1 : 0;
	buf_putc(b, exp < 0 ? '-' : '+');
	if (exp < 0)
		exp = -exp;
	buf_printf(b, "%02d", exp);
}

static void put_f(buf *b, bool neg, const struct digits *dg, int prec)
{
	if (neg)
		buf_putc(b, '-');
	if (dg->dp > 0) {
		int m = dg->nd < dg->dp ? dg->nd : dg->dp;
		buf_add(b, dg->d, (size_t)m);
		for (; m < dg->dp; m++)
			buf_putc(b, '0');
	} else {
		buf_putc(b, '0');
	}
	if (prec > 0) {
		buf_putc(b, '.');
		for (int i = 1; i <= prec; i++) {
			int j = dg->dp + i - 1;
			buf_putc(b, j >= 0 && j < dg->nd ? dg->d[j] : '0');
		}
	}
}

void go_format_float(buf *b, double f, char fmt, int prec)
{
	go_format_float_bits(b, f, fmt, prec, 64);
}

void go_format_float_bits(buf *b, double f, char fmt, int prec, int bits)
{
	if (bits == 32)
		f = (float)f;
	if (isnan(f)) {
		buf_puts(b, "NaN");
		return;
	}
	if (isinf(f)) {
		buf_puts(b, f > 0 ? "+Inf" : "-Inf");
		return;
	}
	bool neg = signbit(f);
	if (prec >= 0 && (fmt == 'e' || fmt == 'E' || fmt == 'f')) {
		/* Fixed precision: the C library rounds exactly as Go does. */
		char spec[5] = {'%', '.', '*', fmt, 0};
		buf_printf(b, spec, prec > 1000 ? 1000 : prec, f);
		return;
	}
	struct digits dg;
	bool shortest = prec < 0;
	if (shortest) {
		if (f == 0) {
			dg.nd = dg.dp = 0;
		} else {
			shortest_digits(f, bits, &dg);
		}
		if (fmt == 'e' || fmt == 'E')
			prec = dg.nd > 1 ? dg.nd - 1 : 0;
		else if (fmt == 'f')
			prec = dg.nd - dg.dp > 0 ? dg.nd - dg.dp : 0;
		else
			prec = dg.nd;
	} else {
		if (prec == 0)
			prec = 1;
		if (prec > 767)
			prec = 767;
		if (f == 0)
			dg.nd = dg.dp = 0;
		else
			digits_of(f, prec, &dg);
	}
	switch (fmt) {
	case 'e': case 'E':
		put_e(b, neg, &dg, prec, fmt);
		return;
	case 'f':
		put_f(b, neg, &dg, prec);
		return;
	default: {
		/* 'g', 'G': %e when the exponent is < -4 or >= the precision (6 when shortest). */
		int eprec = prec;
		if (eprec > dg.nd && dg.nd >= dg.dp)
			eprec = dg.nd;
		if (shortest)
			eprec = 6;
		int exp = dg.dp - 1;
		if (exp < -4 || exp >= eprec) {
			if (prec > dg.nd)
				prec = dg.nd;
			put_e(b, neg, &dg, prec - 1, fmt == 'G' ? 'E' : 'e');
			return;
		}
		if (prec > dg.dp)
			prec = dg.nd;
		put_f(b, neg, &dg, prec - dg.dp > 0 ? prec - dg.dp : 0);
		return;
	}
	}
}

void go_format_float_json(buf *b, double f)
{
	double a = fabs(f);
	if (a != 0 && (a < 1e-6 || a >= 1e21)) {
		size_t start = b->len;
		go_format_float(b, f, 'e', -1);
		/* e-07 -> e-7, as encoding/json does (only for negative exponents) */
		size_t n = b->len - start;
		char *s = b->s + start;
		if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') {
			s[n - 2] = s[n - 1];
			b->len--;
			b->s[b->len] = 0;
		}
		return;
	}
	go_format_float(b, f, 'f', -1);
}

/* ---- parsing ---- */

static int lower(int c) { return c | ('x' - 'X'); }

/* Go's underscoreOK: '_' only between digits, or between a base prefix and a digit. */
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
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c) || (hex && isxdigit(c))) {
			saw = '0';
			continue;
		}
		if (c == '_') {
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

int go_parse_uint(const char *s, size_t n, int base, uint64_t *out)
{
	*out = 0;
	if (n == 0)
		return GO_NUM_SYNTAX;
	bool base0 = base == 0;
	const char *s0 = s;
	size_t n0 = n;
	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			if (n >= 3 && lower(s[1]) == 'b') {
				base = 2;
				s += 2;
				n -= 2;
			} else if (n >= 3 && lower(s[1]) == 'o') {
				base = 8;
				s += 2;
				n -= 2;
			} else if (n >= 3 && lower(s[1]) == 'x') {
				base = 16;
				s += 2;
				n -= 2;
			} else {
				base = 8;
				s++;
				n--;
			}
		}
	} else if (base < 2 || base > 36) {
		return GO_NUM_SYNTAX;
	}
	bool underscores = false, range = false;
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], d;
		if (c == '_' && base0) {
			underscores = true;
			continue;
		}
		if (isdigit(c))
			d = c - '0';
		else if (lower(c) >= 'a' && lower(c) <= 'z')
			d = lower(c) - 'a' + 10;
		else
			return GO_NUM_SYNTAX;
		if (d >= base)
			return GO_NUM_SYNTAX;
		if (range)
			continue;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) {
			range = true;
			continue;
		}
		v = v * (uint64_t)base + (uint64_t)d;
	}
	if (underscores && !underscore_ok(s0, n0))
		return GO_NUM_SYNTAX;
	if (range) {
		*out = UINT64_MAX;
		return GO_NUM_RANGE;
	}
	*out = v;
	return GO_NUM_OK;
}

int go_parse_int(const char *s, size_t n, int base, int64_t *out)
{
	*out = 0;
	if (n == 0)
		return GO_NUM_SYNTAX;
	bool neg = false;
	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		s++;
		n--;
	}
	uint64_t u;
	int r = go_parse_uint(s, n, base, &u);
	if (r == GO_NUM_SYNTAX)
		return r;
	uint64_t cutoff = (uint64_t)1 << 63;
	if (r == GO_NUM_RANGE || (!neg && u >= cutoff) || (neg && u > cutoff)) {
		*out = neg ? INT64_MIN : INT64_MAX;
		return GO_NUM_RANGE;
	}
	*out = neg ? (int64_t)(0 - u) : (int64_t)u;
	return GO_NUM_OK;
}

static bool eq_fold(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);
	if (n != m)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != w[i])
			return false;
	return true;
}

/* Go's float literal syntax (decimal, or hex with a mandatory p exponent). */
static bool float_syntax_ok(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	bool hex = false;
	if (i + 1 < n && s[i] == '0' && lower(s[i + 1]) == 'x') {
		hex = true;
		i += 2;
	}
	int ndig = 0;
	bool dot = false;
	for (; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '_')
			continue;
		if (c == '.' && !dot) {
			dot = true;
			continue;
		}
		if (hex ? isxdigit(c) : isdigit(c)) {
			ndig++;
			continue;
		}
		break;
	}
	if (ndig == 0)
		return false;
	if (i < n && lower(s[i]) == (hex ? 'p' : 'e')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		int edig = 0;
		for (; i < n && (isdigit((unsigned char)s[i]) || s[i] == '_'); i++)
			edig += s[i] != '_';
		if (edig == 0)
			return false;
	} else if (hex) {
		return false;
	}
	return i == n;
}

int go_parse_float(const char *s, size_t n, double *out)
{
	*out = 0;
	size_t i = (n && (s[0] == '+' || s[0] == '-')) ? 1 : 0;
	bool neg = n && s[0] == '-';
	if (eq_fold(s + i, n - i, "inf") || eq_fold(s + i, n - i, "infinity")) {
		*out = neg ? -INFINITY : INFINITY;
		return GO_NUM_OK;
	}
	if (i == 0 && eq_fold(s, n, "nan")) {
		*out = NAN;
		return GO_NUM_OK;
	}
	if (!float_syntax_ok(s, n))
		return GO_NUM_SYNTAX;
	if (memchr(s, '_', n) && !underscore_ok(s, n))
		return GO_NUM_SYNTAX;
	char tmp[512], *t = n < sizeof tmp ? tmp : xmalloc(n + 1);
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		if (s[k] != '_')
			t[m++] = s[k];
	t[m] = 0;
	errno = 0;
	double d = strtod(t, NULL);
	int r = (errno == ERANGE && isinf(d)) ? GO_NUM_RANGE : GO_NUM_OK;
	if (t != tmp)
		free(t);
	*out = d;
	return r;
}

/* ---- UTF-8 ---- */

int go_utf8_decode(const char *s, size_t n, int *size)
{
	const unsigned char *u = (const unsigned char *)s;
	*size = 1;
	if (u[0] < 0x80)
		return u[0];
	int len, r, min;
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		len = 2, r = u[0] & 0x1f, min = 0x80;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		len = 3, r = u[0] & 0x0f, min = 0x800;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		len = 4, r = u[0] & 0x07, min = 0x10000;
	} else {
		return -1;
	}
	if (n < (size_t)len)
		return -1;
	for (int i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		r = r << 6 | (u[i] & 0x3f);
	}
	if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff))
		return -1;
	*size = len;
	return r;
}

bool go_utf8_valid(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int size;
		if (go_utf8_decode(s + i, n - i, &size) < 0)
			return false;
		i += (size_t)size;
	}
	return true;
}

void go_utf8_encode(buf *b, int r)
{
	if (r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff))
		r = 0xfffd;
	char t[4];
	if (r < 0x80) {
		buf_putc(b, (char)r);
	} else if (r < 0x800) {
		t[0] = (char)(0xc0 | r >> 6), t[1] = (char)(0x80 | (r & 0x3f));
		buf_add(b, t, 2);
	} else if (r < 0x10000) {
		t[0] = (char)(0xe0 | r >> 12), t[1] = (char)(0x80 | (r >> 6 & 0x3f)), t[2] = (char)(0x80 | (r & 0x3f));
		buf_add(b, t, 3);
	} else {
		t[0] = (char)(0xf0 | r >> 18), t[1] = (char)(0x80 | (r >> 12 & 0x3f));
		t[2] = (char)(0x80 | (r >> 6 & 0x3f)), t[3] = (char)(0x80 | (r & 0x3f));
		buf_add(b, t, 4);
	}
}

int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
