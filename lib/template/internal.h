/* internal.h — the engine's shared pieces: parse tree nodes, templates, sets, the executor. */
#ifndef HELM_TEMPLATE_INTERNAL_H
#define HELM_TEMPLATE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "template/template.h"
#include "value.h"

/* Node types, as Go's parse package names them. */
enum node_type {
	N_TEXT, N_ACTION, N_BOOL, N_CHAIN, N_COMMAND, N_DOT, N_FIELD, N_IDENT, N_IF, N_LIST, N_NIL,
	N_NUMBER, N_PIPE, N_RANGE, N_STRING, N_TEMPLATE, N_VARIABLE, N_WITH, N_COMMENT, N_BREAK,
	N_CONTINUE,
	N_ELSE, N_END, /* only while parsing */
};

struct tree;
struct builtin;

typedef struct node node;
/* A large chart holds hundreds of thousands of nodes, and a parse's memory is mostly its nodes
 * (every page of it a page fault): a node is allocated only up to the last member its type uses
 * (parse.c's new_node), and no code reads a member its type does not have.  So the members every
 * type has come first, then those of fewer and fewer types; what no two types share is
 * overlaid. */
struct node {
	unsigned char type;
	bool flag;            /* BOOL: true; PIPE: is assignment */
	unsigned short ndecl; /* PIPE: declared variables (Go allows two) */
	int pos;              /* byte offset in the tree's text */
	union {
		int nkids;    /* LIST, COMMAND, PIPE */
		int nident;   /* FIELD, VARIABLE, CHAIN */
		unsigned len; /* TEXT, COMMENT, STRING, NUMBER, IDENT: of text */
	};
	unsigned qlen; /* STRING: of quoted */
	/* TEXT, COMMENT: raw text; STRING: unquoted value (not NUL-terminated, often in the
	 * tree's text); NUMBER: literal text; IDENT: name; TEMPLATE: template name */
	const char *text;
	union {
		struct {
			node **kids; /* LIST: nodes; COMMAND: args; PIPE: commands */
			node **decl; /* PIPE: declared variables (VARIABLE nodes) */
		};
		struct {
			char **ident; /* FIELD, VARIABLE, CHAIN: identifiers ("$x" first for variables) */
			node *sub;    /* CHAIN: the term */
		};
		/* ACTION, TEMPLATE (may be NULL): pipe; IF, RANGE, WITH: pipe, list, else list */
		struct {
			node *pipe, *list, *elselist;
		};
		struct { /* IDENT: the function (one of the two) */
			const struct tmpl_func *func;
			const struct builtin *builtin;
		};
		struct {
			const char *quoted; /* STRING: the literal as written, in the tree's text */
			hv *value; /* STRING: its value, made on first use (set_keep owns it) */
		};
		struct number *num; /* NUMBER (behind a pointer: the largest member, and rare) */
	};
};

/* A NUMBER node's value in each form the literal has (Go's parse.NumberNode). */
struct number {
	bool is_int, is_uint, is_float, is_complex;
	int64_t i;
	uint64_t u;
	double f, re, im;
};

/* One parsed template (Go's parse.Tree). */
struct tree {
	char *name;            /* template name */
	const char *parse_name; /* name of the top-level template whose text holds it */
	const char *text;      /* the whole parsed text (for line:col of errors) */
	node *root;            /* LIST */
};

/* Memory for the trees of one parse: freed all at once. */
struct arena {
	struct arena *next;
	size_t used, cap;
	_Alignas(16) char mem[];
};
void *arena_alloc_slow(struct arena **a, size_t n);
/* N zeroed bytes; inline: a parse allocates for every node. */
static inline void *arena_alloc(struct arena **a, size_t n)
{
	n = (n + 7) & ~(size_t)7; /* pointers and 64-bit numbers are the widest things stored */
	if (!*a || (*a)->cap - (*a)->used < n)
		return arena_alloc_slow(a, n);
	void *p = (*a)->mem + (*a)->used;
	(*a)->used += n;
	memset(p, 0, n);
	return p;
}
char *arena_strndup(struct arena **a, const char *s, size_t n);
void arena_free(struct arena *a);

/* Parses TEXT as template NAME (parse.c).  On success returns the trees (the named one and every
 * define/block) in *trees (*ntrees of them), allocated in *arena, which also holds a copy of TEXT
 * unless KEPT (TEXT, NUL-terminated, outlives the trees).  On error returns -1, *err. */
int tmpl_parse_trees(const char *name, const char *text, size_t len, bool kept, const tmpl_funcs *funcs,
		     struct arena **arena, struct tree ***trees, int *ntrees, char **err);
bool tree_is_empty(const node *n);

/* Go's Node.String() of N, appended to B. */
void node_string(buf *b, const node *n);

/* The set (template.c). */
struct tree *set_lookup(const tmpl_set *s, const char *name);
const char *set_name(const tmpl_set *s);
int set_missingkey(const tmpl_set *s);
size_t set_max_output(const tmpl_set *s);
tmpl_set *set_overlay(tmpl_set *parent); /* freed with tmpl_set_free */
/* Gives V to the root of S, to be freed with it. */
void set_keep(tmpl_set *s, hv *v);

/* Builtin functions of text/template (builtins.c).  Their arguments are raw: NULL is Go's
 * invalid reflect.Value, hv_nil() a nil interface. */
struct builtin {
	const char *name;
	hv *(*fn)(hv **argv, int argc, char **err);
	const char *params; /* as in func.h, plus R: a reflect.Value (NULL or nil allowed) */
};
const struct builtin *builtin_get(const char *name);

#endif
