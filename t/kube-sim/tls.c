/* tls.c — a private CA, a server certificate for 127.0.0.1 and a client certificate, made with
 * OpenSSL's libcrypto (EC P-256).  With --data DIR they are kept in DIR and reused, so a
 * restarted kube-sim still matches the kubeconfig written before. */
#include "ksim.h"
#include "util.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>

static char *pem_of_cert(X509 *x)
{
	BIO *b = BIO_new(BIO_s_mem());
	PEM_write_bio_X509(b, x);
	char *data;
	long n = BIO_get_mem_data(b, &data);
	char *s = xstrndup(data, (size_t)n);
	BIO_free(b);
	return s;
}

static char *pem_of_key(EVP_PKEY *k)
{
	BIO *b = BIO_new(BIO_s_mem());
	PEM_write_bio_PrivateKey(b, k, NULL, NULL, 0, NULL, NULL);
	char *data;
	long n = BIO_get_mem_data(b, &data);
	char *s = xstrndup(data, (size_t)n);
	BIO_free(b);
	return s;
}

static void add_ext(X509 *issuer, X509 *x, int nid, const char *value)
{
	X509V3_CTX ctx;
	X509V3_set_ctx(&ctx, issuer, x, NULL, NULL, 0);
	X509_EXTENSION *e = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
	if (!e)
		die("cannot make certificate extension %s", value);
	X509_add_ext(x, e, -1);
	X509_EXTENSION_free(e);
}

enum use { CA, SERVER, CLIENT };

/* ORGS: comma-separated organizations (Kubernetes groups), or NULL. */
static X509 *make_cert(EVP_PKEY *key, const char *cn, const char *orgs, X509 *issuer, EVP_PKEY *issuer_key, enum use use)
{
	static long serial = 1;
	X509 *x = X509_new();
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), serial++ + (long)(ks_monotime() * 1000) % 100000 * 10);
	X509_gmtime_adj(X509_getm_notBefore(x), -3600);
	X509_gmtime_adj(X509_getm_notAfter(x), 3650L * 86400);
	X509_set_pubkey(x, key);
	X509_NAME *n = X509_get_subject_name(x);
	for (const char *o = orgs; o && *o;) {
		size_t len = strcspn(o, ",");
		if (len)
			X509_NAME_add_entry_by_txt(n, "O", MBSTRING_ASC, (const unsigned char *)o, (int)len, -1, 0);
		o += len + (o[len] == ',');
	}
	X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)cn, -1, -1, 0);
	X509_set_issuer_name(x, issuer ? X509_get_subject_name(issuer) : n);
	X509 *iss = issuer ? issuer : x;
	if (use == CA) {
		add_ext(iss, x, NID_basic_constraints, "critical,CA:TRUE");
		add_ext(iss, x, NID_key_usage, "critical,keyCertSign,cRLSign,digitalSignature");
		add_ext(iss, x, NID_subject_key_identifier, "hash");
	} else {
		add_ext(iss, x, NID_basic_constraints, "critical,CA:FALSE");
		add_ext(iss, x, NID_key_usage, "critical,digitalSignature,keyEncipherment");
		add_ext(iss, x, NID_ext_key_usage, use == SERVER ? "serverAuth" : "clientAuth");
		add_ext(iss, x, NID_authority_key_identifier, "keyid:always");
		if (use == SERVER)
			add_ext(iss, x, NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost");
	}
	if (!X509_sign(x, issuer_key ? issuer_key : key, EVP_sha256()))
		die("cannot sign a certificate");
	return x;
}

/* CLIENT: "NAME[,GROUP...]", the subject of the client certificate. */
static void generate(const char *client, struct tls_material *m)
{
	char *cn = xstrndup(client, strcspn(client, ","));
	const char *groups = strchr(client, ',') ? strchr(client, ',') + 1 : NULL;
	EVP_PKEY *cakey = EVP_EC_gen("P-256"), *skey = EVP_EC_gen("P-256"), *ckey = EVP_EC_gen("P-256");
	if (!cakey || !skey || !ckey)
		die("cannot generate keys");
	X509 *ca = make_cert(cakey, "kube-sim-ca", NULL, NULL, NULL, CA);
	X509 *srv = make_cert(skey, "kube-sim", NULL, ca, cakey, SERVER);
	X509 *cli = make_cert(ckey, cn, groups, ca, cakey, CLIENT);
	free(cn);
	m->ca_pem = pem_of_cert(ca);
	m->cert_pem = pem_of_cert(srv);
	m->key_pem = pem_of_key(skey);
	m->client_cert_pem = pem_of_cert(cli);
	m->client_key_pem = pem_of_key(ckey);
	X509_free(ca);
	X509_free(srv);
	X509_free(cli);
	EVP_PKEY_free(cakey);
	EVP_PKEY_free(skey);
	EVP_PKEY_free(ckey);
}

static const char *const files[] = {"ca.crt", "server.crt", "server.key", "client.crt", "client.key"};

static char **slot(struct tls_material *m, int i)
{
	char **s[] = {&m->ca_pem, &m->cert_pem, &m->key_pem, &m->client_cert_pem, &m->client_key_pem};
	return s[i];
}

void tls_make(const char *dir, const char *client_cn, struct tls_material *m)
{
	memset(m, 0, sizeof *m);
	if (dir) {
		bool all = true;
		for (int i = 0; i < 5; i++) {
			char *path = xasprintf("%s/%s", dir, files[i]), *err = NULL;
			size_t len;
			*slot(m, i) = read_file(path, &len, &err);
			all &= *slot(m, i) != NULL;
			free(err);
			free(path);
		}
		if (all)
			return;
		tls_free(m);
	}
	generate(client_cn, m);
	for (int i = 0; dir && i < 5; i++) {
		char *path = xasprintf("%s/%s", dir, files[i]), *err = NULL;
		if (write_file_atomic(path, *slot(m, i), strlen(*slot(m, i)), 0600, &err) < 0)
			die("%s", err);
		free(path);
	}
}

void tls_free(struct tls_material *m)
{
	for (int i = 0; i < 5; i++) {
		free(*slot(m, i));
		*slot(m, i) = NULL;
	}
}
