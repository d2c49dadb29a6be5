#define _GNU_SOURCE
/* template.c — template sets (Go's common namespace of a *Template), parsing into them, and
 * overlays for tpl. */
#include "template/internal.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

struct entry {
	const char *name; /* the tree's own name */
	struct tree *tree;
	uint32_t hash;    /* of name: most probes end without a strcmp */
};

struct arena_list {
	struct arena *arena;
	struct arena_list *next;
};

/* A text parsed before: its trees are immutable, so a file of the same text reuses them under its
 * own name (umbrella charts repeat whole subcharts).  trees[ntrees - 1] is the top-level one. */
struct parsed {
	uint64_t hash;
	const char *text; /* the parse's copy */
	size_t len;
	struct tree **trees;
	int ntrees;
};

struct tmpl_set {
	char *name;
	const tmpl_funcs *funcs;
	enum tmpl_missingkey missingkey;
	size_t max_output;
	const tmpl_set *parent; /* an overlay (tpl's clone) reads through to its parent */
	tmpl_set *root;         /* the set that is no overlay: it keeps the parses worth reusing */
	struct entry *slot;     /* open addressing, cap a power of two */
	size_t len, cap;
	struct arena_list *arenas;
	/* open addressing on hash, cap a power of two; only in a root */
	struct parsed *parsed;
	size_t nparsed, capparsed;
	/* hashes of the texts tpl parsed once (open addressing, 0 free): most tpl texts are
	 * parsed once, so a text is kept only when it comes a second time */
	uint64_t *seen;
	size_t nseen, capseen;
	struct arena *shared;  /* the per-file trees of reused parses */
	hv **kept;             /* values made for the trees' nodes (root only) */
	size_t nkept, capkept;
	tmpl_set *spare;       /* root only: a freed overlay, emptied, for the next tpl call */
};

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

/* The slot of NAME (hash H) in S, or the free slot where it would go. */
static size_t find(const tmpl_set *s, const char *name, uint32_t h)
{
	size_t i = h & (s->cap - 1);
	while (s->slot[i].name && (s->slot[i].hash != h || strcmp(s->slot[i].name, name) != 0))
		i = (i + 1) & (s->cap - 1);
	return i;
}

static tmpl_set *set_new(const char *name, const tmpl_funcs *funcs, tmpl_set *parent)
{
	tmpl_set *s = xcalloc(1, sizeof *s);
	s->name = parent ? parent->name : xstrdup(name); /* an overlay goes before its parent */
	s->funcs = funcs;
	s->parent = parent;
	s->root = parent ? parent->root : s;
	s->missingkey = parent ? parent->missingkey : TMPL_MISSINGKEY_DEFAULT;
	s->max_output = parent ? parent->max_output : 0;
	s->cap = parent ? 4 : 16; /* tpl's text rarely defines anything */
	s->slot = xcalloc(s->cap, sizeof *s->slot);
	return s;
}

tmpl_set *tmpl_set_new(const char *name, const tmpl_funcs *funcs) { return set_new(name, funcs, NULL); }

/* Frees the parses S owns and empties its table. */
static void set_clear(tmpl_set *s)
{
	for (struct arena_list *a = s->arenas, *next; a; a = next) {
		next = a->next;
		arena_free(a->arena);
		free(a);
	}
	s->arenas = NULL;
	arena_free(s->shared);
	s->shared = NULL;
	memset(s->slot, 0, s->cap * sizeof *s->slot);
	s->len = 0;
}

void tmpl_set_free(tmpl_set *s)
{
	if (!s)
		return;
	set_clear(s);
	if (s->parent && !s->root->spare) {
		s->root->spare = s;
		return;
	}
	tmpl_set_free(s->spare);
	free(s->parsed);
	free(s->seen);
	for (size_t i = 0; i < s->nkept; i++)
		hv_free(s->kept[i]);
	free(s->kept);
	free(s->slot);
	if (!s->parent)
		free(s->name);
	free(s);
}

void tmpl_set_missingkey(tmpl_set *s, enum tmpl_missingkey mode) { s->missingkey = mode; }
int set_missingkey(const tmpl_set *s) { return s->missingkey; }
void tmpl_set_max_output(tmpl_set *s, size_t bytes) { s->max_output = bytes; }
size_t set_max_output(const tmpl_set *s) { return s->max_output; }
const char *set_name(const tmpl_set *s) { return s->name; }

struct tree *set_lookup(const tmpl_set *s, const char *name)
{
	uint32_t h = hash(name);
	for (; s; s = s->parent) {
		size_t i = find(s, name, h);
		if (s->slot[i].name)
			return s->slot[i].tree;
	}
	return NULL;
}

bool tmpl_defined(const tmpl_set *s, const char *name) { return set_lookup(s, name) != NULL; }

static void set_put(tmpl_set *s, struct tree *t)
{
	if (2 * (s->len + 1) > s->cap) {
		struct entry *old = s->slot;
		size_t oldcap = s->cap;
		s->cap *= 2;
		s->slot = xcalloc(s->cap, sizeof *s->slot);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].name)
				s->slot[find(s, old[i].name, old[i].hash)] = old[i];
		free(old);
	}
	uint32_t h = hash(t->name);
	size_t i = find(s, t->name, h);
	if (!s->slot[i].name)
		s->len++;
	s->slot[i] = (struct entry){t->name, t, h};
}

/* --- parsing into a set --- */

/* A 64-bit hash of the text: four lanes of eight bytes, mixed at the end (every file's text is
 * hashed, the umbrella's megabytes twice).  A lane step is a bijection of its state, so texts
 * that differ in one word never collide; equal hashes are checked with memcmp anyway. */
static uint64_t text_hash(const char *p, size_t n)
{
	const uint64_t k = 0xFF51AFD7ED558CCDu;
	uint64_t a = 0x9E3779B97F4A7C15u ^ n, b = 0xC2B2AE3D27D4EB4Fu, c = 0x165667B19E3779F9u,
		 d = 0x27D4EB2F165667C5u;
	for (; n >= 32; p += 32, n -= 32) {
		uint64_t w[4];
		memcpy(w, p, 32);
		a = (a ^ w[0]) * k;
		b = (b ^ w[1]) * k;
		c = (c ^ w[2]) * k;
		d = (d ^ w[3]) * k;
	}
	uint64_t r = a;
	r = (r ^ (r >> 32) ^ b) * k;
	r = (r ^ (r >> 32) ^ c) * k;
	r = (r ^ (r >> 32) ^ d) * k;
	for (; n >= 8; p += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		r = (r ^ w) * k;
		r ^= r >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, p, n);
	r = (r ^ w) * 0xC4CEB9FE1A85EC53u;
	return r ^ (r >> 29);
}

static size_t parsed_find(const tmpl_set *s, uint64_t h, const char *text, size_t len)
{
	size_t i = (size_t)h & (s->capparsed - 1);
	for (; s->parsed[i].text; i = (i + 1) & (s->capparsed - 1))
		if (s->parsed[i].hash == h && s->parsed[i].len == len &&
		    memcmp(s->parsed[i].text, text, len) == 0)
			break;
	return i;
}

static void parsed_put(tmpl_set *s, struct parsed p)
{
	if (2 * (s->nparsed + 1) > s->capparsed) {
		struct parsed *old = s->parsed;
		size_t oldcap = s->capparsed;
		s->capparsed = oldcap ? 2 * oldcap : 64;
		s->parsed = xcalloc(s->capparsed, sizeof *s->parsed);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].text)
				s->parsed[parsed_find(s, old[i].hash, old[i].text, old[i].len)] = old[i];
		free(old);
	}
	s->parsed[parsed_find(s, p.hash, p.text, p.len)] = p;
	s->nparsed++;
}

/* Whether text hash H was seen before in S (recording it if not). */
static bool seen_before(tmpl_set *s, uint64_t h)
{
	h += !h; /* 0 marks a free slot */
	if (2 * (s->nseen + 1) > s->capseen) {
		uint64_t *old = s->seen;
		size_t oldcap = s->capseen;
		s->capseen = oldcap ? 2 * oldcap : 64;
		s->seen = xcalloc(s->capseen, sizeof *s->seen);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i]) {
				size_t k = (size_t)old[i] & (s->capseen - 1);
				while (s->seen[k])
					k = (k + 1) & (s->capseen - 1);
				s->seen[k] = old[i];
			}
		free(old);
	}
	size_t k = (size_t)h & (s->capseen - 1);
	for (; s->seen[k]; k = (k + 1) & (s->capseen - 1))
		if (s->seen[k] == h)
			return true;
	s->seen[k] = h;
	s->nseen++;
	return false;
}

/* Whether a tree other than the last (the top-level one) is named NAME: a define named like its
 * file merges with the top-level tree, so such a parse depends on the name and is not shared. */
static bool define_named(struct tree **trees, int n, const char *name)
{
	for (int i = 0; i < n - 1; i++)
		if (strcmp(trees[i]->name, name) == 0)
			return true;
	return false;
}

/* The trees of P as file NAME parsed them: the same nodes, NAME's own tree records. */
static struct tree **reuse(tmpl_set *s, const struct parsed *p, const char *name)
{
	struct tree **trees = arena_alloc(&s->shared, (size_t)p->ntrees * sizeof *trees);
	const char *parse_name = arena_strndup(&s->shared, name, strlen(name));
	for (int i = 0; i < p->ntrees; i++) {
		struct tree *t = arena_alloc(&s->shared, sizeof *t);
		*t = *p->trees[i];
		t->parse_name = parse_name;
		trees[i] = t;
	}
	trees[p->ntrees - 1]->name = (char *)parse_name;
	return trees;
}

struct parse_job {
	tmpl_set *s;
	const char *name, *text;
	size_t len;
	char **err;
	int rc;
	bool ahead; /* tmpl_preparse: keep the parse for later, name nothing */
	bool kept;  /* the text outlives the set: the parse need not copy it */
};

/* Parses are kept in the root, for the life of the set: every file's (a file's text comes
 * again in umbrella charts), and those of texts tpl parses more than once (a helper's output
 * passed to tpl in every template).  A parse depends only on the text, the name and the
 * functions, which every overlay shares with its root. */
static void parse_job(void *p)
{
	struct parse_job *j = p;
	tmpl_set *s = j->s, *root = s->root;
	struct tree **trees;
	int n;
	uint64_t h = text_hash(j->text, j->len);
	const struct parsed *old = root->capparsed ? &root->parsed[parsed_find(root, h, j->text, j->len)] : NULL;
	if (old && old->text && j->ahead)
		return;
	if (old && old->text && !define_named(old->trees, old->ntrees, j->name)) {
		trees = reuse(s, old, j->name);
		n = old->ntrees;
	} else {
		struct arena *arena = NULL;
		if (tmpl_parse_trees(j->name, j->text, j->len, j->kept, s->funcs, &arena, &trees, &n, j->err) < 0) {
			arena_free(arena);
			j->rc = -1;
			return;
		}
		bool keep = s == root || seen_before(root, h);
		tmpl_set *owner = keep ? root : s;
		struct arena_list *a = xmalloc(sizeof *a);
		a->arena = arena;
		a->next = owner->arenas;
		owner->arenas = a;
		if (keep && !(old && old->text) && !define_named(trees, n, j->name))
			parsed_put(root, (struct parsed){h, trees[0]->text, j->len, trees, n});
		if (j->ahead)
			return;
	}
	for (int i = 0; i < n; i++) {
		struct tree *prev = set_lookup(s, trees[i]->name);
		/* Go's associate: an empty definition never replaces a non-empty one */
		if (prev && tree_is_empty(trees[i]->root) && !tree_is_empty(prev->root))
			continue;
		set_put(s, trees[i]);
	}
	j->rc = 0;
}

int tmpl_parse(tmpl_set *s, const char *name, const char *text, size_t len, char **err)
{
	struct parse_job j = {s, name, text, len, err, 0, false, false};
	tmpl_run_on_big_stack(parse_job, &j);
	return j.rc;
}

int tmpl_parse_kept(tmpl_set *s, const char *name, const char *text, size_t len, char **err)
{
	struct parse_job j = {s, name, text, len, err, 0, false, true};
	tmpl_run_on_big_stack(parse_job, &j);
	return j.rc;
}

void tmpl_preparse(tmpl_set *s, const char *text, size_t len)
{
	char *err = NULL;
	/* the name "" stands for any: reuse checks the real one against the text's defines */
	struct parse_job j = {s->root, "", text, len, &err, 0, true, true};
	tmpl_run_on_big_stack(parse_job, &j);
	free(err);
}

void set_keep(tmpl_set *s, hv *v)
{
	s = s->root;
	if (s->nkept == s->capkept) {
		s->capkept = s->capkept ? 2 * s->capkept : 64;
		s->kept = xrealloc(s->kept, s->capkept * sizeof *s->kept);
	}
	s->kept[s->nkept++] = v;
}

/* tpl makes and frees an overlay for each call: the root keeps the last one for the next. */
tmpl_set *set_overlay(tmpl_set *parent)
{
	tmpl_set *s = parent->root->spare;
	if (!s)
		return set_new(NULL, parent->funcs, parent);
	parent->root->spare = NULL;
	s->name = parent->name;
	s->funcs = parent->funcs;
	s->parent = parent;
	s->missingkey = parent->missingkey;
	s->max_output = parent->max_output;
	return s;
}

void tmpl_strip_no_value(buf *b)
{
	static const char nv[] = "<no value>";
	const size_t n = sizeof nv - 1;
	if (!b->s || !memmem(b->s, b->len, nv, n))
		return;
	size_t w = 0;
	for (size_t r = 0; r < b->len;) {
		if (b->len - r >= n && memcmp(b->s + r, nv, n) == 0) {
			r += n;
			continue;
		}
		b->s[w++] = b->s[r++];
	}
	b->len = w;
	b->s[w] = 0;
}
