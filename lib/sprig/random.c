/* random.c — Sprig's random strings (goutils' CryptoRandom*: uniform over the allowed
 * characters, "" for a count <= 0), randBytes, randInt and uuidv4, from the kernel's CSPRNG
 * (getrandom(2), which Go's crypto/rand reads too: OpenSSL's would first set up its providers,
 * some 8 million instructions and 2 MiB for a chart's one random password). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "base64.h"
#include "sprig/ext.h"
#include "sprig/sprig.h"
#include "util.h"

static void random_bytes(unsigned char *p, size_t n)
{
	while (n) {
		ssize_t k = getrandom(p, n, 0);
		if (k < 0 && errno != EINTR)
			die("cannot read random bytes: %s", strerror(errno));
		if (k > 0) {
			p += k;
			n -= (size_t)k;
		}
	}
}

/* A uniform random number in [0, n), n > 0. */
static uint64_t uniform(uint64_t n)
{
	uint64_t limit = UINT64_MAX - UINT64_MAX % n, r;
	do
		random_bytes((unsigned char *)&r, sizeof r);
	while (r >= limit);
	return r % n;
}

static hv *random_string(hv *count, const char *set)
{
	int64_t n = hv_get_int(count);
	buf b = BUF_INIT;
	buf_add(&b, "", 0);
	size_t k = strlen(set);
	for (int64_t i = 0; i < n; i++)
		buf_putc(&b, set[uniform(k)]);
	return sprig_buf_value(&b);
}

#define UPPER "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#define LOWER "abcdefghijklmnopqrstuvwxyz"
#define DIGITS "0123456789"

static hv *f_randAlphaNum(tmpl_ctx *c, hv **argv, int argc, char **err) { return random_string(argv[0], DIGITS UPPER LOWER); }
static hv *f_randAlpha(tmpl_ctx *c, hv **argv, int argc, char **err) { return random_string(argv[0], UPPER LOWER); }
static hv *f_randNumeric(tmpl_ctx *c, hv **argv, int argc, char **err) { return random_string(argv[0], DIGITS); }

static hv *f_randAscii(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	char set[96];
	for (int i = 0; i < 95; i++)
		set[i] = (char)(' ' + i);
	set[95] = 0;
	return random_string(argv[0], set);
}

static hv *f_randBytes(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t n = hv_get_int(argv[0]);
	if (n < 0)
		return sprig_fail(err, "runtime error: makeslice: len out of range");
	if (n > (int64_t)1 << 30)
		return sprig_fail(err, "runtime error: makeslice: len out of range");
	unsigned char *p = xmalloc(n ? n : 1);
	random_bytes(p, n);
	buf b = BUF_INIT;
	base64_encode(&b, p, n);
	free(p);
	return sprig_buf_value(&b);
}

static hv *f_randInt(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t min = hv_get_int(argv[0]), max = hv_get_int(argv[1]);
	if (max - min <= 0)
		return sprig_fail(err, "invalid argument to Intn");
	return hv_int(min + (int64_t)uniform((uint64_t)(max - min)));
}

static hv *f_uuidv4(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	unsigned char u[16];
	random_bytes(u, sizeof u);
	u[6] = (u[6] & 0x0f) | 0x40;
	u[8] = (u[8] & 0x3f) | 0x80;
	buf b = BUF_INIT;
	for (int i = 0; i < 16; i++)
		buf_printf(&b, "%s%02x", i == 4 || i == 6 || i == 8 || i == 10 ? "-" : "", u[i]);
	return sprig_buf_value(&b);
}

static const struct tmpl_func funcs[] = {
	{"randAlphaNum", f_randAlphaNum, "i", 0},
	{"randAlpha", f_randAlpha, "i", 0},
	{"randAscii", f_randAscii, "i", 0},
	{"randNumeric", f_randNumeric, "i", 0},
	{"randBytes", f_randBytes, "i", TF_ERROR},
	{"randInt", f_randInt, "ii", 0},
	{"uuidv4", f_uuidv4, "", 0},
};

void sprig_register_random(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, sizeof funcs / sizeof funcs[0]);
}
