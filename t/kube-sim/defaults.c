/* defaults.c — API defaulting: the subset of the API server's SetDefaults_* that clients
 * read back (Helm's readiness checks dereference several of these fields). */
#include "ksim.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static unsigned next_ip = 10, next_node_port;

static bool is(const rtype *rt, const char *group, const char *kind)
{
	return strcmp(rt->group, group) == 0 && strcmp(rt->kind, kind) == 0;
}

static void def_str(hv *m, const char *key, const char *val)
{
	const hv *v = hv_map_get(m, key);
	if (!v || hv_is_nil(v) || (hv_kind_of(v) == HV_STRING && !*hv_get_str(v)))
		hset_str(m, key, val);
}

static void def_int(hv *m, const char *key, int64_t val)
{
	const hv *v = hv_map_get(m, key);
	if (!v || hv_is_nil(v))
		hset_int(m, key, val);
}

static void def_bool(hv *m, const char *key, bool val)
{
	const hv *v = hv_map_get(m, key);
	if (!v || hv_is_nil(v))
		hv_map_set(m, key, hv_bool(val));
}

static void def_map(hv *m, const char *key)
{
	const hv *v = hv_map_get(m, key);
	if (!v || hv_kind_of(v) != HV_MAP)
		hv_map_set(m, key, hv_map());
}

static hv *map_at(hv *m, const char *key)
{
	hv *v = m ? hv_map_get(m, key) : NULL;
	return v && hv_kind_of(v) == HV_MAP ? v : NULL;
}

static void ports_protocol(hv *c)
{
	hv *ports = hv_map_get(c, "ports");
	for (size_t i = 0; ports && hv_kind_of(ports) == HV_LIST && i < hv_len(ports); i++)
		if (hv_kind_of(hv_list_get(ports, i)) == HV_MAP)
			def_str(hv_list_get(ports, i), "protocol", "TCP");
}

static void container(hv *c)
{
	if (hv_kind_of(c) != HV_MAP)
		return;
	def_str(c, "terminationMessagePath", "/dev/termination-log");
	def_str(c, "terminationMessagePolicy", "File");
	const char *image = hs(c, "image");
	if (image) {
		const char *slash = strrchr(image, '/'), *tag = strrchr(image, ':');
		bool has_tag = tag && (!slash || tag > slash) && !strchr(image, '@');
		bool latest = !has_tag || strcmp(tag, ":latest") == 0;
		def_str(c, "imagePullPolicy", latest && !strchr(image, '@') ? "Always" : "IfNotPresent");
	}
	def_map(c, "resources");
	ports_protocol(c);
}

static void pod_spec(hv *spec)
{
	if (!spec)
		return;
	def_str(spec, "restartPolicy", "Always");
	def_str(spec, "dnsPolicy", "ClusterFirst");
	def_int(spec, "terminationGracePeriodSeconds", 30);
	def_str(spec, "schedulerName", "default-scheduler");
	def_map(spec, "securityContext");
	static const char *const lists[] = {"containers", "initContainers", NULL};
	for (int k = 0; lists[k]; k++) {
		hv *l = hv_map_get(spec, lists[k]);
		for (size_t i = 0; l && hv_kind_of(l) == HV_LIST && i < hv_len(l); i++)
			container(hv_list_get(l, i));
	}
}

static void pod_template(hv *tmpl)
{
	pod_spec(map_at(tmpl, "spec"));
}

static void rolling(hv *spec, const char *key, const char *unavail_s, int64_t unavail_i, const char *surge_s, int64_t surge_i)
{
	hv *st = hchild(spec, key);
	def_str(st, "type", "RollingUpdate");
	if (strcmp(hs(st, "type"), "RollingUpdate") != 0)
		return;
	hv *ru = hchild(st, "rollingUpdate");
	if (!hv_map_get(ru, "maxUnavailable")) {
		if (unavail_s)
			hset_str(ru, "maxUnavailable", unavail_s);
		else
			hset_int(ru, "maxUnavailable", unavail_i);
	}
	if (!hv_map_get(ru, "maxSurge")) {
		if (surge_s)
			hset_str(ru, "maxSurge", surge_s);
		else
			hset_int(ru, "maxSurge", surge_i);
	}
}

static void job(hv *obj, hv *spec)
{
	bool no_par = !hv_map_get(spec, "parallelism"), no_comp = !hv_map_get(spec, "completions");
	if (no_comp && no_par)
		hset_int(spec, "completions", 1);
	def_int(spec, "parallelism", 1);
	def_int(spec, "backoffLimit", 6);
	def_str(spec, "completionMode", "NonIndexed");
	def_bool(spec, "suspend", false);
	def_str(spec, "podReplacementPolicy", "TerminatingOrFailed");
	const char *uid = hs(obj, "metadata.uid"), *name = hs(obj, "metadata.name");
	hv *tmpl = hchild(spec, "template");
	pod_template(tmpl);
	if (!uid || !name || hv_map_get(spec, "selector"))
		return;
	hv *labels = hchild(hchild(tmpl, "metadata"), "labels");
	hset_str(labels, "batch.kubernetes.io/controller-uid", uid);
	hset_str(labels, "batch.kubernetes.io/job-name", name);
	hset_str(labels, "controller-uid", uid);
	hset_str(labels, "job-name", name);
	hset_str(hchild(hchild(spec, "selector"), "matchLabels"), "batch.kubernetes.io/controller-uid", uid);
}

static void service(hv *spec)
{
	def_str(spec, "type", "ClusterIP");
	def_str(spec, "sessionAffinity", "None");
	const char *type = hs(spec, "type");
	bool external = strcmp(type, "ExternalName") == 0;
	if (!external) {
		const char *ip = hs(spec, "clusterIP");
		if (!ip || !*ip) {
			char *a = xasprintf("10.96.%u.%u", next_ip / 250, next_ip % 250 + 1);
			next_ip++;
			hset_str(spec, "clusterIP", a);
			free(a);
		}
		if (!hv_map_get(spec, "clusterIPs")) {
			hv *l = hv_list();
			hv_list_push(l, hv_str(hs(spec, "clusterIP")));
			hv_map_set(spec, "clusterIPs", l);
		}
		if (!hv_map_get(spec, "ipFamilies")) {
			hv *l = hv_list();
			hv_list_push(l, hv_str("IPv4"));
			hv_map_set(spec, "ipFamilies", l);
		}
		def_str(spec, "ipFamilyPolicy", "SingleStack");
		def_str(spec, "internalTrafficPolicy", "Cluster");
	}
	bool node_ports = strcmp(type, "NodePort") == 0 || strcmp(type, "LoadBalancer") == 0;
	hv *ports = hv_map_get(spec, "ports");
	for (size_t i = 0; ports && hv_kind_of(ports) == HV_LIST && i < hv_len(ports); i++) {
		hv *p = hv_list_get(ports, i);
		if (hv_kind_of(p) != HV_MAP)
			continue;
		def_str(p, "protocol", "TCP");
		if (!hv_map_get(p, "targetPort") && hv_map_get(p, "port"))
			hv_map_set(p, "targetPort", hv_ref(hv_map_get(p, "port")));
		if (node_ports && !hv_map_get(p, "nodePort"))
			hset_int(p, "nodePort", 30000 + (next_node_port++ % 2768));
	}
	if (node_ports)
		def_str(spec, "externalTrafficPolicy", "Cluster");
	if (strcmp(type, "LoadBalancer") == 0)
		def_bool(spec, "allocateLoadBalancerNodePorts", true);
}

/* Secret stringData is write-only: it lands in data, base64-encoded. */
static void secret(hv *obj)
{
	def_str(obj, "type", "Opaque");
	hv *sd = hv_map_get(obj, "stringData");
	if (sd && hv_kind_of(sd) == HV_MAP) {
		hv *data = hchild(obj, "data");
		for (size_t i = 0; i < hv_len(sd); i++) {
			const hv *v = hv_map_val(sd, i);
			if (hv_kind_of(v) != HV_STRING)
				continue;
			char *b = b64_encode((const unsigned char *)hv_get_str(v), hv_str_len(v));
			hset_str(data, hv_map_key(sd, i), b);
			free(b);
		}
	}
	hv_map_del(obj, "stringData");
}

static void namespace(hv *obj)
{
	const char *name = hs(obj, "metadata.name");
	if (name)
		hset_str(hchild(hchild(obj, "metadata"), "labels"), "kubernetes.io/metadata.name", name);
	hv *spec = hchild(obj, "spec");
	if (!hv_map_get(spec, "finalizers")) {
		hv *f = hv_list();
		hv_list_push(f, hv_str("kubernetes"));
		hv_map_set(spec, "finalizers", f);
	}
	def_str(hchild(obj, "status"), "phase", "Active");
}

/* A CRD is accepted and established at once: its names cannot clash in this stand-in. */
static void crd(hv *obj)
{
	hv *status = hchild(obj, "status");
	const hv *names = hv_path(obj, "spec.names");
	if (names)
		hv_map_set(status, "acceptedNames", hv_copy(names));
	hv *stored = hv_list();
	const hv *versions = hv_path(obj, "spec.versions");
	for (size_t i = 0; versions && hv_kind_of(versions) == HV_LIST && i < hv_len(versions); i++) {
		const hv *v = hv_list_get(versions, i);
		if (hbool(v, "storage") && hs(v, "name"))
			hv_list_push(stored, hv_str(hs(v, "name")));
	}
	hv_map_set(status, "storedVersions", stored);
	if (hv_map_get(status, "conditions"))
		return;
	char *now = ks_now_rfc3339();
	hv *conds = hv_list();
	static const char *const c[][3] = {{"NamesAccepted", "NoConflicts", "no conflicts found"},
		{"Established", "InitialNamesAccepted", "the initial names have been accepted"}};
	for (int i = 0; i < 2; i++) {
		hv *m = hv_map();
		hset_str(m, "type", c[i][0]);
		hset_str(m, "status", "True");
		hset_str(m, "lastTransitionTime", now);
		hset_str(m, "reason", c[i][1]);
		hset_str(m, "message", c[i][2]);
		hv_list_push(conds, m);
	}
	hv_map_set(status, "conditions", conds);
	free(now);
}

/* Built-in objects go through Go structs on a real server, where a null is just absent. */
static void prune_nulls(hv *v)
{
	if (hv_kind_of(v) == HV_LIST) {
		for (size_t i = 0; i < hv_len(v); i++)
			prune_nulls(hv_list_get(v, i));
		return;
	}
	if (hv_kind_of(v) != HV_MAP)
		return;
	for (size_t i = hv_len(v); i-- > 0;) {
		if (hv_is_nil(hv_map_val(v, i)))
			hv_map_del(v, hv_map_key(v, i));
		else
			prune_nulls(hv_map_val(v, i));
	}
}

void defaults_apply(const rtype *rt, hv *obj)
{
	if (!rt->crd)
		prune_nulls(obj);
	hv *spec = map_at(obj, "spec");
	if (is(rt, "", "Secret")) {
		secret(obj);
	} else if (is(rt, "", "Namespace")) {
		namespace(obj);
	} else if (is(rt, "apiextensions.k8s.io", "CustomResourceDefinition")) {
		crd(obj);
	} else if (!spec) {
		return;
	} else if (is(rt, "", "Pod")) {
		pod_spec(spec);
		if (!hv_map_get(obj, "status"))
			hset_str(hchild(obj, "status"), "phase", "Pending");
	} else if (is(rt, "", "Service")) {
		service(spec);
	} else if (is(rt, "", "PersistentVolumeClaim")) {
		def_str(spec, "volumeMode", "Filesystem");
	} else if (is(rt, "apps", "Deployment")) {
		def_int(spec, "replicas", 1);
		def_int(spec, "revisionHistoryLimit", 10);
		def_int(spec, "progressDeadlineSeconds", 600);
		rolling(spec, "strategy", "25%", 0, "25%", 0);
		pod_template(map_at(spec, "template"));
	} else if (is(rt, "apps", "StatefulSet")) {
		def_int(spec, "replicas", 1);
		def_str(spec, "podManagementPolicy", "OrderedReady");
		def_int(spec, "revisionHistoryLimit", 10);
		hv *st = hchild(spec, "updateStrategy");
		def_str(st, "type", "RollingUpdate");
		if (strcmp(hs(st, "type"), "RollingUpdate") == 0)
			def_int(hchild(st, "rollingUpdate"), "partition", 0);
		hv *ret = hchild(spec, "persistentVolumeClaimRetentionPolicy");
		def_str(ret, "whenDeleted", "Retain");
		def_str(ret, "whenScaled", "Retain");
		pod_template(map_at(spec, "template"));
	} else if (is(rt, "apps", "DaemonSet")) {
		def_int(spec, "revisionHistoryLimit", 10);
		rolling(spec, "updateStrategy", NULL, 1, NULL, 0);
		pod_template(map_at(spec, "template"));
	} else if (is(rt, "apps", "ReplicaSet") || is(rt, "", "ReplicationController")) {
		def_int(spec, "replicas", 1);
		pod_template(map_at(spec, "template"));
	} else if (is(rt, "batch", "Job")) {
		job(obj, spec);
	} else if (is(rt, "batch", "CronJob")) {
		def_str(spec, "concurrencyPolicy", "Allow");
		def_bool(spec, "suspend", false);
		def_int(spec, "successfulJobsHistoryLimit", 3);
		def_int(spec, "failedJobsHistoryLimit", 1);
		pod_template(map_at(map_at(map_at(spec, "jobTemplate"), "spec"), "template"));
	}
}
