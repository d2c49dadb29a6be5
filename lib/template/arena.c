/* arena.c — bump allocation for parse trees: everything of one parse is freed at once. */
#include "template/internal.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct arena {
	struct arena *next;
	size_t used, cap;
	_Alignas(16) char mem[];
};

void *arena_alloc(struct arena **a, size_t n)
{
	n = (n + 7) & ~(size_t)7; /* pointers and 64-bit numbers are the widest things stored */
	if (!*a || (*a)->cap - (*a)->used < n) {
		/* the first block small (tpl parses a few bytes; malloc serves small blocks fastest),
		 * then doubling up to 64 KiB */
		size_t cap = *a ? 2 * (*a)->cap : 1024 - sizeof **a;
		if (cap > 65536)
			cap = 65536;
		if (cap < n)
			cap = n;
		struct arena *b = xmalloc(sizeof *b + cap);
		b->next = *a;
		b->used = 0;
		b->cap = cap;
		*a = b;
	}
	void *p = (*a)->mem + (*a)->used;
	(*a)->used += n;
	memset(p, 0, n);
	return p;
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
