/* controller.c — the simulated controllers: they write the status (and child ReplicaSets) a
 * real cluster would, so that helm --wait, hooks and kubectl rollout status see progress.
 * Namespace finalization runs even with --no-controllers: it is API machinery. */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_t thread;
static bool running;
static strmap *seen;   /* uid -> struct seen: when the current generation was first observed */

struct seen { int64_t gen; double t; unsigned pass; };
static unsigned pass_no;   /* entries of seen not touched in a pass are forgotten */

static int64_t num_at(const hv *o, const char *path, int64_t dflt)
{
	int64_t n;
	return hnum(hv_path(o, path), &n) ? n : dflt;
}

static const char *annotation(const hv *o, const char *key)
{
	const hv *a = hv_path(o, "metadata.annotations");
	const hv *v = a ? hv_map_get(a, key) : NULL;
	return v && hv_kind_of(v) == HV_STRING ? hv_get_str(v) : NULL;
}

/* Seconds since the controller first saw this generation of O. */
static double age(const hv *o, double now)
{
	const char *uid = hs(o, "metadata.uid");
	if (!uid)
		return 0;
	int64_t gen = num_at(o, "metadata.generation", 0);
	struct seen *s = strmap_get(seen, uid);
	if (!s) {
		s = xmalloc(sizeof *s);
		*s = (struct seen){gen, now, pass_no};
		strmap_put(seen, uid, s);
	} else if (s->gen != gen) {
		*s = (struct seen){gen, now, pass_no};
	}
	s->pass = pass_no;
	return now - s->t;
}

/* Whether O has been around long enough to report ready (annotations can delay or forbid it). */
static bool due(const hv *o, double now)
{
	const char *never = annotation(o, "kubefake.io/never-ready");
	if (never && strcmp(never, "true") == 0)
		return false;
	const char *after = annotation(o, "kubefake.io/ready-after");
	double delay = after ? atof(after) : ks_cfg.controller_delay;
	return age(o, now) >= delay;
}

static bool failing(const hv *o)
{
	const char *f = annotation(o, "kubefake.io/fail");
	return f && strcmp(f, "true") == 0;
}

static void put_status(rtype *rt, const hv *o, hv *status /* taken */)
{
	const hv *old = hv_map_get(o, "status");
	if (old && hv_equal(old, status)) {
		hv_free(status);
		return;
	}
	hv *n = hv_copy(o);
	hv_map_set(n, "status", status);
	store_put(rt, n, EV_MODIFIED);
}

static hv *condition(const char *type, const char *status, const char *reason, const char *message, const char *now)
{
	hv *c = hv_map();
	hset_str(c, "type", type);
	hset_str(c, "status", status);
	if (reason)
		hset_str(c, "reason", reason);
	if (message)
		hset_str(c, "message", message);
	hset_str(c, "lastTransitionTime", now);
	if (strcmp(type, "Available") == 0 || strcmp(type, "Progressing") == 0)
		hset_str(c, "lastUpdateTime", now);
	return c;
}

/* The conditions of O's current status, if it already has the same types and statuses
 * (so timestamps do not churn). */
static hv *keep_conditions(const hv *o, hv *fresh)
{
	const hv *old = hv_path(o, "status.conditions");
	if (!old || hv_kind_of(old) != HV_LIST || hv_len(old) != hv_len(fresh))
		return fresh;
	for (size_t i = 0; i < hv_len(fresh); i++) {
		const hv *a = hv_list_get(old, i), *b = hv_list_get(fresh, i);
		if (!hs(a, "type") || strcmp(hs(a, "type"), hs(b, "type")) || !hs(a, "status") ||
		    strcmp(hs(a, "status"), hs(b, "status")))
			return fresh;
	}
	hv_free(fresh);
	return hv_copy(old);
}

static char *template_hash(const hv *tmpl)
{
	buf b = BUF_INIT;
	json_emit(&b, tmpl, 0);
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < b.len; i++)
		h = (h ^ (unsigned char)b.s[i]) * 16777619u;
	buf_free(&b);
	static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
	char s[11];
	int n = 0;
	do {
		s[n++] = alphabet[h % 27];
		h /= 27;
	} while (h && n < 10);
	s[n] = 0;
	return xstrdup(s);
}

static hv *owner_ref(const hv *owner, const char *kind)
{
	hv *r = hv_map();
	hset_str(r, "apiVersion", hs(owner, "apiVersion"));
	hset_str(r, "kind", kind);
	hset_str(r, "name", hs(owner, "metadata.name"));
	hset_str(r, "uid", hs(owner, "metadata.uid"));
	hv_map_set(r, "controller", hv_bool(true));
	hv_map_set(r, "blockOwnerDeletion", hv_bool(true));
	return r;
}

static bool controlled_by(const hv *o, const char *uid)
{
	const hv *refs = hv_path(o, "metadata.ownerReferences");
	for (size_t i = 0; refs && hv_kind_of(refs) == HV_LIST && i < hv_len(refs); i++) {
		const hv *r = hv_list_get(refs, i);
		const char *u = hs(r, "uid");
		if (u && strcmp(u, uid) == 0 && hbool(r, "controller"))
			return true;
	}
	return false;
}

/* Objects of RT in NS (NULL: all), referenced so that writes while iterating are safe. */
static hv **snapshot(rtype *rt, const char *ns, size_t *n)
{
	hv **objs = store_list(rt, ns, n);
	for (size_t i = 0; i < *n; i++)
		hv_ref(objs[i]);
	return objs;
}

static void release(hv **objs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		hv_free(objs[i]);
	free(objs);
}

static void create_child(rtype *rt, hv *obj)
{
	hv *meta = hv_map_get(obj, "metadata");
	char *uid = ks_uuid(), *now = ks_now_rfc3339();
	hset_str(meta, "uid", uid);
	hset_str(meta, "creationTimestamp", now);
	if (rt->generation)
		hset_int(meta, "generation", 1);
	free(uid);
	free(now);
	hset_str(obj, "apiVersion", rt->gv);
	hset_str(obj, "kind", rt->kind);
	defaults_apply(rt, obj);
	store_put(rt, obj, EV_ADDED);
}

static void set_rs_replicas(rtype *rsrt, const hv *rs, int64_t replicas, const char *revision)
{
	const char *cur = annotation(rs, "deployment.kubernetes.io/revision");
	if (num_at(rs, "spec.replicas", -1) == replicas && (!revision || (cur && strcmp(cur, revision) == 0)))
		return;
	hv *n = hv_copy(rs);
	if (num_at(rs, "spec.replicas", -1) != replicas) {
		hset_int(hv_map_get(n, "spec"), "replicas", replicas);
		hset_int(hv_map_get(n, "metadata"), "generation", num_at(rs, "metadata.generation", 1) + 1);
	}
	if (revision)
		hset_str(hchild(hv_map_get(n, "metadata"), "annotations"), "deployment.kubernetes.io/revision", revision);
	store_put(rsrt, n, EV_MODIFIED);
}

static void deployment(rtype *rt, rtype *rsrt, const hv *d, const char *nowstr)
{
	const char *ns = hs(d, "metadata.namespace"), *name = hs(d, "metadata.name"), *uid = hs(d, "metadata.uid");
	const hv *tmpl = hv_path(d, "spec.template");
	if (!tmpl || !uid || hv_path(d, "metadata.deletionTimestamp"))
		return;
	int64_t replicas = num_at(d, "spec.replicas", 1);
	char *hash = template_hash(tmpl);
	char *rsname = xasprintf("%s-%s", name, hash);
	size_t n;
	hv **rss = snapshot(rsrt, ns, &n);
	int64_t maxrev = 0;
	for (size_t i = 0; i < n; i++)
		if (controlled_by(rss[i], uid)) {
			const char *r = annotation(rss[i], "deployment.kubernetes.io/revision");
			if (r && atoll(r) > maxrev)
				maxrev = atoll(r);
		}
	const hv *cur = store_get(rsrt, ns, rsname);
	char rev[24];
	const char *currev = cur ? annotation(cur, "deployment.kubernetes.io/revision") : NULL;
	bool newest = currev && atoll(currev) == maxrev;
	snprintf(rev, sizeof rev, "%lld", (long long)(cur && newest ? maxrev : maxrev + 1));
	if (!cur) {
		hv *rs = hv_map(), *meta = hchild(rs, "metadata"), *spec = hchild(rs, "spec");
		hset_str(meta, "name", rsname);
		hset_str(meta, "namespace", ns);
		hv *t = hv_copy(tmpl);
		hset_str(hchild(hchild(t, "metadata"), "labels"), "pod-template-hash", hash);
		hv_map_set(meta, "labels", hv_copy(hv_path(t, "metadata.labels")));
		/* the Deployment's annotations, as the real controller copies them (the kubefake.io ones too) */
		hv *ann = hchild(meta, "annotations");
		const hv *dann = hv_path(d, "metadata.annotations");
		for (size_t i = 0; dann && hv_kind_of(dann) == HV_MAP && i < hv_len(dann); i++) {
			const char *k = hv_map_key(dann, i);
			if (strcmp(k, "kubectl.kubernetes.io/last-applied-configuration") && strncmp(k, "deployment.kubernetes.io/", 25))
				hv_map_set(ann, k, hv_ref(hv_map_val(dann, i)));
		}
		hset_str(ann, "deployment.kubernetes.io/revision", rev);
		char s[24];
		snprintf(s, sizeof s, "%lld", (long long)replicas);
		hset_str(ann, "deployment.kubernetes.io/desired-replicas", s);
		hv *refs = hv_list();
		hv_list_push(refs, owner_ref(d, "Deployment"));
		hv_map_set(meta, "ownerReferences", refs);
		hset_int(spec, "replicas", replicas);
		const hv *mrs = hv_path(d, "spec.minReadySeconds");
		if (mrs)
			hv_map_set(spec, "minReadySeconds", hv_ref((hv *)mrs));
		hv *sel = hv_copy(hv_path(d, "spec.selector"));
		hset_str(hchild(sel, "matchLabels"), "pod-template-hash", hash);
		hv_map_set(spec, "selector", sel);
		hv_map_set(spec, "template", t);
		create_child(rsrt, rs);
	} else {
		set_rs_replicas(rsrt, cur, replicas, rev);
	}
	for (size_t i = 0; i < n; i++)
		if (controlled_by(rss[i], uid) && strcmp(hs(rss[i], "metadata.name"), rsname) != 0)
			set_rs_replicas(rsrt, store_get(rsrt, ns, hs(rss[i], "metadata.name")), 0, NULL);
	release(rss, n);

	const hv *rs = store_get(rsrt, ns, rsname);
	int64_t ready = rs ? num_at(rs, "status.readyReplicas", 0) : 0;
	bool rs_current = rs && num_at(rs, "status.observedGeneration", -1) == num_at(rs, "metadata.generation", 0);
	bool done = rs_current && ready >= replicas;
	hv *st = hv_map();
	hset_int(st, "observedGeneration", num_at(d, "metadata.generation", 1));
	hset_int(st, "replicas", replicas);
	hset_int(st, "updatedReplicas", replicas);
	if (ready)
		hset_int(st, "readyReplicas", ready);
	if (ready)
		hset_int(st, "availableReplicas", ready);
	if (replicas - ready > 0)
		hset_int(st, "unavailableReplicas", replicas - ready);
	hv *conds = hv_list();
	if (done) {
		hv_list_push(conds, condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", nowstr));
		char *m = xasprintf("ReplicaSet \"%s\" has successfully progressed.", rsname);
		hv_list_push(conds, condition("Progressing", "True", "NewReplicaSetAvailable", m, nowstr));
		free(m);
	} else {
		hv_list_push(conds, condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", nowstr));
		char *m = xasprintf("ReplicaSet \"%s\" is progressing.", rsname);
		hv_list_push(conds, condition("Progressing", "True", "ReplicaSetUpdated", m, nowstr));
		free(m);
	}
	hv_map_set(st, "conditions", keep_conditions(d, conds));
	put_status(rt, d, st);
	free(hash);
	free(rsname);
}

/* Keeps WANT pods controlled by OWNER (a workload of KIND), made from its pod template:
 * names from NAME_AT (StatefulSet ordinals) or random suffixes. */
static void ensure_pods(const hv *owner, const char *kind, int64_t want, bool ordinal)
{
	rtype *podrt = kinds_find("", "v1", "pods");
	const char *ns = hs(owner, "metadata.namespace"), *uid = hs(owner, "metadata.uid"), *oname = hs(owner, "metadata.name");
	const hv *tmpl = hv_path(owner, "spec.template");
	if (!podrt || !uid || !tmpl || hv_path(owner, "metadata.deletionTimestamp") || !namespace_exists(ns) ||
	    namespace_terminating(ns))
		return;
	size_t n;
	hv **pods = snapshot(podrt, ns, &n);
	int64_t have = 0;
	for (size_t i = 0; i < n; i++) {
		if (!controlled_by(pods[i], uid))
			continue;
		if (++have > want)
			object_delete(podrt, pods[i], "Background");
	}
	release(pods, n);
	for (int64_t i = 0; have < want; i++) {
		char *name;
		if (ordinal) {
			name = xasprintf("%s-%lld", oname, (long long)i);
			if (store_get(podrt, ns, name)) {
				free(name);
				continue;
			}
		} else {
			char *sfx = ks_random_suffix(5);
			name = xasprintf("%s-%s", oname, sfx);
			free(sfx);
		}
		hv *pod = hv_map(), *meta = hchild(pod, "metadata");
		hset_str(meta, "name", name);
		hset_str(meta, "namespace", ns);
		free(name);
		const hv *labels = hv_path(tmpl, "metadata.labels");
		if (labels)
			hv_map_set(meta, "labels", hv_copy(labels));
		const hv *ann = hv_path(tmpl, "metadata.annotations");
		if (ann)
			hv_map_set(meta, "annotations", hv_copy(ann));
		if (failing(owner))
			hset_str(hchild(meta, "annotations"), "kubefake.io/fail", "true");
		hv *refs = hv_list();
		hv_list_push(refs, owner_ref(owner, kind));
		hv_map_set(meta, "ownerReferences", refs);
		const hv *spec = hv_map_get(tmpl, "spec");
		hv_map_set(pod, "spec", spec ? hv_copy(spec) : hv_map());
		create_child(podrt, pod);
		have++;
	}
}

static void replicaset(rtype *rt, const hv *rs, double now)
{
	ensure_pods(rs, "ReplicaSet", num_at(rs, "spec.replicas", 1), false);
	int64_t replicas = num_at(rs, "spec.replicas", 1);
	bool ready = due(rs, now);
	hv *st = hv_map();
	hset_int(st, "replicas", replicas);
	if (ready || replicas == 0) {
		hset_int(st, "observedGeneration", num_at(rs, "metadata.generation", 1));
		if (replicas) {
			hset_int(st, "fullyLabeledReplicas", replicas);
			hset_int(st, "readyReplicas", replicas);
			hset_int(st, "availableReplicas", replicas);
		}
	} else {
		const hv *og = hv_path(rs, "status.observedGeneration");
		if (og)
			hv_map_set(st, "observedGeneration", hv_ref((hv *)og));
	}
	put_status(rt, rs, st);
}

static void statefulset(rtype *rt, const hv *s, double now)
{
	ensure_pods(s, "StatefulSet", num_at(s, "spec.replicas", 1), true);
	if (!due(s, now))
		return;
	int64_t replicas = num_at(s, "spec.replicas", 1);
	char *hash = template_hash(hv_path(s, "spec.template") ? hv_path(s, "spec.template") : hv_nil());
	char *rev = xasprintf("%s-%s", hs(s, "metadata.name"), hash);
	hv *st = hv_map();
	hset_int(st, "observedGeneration", num_at(s, "metadata.generation", 1));
	hset_int(st, "replicas", replicas);
	hset_int(st, "readyReplicas", replicas);
	hset_int(st, "currentReplicas", replicas);
	hset_int(st, "updatedReplicas", replicas);
	hset_int(st, "availableReplicas", replicas);
	hset_str(st, "currentRevision", rev);
	hset_str(st, "updateRevision", rev);
	hset_int(st, "collisionCount", 0);
	put_status(rt, s, st);
	free(hash);
	free(rev);
}

static void daemonset(rtype *rt, const hv *s, double now)
{
	ensure_pods(s, "DaemonSet", 1, false);
	if (!due(s, now))
		return;
	hv *st = hv_map();
	hset_int(st, "observedGeneration", num_at(s, "metadata.generation", 1));
	static const char *const ones[] = {"desiredNumberScheduled", "currentNumberScheduled", "updatedNumberScheduled",
		"numberReady", "numberAvailable", NULL};
	for (int i = 0; ones[i]; i++)
		hset_int(st, ones[i], 1);
	hset_int(st, "numberMisscheduled", 0);
	put_status(rt, s, st);
}

static void job(rtype *rt, const hv *j, double now, const char *nowstr)
{
	const hv *conds = hv_path(j, "status.conditions");
	if (conds && hv_len(conds))
		return;   /* finished */
	ensure_pods(j, "Job", 1, false);
	bool ready = due(j, now);
	hv *st = hv_map();
	const char *start = hs(j, "status.startTime");
	hset_str(st, "startTime", start ? start : nowstr);
	hv_map_set(st, "uncountedTerminatedPods", hv_map());
	if (!ready) {
		hset_int(st, "active", 1);
		hset_int(st, "ready", 0);
		hset_int(st, "terminating", 0);
		put_status(rt, j, st);
		return;
	}
	hset_int(st, "ready", 0);
	hset_int(st, "terminating", 0);
	hv *c = hv_list();
	if (failing(j)) {
		hset_int(st, "failed", num_at(j, "spec.backoffLimit", 6) + 1);
		hv_list_push(c, condition("FailureTarget", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit", nowstr));
		hv_list_push(c, condition("Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit", nowstr));
	} else {
		hset_int(st, "succeeded", num_at(j, "spec.completions", 1));
		hset_str(st, "completionTime", nowstr);
		hv_list_push(c, condition("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", nowstr));
		hv_list_push(c, condition("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", nowstr));
	}
	hv_map_set(st, "conditions", c);
	put_status(rt, j, st);
}

static void pod(rtype *rt, const hv *p, double now, const char *nowstr)
{
	const char *phase = hs(p, "status.phase");
	if (phase && (strcmp(phase, "Succeeded") == 0 || strcmp(phase, "Failed") == 0))
		return;
	if (!due(p, now) || hv_path(p, "metadata.deletionTimestamp"))
		return;
	const char *restart = hs(p, "spec.restartPolicy");
	bool runs_once = restart && strcmp(restart, "Always") != 0;
	const char *newphase = failing(p) ? "Failed" : runs_once ? "Succeeded" : "Running";
	bool up = strcmp(newphase, "Running") == 0;
	hv *st = hv_map();
	hset_str(st, "phase", newphase);
	hset_str(st, "hostIP", "10.0.0.1");
	hset_str(st, "podIP", "10.244.0.10");
	hset_str(st, "startTime", hs(p, "status.startTime") ? hs(p, "status.startTime") : nowstr);
	hset_str(st, "qosClass", "BestEffort");
	hv *c = hv_list();
	hv_list_push(c, condition("Initialized", "True", up ? NULL : "PodCompleted", NULL, nowstr));
	hv_list_push(c, condition("Ready", up ? "True" : "False", up ? NULL : "PodCompleted", NULL, nowstr));
	hv_list_push(c, condition("ContainersReady", up ? "True" : "False", up ? NULL : "PodCompleted", NULL, nowstr));
	hv_list_push(c, condition("PodScheduled", "True", NULL, NULL, nowstr));
	hv_map_set(st, "conditions", c);
	hv *cs = hv_list();
	const hv *containers = hv_path(p, "spec.containers");
	for (size_t i = 0; containers && hv_kind_of(containers) == HV_LIST && i < hv_len(containers); i++) {
		const hv *k = hv_list_get(containers, i);
		hv *s = hv_map();
		hset_str(s, "name", hs(k, "name") ? hs(k, "name") : "");
		hset_str(s, "image", hs(k, "image") ? hs(k, "image") : "");
		hset_str(s, "imageID", "");
		hv_map_set(s, "ready", hv_bool(up));
		hset_int(s, "restartCount", 0);
		hv_map_set(s, "started", hv_bool(up));
		hv *state = hv_map();
		if (up) {
			hset_str(hchild(state, "running"), "startedAt", nowstr);
		} else {
			hv *t = hchild(state, "terminated");
			hset_int(t, "exitCode", failing(p) ? 1 : 0);
			hset_str(t, "reason", failing(p) ? "Error" : "Completed");
			hset_str(t, "startedAt", nowstr);
			hset_str(t, "finishedAt", nowstr);
		}
		hv_map_set(s, "state", state);
		hv_list_push(cs, s);
	}
	hv_map_set(st, "containerStatuses", cs);
	put_status(rt, p, st);
}

static void pvc(rtype *rt, const hv *p, double now)
{
	if (!due(p, now))
		return;
	hv *st = hv_map();
	hset_str(st, "phase", "Bound");
	const hv *am = hv_path(p, "spec.accessModes");
	if (am)
		hv_map_set(st, "accessModes", hv_copy(am));
	const hv *req = hv_path(p, "spec.resources.requests");
	if (req)
		hv_map_set(st, "capacity", hv_copy(req));
	put_status(rt, p, st);
}

static void service(rtype *rt, const hv *s, double now)
{
	const char *type = hs(s, "spec.type");
	if (!type || strcmp(type, "LoadBalancer") != 0 || !due(s, now))
		return;
	hv *st = hv_map(), *ing = hv_list(), *e = hv_map();
	hset_str(e, "ip", "127.0.0.1");
	hset_str(e, "ipMode", "VIP");
	hv_list_push(ing, e);
	hv_map_set(hchild(st, "loadBalancer"), "ingress", ing);
	put_status(rt, s, st);
}

/* A deleted namespace stays Terminating for --namespace-delay, then loses its content. */
static void namespace(rtype *nsrt, const hv *ns, double now)
{
	if (!hv_path(ns, "metadata.deletionTimestamp") || age(ns, now) < ks_cfg.namespace_delay)
		return;
	const char *name = hs(ns, "metadata.name");
	for (int k = 0; k < kinds_count(); k++) {
		rtype *rt = kinds_at(k);
		if (!rt->namespaced || strmap_len(rt->objects) == 0)
			continue;
		size_t n;
		hv **objs = snapshot(rt, name, &n);
		for (size_t i = 0; i < n; i++)
			if (store_get(rt, name, hs(objs[i], "metadata.name")))
				store_delete(rt, name, hs(objs[i], "metadata.name"));
		release(objs, n);
	}
	store_delete(nsrt, NULL, name);
}

static rtype *type_of(const char *group, const char *plural)
{
	return kinds_find(group, "v1", plural);
}

/* Forgets the objects this pass did not look at (deleted, or finished). */
static void forget_unseen(void)
{
	size_t it = 0;
	const char *k;
	void *v;
	char **gone = NULL;
	size_t n = 0;
	while (strmap_next(seen, &it, &k, &v))
		if (((struct seen *)v)->pass != pass_no) {
			gone = xrealloc(gone, (n + 1) * sizeof *gone);
			gone[n++] = xstrdup(k);
		}
	for (size_t i = 0; i < n; i++) {
		free(strmap_del(seen, gone[i]));
		free(gone[i]);
	}
	free(gone);
}

static void pass(void)
{
	pass_no++;
	double now = ks_monotime();
	char *nowstr = ks_now_rfc3339();
	struct { const char *group, *plural; } order[] = {{"apps", "deployments"}, {"apps", "replicasets"},
		{"apps", "statefulsets"}, {"apps", "daemonsets"}, {"batch", "jobs"}, {"", "pods"},
		{"", "persistentvolumeclaims"}, {"", "services"}, {"", "namespaces"}};
	rtype *rsrt = type_of("apps", "replicasets");
	for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
		rtype *rt = type_of(order[k].group, order[k].plural);
		bool is_ns = strcmp(order[k].plural, "namespaces") == 0;
		if (!rt || (!ks_cfg.controllers && !is_ns))
			continue;
		size_t n;
		hv **objs = snapshot(rt, NULL, &n);
		for (size_t i = 0; i < n; i++) {
			const hv *o = objs[i];
			if (!store_get(rt, hs(o, "metadata.namespace"), hs(o, "metadata.name")))
				continue;   /* deleted by an earlier step of this pass */
			switch (k) {
			case 0: deployment(rt, rsrt, o, nowstr); break;
			case 1: replicaset(rt, o, now); break;
			case 2: statefulset(rt, o, now); break;
			case 3: daemonset(rt, o, now); break;
			case 4: job(rt, o, now, nowstr); break;
			case 5: pod(rt, o, now, nowstr); break;
			case 6: pvc(rt, o, now); break;
			case 7: service(rt, o, now); break;
			case 8: namespace(rt, o, now); break;
			}
		}
		release(objs, n);
	}
	forget_unseen();
	free(nowstr);
}

static void *loop(void *arg)
{
	for (;;) {
		pthread_mutex_lock(&ks_lock);
		bool stop = ks_stopping;
		if (!stop)
			pass();
		pthread_mutex_unlock(&ks_lock);
		if (stop)
			return NULL;
		usleep(100 * 1000);
	}
}

void controller_start(void)
{
	seen = strmap_new();
	running = pthread_create(&thread, NULL, loop, NULL) == 0;
}

void controller_stop(void)
{
	if (running)
		pthread_join(thread, NULL);
	running = false;
	size_t it = 0;
	const char *k;
	void *v;
	while (seen && strmap_next(seen, &it, &k, &v))
		free(v);
	strmap_free(seen);
	seen = NULL;
}

void controller_on_write(rtype *rt, const hv *obj)
{
	if (strcmp(rt->plural, "customresourcedefinitions") == 0 && strcmp(rt->group, "apiextensions.k8s.io") == 0)
		kinds_crd_register(obj);
}
