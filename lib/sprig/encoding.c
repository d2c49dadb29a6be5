/* encoding.c — Sprig's b64enc/b64dec/b32enc/b32dec (Go's StdEncodings: decode errors come back
 * as the result text, "illegal base64 data at input byte 4") and sha1sum, sha256sum,
 * sha512sum, adler32sum. */
/* OpenSSL's low-level hash functions (deprecated in 3.0, still there): its EVP interface, the
 * SHA256() one-shot included, loads the providers on first use, some 5M instructions, as much
 * as rendering a whole small chart. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
#include <stdint.h>
#include <string.h>

#include "base64.h"
#include "sprig/ext.h"
#include "sprig/sprig.h"
#include "util.h"

static const char b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static void base32_encode(buf *out, const unsigned char *s, size_t n)
{
	buf_add(out, "", 0);
	for (size_t i = 0; i < n; i += 5) {
		size_t k = n - i < 5 ? n - i : 5;
		uint64_t v = 0;
		for (size_t j = 0; j < 5; j++)
			v = v << 8 | (j < k ? s[i + j] : 0);
		size_t chars = (k * 8 + 4) / 5;
		for (size_t j = 0; j < 8; j++)
			buf_putc(out, j < chars ? b32[v >> (35 - 5 * j) & 31] : '=');
	}
}

/* base32.StdEncoding.DecodeString: newlines dropped first, then 8-character quanta. */
static long base32_decode(buf *out, const char *in, size_t inlen)
{
	buf clean = BUF_INIT;
	buf_add(&clean, "", 0);
	for (size_t i = 0; i < inlen; i++)
		if (in[i] != '\n' && in[i] != '\r')
			buf_putc(&clean, in[i]);
	const char *src = clean.s;
	size_t olen = clean.len, left = olen;
	long bad = -1;
	bool end = false;
	buf_add(out, "", 0);
	while (left > 0 && !end && bad < 0) {
		unsigned char d[8] = {0};
		int dlen = 8;
		for (int j = 0; j < 8;) {
			if (left == 0) {
				bad = (long)(olen - left - j);
				break;
			}
			unsigned char c = *src++;
			left--;
			if (c == '=' && j >= 2 && left < 8) {
				if ((int)left + j < 7) {
					bad = (long)olen;
					break;
				}
				for (int k = 0; k < 7 - j; k++)
					if ((int)left > k && src[k] != '=') {
						bad = (long)(olen - left + k - 1);
						break;
					}
				if (bad >= 0)
					break;
				dlen = j;
				end = true;
				if (dlen == 1 || dlen == 3 || dlen == 6)
					bad = (long)(olen - left - 1);
				break;
			}
			const char *p = c ? strchr(b32, c) : NULL;
			if (!p) {
				bad = (long)(olen - left - 1);
				break;
			}
			d[j++] = (unsigned char)(p - b32);
		}
		if (bad >= 0)
			break;
		uint64_t v = 0;
		for (int j = 0; j < 8; j++)
			v = v << 5 | d[j];
		static const int bytes_for[9] = {0, 0, 1, 1, 2, 3, 3, 4, 5};
		for (int j = 0; j < bytes_for[dlen]; j++)
			buf_putc(out, (char)(v >> (32 - 8 * j) & 255));
	}
	buf_free(&clean);
	return bad;
}

static hv *f_b64enc(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	base64_encode(&b, (const unsigned char *)hv_get_str(argv[0]), hv_str_len(argv[0]));
	return sprig_buf_value(&b);
}

static hv *decoded(buf *b, long bad, const char *what)
{
	if (bad >= 0) {
		buf_reset(b);
		buf_printf(b, "illegal %s data at input byte %ld", what, bad);
	}
	return sprig_buf_value(b);
}

static hv *f_b64dec(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	long bad = base64_decode(&b, hv_get_str(argv[0]), hv_str_len(argv[0]));
	return decoded(&b, bad, "base64");
}

static hv *f_b32enc(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	base32_encode(&b, (const unsigned char *)hv_get_str(argv[0]), hv_str_len(argv[0]));
	return sprig_buf_value(&b);
}

static hv *f_b32dec(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	long bad = base32_decode(&b, hv_get_str(argv[0]), hv_str_len(argv[0]));
	return decoded(&b, bad, "base32");
}

static hv *hex_sum(const unsigned char *sum, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char *s = xmalloc(2 * n + 1);
	for (size_t i = 0; i < n; i++) {
		s[2 * i] = hex[sum[i] >> 4];
		s[2 * i + 1] = hex[sum[i] & 15];
	}
	s[2 * n] = 0;
	return hv_str_take(s, 2 * n);
}

static hv *f_sha1sum(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	unsigned char sum[SHA_DIGEST_LENGTH];
	SHA_CTX x;
	SHA1_Init(&x);
	SHA1_Update(&x, hv_get_str(argv[0]), hv_str_len(argv[0]));
	SHA1_Final(sum, &x);
	return hex_sum(sum, sizeof sum);
}

static hv *f_sha256sum(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	unsigned char sum[SHA256_DIGEST_LENGTH];
	SHA256_CTX x;
	SHA256_Init(&x);
	SHA256_Update(&x, hv_get_str(argv[0]), hv_str_len(argv[0]));
	SHA256_Final(sum, &x);
	return hex_sum(sum, sizeof sum);
}

static hv *f_sha512sum(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	unsigned char sum[SHA512_DIGEST_LENGTH];
	SHA512_CTX x;
	SHA512_Init(&x);
	SHA512_Update(&x, hv_get_str(argv[0]), hv_str_len(argv[0]));
	SHA512_Final(sum, &x);
	return hex_sum(sum, sizeof sum);
}

static hv *f_adler32sum(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	const unsigned char *s = (const unsigned char *)hv_get_str(argv[0]);
	size_t n = hv_str_len(argv[0]);
	uint32_t a = 1, b = 0;
	for (size_t i = 0; i < n; i++) {
		a = (a + s[i]) % 65521;
		b = (b + a) % 65521;
	}
	buf out = BUF_INIT;
	buf_printf(&out, "%u", b << 16 | a);
	return sprig_buf_value(&out);
}

static const struct tmpl_func funcs[] = {
	{"b64enc", f_b64enc, "s", 0},
	{"b64dec", f_b64dec, "s", 0},
	{"b32enc", f_b32enc, "s", 0},
	{"b32dec", f_b32dec, "s", 0},
	{"sha1sum", f_sha1sum, "s", 0},
	{"sha256sum", f_sha256sum, "s", 0},
	{"sha512sum", f_sha512sum, "s", 0},
	{"adler32sum", f_adler32sum, "s", 0},
};

void sprig_register_encoding(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, sizeof funcs / sizeof funcs[0]);
}
