/* auth.c — who is asking (bearer token, client certificate, impersonation) and whether the
 * policy file lets them.  Without --policy every request is allowed.
 *
 * Policy file (YAML or JSON):
 *   users:  [{name: alice, token: alice-token, groups: [dev]}, ...]
 *   rules:  [{users: [alice], groups: [dev], verbs: [get, list], resources: [configmaps],
 *             namespaces: [default]}, ...]      # "*" matches anything; no namespaces = all
 * Members of the group system:masters may do anything, as on a real cluster; everyone may
 * create the self-subject reviews.
 * Impersonation needs verb "impersonate" on resource "users" / "groups". */
#include "ksim.h"
#include "yaml.h"
#include "util.h"

#include <dlfcn.h>
#include <microhttpd.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>


static hv *policy;

void auth_load(const char *path)
{
	if (!path)
		return;
	size_t len;
	char *err = NULL;
	char *text = read_file(path, &len, &err);
	if (!text)
		die("%s", err);
	policy = yaml_parse(text, len, path, 0, &err);
	free(text);
	if (!policy)
		die("%s", err);
	if (hv_kind_of(policy) != HV_MAP)
		die("%s: want a map with users and rules", path);
}

void auth_free(void)
{
	hv_free(policy);
	policy = NULL;
}

static bool list_has(const hv *l, const char *s)
{
	for (size_t i = 0; l && hv_kind_of(l) == HV_LIST && i < hv_len(l); i++) {
		const hv *e = hv_list_get(l, i);
		if (hv_kind_of(e) == HV_STRING && (strcmp(hv_get_str(e), s) == 0 || strcmp(hv_get_str(e), "*") == 0))
			return true;
	}
	return false;
}

static hv *groups_with(const hv *extra, bool authenticated)
{
	hv *g = hv_list();
	for (size_t i = 0; extra && hv_kind_of(extra) == HV_LIST && i < hv_len(extra); i++)
		if (hv_kind_of(hv_list_get(extra, i)) == HV_STRING)
			hv_list_push(g, hv_ref(hv_list_get(extra, i)));
	hv_list_push(g, hv_str(authenticated ? "system:authenticated" : "system:unauthenticated"));
	return g;
}

/* CN and O of a client certificate signed by our CA, if the TLS peer sent one. */
static bool cert_identity(const req *r, char **user, hv **groups)
{
	struct datum { unsigned char *data; unsigned int size; };   /* gnutls_datum_t */
	typedef const struct datum *(*peers_fn)(void *, unsigned int *);
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_GNUTLS_SESSION);
	peers_fn peers = (peers_fn)dlsym(RTLD_DEFAULT, "gnutls_certificate_get_peers");
	if (!ci || !ci->tls_session || !peers)
		return false;
	unsigned int n = 0;
	const struct datum *list = peers(ci->tls_session, &n);
	if (!list || n == 0)
		return false;
	const unsigned char *p = list[0].data;
	X509 *x = d2i_X509(NULL, &p, list[0].size);
	BIO *b = BIO_new_mem_buf(http_tls()->ca_pem, -1);
	X509 *ca = PEM_read_bio_X509(b, NULL, NULL, NULL);
	BIO_free(b);
	bool ok = false;
	if (x && ca) {
		EVP_PKEY *k = X509_get0_pubkey(ca);
		if (k && X509_verify(x, k) == 1) {
			X509_NAME *name = X509_get_subject_name(x);
			char cn[256] = "";
			X509_NAME_get_text_by_NID(name, NID_commonName, cn, sizeof cn);
			*user = xstrdup(cn);
			hv *orgs = hv_list();
			for (int i = -1; (i = X509_NAME_get_index_by_NID(name, NID_organizationName, i)) >= 0;) {
				ASN1_STRING *s = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, i));
				hv_list_push(orgs, hv_strn((const char *)ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s)));
			}
			*groups = groups_with(orgs, true);
			hv_free(orgs);
			ok = true;
		}
	}
	X509_free(x);
	X509_free(ca);
	return ok;
}

static void unauthorized(reply *rp)
{
	status_error(rp, 401, "Unauthorized", NULL, "Unauthorized");
}

static bool rule_allows(const hv *rule, const char *user, const hv *groups, const char *verb, const char *resource,
	const char *ns)
{
	bool who = list_has(hv_map_get(rule, "users"), user);
	for (size_t i = 0; !who && groups && i < hv_len(groups); i++)
		who = list_has(hv_map_get(rule, "groups"), hv_get_str(hv_list_get(groups, i)));
	if (!who || !list_has(hv_map_get(rule, "verbs"), verb) || !list_has(hv_map_get(rule, "resources"), resource))
		return false;
	const hv *nss = hv_map_get(rule, "namespaces");
	return !nss || list_has(nss, ns);
}

static bool allowed(const char *user, const hv *groups, const char *verb, const char *resource, const char *ns)
{
	if (!policy)
		return true;
	if (list_has(groups, "system:masters") && !list_has(groups, "*"))
		return true;
	/* anyone may ask who they are and what they may do (system:basic-user) */
	if (strcmp(verb, "create") == 0 && strncmp(resource, "selfsubject", 11) == 0)
		return true;
	const hv *rules = hv_map_get(policy, "rules");
	for (size_t i = 0; rules && hv_kind_of(rules) == HV_LIST && i < hv_len(rules); i++)
		if (rule_allows(hv_list_get(rules, i), user, groups, verb, resource, ns))
			return true;
	return false;
}

static void impersonation_denied(reply *rp, const char *who, const char *resource, const char *name)
{
	hv *d = hv_map();
	hset_str(d, "name", name);
	hset_str(d, "kind", resource);
	status_error(rp, 403, "Forbidden", d,
		"%s \"%s\" is forbidden: User \"%s\" cannot impersonate resource \"%s\" in API group \"\" at the cluster scope",
		resource, name, who, resource);
}

struct collect { hv *list; };

static enum MHD_Result collect_groups(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	if (strcasecmp(key, "Impersonate-Group") == 0 && value)
		hv_list_push(((struct collect *)cls)->list, hv_str(value));
	return MHD_YES;
}

bool auth_identify(req *r, reply *rp)
{
	char *user = NULL;
	hv *groups = NULL;
	const char *authz = req_header(r, "Authorization");
	r->auth = "none";
	if (authz && strncasecmp(authz, "Bearer ", 7) == 0) {
		const char *token = authz + 7;
		r->auth = "token";
		const hv *users = policy ? hv_map_get(policy, "users") : NULL;
		for (size_t i = 0; users && hv_kind_of(users) == HV_LIST && i < hv_len(users) && !user; i++) {
			const hv *u = hv_list_get(users, i);
			const char *t = hs(u, "token");
			if (t && strcmp(t, token) == 0 && hs(u, "name")) {
				user = xstrdup(hs(u, "name"));
				groups = groups_with(hv_map_get(u, "groups"), true);
			}
		}
		if (!user && policy) {
			unauthorized(rp);
			return false;
		}
		if (!user) {
			user = xstrdup("admin");
			hv *m = hv_list();
			hv_list_push(m, hv_str("system:masters"));
			groups = groups_with(m, true);
			hv_free(m);
		}
	} else if (ks_cfg.tls && cert_identity(r, &user, &groups)) {
		r->auth = "certificate";
	} else if (policy) {
		user = xstrdup("system:anonymous");
		groups = groups_with(NULL, false);
	} else {
		user = xstrdup("admin");
		hv *m = hv_list();
		hv_list_push(m, hv_str("system:masters"));
		groups = groups_with(m, true);
		hv_free(m);
	}

	const char *as = req_header(r, "Impersonate-User");
	struct collect c = {hv_list()};
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, collect_groups, &c);
	if (as || hv_len(c.list)) {
		if (!as) {
			status_error(rp, 500, "InternalError", NULL,
				"Internal error occurred: requested [%s] without impersonating a user", hv_get_str(hv_list_get(c.list, 0)));
			goto fail;
		}
		if (!allowed(user, groups, "impersonate", "users", "")) {
			impersonation_denied(rp, user, "users", as);
			goto fail;
		}
		for (size_t i = 0; i < hv_len(c.list); i++)
			if (!allowed(user, groups, "impersonate", "groups", "")) {
				impersonation_denied(rp, user, "groups", hv_get_str(hv_list_get(c.list, i)));
				goto fail;
			}
		free(user);
		hv_free(groups);
		user = xstrdup(as);
		groups = groups_with(c.list, true);
	}
	hv_free(c.list);
	r->user = user;
	r->groups = groups;
	return true;
fail:
	hv_free(c.list);
	free(user);
	hv_free(groups);
	return false;
}

bool auth_allowed_for(const char *user, const hv *groups, const char *verb, const char *group, const char *resource,
	const char *ns)
{
	return allowed(user, groups, verb, resource, ns);
}

bool auth_allowed(const req *r, const char *verb, const char *group, const char *resource, const char *ns)
{
	return allowed(r->user ? r->user : "", r->groups, verb, resource, ns);
}

void auth_forbid(reply *rp, const req *r, const char *verb, const char *group, const char *resource, const char *name,
	const char *ns)
{
	hv *d = hv_map();
	if (name)
		hset_str(d, "name", name);
	if (*group)
		hset_str(d, "group", group);
	hset_str(d, "kind", resource);
	char *what = name ? xasprintf("%s%s%s \"%s\"", resource, *group ? "." : "", group, name)
			  : xasprintf("%s%s%s", resource, *group ? "." : "", group);
	char *scope = *ns ? xasprintf("in the namespace \"%s\"", ns) : xstrdup("at the cluster scope");
	status_error(rp, 403, "Forbidden", d, "%s is forbidden: User \"%s\" cannot %s resource \"%s\" in API group \"%s\" %s",
		what, r->user ? r->user : "", verb, resource, group, scope);
	free(what);
	free(scope);
}
