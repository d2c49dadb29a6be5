/* memo.h — values decoded from texts that come again.
 *
 * Charts pass the same text to fromYaml in every template (a helper's output, such as a
 * rendered config), and each call must return a value of its own (Sprig's set changes it in
 * place).  A memo keeps the first decoding of a text seen a second time and hands out deep
 * copies of it, far cheaper than decoding again; a text seen once costs one hash. */
#ifndef HELM_RENDER_MEMO_H
#define HELM_RENDER_MEMO_H

#include <stddef.h>

#include "value.h"

struct memo;

struct memo *memo_new(void);
void memo_free(struct memo *m);

/* A new copy of what TEXT decoded to under FLAVOR (the caller's kind of decoding), or NULL. */
hv *memo_get(const struct memo *m, int flavor, const char *text, size_t n);
/* Offers V (borrowed), what TEXT decoded to: kept when the text was offered before. */
void memo_offer(struct memo *m, int flavor, const char *text, size_t n, const hv *v);

#endif
