/* funcs.c — Helm 3.17's own template functions (pkg/engine/funcs.go and engine.go). */
#include "render/funcs.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gofmt.h"
#include "json.h"
#include "render/gostr.h"
#include "render/memo.h"
#include "render/objects.h"
#include "render/toml.h"
#include "template/template.h"
#include "util.h"
#include "values/coalesce.h"
#include "yaml.h"

/* Helm's recursionMaxNums: how deep one name may be included within itself. */
#define INCLUDE_MAX 1000
/* Helm has no bound on tpl within tpl and dies of a stack overflow; we stop here. */
#define TPL_MAX 200
/* A cycle through many names goes INCLUDE_MAX deep for each, and every level wraps the error
 * text again (quadratic); past three names' worth we stop. */
#define INCLUDE_TOTAL_MAX 3100

static hv *str_take(buf *b)
{
	size_t n;
	char *s = buf_detach(b, &n);
	return hv_str_take(s, n);
}

/* Helm's includedNames: open addressing on the name's hash, cap a power of two.  The entries
 * do not move when the table grows, so include holds its entry's depth across the execution. */
struct depths {
	struct depth {
		int64_t n;
		char name[];
	} **slot; /* NULL: free */
	size_t len, cap;
};

static size_t depth_find(const struct depths *d, const char *name)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	size_t i = h & (d->cap - 1);
	while (d->slot[i] && strcmp(d->slot[i]->name, name) != 0)
		i = (i + 1) & (d->cap - 1);
	return i;
}

/* NAME's depth, added at 0 when new. */
static int64_t *depth_of(struct depths *d, const char *name)
{
	if (2 * (d->len + 1) > d->cap) {
		struct depth **old = d->slot;
		size_t oldcap = d->cap;
		d->cap = oldcap ? 2 * oldcap : 64;
		d->slot = xcalloc(d->cap, sizeof *d->slot);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				d->slot[depth_find(d, old[i]->name)] = old[i];
		free(old);
	}
	struct depth **e = &d->slot[depth_find(d, name)];
	if (!*e) {
		size_t n = strlen(name) + 1;
		*e = xmalloc(sizeof **e + n);
		(*e)->n = 0;
		memcpy((*e)->name, name, n);
		d->len++;
	}
	return &(*e)->n;
}

void helm_fctx_init(struct helm_fctx *fc, bool lint)
{
	*fc = (struct helm_fctx){.included = xcalloc(1, sizeof *fc->included), .decoded = memo_new(),
	                         .lint = lint};
}

void helm_fctx_free(struct helm_fctx *fc)
{
	for (size_t i = 0; i < fc->included->cap; i++)
		free(fc->included->slot[i]);
	free(fc->included->slot);
	free(fc->included);
	memo_free(fc->decoded);
}

static hv *f_include(tmpl_ctx *ctx, hv **argv, int argc, char **err)
{
	struct helm_fctx *fc = tmpl_ctx_userdata(ctx);
	const char *name = hv_get_str(argv[0]);
	int64_t *depth = depth_of(fc->included, name);
	if (*depth > INCLUDE_MAX) {
		*err = xasprintf("rendering template has a nested reference name: %s: "
		                 "unable to execute template", name);
		return NULL;
	}
	if (fc->include_depth >= INCLUDE_TOTAL_MAX) {
		*err = xasprintf("include calls nested more than %d deep", INCLUDE_TOTAL_MAX);
		return NULL;
	}
	++*depth;
	buf out = BUF_INIT;
	fc->include_depth++;
	int rc = tmpl_ctx_execute(ctx, name, argv[1], &out, err);
	fc->include_depth--;
	--*depth;
	if (rc < 0) {
		buf_free(&out);
		return NULL;
	}
	return str_take(&out);
}

static hv *f_tpl(tmpl_ctx *ctx, hv **argv, int argc, char **err)
{
	struct helm_fctx *fc = tmpl_ctx_userdata(ctx);
	const hv *text = argv[0];
	if (fc->tpl_depth >= TPL_MAX) {
		*err = xasprintf("tpl calls nested more than %d deep", TPL_MAX);
		return NULL;
	}
	buf out = BUF_INIT;
	bool perr = false;
	char *e = NULL;
	fc->tpl_depth++;
	int rc = tmpl_ctx_run_text(ctx, "gotpl", hv_get_str(text), hv_str_len(text), argv[1], &out,
	                           &perr, &e);
	fc->tpl_depth--;
	if (rc < 0) {
		buf msg = BUF_INIT;
		buf_puts(&msg, perr ? "cannot parse template " : "error during tpl function execution for ");
		go_strconv_quote(&msg, hv_get_str(text), hv_str_len(text));
		buf_printf(&msg, ": %s", e);
		free(e);
		buf_free(&out);
		*err = buf_detach(&msg, NULL);
		return NULL;
	}
	tmpl_strip_no_value(&out);
	return str_take(&out);
}

static hv *f_required(tmpl_ctx *ctx, hv **argv, int argc, char **err)
{
	const hv *v = argv[1];
	if (hv_is_nil(v) || (hv_kind_of(v) == HV_STRING && hv_str_len(v) == 0)) {
		struct helm_fctx *fc = tmpl_ctx_userdata(ctx);
		if (fc->lint) { /* helm lint goes on (engine.go's log line) */
			values_log(hv_is_nil(v) ? "engine.go:206" : "engine.go:214", "[INFO] Missing required value: %s", hv_get_str(argv[0]));
			return hv_str("");
		}
		*err = xasprintf(HELM_ERR_START "%s" HELM_ERR_END, hv_get_str(argv[0]));
		return NULL;
	}
	return hv_ref(argv[1]);
}

static hv *f_fail(tmpl_ctx *ctx, hv **argv, int argc, char **err)
{
	struct helm_fctx *fc = tmpl_ctx_userdata(ctx);
	if (fc->lint) {
		values_log("engine.go:227", "[INFO] Fail: %s", hv_get_str(argv[0]));
		return hv_str("");
	}
	*err = xasprintf(HELM_ERR_START "%s" HELM_ERR_END, hv_get_str(argv[0]));
	return NULL;
}

static hv *f_lookup(tmpl_ctx *ctx, hv **argv, int argc, char **err)
{
	return hv_map(); /* no cluster in template mode */
}

/* sigs.k8s.io/yaml.Marshal minus the final newline, "" on failure. */
static hv *f_to_yaml(tmpl_ctx *ctx, hv **argv, int argc, char **err)
{
	hv *p = render_plain(argv[0]);
	buf b = BUF_INIT;
	yaml_emit(&b, p);
	hv_free(p);
	if (b.len && b.s[b.len - 1] == '\n')
		b.s[--b.len] = 0;
	return str_take(&b);
}

/* yaml.v3 with indent 2: toYaml's text with each block sequence that is a mapping value
 * (written by go-yaml v2 at its key's column) moved two columns right, with its content. */
static hv *f_to_yaml_pretty(tmpl_ctx *ctx, hv **argv, int argc, char **err)
{
	hv *y = f_to_yaml(ctx, argv, argc, err);
	const char *s = hv_get_str(y);
	buf b = BUF_INIT;
	size_t seq[64], nseq = 0; /* columns of the sequences being moved */
	size_t prev_col = 0;
	bool prev_key = false; /* the previous line was "key:" with nothing after it */
	for (const char *line = s; *line;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		size_t col = strspn(line, " ");
		bool item = col < len && line[col] == '-';
		if (col < len) {
			while (nseq && (col < seq[nseq - 1] || (col == seq[nseq - 1] && !item)))
				nseq--;
			if (item && prev_key && col == prev_col && nseq < 64)
				seq[nseq++] = col;
			/* a key's column: after the "- " of the items it opens */
			size_t kcol = col;
			while (kcol + 1 < len && line[kcol] == '-' && line[kcol + 1] == ' ')
				kcol += 2;
			prev_key = line[len - 1] == ':';
			prev_col = kcol;
			for (size_t i = 0; i < nseq; i++)
				buf_puts(&b, "  ");
		}
		buf_add(&b, line, len);
		if (!nl)
			break;
		buf_putc(&b, '\n');
		line = nl + 1;
	}
	hv_free(y);
	return str_take(&b);
}

/* Parses YAML (or JSON) text into a value of kind WANT; NULL with *msg on failure. */
static hv *decode(struct memo *memo, const hv *text, bool json, hv_kind want, char **msg)
{
	char *e = NULL;
	const char *s = hv_get_str(text);
	size_t n = hv_str_len(text);
	hv *v = memo_get(memo, json, s, n);
	if (!v) {
		v = json ? json_parse(s, n, "", 0, &e) : yaml_parse(s, n, NULL, 0, &e);
		if (v)
			memo_offer(memo, json, s, n, v);
	}
	if (!v) {
		/* json_parse says ":LINE:COL: msg"; encoding/json has no position */
		const char *m = e;
		if (json && m[0] == ':' && strstr(m, ": "))
			m = strstr(m, ": ") + 2;
		*msg = xstrdup(m);
		free(e);
		return NULL;
	}
	if (hv_is_nil(v)) {
		hv_free(v);
		return want == HV_MAP ? hv_map() : hv_list();
	}
	if (hv_kind_of(v) != want) {
		*msg = xasprintf("%sjson: cannot unmarshal %s into Go value of type %s",
		                 json ? "" : "error unmarshaling JSON: while decoding JSON: ",
		                 go_json_type(v),
		                 want == HV_MAP ? "map[string]interface {}" : "[]interface {}");
		hv_free(v);
		return NULL;
	}
	return v;
}

static hv *from_map(tmpl_ctx *ctx, hv **argv, bool json)
{
	struct helm_fctx *fc = tmpl_ctx_userdata(ctx);
	char *msg = NULL;
	hv *m = decode(fc->decoded, argv[0], json, HV_MAP, &msg);
	if (!m) {
		m = hv_map();
		hv_map_set(m, "Error", hv_str(msg));
		free(msg);
	}
	return m;
}

static hv *from_list(tmpl_ctx *ctx, hv **argv, bool json)
{
	struct helm_fctx *fc = tmpl_ctx_userdata(ctx);
	char *msg = NULL;
	hv *l = decode(fc->decoded, argv[0], json, HV_LIST, &msg);
	if (!l) {
		l = hv_list();
		hv_list_push(l, hv_str(msg));
		free(msg);
	}
	return l;
}

static hv *f_from_yaml(tmpl_ctx *ctx, hv **argv, int argc, char **err) { return from_map(ctx, argv, false); }
static hv *f_from_yaml_array(tmpl_ctx *ctx, hv **argv, int argc, char **err) { return from_list(ctx, argv, false); }
static hv *f_from_json(tmpl_ctx *ctx, hv **argv, int argc, char **err) { return from_map(ctx, argv, true); }
static hv *f_from_json_array(tmpl_ctx *ctx, hv **argv, int argc, char **err) { return from_list(ctx, argv, true); }

static hv *f_to_json(tmpl_ctx *ctx, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	render_json(&b, argv[0], JSON_ESCAPE_HTML);
	return str_take(&b);
}

/* toToml returns the encoder's error text as its result. */
static hv *f_to_toml(tmpl_ctx *ctx, hv **argv, int argc, char **err)
{
	if (hv_is_nil(argv[0])) { /* the encoder panics on it in Go */
		*err = xstrdup("reflect: call of reflect.Value.Type on zero Value");
		return NULL;
	}
	hv *p = render_plain(argv[0]);
	char *e = NULL;
	char *s = toml_encode(p, &e);
	hv_free(p);
	hv *r = hv_str(s ? s : e);
	free(s);
	free(e);
	return r;
}

/* fromToml: the document as a map, or {"Error": message}. */
static hv *f_from_toml(tmpl_ctx *ctx, hv **argv, int argc, char **err)
{
	char *e = NULL;
	hv *m = toml_parse(hv_get_str(argv[0]), hv_str_len(argv[0]), &e);
	if (!m) {
		m = hv_map();
		hv_map_set(m, "Error", hv_str(e));
		free(e);
	}
	return m;
}

static const struct tmpl_func helm_funcs[] = {
	{"include", f_include, "sv", TF_ERROR},
	{"tpl", f_tpl, "sv", TF_ERROR},
	{"required", f_required, "sv", TF_ERROR},
	{"fail", f_fail, "s", TF_ERROR},
	{"lookup", f_lookup, "ssss", TF_ERROR},
	{"toYaml", f_to_yaml, "v", 0},
	{"toYamlPretty", f_to_yaml_pretty, "v", 0},
	{"fromYaml", f_from_yaml, "s", 0},
	{"fromYamlArray", f_from_yaml_array, "s", 0},
	{"toJson", f_to_json, "v", 0},
	{"fromJson", f_from_json, "s", 0},
	{"fromJsonArray", f_from_json_array, "s", 0},
	{"toToml", f_to_toml, "v", 0},
	{"fromToml", f_from_toml, "s", 0},
};

void helm_funcs_register(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, helm_funcs, (int)(sizeof helm_funcs / sizeof *helm_funcs));
}
