/* types.c — Sprig's reflection functions (reflect.go) and reflect.DeepEqual. */
#include <string.h>

#include "sprig/cast.h"
#include "sprig/sprig.h"

static bool str_is(const hv *s, const char *text)
{
	return hv_str_len(s) == strlen(text) && memcmp(hv_get_str(s), text, hv_str_len(s)) == 0;
}

static hv *fn_type_of(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_str(hv_gotype(argv[0])); }
static hv *fn_type_is(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_bool(str_is(argv[0], hv_gotype(argv[1]))); }
static hv *fn_kind_of(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_str(cast_kind(argv[0])); }
static hv *fn_kind_is(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_bool(str_is(argv[0], cast_kind(argv[1]))); }
bool sprig_deep_equal(const hv *a, const hv *b)
{
	if (hv_kind_of(a) != hv_kind_of(b) || hv_sub(a) != hv_sub(b))
		return false;
	switch (hv_kind_of(a)) {
	case HV_OBJECT: {
		/* pointers to the same value, or values alike field by field (or, lacking
		 * fields, alike in what they marshal to) */
		const struct hv_object_ops *ops = hv_object_ops_of(a);
		if (ops != hv_object_ops_of(b))
			return false;
		if (hv_object_data(a) == hv_object_data(b))
			return true;
		hv *(*view)(hv *) = ops->fields ? ops->fields : ops->marshal;
		if (!view)
			return false;
		hv *x = view((hv *)a), *y = view((hv *)b);
		bool eq = sprig_deep_equal(x, y);
		hv_free(x);
		hv_free(y);
		return eq;
	}
	case HV_LIST:
		if (hv_len(a) != hv_len(b))
			return false;
		for (size_t i = 0; i < hv_len(a); i++)
			if (!sprig_deep_equal(hv_list_get(a, i), hv_list_get(b, i)))
				return false;
		return true;
	case HV_MAP:
		if (hv_len(a) != hv_len(b))
			return false;
		for (size_t i = 0; i < hv_len(a); i++) {
			const hv *bv = hv_map_getn(b, hv_map_key(a, i), hv_map_keylen(a, i));
			if (!bv || !sprig_deep_equal(hv_map_val(a, i), bv))
				return false;
		}
		return true;
	default:
		return hv_equal(a, b);
	}
}

static hv *fn_deep_equal(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return hv_bool(sprig_deep_equal(argv[0], argv[1]));
}

/* typeIsLike T V: V's type is T or *T. */
static hv *fn_type_is_like(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	const char *t = hv_gotype(argv[1]);
	return hv_bool(str_is(argv[0], t) || (t[0] == '*' && str_is(argv[0], t + 1)));
}

static const struct tmpl_func funcs[] = {
	{"typeOf", fn_type_of, "v", 0},
	{"typeIs", fn_type_is, "sv", 0},
	{"typeIsLike", fn_type_is_like, "sv", 0},
	{"kindOf", fn_kind_of, "v", 0},
	{"kindIs", fn_kind_is, "sv", 0},
	{"deepEqual", fn_deep_equal, "vv", 0},
};

void sprig_register_types(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, (int)(sizeof funcs / sizeof *funcs));
}
