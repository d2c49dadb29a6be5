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

static void record(rtype *rt, enum ev_type type, hv *obj, uint64_t rv)
{
	struct event *e = &ring[nevents % HISTORY];
	hv_free(e->obj);
	*e = (struct event){rv, rt, type, hv_ref(obj)};
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
	hv_free(strmap_get(rt->objects, k));
	strmap_put(rt->objects, k, obj);
	free(k);
	record(rt, ev, obj, rv);
}

void store_delete(rtype *rt, const char *ns, const char *name)
{
	char *k = key_of(rt->namespaced ? ns : NULL, name);
	hv *old = strmap_del(rt->objects, k);
	free(k);
	if (!old)
		return;
	uint64_t rv = ++current_rv;
	journal_delete(rt, ns, name, rv);
	hv *last = hv_copy(old);
	hv_free(old);
	set_rv(last, rv);
	record(rt, EV_DELETED, last, rv);
	hv_free(last);
}

void store_restore(rtype *rt, hv *obj)
{
	const char *rvs = hs(obj, "metadata.resourceVersion");
	uint64_t rv = rvs ? strtoull(rvs, NULL, 10) : 0;
	if (rv > current_rv)
		current_rv = rv;
	char *k = key_of(rt->namespaced ? hs(obj, "metadata.namespace") : NULL, hs(obj, "metadata.name"));
	hv_free(strmap_get(rt->objects, k));
	strmap_put(rt->objects, k, obj);
	free(k);
}

void store_restore_delete(rtype *rt, const char *ns, const char *name, uint64_t rv)
{
	if (rv > current_rv)
		current_rv = rv;
	char *k = key_of(rt->namespaced ? ns : NULL, name);
	hv_free(strmap_del(rt->objects, k));
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
	size_t cap = strmap_len(rt->objects), len = 0, it = 0;
	struct kv *all = xmalloc((cap ? cap : 1) * sizeof *all);
	const char *k;
	void *v;
	size_t nslen = ns ? strlen(ns) : 0;
	while (strmap_next(rt->objects, &it, &k, &v)) {
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
		n++;
	}
	return n;
}

void store_free(void)
{
	for (size_t i = 0; i < HISTORY; i++) {
		hv_free(ring[i].obj);
		ring[i].obj = NULL;
	}
	free(ring);
	ring = NULL;
}
