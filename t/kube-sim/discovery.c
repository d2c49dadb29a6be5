/* discovery.c — /version, /api, /apis, per-group-version resource lists and /openapi/v3. */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static hv *disc;

static const hv *discovery_doc(void)
{
	if (!disc) {
		char *err = NULL;
		disc = json_parse(ks_discovery_json, strlen(ks_discovery_json), "discovery.json", JSON_INTS, &err);
		if (!disc)
			die("%s", err);
	}
	return disc;
}

static void version_doc(buf *out)
{
	buf_puts(out, "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.4-kubesim\","
		"\"gitCommit\":\"0000000000000000000000000000000000000000\",\"gitTreeState\":\"clean\","
		"\"buildDate\":\"2025-04-22T00:00:00Z\",\"goVersion\":\"go1.23.6\",\"compiler\":\"gc\","
		"\"platform\":\"linux/amd64\"}");
}

static void api_versions(buf *out)
{
	hv *api = hv_copy(hv_map_get(discovery_doc(), "api"));
	hv *addrs = hv_list(), *a = hv_map();
	hset_str(a, "clientCIDR", "0.0.0.0/0");
	char *addr = xasprintf("127.0.0.1:%d", ks_cfg.port);
	hset_str(a, "serverAddress", addr);
	free(addr);
	hv_list_push(addrs, a);
	hv_map_set(api, "serverAddressByClientCIDRs", addrs);
	json_emit(out, api, 0);
	hv_free(api);
}

static hv *gv_entry(const char *gv, const char *version)
{
	hv *e = hv_map();
	hset_str(e, "groupVersion", gv);
	hset_str(e, "version", version);
	return e;
}

/* The APIGroupList: the built-in groups plus every group a served CRD defines. */
static hv *group_list(void)
{
	hv *apis = hv_copy(hv_map_get(discovery_doc(), "apis"));
	hv *groups = hv_map_get(apis, "groups");
	for (int i = 0; i < kinds_count(); i++) {
		rtype *t = kinds_at(i);
		if (!t->crd || !t->served)
			continue;
		hv *g = NULL;
		for (size_t j = 0; j < hv_len(groups) && !g; j++)
			if (strcmp(hs(hv_list_get(groups, j), "name"), t->group) == 0)
				g = hv_list_get(groups, j);
		if (!g) {
			g = hv_map();
			hset_str(g, "name", t->group);
			hv_map_set(g, "versions", hv_list());
			hv_map_set(g, "preferredVersion", gv_entry(t->gv, t->version));
			hv_list_push(groups, g);
		}
		hv *vs = hv_map_get(g, "versions");
		bool have = false;
		for (size_t j = 0; j < hv_len(vs); j++)
			have |= strcmp(hs(hv_list_get(vs, j), "version"), t->version) == 0;
		if (!have)
			hv_list_push(vs, gv_entry(t->gv, t->version));
	}
	return apis;
}

static bool gv_served(const char *gv)
{
	if (hv_map_get(hv_map_get(discovery_doc(), "resourceLists"), gv))
		return true;
	for (int i = 0; i < kinds_count(); i++)
		if (kinds_at(i)->crd && kinds_at(i)->served && strcmp(kinds_at(i)->gv, gv) == 0)
			return true;
	return false;
}

/* The APIResourceList of one group-version, or NULL when it is not served. */
static hv *resource_list(const char *gv)
{
	if (!gv_served(gv))
		return NULL;
	const hv *base = hv_map_get(hv_map_get(discovery_doc(), "resourceLists"), gv);
	hv *l;
	if (base) {
		l = hv_copy(base);
	} else {
		l = hv_map();
		hset_str(l, "kind", "APIResourceList");
		hset_str(l, "apiVersion", "v1");
		hset_str(l, "groupVersion", gv);
		hv_map_set(l, "resources", hv_list());
	}
	hv *res = hv_map_get(l, "resources");
	for (int i = 0; i < kinds_count(); i++) {
		rtype *t = kinds_at(i);
		if (!t->crd || !t->served || strcmp(t->gv, gv) != 0)
			continue;
		hv_list_push(res, hv_copy(t->discovery));
		if (t->status_sub) {
			hv *s = hv_map();
			char *n = xasprintf("%s/status", t->plural);
			hset_str(s, "name", n);
			free(n);
			hset_str(s, "singularName", "");
			hv_map_set(s, "namespaced", hv_bool(t->namespaced));
			hset_str(s, "kind", t->kind);
			hv *verbs = hv_list();
			hv_list_push(verbs, hv_str("get"));
			hv_list_push(verbs, hv_str("patch"));
			hv_list_push(verbs, hv_str("update"));
			hv_map_set(s, "verbs", verbs);
			hv_list_push(res, s);
		}
	}
	return l;
}

static hv *api_group(const char *name)
{
	hv *apis = group_list();
	hv *groups = hv_map_get(apis, "groups"), *g = NULL;
	for (size_t j = 0; j < hv_len(groups); j++)
		if (strcmp(hs(hv_list_get(groups, j), "name"), name) == 0)
			g = hv_ref(hv_list_get(groups, j));
	hv_free(apis);
	if (g) {
		hset_str(g, "kind", "APIGroup");
		hset_str(g, "apiVersion", "v1");
	}
	return g;
}

/* ---- OpenAPI v3: the minimal documents kubectl and helm need (paths, parameters, GVKs) ---- */

static hv *param(const char *name, const char *type)
{
	hv *p = hv_map(), *s = hv_map();
	hset_str(p, "name", name);
	hset_str(p, "in", "query");
	hset_str(s, "type", type);
	hv_map_set(p, "schema", s);
	return p;
}

static hv *operation(const rtype *t, const char *action, const char *code, bool write, bool patch)
{
	hv *op = hv_map(), *params = hv_list();
	if (write) {
		hv_list_push(params, param("dryRun", "string"));
		hv_list_push(params, param("fieldManager", "string"));
		hv_list_push(params, param("fieldValidation", "string"));
		if (patch)
			hv_list_push(params, param("force", "boolean"));
	}
	hv_map_set(op, "parameters", params);
	hv *gvk = hv_map();
	hset_str(gvk, "group", t->group);
	hset_str(gvk, "version", t->version);
	hset_str(gvk, "kind", t->kind);
	hv_map_set(op, "x-kubernetes-group-version-kind", gvk);
	hset_str(op, "x-kubernetes-action", action);
	hv *resp = hv_map(), *r = hv_map();
	hset_str(r, "description", strcmp(code, "201") == 0 ? "Created" : "OK");
	hv_map_set(resp, code, r);
	hv_map_set(op, "responses", resp);
	return op;
}

static hv *openapi_doc(const char *gv)
{
	hv *doc = hv_map(), *info = hv_map(), *paths = hv_map(), *comp = hv_map();
	hset_str(doc, "openapi", "3.0.0");
	hset_str(info, "title", "Kubernetes");
	hset_str(info, "version", "v1.32.4");
	hv_map_set(doc, "info", info);
	for (int i = 0; i < kinds_count(); i++) {
		rtype *t = kinds_at(i);
		if (!t->served || strcmp(t->gv, gv) != 0)
			continue;
		char *prefix = *t->group ? xasprintf("/apis/%s", t->gv) : xasprintf("/api/%s", t->gv);
		char *coll = t->namespaced ? xasprintf("%s/namespaces/{namespace}/%s", prefix, t->plural)
					   : xasprintf("%s/%s", prefix, t->plural);
		char *item = xasprintf("%s/{name}", coll);
		hv *c = hv_map(), *it = hv_map();
		hv_map_set(c, "get", operation(t, "list", "200", false, false));
		hv_map_set(c, "post", operation(t, "post", "201", true, false));
		hv_map_set(it, "get", operation(t, "get", "200", false, false));
		hv_map_set(it, "put", operation(t, "put", "200", true, false));
		hv_map_set(it, "patch", operation(t, "patch", "200", true, true));
		hv_map_set(it, "delete", operation(t, "delete", "200", true, false));
		hv_map_set(paths, coll, c);
		hv_map_set(paths, item, it);
		free(prefix);
		free(coll);
		free(item);
	}
	hv_map_set(doc, "paths", paths);
	hv_map_set(comp, "schemas", hv_map());
	hv_map_set(doc, "components", comp);
	return doc;
}

static void openapi_index(buf *out)
{
	hv *doc = hv_map(), *paths = hv_map();
	hv *apis = group_list();
	hv *groups = hv_map_get(apis, "groups");
	hv *all = hv_list();
	hv_list_push(all, hv_str("v1"));
	for (size_t i = 0; i < hv_len(groups); i++) {
		const hv *vs = hv_map_get(hv_list_get(groups, i), "versions");
		for (size_t j = 0; j < hv_len(vs); j++)
			hv_list_push(all, hv_str(hs(hv_list_get(vs, j), "groupVersion")));
	}
	for (size_t i = 0; i < hv_len(all); i++) {
		const char *gv = hv_get_str(hv_list_get(all, i));
		char *key = strchr(gv, '/') ? xasprintf("apis/%s", gv) : xasprintf("api/%s", gv);
		char *url = xasprintf("/openapi/v3/%s?hash=%llu", key, (unsigned long long)store_rv());
		hv *e = hv_map();
		hset_str(e, "serverRelativeURL", url);
		hv_map_set(paths, key, e);
		free(key);
		free(url);
	}
	hv_map_set(doc, "paths", paths);
	json_emit(out, doc, 0);
	hv_free(doc);
	hv_free(all);
	hv_free(apis);
}

/* ---- aggregated discovery (apidiscovery.k8s.io/v2): every group in one reply ---- */

static hv *response_kind(const hv *r, const char *group, const char *version)
{
	hv *k = hv_map();
	hset_str(k, "group", hs(r, "group") ? hs(r, "group") : group);
	hset_str(k, "version", hs(r, "version") ? hs(r, "version") : version);
	hset_str(k, "kind", hs(r, "kind") ? hs(r, "kind") : "");
	return k;
}

/* An APIResourceList's resources as APIResourceDiscovery entries (subresources nested). */
static hv *version_entry(const char *gv, const char *group, const char *version)
{
	hv *list = resource_list(gv), *out = hv_list();
	const hv *res = list ? hv_map_get(list, "resources") : NULL;
	for (size_t i = 0; res && i < hv_len(res); i++) {
		const hv *r = hv_list_get(res, i);
		const char *name = hs(r, "name");
		if (!name || strchr(name, '/'))
			continue;
		hv *e = hv_map();
		hset_str(e, "resource", name);
		hv_map_set(e, "responseKind", response_kind(r, group, version));
		hset_str(e, "scope", hbool(r, "namespaced") ? "Namespaced" : "Cluster");
		hset_str(e, "singularResource", hs(r, "singularName") ? hs(r, "singularName") : "");
		static const char *const lists[] = {"verbs", "shortNames", "categories", NULL};
		for (int k = 0; lists[k]; k++)
			if (hv_map_get(r, lists[k]))
				hv_map_set(e, lists[k], hv_copy(hv_map_get(r, lists[k])));
		hv *subs = hv_list();
		size_t nlen = strlen(name);
		for (size_t j = 0; j < hv_len(res); j++) {
			const hv *sr = hv_list_get(res, j);
			const char *sn = hs(sr, "name");
			if (!sn || strncmp(sn, name, nlen) != 0 || sn[nlen] != '/')
				continue;
			hv *se = hv_map();
			hset_str(se, "subresource", sn + nlen + 1);
			hv_map_set(se, "responseKind", response_kind(sr, group, version));
			hv_map_set(se, "verbs", hv_map_get(sr, "verbs") ? hv_copy(hv_map_get(sr, "verbs")) : hv_list());
			hv_list_push(subs, se);
		}
		if (hv_len(subs))
			hv_map_set(e, "subresources", subs);
		else
			hv_free(subs);
		hv_list_push(out, e);
	}
	hv_free(list);
	hv *v = hv_map();
	hset_str(v, "version", version);
	hv_map_set(v, "resources", out);
	hset_str(v, "freshness", "Current");
	return v;
}

static hv *discovery_group(const char *name, const hv *versions)
{
	hv *g = hv_map(), *vs = hv_list();
	hset_str(hchild(g, "metadata"), "name", name);
	for (size_t i = 0; i < hv_len(versions); i++) {
		const hv *v = hv_list_get(versions, i);
		hv_list_push(vs, version_entry(hs(v, "groupVersion"), name, hs(v, "version")));
	}
	hv_map_set(g, "versions", vs);
	return g;
}

/* /api (CORE) or /apis as an APIGroupDiscoveryList. */
static hv *aggregated(bool core)
{
	hv *doc = hv_map(), *items = hv_list();
	hset_str(doc, "kind", "APIGroupDiscoveryList");
	hset_str(doc, "apiVersion", "apidiscovery.k8s.io/v2");
	hv_map_set(doc, "metadata", hv_map());
	if (core) {
		hv *vs = hv_list();
		hv_list_push(vs, gv_entry("v1", "v1"));
		hv_list_push(items, discovery_group("", vs));
		hv_free(vs);
	} else {
		hv *apis = group_list();
		const hv *groups = hv_map_get(apis, "groups");
		for (size_t i = 0; i < hv_len(groups); i++) {
			const hv *g = hv_list_get(groups, i);
			/* the preferred version first, as clients take the first */
			const char *pref = hs(g, "preferredVersion.version");
			const hv *vs = hv_map_get(g, "versions");
			hv *ordered = hv_list();
			for (int pass = 0; pass < 2; pass++)
				for (size_t j = 0; j < hv_len(vs); j++) {
					bool is_pref = pref && strcmp(hs(hv_list_get(vs, j), "version"), pref) == 0;
					if (is_pref == (pass == 0))
						hv_list_push(ordered, hv_ref(hv_list_get(vs, j)));
				}
			hv_list_push(items, discovery_group(hs(g, "name"), ordered));
			hv_free(ordered);
		}
		hv_free(apis);
	}
	hv_map_set(doc, "items", items);
	return doc;
}

static bool aggregated_wanted(const req *r)
{
	const char *a = req_header(r, "Accept");
	return a && strstr(a, "as=APIGroupDiscoveryList") && strstr(a, "g=apidiscovery.k8s.io;v=v2;");
}

/* /openapi/v2 is asked for (in protobuf) only for group-versions the v3 index does not list,
 * such as removed APIs; an empty gnostic openapi_v2.Document {swagger: "2.0", info: {title,
 * version}} lets clients skip schema validation and report the missing kind as a real cluster
 * does ("no matches for kind ..."). */
static void openapi_v2(buf *out)
{
	static const char doc[] = "\x0a\x03" "2.0" "\x12\x15" "\x0a\x0a" "Kubernetes" "\x12\x07" "v1.32.4";
	buf_add(out, doc, sizeof doc - 1);
}

/* Serves discovery paths into RP; false when R's path is not one. */
bool discovery_serve(const req *r, reply *rp)
{
	const char *path = r->path;
	buf *out = &rp->body;
	hv *v = NULL;
	rp->code = 200;
	if (strcmp(path, "/version") == 0 || strcmp(path, "/version/") == 0) {
		version_doc(out);
		return true;
	}
	if (strcmp(path, "/openapi/v2") == 0) {
		openapi_v2(out);
		rp->ctype = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
		return true;
	}
	bool api = strcmp(path, "/api") == 0 || strcmp(path, "/api/") == 0;
	bool apis = strcmp(path, "/apis") == 0 || strcmp(path, "/apis/") == 0;
	if ((api || apis) && aggregated_wanted(r)) {
		v = aggregated(api);
		json_emit(out, v, 0);
		hv_free(v);
		rp->ctype = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
		return true;
	}
	if (api) {
		api_versions(out);
		return true;
	}
	if (apis)
		v = group_list();
	else if (strcmp(path, "/api/v1") == 0 || strcmp(path, "/api/v1/") == 0)
		v = resource_list("v1");
	else if (strcmp(path, "/openapi/v3") == 0 || strcmp(path, "/openapi/v3/") == 0) {
		openapi_index(out);
		return true;
	} else if (strncmp(path, "/openapi/v3/api/", 16) == 0 || strncmp(path, "/openapi/v3/apis/", 17) == 0) {
		const char *gv = path + (path[15] == '/' ? 16 : 17);
		if (!gv_served(gv))
			return false;
		v = openapi_doc(gv);
	} else if (strncmp(path, "/apis/", 6) == 0) {
		const char *g = path + 6;
		const char *slash = strchr(g, '/');
		if (!slash || slash[1] == 0) {
			char *name = xstrndup(g, slash ? (size_t)(slash - g) : strlen(g));
			v = api_group(name);
			free(name);
		} else if (!strchr(slash + 1, '/')) {
			v = resource_list(g);
		} else {
			return false;
		}
	} else {
		return false;
	}
	if (!v)
		return false;
	json_emit(out, v, 0);
	hv_free(v);
	return true;
}

void discovery_free(void)
{
	hv_free(disc);
	disc = NULL;
}
