/* ext.h — the rest of Sprig (regex, encodings and hashes, crypto, random, uuid, semver, dates,
 * URLs, paths), registered beside the core by sprig_register.  One registration per file. */
#ifndef HELM_SPRIG_EXT_H
#define HELM_SPRIG_EXT_H

#include "template/func.h"
#include "value.h"

void sprig_register_ext(tmpl_funcs *fs);

void sprig_register_regex(tmpl_funcs *fs);    /* regex.c */
void sprig_register_semver(tmpl_funcs *fs);   /* semver_funcs.c */
void sprig_register_encoding(tmpl_funcs *fs); /* encoding.c: base64/32, hashes */
void sprig_register_crypto(tmpl_funcs *fs);   /* crypto.c: bcrypt, derivePassword, AES */
void sprig_register_certs(tmpl_funcs *fs);    /* crypto_cert.c: keys and certificates */
void sprig_register_random(tmpl_funcs *fs);   /* random.c: rand*, uuidv4 */
void sprig_register_date(tmpl_funcs *fs);     /* date*.c */
void sprig_register_url(tmpl_funcs *fs);      /* url.c */
void sprig_register_path(tmpl_funcs *fs);     /* path.c, and getHostByName off */

/* Readies OpenSSL as Go's crypto is: without reading openssl.cnf (which could change defaults or
 * load modules).  Called before the first key, certificate or cipher; idempotent. */
void sprig_openssl_init(void);

/* dns.c: Helm's --enable-dns: getHostByName really resolves (Sprig's own function).  Without it
 * getHostByName returns "", as Helm 3.11+ does by default. */
void sprig_register_dns(tmpl_funcs *fs);

/* Methods of the Go objects these files return (time.Time, *semver.Version, certificates).
 * A method is an HV_FUNC bound to its receiver: FN gets the receiver as DATA. */
struct sprig_method {
	const char *name;
	hv_fn fn;
	const char *gotype; /* the method value's Go type, e.g. "func() int" */
};
/* hv_object_ops.lookup helper: method NAME of SELF from the table M (ending with a NULL name)
 * bound to SELF, or NULL when there is none. */
hv *sprig_method_lookup(hv *self, const struct sprig_method *m, const char *name);

#endif
