/* lists.c — Sprig's list functions (list.go).  They accept any Go slice; nil makes them fail
 * with Go's nil dereference, another kind with Sprig's "Cannot ... type KIND" (the plain and
 * must* forms fail alike: a panic and an error read the same in Helm). */
#include <math.h>
#include <stdlib.h>

#include "sprig/cast.h"
#include "sprig/sprig.h"
#include "util.h"

#define NIL_DEREF "runtime error: invalid memory address or nil pointer dereference"

/* The slice V (a named slice type's list), a new reference; NULL with *err from FMT (the kind
 * for %s) when V is not a slice. */
static hv *as_list(const hv *v, const char *fmt, char **err)
{
	if (hv_is_nil(v)) {
		*err = xstrdup(NIL_DEREF);
		return NULL;
	}
	hv *l = cast_plain(v);
	if (hv_kind_of(l) != HV_LIST) {
		*err = xasprintf(fmt, cast_kind(v));
		hv_free(l);
		return NULL;
	}
	return l;
}

/* A new []interface {} of the items [from, to) of L; takes L. */
static hv *copy_range(hv *l, size_t from, size_t to)
{
	hv *out = hv_list();
	for (size_t i = from; i < to; i++)
		hv_list_push(out, hv_ref(hv_list_get(l, i)));
	hv_free(l);
	return out;
}

static hv *fn_list(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *out = hv_list();
	for (int i = 0; i < argc; i++)
		hv_list_push(out, hv_ref(argv[i]));
	return out;
}

static hv *fn_push(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = as_list(argv[0], "Cannot push on type %s", err);
	if (!l)
		return NULL;
	hv *out = copy_range(l, 0, hv_len(l));
	hv_list_push(out, hv_ref(argv[1]));
	return out;
}

static hv *fn_prepend(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = as_list(argv[0], "Cannot prepend on type %s", err);
	if (!l)
		return NULL;
	hv *out = hv_list();
	hv_list_push(out, hv_ref(argv[1]));
	for (size_t i = 0; i < hv_len(l); i++)
		hv_list_push(out, hv_ref(hv_list_get(l, i)));
	hv_free(l);
	return out;
}

/* The item at I (first: 0, last: len-1), nil for an empty list. */
static hv *item(hv *v, bool last, const char *fmt, char **err)
{
	hv *l = as_list(v, fmt, err);
	if (!l)
		return NULL;
	size_t n = hv_len(l);
	hv *r = n ? hv_ref(hv_list_get(l, last ? n - 1 : 0)) : hv_nil();
	hv_free(l);
	return r;
}

static hv *fn_first(tmpl_ctx *c, hv **argv, int argc, char **err) { return item(argv[0], false, "Cannot find first on type %s", err); }
static hv *fn_last(tmpl_ctx *c, hv **argv, int argc, char **err) { return item(argv[0], true, "Cannot find last on type %s", err); }

static hv *fn_rest(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = as_list(argv[0], "Cannot find rest on type %s", err);
	if (!l)
		return NULL;
	size_t n = hv_len(l);
	return copy_range(l, n ? 1 : 0, n);
}

static hv *fn_initial(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = as_list(argv[0], "Cannot find initial on type %s", err);
	if (!l)
		return NULL;
	size_t n = hv_len(l);
	return copy_range(l, 0, n ? n - 1 : 0);
}

static hv *fn_reverse(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = as_list(argv[0], "Cannot find reverse on type %s", err);
	if (!l)
		return NULL;
	hv *out = hv_list();
	for (size_t i = hv_len(l); i > 0; i--)
		hv_list_push(out, hv_ref(hv_list_get(l, i - 1)));
	hv_free(l);
	return out;
}

static hv *fn_compact(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = as_list(argv[0], "Cannot compact on type %s", err);
	if (!l)
		return NULL;
	hv *out = hv_list();
	for (size_t i = 0; i < hv_len(l); i++)
		if (!sprig_empty(hv_list_get(l, i)))
			hv_list_push(out, hv_ref(hv_list_get(l, i)));
	hv_free(l);
	return out;
}

/* Whether NEEDLE is reflect.DeepEqual to an item of L. */
static bool in_list(const hv *l, const hv *needle)
{
	for (size_t i = 0; i < hv_len(l); i++)
		if (sprig_deep_equal(hv_list_get(l, i), needle))
			return true;
	return false;
}

static hv *fn_uniq(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = as_list(argv[0], "Cannot find uniq on type %s", err);
	if (!l)
		return NULL;
	hv *out = hv_list();
	for (size_t i = 0; i < hv_len(l); i++)
		if (!in_list(out, hv_list_get(l, i)))
			hv_list_push(out, hv_ref(hv_list_get(l, i)));
	hv_free(l);
	return out;
}

static hv *fn_without(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = as_list(argv[0], "Cannot find without on type %s", err);
	if (!l)
		return NULL;
	hv *out = hv_list();
	for (size_t i = 0; i < hv_len(l); i++) {
		hv *it = hv_list_get(l, i);
		bool omit = false;
		for (int k = 1; k < argc && !omit; k++)
			omit = sprig_deep_equal(argv[k], it);
		if (!omit)
			hv_list_push(out, hv_ref(it));
	}
	hv_free(l);
	return out;
}

/* has NEEDLE HAYSTACK: a nil haystack has nothing. */
static hv *fn_has(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (hv_is_nil(argv[1]))
		return hv_bool(false);
	hv *l = as_list(argv[1], "Cannot find has on type %s", err);
	if (!l)
		return NULL;
	bool found = in_list(l, argv[0]);
	hv_free(l);
	return hv_bool(found);
}

/* slice LIST [START [END]]: keeps the list's type; an empty list gives nil. */
static hv *fn_slice(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = as_list(argv[0], "list should be type of slice or array but %s", err);
	if (!l)
		return NULL;
	size_t n = hv_len(l);
	int64_t start = argc > 1 ? cast_to_int(argv[1]) : 0;
	int64_t end = argc > 2 ? cast_to_int(argv[2]) : (int64_t)n;
	if (n == 0) {
		hv_free(l);
		return hv_nil();
	}
	if (start < 0 || end < start || (uint64_t)end > n) {
		hv_free(l);
		return sprig_fail(err, "reflect.Value.Slice: slice index out of bounds");
	}
	int sub = hv_sub(l);
	hv *out = copy_range(l, (size_t)start, (size_t)end);
	hv_set_sub(out, sub);
	return out;
}

static hv *fn_concat(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *out = hv_list();
	for (int i = 0; i < argc; i++) {
		hv *l = as_list(argv[i], "Cannot concat type %s as list", err);
		if (!l) {
			hv_free(out);
			return NULL;
		}
		for (size_t k = 0; k < hv_len(l); k++)
			hv_list_push(out, hv_ref(hv_list_get(l, k)));
		hv_free(l);
	}
	return out;
}

#define MAKESLICE "runtime error: makeslice: len out of range"

/* chunk SIZE LIST: [][]interface {} of SIZE items each, the last one shorter.  The counts are
 * computed in float64 as Go does, so odd sizes fail (or not) exactly where Go's makeslice does. */
static hv *fn_chunk(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = as_list(argv[1], "Cannot chunk type %s", err);
	if (!l)
		return NULL;
	int64_t size = hv_get_int(argv[0]), n = (int64_t)hv_len(l);
	double q = floor((double)(n - 1) / (double)size) + 1;
	hv *out = hv_list();
	hv_set_sub(out, HV_GO_LISTLIST);
	int64_t chunks = q >= 0 && q <= (double)n + 1 ? (int64_t)q : -1;
	for (int64_t i = 0; i < chunks; i++) {
		int64_t len = size;
		if (i == chunks - 1) {
			len = (int64_t)floor(fmod((double)n, (double)size));
			if (len == 0)
				len = size;
		}
		if (len < 0 || i * size + len > n) {
			chunks = -1;
			break;
		}
		hv_list_push(out, copy_range(hv_ref(l), (size_t)(i * size), (size_t)(i * size + len)));
	}
	hv_free(l);
	if (chunks < 0) {
		hv_free(out);
		return sprig_fail(err, MAKESLICE);
	}
	return out;
}

static const struct tmpl_func funcs[] = {
	{"list", fn_list, "v*", 0},
	{"tuple", fn_list, "v*", 0},
	{"append", fn_push, "vv", 0},
	{"push", fn_push, "vv", 0},
	{"mustAppend", fn_push, "vv", TF_ERROR},
	{"mustPush", fn_push, "vv", TF_ERROR},
	{"prepend", fn_prepend, "vv", 0},
	{"mustPrepend", fn_prepend, "vv", TF_ERROR},
	{"first", fn_first, "v", 0},
	{"mustFirst", fn_first, "v", TF_ERROR},
	{"rest", fn_rest, "v", 0},
	{"mustRest", fn_rest, "v", TF_ERROR},
	{"last", fn_last, "v", 0},
	{"mustLast", fn_last, "v", TF_ERROR},
	{"initial", fn_initial, "v", 0},
	{"mustInitial", fn_initial, "v", TF_ERROR},
	{"reverse", fn_reverse, "v", 0},
	{"mustReverse", fn_reverse, "v", TF_ERROR},
	{"uniq", fn_uniq, "v", 0},
	{"mustUniq", fn_uniq, "v", TF_ERROR},
	{"without", fn_without, "vv*", 0},
	{"mustWithout", fn_without, "vv*", TF_ERROR},
	{"has", fn_has, "vv", 0},
	{"mustHas", fn_has, "vv", TF_ERROR},
	{"slice", fn_slice, "vv*", 0},
	{"mustSlice", fn_slice, "vv*", TF_ERROR},
	{"concat", fn_concat, "v*", 0},
	{"chunk", fn_chunk, "iv", 0},
	{"mustChunk", fn_chunk, "iv", TF_ERROR},
	{"compact", fn_compact, "v", 0},
	{"mustCompact", fn_compact, "v", TF_ERROR},
};

void sprig_register_lists(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, (int)(sizeof funcs / sizeof *funcs));
}
