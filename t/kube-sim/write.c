/* write.c — create (POST), update (PUT) and patch (PATCH): the checks, defaulting and the
 * resourceVersion/generation rules every write goes through. */
#include "ksim.h"
#include "json.h"
#include "yaml.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static char *qualified(const rtype *rt)
{
	return *rt->group ? xasprintf("%s.%s", rt->plural, rt->group) : xstrdup(rt->plural);
}

static void conflict(reply *rp, const rtype *rt, const char *name)
{
	char *q = qualified(rt);
	status_error(rp, 409, "Conflict", status_details(rt, name, false),
		"Operation cannot be fulfilled on %s \"%s\": the object has been modified; please apply your changes to the latest version and try again",
		q, name);
	free(q);
}

static void terminating(reply *rp, const rtype *rt, const char *name, const char *ns)
{
	hv *d = status_details(rt, name, false), *causes = hv_list(), *c = hv_map();
	hset_str(c, "reason", "NamespaceTerminating");
	char *m = xasprintf("namespace %s is being terminated", ns);
	hset_str(c, "message", m);
	free(m);
	hset_str(c, "field", "metadata.namespace");
	hv_list_push(causes, c);
	hv_map_set(d, "causes", causes);
	char *q = qualified(rt);
	status_error(rp, 403, "Forbidden", d,
		"%s \"%s\" is forbidden: unable to create new content in namespace %s because it is being terminated",
		q, name, ns);
	free(q);
}

/* The namespace of a namespaced write must exist and not be terminating. */
static bool namespace_ok(reply *rp, const rtype *rt, const char *ns, const char *name)
{
	if (!rt->namespaced)
		return true;
	if (!namespace_exists(ns)) {
		hv *d = hv_map();
		hset_str(d, "name", ns);
		hset_str(d, "kind", "namespaces");
		status_error(rp, 404, "NotFound", d, "namespaces \"%s\" not found", ns);
		return false;
	}
	if (namespace_terminating(ns)) {
		terminating(rp, rt, name, ns);
		return false;
	}
	return true;
}

/* apiVersion, kind and namespace of the body must agree with the URL. */
static bool identity_ok(reply *rp, const rtype *rt, hv *obj, const char *ns)
{
	const char *av = hs(obj, "apiVersion"), *kind = hs(obj, "kind");
	if (av && *av && strcmp(av, rt->gv) != 0) {
		status_error(rp, 400, "BadRequest", NULL,
			"the API version in the data (%s) does not match the expected API version (%s)", av, rt->gv);
		return false;
	}
	if (kind && *kind && strcmp(kind, rt->kind) != 0) {
		status_error(rp, 400, "BadRequest", NULL,
			"the kind in the data (%s) does not match the expected kind (%s)", kind, rt->kind);
		return false;
	}
	const hv *m = hv_map_get(obj, "metadata");
	if (m && !hv_is_nil(m) && hv_kind_of(m) != HV_MAP) {
		status_error(rp, 400, "BadRequest", NULL,
			"%s in version \"%s\" cannot be handled as a %s: json: cannot unmarshal %s into Go struct field %s.metadata of type v1.ObjectMeta",
			rt->kind, rt->version, rt->kind, hv_kind_of(m) == HV_LIST ? "array" : hv_kind_of(m) == HV_STRING ? "string" : "number",
			rt->kind);
		return false;
	}
	hset_str(obj, "apiVersion", rt->gv);
	hset_str(obj, "kind", rt->kind);
	hv *meta = hchild(obj, "metadata");
	const char *bns = hs(meta, "namespace");
	if (rt->namespaced) {
		if (bns && *bns && strcmp(bns, ns) != 0) {
			status_error(rp, 400, "BadRequest", NULL,
				"the namespace of the provided object does not match the namespace sent on the request");
			return false;
		}
		hset_str(meta, "namespace", ns);
	} else {
		hv_map_del(meta, "namespace");
	}
	return true;
}

/* The object without what the server owns, to tell whether a write changed anything. */
static hv *comparable(const hv *o, bool spec_only)
{
	hv *c = hv_copy(o);
	hv *meta = hv_map_get(c, "metadata");
	if (spec_only) {
		hv_map_del(c, "metadata");
		hv_map_del(c, "status");
	} else if (meta) {
		hv_map_del(meta, "resourceVersion");
		hv_map_del(meta, "managedFields");
	}
	return c;
}

static bool same(const hv *a, const hv *b, bool spec_only)
{
	hv *x = comparable(a, spec_only), *y = comparable(b, spec_only);
	bool eq = hv_equal(x, y);
	hv_free(x);
	hv_free(y);
	return eq;
}

static bool check(const rtype *rt, const hv *obj, const hv *old, const struct write_opts *o, reply *rp)
{
	char *warning = NULL;
	bool strict = o->validation && strcmp(o->validation, "Strict") == 0;
	bool ignore = o->validation && strcmp(o->validation, "Ignore") == 0;
	if (!validate_object(rt, obj, old, strict, rp, ignore ? NULL : &warning))
		return false;
	if (warning)
		rp->warning = warning;
	return true;
}

const hv *object_create(rtype *rt, const char *ns, hv *obj, const struct write_opts *o, reply *rp, hv **dry)
{
	if (!identity_ok(rp, rt, obj, ns)) {
		hv_free(obj);
		return NULL;
	}
	hv *meta = hv_map_get(obj, "metadata");
	const char *name = hs(meta, "name"), *gen = hs(meta, "generateName");
	if (!namespace_ok(rp, rt, ns, name ? name : "")) {
		hv_free(obj);
		return NULL;
	}
	if ((!name || !*name) && gen && *gen) {
		char *sfx = ks_random_suffix(5);
		char *n = xasprintf("%s%s", gen, sfx);
		hset_str(meta, "name", n);
		free(n);
		free(sfx);
		name = hs(meta, "name");
	}
	if (!name || !*name) {
		status_invalid(rp, rt, "", "metadata.name", "FieldValueRequired",
			"Required value: name or generateName is required");
		hv_free(obj);
		return NULL;
	}
	if (store_get(rt, ns, name)) {
		char *q = qualified(rt);
		status_error(rp, 409, "AlreadyExists", status_details(rt, name, false), "%s \"%s\" already exists", q, name);
		free(q);
		hv_free(obj);
		return NULL;
	}
	static const char *const server_owned[] = {"resourceVersion", "uid", "creationTimestamp", "deletionTimestamp",
		"deletionGracePeriodSeconds", "generation", "managedFields", "selfLink", NULL};
	for (int i = 0; server_owned[i]; i++)
		hv_map_del(meta, server_owned[i]);
	char *uid = ks_uuid(), *now = ks_now_rfc3339();
	hset_str(meta, "uid", uid);
	hset_str(meta, "creationTimestamp", now);
	free(uid);
	free(now);
	if (rt->generation)
		hset_int(meta, "generation", 1);
	defaults_apply(rt, obj);
	if (!check(rt, obj, NULL, o, rp)) {
		hv_free(obj);
		return NULL;
	}
	if (o->dry_run) {
		*dry = obj;
		return obj;
	}
	store_put(rt, obj, EV_ADDED);
	controller_on_write(rt, obj);
	return obj;
}

/* Update and patch end here: OBJ (taken) is the complete new state of OLD. */
static const hv *commit(rtype *rt, const hv *old, hv *obj, const struct write_opts *o, bool status_only,
	reply *rp, hv **dry)
{
	const char *ns = hs(old, "metadata.namespace"), *name = hs(old, "metadata.name");
	if (!identity_ok(rp, rt, obj, ns ? ns : "")) {
		hv_free(obj);
		return NULL;
	}
	hv *meta = hv_map_get(obj, "metadata");
	const char *bname = hs(meta, "name");
	if (bname && *bname && strcmp(bname, name) != 0) {
		status_error(rp, 400, "BadRequest", NULL,
			"the name of the object (%s) does not match the name on the URL (%s)", bname, name);
		hv_free(obj);
		return NULL;
	}
	const char *rv = hs(meta, "resourceVersion");
	if ((rv && *rv && strcmp(rv, hs(old, "metadata.resourceVersion")) != 0) || faults_force_conflict(o->r)) {
		conflict(rp, rt, name);
		hv_free(obj);
		return NULL;
	}
	if (status_only) {
		hv *n = hv_copy(old);
		const hv *st = hv_map_get(obj, "status");
		if (st)
			hv_map_set(n, "status", hv_ref((hv *)st));
		else
			hv_map_del(n, "status");
		hv_free(obj);
		obj = n;
		meta = hv_map_get(obj, "metadata");
	} else {
		static const char *const kept[] = {"uid", "creationTimestamp", "deletionTimestamp",
			"deletionGracePeriodSeconds", "generation", NULL};
		hset_str(meta, "name", name);
		for (int i = 0; kept[i]; i++) {
			const hv *v = hv_map_get(hv_map_get(old, "metadata"), kept[i]);
			if (v)
				hv_map_set(meta, kept[i], hv_ref((hv *)v));
			else
				hv_map_del(meta, kept[i]);
		}
		hv_map_del(meta, "managedFields");
		if (rt->status_sub) {
			const hv *st = hv_map_get(old, "status");
			if (st)
				hv_map_set(obj, "status", hv_ref((hv *)st));
			else
				hv_map_del(obj, "status");
		}
	}
	defaults_apply(rt, obj);
	if (!check(rt, obj, old, o, rp)) {
		hv_free(obj);
		return NULL;
	}
	if (rt->generation && !status_only && !same(obj, old, true)) {
		int64_t g = 0;
		hnum(hv_map_get(meta, "generation"), &g);
		hset_int(meta, "generation", g + 1);
	}
	if (same(obj, old, false)) {
		hv_free(obj);
		return old;
	}
	if (o->dry_run) {
		*dry = obj;
		return obj;
	}
	const hv *fin = hv_map_get(meta, "finalizers");
	if (hv_map_get(meta, "deletionTimestamp") && (!fin || hv_len(fin) == 0) && strcmp(rt->plural, "namespaces") != 0) {
		hv_map_set(meta, "resourceVersion", hv_str(hs(old, "metadata.resourceVersion")));
		store_delete(rt, ns, name);
		*dry = obj;
		return obj;
	}
	store_put(rt, obj, EV_MODIFIED);
	controller_on_write(rt, obj);
	return obj;
}

const hv *object_update(rtype *rt, const char *ns, const char *name, hv *obj, const struct write_opts *o,
	bool status_only, reply *rp, hv **dry)
{
	const hv *old = store_get(rt, ns, name);
	if (!old) {
		status_not_found(rp, rt, name);
		hv_free(obj);
		return NULL;
	}
	return commit(rt, old, obj, o, status_only, rp, dry);
}

static char *media_type(const req *r)
{
	const char *ct = req_header(r, "Content-Type");
	if (!ct)
		return xstrdup("");
	size_t n = strcspn(ct, ";");
	while (n && ct[n - 1] == ' ')
		n--;
	return xstrndup(ct, n);
}

static void unsupported_patch(reply *rp)
{
	status_error(rp, 415, "UnsupportedMediaType", NULL,
		"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json");
}

static const hv *patch(req *r, rtype *rt, const char *ns, const char *name, bool status_only,
	const struct write_opts *o, reply *rp, hv **dry, int *code)
{
	char *mt = media_type(r);
	bool apply = strcmp(mt, "application/apply-patch+yaml") == 0;
	bool smp = strcmp(mt, "application/strategic-merge-patch+json") == 0;
	bool merge = strcmp(mt, "application/merge-patch+json") == 0;
	bool jsonp = strcmp(mt, "application/json-patch+json") == 0;
	free(mt);
	if (!apply && !smp && !merge && !jsonp) {
		unsupported_patch(rp);
		return NULL;
	}
	if (smp && rt->crd) {
		unsupported_patch(rp);
		return NULL;
	}
	if (apply && (!o->field_manager || !*o->field_manager)) {
		status_error(rp, 400, "BadRequest", NULL,
			"PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
		return NULL;
	}
	char *err = NULL;
	hv *p = apply ? yaml_parse(r->body ? r->body : "", r->body_len, "patch", YAML_INTS, &err)
		      : json_parse(r->body ? r->body : "", r->body_len, "patch", JSON_INTS, &err);
	if (!p) {
		status_error(rp, 400, "BadRequest", NULL, "error decoding patch: %s", err);
		free(err);
		return NULL;
	}
	if (hv_kind_of(p) != (jsonp ? HV_LIST : HV_MAP)) {
		status_error(rp, 400, "BadRequest", NULL, jsonp ? "json: cannot unmarshal object into Go value of type jsonpatch.Patch"
			: "json: cannot unmarshal into Go value of type map[string]interface {}");
		hv_free(p);
		return NULL;
	}
	const hv *old = store_get(rt, ns, name);
	if (!old) {
		if (apply) {
			*code = 201;
			return object_create(rt, ns, p, o, rp, dry);
		}
		status_not_found(rp, rt, name);
		hv_free(p);
		return NULL;
	}
	hv *n = NULL;
	if (merge || apply)
		n = merge_patch(old, p);
	else if (smp)
		n = strategic_merge_patch(rt, old, p, &err);
	else
		n = json_patch(old, p, &err);
	hv_free(p);
	if (!n) {
		status_error(rp, 422, "Invalid", NULL, "%s", err);
		free(err);
		return NULL;
	}
	if (hv_kind_of(n) != HV_MAP) {
		hv_free(n);
		status_error(rp, 422, "Invalid", NULL, "the patched object is not an object");
		return NULL;
	}
	/* a patch that does not mention resourceVersion is unconditional */
	return commit(rt, old, n, o, status_only, rp, dry);
}

void write_serve(req *r, reply *rp, rtype *rt, const char *ns, const char *name, const char *sub)
{
	const char *dr = req_query(r, "dryRun");
	struct write_opts o = {.dry_run = dr && *dr, .field_manager = req_query(r, "fieldManager"),
		.validation = req_query(r, "fieldValidation"), .r = r};
	if (rt->namespaced && !ns && !review_kind(rt)) {
		status_no_route(rp);
		return;
	}
	bool status_only = sub && strcmp(sub, "status") == 0;
	if (review_kind(rt)) {
		hv *obj = strcmp(r->method, "POST") == 0 ? body_decode(r, rt, rp) : NULL;
		if (obj)
			review_serve(r, rp, rt, obj);
		else if (strcmp(r->method, "POST") != 0)
			status_error(rp, 405, "MethodNotAllowed", hv_map(), "the server does not allow this method on the requested resource");
		return;
	}
	hv *dry = NULL;
	const hv *res = NULL;
	int code = 200;
	if (strcmp(r->method, "PATCH") == 0) {
		res = patch(r, rt, ns, name, status_only, &o, rp, &dry, &code);
	} else {
		hv *obj = body_decode(r, rt, rp);
		if (!obj)
			return;
		if (strcmp(r->method, "POST") == 0) {
			res = object_create(rt, ns, obj, &o, rp, &dry);
			code = 201;
		} else {
			res = object_update(rt, ns, name, obj, &o, status_only, rp, &dry);
		}
	}
	if (res) {
		char *w = rp->warning;
		reply_json(rp, code, res);
		rp->warning = w;
	}
	hv_free(dry);
}
