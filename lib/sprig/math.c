/* math.c — Sprig's arithmetic (numeric.go and the lambdas of functions.go): integer math goes
 * through cast.ToInt64 and wraps around like Go's int64; the "f" forms use decimal arithmetic. */
#include <math.h>

#include "gofmt.h"
#include "sprig/cast.h"
#include "sprig/sprig.h"
#include "strconv.h"
#include "util.h"

static hv *i64(int64_t v) { return hv_int_typed(v, HV_GO_INT64); }

/* Go's wrapping int64 arithmetic. */
static int64_t wrap_add(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static int64_t wrap_sub(int64_t a, int64_t b) { return (int64_t)((uint64_t)a - (uint64_t)b); }
static int64_t wrap_mul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }

static hv *fn_add1(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return i64(wrap_add(cast_to_int64(argv[0]), 1));
}

static hv *fn_add(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t sum = 0;
	for (int i = 0; i < argc; i++)
		sum = wrap_add(sum, cast_to_int64(argv[i]));
	return i64(sum);
}

static hv *fn_sub(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return i64(wrap_sub(cast_to_int64(argv[0]), cast_to_int64(argv[1])));
}

static hv *fn_mul(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t v = cast_to_int64(argv[0]);
	for (int i = 1; i < argc; i++)
		v = wrap_mul(v, cast_to_int64(argv[i]));
	return i64(v);
}

/* div and mod: Go panics on zero; MinInt64 / -1 wraps to MinInt64 (remainder 0). */
static hv *divide(hv **argv, bool remainder, char **err)
{
	int64_t a = cast_to_int64(argv[0]), b = cast_to_int64(argv[1]);
	if (b == 0)
		return sprig_fail(err, "runtime error: integer divide by zero");
	if (b == -1)
		return i64(remainder ? 0 : wrap_sub(0, a));
	return i64(remainder ? a % b : a / b);
}

static hv *fn_div(tmpl_ctx *c, hv **argv, int argc, char **err) { return divide(argv, false, err); }
static hv *fn_mod(tmpl_ctx *c, hv **argv, int argc, char **err) { return divide(argv, true, err); }

static hv *extreme(hv **argv, int argc, int sign)
{
	int64_t best = cast_to_int64(argv[0]);
	for (int i = 1; i < argc; i++) {
		int64_t v = cast_to_int64(argv[i]);
		if (sign > 0 ? v > best : v < best)
			best = v;
	}
	return i64(best);
}

static hv *fn_max(tmpl_ctx *c, hv **argv, int argc, char **err) { return extreme(argv, argc, 1); }
static hv *fn_min(tmpl_ctx *c, hv **argv, int argc, char **err) { return extreme(argv, argc, -1); }

/* math.Max / math.Min: infinities win over NaN, NaN over numbers, +0 is above -0. */
static double go_max(double x, double y)
{
	if ((isinf(x) && x > 0) || (isinf(y) && y > 0))
		return INFINITY;
	if (isnan(x) || isnan(y))
		return NAN;
	if (x == 0 && x == y)
		return signbit(x) ? y : x;
	return x > y ? x : y;
}

static double go_min(double x, double y)
{
	if ((isinf(x) && x < 0) || (isinf(y) && y < 0))
		return -INFINITY;
	if (isnan(x) || isnan(y))
		return NAN;
	if (x == 0 && x == y)
		return signbit(x) ? x : y;
	return x < y ? x : y;
}

static hv *extreme_f(hv **argv, int argc, double (*pick)(double, double))
{
	double best = cast_to_float64(argv[0]);
	for (int i = 1; i < argc; i++)
		best = pick(best, cast_to_float64(argv[i]));
	return hv_float(best);
}

static hv *fn_maxf(tmpl_ctx *c, hv **argv, int argc, char **err) { return extreme_f(argv, argc, go_max); }
static hv *fn_minf(tmpl_ctx *c, hv **argv, int argc, char **err) { return extreme_f(argv, argc, go_min); }

static hv *decimal(hv *first, hv **rest, int n, char op, char **err)
{
	double f;
	return sprig_decimal_op(first, rest, n, op, &f, err) ? hv_float(f) : NULL;
}

static hv *fn_add1f(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *one = hv_int(1);
	hv *r = decimal(argv[0], &one, 1, '+', err);
	hv_free(one);
	return r;
}

static hv *fn_addf(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *zero = hv_float(0);
	hv *r = decimal(zero, argv, argc, '+', err);
	hv_free(zero);
	return r;
}

static hv *fn_subf(tmpl_ctx *c, hv **argv, int argc, char **err) { return decimal(argv[0], argv + 1, argc - 1, '-', err); }
static hv *fn_mulf(tmpl_ctx *c, hv **argv, int argc, char **err) { return decimal(argv[0], argv + 1, argc - 1, '*', err); }
static hv *fn_divf(tmpl_ctx *c, hv **argv, int argc, char **err) { return decimal(argv[0], argv + 1, argc - 1, '/', err); }

static hv *fn_floor(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_float(floor(cast_to_float64(argv[0]))); }
static hv *fn_ceil(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_float(ceil(cast_to_float64(argv[0]))); }

/* round VALUE PLACES [ROUND_ON]: up when the fraction of value*10^places reaches ROUND_ON (.5). */
static hv *fn_round(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	double round_on = argc > 2 ? hv_get_float(argv[2]) : .5;
	double pow10 = pow(10, (double)hv_get_int(argv[1]));
	double digit = pow10 * cast_to_float64(argv[0]), whole;
	double frac = modf(digit, &whole);
	return hv_float((frac >= round_on ? ceil(digit) : floor(digit)) / pow10);
}

/* untilStep's length, or -1 when over SPRIG_LIST_MAX. */
static int64_t steps(int64_t start, int64_t stop, int64_t step)
{
	__int128 span;
	if (stop < start) {
		if (step >= 0)
			return 0;
		span = (__int128)start - stop;
		step = -step;
	} else {
		if (step <= 0)
			return 0;
		span = (__int128)stop - start;
	}
	__int128 n = (span + step - 1) / step;
	return n > SPRIG_LIST_MAX ? -1 : (int64_t)n;
}

/* untilStep as a []int; NULL with *err when too long. */
static hv *until_step(int64_t start, int64_t stop, int64_t step, char **err)
{
	int64_t n = steps(start, stop, step);
	if (n < 0)
		return sprig_fail(err, "a list of over %lld numbers is refused", (long long)SPRIG_LIST_MAX);
	hv *l = hv_list();
	hv_set_sub(l, HV_GO_INTLIST);
	for (int64_t i = 0; i < n; i++)
		hv_list_push(l, hv_int(start + i * step));
	return l;
}

static hv *fn_until(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t count = hv_get_int(argv[0]);
	return until_step(0, count, count < 0 ? -1 : 1, err);
}

static hv *fn_until_step(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return until_step(hv_get_int(argv[0]), hv_get_int(argv[1]), hv_get_int(argv[2]), err);
}

/* untilStep's numbers separated by spaces. */
static hv *seq_text(int64_t start, int64_t stop, int64_t step, char **err)
{
	hv *l = until_step(start, stop, step, err);
	if (!l)
		return NULL;
	buf b = BUF_INIT;
	for (size_t i = 0; i < hv_len(l); i++)
		buf_printf(&b, i ? " %lld" : "%lld", (long long)hv_get_int(hv_list_get(l, i)));
	hv_free(l);
	return sprig_buf_value(&b);
}

/* seq [START [STEP]] END: the numbers separated by spaces, END included. */
static hv *fn_seq(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t start, end, step;
	switch (argc) {
	case 1:
		start = 1, end = hv_get_int(argv[0]);
		step = end < start ? -1 : 1;
		break;
	case 2:
		start = hv_get_int(argv[0]), end = hv_get_int(argv[1]);
		step = end < start ? -1 : 1;
		break;
	case 3:
		start = hv_get_int(argv[0]), step = hv_get_int(argv[1]), end = hv_get_int(argv[2]);
		if (end < start && step > 0)
			return hv_str("");
		end = wrap_add(end, end < start ? -1 : 1);
		return seq_text(start, end, step, err);
	default:
		return hv_str("");
	}
	return seq_text(start, wrap_add(end, step), step, err);
}

static hv *fn_int64(tmpl_ctx *c, hv **argv, int argc, char **err) { return i64(cast_to_int64(argv[0])); }
static hv *fn_int(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_int(cast_to_int(argv[0])); }
static hv *fn_float64(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_float(cast_to_float64(argv[0])); }

/* strconv.Atoi with its error dropped: 0 for bad syntax, the clamped value when out of range. */
static hv *fn_atoi(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t v;
	go_parse_int(hv_get_str(argv[0]), hv_str_len(argv[0]), 10, &v);
	return hv_int(v);
}

/* toDecimal: fmt.Sprint(v) read as an octal number, 0 when it is not one. */
static hv *fn_to_decimal(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	go_print_value(&b, argv[0]);
	int64_t v;
	if (go_parse_int(buf_str(&b), b.len, 8, &v) != GO_NUM_OK)
		v = 0;
	buf_free(&b);
	return i64(v);
}

static const struct tmpl_func funcs[] = {
	{"add1", fn_add1, "v", 0},
	{"add", fn_add, "v*", 0},
	{"sub", fn_sub, "vv", 0},
	{"div", fn_div, "vv", 0},
	{"mod", fn_mod, "vv", 0},
	{"mul", fn_mul, "vv*", 0},
	{"add1f", fn_add1f, "v", 0},
	{"addf", fn_addf, "v*", 0},
	{"subf", fn_subf, "vv*", 0},
	{"divf", fn_divf, "vv*", 0},
	{"mulf", fn_mulf, "vv*", 0},
	{"biggest", fn_max, "vv*", 0},
	{"max", fn_max, "vv*", 0},
	{"min", fn_min, "vv*", 0},
	{"maxf", fn_maxf, "vv*", 0},
	{"minf", fn_minf, "vv*", 0},
	{"ceil", fn_ceil, "v", 0},
	{"floor", fn_floor, "v", 0},
	{"round", fn_round, "vif*", 0},
	{"seq", fn_seq, "i*", 0},
	{"until", fn_until, "i", 0},
	{"untilStep", fn_until_step, "iii", 0},
	{"atoi", fn_atoi, "s", 0},
	{"int64", fn_int64, "v", 0},
	{"int", fn_int, "v", 0},
	{"float64", fn_float64, "v", 0},
	{"toDecimal", fn_to_decimal, "v", 0},
};

void sprig_register_math(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, (int)(sizeof funcs / sizeof *funcs));
}
