/* defaults.c — Sprig's default, empty, coalesce, all, any, ternary and fail (defaults.go). */
#include "sprig/cast.h"
#include "sprig/sprig.h"
#include "util.h"

bool sprig_empty(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_OBJECT: {
		/* a struct is never empty (pointers to them are never nil here); named maps and
		 * slices are empty when their map or list is */
		if (!hv_object_ops_of(v)->underlying)
			return false;
		hv *p = cast_plain(v);
		bool e = sprig_empty(p);
		hv_free(p);
		return e;
	}
	case HV_FUNC:
		return false;
	default:
		return !hv_truth(v);
	}
}

/* default DEFAULT [GIVEN]: GIVEN unless it is missing or empty. */
static hv *fn_default(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (argc < 2 || sprig_empty(argv[1]))
		return hv_ref(argv[0]);
	return hv_ref(argv[1]);
}

static hv *fn_empty(tmpl_ctx *c, hv **argv, int argc, char **err) { return hv_bool(sprig_empty(argv[0])); }

static hv *fn_coalesce(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	for (int i = 0; i < argc; i++)
		if (!sprig_empty(argv[i]))
			return hv_ref(argv[i]);
	return hv_nil();
}

static hv *fn_all(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	for (int i = 0; i < argc; i++)
		if (sprig_empty(argv[i]))
			return hv_bool(false);
	return hv_bool(true);
}

static hv *fn_any(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	for (int i = 0; i < argc; i++)
		if (!sprig_empty(argv[i]))
			return hv_bool(true);
	return hv_bool(false);
}

static hv *fn_ternary(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return hv_ref(hv_get_bool(argv[2]) ? argv[0] : argv[1]);
}

static hv *fn_fail(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	*err = xstrndup(hv_get_str(argv[0]), hv_str_len(argv[0]));
	return NULL;
}

static const struct tmpl_func funcs[] = {
	{"default", fn_default, "vv*", 0},
	{"empty", fn_empty, "v", 0},
	{"coalesce", fn_coalesce, "v*", 0},
	{"all", fn_all, "v*", 0},
	{"any", fn_any, "v*", 0},
	{"ternary", fn_ternary, "vvb", 0},
	{"fail", fn_fail, "s", TF_ERROR},
};

void sprig_register_defaults(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, (int)(sizeof funcs / sizeof *funcs));
}
