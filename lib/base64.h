/* base64.h — Go's base64.StdEncoding. */
#ifndef HELM_BASE64_H
#define HELM_BASE64_H

#include <stddef.h>

#include "buf.h"
#include "value.h"

/* EncodeToString appended to OUT. */
void base64_encode(buf *out, const unsigned char *s, size_t n);
/* The same for a []byte held as a list of ints (how JSON and YAML print one). */
void base64_encode_list(buf *out, const hv *bytes);
/* DecodeString appended to OUT: -1, or the offset Go's CorruptInputError names. */
long base64_decode(buf *out, const char *s, size_t n);

#endif
