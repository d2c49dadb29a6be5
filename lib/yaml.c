/* yaml.c — YAML text -> values, as Helm reads YAML through sigs.k8s.io/yaml:
 * go-yaml v2 decodes into interface{} (YAML 1.1 scalars, merge keys, aliases copied), map keys
 * become strings, then a JSON round trip makes every number a float64.
 *
 * libyaml gives the events (go-yaml is a port of it, so its error texts are go-yaml's);
 * each document is composed into a node tree first, as go-yaml does, then decoded. */
#include "base64.h"
#include "yaml.h"
#include "yaml_quick.h"
#include "yaml_quirks.h"
#include "yaml_resolve.h"
#include "strconv.h"
#include "util.h"

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TAG_PREFIX "tag:yaml.org,2002:"
#define MAX_DEPTH 10000

enum nkind { N_SCALAR, N_SEQ, N_MAP, N_ALIAS };

struct node {
	enum nkind kind;
	bool implicit;      /* plain scalar without a tag: subject to resolution */
	bool expanding;     /* an alias node being expanded (cycle check) */
	bool flow;          /* a flow collection ([...] or {...}) */
	size_t line;        /* where it starts (0-based) */
	char *tag;          /* NULL when none */
	char *value;        /* scalar text, or the anchor an alias names */
	size_t len;
	struct node **kids; /* sequence items; mapping keys and values alternating */
	size_t nkids;
	struct node *alias; /* target of an alias */
	struct node *next;  /* every node of a document, for freeing */
};

struct anchor {
	char *name;
	struct node *node;
};

/* Nodes and their kid arrays come from blocks freed together: a document has many small ones. */
struct block {
	struct block *prev;
	size_t used, cap;
	max_align_t data[];
};

/* One document being composed and decoded. */
struct doc {
	struct yaml_source *src;
	struct node *all;
	struct block *blocks;
	struct anchor *anchors; /* open-addressed hash table */
	size_t nanchors, acap;
	int flags;
	long decodes, alias_uses, alias_depth;
	int depth;
	char *err;      /* the go-style message of the first failure */
	char *json_err; /* the first failure of the JSON conversion, reported after decoding */
};

/* Records go-yaml's failure message (the first one counts); returns NULL for the caller to pass up. */
static void *failf(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void *failf(struct doc *d, const char *fmt, ...)
{
	if (d->err)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	buf b = BUF_INIT;
	buf_puts(&b, "yaml: ");
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	d->err = buf_detach(&b, NULL);
	return NULL;
}

/* ---- anchors ---- */

static size_t hash_name(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static struct anchor *anchor_slot(struct doc *d, const char *name)
{
	size_t i = hash_name(name) & (d->acap - 1);
	while (d->anchors[i].name && strcmp(d->anchors[i].name, name) != 0)
		i = (i + 1) & (d->acap - 1);
	return &d->anchors[i];
}

static void anchor_set(struct doc *d, const char *name, struct node *n)
{
	if ((d->nanchors + 1) * 2 > d->acap) {
		struct anchor *old = d->anchors;
		size_t ocap = d->acap;
		d->acap = ocap ? ocap * 2 : 16;
		d->anchors = xcalloc(d->acap, sizeof *d->anchors);
		for (size_t i = 0; i < ocap; i++)
			if (old[i].name)
				*anchor_slot(d, old[i].name) = old[i];
		free(old);
	}
	struct anchor *a = anchor_slot(d, name);
	if (!a->name) {
		a->name = xstrdup(name);
		d->nanchors++;
	}
	a->node = n; /* a later anchor of the same name replaces the earlier */
}

static struct node *anchor_get(struct doc *d, const char *name)
{
	if (!d->acap)
		return NULL;
	return anchor_slot(d, name)->node;
}

static void *doc_alloc(struct doc *d, size_t size)
{
	size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	struct block *b = d->blocks;
	if (!b || b->cap - b->used < size) {
		size_t cap = b ? b->cap * 2 : 8192;
		if (cap > 262144)
			cap = 262144;
		if (cap < size)
			cap = size;
		b = xmalloc(sizeof *b + cap);
		b->prev = d->blocks;
		b->used = 0;
		b->cap = cap;
		d->blocks = b;
	}
	void *p = (char *)b->data + b->used;
	b->used += size;
	return p;
}

static void doc_free(struct doc *d)
{
	for (struct node *n = d->all; n; n = n->next) {
		free(n->tag);
		free(n->value);
	}
	for (struct block *b = d->blocks, *prev; b; b = prev) {
		prev = b->prev;
		free(b);
	}
	for (size_t i = 0; i < d->acap; i++)
		free(d->anchors[i].name);
	free(d->anchors);
	free(d->err);
	free(d->json_err);
}

/* ---- composing ---- */

static struct node *new_node(struct doc *d, enum nkind kind, const yaml_char_t *tag, const yaml_char_t *anchor)
{
	struct node *n = doc_alloc(d, sizeof *n);
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->tag = tag ? xstrdup((const char *)tag) : NULL;
	n->next = d->all;
	d->all = n;
	if (anchor)
		anchor_set(d, (const char *)anchor, n);
	return n;
}

/* Records a message made elsewhere (the first one counts); returns NULL. */
static void *fail_msg(struct doc *d, char *msg)
{
	if (d->err)
		free(msg);
	else
		d->err = msg;
	return NULL;
}

/* A collection being composed: its kids gather on a stack shared by all of them (from FIRST),
 * to be copied out once it closes. */
struct open {
	struct node *n;
	size_t first;
};

struct composer {
	struct open *open;
	size_t depth, cap;
	struct node **kids;
	size_t nkids, kcap;
};

static void composer_free(struct composer *c)
{
	free(c->open);
	free(c->kids);
}

static void push_kid(struct composer *c, struct node *n)
{
	if (c->nkids == c->kcap) {
		c->kcap = c->kcap ? c->kcap * 2 : 64;
		c->kids = xrealloc(c->kids, c->kcap * sizeof *c->kids);
	}
	c->kids[c->nkids++] = n;
}

static void push_open(struct composer *c, struct node *n)
{
	if (c->depth == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->open = xrealloc(c->open, c->cap * sizeof *c->open);
	}
	c->open[c->depth++] = (struct open){n, c->nkids};
}

static struct node *pop_open(struct doc *d, struct composer *c)
{
	struct open o = c->open[--c->depth];
	o.n->nkids = c->nkids - o.first;
	o.n->kids = doc_alloc(d, o.n->nkids * sizeof *o.n->kids);
	if (o.n->nkids)
		memcpy(o.n->kids, c->kids + o.first, o.n->nkids * sizeof *o.n->kids);
	c->nkids = o.first;
	return o.n;
}

/* Where a document's events come from: libyaml's parser, or the quick reader. */
struct events {
	yaml_parser_t *p;
	struct yaml_quick_events *quick;
	size_t next;
};

static bool next_event(struct doc *d, struct events *es, yaml_event_t *ev)
{
	if (es->quick) {
		*ev = es->quick->ev[es->next];
		memset(&es->quick->ev[es->next++], 0, sizeof *ev); /* the caller owns it now */
		return true;
	}
	if (yaml_parser_parse(es->p, ev))
		return true;
	fail_msg(d, yaml_parser_error(d->src, es->p));
	return false;
}

/* Reads the events of one document (after its DOCUMENT-START) into a tree; false on failure.
 * *ROOT stays NULL for an empty document. */
static bool compose(struct doc *d, struct events *es, struct node **rootp)
{
	struct composer c = {0};
	struct node *root = NULL;
	int flow = 0, block = 0; /* open flow and block collections */
	bool ok = false;
	for (;;) {
		yaml_event_t ev;
		if (!next_event(d, es, &ev))
			break;
		struct node *n = NULL;
		bool open = false, close = false;
		size_t line = ev.start_mark.line;
		struct node *parent = c.depth ? c.open[c.depth - 1].n : NULL;
		bool in_flow = parent && parent->flow;
		const yaml_char_t *tag = ev.type == YAML_SCALAR_EVENT ? ev.data.scalar.tag
		                       : ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.tag
		                       : ev.type == YAML_MAPPING_START_EVENT ? ev.data.mapping_start.tag : NULL;
		if (in_flow && tag && yaml_tag_runs_on(d->src, &ev)) {
			failf(d, "a tag runs on"); /* not shown: parsed again with the patch */
			yaml_event_delete(&ev);
			break;
		}
		switch (ev.type) {
		case YAML_SCALAR_EVENT: {
			char *refused = yaml_scalar_refused(d->src, &ev, !in_flow ? 0 : parent->kind == N_SEQ ? '[' : '{',
			                                    in_flow ? parent->line : 0);
			if (refused) {
				fail_msg(d, refused);
				yaml_event_delete(&ev);
				goto out;
			}
			n = new_node(d, N_SCALAR, ev.data.scalar.tag, ev.data.scalar.anchor);
			n->value = (char *)ev.data.scalar.value; /* taken: libyaml allocates with malloc */
			ev.data.scalar.value = NULL;
			n->len = ev.data.scalar.length;
			if (d->src->stand_ins)
				n->len = yaml_restore_stand_ins(n->value, n->len);
			n->implicit = ev.data.scalar.plain_implicit;
			break;
		}
		case YAML_ALIAS_EVENT:
			n = new_node(d, N_ALIAS, NULL, NULL);
			n->value = xstrdup((const char *)ev.data.alias.anchor);
			n->alias = anchor_get(d, n->value);
			if (!n->alias) {
				yaml_event_delete(&ev);
				failf(d, "unknown anchor '%s' referenced", n->value);
				goto out;
			}
			break;
		case YAML_SEQUENCE_START_EVENT:
			n = new_node(d, N_SEQ, ev.data.sequence_start.tag, ev.data.sequence_start.anchor);
			n->flow = ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
			n->line = line;
			open = true;
			break;
		case YAML_MAPPING_START_EVENT:
			n = new_node(d, N_MAP, ev.data.mapping_start.tag, ev.data.mapping_start.anchor);
			n->flow = ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
			n->line = line;
			open = true;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			close = true;
			break;
		case YAML_DOCUMENT_END_EVENT:
			yaml_event_delete(&ev);
			*rootp = root;
			ok = true;
			goto out;
		default:
			break;
		}
		yaml_event_delete(&ev);
		if (n) {
			if (c.depth)
				push_kid(&c, n);
			else
				root = n;
			if (open) {
				int *level = n->flow ? &flow : &block;
				if (++*level > MAX_DEPTH) {
					/* go-yaml's scanner refuses deeper nesting (a scanner error: lines from 1) */
					if (line)
						failf(d, "line %zu: exceeded max depth of %d", line + 1, MAX_DEPTH);
					else
						failf(d, "exceeded max depth of %d", MAX_DEPTH);
					break;
				}
				push_open(&c, n);
			}
		}
		if (close && c.depth)
			*(pop_open(d, &c)->flow ? &flow : &block) -= 1;
	}
out:
	composer_free(&c);
	return ok;
}

/* ---- scalars ---- */

/* The first seven are enum yaml_rtype's. */
enum rtype { R_NULL, R_BOOL, R_INT, R_UINT, R_FLOAT, R_STR, R_TIMESTAMP, R_BINARY, R_MERGE, R_OTHER, R_ANY, R_FAIL };

struct resolved {
	enum rtype type;
	bool b;
	int64_t i;
	uint64_t u;
	double f;
};

/* What an explicit tag asks for (R_ANY: none). */
static enum rtype tag_type(const char *tag)
{
	static const struct { const char *name; enum rtype t; } tags[] = {
		{"null", R_NULL}, {"bool", R_BOOL}, {"int", R_INT}, {"float", R_FLOAT}, {"str", R_STR},
		{"timestamp", R_TIMESTAMP}, {"binary", R_BINARY}, {"merge", R_MERGE},
	};
	if (!tag)
		return R_ANY;
	if (strncmp(tag, TAG_PREFIX, strlen(TAG_PREFIX)) == 0)
		for (size_t i = 0; i < sizeof tags / sizeof *tags; i++)
			if (strcmp(tag + strlen(TAG_PREFIX), tags[i].name) == 0)
				return tags[i].t;
	return R_OTHER;
}

static const char *short_tag(enum rtype t)
{
	static const char *names[] = {"!!null", "!!bool", "!!int", "!!int", "!!float", "!!str", "!!timestamp"};
	return names[t];
}

/* go-yaml v2's resolve() of a plain or tagged scalar, as decoded into interface{}. */
static struct resolved resolve(struct doc *d, const struct node *n)
{
	struct resolved r = {R_STR, false, 0, 0, 0};
	enum rtype want = tag_type(n->tag);
	if (want == R_BINARY || want == R_MERGE || want == R_OTHER) {
		r.type = want == R_BINARY ? R_BINARY : R_STR; /* not resolvable: the text as it is */
		return r;
	}
	if (want == R_STR || strlen(n->value) != n->len)
		return r;
	struct yaml_resolved y = yaml_resolve(n->value, n->len, want == R_ANY || want == R_TIMESTAMP);
	r = (struct resolved){(enum rtype)y.type, y.b, y.i, y.u, y.f};
	if (r.type == R_TIMESTAMP && (want == R_ANY || want == R_TIMESTAMP)) {
		r.type = R_STR; /* into interface{}, a timestamp stays a string */
		return r;
	}
	if (want == R_ANY || want == r.type || (want == R_INT && r.type == R_UINT))
		return r;
	if (want == R_FLOAT && r.type == R_INT) {
		r.type = R_FLOAT;
		r.f = (double)r.i;
		return r;
	}
	failf(d, "cannot decode %s `%s` as a %s", short_tag(r.type), n->value, short_tag(want));
	r.type = R_FAIL;
	return r;
}

/* The JSON trip turns invalid UTF-8 into U+FFFD. */
static hv *json_string(const char *s, size_t n)
{
	if (go_utf8_valid(s, n))
		return hv_strn(s, n);
	buf b = BUF_INIT;
	for (size_t i = 0; i < n;) {
		int size;
		if (go_utf8_decode(s + i, n - i, &size) < 0)
			buf_puts(&b, "\xef\xbf\xbd");
		else
			buf_add(&b, s + i, (size_t)size);
		i += (size_t)size;
	}
	size_t len;
	char *str = buf_detach(&b, &len);
	return hv_str_take(str, len);
}

static void json_fail(struct doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void json_fail(struct doc *d, const char *fmt, ...)
{
	if (d->json_err)
		return;
	va_list ap;
	va_start(ap, fmt);
	buf b = BUF_INIT;
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	d->json_err = buf_detach(&b, NULL);
}

/* A scalar's value; with BUILD false just its errors, and nil. */
static hv *decode_scalar(struct doc *d, const struct node *n, bool build)
{
	bool json = !(d->flags & YAML_INTS);
	if (!n->tag && !n->implicit)
		return !build ? hv_nil() : json ? json_string(n->value, n->len) : hv_strn(n->value, n->len);
	/* untagged, only the .nan and .inf words fail (in JSON): none is longer than 5 bytes */
	if (!build && !n->tag && (n->len > 5 || !strchr(".+-", n->value[0]) || !n->value[0]))
		return hv_nil();
	struct resolved r = resolve(d, n);
	if (r.type == R_FAIL)
		return NULL;
	if (r.type == R_FLOAT && json && (isnan(r.f) || isinf(r.f)))
		json_fail(d, "json: unsupported value: %s", isnan(r.f) ? "NaN" : r.f > 0 ? "+Inf" : "-Inf");
	if (r.type == R_BINARY) {
		buf b = BUF_INIT;
		if (base64_decode(&b, n->value, n->len) >= 0) {
			buf_free(&b);
			return failf(d, "!!binary value contains invalid base64 data");
		}
		hv *v = !build ? hv_nil() : json ? json_string(buf_str(&b), b.len) : hv_strn(buf_str(&b), b.len);
		buf_free(&b);
		return v;
	}
	if (!build)
		return hv_nil();
	switch (r.type) {
	case R_NULL: return hv_nil();
	case R_BOOL: return hv_bool(r.b);
	case R_INT: return json ? hv_float((double)r.i) : hv_int_typed(r.i, HV_GO_INT64);
	case R_UINT: return json ? hv_float((double)r.u) : hv_uint(r.u, HV_GO_UINT64);
	case R_FLOAT: return hv_float(r.f);
	default: return json ? json_string(n->value, n->len) : hv_strn(n->value, n->len);
	}
}

static void merge_into(hv *out, hv *m)
{
	for (size_t j = 0; j < hv_len(m); j++)
		hv_map_setn(out, hv_map_key(m, j), hv_map_keylen(m, j), hv_ref(hv_map_val(m, j)));
	hv_free(m);
}

/* ---- decoding ---- */

/* go-yaml's guard against alias bombs ("billion laughs"). */
static double allowed_alias_ratio(long decodes)
{
	if (decodes <= 400000)
		return 0.99;
	if (decodes >= 4000000)
		return 0.10;
	return 0.99 - 0.89 * ((double)(decodes - 400000) / 3600000.0);
}

/* What a decode builds: everything, nothing (only the errors are wanted), or a manifest's head:
 * at the top kind, apiVersion and metadata (HEAD), in metadata its name and annotations (META). */
enum want { W_FULL, W_CHECK, W_HEAD, W_META };

static hv *decode(struct doc *d, struct node *n, enum want want);

static bool is_merge(const struct node *n)
{
	return n->kind == N_SCALAR && strcmp(n->value, "<<") == 0 &&
	       (n->implicit || (n->tag && strcmp(n->tag, TAG_PREFIX "merge") == 0));
}

/* fmt's %#v of a value as go-yaml decoded it (for error messages). */
static void go_syntax(buf *b, const hv *v, bool top)
{
	switch (hv_kind_of(v)) {
	case HV_NIL:
		buf_puts(b, top ? "<nil>" : "interface {}(nil)");
		return;
	case HV_BOOL:
		buf_puts(b, hv_get_bool(v) ? "true" : "false");
		return;
	case HV_INT:
		buf_printf(b, "%lld", (long long)hv_get_int(v));
		return;
	case HV_UINT:
		buf_printf(b, "0x%llx", (unsigned long long)hv_get_uint(v));
		return;
	case HV_FLOAT:
		go_format_float(b, hv_get_float(v), 'g', -1);
		return;
	case HV_STRING: {
		const char *s = hv_get_str(v);
		buf_putc(b, '"');
		for (size_t i = 0; i < hv_str_len(v); i++) {
			unsigned char c = (unsigned char)s[i];
			if (c == '"' || c == '\\')
				buf_printf(b, "\\%c", c);
			else if (c == '\n')
				buf_puts(b, "\\n");
			else if (c == '\t')
				buf_puts(b, "\\t");
			else if (c < 0x20 || c == 0x7f)
				buf_printf(b, "\\x%02x", c);
			else
				buf_putc(b, (char)c);
		}
		buf_putc(b, '"');
		return;
	}
	case HV_LIST:
		buf_puts(b, "[]interface {}{");
		for (size_t i = 0; i < hv_len(v); i++) {
			if (i)
				buf_puts(b, ", ");
			go_syntax(b, hv_list_get(v, i), false);
		}
		buf_putc(b, '}');
		return;
	case HV_MAP:
		buf_puts(b, "map[interface {}]interface {}{");
		for (size_t i = 0; i < hv_len(v); i++) {
			if (i)
				buf_puts(b, ", ");
			buf_printf(b, "\"%s\":", hv_map_key(v, i));
			go_syntax(b, hv_map_val(v, i), false);
		}
		buf_putc(b, '}');
		return;
	default:
		return;
	}
}

/* A key other than a string, decoded with go-yaml's own types, as sigs.k8s.io/yaml makes it a
 * JSON object key; NULL for the types it refuses. */
static char *key_string(struct doc *d, hv *k, size_t *len)
{
	buf b = BUF_INIT;
	switch (hv_kind_of(k)) {
	case HV_BOOL:
		buf_puts(&b, hv_get_bool(k) ? "true" : "false");
		break;
	case HV_INT:
		buf_printf(&b, "%lld", (long long)hv_get_int(k));
		break;
	case HV_FLOAT:
		go_format_float_bits(&b, hv_get_float(k), 'g', -1, 32);
		if (strcmp(b.s, "NaN") == 0 || strcmp(b.s, "+Inf") == 0 || strcmp(b.s, "-Inf") == 0) {
			const char *special = b.s[0] == 'N' ? ".nan" : b.s[0] == '+' ? ".inf" : "-.inf";
			buf_reset(&b);
			buf_puts(&b, special);
		}
		break;
	default:
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, len);
}


/* go-yaml's count of decodes, its guards against alias bombs and deep nesting. */
static bool enter(struct doc *d)
{
	d->decodes++;
	if (d->alias_depth > 0)
		d->alias_uses++;
	if (d->alias_uses > 100 && d->decodes > 1000 &&
	    (double)d->alias_uses / (double)d->decodes > allowed_alias_ratio(d->decodes))
		return failf(d, "document contains excessive aliasing");
	if (d->depth >= MAX_DEPTH)
		return failf(d, "exceeded max depth of %d", MAX_DEPTH);
	return true;
}

/* go-yaml's merge: a map, an alias of one, or a list of them (earlier entries win); OUT is NULL
 * when nothing is built. */
static bool merge(struct doc *d, struct node *n, hv *out, enum want want)
{
	static const char want_map[] = "map merge requires map or sequence of maps as the value";
	bool list = n->kind == N_SEQ;
	for (size_t i = list ? n->nkids : 1; i-- > 0;) {
		struct node *k = list ? n->kids[i] : n;
		if ((k->kind == N_ALIAS ? k->alias : k)->kind != N_MAP)
			return failf(d, want_map);
		hv *m = decode(d, k, want);
		if (!m)
			return false;
		if (out)
			merge_into(out, m);
	}
	return true;
}

/* sigs.k8s.io/yaml refuses a nil or uint64 key once go-yaml is done; its message shows the
 * key's (last) value as go-yaml has it. */
static void refuse_key(struct doc *d, const hv *k, struct node *val)
{
	int flags = d->flags;
	d->flags |= YAML_INTS;
	hv *raw = decode(d, val, W_FULL);
	d->flags = flags;
	buf b = BUF_INIT;
	go_syntax(&b, k, true);
	buf_puts(&b, ", value: ");
	if (raw)
		go_syntax(&b, raw, true);
	hv_free(raw);
	if (!d->json_err)
		d->json_err = xasprintf("unsupported map key of type: %s, key: %s",
		                        hv_kind_of(k) == HV_UINT ? "uint64" : "%!s(<nil>)", buf_str(&b));
	buf_free(&b);
}

/* What a decode of N's value under KEY builds. */
static enum want value_want(enum want want, const char *key, size_t len)
{
#define IS(lit) (len == sizeof lit - 1 && memcmp(key, lit, len) == 0)
	switch (want) {
	case W_HEAD: return IS("kind") || IS("apiVersion") ? W_FULL : IS("metadata") ? W_META : W_CHECK;
	case W_META: return IS("name") || IS("annotations") ? W_FULL : W_CHECK;
	default: return want;
	}
#undef IS
}

/* Whether key N decodes to its own text (a string), so it need not be built. */
static bool plain_string_key(struct doc *d, const struct node *n)
{
	return n->kind == N_SCALAR && !n->tag && (!n->implicit || resolve(d, n).type == R_STR);
}

static bool decode_mapping(struct doc *d, struct node *n, hv *out, enum want want)
{
	hv *bad = NULL; /* the first refused key, and the value node it has last */
	struct node *bad_val = NULL;
	bool ok = true;
	for (size_t i = 0; ok && i + 1 < n->nkids; i += 2) {
		struct node *kn = n->kids[i];
		if (is_merge(kn)) {
			ok = merge(d, n->kids[i + 1], out, want);
			continue;
		}
		hv *k = NULL;
		char *owned = NULL;
		const char *key;
		size_t klen;
		if (plain_string_key(d, kn)) {
			if (!enter(d)) {
				ok = false;
				break;
			}
			key = kn->value;
			klen = kn->len;
		} else {
			/* keys keep go-yaml's types: the JSON trip happens after they became strings */
			int flags = d->flags;
			d->flags |= YAML_INTS;
			k = decode(d, kn, W_FULL);
			d->flags = flags;
			if (!k) {
				ok = false;
				break;
			}
			if (hv_kind_of(k) == HV_MAP || hv_kind_of(k) == HV_LIST) {
				buf b = BUF_INIT;
				go_syntax(&b, k, true);
				failf(d, "invalid map key: %s", buf_str(&b));
				buf_free(&b);
				hv_free(k);
				ok = false;
				break;
			}
			klen = hv_str_len(k);
			owned = hv_kind_of(k) == HV_STRING ? NULL : key_string(d, k, &klen);
			key = owned ? owned : hv_kind_of(k) == HV_STRING ? hv_get_str(k) : NULL;
			if (!key) {
				if (!bad)
					bad = hv_ref(k);
				if (hv_equal(bad, k))
					bad_val = n->kids[i + 1];
			}
		}
		enum want vwant = key ? value_want(want, key, klen) : want == W_FULL ? W_FULL : W_CHECK;
		hv *v = decode(d, n->kids[i + 1], vwant);
		if (v && key && vwant != W_CHECK)
			hv_map_setn(out, key, klen, v);
		else
			hv_free(v);
		free(owned);
		hv_free(k);
		if (!v) {
			ok = false;
			break;
		}
	}
	if (ok && bad)
		refuse_key(d, bad, bad_val);
	hv_free(bad);
	return ok;
}

/* N's value; with WANT W_CHECK just its errors, and nil. */
static hv *decode(struct doc *d, struct node *n, enum want want)
{
	if (!enter(d))
		return NULL;
	d->depth++;
	hv *v = NULL;
	switch (n->kind) {
	case N_SCALAR:
		v = decode_scalar(d, n, want != W_CHECK);
		break;
	case N_ALIAS:
		if (n->expanding) {
			v = failf(d, "anchor '%s' value contains itself", n->value);
			break;
		}
		n->expanding = true;
		d->alias_depth++;
		v = decode(d, n->alias, want);
		d->alias_depth--;
		n->expanding = false;
		break;
	case N_SEQ: {
		enum want iwant = want == W_CHECK ? W_CHECK : W_FULL;
		v = iwant == W_CHECK ? hv_nil() : hv_list();
		for (size_t i = 0; i < n->nkids; i++) {
			hv *item = decode(d, n->kids[i], iwant);
			if (!item) {
				hv_free(v);
				v = NULL;
				break;
			}
			if (iwant == W_CHECK)
				continue;
			hv_list_push(v, item);
		}
		break;
	}
	case N_MAP:
		v = want == W_CHECK ? hv_nil() : hv_map();
		if (!decode_mapping(d, n, want == W_CHECK ? NULL : v, want)) {
			hv_free(v);
			v = NULL;
		}
		break;
	}
	d->depth--;
	return v;
}

/* ---- documents ---- */

static char *error_text(const char *name, const char *msg)
{
	return xasprintf("%s%serror converting YAML to JSON: %s", name ? name : "", name ? ": " : "", msg);
}

/* Composes and decodes one document whose DOCUMENT-START has been read. */
static hv *one_document(struct events *es, struct yaml_source *src, const char *name, int flags, char **err)
{
	struct doc d;
	memset(&d, 0, sizeof d);
	d.src = src;
	d.flags = flags;
	struct node *root = NULL;
	hv *v = NULL;
	if (compose(&d, es, &root))
		v = root ? decode(&d, root, flags & YAML_HEAD ? W_HEAD : W_FULL) : hv_nil();
	if (v && d.json_err) {
		hv_free(v);
		v = NULL;
	}
	if (!v)
		*err = error_text(name, d.err ? d.err : d.json_err);
	doc_free(&d);
	return v;
}

static hv *parse_source(struct yaml_source *src, const char *name, int flags, bool all, char **err)
{
	const char *s = src->s;
	size_t n = src->n;
	yaml_parser_t p;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
	hv *list = hv_list();
	for (;;) {
		yaml_event_t ev;
		struct doc d;
		memset(&d, 0, sizeof d);
		d.src = src;
		if (!yaml_parser_parse(&p, &ev)) {
			fail_msg(&d, yaml_parser_error(src, &p));
			*err = error_text(name, d.err);
			doc_free(&d);
			goto fail;
		}
		yaml_event_type_t type = ev.type;
		yaml_version_directive_t *version = type == YAML_DOCUMENT_START_EVENT ? ev.data.document_start.version_directive : NULL;
		if (version && version->minor != 1) {
			/* go-yaml knows only %YAML 1.1 (libyaml also reads 1.2) */
			fail_msg(&d, yaml_go_error(false, ev.start_mark.line, 0, "found incompatible YAML document"));
			*err = error_text(name, d.err);
			doc_free(&d);
			yaml_event_delete(&ev);
			goto fail;
		}
		yaml_event_delete(&ev);
		if (type == YAML_STREAM_END_EVENT)
			break;
		if (type != YAML_DOCUMENT_START_EVENT)
			continue;
		struct events es = {&p, NULL, 0};
		hv *v = one_document(&es, src, name, flags, err);
		if (!v)
			goto fail;
		hv_list_push(list, v);
		if (!all)
			break;
	}
	yaml_parser_delete(&p);
	if (all)
		return list;
	hv *first = hv_len(list) ? hv_ref(hv_list_get(list, 0)) : hv_nil();
	hv_free(list);
	return first;
fail:
	yaml_parser_delete(&p);
	hv_free(list);
	return NULL;
}

static hv *parse(const char *s, size_t n, const char *name, int flags, bool all, char **err)
{
	size_t len = n;
	char *copy = yaml_stand_in_boms(s, &len);
	bool stand_ins = copy != NULL;
	if (copy)
		s = copy, n = len;
	for (int tries = 0;; tries++) {
		struct yaml_source src;
		yaml_source_init(&src, s, n, stand_ins);
		hv *v = parse_source(&src, name, flags, all, err);
		if (v || !src.patch_with || tries == 1000) {
			free(copy);
			return v;
		}
		free(*err);
		*err = NULL;
		stand_ins = stand_ins || yaml_is_stand_in(src.patch_with);
		buf b = BUF_INIT;
		buf_add(&b, s, src.patch_at);
		buf_puts(&b, src.patch_with);
		buf_add(&b, s + src.patch_at + src.patch_len, n - src.patch_at - src.patch_len);
		free(copy);
		copy = buf_detach(&b, &n);
		s = copy;
	}
}

/* S read by the quick reader, or NULL when it is not for it. */
static hv *quick_parse(const char *s, size_t n, const char *name, int flags)
{
	struct yaml_quick_events q = {0};
	if (!yaml_quick_events(s, n, &q))
		return NULL;
	struct yaml_source src;
	yaml_source_init(&src, s, n, false);
	struct events es = {NULL, &q, 0};
	char *err = NULL;
	hv *v = one_document(&es, &src, name, flags, &err);
	free(err); /* not expected: then libyaml's reading tells */
	yaml_quick_events_free(&q);
	return v;
}

/* S read by the quick reader, or just its head with YAML_HEAD; NULL when it is not for it. */
static hv *quick_read(const char *s, size_t n, const char *name, int flags)
{
	if (!(flags & YAML_HEAD))
		return quick_parse(s, n, name, flags);
	/* a document the quick reader vouches for reads as its head's lines do */
	buf head = BUF_INIT;
	hv *v = NULL;
	if (yaml_quick_head(s, n, &head))
		v = head.len ? quick_parse(head.s, head.len, name, flags) : hv_map();
	buf_free(&head);
	return v;
}

hv *yaml_parse(const char *s, size_t n, const char *name, int flags, char **err)
{
	hv *v = flags & YAML_LIBYAML ? NULL : quick_read(s, n, name, flags);
	return v ? v : parse(s, n, name, flags, false, err);
}

hv *yaml_parse_all(const char *s, size_t n, const char *name, int flags, char **err)
{
	return parse(s, n, name, flags, true, err);
}
