/* gofmt.c — Go's fmt: %v of values and Sprintf/Sprint/Sprintln with Go's verbs, flags and
 * %!verb(type=value) complaints. */
#include "gofmt.h"
#include "strconv.h"
#include "util.h"

#include <inttypes.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- complex128 (only template literals make them) --- */

static void complex_destroy(void *d) { free(d); }
static hv *complex_lookup(hv *self, const char *name) { return NULL; }
const struct hv_object_ops go_complex_ops = {.gotype = "complex128", .lookup = complex_lookup, .destroy = complex_destroy};

hv *go_complex(double re, double im)
{
	double *d = xmalloc(2 * sizeof *d);
	d[0] = re;
	d[1] = im;
	return hv_object(&go_complex_ops, d);
}

/* --- strconv.Quote --- */

bool go_is_print(int r)
{
	if (r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0xA0) || r == 0xAD)
		return false;
	/* space separators other than ' ' */
	if (r == 0x1680 || (r >= 0x2000 && r <= 0x200A) || r == 0x202F || r == 0x205F || r == 0x3000)
		return false;
	if ((r >= 0x200B && r <= 0x200F) || (r >= 0x2028 && r <= 0x202E) || (r >= 0x2060 && r <= 0x206F) ||
	    r == 0xFEFF || (r >= 0xFFF9 && r <= 0xFFFB) || (r >= 0xE000 && r <= 0xF8FF) || r >= 0xF0000 ||
	    (r >= 0xD800 && r <= 0xDFFF) || r == 0xFFFE || r == 0xFFFF)
		return false;
	return true;
}

static void quote_rune_into(buf *b, int r, int width, const char *raw, char quote, bool ascii)
{
	if (r == quote || r == '\\') {
		buf_putc(b, '\\');
		buf_putc(b, (char)r);
		return;
	}
	if (ascii ? (r < 0x7F && r >= 0x20) : go_is_print(r)) {
		if (r < 0x80)
			buf_putc(b, (char)r);
		else if (raw)
			buf_add(b, raw, (size_t)width);
		else
			go_utf8_encode(b, r);
		return;
	}
	switch (r) {
	case '\a': buf_puts(b, "\\a"); return;
	case '\b': buf_puts(b, "\\b"); return;
	case '\f': buf_puts(b, "\\f"); return;
	case '\n': buf_puts(b, "\\n"); return;
	case '\r': buf_puts(b, "\\r"); return;
	case '\t': buf_puts(b, "\\t"); return;
	case '\v': buf_puts(b, "\\v"); return;
	}
	if (r < ' ' || r == 0x7F)
		buf_printf(b, "\\x%02x", r);
	else if (r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
		buf_puts(b, "\\ufffd");
	else if (r < 0x10000)
		buf_printf(b, "\\u%04x", r);
	else
		buf_printf(b, "\\U%08x", r);
}

static void quote(buf *b, const char *s, size_t n, bool ascii)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < n;) {
		/* a run of printable ASCII other than '"' and '\\' goes out as it is */
		size_t j = i;
		while (j < n && s[j] >= 0x20 && s[j] < 0x7F && s[j] != '"' && s[j] != '\\')
			j++;
		if (j > i) {
			buf_add(b, s + i, j - i);
			i = j;
			continue;
		}
		int w;
		int r = go_utf8_decode(s + i, n - i, &w);
		if (r < 0) {
			buf_printf(b, "\\x%02x", (unsigned char)s[i]);
			i++;
			continue;
		}
		quote_rune_into(b, r, w, s + i, '"', ascii);
		i += (size_t)w;
	}
	buf_putc(b, '"');
}

void go_strconv_quote(buf *b, const char *s, size_t n) { quote(b, s, n, false); }

/* --- the printer (Go's pp and fmt) --- */

struct fmt {
	buf *b;
	bool sharp, zero, plus, minus, space, sharpv, plusv;
	bool widp, precp;
	int wid, prec;
	bool addressable; /* the top-level value is addressable: pointer-receiver String applies */
};

static size_t rune_count(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n;) {
		int w;
		go_utf8_decode(s + i, n - i, &w);
		i += (size_t)w;
		c++;
	}
	return c;
}

static void write_padding(struct fmt *f, int n)
{
	static const char spaces[] = "                                                                ";
	static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";
	const char *pad = f->zero ? zeros : spaces;
	for (; n > 0; n -= 64)
		buf_add(f->b, pad, n < 64 ? (size_t)n : 64);
}

static void pad(struct fmt *f, const char *s, size_t n)
{
	if (!f->widp || f->wid == 0) {
		buf_add(f->b, s, n);
		return;
	}
	int w = f->wid - (int)rune_count(s, n);
	if (!f->minus) {
		write_padding(f, w);
		buf_add(f->b, s, n);
	} else {
		buf_add(f->b, s, n);
		bool z = f->zero;
		f->zero = false;
		write_padding(f, w);
		f->zero = z;
	}
}

static void pad_str(struct fmt *f, const char *s) { pad(f, s, strlen(s)); }

/* Truncates to the precision, in runes. */
static size_t truncate(struct fmt *f, const char *s, size_t n)
{
	if (!f->precp)
		return n;
	size_t i = 0;
	for (int k = 0; k < f->prec && i < n; k++) {
		int w;
		go_utf8_decode(s + i, n - i, &w);
		i += (size_t)w;
	}
	return i;
}

static void fmt_s(struct fmt *f, const char *s, size_t n) { pad(f, s, truncate(f, s, n)); }

static void fmt_sbx(struct fmt *f, const char *s, size_t n, const char *digits)
{
	size_t length = n;
	if (f->precp && (size_t)f->prec < length)
		length = (size_t)f->prec;
	int width = (int)(2 * length);
	if (width > 0) {
		if (f->space) {
			if (f->sharp)
				width *= 2;
			width += (int)length - 1;
		} else if (f->sharp)
			width += 2;
	} else {
		if (f->widp)
			write_padding(f, f->wid);
		return;
	}
	if (f->widp && f->wid > width && !f->minus)
		write_padding(f, f->wid - width);
	buf *b = f->b;
	if (f->sharp) {
		buf_putc(b, '0');
		buf_putc(b, digits[16]);
	}
	for (size_t i = 0; i < length; i++) {
		if (f->space && i > 0) {
			buf_putc(b, ' ');
			if (f->sharp) {
				buf_putc(b, '0');
				buf_putc(b, digits[16]);
			}
		}
		unsigned char c = (unsigned char)s[i];
		buf_putc(b, digits[c >> 4]);
		buf_putc(b, digits[c & 0xF]);
	}
	if (f->widp && f->wid > width && f->minus)
		write_padding(f, f->wid - width);
}

static const char ldigits[] = "0123456789abcdefx";
static const char udigits[] = "0123456789ABCDEFX";

static void fmt_q(struct fmt *f, const char *s, size_t n)
{
	n = truncate(f, s, n);
	buf q = BUF_INIT;
	bool backq = f->sharp && !memchr(s, '`', n);
	for (size_t i = 0; backq && i < n; i++)
		if ((s[i] < ' ' && s[i] != '\t') || s[i] == 0x7F)
			backq = false;
	if (backq) {
		buf_putc(&q, '`');
		buf_add(&q, s, n);
		buf_putc(&q, '`');
	} else
		quote(&q, s, n, f->plus);
	pad(f, buf_str(&q), q.len);
	buf_free(&q);
}

static void fmt_integer(struct fmt *f, uint64_t u, int base, bool is_signed, int verb, const char *digits)
{
	bool negative = is_signed && (int64_t)u < 0;
	if (negative)
		u = -u;
	char tmp[200];
	char *bufp = tmp;
	size_t cap = sizeof tmp;
	char *big = NULL;
	if (f->widp || f->precp) {
		size_t width = 3 + (size_t)f->wid + (size_t)f->prec;
		if (width > cap) {
			big = xmalloc(width);
			bufp = big;
			cap = width;
		}
	}
	int prec = 0;
	if (f->precp) {
		prec = f->prec;
		if (prec == 0 && u == 0) {
			bool z = f->zero;
			f->zero = false;
			write_padding(f, f->wid);
			f->zero = z;
			free(big);
			return;
		}
	} else if (f->zero && !f->minus && f->widp) {
		prec = f->wid;
		if (negative || f->plus || f->space)
			prec--;
	}
	size_t i = cap;
	while (u >= (uint64_t)base) {
		bufp[--i] = digits[u % (uint64_t)base];
		u /= (uint64_t)base;
	}
	bufp[--i] = digits[u];
	while (i > 0 && prec > (int)(cap - i))
		bufp[--i] = '0';
	if (f->sharp) {
		if (base == 2) {
			bufp[--i] = 'b';
			bufp[--i] = '0';
		} else if (base == 8) {
			if (bufp[i] != '0')
				bufp[--i] = '0';
		} else if (base == 16) {
			bufp[--i] = digits[16];
			bufp[--i] = '0';
		}
	}
	if (verb == 'O') {
		bufp[--i] = 'o';
		bufp[--i] = '0';
	}
	if (negative)
		bufp[--i] = '-';
	else if (f->plus)
		bufp[--i] = '+';
	else if (f->space)
		bufp[--i] = ' ';
	bool z = f->zero;
	f->zero = false;
	pad(f, bufp + i, cap - i);
	f->zero = z;
	free(big);
}

static void fmt_c(struct fmt *f, uint64_t c)
{
	buf t = BUF_INIT;
	go_utf8_encode(&t, c > 0x10FFFF ? 0xFFFD : (int)c);
	pad(f, t.s, t.len);
	buf_free(&t);
}

static void fmt_qc(struct fmt *f, uint64_t c)
{
	int r = c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ? 0xFFFD : (int)c;
	buf t = BUF_INIT;
	if (f->sharp && go_is_print(r) && r != '\'') {
		buf_putc(&t, '\'');
		go_utf8_encode(&t, r);
		buf_putc(&t, '\'');
	} else {
		buf_putc(&t, '\'');
		quote_rune_into(&t, r, 0, NULL, '\'', f->plus);
		buf_putc(&t, '\'');
	}
	pad(f, t.s, t.len);
	buf_free(&t);
}

static void fmt_unicode(struct fmt *f, uint64_t u)
{
	buf t = BUF_INIT;
	char hex[32];
	snprintf(hex, sizeof hex, "%" PRIX64, u);
	int prec = 4;
	if (f->precp && f->prec > 4)
		prec = f->prec;
	buf_puts(&t, "U+");
	for (int i = (int)strlen(hex); i < prec; i++)
		buf_putc(&t, '0');
	buf_puts(&t, hex);
	if (f->sharp && u <= 0x10FFFF && go_is_print((int)u)) {
		buf_puts(&t, " '");
		go_utf8_encode(&t, (int)u);
		buf_putc(&t, '\'');
	}
	bool z = f->zero;
	f->zero = false;
	pad(f, t.s, t.len);
	f->zero = z;
	buf_free(&t);
}

/* strconv's 'x' format: -0x1.yyyyp±dd, and 'b': -ddddp±dd. */
static void format_hex_float(buf *b, double v, int prec, int verb)
{
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	bool neg = bits >> 63;
	int exp = (int)(bits >> 52) & 0x7FF;
	uint64_t mant = bits & (((uint64_t)1 << 52) - 1);
	if (exp == 0x7FF) {
		buf_puts(b, mant ? "NaN" : neg ? "-Inf" : "+Inf");
		return;
	}
	if (exp == 0)
		exp++;
	else
		mant |= (uint64_t)1 << 52;
	exp -= 1023;
	if (verb == 'b') {
		buf_printf(b, "%s%" PRIu64 "p%+d", neg ? "-" : "", mant, exp - 52);
		return;
	}
	if (mant == 0)
		exp = 0;
	mant <<= 60 - 52;
	while (mant != 0 && (mant & ((uint64_t)1 << 60)) == 0) {
		mant <<= 1;
		exp--;
	}
	if (prec >= 0 && prec < 15) {
		unsigned shift = (unsigned)prec * 4;
		uint64_t extra = (mant << shift) & (((uint64_t)1 << 60) - 1);
		mant >>= 60 - shift;
		if ((extra | (mant & 1)) > ((uint64_t)1 << 59))
			mant++;
		mant <<= 60 - shift;
		if (mant & ((uint64_t)1 << 61)) {
			mant >>= 1;
			exp++;
		}
	}
	const char *hex = verb == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	if (neg)
		buf_putc(b, '-');
	buf_putc(b, '0');
	buf_putc(b, (char)verb);
	buf_putc(b, (char)('0' + ((mant >> 60) & 1)));
	mant <<= 4;
	if (prec < 0 && mant != 0) {
		buf_putc(b, '.');
		while (mant != 0) {
			buf_putc(b, hex[(mant >> 60) & 15]);
			mant <<= 4;
		}
	} else if (prec > 0) {
		buf_putc(b, '.');
		for (int i = 0; i < prec; i++) {
			buf_putc(b, hex[(mant >> 60) & 15]);
			mant <<= 4;
		}
	}
	buf_putc(b, verb == 'X' ? 'P' : 'p');
	buf_putc(b, exp < 0 ? '-' : '+');
	if (exp < 0)
		exp = -exp;
	buf_printf(b, exp < 10 ? "0%d" : "%d", exp);
}

static void fmt_float(struct fmt *f, double v, int size, int verb, int prec)
{
	if (f->precp)
		prec = f->prec;
	buf t = BUF_INIT;
	buf_putc(&t, '+');
	if (verb == 'x' || verb == 'X' || verb == 'b')
		format_hex_float(&t, v, prec, verb);
	else
		go_format_float_bits(&t, v, (char)verb, prec, size);
	char *num = t.s;
	size_t n = t.len;
	if (num[1] == '-' || num[1] == '+') {
		num++;
		n--;
	} else
		num[0] = '+';
	if (f->space && num[0] == '+' && !f->plus)
		num[0] = ' ';
	if (num[1] == 'I' || num[1] == 'N') {
		bool z = f->zero;
		f->zero = false;
		if (num[1] == 'N' && !f->space && !f->plus) {
			num++;
			n--;
		}
		pad(f, num, n);
		f->zero = z;
		buf_free(&t);
		return;
	}
	buf sharp = BUF_INIT;
	if (f->sharp && verb != 'b') {
		/* keep the decimal point, and for %g/%G the trailing zeros */
		int digits = 0;
		if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x') { /* not 'X', as Go */
			digits = prec;
			if (digits == -1)
				digits = 6;
		}
		/* as Go: every character after the first non-zero one counts as a digit (the "x"
		 * of a hex float too); e/E is an exponent except in %x/%X, where it is a digit */
		bool hex = verb == 'x' || verb == 'X';
		buf tail = BUF_INIT;
		size_t end = n;
		for (size_t i = 1; i < n; i++) {
			if (num[i] == 'p' || num[i] == 'P' || (!hex && (num[i] == 'e' || num[i] == 'E'))) {
				buf_add(&tail, num + i, n - i);
				end = i;
				break;
			}
		}
		bool saw_nonzero = false;
		bool point = false;
		for (size_t i = 1; i < end; i++) {
			if (num[i] == '.')
				point = true;
			else {
				if (num[i] != '0')
					saw_nonzero = true;
				if (saw_nonzero)
					digits--;
			}
		}
		buf_add(&sharp, num, end);
		if (!point) {
			if (end == 2 && num[1] == '0')
				digits--;
			buf_putc(&sharp, '.');
		}
		while (digits > 0) {
			buf_putc(&sharp, '0');
			digits--;
		}
		buf_add(&sharp, tail.s ? tail.s : "", tail.len);
		buf_free(&tail);
		num = sharp.s;
		n = sharp.len;
	}
	if (f->plus || num[0] != '+') {
		if (f->zero && f->widp && f->wid > (int)n) {
			buf_putc(f->b, num[0]);
			write_padding(f, f->wid - (int)n);
			buf_add(f->b, num + 1, n - 1);
		} else
			pad(f, num, n);
	} else
		pad(f, num + 1, n - 1);
	buf_free(&sharp);
	buf_free(&t);
}

static void print_value(struct fmt *f, const hv *v, int verb, int depth);

static void bad_verb(struct fmt *f, const hv *v, int verb)
{
	buf_puts(f->b, "%!");
	go_utf8_encode(f->b, verb);
	buf_putc(f->b, '(');
	if (v && !hv_is_nil(v)) {
		buf_puts(f->b, hv_gotype(v));
		buf_putc(f->b, '=');
		print_value(f, v, 'v', 0);
	} else
		buf_puts(f->b, "<nil>");
	buf_putc(f->b, ')');
}

static void fmt_integer_verb(struct fmt *f, const hv *v, uint64_t u, bool is_signed, int verb)
{
	switch (verb) {
	case 'v': case 'd': fmt_integer(f, u, 10, is_signed, verb, ldigits); break;
	case 'b': fmt_integer(f, u, 2, is_signed, verb, ldigits); break;
	case 'o': case 'O': fmt_integer(f, u, 8, is_signed, verb, ldigits); break;
	case 'x': fmt_integer(f, u, 16, is_signed, verb, ldigits); break;
	case 'X': fmt_integer(f, u, 16, is_signed, verb, udigits); break;
	case 'c': fmt_c(f, u); break;
	case 'q': fmt_qc(f, u); break;
	case 'U': fmt_unicode(f, u); break;
	default: bad_verb(f, v, verb);
	}
}

static void fmt_string(struct fmt *f, const hv *v, const char *s, size_t n, int verb)
{
	switch (verb) {
	case 'v':
		if (f->sharpv)
			fmt_q(f, s, n);
		else
			fmt_s(f, s, n);
		break;
	case 's': fmt_s(f, s, n); break;
	case 'x': fmt_sbx(f, s, n, ldigits); break;
	case 'X': fmt_sbx(f, s, n, udigits); break;
	case 'q': fmt_q(f, s, n); break;
	default: bad_verb(f, v, verb);
	}
}

/* A Stringer: objects whose "String" method exists (on the pointer only when ADDRESSABLE). */
static hv *call_string_method(const hv *v, bool addressable)
{
	const struct hv_object_ops *ops = hv_object_ops_of(v);
	if (!ops || !ops->lookup || (ops->string_on_pointer && !addressable))
		return NULL;
	hv *m = ops->lookup((hv *)v, "String");
	if (!m)
		return NULL;
	char *err = NULL;
	hv *r = hv_kind_of(m) == HV_FUNC ? hv_call(m, NULL, 0, &err) : NULL;
	free(err);
	hv_free(m);
	if (r && hv_kind_of(r) != HV_STRING) {
		hv_free(r);
		r = NULL;
	}
	return r;
}

static void print_object(struct fmt *f, const hv *v, int verb, int depth)
{
	const struct hv_object_ops *ops = hv_object_ops_of(v);
	if (ops == &go_complex_ops) {
		const double *c = hv_object_data(v);
		if (!strchr("vbgGxXfFeE", verb)) {
			bad_verb(f, v, verb);
			return;
		}
		int w = f->wid;
		buf_putc(f->b, '(');
		fmt_float(f, c[0], 64, verb == 'v' ? 'g' : verb, verb == 'v' ? -1 : strchr("fFeE", verb) ? 6 : -1);
		bool plus = f->plus;
		f->plus = true;
		fmt_float(f, c[1], 64, verb == 'v' ? 'g' : verb, verb == 'v' ? -1 : strchr("fFeE", verb) ? 6 : -1);
		buf_puts(f->b, "i)");
		f->plus = plus;
		f->wid = w;
		return;
	}
	if (strchr("vsxXq", verb) && !f->sharpv) {
		hv *s = call_string_method(v, f->addressable && depth == 0);
		if (s) {
			fmt_string(f, s, hv_get_str(s), hv_str_len(s), verb);
			hv_free(s);
			return;
		}
	}
	if (ops->underlying) {
		hv *u = ops->underlying((hv *)v);
		print_value(f, u, verb, depth);
		hv_free(u);
		return;
	}
	if (ops->fields) {
		hv *fl = ops->fields((hv *)v);
		if (depth == 0 && ops->gotype[0] == '*')
			buf_putc(f->b, '&');
		depth++;
		buf_putc(f->b, '{');
		for (size_t i = 0; i < hv_len(fl); i++) {
			if (i > 0)
				buf_putc(f->b, ' ');
			print_value(f, hv_list_get(fl, i), verb, depth);
		}
		buf_putc(f->b, '}');
		hv_free(fl);
		return;
	}
	buf_puts(f->b, "{}");
}

static void print_value(struct fmt *f, const hv *v, int verb, int depth)
{
	switch (hv_kind_of(v)) {
	case HV_NIL:
		if (f->sharpv && depth > 0)
			buf_puts(f->b, "interface {}(nil)");
		else if (depth > 0)
			buf_puts(f->b, "<nil>"); /* a nil interface element: Go writes it unpadded */
		else if (verb == 'v')
			pad_str(f, "<nil>");
		else
			bad_verb(f, v, verb);
		break;
	case HV_BOOL:
		if (verb == 't' || verb == 'v')
			pad_str(f, hv_get_bool(v) ? "true" : "false");
		else
			bad_verb(f, v, verb);
		break;
	case HV_INT:
		fmt_integer_verb(f, v, (uint64_t)hv_get_int(v), true, verb);
		break;
	case HV_UINT:
		fmt_integer_verb(f, v, hv_get_uint(v), false, verb);
		break;
	case HV_FLOAT:
		switch (verb) {
		case 'v': fmt_float(f, hv_get_float(v), 64, 'g', -1); break;
		case 'b': case 'g': case 'G': case 'x': case 'X': fmt_float(f, hv_get_float(v), 64, verb, -1); break;
		case 'f': case 'e': case 'E': case 'F': fmt_float(f, hv_get_float(v), 64, verb == 'F' ? 'f' : verb, 6); break;
		default: bad_verb(f, v, verb);
		}
		break;
	case HV_STRING:
		fmt_string(f, v, hv_get_str(v), hv_str_len(v), verb);
		break;
	case HV_LIST:
		if (hv_sub(v) == HV_GO_BYTES && strchr("sqxX", verb)) {
			buf t = BUF_INIT;
			for (size_t i = 0; i < hv_len(v); i++)
				buf_putc(&t, (char)hv_get_uint(hv_list_get(v, i)));
			fmt_string(f, v, buf_str(&t), t.len, verb);
			buf_free(&t);
			break;
		}
		if (f->sharpv) {
			buf_puts(f->b, hv_gotype(v));
			buf_putc(f->b, '{');
		} else
			buf_putc(f->b, '[');
		for (size_t i = 0; i < hv_len(v); i++) {
			if (i > 0)
				buf_puts(f->b, f->sharpv ? ", " : " ");
			print_value(f, hv_list_get(v, i), verb, depth + 1);
		}
		buf_putc(f->b, f->sharpv ? '}' : ']');
		break;
	case HV_MAP:
		if (f->sharpv) {
			buf_puts(f->b, hv_gotype(v));
			buf_putc(f->b, '{');
		} else
			buf_puts(f->b, "map[");
		for (size_t i = 0; i < hv_len(v); i++) {
			if (i > 0)
				buf_puts(f->b, f->sharpv ? ", " : " ");
			hv *k = hv_strn(hv_map_key(v, i), hv_map_keylen(v, i));
			print_value(f, k, verb, depth + 1);
			hv_free(k);
			buf_putc(f->b, ':');
			print_value(f, hv_map_val(v, i), verb, depth + 1);
		}
		buf_putc(f->b, f->sharpv ? '}' : ']');
		break;
	case HV_OBJECT:
		print_object(f, v, verb, depth);
		break;
	case HV_FUNC:
		if (verb == 'v' || verb == 'p')
			pad_str(f, "0x0");
		else
			bad_verb(f, v, verb);
		break;
	}
}

static void print_arg(struct fmt *f, const hv *v, int verb)
{
	if (hv_is_nil(v)) {
		if (verb == 'T' || verb == 'v')
			pad_str(f, "<nil>");
		else
			bad_verb(f, v, verb);
		return;
	}
	if (verb == 'T') {
		fmt_s(f, hv_gotype(v), strlen(hv_gotype(v)));
		return;
	}
	if (verb == 'p') {
		bad_verb(f, v, verb);
		return;
	}
	print_value(f, v, verb, 0);
}

void go_print_value(buf *b, const hv *v)
{
	struct fmt f = {.b = b};
	print_arg(&f, v, 'v');
}

void go_print_indirect(buf *b, const hv *v)
{
	struct fmt f = {.b = b, .addressable = true};
	if (hv_kind_of(v) == HV_OBJECT && hv_object_ops_of(v)->gotype[0] == '*' && hv_object_ops_of(v)->fields)
		print_value(&f, v, 'v', 1); /* as *v: no "&" */
	else
		print_arg(&f, v, 'v');
}

void go_sprint(buf *b, hv **args, int nargs)
{
	struct fmt f = {.b = b};
	bool prev_string = false;
	for (int i = 0; i < nargs; i++) {
		bool is_string = hv_kind_of(args[i]) == HV_STRING;
		if (i > 0 && !is_string && !prev_string)
			buf_putc(b, ' ');
		print_arg(&f, args[i], 'v');
		prev_string = is_string;
	}
}

void go_sprintln(buf *b, hv **args, int nargs)
{
	struct fmt f = {.b = b};
	for (int i = 0; i < nargs; i++) {
		if (i > 0)
			buf_putc(b, ' ');
		print_arg(&f, args[i], 'v');
	}
	buf_putc(b, '\n');
}

static bool too_large(int x) { return x > 1000000 || x < -1000000; }

static int parsenum(const char *s, size_t start, size_t end, bool *isnum, size_t *newi)
{
	int num = 0;
	*isnum = false;
	size_t i = start;
	if (start >= end) {
		*newi = end;
		return 0;
	}
	for (; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
		if (too_large(num)) {
			*isnum = false;
			*newi = end;
			return 0;
		}
		num = num * 10 + (s[i] - '0');
		*isnum = true;
	}
	*newi = i;
	return num;
}

/* "[n]" argument index: returns the new arg number; *found, *good as Go's argNumber. */
static int arg_number(int argnum, const char *s, size_t *i, size_t end, int nargs, bool *reordered, bool *good, bool *found)
{
	*found = false;
	if (*i >= end || s[*i] != '[')
		return argnum;
	*reordered = true;
	size_t rest = end - *i;
	int index = 0;
	size_t wid = 1;
	bool ok = false;
	if (rest >= 3) {
		for (size_t k = 1; k < rest; k++) {
			if (s[*i + k] == ']') {
				bool isnum;
				size_t newi;
				int w = parsenum(s + *i, 1, k, &isnum, &newi);
				if (!isnum || newi != k) {
					wid = k + 1;
					ok = false;
				} else {
					index = w - 1;
					wid = k + 1;
					ok = true;
				}
				break;
			}
		}
	}
	*i += wid;
	if (ok && index >= 0 && index < nargs) {
		*found = true;
		return index;
	}
	*good = false;
	*found = ok;
	return argnum;
}

static int int_from_arg(hv **args, int nargs, int *argnum, bool *isint)
{
	int num = 0;
	*isint = false;
	if (*argnum < nargs) {
		const hv *a = args[*argnum];
		if (hv_kind_of(a) == HV_INT) {
			num = (int)hv_get_int(a);
			*isint = (int64_t)num == hv_get_int(a);
		} else if (hv_kind_of(a) == HV_UINT && hv_get_uint(a) <= INT32_MAX) {
			num = (int)hv_get_uint(a);
			*isint = true;
		}
		(*argnum)++;
		if (too_large(num)) {
			num = 0;
			*isint = false;
		}
	}
	return num;
}

void go_sprintf(buf *b, const char *format, size_t end, hv **args, int nargs)
{
	int argnum = 0;
	bool after_index = false, reordered = false;
	struct fmt f = {.b = b};
	size_t i = 0;
	while (i < end) {
		bool good = true;
		size_t lasti = i;
		while (i < end && format[i] != '%')
			i++;
		if (i > lasti)
			buf_add(b, format + lasti, i - lasti);
		if (i >= end)
			break;
		i++;
		f = (struct fmt){.b = b};
		for (; i < end; i++) {
			char c = format[i];
			if (c == '#')
				f.sharp = true;
			else if (c == '0')
				f.zero = !f.minus;
			else if (c == '+')
				f.plus = true;
			else if (c == '-') {
				f.minus = true;
				f.zero = false;
			} else if (c == ' ')
				f.space = true;
			else
				break;
		}
		argnum = arg_number(argnum, format, &i, end, nargs, &reordered, &good, &after_index);
		if (i < end && format[i] == '*') {
			i++;
			bool isint;
			f.wid = int_from_arg(args, nargs, &argnum, &isint);
			f.widp = isint;
			if (!f.widp)
				buf_puts(b, "%!(BADWIDTH)");
			if (f.wid < 0) {
				f.wid = -f.wid;
				f.minus = true;
				f.zero = false;
			}
			after_index = false;
		} else {
			bool isnum;
			size_t ni;
			f.wid = parsenum(format, i, end, &isnum, &ni);
			f.widp = isnum;
			i = ni;
			if (after_index && f.widp)
				good = false;
		}
		if (i + 1 < end && format[i] == '.') {
			i++;
			if (after_index)
				good = false;
			argnum = arg_number(argnum, format, &i, end, nargs, &reordered, &good, &after_index);
			if (i < end && format[i] == '*') {
				i++;
				bool isint;
				f.prec = int_from_arg(args, nargs, &argnum, &isint);
				f.precp = isint;
				if (f.prec < 0) {
					f.prec = 0;
					f.precp = false;
				}
				if (!isint)
					buf_puts(b, "%!(BADPREC)");
				after_index = false;
			} else {
				bool isnum;
				size_t ni;
				f.prec = parsenum(format, i, end, &isnum, &ni);
				i = ni;
				f.precp = true;
				if (!isnum)
					f.prec = 0;
			}
		}
		if (!after_index)
			argnum = arg_number(argnum, format, &i, end, nargs, &reordered, &good, &after_index);
		if (i >= end) {
			buf_puts(b, "%!(NOVERB)");
			break;
		}
		int verb, size;
		verb = go_utf8_decode(format + i, end - i, &size);
		if (verb < 0)
			verb = 0xFFFD;
		i += (size_t)size;
		if (verb == '%')
			buf_putc(b, '%');
		else if (!good) {
			buf_puts(b, "%!");
			go_utf8_encode(b, verb);
			buf_puts(b, "(BADINDEX)");
		} else if (argnum >= nargs) {
			buf_puts(b, "%!");
			go_utf8_encode(b, verb);
			buf_puts(b, "(MISSING)");
		} else {
			if (verb == 'v') {
				f.sharpv = f.sharp;
				f.sharp = false;
				f.plusv = f.plus;
				f.plus = false;
			}
			print_arg(&f, args[argnum], verb);
			argnum++;
		}
	}
	if (!reordered && argnum < nargs) {
		f = (struct fmt){.b = b};
		buf_puts(b, "%!(EXTRA ");
		for (int k = argnum; k < nargs; k++) {
			if (k > argnum)
				buf_puts(b, ", ");
			if (hv_is_nil(args[k]))
				buf_puts(b, "<nil>");
			else {
				buf_puts(b, hv_gotype(args[k]));
				buf_putc(b, '=');
				print_arg(&f, args[k], 'v');
			}
		}
		buf_putc(b, ')');
	}
}
