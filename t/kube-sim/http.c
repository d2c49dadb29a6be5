/* http.c — the HTTP/1.1 front end on libmicrohttpd: one thread per connection, keep-alive,
 * request bodies up to the API server's 3 MiB, streamed watch replies. */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BODY (3 * 1024 * 1024)

static struct MHD_Daemon *daemon_;
static struct tls_material tls;

struct pending {
	buf body;
	bool too_big;
	double start;
};

const char *req_query(const req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(const req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

int req_socket(const req *r)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	return ci ? ci->connect_fd : -1;
}

void reply_json(reply *rp, int code, const hv *v)
{
	rp->code = code;
	buf_reset(&rp->body);
	json_emit(&rp->body, v, 0);
	rp->ctype = "application/json";
}

static enum MHD_Result add_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	buf *b = cls;
	buf_puts(b, b->len ? "&" : "?");
	buf_puts(b, key);
	if (value) {
		buf_putc(b, '=');
		buf_puts(b, value);
	}
	return MHD_YES;
}

static ssize_t stream(void *cls, uint64_t pos, char *out, size_t max)
{
	long n = watch_read(cls, out, max);
	return n < 0 ? MHD_CONTENT_READER_END_OF_STREAM : n;
}

static void stream_done(void *cls) { watch_free(cls); }

/* Administration: /kube-sim/faults (GET shows, PUT/POST replaces the fault list). */
static void admin(req *r, reply *rp)
{
	if (strcmp(r->path, "/kube-sim/faults") != 0) {
		status_no_route(rp);
		return;
	}
	if (strcmp(r->method, "GET") == 0) {
		rp->code = 200;
		faults_get(&rp->body);
		return;
	}
	char *err = NULL;
	if (!faults_set(r->body ? r->body : "", r->body_len, &err)) {
		status_error(rp, 400, "BadRequest", NULL, "%s", err);
		free(err);
		return;
	}
	rp->code = 200;
	faults_get(&rp->body);
}

static void dispatch(req *r, reply *rp)
{
	if (strncmp(r->path, "/kube-sim/", 10) == 0) {
		admin(r, rp);
		return;
	}
	if (!auth_identify(r, rp))
		return;
	bool get = strcmp(r->method, "GET") == 0;
	if (get && (strcmp(r->path, "/healthz") == 0 || strcmp(r->path, "/livez") == 0 || strcmp(r->path, "/readyz") == 0)) {
		rp->code = 200;
		rp->ctype = "text/plain; charset=utf-8";
		buf_puts(&rp->body, "ok");
		return;
	}
	if (get && discovery_serve(r, rp))
		return;
	buf_reset(&rp->body);
	api_serve(r, rp);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
	const char *version, const char *upload, size_t *upload_size, void **ctx)
{
	struct pending *p = *ctx;
	if (!p) {
		p = xcalloc(1, sizeof *p);
		p->start = ks_monotime();
		*ctx = p;
		return MHD_YES;
	}
	if (*upload_size) {
		if (p->body.len + *upload_size > MAX_BODY)
			p->too_big = true;
		else
			buf_add(&p->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}

	req r = {.method = method, .path = url, .conn = conn, .body = p->body.s, .body_len = p->body.len};
	reply rp = {.code = 200, .ctype = "application/json"};
	/* injected latency must not hold the lock: faults come first, on their own lock */
	if (strncmp(url, "/kube-sim/", 10) == 0 || !faults_apply(&r, &rp)) {
		pthread_mutex_lock(&ks_lock);
		if (p->too_big)
			status_error(&rp, 413, "RequestEntityTooLarge", NULL, "Request entity too large: limit is %d", MAX_BODY);
		else
			dispatch(&r, &rp);
		pthread_mutex_unlock(&ks_lock);
	}

	buf q = BUF_INIT;
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, add_arg, &q);
	reqlog_write(&r, buf_str(&q), rp.drop ? 0 : rp.code, (ks_monotime() - p->start) * 1000);
	buf_free(&q);
	pthread_mutex_lock(&ks_lock);
	free((char *)r.user);
	hv_free(r.groups);
	pthread_mutex_unlock(&ks_lock);

	if (rp.drop) {
		buf_free(&rp.body);
		return MHD_NO;
	}
	struct MHD_Response *resp;
	if (rp.watch) {
		resp = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 32 * 1024, stream, rp.watch, stream_done);
	} else {
		size_t n;
		char *body = buf_detach(&rp.body, &n);
		resp = MHD_create_response_from_buffer(n, body, MHD_RESPMEM_MUST_FREE);
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, rp.ctype);
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache, private");
	if (rp.warning) {
		MHD_add_response_header(resp, "Warning", rp.warning);
		free(rp.warning);
	}
	if (rp.retry_after) {
		char s[16];
		snprintf(s, sizeof s, "%d", rp.retry_after);
		MHD_add_response_header(resp, "Retry-After", s);
	}
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)rp.code, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void on_done(void *cls, struct MHD_Connection *conn, void **ctx, enum MHD_RequestTerminationCode why)
{
	struct pending *p = *ctx;
	if (!p)
		return;
	buf_free(&p->body);
	free(p);
	*ctx = NULL;
}

void http_start(int listen_fd)
{
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL;
	if (ks_cfg.tls) {
		tls_make(ks_cfg.data_dir, ks_cfg.cert_user, &tls);
		daemon_ = MHD_start_daemon(flags | MHD_USE_TLS, 0, NULL, NULL, on_request, NULL,
			MHD_OPTION_LISTEN_SOCKET, listen_fd,
			MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
			MHD_OPTION_HTTPS_MEM_KEY, tls.key_pem,
			MHD_OPTION_HTTPS_MEM_CERT, tls.cert_pem,
			MHD_OPTION_HTTPS_MEM_TRUST, tls.ca_pem,
			MHD_OPTION_END);
	} else {
		daemon_ = MHD_start_daemon(flags, 0, NULL, NULL, on_request, NULL,
			MHD_OPTION_LISTEN_SOCKET, listen_fd,
			MHD_OPTION_NOTIFY_COMPLETED, on_done, NULL,
			MHD_OPTION_END);
	}
	if (!daemon_)
		die("cannot start the HTTP server%s", ks_cfg.tls ? " (TLS)" : "");
}

const struct tls_material *http_tls(void) { return &tls; }

void http_stop(void)
{
	if (daemon_)
		MHD_stop_daemon(daemon_);
	daemon_ = NULL;
	tls_free(&tls);
}
