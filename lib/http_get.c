/* http_get.c — the HTTP getter on a libcurl opened with dlopen (see http_get.h for why). */
#include "http_get.h"
#include "buf.h"
#include "util.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <string.h>

/* The libcurl calls this file makes, resolved once. */
static struct {
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_perform)(CURL *);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char *(*easy_strerror)(CURLcode);
	void (*easy_cleanup)(CURL *);
	CURLU *(*url)(void);
	CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
	CURLUcode (*url_get)(const CURLU *, CURLUPart, char **, unsigned int);
	void (*url_cleanup)(CURLU *);
	void (*free)(void *);
} curl;

/* NULL once libcurl is usable, else why not. */
static const char *load_curl(void)
{
	static const char *failure = "";
	if (failure && !*failure) {
		void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
		if (!h)
			return failure = "cannot load libcurl.so.4 (install libcurl4)";
		struct { void **slot; const char *name; } syms[] = {
			{(void **)&curl.easy_init, "curl_easy_init"},
			{(void **)&curl.easy_setopt, "curl_easy_setopt"},
			{(void **)&curl.easy_perform, "curl_easy_perform"},
			{(void **)&curl.easy_getinfo, "curl_easy_getinfo"},
			{(void **)&curl.easy_strerror, "curl_easy_strerror"},
			{(void **)&curl.easy_cleanup, "curl_easy_cleanup"},
			{(void **)&curl.url, "curl_url"},
			{(void **)&curl.url_set, "curl_url_set"},
			{(void **)&curl.url_get, "curl_url_get"},
			{(void **)&curl.url_cleanup, "curl_url_cleanup"},
			{(void **)&curl.free, "curl_free"},
		};
		for (size_t i = 0; i < sizeof syms / sizeof *syms; i++)
			if (!(*syms[i].slot = dlsym(h, syms[i].name)))
				return failure = "libcurl.so.4 is too old (7.62 or later is needed)";
		failure = NULL;
	}
	return failure;
}

static size_t collect(char *data, size_t size, size_t n, void *userdata)
{
	buf_add(userdata, data, size * n);
	return size * n;
}

/* Keeps the reason of the last status line ("404 Not Found"): Go's resp.Status is the server's. */
static size_t status_line(char *data, size_t size, size_t n, void *userdata)
{
	size_t len = size * n;
	if (len > 9 && !strncmp(data, "HTTP/", 5)) {
		const char *sp = memchr(data, ' ', len);
		size_t rest = sp ? len - (size_t)(sp + 1 - data) : 0;
		while (rest && (sp[rest] == '\r' || sp[rest] == '\n'))
			rest--;
		buf_reset(userdata);
		if (sp)
			buf_add(userdata, sp + 1, rest);
	}
	return len;
}

/* Go's net/http wording for a failed dial. */
static char *dial_error(const char *url, CURLcode rc)
{
	char *host = NULL, *port = NULL, *msg;
	CURLU *u = curl.url();
	curl.url_set(u, CURLUPART_URL, url, 0);
	curl.url_get(u, CURLUPART_HOST, &host, 0);
	curl.url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
	if (rc == CURLE_COULDNT_CONNECT)
		msg = xasprintf("Get \"%s\": dial tcp %s:%s: connect: connection refused", url, host ? host : "",
				port ? port : "");
	else
		msg = xasprintf("Get \"%s\": dial tcp: lookup %s: no such host", url, host ? host : "");
	curl.free(host);
	curl.free(port);
	curl.url_cleanup(u);
	return msg;
}

char *http_get(const char *url, size_t *len, char **err)
{
	const char *why = load_curl();
	CURL *h = why ? NULL : curl.easy_init();
	if (!h) {
		*err = xasprintf("Get \"%s\": %s", url, why ? why : "cannot initialise HTTP client");
		return NULL;
	}
	buf body = BUF_INIT, status_text = BUF_INIT;
	curl.easy_setopt(h, CURLOPT_URL, url);
	curl.easy_setopt(h, CURLOPT_HEADERFUNCTION, status_line);
	curl.easy_setopt(h, CURLOPT_HEADERDATA, &status_text);
	curl.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl.easy_setopt(h, CURLOPT_USERAGENT, "Helm/3.17.3");
	curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl.easy_setopt(h, CURLOPT_WRITEDATA, &body);
	curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	CURLcode rc = curl.easy_perform(h);
	long status = 0;
	curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	char *out = NULL;
	if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST) {
		*err = dial_error(url, rc);
	} else if (rc != CURLE_OK) {
		*err = xasprintf("Get \"%s\": %s", url, curl.easy_strerror(rc));
	} else if (status != 200) {
		/* HTTP/2 has no reason phrase; Go then uses its StatusText */
		const char *st = buf_str(&status_text);
		if (!strchr(st, ' '))
			st = status == 404 ? "404 Not Found" : status == 403 ? "403 Forbidden" : status == 401 ? "401 Unauthorized"
			   : status == 500 ? "500 Internal Server Error" : st;
		*err = xasprintf("failed to fetch %s : %s", url, st);
	} else {
		out = buf_detach(&body, len);
	}
	buf_free(&body);
	buf_free(&status_text);
	curl.easy_cleanup(h);
	return out;
}
