/* types.c — Sprig's reflection functions (reflect.go) and deepEqual. */
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
static hv *fn_deep_equal(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_bool(hv_equal(argv[0], argv[1])); }

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
