#include "value.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct entry {
	hv *key; /* a string: shared by the copies of the map */
	hv *val;
};

struct hv {
	unsigned refs;
	unsigned char kind;
	unsigned char sub;
	union {
		bool b;
		int64_t i;
		uint64_t u;
		double f;
		struct { char *s; size_t len; } str;
		struct { hv **items; size_t len, cap; } list;
		struct { struct entry *e; size_t len, cap; } map;
		struct { const struct hv_object_ops *ops; void *data; } obj;
		struct { hv_fn fn; void *data; void (*destroy)(void *); const char *gotype; } fn;
	} u;
};

/* nil, true and false are shared and never freed. */
static hv nil_value = {1, HV_NIL, 0, {0}};
static hv true_value = {1, HV_BOOL, 0, {.b = true}};
static hv false_value = {1, HV_BOOL, 0, {.b = false}};

static bool is_static(const hv *v) { return v == &nil_value || v == &true_value || v == &false_value; }

static hv *alloc(hv_kind k, int sub)
{
	hv *v = xcalloc(1, sizeof *v);
	v->refs = 1;
	v->kind = (unsigned char)k;
	v->sub = (unsigned char)sub;
	return v;
}

hv *hv_nil(void) { return &nil_value; }
hv *hv_bool(bool b) { return b ? &true_value : &false_value; }
hv *hv_int(int64_t i) { return hv_int_typed(i, HV_GO_INT); }

hv *hv_int_typed(int64_t i, int sub)
{
	hv *v = alloc(HV_INT, sub);
	v->u.i = i;
	return v;
}

hv *hv_uint(uint64_t u, int sub)
{
	hv *v = alloc(HV_UINT, sub);
	v->u.u = u;
	return v;
}

hv *hv_float(double d)
{
	hv *v = alloc(HV_FLOAT, HV_GO_FLOAT64);
	v->u.f = d;
	return v;
}

hv *hv_str_take(char *s, size_t n)
{
	hv *v = alloc(HV_STRING, 0);
	v->u.str.s = s;
	v->u.str.len = n;
	return v;
}

/* The bytes follow the node in one allocation. */
hv *hv_strn(const char *s, size_t n)
{
	hv *v = xmalloc(sizeof *v + n + 1);
	*v = (hv){1, HV_STRING, 0, {.str = {(char *)(v + 1), n}}};
	memcpy(v->u.str.s, s, n);
	v->u.str.s[n] = 0;
	return v;
}

hv *hv_str(const char *s) { return hv_strn(s, strlen(s)); }
hv *hv_list(void) { return alloc(HV_LIST, HV_GO_ANYLIST); }
hv *hv_map(void) { return alloc(HV_MAP, HV_GO_ANYMAP); }

hv *hv_object(const struct hv_object_ops *ops, void *data)
{
	hv *v = alloc(HV_OBJECT, 0);
	v->u.obj.ops = ops;
	v->u.obj.data = data;
	return v;
}

hv *hv_func(hv_fn fn, void *data, void (*destroy)(void *), const char *gotype)
{
	hv *v = alloc(HV_FUNC, 0);
	v->u.fn.fn = fn;
	v->u.fn.data = data;
	v->u.fn.destroy = destroy;
	v->u.fn.gotype = gotype;
	return v;
}

hv *hv_ref(hv *v)
{
	if (!is_static(v))
		v->refs++;
	return v;
}

void hv_free(hv *v)
{
	if (!v || is_static(v) || --v->refs > 0)
		return;
	switch (v->kind) {
	case HV_STRING:
		if (v->u.str.s != (char *)(v + 1))
			free(v->u.str.s);
		break;
	case HV_LIST:
		for (size_t i = 0; i < v->u.list.len; i++)
			hv_free(v->u.list.items[i]);
		free(v->u.list.items);
		break;
	case HV_MAP:
		for (size_t i = 0; i < v->u.map.len; i++) {
			hv_free(v->u.map.e[i].key);
			hv_free(v->u.map.e[i].val);
		}
		free(v->u.map.e);
		break;
	case HV_OBJECT:
		if (v->u.obj.ops->destroy)
			v->u.obj.ops->destroy(v->u.obj.data);
		break;
	case HV_FUNC:
		if (v->u.fn.destroy)
			v->u.fn.destroy(v->u.fn.data);
		break;
	}
	free(v);
}

hv_kind hv_kind_of(const hv *v) { return (hv_kind)v->kind; }
int hv_sub(const hv *v) { return v->sub; }

void hv_set_sub(hv *v, int sub)
{
	if (!is_static(v))
		v->sub = (unsigned char)sub;
}

bool hv_is_nil(const hv *v) { return v->kind == HV_NIL; }
bool hv_get_bool(const hv *v) { return v->kind == HV_BOOL && v->u.b; }

int64_t hv_get_int(const hv *v)
{
	switch (v->kind) {
	case HV_INT: return v->u.i;
	case HV_UINT: return (int64_t)v->u.u;
	case HV_FLOAT: return (int64_t)v->u.f;
	default: return 0;
	}
}

uint64_t hv_get_uint(const hv *v)
{
	return v->kind == HV_UINT ? v->u.u : (uint64_t)hv_get_int(v);
}

double hv_get_float(const hv *v)
{
	switch (v->kind) {
	case HV_FLOAT: return v->u.f;
	case HV_INT: return (double)v->u.i;
	case HV_UINT: return (double)v->u.u;
	default: return 0;
	}
}

const char *hv_get_str(const hv *v) { return v->kind == HV_STRING ? v->u.str.s : ""; }
void *hv_object_data(const hv *v) { return v->kind == HV_OBJECT ? v->u.obj.data : NULL; }
const struct hv_object_ops *hv_object_ops_of(const hv *v) { return v->kind == HV_OBJECT ? v->u.obj.ops : NULL; }

size_t hv_str_len(const hv *v) { return v->kind == HV_STRING ? v->u.str.len : 0; }

const char *hv_gotype(const hv *v)
{
	static const char *ints[] = {"int", "int64", "int32", "int8", "int16"};
	static const char *uints[] = {"uint", "uint64", "uint8", "uint32", "uint16"};
	static const char *lists[] = {"[]interface {}", "[]string", "[]uint8", "[]int", "[][]interface {}"};
	static const char *maps[] = {"map[string]interface {}", "chartutil.Values", "map[string]string"};
	switch (v->kind) {
	case HV_NIL: return "<nil>";
	case HV_BOOL: return "bool";
	case HV_INT: return v->sub < 5 ? ints[v->sub] : "int";
	case HV_UINT: return v->sub < 5 ? uints[v->sub] : "uint";
	case HV_FLOAT: return "float64";
	case HV_STRING: return "string";
	case HV_LIST: return v->sub < 5 ? lists[v->sub] : "[]interface {}";
	case HV_MAP: return v->sub < 3 ? maps[v->sub] : "map[string]interface {}";
	case HV_OBJECT: return v->u.obj.ops->gotype;
	case HV_FUNC: return v->u.fn.gotype ? v->u.fn.gotype : "func";
	}
	return "?";
}

hv *hv_call(hv *fn, hv **argv, int argc, char **err)
{
	if (fn->kind != HV_FUNC) {
		*err = xasprintf("can't call non-function of type %s", hv_gotype(fn));
		return NULL;
	}
	return fn->u.fn.fn(fn->u.fn.data, argv, argc, err);
}

size_t hv_len(const hv *v)
{
	switch (v->kind) {
	case HV_LIST: return v->u.list.len;
	case HV_MAP: return v->u.map.len;
	case HV_STRING: return v->u.str.len;
	default: return 0;
	}
}

hv *hv_list_get(const hv *l, size_t i) { return l->u.list.items[i]; }

void hv_list_push(hv *l, hv *item)
{
	if (l->u.list.len == l->u.list.cap) {
		l->u.list.cap = l->u.list.cap ? 2 * l->u.list.cap : 4;
		l->u.list.items = xrealloc(l->u.list.items, l->u.list.cap * sizeof *l->u.list.items);
	}
	l->u.list.items[l->u.list.len++] = item;
}

void hv_list_set(hv *l, size_t i, hv *item)
{
	hv_free(l->u.list.items[i]);
	l->u.list.items[i] = item;
}

/* Bytewise order; most keys differ in the first byte, which is compared before memcmp. */
static inline int keycmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	if (n && a[0] != b[0])
		return (unsigned char)a[0] < (unsigned char)b[0] ? -1 : 1;
	int c = memcmp(a, b, n);
	if (c)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int entry_cmp(const struct entry *e, const char *key, size_t n)
{
	return keycmp(e->key->u.str.s, e->key->u.str.len, key, n);
}

/* Index of key, or -(insertion point)-1. */
static long find(const hv *m, const char *key, size_t n)
{
	size_t lo = 0, hi = m->u.map.len;
	const struct entry *e = m->u.map.e;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = entry_cmp(&e[mid], key, n);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -(long)lo - 1;
}

/* Where the key at each address was found last: the template engine looks the same field
 * names (same pointers) up in maps of the same shape again and again (a subchart's helpers over
 * each of its copies).  Only a guess, checked against the key before it is used. */
enum { HINTS = 256, HINT_MIN_LEN = 2 };
static __thread uint32_t hints[HINTS];

hv *hv_map_getn(const hv *m, const char *key, size_t n)
{
	if (m->kind != HV_MAP)
		return NULL;
	const struct entry *e = m->u.map.e;
	size_t len = m->u.map.len;
	if (len < HINT_MIN_LEN) {
		long i = find(m, key, n);
		return i >= 0 ? e[i].val : NULL;
	}
	uint32_t *h = &hints[((uintptr_t)key >> 3 ^ n) & (HINTS - 1)];
	if (*h < len && e[*h].key->u.str.len == n && memcmp(e[*h].key->u.str.s, key, n) == 0)
		return e[*h].val;
	long i = find(m, key, n);
	if (i < 0)
		return NULL;
	*h = (uint32_t)i;
	return e[i].val;
}

hv *hv_map_get(const hv *m, const char *key) { return hv_map_getn(m, key, strlen(key)); }

void hv_map_setn(hv *m, const char *key, size_t n, hv *val)
{
	size_t len = m->u.map.len;
	/* fast path: a map built in sorted order appends */
	long i = len && entry_cmp(&m->u.map.e[len - 1], key, n) < 0 ? -(long)len - 1 : find(m, key, n);
	if (i >= 0) {
		hv_free(m->u.map.e[i].val);
		m->u.map.e[i].val = val;
		return;
	}
	size_t at = (size_t)(-i - 1);
	if (m->u.map.len == m->u.map.cap) {
		m->u.map.cap = m->u.map.cap ? 2 * m->u.map.cap : 4;
		m->u.map.e = xrealloc(m->u.map.e, m->u.map.cap * sizeof *m->u.map.e);
	}
	memmove(&m->u.map.e[at + 1], &m->u.map.e[at], (m->u.map.len - at) * sizeof *m->u.map.e);
	m->u.map.e[at] = (struct entry){hv_strn(key, n), val};
	m->u.map.len++;
}

void hv_map_set(hv *m, const char *key, hv *val) { hv_map_setn(m, key, strlen(key), val); }

bool hv_map_del(hv *m, const char *key)
{
	long i = find(m, key, strlen(key));
	if (i < 0)
		return false;
	hv_free(m->u.map.e[i].key);
	hv_free(m->u.map.e[i].val);
	memmove(&m->u.map.e[i], &m->u.map.e[i + 1], (m->u.map.len - (size_t)i - 1) * sizeof *m->u.map.e);
	m->u.map.len--;
	return true;
}

const char *hv_map_key(const hv *m, size_t i) { return m->u.map.e[i].key->u.str.s; }
size_t hv_map_keylen(const hv *m, size_t i) { return m->u.map.e[i].key->u.str.len; }
hv *hv_map_val(const hv *m, size_t i) { return m->u.map.e[i].val; }

hv *hv_copy(const hv *v)
{
	if (v->kind == HV_LIST) {
		hv *l = alloc(HV_LIST, v->sub);
		for (size_t i = 0; i < v->u.list.len; i++)
			hv_list_push(l, hv_copy(v->u.list.items[i]));
		return l;
	}
	if (v->kind == HV_MAP) {
		hv *m = alloc(HV_MAP, v->sub);
		m->u.map.e = xmalloc((v->u.map.len ? v->u.map.len : 1) * sizeof *m->u.map.e);
		m->u.map.cap = v->u.map.len;
		for (size_t i = 0; i < v->u.map.len; i++)
			m->u.map.e[i] = (struct entry){hv_ref(v->u.map.e[i].key), hv_copy(v->u.map.e[i].val)};
		m->u.map.len = v->u.map.len;
		return m;
	}
	return hv_ref((hv *)v);
}

bool hv_equal(const hv *a, const hv *b)
{
	if (a == b)
		return true;
	if (a->kind != b->kind || a->sub != b->sub)
		return false;
	switch (a->kind) {
	case HV_NIL: return true;
	case HV_BOOL: return a->u.b == b->u.b;
	case HV_INT: return a->u.i == b->u.i;
	case HV_UINT: return a->u.u == b->u.u;
	case HV_FLOAT: return a->u.f == b->u.f;
	case HV_STRING:
		return a->u.str.len == b->u.str.len && memcmp(a->u.str.s, b->u.str.s, a->u.str.len) == 0;
	case HV_LIST:
		if (a->u.list.len != b->u.list.len)
			return false;
		for (size_t i = 0; i < a->u.list.len; i++)
			if (!hv_equal(a->u.list.items[i], b->u.list.items[i]))
				return false;
		return true;
	case HV_MAP:
		if (a->u.map.len != b->u.map.len)
			return false;
		for (size_t i = 0; i < a->u.map.len; i++)
			if (!hv_equal(a->u.map.e[i].key, b->u.map.e[i].key) ||
			    !hv_equal(a->u.map.e[i].val, b->u.map.e[i].val))
				return false;
		return true;
	case HV_OBJECT: return a->u.obj.data == b->u.obj.data;
	case HV_FUNC: return false;
	}
	return false;
}

bool hv_truth(const hv *v)
{
	switch (v->kind) {
	case HV_NIL: return false;
	case HV_BOOL: return v->u.b;
	case HV_INT: return v->u.i != 0;
	case HV_UINT: return v->u.u != 0;
	case HV_FLOAT: return v->u.f != 0;
	case HV_STRING: return v->u.str.len != 0;
	case HV_LIST: return v->u.list.len != 0;
	case HV_MAP: return v->u.map.len != 0;
	case HV_OBJECT:
		if (v->u.obj.ops->underlying) { /* a named map or slice: empty is false */
			hv *u = v->u.obj.ops->underlying((hv *)v);
			bool t = hv_truth(u);
			hv_free(u);
			return t;
		}
		return true;
	case HV_FUNC: return true;
	}
	return false;
}

hv *hv_path(const hv *v, const char *dotted)
{
	const hv *cur = v;
	const char *p = dotted;
	while (*p) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		cur = hv_map_getn(cur, p, n);
		if (!cur)
			return NULL;
		p += n;
		if (*p == '.')
			p++;
	}
	return (hv *)cur;
}
