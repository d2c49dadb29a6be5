/* http_get.h — Helm's HTTP getter: a GET that must answer 200, with Go's error wording.
 * libcurl is loaded on first use: it and the thirty-odd libraries it links cost milliseconds of
 * dynamic linking at every start of every tool, and only a URL given by the user needs it. */
#ifndef HELM_HTTP_GET_H
#define HELM_HTTP_GET_H

#include <stddef.h>

/* The body of URL (malloc'd, *len set), or NULL with *err, e.g.
 * `Get "http://x/v.yaml": dial tcp 127.0.0.1:9: connect: connection refused`,
 * "failed to fetch http://x/v.yaml : 404 Not Found". */
char *http_get(const char *url, size_t *len, char **err);

#endif
