/* api.c — the REST API on objects: path parsing, authorization, get, list, watch, delete.
 * Writes (create, update, patch) are in write.c. */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct route {
	rtype *rt;
	char *ns, *name, *sub;
	bool watch;         /* legacy /watch/ path */
};

static void route_free(struct route *t)
{
	free(t->ns);
	free(t->name);
	free(t->sub);
}

/* Splits /api/v1/... and /apis/G/V/... as the API server's RequestInfo does. */
static bool parse_route(const char *path, struct route *t)
{
	char *segs[8];
	int n = 0;
	char *copy = xstrdup(path), *save = NULL;
	for (char *s = strtok_r(copy, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (n == 8) {
			free(copy);
			return false;
		}
		segs[n++] = s;
	}
	int i = 0;
	const char *group, *version;
	if (n >= 2 && strcmp(segs[0], "api") == 0) {
		group = "";
		version = segs[1];
		i = 2;
	} else if (n >= 3 && strcmp(segs[0], "apis") == 0) {
		group = segs[1];
		version = segs[2];
		i = 3;
	} else {
		free(copy);
		return false;
	}
	if (i < n && strcmp(segs[i], "watch") == 0) {
		t->watch = true;
		i++;
	}
	const char *resource = NULL;
	if (i + 1 < n && strcmp(segs[i], "namespaces") == 0) {
		if (i + 2 < n && strcmp(segs[i + 2], "status") && strcmp(segs[i + 2], "finalize")) {
			t->ns = xstrdup(segs[i + 1]);
			i += 2;
		}
	}
	if (i < n)
		resource = segs[i++];
	if (i < n)
		t->name = xstrdup(segs[i++]);
	if (i < n)
		t->sub = xstrdup(segs[i++]);
	bool ok = resource && i == n;
	if (ok)
		t->rt = kinds_find(group, version, resource);
	free(copy);
	if (!ok || !t->rt || (t->ns && !t->rt->namespaced))
		return false;
	if (t->sub && !(strcmp(t->sub, "status") == 0 && t->rt->status_sub) &&
	    !(strcmp(t->sub, "scale") == 0 && scale_supported(t->rt)) &&
	    !(strcmp(t->sub, "finalize") == 0 && strcmp(t->rt->plural, "namespaces") == 0))
		return false;
	return true;
}

static bool truthy(const char *s) { return s && (strcmp(s, "1") == 0 || strcmp(s, "true") == 0); }

static void get_one(req *r, reply *rp, struct route *t)
{
	const hv *o = store_get(t->rt, t->ns, t->name);
	if (!o) {
		status_not_found(rp, t->rt, t->name);
		return;
	}
	if (table_wanted(r)) {
		hv *one[] = {(hv *)o};
		rp->code = 200;
		table_emit(&rp->body, t->rt, one, 1, store_rv());
		return;
	}
	reply_json(rp, 200, o);
}

static void list(req *r, reply *rp, struct route *t, selector *sel)
{
	size_t n;
	hv **objs = store_select(t->rt, t->ns, sel, &n);
	buf *b = &rp->body;
	buf_reset(b);
	rp->code = 200;
	if (table_wanted(r)) {
		table_emit(b, t->rt, objs, n, store_rv());
		free(objs);
		return;
	}
	buf_printf(b, "{\"apiVersion\":\"%s\",\"items\":[", t->rt->gv);
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (!first)
			buf_putc(b, ',');
		first = false;
		json_emit(b, objs[i], 0);
	}
	buf_printf(b, "],\"kind\":\"%s\",\"metadata\":{\"resourceVersion\":\"%llu\"}}", t->rt->list_kind,
		(unsigned long long)store_rv());
	free(objs);
	rp->code = 200;
}

static void watch(req *r, reply *rp, struct route *t, selector *sel)
{
	const char *rv = req_query(r, "resourceVersion");
	const char *ts = req_query(r, "timeoutSeconds");
	double timeout = ts ? atof(ts) : 0;
	if (timeout <= 0 || timeout > 1800)
		timeout = 1800;
	uint64_t from = rv && *rv ? strtoull(rv, NULL, 10) : 0;
	bool initial = from == 0 || truthy(req_query(r, "sendInitialEvents"));
	rp->watch = watch_new(t->rt, t->ns, sel, from, initial, timeout, truthy(req_query(r, "allowWatchBookmarks")),
		table_wanted(r), req_socket(r));
	rp->code = 200;
}

static void get(req *r, reply *rp, struct route *t)
{
	if (t->name && !t->watch) {
		get_one(r, rp, t);
		return;
	}
	char *err = NULL;
	char *fs = NULL;
	const char *field_sel = req_query(r, "fieldSelector");
	if (t->name) {   /* legacy /watch/.../NAME */
		fs = field_sel && *field_sel ? xasprintf("%s,metadata.name=%s", field_sel, t->name)
					     : xasprintf("metadata.name=%s", t->name);
		field_sel = fs;
	}
	selector *sel = selector_parse(req_query(r, "labelSelector"), field_sel, &err);
	free(fs);
	if (!sel) {
		status_error(rp, 400, "BadRequest", NULL, "%s", err);
		free(err);
		return;
	}
	if (t->watch || truthy(req_query(r, "watch"))) {
		watch(r, rp, t, sel);   /* the watch owns sel */
		return;
	}
	list(r, rp, t, sel);
	selector_free(sel);
}

/* ---- delete ---- */

static bool owned_by(const hv *obj, const char *uid)
{
	const hv *refs = hv_path(obj, "metadata.ownerReferences");
	for (size_t i = 0; refs && hv_kind_of(refs) == HV_LIST && i < hv_len(refs); i++) {
		const char *u = hs(hv_list_get(refs, i), "uid");
		if (u && strcmp(u, uid) == 0)
			return true;
	}
	return false;
}

/* Garbage collection: the dependents of the object with UID, deleted or orphaned. */
static void collect_dependents(const char *uid, const char *ns, bool orphan)
{
	for (int k = 0; k < kinds_count(); k++) {
		rtype *rt = kinds_at(k);
		if (!rt->served || strmap_len(rt->objects) == 0)
			continue;
		size_t n;
		hv **objs = store_list(rt, rt->namespaced ? ns : NULL, &n);
		hv **deps = xmalloc((n ? n : 1) * sizeof *deps);
		size_t nd = 0;
		for (size_t i = 0; i < n; i++)
			if (owned_by(objs[i], uid))
				deps[nd++] = hv_ref(objs[i]);
		free(objs);
		for (size_t i = 0; i < nd; i++) {
			if (orphan) {
				hv *o = hv_copy(deps[i]);
				hv *refs = hv_path(o, "metadata.ownerReferences"), *keep = hv_list();
				for (size_t j = 0; j < hv_len(refs); j++) {
					const char *u = hs(hv_list_get(refs, j), "uid");
					if (!u || strcmp(u, uid))
						hv_list_push(keep, hv_ref(hv_list_get(refs, j)));
				}
				if (hv_len(keep))
					hv_map_set(hv_map_get(o, "metadata"), "ownerReferences", keep);
				else {
					hv_map_del(hv_map_get(o, "metadata"), "ownerReferences");
					hv_free(keep);
				}
				store_put(rt, o, EV_MODIFIED);
			} else if (store_get(rt, hs(deps[i], "metadata.namespace"), hs(deps[i], "metadata.name"))) {
				object_delete(rt, deps[i], "Background");
			}
			hv_free(deps[i]);
		}
		free(deps);
	}
}

static bool has_finalizers(const hv *o)
{
	const hv *f = hv_path(o, "metadata.finalizers");
	return f && hv_kind_of(f) == HV_LIST && hv_len(f) > 0;
}

void object_delete(rtype *rt, const hv *obj, const char *propagation)
{
	const char *ns = hs(obj, "metadata.namespace"), *name = hs(obj, "metadata.name");
	bool is_ns = strcmp(rt->plural, "namespaces") == 0 && !*rt->group;
	if (is_ns || has_finalizers(obj)) {
		if (hv_path(obj, "metadata.deletionTimestamp"))
			return;
		hv *o = hv_copy(obj);
		char *now = ks_now_rfc3339();
		hset_str(hv_map_get(o, "metadata"), "deletionTimestamp", now);
		hset_int(hv_map_get(o, "metadata"), "deletionGracePeriodSeconds", 0);
		free(now);
		if (is_ns)
			hset_str(hchild(o, "status"), "phase", "Terminating");
		store_put(rt, o, EV_MODIFIED);
		return;
	}
	char *uid = xstrdup(hs(obj, "metadata.uid") ? hs(obj, "metadata.uid") : "");
	char *cns = ns ? xstrdup(ns) : NULL, *cname = xstrdup(name);
	bool orphan = propagation && strcmp(propagation, "Orphan") == 0;
	bool foreground = propagation && strcmp(propagation, "Foreground") == 0;
	if (rt->crd == false && strcmp(rt->plural, "customresourcedefinitions") == 0)
		kinds_crd_unregister(obj);
	/* Foreground: dependents go first; Background: right after the owner; Orphan: they stay */
	if (*uid && (orphan || foreground))
		collect_dependents(uid, cns, orphan);
	store_delete(rt, cns, cname);
	if (*uid && !orphan && !foreground)
		collect_dependents(uid, cns, false);
	free(uid);
	free(cns);
	free(cname);
}

/* DeleteOptions from a JSON or protobuf body (may be empty). */
static hv *delete_options(req *r, reply *rp)
{
	if (!r->body_len)
		return hv_map();
	hv *o = body_decode(r, NULL, rp);
	if (!o)
		return NULL;
	return o;
}

static bool dry_run(const req *r, const hv *opts)
{
	const char *q = req_query(r, "dryRun");
	if (q && *q)
		return true;
	const hv *d = opts ? hv_map_get(opts, "dryRun") : NULL;
	return d && hv_kind_of(d) == HV_LIST && hv_len(d) > 0;
}

static void delete_one(req *r, reply *rp, struct route *t)
{
	const hv *o = store_get(t->rt, t->ns, t->name);
	hv *opts = delete_options(r, rp);
	if (!opts)
		return;
	if (!o) {
		status_not_found(rp, t->rt, t->name);
		hv_free(opts);
		return;
	}
	if (!*t->rt->group && strcmp(t->rt->plural, "namespaces") == 0 &&
	    (strcmp(t->name, "default") == 0 || strcmp(t->name, "kube-system") == 0 || strcmp(t->name, "kube-public") == 0)) {
		status_error(rp, 403, "Forbidden", status_details(t->rt, t->name, false),
			"namespaces \"%s\" is forbidden: this namespace may not be deleted", t->name);
		hv_free(opts);
		return;
	}
	const char *pre_uid = hs(opts, "preconditions.uid"), *pre_rv = hs(opts, "preconditions.resourceVersion");
	if ((pre_uid && *pre_uid && strcmp(pre_uid, hs(o, "metadata.uid"))) ||
	    (pre_rv && *pre_rv && strcmp(pre_rv, hs(o, "metadata.resourceVersion")))) {
		char *q = *t->rt->group ? xasprintf("%s.%s", t->rt->plural, t->rt->group) : xstrdup(t->rt->plural);
		status_error(rp, 409, "Conflict", status_details(t->rt, t->name, false),
			"Operation cannot be fulfilled on %s \"%s\": the %s in the precondition (%s) does not match the %s in record (%s). The object might have been modified",
			q, t->name, pre_uid && *pre_uid ? "UID" : "ResourceVersion",
			pre_uid && *pre_uid ? pre_uid : pre_rv, pre_uid && *pre_uid ? "UID" : "ResourceVersion",
			pre_uid && *pre_uid ? hs(o, "metadata.uid") : hs(o, "metadata.resourceVersion"));
		free(q);
		hv_free(opts);
		return;
	}
	if (dry_run(r, opts)) {
		reply_json(rp, 200, o);
		hv_free(opts);
		return;
	}
	const char *prop = hs(opts, "propagationPolicy");
	if (!prop && hbool(opts, "orphanDependents"))
		prop = "Orphan";
	hv *keep = hv_ref((hv *)o);
	object_delete(t->rt, keep, prop);
	const hv *still = store_get(t->rt, t->ns, t->name);
	if (still) {
		reply_json(rp, 200, still);
	} else {
		hv *s = status_success(t->rt, t->name, hs(keep, "metadata.uid"));
		reply_json(rp, 200, s);
		hv_free(s);
	}
	hv_free(keep);
	hv_free(opts);
}

static void delete_collection(req *r, reply *rp, struct route *t)
{
	char *err = NULL;
	selector *sel = selector_parse(req_query(r, "labelSelector"), req_query(r, "fieldSelector"), &err);
	if (!sel) {
		status_error(rp, 400, "BadRequest", NULL, "%s", err);
		free(err);
		return;
	}
	hv *opts = delete_options(r, rp);
	if (!opts) {
		selector_free(sel);
		return;
	}
	size_t n;
	hv **objs = store_list(t->rt, t->ns, &n);
	hv *items = hv_list();
	for (size_t i = 0; i < n; i++)
		if (selector_match(sel, objs[i]))
			hv_list_push(items, hv_ref(objs[i]));
	free(objs);
	if (!dry_run(r, opts))
		for (size_t i = 0; i < hv_len(items); i++)
			object_delete(t->rt, hv_list_get(items, i), hs(opts, "propagationPolicy"));
	hv *l = hv_map();
	hset_str(l, "apiVersion", t->rt->gv);
	hset_str(l, "kind", t->rt->list_kind);
	char rv[24];
	snprintf(rv, sizeof rv, "%llu", (unsigned long long)store_rv());
	hset_str(hchild(l, "metadata"), "resourceVersion", rv);
	hv_map_set(l, "items", items);
	reply_json(rp, 200, l);
	hv_free(l);
	hv_free(opts);
	selector_free(sel);
}

/* ---- entry ---- */

static const char *verb_of(const req *r, const struct route *t)
{
	const char *m = r->method;
	if (strcmp(m, "GET") == 0)
		return t->name && !t->watch ? "get" : (t->watch || truthy(req_query(r, "watch"))) ? "watch" : "list";
	if (strcmp(m, "POST") == 0) return "create";
	if (strcmp(m, "PUT") == 0) return "update";
	if (strcmp(m, "PATCH") == 0) return "patch";
	if (strcmp(m, "DELETE") == 0) return t->name ? "delete" : "deletecollection";
	return NULL;
}

void write_serve(req *r, reply *rp, rtype *rt, const char *ns, const char *name, const char *sub);

void api_serve(req *r, reply *rp)
{
	struct route t = {0};
	if (!parse_route(r->path, &t)) {
		route_free(&t);
		status_no_route(rp);
		return;
	}
	const char *verb = verb_of(r, &t);
	if (!verb || (strcmp(verb, "create") == 0 && t.name && !t.sub) ||
	    (t.sub && strcmp(r->method, "DELETE") == 0) ||
	    (!t.name && (strcmp(verb, "update") == 0 || strcmp(verb, "patch") == 0))) {
		route_free(&t);
		status_error(rp, 405, "MethodNotAllowed", hv_map(),
			"the server does not allow this method on the requested resource");
		return;
	}
	char *res = t.sub ? xasprintf("%s/%s", t.rt->plural, t.sub) : xstrdup(t.rt->plural);
	const char *ns = t.rt->namespaced ? (t.ns ? t.ns : "") : (strcmp(t.rt->plural, "namespaces") == 0 && t.name ? t.name : "");
	if (!auth_allowed(r, verb, t.rt->group, res, ns)) {
		auth_forbid(rp, r, verb, t.rt->group, res, t.name, ns);
		free(res);
		route_free(&t);
		return;
	}
	free(res);
	if (t.rt->namespaced && !t.ns && t.name) {   /* a namespaced object needs its namespace */
		status_no_route(rp);
	} else if (t.sub && strcmp(t.sub, "scale") == 0) {
		scale_serve(r, rp, t.rt, t.ns, t.name);
	} else if (strcmp(r->method, "GET") == 0) {
		get(r, rp, &t);
	} else if (strcmp(r->method, "DELETE") == 0) {
		if (t.name)
			delete_one(r, rp, &t);
		else
			delete_collection(r, rp, &t);
	} else {
		write_serve(r, rp, t.rt, t.ns, t.name, t.sub);
	}
	route_free(&t);
}
