/* value.h — the one value type of the suite: a YAML/JSON document as Helm (Go) sees it.
 *
 * A value is a pointer to a reference-counted node.  Rules of ownership:
 *   - a function returning hv * returns a NEW reference: the caller owns it and must hv_free() it
 *     (hv_free is the unref);
 *   - arguments are BORROWED, except where the name says _take / the comment says "takes";
 *   - containers (list, map) are mutable and shared by reference, like Go maps and slices, so
 *     Sprig's `set` on a dict is seen through every reference to it.
 * NULL is never a valid value: Go's nil is hv_nil().
 *
 * Go distinguishes types the template language can observe (printf "%T", kindOf, eq rules);
 * `sub` keeps that Go type where the kind alone does not tell it.
 */
#ifndef HELM_VALUE_H
#define HELM_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
	HV_NIL,    /* Go nil (interface{}(nil)) */
	HV_BOOL,
	HV_INT,    /* signed integer; sub: HV_GO_INT, HV_GO_INT64, HV_GO_INT32 (rune), HV_GO_UINT8 ... */
	HV_UINT,   /* unsigned integer (uint64, uint) */
	HV_FLOAT,  /* float64 */
	HV_STRING, /* byte string, not necessarily UTF-8, may hold NUL */
	HV_LIST,   /* sub: HV_GO_ANYLIST ([]interface {}), HV_GO_STRLIST ([]string), HV_GO_BYTES ([]uint8),
	            * HV_GO_INTLIST ([]int), HV_GO_LISTLIST ([][]interface {}) */
	HV_MAP,    /* string keys kept sorted bytewise; sub: HV_GO_ANYMAP, HV_GO_VALUES (chartutil.Values), ... */
	HV_OBJECT, /* a Go struct or other typed thing with fields/methods (see struct hv_object_ops) */
	HV_FUNC,   /* a callable (bound method value) */
} hv_kind;

/* Go type tags (sub).  0 is the natural type of each kind. */
enum {
	HV_GO_DEFAULT = 0,
	/* HV_INT */
	HV_GO_INT = 0, HV_GO_INT64, HV_GO_INT32, HV_GO_INT8, HV_GO_INT16,
	/* HV_UINT */
	HV_GO_UINT = 0, HV_GO_UINT64, HV_GO_UINT8, HV_GO_UINT32, HV_GO_UINT16,
	/* HV_LIST */
	HV_GO_ANYLIST = 0, HV_GO_STRLIST, HV_GO_BYTES, HV_GO_INTLIST, HV_GO_LISTLIST,
	/* HV_MAP */
	HV_GO_ANYMAP = 0, HV_GO_VALUES, HV_GO_STRMAP,
	/* HV_FLOAT */
	HV_GO_FLOAT64 = 0,
};

typedef struct hv hv;

/* Objects: Go structs and other typed values reached through fields and methods.
 * `lookup` returns a new reference to field/method NAME (a method as an HV_FUNC bound to self),
 * or NULL when the type has no such field or method. */
struct hv_object_ops {
	const char *gotype;                       /* e.g. "chart.Metadata", "time.Time" */
	hv *(*lookup)(hv *self, const char *name);
	void (*destroy)(void *data);
	/* Optional (NULL when not applicable); each returns a new reference.
	 * underlying: for a named map or slice type with methods (Helm's engine.files,
	 *   chartutil.VersionSet), the plain map/list that range, len, index, truth and fmt's %v see.
	 * fields: for a struct, its field values in declaration order as a list (fmt's %v prints
	 *   them as "{a b c}"; a value with a "String" method is printed by calling it instead).
	 * marshal: what encoding/json and sigs.k8s.io/yaml marshal (toJson, toYaml): a plain value. */
	hv *(*underlying)(hv *self);
	hv *(*fields)(hv *self);
	hv *(*marshal)(hv *self);
	/* String is declared on the pointer receiver (Go's chartutil.KubeVersion): only the engine's
	 * own printing of an addressable value (a field, a variable) sees it; a copy passed to fmt or
	 * a function prints as a plain struct. */
	bool string_on_pointer;
};

/* Callables: argv borrowed; on error return NULL and set *err to a malloc'd message. */
typedef hv *(*hv_fn)(void *data, hv **argv, int argc, char **err);

/* --- constructors (all return new references) --- */
hv *hv_nil(void);
hv *hv_bool(bool b);
hv *hv_int(int64_t i);                 /* Go int */
hv *hv_int_typed(int64_t i, int sub);  /* int64, int32 ... */
hv *hv_uint(uint64_t u, int sub);
hv *hv_float(double d);
hv *hv_str(const char *s);             /* copies a NUL-terminated string */
hv *hv_strn(const char *s, size_t n);  /* copies n bytes */
hv *hv_str_take(char *s, size_t n);    /* takes a malloc'd buffer of n bytes (s[n] must be 0) */
hv *hv_list(void);                     /* empty []interface {} */
hv *hv_map(void);                      /* empty map[string]interface {} */
hv *hv_object(const struct hv_object_ops *ops, void *data);
hv *hv_func(hv_fn fn, void *data, void (*destroy)(void *), const char *gotype);

/* --- references --- */
hv *hv_ref(hv *v);   /* returns v with one more reference */
void hv_free(hv *v); /* drops one reference; NULL is ignored */

/* --- inspection --- */
hv_kind hv_kind_of(const hv *v);
int hv_sub(const hv *v);
void hv_set_sub(hv *v, int sub);
bool hv_is_nil(const hv *v);
bool hv_get_bool(const hv *v);
int64_t hv_get_int(const hv *v);     /* HV_INT (HV_UINT converted) */
uint64_t hv_get_uint(const hv *v);
double hv_get_float(const hv *v);
const char *hv_get_str(const hv *v); /* NUL-terminated; valid while v lives */
size_t hv_str_len(const hv *v);
const char *hv_gotype(const hv *v);  /* Go's %T name: "int", "float64", "map[string]interface {}", ... */
void *hv_object_data(const hv *v);
const struct hv_object_ops *hv_object_ops_of(const hv *v);
hv *hv_call(hv *fn, hv **argv, int argc, char **err);

/* --- lists --- */
size_t hv_len(const hv *v);                 /* list items, map entries, string bytes */
hv *hv_list_get(const hv *l, size_t i);     /* BORROWED item */
void hv_list_push(hv *l, hv *item);         /* takes item */
void hv_list_set(hv *l, size_t i, hv *item); /* takes item; i < len */

/* --- maps (keys sorted bytewise, unique) --- */
hv *hv_map_get(const hv *m, const char *key);             /* BORROWED value or NULL if absent */
hv *hv_map_getn(const hv *m, const char *key, size_t n);
void hv_map_set(hv *m, const char *key, hv *val);          /* takes val; replaces */
void hv_map_setn(hv *m, const char *key, size_t n, hv *val);
bool hv_map_del(hv *m, const char *key);
const char *hv_map_key(const hv *m, size_t i);             /* i-th key in sorted order */
size_t hv_map_keylen(const hv *m, size_t i);
hv *hv_map_val(const hv *m, size_t i);                     /* BORROWED i-th value */

/* --- whole values --- */
hv *hv_copy(const hv *v);        /* deep copy of lists and maps; scalars shared */
bool hv_equal(const hv *a, const hv *b); /* deep, Go reflect.DeepEqual-like (types count) */
bool hv_truth(const hv *v);      /* Go template truth: non-zero, non-empty */

/* Lookup along a dotted path of map keys ("a.b.c"); BORROWED or NULL. */
hv *hv_path(const hv *v, const char *dotted);

#endif
