/* scale.c — the scale subresource (autoscaling/v1 Scale) of Deployments, StatefulSets,
 * ReplicaSets and ReplicationControllers, for kubectl scale. */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

bool scale_supported(const rtype *rt)
{
	static const char *const apps[] = {"deployments", "statefulsets", "replicasets", NULL};
	if (!*rt->group && strcmp(rt->plural, "replicationcontrollers") == 0)
		return true;
	for (int i = 0; apps[i] && strcmp(rt->group, "apps") == 0; i++)
		if (strcmp(rt->plural, apps[i]) == 0)
			return true;
	return false;
}

/* "k=v,k2=v2" from the workload's selector, as Scale.status.selector carries it. */
static char *selector_text(const hv *o)
{
	const hv *ml = hv_path(o, "spec.selector.matchLabels");
	if (!ml)
		ml = hv_path(o, "spec.selector");   /* ReplicationController: a plain map */
	buf b = BUF_INIT;
	for (size_t i = 0; ml && hv_kind_of(ml) == HV_MAP && i < hv_len(ml); i++)
		if (hv_kind_of(hv_map_val(ml, i)) == HV_STRING)
			buf_printf(&b, "%s%s=%s", b.len ? "," : "", hv_map_key(ml, i), hv_get_str(hv_map_val(ml, i)));
	return buf_detach(&b, NULL);
}

static hv *scale_of(const hv *o)
{
	hv *s = hv_map(), *meta = hchild(s, "metadata");
	hset_str(s, "kind", "Scale");
	hset_str(s, "apiVersion", "autoscaling/v1");
	static const char *const keep[] = {"name", "namespace", "uid", "resourceVersion", "creationTimestamp", NULL};
	for (int i = 0; keep[i]; i++) {
		const hv *m = hv_map_get(hv_map_get(o, "metadata"), keep[i]);
		if (m)
			hv_map_set(meta, keep[i], hv_ref((hv *)m));
	}
	int64_t n = 1, st = 0;
	hnum(hv_path(o, "spec.replicas"), &n);
	hnum(hv_path(o, "status.replicas"), &st);
	hset_int(hchild(s, "spec"), "replicas", n);
	hv *status = hchild(s, "status");
	hset_int(status, "replicas", st);
	char *sel = selector_text(o);
	hset_str(status, "selector", sel);
	free(sel);
	return s;
}

void scale_serve(req *r, reply *rp, rtype *rt, const char *ns, const char *name)
{
	const hv *o = store_get(rt, ns, name);
	if (!o) {
		status_not_found(rp, rt, name);
		return;
	}
	hv *cur = scale_of(o), *want = NULL;
	char *err = NULL;
	if (strcmp(r->method, "GET") == 0) {
		reply_json(rp, 200, cur);
		hv_free(cur);
		return;
	}
	if (strcmp(r->method, "PUT") == 0) {
		want = body_decode(r, NULL, rp);
	} else {
		const char *ct = req_header(r, "Content-Type");
		hv *p = json_parse(r->body ? r->body : "", r->body_len, "patch", JSON_INTS, &err);
		if (p && ct && strncmp(ct, "application/json-patch+json", 27) == 0)
			want = hv_kind_of(p) == HV_LIST ? json_patch(cur, p, &err) : NULL;
		else if (p && hv_kind_of(p) == HV_MAP)
			want = merge_patch(cur, p);
		hv_free(p);
		if (!want)
			status_error(rp, 422, "Invalid", NULL, "%s", err ? err : "the patch is not valid for a Scale");
	}
	free(err);
	int64_t n;
	if (want && !hnum(hv_path(want, "spec.replicas"), &n)) {
		status_error(rp, 422, "Invalid", NULL, "Scale.autoscaling \"%s\" is invalid: spec.replicas: Required value", name);
		hv_free(want);
		want = NULL;
	}
	hv_free(cur);
	if (!want)
		return;
	hv *obj = hv_copy(o);
	hset_int(hchild(obj, "spec"), "replicas", n);
	hv_free(want);
	const char *dr = req_query(r, "dryRun");
	struct write_opts opts = {.dry_run = dr && *dr, .field_manager = req_query(r, "fieldManager"), .r = r};
	hv *dry = NULL;
	const hv *res = object_update(rt, ns, name, obj, &opts, false, rp, &dry);
	if (res) {
		hv *s = scale_of(res);
		reply_json(rp, 200, s);
		hv_free(s);
	}
	hv_free(dry);
}
