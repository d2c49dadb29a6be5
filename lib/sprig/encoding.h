/* encoding.h — Go's base64.StdEncoding for the Sprig files that need it (crypto, random). */
#ifndef HELM_SPRIG_ENCODING_H
#define HELM_SPRIG_ENCODING_H

#include <stddef.h>

#include "buf.h"

/* EncodeToString appended to OUT. */
void sprig_base64_encode(buf *out, const unsigned char *s, size_t n);
/* DecodeString appended to OUT: -1, or the offset Go's CorruptInputError names. */
long sprig_base64_decode(buf *out, const char *s, size_t n);

#endif
