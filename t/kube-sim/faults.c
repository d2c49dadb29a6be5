/* faults.c — faults on demand and the request log.
 *
 * A fault list is JSON: [{"method": "GET", "path": "/api/v1/namespaces/default/configmaps*", "latencyMs": 200,
 * "error": 503, "retryAfter": 1, "rate": 0.5, "count": 3, "drop": false, "conflict": false}, ...]
 * method and path (a shell pattern, fnmatch) select requests; rate is the chance a matching
 * request is hit (default 1); count limits how many are (default unlimited).  error answers
 * with that status (429 and 503 with Retry-After), drop closes the connection unanswered,
 * conflict makes a PUT/PATCH fail with 409 as if the object had changed meanwhile. */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static hv *faults;     /* the list as given, with "count" counting down */
static unsigned seed = 12345;

static bool valid(const hv *l, char **err)
{
	if (hv_kind_of(l) != HV_LIST) {
		*err = xstrdup("faults: want a JSON list of fault objects");
		return false;
	}
	for (size_t i = 0; i < hv_len(l); i++)
		if (hv_kind_of(hv_list_get(l, i)) != HV_MAP) {
			*err = xasprintf("faults: item %zu is not an object", i);
			return false;
		}
	return true;
}

bool faults_set(const char *json, size_t n, char **err)
{
	hv *l = json_parse(json, n, "faults", JSON_INTS, err);
	if (!l)
		return false;
	if (hv_kind_of(l) == HV_MAP && hv_map_get(l, "faults")) {
		hv *inner = hv_ref(hv_map_get(l, "faults"));
		hv_free(l);
		l = inner;
	}
	if (!valid(l, err)) {
		hv_free(l);
		return false;
	}
	pthread_mutex_lock(&mu);
	hv_free(faults);
	faults = l;
	pthread_mutex_unlock(&mu);
	return true;
}

void faults_get(buf *out)
{
	pthread_mutex_lock(&mu);
	if (faults)
		json_emit(out, faults, 0);
	else
		buf_puts(out, "[]");
	pthread_mutex_unlock(&mu);
}

void faults_load_file(const char *path)
{
	if (!path)
		return;
	size_t len;
	char *err = NULL, *text = read_file(path, &len, &err);
	if (!text || !faults_set(text, len, &err))
		die("%s", err);
	free(text);
}

void faults_free(void)
{
	hv_free(faults);
	faults = NULL;
}

static int64_t get_int(const hv *f, const char *key, int64_t dflt)
{
	int64_t n;
	return hnum(hv_map_get(f, key), &n) ? n : dflt;
}

/* The fault that hits R now, or NULL; with mu held.  Counts the hit. */
static hv *hit(const req *r, bool want_conflict)
{
	for (size_t i = 0; faults && i < hv_len(faults); i++) {
		hv *f = hv_list_get(faults, i);
		const char *m = hs(f, "method"), *p = hs(f, "path");
		if (m && *m && strcmp(m, "*") && strcasecmp(m, r->method))
			continue;
		if (p && *p && fnmatch(p, r->path, 0) != 0)
			continue;
		if (hbool(f, "conflict") != want_conflict)
			continue;
		int64_t count = get_int(f, "count", -1);
		if (count == 0)
			continue;
		const hv *rate = hv_map_get(f, "rate");
		double pr = !rate ? 1 : hv_kind_of(rate) == HV_FLOAT ? hv_get_float(rate) : (double)hv_get_int(rate);
		if (pr < 1 && (double)rand_r(&seed) / RAND_MAX >= pr)
			continue;
		if (count > 0)
			hset_int(f, "count", count - 1);
		return f;
	}
	return NULL;
}

bool faults_apply(const req *r, reply *rp)
{
	pthread_mutex_lock(&mu);
	hv *f = hit(r, false);
	int64_t latency = f ? get_int(f, "latencyMs", 0) : 0;
	int64_t code = f ? get_int(f, "error", 0) : 0;
	int64_t retry = f ? get_int(f, "retryAfter", 1) : 0;
	bool drop = f && hbool(f, "drop");
	pthread_mutex_unlock(&mu);
	if (latency > 0)
		usleep((useconds_t)(latency * 1000));
	if (drop) {
		rp->drop = true;
		return true;
	}
	if (code == 429) {
		hv *d = hv_map();
		hset_int(d, "retryAfterSeconds", retry);
		status_error(rp, 429, "TooManyRequests", d,
			"the server has received too many requests and has asked us to try again later");
		rp->retry_after = (int)retry;
	} else if (code == 503) {
		status_error(rp, 503, "ServiceUnavailable", NULL, "the server is currently unable to handle the request");
		rp->retry_after = (int)retry;
	} else if (code == 500) {
		status_error(rp, 500, "InternalError", NULL, "Internal error occurred: injected fault");
	} else if (code >= 400 && code < 600) {
		status_error(rp, (int)code, "", NULL, "injected fault");
	} else {
		return false;
	}
	return true;
}

bool faults_force_conflict(const req *r)
{
	if (!r)
		return false;
	pthread_mutex_lock(&mu);
	bool yes = hit(r, true) != NULL;
	pthread_mutex_unlock(&mu);
	return yes;
}

/* ---- request log: one JSON object per line ---- */

static FILE *logf_;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;

void reqlog_open(const char *path)
{
	if (!path)
		return;
	logf_ = fopen(path, "a");
	if (!logf_)
		die("%s: cannot open the request log", path);
}

static void put_str(buf *b, const char *key, const char *s)
{
	hv *v = hv_str(s ? s : "");
	buf_printf(b, ",\"%s\":", key);
	json_emit(b, v, 0);
	hv_free(v);
}

void reqlog_write(const req *r, const char *query, int code, double ms)
{
	if (!logf_)
		return;
	char *now = ks_now_rfc3339();
	buf b = BUF_INIT;
	buf_printf(&b, "{\"time\":\"%s\"", now);
	put_str(&b, "method", r->method);
	put_str(&b, "path", r->path);
	put_str(&b, "query", query);
	buf_printf(&b, ",\"code\":%d", code);
	put_str(&b, "user", r->user);
	put_str(&b, "auth", r->auth);
	put_str(&b, "contentType", req_header(r, "Content-Type"));
	put_str(&b, "userAgent", req_header(r, "User-Agent"));
	buf_printf(&b, ",\"ms\":%.3f}\n", ms);
	free(now);
	pthread_mutex_lock(&log_mu);
	fwrite(b.s, 1, b.len, logf_);
	fflush(logf_);
	pthread_mutex_unlock(&log_mu);
	buf_free(&b);
}

void reqlog_close(void)
{
	if (logf_)
		fclose(logf_);
	logf_ = NULL;
}
