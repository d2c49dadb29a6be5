/* decimal.c — the exact decimal arithmetic behind addf/subf/mulf/divf (shopspring/decimal as
 * Sprig uses it): each float64 becomes the shortest decimal that reads back as it, the operations
 * are exact (division rounds half away from zero at 16 places), and the result is rounded to the
 * nearest float64 once at the end. */
#include <math.h>
#include <openssl/bn.h>
#include <stdlib.h>
#include <string.h>

#include "sprig/cast.h"
#include "sprig/sprig.h"
#include "strconv.h"
#include "util.h"

#define DIVISION_PRECISION 16

typedef struct {
	BIGNUM *v;   /* the coefficient */
	int64_t exp; /* value = v * 10^exp */
} dec;

static BN_CTX *bn_ctx(void)
{
	static BN_CTX *ctx;
	if (!ctx && !(ctx = BN_CTX_new()))
		die("out of memory");
	return ctx;
}

static BIGNUM *bn_new(void)
{
	BIGNUM *b = BN_new();
	if (!b)
		die("out of memory");
	return b;
}

/* v * 10^k for k >= 0, in place. */
static void bn_shift10(BIGNUM *v, int64_t k)
{
	if (k <= 0)
		return;
	BIGNUM *p = bn_new(), *ten = bn_new(), *e = bn_new();
	BN_set_word(ten, 10);
	BN_set_word(e, (BN_ULONG)k);
	BN_exp(p, ten, e, bn_ctx());
	BN_mul(v, v, p, bn_ctx());
	BN_free(p);
	BN_free(ten);
	BN_free(e);
}

/* decimal.NewFromFloat; false (with Go's panic text) for NaN and infinities. */
static bool dec_from_float(dec *d, double f, char **err)
{
	d->v = bn_new();
	d->exp = 0;
	if (isnan(f) || isinf(f)) {
		*err = xasprintf("Cannot create a Decimal from %s", isnan(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf");
		return false;
	}
	if (f == 0)
		return true;
	buf b = BUF_INIT, digits = BUF_INIT;
	go_format_float(&b, f, 'e', -1); /* -d.ddde±x */
	const char *s = buf_str(&b), *e = strchr(s, 'e');
	for (const char *p = s; p < e; p++)
		if (*p != '.')
			buf_putc(&digits, *p);
	size_t ndigits = digits.len - (s[0] == '-');
	d->exp = strtol(e + 1, NULL, 10) - (int64_t)(ndigits - 1);
	BN_dec2bn(&d->v, buf_str(&digits));
	buf_free(&b);
	buf_free(&digits);
	return true;
}

/* Brings both to the smaller exponent. */
static void rescale_pair(dec *a, dec *b)
{
	if (a->exp > b->exp) {
		bn_shift10(a->v, a->exp - b->exp);
		a->exp = b->exp;
	} else {
		bn_shift10(b->v, b->exp - a->exp);
		b->exp = a->exp;
	}
}

static int dec_cmp(dec a, dec b)
{
	dec x = {BN_dup(a.v), a.exp}, y = {BN_dup(b.v), b.exp};
	rescale_pair(&x, &y);
	int c = BN_cmp(x.v, y.v);
	BN_free(x.v);
	BN_free(y.v);
	return c;
}

/* a += 10^-precision * sign (the rounding step of DivRound). */
static void add_unit(dec *q, int sign)
{
	BIGNUM *one = bn_new();
	BN_one(one);
	if (sign < 0)
		BN_sub(q->v, q->v, one);
	else
		BN_add(q->v, q->v, one);
	BN_free(one);
}

/* decimal's DivRound(d2, 16) into *a. */
static bool dec_div(dec *a, dec *b, char **err)
{
	if (BN_is_zero(b->v)) {
		*err = xstrdup("decimal division by 0");
		return false;
	}
	int64_t scale = -DIVISION_PRECISION, e = a->exp - b->exp - scale, rest_exp;
	BIGNUM *aa = BN_dup(a->v), *bb = BN_dup(b->v), *q = bn_new(), *r = bn_new();
	if (e < 0) {
		bn_shift10(bb, -e);
		rest_exp = a->exp;
	} else {
		bn_shift10(aa, e);
		rest_exp = scale + b->exp;
	}
	BN_div(q, r, aa, bb, bn_ctx()); /* truncates; r has the sign of aa */
	/* round: compare 2|r| * 10^precision with |b| */
	BN_set_negative(r, 0);
	BN_lshift1(r, r);
	BIGNUM *babs = BN_dup(b->v);
	BN_set_negative(babs, 0);
	dec r2 = {r, rest_exp + DIVISION_PRECISION}, bd = {babs, b->exp};
	bool up = dec_cmp(r2, bd) >= 0;
	dec quo = {q, scale};
	if (up)
		add_unit(&quo, BN_is_negative(a->v) != BN_is_negative(b->v) ? -1 : 1);
	BN_free(aa);
	BN_free(bb);
	BN_free(r);
	BN_free(babs);
	BN_free(a->v);
	*a = quo;
	return true;
}

/* a = a OP b. */
static bool dec_apply(dec *a, dec *b, char op, char **err)
{
	switch (op) {
	case '+':
	case '-':
		rescale_pair(a, b);
		(op == '+' ? BN_add : BN_sub)(a->v, a->v, b->v);
		return true;
	case '*':
		BN_mul(a->v, a->v, b->v, bn_ctx());
		a->exp += b->exp;
		return true;
	default:
		return dec_div(a, b, err);
	}
}

/* The nearest float64 to D. */
static double dec_float(dec d)
{
	char *digits = BN_bn2dec(d.v);
	if (!digits)
		die("out of memory");
	char *s = xasprintf("%se%lld", digits, (long long)d.exp);
	double f = strtod(s, NULL);
	OPENSSL_free(digits);
	free(s);
	return f;
}

bool sprig_decimal_op(hv *first, hv **rest, int n, char op, double *out, char **err)
{
	dec acc, x = {NULL, 0};
	bool ok = dec_from_float(&acc, cast_to_float64(first), err);
	for (int i = 0; ok && i < n; i++) {
		ok = dec_from_float(&x, cast_to_float64(rest[i]), err) && dec_apply(&acc, &x, op, err);
		BN_free(x.v);
	}
	if (ok)
		*out = dec_float(acc);
	BN_free(acc.v);
	return ok;
}
