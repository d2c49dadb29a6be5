/* funcs.c — the function registry (Go's FuncMap): an open-addressing hash table by name. */
#include "template/func.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct tmpl_funcs {
	const struct tmpl_func **slot; /* cap slots, NULL when empty */
	size_t len, cap;               /* cap is a power of two */
};

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static size_t find(const tmpl_funcs *fs, const char *name)
{
	size_t i = hash(name) & (fs->cap - 1);
	while (fs->slot[i] && strcmp(fs->slot[i]->name, name) != 0)
		i = (i + 1) & (fs->cap - 1);
	return i;
}

tmpl_funcs *tmpl_funcs_new(void)
{
	tmpl_funcs *fs = xcalloc(1, sizeof *fs);
	fs->cap = 256;
	fs->slot = xcalloc(fs->cap, sizeof *fs->slot);
	return fs;
}

static void grow(tmpl_funcs *fs)
{
	const struct tmpl_func **old = fs->slot;
	size_t oldcap = fs->cap;
	fs->cap *= 2;
	fs->slot = xcalloc(fs->cap, sizeof *fs->slot);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			fs->slot[find(fs, old[i]->name)] = old[i];
	free(old);
}

void tmpl_funcs_add(tmpl_funcs *fs, const struct tmpl_func *f)
{
	if (2 * (fs->len + 1) > fs->cap)
		grow(fs);
	size_t i = find(fs, f->name);
	if (!fs->slot[i])
		fs->len++;
	fs->slot[i] = f;
}

void tmpl_funcs_add_all(tmpl_funcs *fs, const struct tmpl_func *f, int n)
{
	for (int i = 0; i < n; i++)
		tmpl_funcs_add(fs, &f[i]);
}

const struct tmpl_func *tmpl_funcs_get(const tmpl_funcs *fs, const char *name)
{
	return fs ? fs->slot[find(fs, name)] : NULL;
}

void tmpl_funcs_free(tmpl_funcs *fs)
{
	if (!fs)
		return;
	free(fs->slot);
	free(fs);
}
