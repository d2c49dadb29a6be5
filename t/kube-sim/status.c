/* status.c — the Status objects the real API server answers errors with. */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void status_error(reply *rp, int code, const char *reason, hv *details, const char *fmt, ...)
{
	va_list ap;
	buf m = BUF_INIT;
	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	hv *s = hv_map();
	hset_str(s, "kind", "Status");
	hset_str(s, "apiVersion", "v1");
	hv_map_set(s, "metadata", hv_map());
	hset_str(s, "status", "Failure");
	hset_str(s, "message", buf_str(&m));
	if (reason && *reason)
		hset_str(s, "reason", reason);
	if (details)
		hv_map_set(s, "details", details);
	hset_int(s, "code", code);
	reply_json(rp, code, s);
	hv_free(s);
	buf_free(&m);
}

/* "configmaps" or "deployments.apps", as messages name a resource. */
static char *qualified(const rtype *rt)
{
	return *rt->group ? xasprintf("%s.%s", rt->plural, rt->group) : xstrdup(rt->plural);
}

hv *status_details(const rtype *rt, const char *name, bool use_kind)
{
	hv *d = hv_map();
	hset_str(d, "name", name ? name : "");
	if (*rt->group)
		hset_str(d, "group", rt->group);
	hset_str(d, "kind", use_kind ? rt->kind : rt->plural);
	return d;
}

void status_not_found(reply *rp, const rtype *rt, const char *name)
{
	char *q = qualified(rt);
	status_error(rp, 404, "NotFound", status_details(rt, name, false), "%s \"%s\" not found", q, name);
	free(q);
}

void status_no_route(reply *rp)
{
	status_error(rp, 404, "NotFound", hv_map(), "the server could not find the requested resource");
}

/* 422 Invalid with one cause: FIELD, REASON (FieldValueRequired ...), MSG ("Required value: ..."). */
void status_invalid(reply *rp, const rtype *rt, const char *name, const char *field, const char *reason,
	const char *msg)
{
	hv *d = status_details(rt, name, true), *causes = hv_list(), *c = hv_map();
	hset_str(c, "reason", reason);
	hset_str(c, "message", msg);
	hset_str(c, "field", field);
	hv_list_push(causes, c);
	hv_map_set(d, "causes", causes);
	const char *kind = rt->kind;
	char *qk = *rt->group ? xasprintf("%s.%s", kind, rt->group) : xstrdup(kind);
	status_error(rp, 422, "Invalid", d, "%s \"%s\" is invalid: %s: %s", qk, name ? name : "", field, msg);
	free(qk);
}

hv *status_success(const rtype *rt, const char *name, const char *uid)
{
	hv *s = hv_map();
	hset_str(s, "kind", "Status");
	hset_str(s, "apiVersion", "v1");
	hv_map_set(s, "metadata", hv_map());
	hset_str(s, "status", "Success");
	hv *d = status_details(rt, name, false);
	if (uid)
		hset_str(d, "uid", uid);
	hv_map_set(s, "details", d);
	return s;
}
