/* document.h — the values document helm-merge-values writes and helm-render reads
 * ({"values": ..., "chart": ...}, see helm-pipeline(7)), with Go's value types kept exact:
 * float64 numbers always carry a '.' or an exponent, and strings that are not valid UTF-8
 * (--set-file of a binary file) travel base64-encoded in a side table, "binary":
 * [[PATH...], "BASE64"], PATH being the map keys and list indexes leading to the string. */
#ifndef HELM_VALUES_DOCUMENT_H
#define HELM_VALUES_DOCUMENT_H

#include <stddef.h>

#include "buf.h"
#include "value.h"

/* Appends the document for VALUES and the chart TREE (both borrowed), ending with a newline. */
void values_document_emit(buf *b, const hv *values, const hv *tree);

/* Parses a document as json_parse with JSON_INTS does, then puts the binary strings back into
 * "values" (and drops "binary").  NULL with *err on a JSON error or a "binary" entry that does
 * not lead to a string. */
hv *values_document_parse(const char *s, size_t n, char **err);

#endif
