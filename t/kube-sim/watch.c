/* watch.c — watch streams: initial ADDED events or a resume from a resourceVersion, then live
 * events, bookmarks, and the end of the stream at timeoutSeconds. */
#define _GNU_SOURCE   /* POLLRDHUP */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <errno.h>
#include <poll.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BOOKMARK_EVERY 2.0   /* seconds of quiet before a BOOKMARK, when allowed */

struct watch {
	rtype *rt;
	char *ns;
	selector *sel;
	uint64_t cursor;           /* last resourceVersion looked at */
	hv **initial;              /* snapshot for the initial ADDED events (references) */
	size_t ninitial, next_initial;
	double deadline, last_sent;
	bool bookmarks, initial_end_bookmark, ended;
	bool table;                /* objects as one-row Tables (kubectl get -w) */
	int sock;                  /* the client's socket: a hang-up ends the watch */
	buf out;
	size_t off;
};

static void emit(struct watch *w, const char *type, const hv *obj)
{
	buf_printf(&w->out, "{\"type\":\"%s\",\"object\":", type);
	if (w->table) {
		hv *one[] = {(hv *)obj};
		table_emit(&w->out, w->rt, one, 1, w->cursor);
	} else {
		json_emit(&w->out, obj, 0);
	}
	buf_puts(&w->out, "}\n");
}

static void emit_expired(struct watch *w, uint64_t asked)
{
	buf_printf(&w->out, "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
		"\"status\":\"Failure\",\"message\":\"too old resource version: %llu (%llu)\",\"reason\":\"Expired\",\"code\":410}}\n",
		(unsigned long long)asked, (unsigned long long)store_oldest_rv() + 1);
	w->ended = true;
}

static void emit_bookmark(struct watch *w, bool initial_end)
{
	buf_printf(&w->out, "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"%s\",\"apiVersion\":\"%s\",\"metadata\":{"
		"\"resourceVersion\":\"%llu\"%s}}}\n", w->rt->kind, w->rt->gv, (unsigned long long)w->cursor,
		initial_end ? ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}" : "");
}

static bool wanted(const struct watch *w, const hv *obj)
{
	if (w->ns && w->rt->namespaced) {
		const char *ns = hs(obj, "metadata.namespace");
		if (!ns || strcmp(ns, w->ns) != 0)
			return false;
	}
	return selector_match(w->sel, obj);
}

struct watch *watch_new(rtype *rt, const char *ns, selector *sel, uint64_t from_rv, bool send_initial,
	double timeout, bool bookmarks, bool table, int sock)
{
	struct watch *w = xcalloc(1, sizeof *w);
	w->table = table;
	w->sock = sock;
	w->rt = rt;
	w->ns = ns ? xstrdup(ns) : NULL;
	w->sel = sel;
	w->bookmarks = bookmarks;
	w->deadline = ks_monotime() + timeout;
	w->last_sent = ks_monotime();
	if (send_initial) {
		size_t n;
		hv **all = store_select(rt, ns, sel, &n);
		w->initial = xmalloc((n ? n : 1) * sizeof *w->initial);
		for (size_t i = 0; i < n; i++)
			w->initial[w->ninitial++] = hv_ref(all[i]);
		free(all);
		w->cursor = store_rv();
		w->initial_end_bookmark = from_rv != 0 && bookmarks;
	} else if (from_rv < store_oldest_rv()) {
		emit_expired(w, from_rv);
	} else {
		w->cursor = from_rv;
	}
	return w;
}

/* A quiet watch never hands control back to libmicrohttpd, so it looks for a hang-up itself. */
static bool client_gone(const struct watch *w)
{
	struct pollfd p = {.fd = w->sock, .events = POLLRDHUP};
	return w->sock >= 0 && poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL));
}

/* Fills w->out with what there is to send; waits (lock held) when there is nothing. */
static void produce(struct watch *w)
{
	while (!w->ended && w->out.len == 0) {
		double now = ks_monotime();
		if (ks_stopping || now >= w->deadline || client_gone(w)) {
			w->ended = true;
			return;
		}
		if (w->next_initial < w->ninitial) {
			for (int k = 0; k < 64 && w->next_initial < w->ninitial; k++) {
				hv *o = w->initial[w->next_initial++];
				emit(w, "ADDED", o);
				hv_free(o);
			}
			if (w->next_initial == w->ninitial && w->initial_end_bookmark)
				emit_bookmark(w, true);
			break;
		}
		if (w->cursor < store_oldest_rv()) {
			emit_expired(w, w->cursor);
			return;
		}
		struct event ev[64];
		size_t n = store_events_after(w->cursor, ev, 64);
		for (size_t i = 0; i < n; i++) {
			w->cursor = ev[i].rv;
			if (ev[i].rt == w->rt) {
				/* an object entering or leaving the selection is ADDED or DELETED for this watch */
				bool now_in = wanted(w, ev[i].obj);
				bool was_in = ev[i].type == EV_MODIFIED && (!ev[i].old || wanted(w, ev[i].old));
				const char *type = ev[i].type == EV_ADDED ? "ADDED" : ev[i].type == EV_DELETED ? "DELETED"
					: now_in && was_in ? "MODIFIED" : now_in ? "ADDED" : was_in ? "DELETED" : NULL;
				if (type && (now_in || was_in))
					emit(w, type, ev[i].obj);
			}
			hv_free(ev[i].obj);
			hv_free(ev[i].old);
		}
		if (n)
			continue;
		if (w->bookmarks && now - w->last_sent >= BOOKMARK_EVERY) {
			emit_bookmark(w, false);
			break;
		}
		double until = fmin(w->deadline, w->bookmarks ? w->last_sent + BOOKMARK_EVERY : w->deadline);
		until = fmin(until, now + 1.0);
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		double wait = until - now;
		if (wait < 0.001)
			wait = 0.001;
		ts.tv_sec += (time_t)wait;
		ts.tv_nsec += (long)((wait - floor(wait)) * 1e9);
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&ks_changed, &ks_lock, &ts);
	}
	if (w->out.len)
		w->last_sent = ks_monotime();
}

long watch_read(struct watch *w, char *out, size_t max)
{
	if (w->off >= w->out.len) {
		buf_reset(&w->out);
		w->off = 0;
		pthread_mutex_lock(&ks_lock);
		produce(w);
		pthread_mutex_unlock(&ks_lock);
		if (w->out.len == 0)
			return -1;
	}
	size_t n = w->out.len - w->off;
	if (n > max)
		n = max;
	memcpy(out, w->out.s + w->off, n);
	w->off += n;
	return (long)n;
}

void watch_free(struct watch *w)
{
	pthread_mutex_lock(&ks_lock);
	for (size_t i = w->next_initial; i < w->ninitial; i++)
		hv_free(w->initial[i]);
	pthread_mutex_unlock(&ks_lock);
	free(w->initial);
	selector_free(w->sel);
	free(w->ns);
	buf_free(&w->out);
	free(w);
}
