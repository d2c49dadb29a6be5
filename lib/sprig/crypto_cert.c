/* crypto_cert.c — Sprig's genPrivateKey and certificate functions (genCA, genSelfSignedCert,
 * genSignedCert, their WithKey forms, buildCustomCert) on OpenSSL, producing what Go's
 * crypto/x509 produces: the same key PEM types (RSA/EC/DSA PRIVATE KEY, PKCS#8 for ed25519),
 * X.509 v3 with a random 128-bit serial, CN-only subject, critical key usage, server+client
 * auth, critical basic constraints, a subject key id on CAs, extensions in Go's order.
 * Certificates come back as sprig.certificate objects with fields Cert and Key. */
#include <arpa/inet.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gofmt.h"
#include "base64.h"
#include "sprig/ext.h"
#include "sprig/sprig.h"
#include "util.h"

/* --- the sprig.certificate value --- */

struct cert {
	char *cert, *key;
};

static void cert_destroy(void *p)
{
	struct cert *c = p;
	free(c->cert);
	free(c->key);
	free(c);
}

static hv *cert_lookup(hv *self, const char *name)
{
	const struct cert *c = hv_object_data(self);
	if (strcmp(name, "Cert") == 0)
		return hv_str(c->cert);
	if (strcmp(name, "Key") == 0)
		return hv_str(c->key);
	return NULL;
}

static hv *cert_fields(hv *self)
{
	const struct cert *c = hv_object_data(self);
	hv *l = hv_list();
	hv_list_push(l, hv_str(c->cert));
	hv_list_push(l, hv_str(c->key));
	return l;
}

static hv *cert_marshal(hv *self)
{
	const struct cert *c = hv_object_data(self);
	hv *m = hv_map();
	hv_map_set(m, "Cert", hv_str(c->cert));
	hv_map_set(m, "Key", hv_str(c->key));
	return m;
}

static const struct hv_object_ops cert_ops = {
	.gotype = "sprig.certificate", .lookup = cert_lookup, .destroy = cert_destroy,
	.fields = cert_fields, .marshal = cert_marshal,
};

static hv *cert_value(char *cert, char *key)
{
	struct cert *c = xmalloc(sizeof *c);
	c->cert = cert;
	c->key = key;
	return hv_object(&cert_ops, c);
}

/* --- keys --- */

static char *bio_string(BIO *bio)
{
	char *data;
	long n = BIO_get_mem_data(bio, &data);
	char *s = xstrndup(data, n);
	BIO_free(bio);
	return s;
}

/* pemBlockForKey: PKCS#1 / SEC1 / DSA traditional forms, PKCS#8 for the rest. */
static char *key_pem(EVP_PKEY *k)
{
	BIO *bio = BIO_new(BIO_s_mem());
	int id = EVP_PKEY_get_base_id(k);
	if (id == EVP_PKEY_RSA || id == EVP_PKEY_EC || id == EVP_PKEY_DSA)
		PEM_write_bio_PrivateKey_traditional(bio, k, NULL, NULL, 0, NULL, NULL);
	else
		PEM_write_bio_PrivateKey(bio, k, NULL, NULL, 0, NULL, NULL);
	return bio_string(bio);
}

static EVP_PKEY *gen_dsa(void)
{
	EVP_PKEY *params = NULL, *key = NULL;
	EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_name(NULL, "DSA", NULL);
	if (pc && EVP_PKEY_paramgen_init(pc) > 0 && EVP_PKEY_CTX_set_dsa_paramgen_bits(pc, 2048) > 0 &&
		EVP_PKEY_CTX_set_dsa_paramgen_q_bits(pc, 256) > 0 && EVP_PKEY_paramgen(pc, &params) > 0) {
		EVP_PKEY_CTX *kc = EVP_PKEY_CTX_new_from_pkey(NULL, params, NULL);
		if (kc && EVP_PKEY_keygen_init(kc) > 0)
			EVP_PKEY_keygen(kc, &key);
		EVP_PKEY_CTX_free(kc);
	}
	EVP_PKEY_free(params);
	EVP_PKEY_CTX_free(pc);
	return key;
}

static EVP_PKEY *gen_rsa(unsigned bits)
{
	sprig_openssl_init();
	return EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)bits);
}

static hv *f_genPrivateKey(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	sprig_openssl_init();
	const char *t = hv_get_str(argv[0]);
	EVP_PKEY *k;
	if (!*t || strcmp(t, "rsa") == 0)
		k = gen_rsa(4096);
	else if (strcmp(t, "dsa") == 0)
		k = gen_dsa();
	else if (strcmp(t, "ecdsa") == 0)
		k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256");
	else if (strcmp(t, "ed25519") == 0)
		k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
	else {
		buf b = BUF_INIT;
		buf_printf(&b, "Unknown type %s", t);
		return sprig_buf_value(&b);
	}
	if (!k)
		return hv_str("failed to generate private key: key generation failed");
	char *pem = key_pem(k);
	EVP_PKEY_free(k);
	return hv_str_take(pem, strlen(pem));
}

/* pem.Decode of the first block: its type and DER bytes, or false. */
static bool pem_decode(const char *s, size_t n, char **type, unsigned char **der, long *len)
{
	BIO *bio = BIO_new_mem_buf(s, (int)n);
	char *name = NULL, *header = NULL;
	bool ok = PEM_read_bio(bio, &name, &header, der, len) == 1;
	BIO_free(bio);
	if (ok) {
		*type = xstrdup(name);
		OPENSSL_free(name);
		OPENSSL_free(header);
	}
	return ok;
}

/* parsePrivateKeyPEM */
static EVP_PKEY *parse_key(const char *pem, size_t n, char **err)
{
	sprig_openssl_init();
	char *type;
	unsigned char *der;
	long len;
	if (!pem_decode(pem, n, &type, &der, &len)) {
		*err = xstrdup("no PEM data in input");
		return NULL;
	}
	EVP_PKEY *k = NULL;
	const unsigned char *p = der;
	size_t tl = strlen(type);
	if (strcmp(type, "PRIVATE KEY") == 0) {
		PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, len);
		k = info ? EVP_PKCS82PKEY(info) : NULL;
		PKCS8_PRIV_KEY_INFO_free(info);
		if (!k)
			*err = xstrdup("decoding PEM as PKCS#8: x509: failed to parse private key");
	} else if (tl < 12 || strcmp(type + tl - 12, " PRIVATE KEY") != 0) {
		*err = xasprintf("no private key data in PEM block of type %s", type);
	} else if (strcmp(type, "RSA PRIVATE KEY") == 0 || strcmp(type, "EC PRIVATE KEY") == 0 ||
		   strcmp(type, "DSA PRIVATE KEY") == 0) {
		int id = type[0] == 'R' ? EVP_PKEY_RSA : type[0] == 'E' ? EVP_PKEY_EC : EVP_PKEY_DSA;
		k = d2i_PrivateKey(id, NULL, &p, len);
		if (!k)
			*err = xasprintf("parsing %.*s private key from PEM: x509: failed to parse private key",
				(int)(tl - 12), type);
	} else {
		*err = xasprintf("invalid private key type %s", type);
	}
	free(type);
	OPENSSL_free(der);
	return k;
}

static X509 *parse_cert(const char *pem, size_t n, const char *what, char **err)
{
	sprig_openssl_init();
	char *type;
	unsigned char *der;
	long len;
	if (!pem_decode(pem, n, &type, &der, &len)) {
		*err = xstrdup("unable to decode certificate");
		return NULL;
	}
	const unsigned char *p = der;
	X509 *x = d2i_X509(NULL, &p, len);
	if (!x)
		*err = xasprintf("error parsing certificate: %s: x509: malformed certificate", what);
	free(type);
	OPENSSL_free(der);
	return x;
}

/* --- certificates --- */

/* Go's isPrintable for PrintableString (plus '*' and '&', which Go tolerates). */
static bool printable(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
			strchr(" '()+,-./:=?*&", *s)))
			return false;
	return true;
}

static void add_ext(X509 *x, int nid, int critical, void *value)
{
	X509_EXTENSION *e = X509V3_EXT_i2d(nid, critical, value);
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
}

struct names {
	GENERAL_NAMES *san;
	size_t n;
};

/* getNetIPs and getAlternateDNSStrs into SAN entries (DNS names first, as Go writes them). */
static bool collect_names(struct names *nm, hv *ips, hv *dns, char **err)
{
	nm->san = GENERAL_NAMES_new();
	nm->n = 0;
	hv *lists[2] = {dns, ips};
	for (int which = 0; which < 2; which++) {
		hv *l = lists[which];
		if (hv_kind_of(l) != HV_LIST)
			continue;
		for (size_t i = 0; i < hv_len(l); i++) {
			hv *item = hv_list_get(l, i);
			if (hv_kind_of(item) != HV_STRING) {
				buf b = BUF_INIT;
				go_print_value(&b, item);
				*err = xasprintf(which ? "error parsing ip: %s is not a string" :
					"error processing alternate dns name: %s is not a string", buf_str(&b));
				buf_free(&b);
				return false;
			}
			const char *s = hv_get_str(item);
			GENERAL_NAME *g = GENERAL_NAME_new();
			ASN1_STRING *v;
			if (which == 0) {
				v = ASN1_IA5STRING_new();
				ASN1_STRING_set(v, s, (int)hv_str_len(item));
				GENERAL_NAME_set0_value(g, GEN_DNS, v);
			} else {
				unsigned char addr[16];
				int alen = 4;
				if (inet_pton(AF_INET, s, addr) != 1) {
					alen = 16;
					if (inet_pton(AF_INET6, s, addr) != 1) {
						GENERAL_NAME_free(g);
						*err = xasprintf("error parsing ip: %s", s);
						return false;
					}
					static const unsigned char v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
					if (memcmp(addr, v4mapped, 12) == 0) {
						memmove(addr, addr + 12, 4);
						alen = 4;
					}
				}
				v = ASN1_OCTET_STRING_new();
				ASN1_OCTET_STRING_set(v, addr, alen);
				GENERAL_NAME_set0_value(g, GEN_IPADD, v);
			}
			sk_GENERAL_NAME_push(nm->san, g);
			nm->n++;
		}
	}
	return true;
}

/* getCertAndKey(getBaseCertTemplate(...)): a PEM certificate for SIGNEE signed by SIGNER
 * (PARENT NULL: self-signed), or NULL with Go's error text. */
static char *make_cert(const char *cn, struct names *nm, int64_t days, bool ca, EVP_PKEY *signee,
		       X509 *parent, EVP_PKEY *signer, char **err)
{
	if (EVP_PKEY_get_base_id(signer) == EVP_PKEY_DSA) {
		*err = xstrdup("error creating certificate: x509: certificate private key does not implement crypto.Signer");
		return NULL;
	}
	if (EVP_PKEY_get_base_id(signee) == EVP_PKEY_DSA) {
		*err = xstrdup("error creating certificate: x509: unsupported public key type: *dsa.PublicKey");
		return NULL;
	}
	if (parent && EVP_PKEY_eq(X509_get0_pubkey(parent), signer) != 1) {
		*err = xstrdup("error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey");
		return NULL;
	}
	X509 *x = X509_new();
	X509_set_version(x, 2);
	unsigned char rnd[16];
	if (RAND_bytes(rnd, sizeof rnd) != 1)
		die("cannot read random bytes");
	BIGNUM *bn = BN_bin2bn(rnd, sizeof rnd, NULL);
	BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(x));
	BN_free(bn);
	X509_NAME *name = X509_get_subject_name(x);
	if (*cn)
		X509_NAME_add_entry_by_NID(name, NID_commonName, printable(cn) ? V_ASN1_PRINTABLESTRING : V_ASN1_UTF8STRING,
			(const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, parent ? X509_get_subject_name(parent) : name);
	time_t now = time(NULL);
	ASN1_TIME_set(X509_getm_notBefore(x), now);
	ASN1_TIME_set(X509_getm_notAfter(x), now + days * 86400);
	X509_set_pubkey(x, signee);

	ASN1_BIT_STRING *ku = ASN1_BIT_STRING_new();
	ASN1_BIT_STRING_set_bit(ku, 0, 1); /* digitalSignature */
	ASN1_BIT_STRING_set_bit(ku, 2, 1); /* keyEncipherment */
	if (ca)
		ASN1_BIT_STRING_set_bit(ku, 5, 1); /* keyCertSign */
	add_ext(x, NID_key_usage, 1, ku);
	ASN1_BIT_STRING_free(ku);

	EXTENDED_KEY_USAGE *eku = sk_ASN1_OBJECT_new_null();
	sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_server_auth));
	sk_ASN1_OBJECT_push(eku, OBJ_nid2obj(NID_client_auth));
	add_ext(x, NID_ext_key_usage, 0, eku);
	sk_ASN1_OBJECT_free(eku);

	BASIC_CONSTRAINTS *bc = BASIC_CONSTRAINTS_new();
	bc->ca = ca ? 0xFF : 0;
	add_ext(x, NID_basic_constraints, 1, bc);
	BASIC_CONSTRAINTS_free(bc);

	if (ca) {
		/* SHA-1 of the subjectPublicKey bits (RFC 5280 method 1), as Go computes it. */
		const ASN1_BIT_STRING *pk = X509_get0_pubkey_bitstr(x);
		unsigned char md[20];
		unsigned int mdlen = 0;
		EVP_Digest(pk->data, pk->length, md, &mdlen, EVP_sha1(), NULL);
		ASN1_OCTET_STRING *skid = ASN1_OCTET_STRING_new();
		ASN1_OCTET_STRING_set(skid, md, (int)mdlen);
		add_ext(x, NID_subject_key_identifier, 0, skid);
		ASN1_OCTET_STRING_free(skid);
	}
	if (parent && X509_NAME_cmp(X509_get_subject_name(parent), name) != 0) {
		const ASN1_OCTET_STRING *pskid = X509_get0_subject_key_id(parent);
		if (pskid && pskid->length > 0) {
			AUTHORITY_KEYID *akid = AUTHORITY_KEYID_new();
			akid->keyid = ASN1_OCTET_STRING_dup(pskid);
			add_ext(x, NID_authority_key_identifier, 0, akid);
			AUTHORITY_KEYID_free(akid);
		}
	}
	if (nm->n > 0)
		add_ext(x, NID_subject_alt_name, *cn ? 0 : 1, nm->san);

	int id = EVP_PKEY_get_base_id(signer);
	bool signed_ok = X509_sign(x, signer, id == EVP_PKEY_ED25519 || id == EVP_PKEY_ED448 ? NULL : EVP_sha256()) > 0;
	char *pem = NULL;
	if (signed_ok) {
		BIO *bio = BIO_new(BIO_s_mem());
		PEM_write_bio_X509(bio, x);
		pem = bio_string(bio);
	} else {
		*err = xstrdup("error creating certificate: x509: signing failed");
	}
	X509_free(x);
	return pem;
}

/* The common tail of every generator: SIGNEE gets a certificate, the value holds both PEMs. */
static hv *certificate(const char *cn, hv *ips, hv *dns, int64_t days, bool ca, EVP_PKEY *signee,
		       X509 *parent, EVP_PKEY *signer, char **err)
{
	struct names nm;
	hv *r = NULL;
	if (collect_names(&nm, ips, dns, err)) {
		char *pem = make_cert(cn, &nm, days, ca, signee, parent, signer, err);
		if (pem)
			r = cert_value(pem, key_pem(signee));
	}
	GENERAL_NAMES_free(nm.san);
	return r;
}

static EVP_PKEY *new_rsa_2048(char **err)
{
	EVP_PKEY *k = gen_rsa(2048);
	if (!k)
		*err = xstrdup("error generating rsa key: key generation failed");
	return k;
}

static EVP_PKEY *key_arg(hv *pem, char **err)
{
	char *perr = NULL;
	EVP_PKEY *k = parse_key(hv_get_str(pem), hv_str_len(pem), &perr);
	if (!k) {
		*err = xasprintf("parsing private key: %s", perr);
		free(perr);
	}
	return k;
}

static hv *ca(const char *cn, int64_t days, EVP_PKEY *k, char **err)
{
	hv *none = hv_nil();
	hv *r = certificate(cn, none, none, days, true, k, NULL, k, err);
	hv_free(none);
	return r;
}

static hv *f_genCA(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	EVP_PKEY *k = new_rsa_2048(err);
	if (!k)
		return NULL;
	hv *r = ca(hv_get_str(argv[0]), hv_get_int(argv[1]), k, err);
	EVP_PKEY_free(k);
	return r;
}

static hv *f_genCAWithKey(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	EVP_PKEY *k = key_arg(argv[2], err);
	if (!k)
		return NULL;
	hv *r = ca(hv_get_str(argv[0]), hv_get_int(argv[1]), k, err);
	EVP_PKEY_free(k);
	return r;
}

static hv *self_signed(hv **argv, EVP_PKEY *k, char **err)
{
	return certificate(hv_get_str(argv[0]), argv[1], argv[2], hv_get_int(argv[3]), false, k, NULL, k, err);
}

static hv *f_genSelfSignedCert(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	EVP_PKEY *k = new_rsa_2048(err);
	if (!k)
		return NULL;
	hv *r = self_signed(argv, k, err);
	EVP_PKEY_free(k);
	return r;
}

static hv *f_genSelfSignedCertWithKey(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	EVP_PKEY *k = key_arg(argv[4], err);
	if (!k)
		return NULL;
	hv *r = self_signed(argv, k, err);
	EVP_PKEY_free(k);
	return r;
}

/* generateSignedCertificateWithKeyInternal: ARGV[4] is the CA certificate. */
static hv *signed_cert(hv **argv, EVP_PKEY *k, char **err)
{
	if (hv_kind_of(argv[4]) != HV_OBJECT || hv_object_ops_of(argv[4]) != &cert_ops)
		return sprig_fail(err, "wrong type for value; expected sprig.certificate; got %s", hv_gotype(argv[4]));
	const struct cert *cacert = hv_object_data(argv[4]);
	X509 *parent = parse_cert(cacert->cert, strlen(cacert->cert), "decodedSignerCert.Bytes", err);
	if (!parent)
		return NULL;
	char *perr = NULL;
	EVP_PKEY *signer = parse_key(cacert->key, strlen(cacert->key), &perr);
	hv *r = NULL;
	if (!signer) {
		*err = xasprintf("error parsing private key: %s", perr);
		free(perr);
	} else {
		r = certificate(hv_get_str(argv[0]), argv[1], argv[2], hv_get_int(argv[3]), false, k, parent, signer, err);
	}
	EVP_PKEY_free(signer);
	X509_free(parent);
	return r;
}

static hv *f_genSignedCert(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	EVP_PKEY *k = new_rsa_2048(err);
	if (!k)
		return NULL;
	hv *r = signed_cert(argv, k, err);
	EVP_PKEY_free(k);
	return r;
}

static hv *f_genSignedCertWithKey(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	EVP_PKEY *k = key_arg(argv[5], err);
	if (!k)
		return NULL;
	hv *r = signed_cert(argv, k, err);
	EVP_PKEY_free(k);
	return r;
}

static hv *f_buildCustomCert(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf certpem = BUF_INIT, keypem = BUF_INIT;
	hv *r = NULL;
	if (base64_decode(&certpem, hv_get_str(argv[0]), hv_str_len(argv[0])) >= 0) {
		*err = xstrdup("unable to decode base64 certificate");
	} else if (base64_decode(&keypem, hv_get_str(argv[1]), hv_str_len(argv[1])) >= 0) {
		*err = xstrdup("unable to decode base64 private key");
	} else {
		X509 *x = parse_cert(certpem.s, certpem.len, "decodedCert.Bytes", err);
		if (x) {
			char *perr = NULL;
			EVP_PKEY *k = parse_key(keypem.s, keypem.len, &perr);
			if (k)
				r = cert_value(buf_detach(&certpem, NULL), buf_detach(&keypem, NULL));
			else
				*err = xasprintf("error parsing private key: %s", perr);
			free(perr);
			EVP_PKEY_free(k);
			X509_free(x);
		}
	}
	buf_free(&certpem);
	buf_free(&keypem);
	return r;
}

static const struct tmpl_func funcs[] = {
	{"genPrivateKey", f_genPrivateKey, "s", 0},
	{"buildCustomCert", f_buildCustomCert, "ss", TF_ERROR},
	{"genCA", f_genCA, "si", TF_ERROR},
	{"genCAWithKey", f_genCAWithKey, "sis", TF_ERROR},
	{"genSelfSignedCert", f_genSelfSignedCert, "sLLi", TF_ERROR},
	{"genSelfSignedCertWithKey", f_genSelfSignedCertWithKey, "sLLis", TF_ERROR},
	{"genSignedCert", f_genSignedCert, "sLLiv", TF_ERROR},
	{"genSignedCertWithKey", f_genSignedCertWithKey, "sLLivs", TF_ERROR},
};

void sprig_register_certs(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, sizeof funcs / sizeof funcs[0]);
}
