/* gostr.h — small Go helpers Helm's code relies on (strings.TrimSpace, JSON type names). */
#ifndef HELM_RENDER_GOSTR_H
#define HELM_RENDER_GOSTR_H

#include <stddef.h>

#include "buf.h"
#include "value.h"

/* strings.TrimSpace of S[0..N): where in S the trimmed text starts; *OUTLEN its length. */
const char *go_trim_space(const char *s, size_t n, size_t *outlen);
/* The JSON type encoding/json names in "cannot unmarshal TYPE into ...": "string", "number",
 * "bool", "array", "object". */
const char *go_json_type(const hv *v);
/* A scalar as sigs.k8s.io/yaml turns it into a string field: 5 -> "5", true -> "true". */
void go_scalar_string(buf *b, const hv *v);

#endif
