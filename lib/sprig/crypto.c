/* crypto.c — Sprig's bcrypt and htpasswd ($2a$, cost 10, through libcrypt), derivePassword
 * (Master Password: scrypt + HMAC-SHA256 and Sprig's templates) and encryptAES/decryptAES
 * (AES-256-CBC, key = password zero-padded or cut to 32 bytes, PKCS#7 padding, random IV
 * prepended, base64). */
#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "sprig/ext.h"
#include "sprig/sprig.h"
#include "util.h"

void sprig_openssl_init(void) { OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL); }

/* golang.org/x/crypto/bcrypt GenerateFromPassword(pw, 10), or Sprig's failure text. */
static void bcrypt_hash(buf *out, hv *pw)
{
	if (hv_str_len(pw) > 72) {
		buf_puts(out, "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes");
		return;
	}
	struct crypt_data *cd = xcalloc(1, sizeof *cd);
	const char *salt = crypt_gensalt_rn("$2a$", 10, NULL, 0, cd->setting, sizeof cd->setting);
	char *h = salt ? crypt_r(hv_get_str(pw), salt, cd) : NULL;
	if (!h || h[0] == '*')
		die("bcrypt: libcrypt cannot hash with $2a$");
	buf_puts(out, h);
	free(cd);
}

static hv *f_bcrypt(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	bcrypt_hash(&b, argv[0]);
	return sprig_buf_value(&b);
}

static hv *f_htpasswd(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	const char *user = hv_get_str(argv[0]);
	if (memchr(user, ':', hv_str_len(argv[0]))) {
		buf_puts(&b, "invalid username: ");
		buf_add(&b, user, hv_str_len(argv[0]));
		return sprig_buf_value(&b);
	}
	buf_add(&b, user, hv_str_len(argv[0]));
	buf_putc(&b, ':');
	bcrypt_hash(&b, argv[1]);
	return sprig_buf_value(&b);
}

static const struct { const char *name; const char *const *templates; } password_types[] = {
	{"maximum", (const char *const[]){"anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno", NULL}},
	{"long", (const char *const[]){"CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv",
		"CvccCvcvnoCvcv", "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno",
		"CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv",
		"CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc",
		"CvccCvcvnoCvcc", "CvccCvcvCvccno", NULL}},
	{"medium", (const char *const[]){"CvcnoCvc", "CvcCvcno", NULL}},
	{"short", (const char *const[]){"Cvcn", NULL}},
	{"basic", (const char *const[]){"aaanaaan", "aannaaan", "aaannaaa", NULL}},
	{"pin", (const char *const[]){"nnnn", NULL}},
};

static const char *template_chars(char c)
{
	switch (c) {
	case 'V': return "AEIOU";
	case 'C': return "BCDFGHJKLMNPQRSTVWXYZ";
	case 'v': return "aeiou";
	case 'c': return "bcdfghjklmnpqrstvwxyz";
	case 'A': return "AEIOUBCDFGHJKLMNPQRSTVWXYZ";
	case 'a': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz";
	case 'n': return "0123456789";
	case 'o': return "@&%?,=[]_:-+*$#!'^~;()/.";
	case 'x': return "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()";
	}
	return "";
}

static void put_u32(buf *b, uint32_t v)
{
	unsigned char p[4] = {v >> 24, v >> 16 & 255, v >> 8 & 255, v & 255};
	buf_add(b, (char *)p, 4);
}

static hv *f_derivePassword(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	sprig_openssl_init();
	uint32_t counter = (uint32_t)hv_get_int(argv[0]);
	const char *type = hv_get_str(argv[1]);
	const char *const *templates = NULL;
	for (size_t i = 0; i < sizeof password_types / sizeof password_types[0]; i++)
		if (strcmp(password_types[i].name, type) == 0)
			templates = password_types[i].templates;
	buf out = BUF_INIT;
	if (!templates) {
		buf_printf(&out, "cannot find password template %s", type);
		return sprig_buf_value(&out);
	}
	static const char seed[] = "com.lyndir.masterpassword";
	buf salt = BUF_INIT;
	buf_puts(&salt, seed);
	put_u32(&salt, (uint32_t)hv_str_len(argv[3]));
	buf_add(&salt, hv_get_str(argv[3]), hv_str_len(argv[3]));
	unsigned char key[64];
	if (EVP_PBE_scrypt(hv_get_str(argv[2]), hv_str_len(argv[2]), (unsigned char *)salt.s, salt.len,
		32768, 8, 2, 256u << 20, key, sizeof key) != 1)
		die("derivePassword: scrypt failed");
	buf_reset(&salt);
	buf_puts(&salt, seed);
	put_u32(&salt, (uint32_t)hv_str_len(argv[4]));
	buf_add(&salt, hv_get_str(argv[4]), hv_str_len(argv[4]));
	put_u32(&salt, counter);
	unsigned char mac[32];
	unsigned int maclen = 0;
	HMAC(EVP_sha256(), key, sizeof key, (unsigned char *)salt.s, salt.len, mac, &maclen);
	buf_free(&salt);
	size_t nt = 0;
	while (templates[nt])
		nt++;
	const char *t = templates[mac[0] % nt];
	buf_add(&out, "", 0);
	for (size_t i = 0; t[i]; i++) {
		const char *chars = template_chars(t[i]);
		buf_putc(&out, chars[mac[i + 1] % strlen(chars)]);
	}
	return sprig_buf_value(&out);
}

static void aes_key(const hv *password, unsigned char key[32])
{
	sprig_openssl_init();
	size_t n = hv_str_len(password);
	memset(key, 0, 32);
	memcpy(key, hv_get_str(password), n < 32 ? n : 32);
}

static hv *f_encryptAES(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	size_t n = hv_str_len(argv[1]);
	if (n == 0)
		return hv_str("");
	unsigned char key[32];
	aes_key(argv[0], key);
	size_t pad = 16 - n % 16, total = 16 + n + pad;
	unsigned char *data = xmalloc(total);
	if (RAND_bytes(data, 16) != 1)
		die("cannot read random bytes");
	EVP_CIPHER_CTX *cx = EVP_CIPHER_CTX_new();
	int len1 = 0, len2 = 0;
	EVP_EncryptInit_ex(cx, EVP_aes_256_cbc(), NULL, key, data);
	EVP_EncryptUpdate(cx, data + 16, &len1, (const unsigned char *)hv_get_str(argv[1]), (int)n);
	EVP_EncryptFinal_ex(cx, data + 16 + len1, &len2);
	EVP_CIPHER_CTX_free(cx);
	buf b = BUF_INIT;
	base64_encode(&b, data, total);
	free(data);
	return sprig_buf_value(&b);
}

static hv *f_decryptAES(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	size_t inlen = hv_str_len(argv[1]);
	if (inlen == 0)
		return hv_str("");
	buf raw = BUF_INIT;
	long bad = base64_decode(&raw, hv_get_str(argv[1]), inlen);
	if (bad >= 0) {
		buf_free(&raw);
		return sprig_fail(err, "illegal base64 data at input byte %ld", bad);
	}
	size_t cap = inlen / 4 * 3; /* base64's DecodedLen: the slice's capacity */
	hv *r = NULL;
	if (raw.len < 16) {
		sprig_fail(err, "runtime error: slice bounds out of range [:16] with capacity %zu", cap);
	} else if ((raw.len - 16) % 16 != 0) {
		sprig_fail(err, "crypto/cipher: input not full blocks");
	} else if (raw.len == 16) {
		sprig_fail(err, "runtime error: index out of range [-1]");
	} else {
		unsigned char key[32];
		aes_key(argv[0], key);
		size_t n = raw.len - 16;
		unsigned char *plain = xmalloc(n);
		EVP_CIPHER_CTX *cx = EVP_CIPHER_CTX_new();
		int len = 0;
		EVP_DecryptInit_ex(cx, EVP_aes_256_cbc(), NULL, key, (unsigned char *)raw.s);
		EVP_CIPHER_CTX_set_padding(cx, 0);
		EVP_DecryptUpdate(cx, plain, &len, (unsigned char *)raw.s + 16, (int)n);
		EVP_CIPHER_CTX_free(cx);
		size_t cut = plain[n - 1];
		if (cut > n)
			sprig_fail(err, "runtime error: slice bounds out of range [:%lld]", (long long)n - (long long)cut);
		else
			r = hv_strn((char *)plain, n - cut);
		free(plain);
	}
	buf_free(&raw);
	return r;
}

static const struct tmpl_func funcs[] = {
	{"bcrypt", f_bcrypt, "s", 0},
	{"htpasswd", f_htpasswd, "ss", 0},
	{"derivePassword", f_derivePassword, "issss", 0},
	{"encryptAES", f_encryptAES, "ss", TF_ERROR},
	{"decryptAES", f_decryptAES, "ss", TF_ERROR},
};

void sprig_register_crypto(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, sizeof funcs / sizeof funcs[0]);
}
