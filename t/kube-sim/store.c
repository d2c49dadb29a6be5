/* store.c — objects in memory, the global resourceVersion and the event history watches read. */
#include "ksim.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY ks_cfg.watch_history   /* events kept for watches resuming from a resourceVersion */

static uint64_t current_rv = 1;
static struct event *ring;
static uint64_t nevents;   /* events ever recorded; ring[i % HISTORY] */
static rtype *ns_type;

void store_init(void)
{
	ring = xcalloc(HISTORY, sizeof *ring);
	ns_type = kinds_find("", "v1", "namespaces");
}

uint64_t store_rv(void) { return current_rv; }

static char *key_of(const char *ns, const char *name)
{
	return xasprintf("%s/%s", ns ? ns : "", name);
}

hv *store_get(rtype *rt, const char *ns, const char *name)
{
	char *k = key_of(rt->namespaced ? ns : NULL, name);
	hv *v = strmap_get(rt->objects, k);
	free(k);
	return v;
}

/* ---- the label index: objects by each of their labels ---- */

static void index_labels(rtype *rt, const char *key, const hv *obj, bool add)
{
	const hv *labels = hv_path(obj, "metadata.labels");
	for (size_t i = 0; labels && hv_kind_of(labels) == HV_MAP && i < hv_len(labels); i++) {
		const hv *v = hv_map_val(labels, i);
		if (hv_kind_of(v) != HV_STRING)
			continue;
		char *lk = xasprintf("%s\x01%s", hv_map_key(labels, i), hv_get_str(v));
		if (!rt->by_label)
			rt->by_label = strmap_new();
		strmap *set = strmap_get(rt->by_label, lk);
		if (add) {
			if (!set) {
				set = strmap_new();
				strmap_put(rt->by_label, lk, set);
			}
			strmap_put(set, key, set);
		} else if (set) {
			strmap_del(set, key);
			if (strmap_len(set) == 0)
				strmap_free(strmap_del(rt->by_label, lk));
		}
		free(lk);
	}
}

/* Puts OBJ (taken) under KEY, replacing and freeing what was there. */
static void attach(rtype *rt, const char *key, hv *obj)
{
	hv *old = strmap_get(rt->objects, key);
	if (old) {
		index_labels(rt, key, old, false);
		hv_free(old);
	}
	strmap_put(rt->objects, key, obj);
	index_labels(rt, key, obj, true);
}

/* Removes the object under KEY; returns it (the caller's reference) or NULL. */
static hv *detach(rtype *rt, const char *key)
{
	hv *old = strmap_del(rt->objects, key);
	if (old)
		index_labels(rt, key, old, false);
	return old;
}

void store_free_type(rtype *rt)
{
	size_t it = 0;
	const char *k;
	void *v;
	while (strmap_next(rt->objects, &it, &k, &v))
		hv_free(v);
	strmap_free(rt->objects);
	rt->objects = NULL;
	it = 0;
	while (rt->by_label && strmap_next(rt->by_label, &it, &k, &v))
		strmap_free(v);
	strmap_free(rt->by_label);
	rt->by_label = NULL;
}

static void record(rtype *rt, enum ev_type type, hv *obj, hv *old, uint64_t rv)
{
	struct event *e = &ring[nevents % HISTORY];
	hv_free(e->obj);
	hv_free(e->old);
	*e = (struct event){rv, rt, type, hv_ref(obj), old ? hv_ref(old) : NULL};
	nevents++;
	pthread_cond_broadcast(&ks_changed);
}

static void set_rv(hv *obj, uint64_t rv)
{
	char s[24];
	snprintf(s, sizeof s, "%llu", (unsigned long long)rv);
	hset_str(hchild(obj, "metadata"), "resourceVersion", s);
}

void store_put(rtype *rt, hv *obj, enum ev_type ev)
{
	uint64_t rv = ++current_rv;
	set_rv(obj, rv);
	journal_put(rt, obj);
	char *k = key_of(rt->namespaced ? hs(obj, "metadata.namespace") : NULL, hs(obj, "metadata.name"));
	hv *old = strmap_get(rt->objects, k);
	if (old)
		hv_ref(old);
	attach(rt, k, obj);
	free(k);
	record(rt, ev, obj, old, rv);
	hv_free(old);
}

void store_delete(rtype *rt, const char *ns, const char *name)
{
	char *k = key_of(rt->namespaced ? ns : NULL, name);
	hv *old = detach(rt, k);
	free(k);
	if (!old)
		return;
	uint64_t rv = ++current_rv;
	journal_delete(rt, ns, name, rv);
	hv *last = hv_copy(old);
	hv_free(old);
	set_rv(last, rv);
	record(rt, EV_DELETED, last, NULL, rv);
	hv_free(last);
}

void store_restore(rtype *rt, hv *obj)
{
	const char *rvs = hs(obj, "metadata.resourceVersion");
	uint64_t rv = rvs ? strtoull(rvs, NULL, 10) : 0;
	if (rv > current_rv)
		current_rv = rv;
	char *k = key_of(rt->namespaced ? hs(obj, "metadata.namespace") : NULL, hs(obj, "metadata.name"));
	attach(rt, k, obj);
	free(k);
}

void store_restore_rv(uint64_t rv)
{
	if (rv > current_rv)
		current_rv = rv;
}

void store_restore_delete(rtype *rt, const char *ns, const char *name, uint64_t rv)
{
	if (rv > current_rv)
		current_rv = rv;
	char *k = key_of(rt->namespaced ? ns : NULL, name);
	hv_free(detach(rt, k));
	free(k);
}

struct kv { const char *key; hv *val; };

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct kv *)a)->key, ((const struct kv *)b)->key);
}

hv **store_list(rtype *rt, const char *ns, size_t *n)
{
	return store_select(rt, ns, NULL, n);
}

hv **store_select(rtype *rt, const char *ns, const selector *sel, size_t *n)
{
	/* with an equality on a label, only the objects that have it are candidates */
	const strmap *from = rt->objects;
	const char *lkey, *lval;
	bool indexed = sel && selector_label_eq(sel, &lkey, &lval);
	if (indexed) {
		char *lk = xasprintf("%s\x01%s", lkey, lval);
		from = rt->by_label ? strmap_get(rt->by_label, lk) : NULL;
		free(lk);
		if (!from) {
			*n = 0;
			return xmalloc(sizeof(hv *));
		}
	}
	size_t cap = strmap_len(from), len = 0, it = 0;
	struct kv *all = xmalloc((cap ? cap : 1) * sizeof *all);
	const char *k;
	void *v;
	size_t nslen = ns ? strlen(ns) : 0;
	while (strmap_next(from, &it, &k, &v)) {
		if (indexed)
			v = strmap_get(rt->objects, k);
		if (ns && rt->namespaced && (strncmp(k, ns, nslen) != 0 || k[nslen] != '/'))
			continue;
		if (sel && !selector_match(sel, v))
			continue;
		all[len++] = (struct kv){k, v};
	}
	qsort(all, len, sizeof *all, by_key);
	hv **out = xmalloc((len ? len : 1) * sizeof *out);
	for (size_t i = 0; i < len; i++)
		out[i] = all[i].val;
	free(all);
	*n = len;
	return out;
}

bool namespace_exists(const char *ns)
{
	return ns && store_get(ns_type, NULL, ns) != NULL;
}

bool namespace_terminating(const char *ns)
{
	const hv *o = ns ? store_get(ns_type, NULL, ns) : NULL;
	const char *phase = o ? hs(o, "status.phase") : NULL;
	return phase && strcmp(phase, "Terminating") == 0;
}

uint64_t store_oldest_rv(void)
{
	if (nevents == 0)
		return current_rv;
	uint64_t first = nevents > HISTORY ? nevents - HISTORY : 0;
	return ring[first % HISTORY].rv - 1;
}

size_t store_events_after(uint64_t rv, struct event *out, size_t max)
{
	uint64_t first = nevents > HISTORY ? nevents - HISTORY : 0;
	/* binary search: event rvs increase with their index */
	uint64_t lo = first, hi = nevents;
	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (ring[mid % HISTORY].rv <= rv)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	for (uint64_t i = lo; i < nevents && n < max; i++) {
		out[n] = ring[i % HISTORY];
		hv_ref(out[n].obj);
		if (out[n].old)
			hv_ref(out[n].old);
		n++;
	}
	return n;
}

void store_free(void)
{
	for (size_t i = 0; i < HISTORY; i++) {
		hv_free(ring[i].obj);
		hv_free(ring[i].old);
		ring[i].obj = ring[i].old = NULL;
	}
	free(ring);
	ring = NULL;
}
