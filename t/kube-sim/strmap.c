/* strmap.c — open-addressing hash map from strings to pointers (keys copied). */
#include "ksim.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct slot { char *key; void *val; uint64_t hash; };
struct strmap { struct slot *s; size_t cap, len, used; };   /* used counts tombstones too */

static char tomb[1];

static uint64_t hash(const char *k)
{
	uint64_t h = 1469598103934665603ull;
	for (; *k; k++)
		h = (h ^ (unsigned char)*k) * 1099511628211ull;
	return h;
}

strmap *strmap_new(void)
{
	strmap *m = xcalloc(1, sizeof *m);
	m->cap = 16;
	m->s = xcalloc(m->cap, sizeof *m->s);
	return m;
}

static long find(const strmap *m, const char *key, uint64_t h)
{
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct slot *s = &m->s[i];
		if (!s->key)
			return -1;
		if (s->key != tomb && s->hash == h && strcmp(s->key, key) == 0)
			return (long)i;
	}
}

void *strmap_get(const strmap *m, const char *key)
{
	long i = find(m, key, hash(key));
	return i < 0 ? NULL : m->s[i].val;
}

static void grow(strmap *m)
{
	struct slot *old = m->s;
	size_t oldcap = m->cap;
	if (m->len * 2 >= m->cap)
		m->cap *= 2;
	m->s = xcalloc(m->cap, sizeof *m->s);
	m->used = m->len;
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i].key || old[i].key == tomb)
			continue;
		size_t j = old[i].hash & (m->cap - 1);
		while (m->s[j].key)
			j = (j + 1) & (m->cap - 1);
		m->s[j] = old[i];
	}
	free(old);
}

void strmap_put(strmap *m, const char *key, void *val)
{
	uint64_t h = hash(key);
	long i = find(m, key, h);
	if (i >= 0) {
		m->s[i].val = val;
		return;
	}
	if ((m->used + 1) * 4 >= m->cap * 3)
		grow(m);
	size_t j = h & (m->cap - 1);
	while (m->s[j].key && m->s[j].key != tomb)
		j = (j + 1) & (m->cap - 1);
	if (!m->s[j].key)
		m->used++;
	m->s[j] = (struct slot){xstrdup(key), val, h};
	m->len++;
}

void *strmap_del(strmap *m, const char *key)
{
	long i = find(m, key, hash(key));
	if (i < 0)
		return NULL;
	void *v = m->s[i].val;
	free(m->s[i].key);
	m->s[i].key = tomb;
	m->s[i].val = NULL;
	m->len--;
	return v;
}

size_t strmap_len(const strmap *m) { return m->len; }

bool strmap_next(const strmap *m, size_t *i, const char **key, void **val)
{
	for (; *i < m->cap; (*i)++) {
		struct slot *s = &m->s[*i];
		if (s->key && s->key != tomb) {
			*key = s->key;
			*val = s->val;
			(*i)++;
			return true;
		}
	}
	return false;
}

void strmap_free(strmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		if (m->s[i].key && m->s[i].key != tomb)
			free(m->s[i].key);
	free(m->s);
	free(m);
}
