/* template_fuzz.c — libFuzzer target: parse the input as a template and execute it with a small
 * fixed data set and functions that re-enter the engine (include, tpl).  Any crash, sanitizer
 * report, leak or hang is a bug; errors are ordinary outcomes. */
#include "json.h"
#include "template/template.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char data_json[] =
	"{\"Values\": {\"s\": \"hi\", \"n\": 4.0, \"t\": true, \"z\": null, \"l\": [\"a\", 1.0],"
	" \"m\": {\"k\": \"v\", \"e\": {}}, \"e\": []}}";

static hv *take(buf *b)
{
	size_t n;
	char *s = buf_detach(b, &n);
	return hv_str_take(s, n);
}

/* Include depth is bounded as Helm bounds it, or recursion through include never ends. */
static int include_depth;

static hv *fn_include(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (include_depth >= 50) {
		*err = strdup("include depth");
		return NULL;
	}
	buf b = BUF_INIT;
	include_depth++;
	int rc = tmpl_ctx_execute(c, hv_get_str(argv[0]), argv[1], &b, err);
	include_depth--;
	if (rc < 0) {
		buf_free(&b);
		return NULL;
	}
	return take(&b);
}

static hv *fn_tpl(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	if (include_depth >= 50) {
		*err = strdup("tpl depth");
		return NULL;
	}
	buf b = BUF_INIT;
	bool perr;
	include_depth++;
	int rc = tmpl_ctx_run_text(c, "gotpl", hv_get_str(argv[0]), hv_str_len(argv[0]), argv[1], &b, &perr, err);
	include_depth--;
	if (rc < 0) {
		buf_free(&b);
		return NULL;
	}
	return take(&b);
}

static hv *fn_list(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	hv *l = hv_list();
	for (int i = 0; i < argc; i++)
		hv_list_push(l, hv_ref(argv[i]));
	return l;
}

static hv *fn_repeat(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	for (int64_t i = 0; i < hv_get_int(argv[0]) && i < 64; i++)
		buf_add(&b, hv_get_str(argv[1]), hv_str_len(argv[1]));
	return take(&b);
}

static const struct tmpl_func funcs[] = {
	{"include", fn_include, "sv", TF_ERROR},
	{"tpl", fn_tpl, "sv", TF_ERROR},
	{"list", fn_list, "v*", 0},
	{"repeat", fn_repeat, "is", 0},
};

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t len)
{
	static tmpl_funcs *fs;
	static hv *data;
	if (!fs) {
		char *err = NULL;
		fs = tmpl_funcs_new();
		tmpl_funcs_add_all(fs, funcs, (int)(sizeof funcs / sizeof *funcs));
		data = json_parse(data_json, strlen(data_json), "data", 0, &err);
	}
	tmpl_set *s = tmpl_set_new("gotpl", fs);
	tmpl_set_missingkey(s, len % 3 == 0 ? TMPL_MISSINGKEY_DEFAULT : TMPL_MISSINGKEY_ZERO);
	tmpl_set_max_output(s, 1 << 20);
	char *err = NULL;
	buf out = BUF_INIT;
	if (tmpl_parse(s, "t", (const char *)in, len, &err) == 0) {
		if (tmpl_execute(s, "t", data, NULL, &out, &err) == 0)
			tmpl_strip_no_value(&out);
	}
	free(err);
	buf_free(&out);
	tmpl_set_free(s);
	return 0;
}
