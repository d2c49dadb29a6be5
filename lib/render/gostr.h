/* gostr.h — small Go string helpers Helm's code relies on (strings.TrimSpace, strconv.Quote). */
#ifndef HELM_RENDER_GOSTR_H
#define HELM_RENDER_GOSTR_H

#include <stddef.h>

#include "buf.h"
#include "value.h"

/* strings.TrimSpace of S[0..N): a malloc'd copy; *outlen set. */
char *go_trim_space(const char *s, size_t n, size_t *outlen);
/* strconv.Quote: appends "..." with Go's escapes. */
void gostr_quote(buf *b, const char *s, size_t n);
/* A scalar as sigs.k8s.io/yaml turns it into a string field: 5 -> "5", true -> "true". */
void go_scalar_string(buf *b, const hv *v);

#endif
