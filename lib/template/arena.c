/* arena.c — bump allocation for parse trees: everything of one parse is freed at once. */
#include "template/internal.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* A new block for N bytes (rounded by arena_alloc), which are returned zeroed. */
void *arena_alloc_slow(struct arena **a, size_t n)
{
	/* the first block small (tpl parses a few bytes; malloc serves small blocks fastest),
	 * then doubling up to 64 KiB */
	size_t cap = *a ? 2 * (*a)->cap : 1024 - sizeof **a;
	if (cap > 65536)
		cap = 65536;
	if (cap < n)
		cap = n;
	struct arena *b = xmalloc(sizeof *b + cap);
	b->next = *a;
	b->used = n;
	b->cap = cap;
	*a = b;
	memset(b->mem, 0, n);
	return b->mem;
}

char *arena_strndup(struct arena **a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void arena_free(struct arena *a)
{
	while (a) {
		struct arena *next = a->next;
		free(a);
		a = next;
	}
}
