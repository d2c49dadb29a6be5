/* dicts.c — Sprig's dictionary functions (dict.go).  Maps are shared by reference, so set,
 * unset and merge change the caller's map as in Go.  A nil map argument reads as empty. */
#include <string.h>

#include "sprig/cast.h"
#include "sprig/sprig.h"
#include "util.h"

static bool is_map(const hv *v) { return hv_kind_of(v) == HV_MAP; }

/* dict K1 V1 K2 V2 ...: keys through strval; a key without value maps to "". */
static hv *fn_dict(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *m = hv_map();
	for (int i = 0; i < argc; i += 2) {
		hv *key = cast_strval_hv(argv[i]);
		hv_map_setn(m, hv_get_str(key), hv_str_len(key), i + 1 < argc ? hv_ref(argv[i + 1]) : hv_str(""));
		hv_free(key);
	}
	return m;
}

static hv *fn_get(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *v = hv_map_getn(argv[0], hv_get_str(argv[1]), hv_str_len(argv[1]));
	return v ? hv_ref(v) : hv_str("");
}

static hv *fn_set(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (!is_map(argv[0]))
		return sprig_fail(err, "assignment to entry in nil map");
	hv_map_setn(argv[0], hv_get_str(argv[1]), hv_str_len(argv[1]), hv_ref(argv[2]));
	return hv_ref(argv[0]);
}

/* unset DICT KEY: DICT without KEY; a nil map stays an (empty) map. */
static hv *fn_unset(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (!is_map(argv[0]))
		return hv_map();
	hv_map_del(argv[0], hv_get_str(argv[1]));
	return hv_ref(argv[0]);
}

static hv *fn_has_key(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return hv_bool(hv_map_getn(argv[0], hv_get_str(argv[1]), hv_str_len(argv[1])) != NULL);
}

/* pluck KEY DICT...: the values of KEY in the dicts that have it. */
static hv *fn_pluck(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *out = hv_list();
	for (int i = 1; i < argc; i++) {
		hv *v = hv_map_getn(argv[i], hv_get_str(argv[0]), hv_str_len(argv[0]));
		if (v)
			hv_list_push(out, hv_ref(v));
	}
	return out;
}

/* keys DICT...: []string of every key (Go's order is random; ours is each map's). */
static hv *fn_keys(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *out = hv_list();
	hv_set_sub(out, HV_GO_STRLIST);
	for (int i = 0; i < argc; i++)
		for (size_t k = 0; is_map(argv[i]) && k < hv_len(argv[i]); k++)
			hv_list_push(out, hv_strn(hv_map_key(argv[i], k), hv_map_keylen(argv[i], k)));
	return out;
}

static hv *fn_values(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *out = hv_list();
	for (size_t k = 0; is_map(argv[0]) && k < hv_len(argv[0]); k++)
		hv_list_push(out, hv_ref(hv_map_val(argv[0], k)));
	return out;
}

static bool named(hv **argv, int argc, const char *key, size_t n)
{
	for (int i = 1; i < argc; i++)
		if (hv_str_len(argv[i]) == n && memcmp(hv_get_str(argv[i]), key, n) == 0)
			return true;
	return false;
}

/* pick DICT KEY... and omit DICT KEY...: a new map with only / without the keys. */
static hv *filter(hv **argv, int argc, bool keep)
{
	hv *out = hv_map();
	for (size_t k = 0; is_map(argv[0]) && k < hv_len(argv[0]); k++) {
		const char *key = hv_map_key(argv[0], k);
		size_t n = hv_map_keylen(argv[0], k);
		if (named(argv, argc, key, n) == keep)
			hv_map_setn(out, key, n, hv_ref(hv_map_val(argv[0], k)));
	}
	return out;
}

static hv *fn_pick(tmpl_ctx *c, hv **argv, int argc, char **err) { return filter(argv, argc, true); }
static hv *fn_omit(tmpl_ctx *c, hv **argv, int argc, char **err) { return filter(argv, argc, false); }

/* mergo.Merge / MergeWithOverwrite of map SRC into map DST, in place.  A nil in SRC is skipped
 * (copied, when OVERWRITE); maps found in both are merged key by key; otherwise the source value
 * replaces the destination's when OVERWRITE or when the destination's is missing or empty
 * (lists are replaced, never merged). */
static void merge_into(hv *dst, const hv *src, bool overwrite)
{
	for (size_t k = 0; k < hv_len(src); k++) {
		const char *key = hv_map_key(src, k);
		size_t n = hv_map_keylen(src, k);
		hv *sv = hv_map_val(src, k), *dv = hv_map_getn(dst, key, n);
		if (hv_is_nil(sv)) {
			if (overwrite)
				hv_map_setn(dst, key, n, hv_nil());
			continue;
		}
		if (dv && is_map(sv) && is_map(dv)) {
			merge_into(dv, sv, overwrite);
			if (!sprig_empty(dv))
				continue;
		}
		if (overwrite || !dv || sprig_empty(dv))
			hv_map_setn(dst, key, n, hv_ref(sv));
	}
}

static hv *merge(hv **argv, int argc, bool overwrite)
{
	hv *dst = is_map(argv[0]) ? hv_ref(argv[0]) : hv_map();
	for (int i = 1; i < argc; i++)
		if (is_map(argv[i]))
			merge_into(dst, argv[i], overwrite);
	return dst;
}

static hv *fn_merge(tmpl_ctx *c, hv **argv, int argc, char **err) { return merge(argv, argc, false); }
static hv *fn_merge_overwrite(tmpl_ctx *c, hv **argv, int argc, char **err) { return merge(argv, argc, true); }

static hv *fn_deep_copy(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (hv_is_nil(argv[0]))
		return sprig_fail(err, "reflect: call of reflect.Value.Type on zero Value");
	return hv_copy(argv[0]);
}

/* A Go type assertion v.(map[string]interface {}) / v.(string); NULL and Go's panic text when
 * it fails. */
static bool assert_type(const hv *v, hv_kind kind, int sub, const char *want, char **err)
{
	if (hv_kind_of(v) == kind && hv_sub(v) == sub)
		return true;
	*err = xasprintf("interface conversion: interface {} is %s, not %s",
			 hv_is_nil(v) ? "nil" : hv_gotype(v), want);
	return false;
}

#define ANYMAP "map[string]interface {}"

/* dig KEY... DEFAULT DICT: the value at the path of keys, DEFAULT when a key is missing. */
static hv *fn_dig(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (argc < 3)
		return sprig_fail(err, "dig needs at least three arguments");
	hv *dict = argv[argc - 1], *def = argv[argc - 2];
	if (!assert_type(dict, HV_MAP, HV_GO_ANYMAP, ANYMAP, err))
		return NULL;
	for (int i = 0; i < argc - 2; i++)
		if (!assert_type(argv[i], HV_STRING, 0, "string", err))
			return NULL;
	for (int i = 0; i < argc - 2; i++) {
		hv *step = hv_map_getn(dict, hv_get_str(argv[i]), hv_str_len(argv[i]));
		if (!step)
			return hv_ref(def);
		if (i == argc - 3)
			return hv_ref(step);
		if (!assert_type(step, HV_MAP, HV_GO_ANYMAP, ANYMAP, err))
			return NULL;
		dict = step;
	}
	return hv_ref(def);
}

static const struct tmpl_func funcs[] = {
	{"dict", fn_dict, "v*", 0},
	{"get", fn_get, "Ms", 0},
	{"set", fn_set, "Msv", 0},
	{"unset", fn_unset, "Ms", 0},
	{"hasKey", fn_has_key, "Ms", 0},
	{"pluck", fn_pluck, "sM*", 0},
	{"keys", fn_keys, "M*", 0},
	{"pick", fn_pick, "Ms*", 0},
	{"omit", fn_omit, "Ms*", 0},
	{"merge", fn_merge, "MM*", 0},
	{"mergeOverwrite", fn_merge_overwrite, "MM*", 0},
	{"mustMerge", fn_merge, "MM*", TF_ERROR},
	{"mustMergeOverwrite", fn_merge_overwrite, "MM*", TF_ERROR},
	{"values", fn_values, "M", 0},
	{"deepCopy", fn_deep_copy, "v", 0},
	{"mustDeepCopy", fn_deep_copy, "v", TF_ERROR},
	{"dig", fn_dig, "v*", TF_ERROR},
};

void sprig_register_dicts(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, (int)(sizeof funcs / sizeof *funcs));
}
