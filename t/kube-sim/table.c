/* table.c — meta.k8s.io/v1 Table replies, what `kubectl get` asks for to print the columns a
 * real cluster shows (NAME READY STATUS ... AGE). */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool table_wanted(const req *r)
{
	const char *a = req_header(r, "Accept");
	return a && strstr(a, "as=Table") && strstr(a, "g=meta.k8s.io");
}

/* Kubernetes' duration.HumanDuration since the timestamp TS. */
static char *age_since(const char *ts)
{
	int64_t t = ks_parse_time(ts);
	if (t < 0)
		return xstrdup("<unknown>");
	int64_t s = (int64_t)time(NULL) - t;
	if (s < 0)
		s = 0;
	int64_t m = s / 60, h = s / 3600, d = s / 86400;
	if (s < 120) return xasprintf("%llds", (long long)s);
	if (m < 10) return s % 60 ? xasprintf("%lldm%llds", (long long)m, (long long)(s % 60)) : xasprintf("%lldm", (long long)m);
	if (m < 180) return xasprintf("%lldm", (long long)m);
	if (h < 8) return m % 60 ? xasprintf("%lldh%lldm", (long long)h, (long long)(m % 60)) : xasprintf("%lldh", (long long)h);
	if (h < 48) return xasprintf("%lldh", (long long)h);
	if (h < 192) return h % 24 ? xasprintf("%lldd%lldh", (long long)d, (long long)(h % 24)) : xasprintf("%lldd", (long long)d);
	return xasprintf("%lldd", (long long)d);
}

static char *age(const hv *obj) { return age_since(hs(obj, "metadata.creationTimestamp")); }

static int64_t num(const hv *o, const char *path)
{
	int64_t n;
	return hnum(hv_path(o, path), &n) ? n : 0;
}

static hv *cell_int(int64_t n) { return hv_int_typed(n, HV_GO_INT64); }
static hv *cell_fmt(const char *fmt, int64_t a, int64_t b)
{
	char s[64];
	snprintf(s, sizeof s, fmt, (long long)a, (long long)b);
	return hv_str(s);
}
static hv *cell_str(const char *s) { return hv_str(s && *s ? s : "<none>"); }

static const char *condition_true(const hv *o, const char *type)
{
	const hv *c = hv_path(o, "status.conditions");
	for (size_t i = 0; c && hv_kind_of(c) == HV_LIST && i < hv_len(c); i++) {
		const char *t = hs(hv_list_get(c, i), "type"), *st = hs(hv_list_get(c, i), "status");
		if (t && st && strcmp(t, type) == 0 && strcmp(st, "True") == 0)
			return t;
	}
	return NULL;
}

static hv *ports_cell(const hv *o)
{
	const hv *ports = hv_path(o, "spec.ports");
	buf b = BUF_INIT;
	for (size_t i = 0; ports && hv_kind_of(ports) == HV_LIST && i < hv_len(ports); i++) {
		const hv *p = hv_list_get(ports, i);
		int64_t port = num(p, "port"), np = num(p, "nodePort");
		buf_printf(&b, "%s%lld", i ? "," : "", (long long)port);
		if (np)
			buf_printf(&b, ":%lld", (long long)np);
		buf_printf(&b, "/%s", hs(p, "protocol") ? hs(p, "protocol") : "TCP");
	}
	hv *v = cell_str(buf_str(&b));
	buf_free(&b);
	return v;
}

/* Columns after NAME and before AGE, per kind; the cells of one object. */
struct columns { const char *group, *plural; const char *names[7]; };
static const struct columns kinds[] = {
	{"", "pods", {"Ready", "Status", "Restarts"}},
	{"apps", "deployments", {"Ready", "Up-to-date", "Available"}},
	{"apps", "replicasets", {"Desired", "Current", "Ready"}},
	{"apps", "statefulsets", {"Ready"}},
	{"apps", "daemonsets", {"Desired", "Current", "Ready", "Up-to-date", "Available"}},
	{"", "services", {"Type", "Cluster-IP", "External-IP", "Port(s)"}},
	{"", "configmaps", {"Data"}},
	{"", "secrets", {"Type", "Data"}},
	{"batch", "jobs", {"Status", "Completions"}},
	{"", "namespaces", {"Status"}},
	{"", "persistentvolumeclaims", {"Status", "Capacity"}},
	{NULL, NULL, {NULL}}};

static const struct columns *columns_of(const rtype *rt)
{
	for (int i = 0; kinds[i].plural; i++)
		if (strcmp(kinds[i].group, rt->group) == 0 && strcmp(kinds[i].plural, rt->plural) == 0)
			return &kinds[i];
	return NULL;
}

static void cells(const rtype *rt, const hv *o, hv *row)
{
	const char *p = rt->plural;
	if (strcmp(p, "pods") == 0) {
		const hv *cs = hv_path(o, "status.containerStatuses"), *c = hv_path(o, "spec.containers");
		int64_t ready = 0, total = c ? (int64_t)hv_len(c) : 0;
		for (size_t i = 0; cs && hv_kind_of(cs) == HV_LIST && i < hv_len(cs); i++)
			ready += hbool(hv_list_get(cs, i), "ready");
		hv_list_push(row, cell_fmt("%lld/%lld", ready, total));
		const char *phase = hs(o, "status.phase");
		hv_list_push(row, cell_str(hs(o, "metadata.deletionTimestamp") ? "Terminating"
			: phase && strcmp(phase, "Succeeded") == 0 ? "Completed" : phase && strcmp(phase, "Failed") == 0 ? "Error" : phase));
		hv_list_push(row, cell_int(0));
	} else if (strcmp(p, "deployments") == 0) {
		hv_list_push(row, cell_fmt("%lld/%lld", num(o, "status.readyReplicas"), num(o, "spec.replicas")));
		hv_list_push(row, cell_int(num(o, "status.updatedReplicas")));
		hv_list_push(row, cell_int(num(o, "status.availableReplicas")));
	} else if (strcmp(p, "replicasets") == 0) {
		hv_list_push(row, cell_int(num(o, "spec.replicas")));
		hv_list_push(row, cell_int(num(o, "status.replicas")));
		hv_list_push(row, cell_int(num(o, "status.readyReplicas")));
	} else if (strcmp(p, "statefulsets") == 0) {
		hv_list_push(row, cell_fmt("%lld/%lld", num(o, "status.readyReplicas"), num(o, "spec.replicas")));
	} else if (strcmp(p, "daemonsets") == 0) {
		static const char *const f[] = {"status.desiredNumberScheduled", "status.currentNumberScheduled",
			"status.numberReady", "status.updatedNumberScheduled", "status.numberAvailable"};
		for (int i = 0; i < 5; i++)
			hv_list_push(row, cell_int(num(o, f[i])));
	} else if (strcmp(p, "services") == 0) {
		hv_list_push(row, cell_str(hs(o, "spec.type")));
		hv_list_push(row, cell_str(hs(o, "spec.clusterIP")));
		const hv *ing = hv_path(o, "status.loadBalancer.ingress");
		const char *ext = ing && hv_kind_of(ing) == HV_LIST && hv_len(ing) ? hs(hv_list_get(ing, 0), "ip") : NULL;
		const char *type = hs(o, "spec.type");
		hv_list_push(row, cell_str(ext ? ext : type && strcmp(type, "LoadBalancer") == 0 ? "<pending>" : NULL));
		hv_list_push(row, ports_cell(o));
	} else if (strcmp(p, "configmaps") == 0) {
		const hv *d = hv_map_get(o, "data"), *b = hv_map_get(o, "binaryData");
		hv_list_push(row, cell_int((int64_t)((d ? hv_len(d) : 0) + (b ? hv_len(b) : 0))));
	} else if (strcmp(p, "secrets") == 0) {
		const hv *d = hv_map_get(o, "data");
		hv_list_push(row, cell_str(hs(o, "type")));
		hv_list_push(row, cell_int(d ? (int64_t)hv_len(d) : 0));
	} else if (strcmp(p, "jobs") == 0) {
		const char *st = condition_true(o, "Complete") ? "Complete" : condition_true(o, "Failed") ? "Failed" : "Running";
		hv_list_push(row, hv_str(st));
		hv_list_push(row, cell_fmt("%lld/%lld", num(o, "status.succeeded"), num(o, "spec.completions")));
	} else if (strcmp(p, "namespaces") == 0) {
		hv_list_push(row, cell_str(hs(o, "status.phase")));
	} else if (strcmp(p, "persistentvolumeclaims") == 0) {
		hv_list_push(row, cell_str(hs(o, "status.phase")));
		hv_list_push(row, cell_str(hs(o, "status.capacity.storage")));
	}
}

static hv *column(const char *name)
{
	hv *c = hv_map();
	char *lower = xstrdup(name);
	for (char *q = lower; *q; q++)
		*q = (char)(*q >= 'A' && *q <= 'Z' ? *q + 32 : *q);
	hset_str(c, "name", name);
	hset_str(c, "type", strcmp(name, "Data") == 0 || strcmp(name, "Restarts") == 0 ? "integer" : "string");
	hset_str(c, "format", strcmp(name, "Name") == 0 ? "name" : "");
	hset_str(c, "description", lower);
	hset_int(c, "priority", 0);
	free(lower);
	return c;
}

/* A custom resource's cell for one additionalPrinterColumn. */
static hv *printer_cell(const hv *o, const hv *col)
{
	const char *path = hs(col, "jsonPath"), *type = hs(col, "type");
	const hv *v = path ? jsonpath_get(o, path) : NULL;
	if (!v)
		return hv_nil();
	if (type && strcmp(type, "date") == 0 && hv_kind_of(v) == HV_STRING) {
		char *a = age_since(hv_get_str(v));
		hv *cell = hv_str(a);
		free(a);
		return cell;
	}
	return hv_copy(v);
}

static hv *row_of(const rtype *rt, const hv *o)
{
	hv *row = hv_map(), *c = hv_list(), *obj = hv_map();
	hv_list_push(c, hv_str(hs(o, "metadata.name") ? hs(o, "metadata.name") : ""));
	cells(rt, o, c);
	const hv *pc = rt->crd ? printer_columns(rt) : NULL;
	for (size_t i = 0; pc && i < hv_len(pc); i++)
		hv_list_push(c, printer_cell(o, hv_list_get(pc, i)));
	if (!pc || !hv_len(pc)) {   /* a CRD's own columns replace the default Age */
		char *a = age(o);
		hv_list_push(c, hv_str(a));
		free(a);
	}
	hv_map_set(row, "cells", c);
	hset_str(obj, "kind", "PartialObjectMetadata");
	hset_str(obj, "apiVersion", "meta.k8s.io/v1");
	const hv *meta = hv_map_get(o, "metadata");
	hv_map_set(obj, "metadata", meta ? hv_copy(meta) : hv_map());
	hv_map_set(row, "object", obj);
	return row;
}

/* Appends a Table of OBJS (N of them) to OUT. */
void table_emit(buf *out, const rtype *rt, hv *const *objs, size_t n, uint64_t rv)
{
	hv *t = hv_map(), *cols = hv_list(), *rows = hv_list();
	hset_str(t, "kind", "Table");
	hset_str(t, "apiVersion", "meta.k8s.io/v1");
	char s[24];
	snprintf(s, sizeof s, "%llu", (unsigned long long)rv);
	hset_str(hchild(t, "metadata"), "resourceVersion", s);
	hv_list_push(cols, column("Name"));
	const struct columns *k = columns_of(rt);
	for (int i = 0; k && i < 7 && k->names[i]; i++)
		hv_list_push(cols, column(k->names[i]));
	const hv *pc = rt->crd ? printer_columns(rt) : NULL;
	for (size_t i = 0; pc && i < hv_len(pc); i++) {
		const hv *p = hv_list_get(pc, i);
		hv *c = column(hs(p, "name") ? hs(p, "name") : "");
		const char *type = hs(p, "type");
		hset_str(c, "type", type && strcmp(type, "date") ? type : "string");
		int64_t prio;
		if (hnum(hv_map_get(p, "priority"), &prio))
			hset_int(c, "priority", prio);
		hv_list_push(cols, c);
	}
	if (!pc || !hv_len(pc))
		hv_list_push(cols, column("Age"));
	hv_map_set(t, "columnDefinitions", cols);
	for (size_t i = 0; i < n; i++)
		hv_list_push(rows, row_of(rt, objs[i]));
	hv_map_set(t, "rows", rows);
	json_emit(out, t, 0);
	hv_free(t);
}
