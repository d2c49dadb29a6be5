/* json.h — JSON text <-> values, with Go's encoding/json conventions. */
#ifndef HELM_JSON_H
#define HELM_JSON_H

#include "buf.h"
#include "value.h"

enum {
	JSON_INTS = 1,        /* parse: integers without fraction/exponent become int64, not float64 */
};

/* Parses one JSON document.  NAME labels errors ("values.json:3:7: invalid character ...");
 * with NAME NULL the error is encoding/json's message alone ("unexpected end of JSON input").
 * Numbers become float64 (as Go's interface{} decoding does) unless JSON_INTS. */
hv *json_parse(const char *s, size_t n, const char *name, int flags, char **err);

enum {
	JSON_ESCAPE_HTML = 1, /* emit: < > & as \u003c \u003e \u0026 (Go's json.Marshal, Sprig's toJson) */
	JSON_INDENT = 2,      /* emit: two-space indentation, one key per line (json.MarshalIndent) */
};

/* Appends V as JSON: map keys in bytewise order, numbers as Go prints them. */
void json_emit(buf *b, const hv *v, int flags);
/* Appends the N bytes at S as a JSON string (JSON_ESCAPE_HTML counts in FLAGS). */
void json_emit_string(buf *b, const char *s, size_t n, int flags);
/* Like json_emit, but NaN, ±Inf and functions are errors as in json.Marshal
 * ("json: unsupported value: +Inf"): returns -1 with *err set and B unchanged.
 * json_emit appends nothing in that case (Sprig's toJson gives ""). */
int json_emit_checked(buf *b, const hv *v, int flags, char **err);

#endif
