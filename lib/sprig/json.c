/* json.c — Sprig's JSON functions (defaults.go).  Helm replaces toJson and fromJson with its
 * own later; the pretty, raw and must* forms stay Sprig's. */
#include <stdlib.h>

#include "json.h"
#include "render/objects.h"
#include "sprig/sprig.h"
#include "util.h"

/* Whether V holds a Go struct or other object anywhere. */
static bool has_object(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_OBJECT:
		return true;
	case HV_LIST:
		for (size_t i = 0; i < hv_len(v); i++)
			if (has_object(hv_list_get(v, i)))
				return true;
		return false;
	case HV_MAP:
		for (size_t i = 0; i < hv_len(v); i++)
			if (has_object(hv_map_val(v, i)))
				return true;
		return false;
	default:
		return false;
	}
}

/* Marshals V; on failure NULL with *err, or "" when QUIET (Sprig's non-must forms).  Objects
 * (.Chart, .Capabilities ...) marshal as lib/render knows them, in their fields' order. */
static hv *to_json(hv *v, int flags, bool quiet, char **err)
{
	buf b = BUF_INIT;
	char *e = NULL;
	if (has_object(v)) {
		render_json(&b, v, flags);
		return sprig_buf_value(&b);
	}
	if (json_emit_checked(&b, v, flags, &e) != 0) {
		buf_free(&b);
		if (quiet) {
			free(e);
			return hv_str("");
		}
		*err = e;
		return NULL;
	}
	return sprig_buf_value(&b);
}

#define ESC JSON_ESCAPE_HTML
static hv *fn_to_json(tmpl_ctx *c, hv **argv, int argc, char **err) { return to_json(argv[0], ESC, true, err); }
static hv *fn_must_to_json(tmpl_ctx *c, hv **argv, int argc, char **err) { return to_json(argv[0], ESC, false, err); }
static hv *fn_to_pretty_json(tmpl_ctx *c, hv **argv, int argc, char **err) { return to_json(argv[0], ESC | JSON_INDENT, true, err); }
static hv *fn_must_to_pretty_json(tmpl_ctx *c, hv **argv, int argc, char **err) { return to_json(argv[0], ESC | JSON_INDENT, false, err); }
/* toRawJson panics where mustToRawJson returns the error: both fail. */
static hv *fn_to_raw_json(tmpl_ctx *c, hv **argv, int argc, char **err) { return to_json(argv[0], 0, false, err); }

/* json.Unmarshal into interface{}: nil (QUIET) or an error when S is not JSON. */
static hv *from_json(hv *s, bool quiet, char **err)
{
	char *e = NULL;
	hv *v = json_parse(hv_get_str(s), hv_str_len(s), NULL, 0, &e);
	if (v)
		return v;
	if (quiet) {
		free(e);
		return hv_nil();
	}
	*err = e;
	return NULL;
}

static hv *fn_from_json(tmpl_ctx *c, hv **argv, int argc, char **err) { return from_json(argv[0], true, err); }
static hv *fn_must_from_json(tmpl_ctx *c, hv **argv, int argc, char **err) { return from_json(argv[0], false, err); }

static const struct tmpl_func funcs[] = {
	{"toJson", fn_to_json, "v", 0},
	{"mustToJson", fn_must_to_json, "v", TF_ERROR},
	{"toPrettyJson", fn_to_pretty_json, "v", 0},
	{"mustToPrettyJson", fn_must_to_pretty_json, "v", TF_ERROR},
	{"toRawJson", fn_to_raw_json, "v", 0},
	{"mustToRawJson", fn_to_raw_json, "v", TF_ERROR},
	{"fromJson", fn_from_json, "s", 0},
	{"mustFromJson", fn_must_from_json, "s", TF_ERROR},
};

void sprig_register_json(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, (int)(sizeof funcs / sizeof *funcs));
}
