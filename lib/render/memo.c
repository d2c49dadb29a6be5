/* memo.c — values decoded from texts that come again: open addressing on a hash of the text. */
#include "render/memo.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct slot {
	uint64_t hash; /* 0: free */
	char *text;    /* NULL while the text was seen once */
	size_t len;
	hv *v;
};

struct memo {
	struct slot *slot;
	size_t n, cap; /* cap a power of two */
};

static uint64_t text_hash(int flavor, const char *p, size_t n)
{
	uint64_t h = 0x9E3779B97F4A7C15u ^ n ^ ((uint64_t)flavor << 56);
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDu;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, p, n);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
	h ^= h >> 29;
	return h + !h;
}

struct memo *memo_new(void) { return xcalloc(1, sizeof(struct memo)); }

void memo_free(struct memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++) {
		free(m->slot[i].text);
		hv_free(m->slot[i].v);
	}
	free(m->slot);
	free(m);
}

/* The slot of hash H (its first text-less slot, or the one holding TEXT), or a free one. */
static struct slot *find(const struct memo *m, uint64_t h, const char *text, size_t n)
{
	for (size_t i = (size_t)h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct slot *s = &m->slot[i];
		if (!s->hash || (s->hash == h && (!s->text || (s->len == n && memcmp(s->text, text, n) == 0))))
			return s;
	}
}

hv *memo_get(const struct memo *m, int flavor, const char *text, size_t n)
{
	if (!m->cap)
		return NULL;
	struct slot *s = find(m, text_hash(flavor, text, n), text, n);
	return s->v ? hv_copy(s->v) : NULL;
}

static void grow(struct memo *m)
{
	struct slot *old = m->slot;
	size_t oldcap = m->cap;
	m->cap = oldcap ? 2 * oldcap : 64;
	m->slot = xcalloc(m->cap, sizeof *m->slot);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].hash) {
			size_t k = (size_t)old[i].hash & (m->cap - 1);
			while (m->slot[k].hash)
				k = (k + 1) & (m->cap - 1);
			m->slot[k] = old[i];
		}
	free(old);
}

void memo_offer(struct memo *m, int flavor, const char *text, size_t n, const hv *v)
{
	if (2 * (m->n + 1) > m->cap)
		grow(m);
	uint64_t h = text_hash(flavor, text, n);
	struct slot *s = find(m, h, text, n);
	if (!s->hash) { /* the first time: remembered by hash only */
		s->hash = h;
		m->n++;
		return;
	}
	if (s->v) /* kept already (offered again by a caller that did not ask first) */
		return;
	s->text = xmalloc(n + 1);
	memcpy(s->text, text, n);
	s->text[n] = 0;
	s->len = n;
	s->v = hv_copy(v);
}
