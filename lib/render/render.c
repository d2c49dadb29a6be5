/* render.c — Helm 3.17's engine.Render (pkg/engine/engine.go), with Helm 2's .Release. */
#include "render/render.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "render/funcs.h"
#include "render/objects.h"
#include "semver.h"
#include "template/template.h"
#include "util.h"

/* One template to render: its full name, text and the data its chart gives it. */
struct tpl {
	char *name;
	const struct chart_file *file;
	hv *vals;       /* the chart's top-level data (shared by the chart's templates) */
	char *basepath; /* "mychart/templates" */
	size_t slashes; /* in name, for the parse order */
};

struct walk {
	struct tpl *t;
	size_t n, cap;
	hv *release, *caps;
};

static hv *release_object(const struct render_opts *o)
{
	hv *r = hv_map();
	hv_map_set(r, "Name", hv_str(o->release_name));
	hv_map_set(r, "Namespace", hv_str(o->namespace));
	hv_map_set(r, "IsInstall", hv_bool(!o->is_upgrade));
	hv_map_set(r, "IsUpgrade", hv_bool(o->is_upgrade));
	hv_map_set(r, "Revision", hv_int(o->revision));
	hv_map_set(r, "Service", hv_str(o->helm3 ? "Helm" : "Tiller"));
	if (!o->helm3)
		hv_map_set(r, "Time", render_timestamp(time(NULL)));
	return r;
}

static bool is_library(const chart *c)
{
	return strcmp(c->meta.type, "library") == 0;
}

static size_t slashes(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '/';
	return n;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

/* The subchart of C loaded from PATH (relative to C), or NULL. */
/* A, SEP and B joined (a file name for every template: printf costs more than the join). */
static char *join3(const char *a, const char *sep, const char *b)
{
	size_t na = strlen(a), ns = strlen(sep), nb = strlen(b);
	char *r = xmalloc(na + ns + nb + 1);
	memcpy(r, a, na);
	memcpy(r + na, sep, ns);
	memcpy(r + na + ns, b, nb + 1);
	return r;
}

static const chart *sub_by_path(const chart *c, const char *path)
{
	for (size_t i = 0; i < c->nsubcharts; i++)
		if (strcmp(c->subcharts[i]->path_in_parent, path) == 0)
			return c->subcharts[i];
	return NULL;
}

/* Helm's recAllTpls: the data of chart C named NAME at PARENTPATH, its templates collected. */
static hv *collect(struct walk *w, const chart *c, const char *name, const char *parentpath,
                   hv *parent_values, const hv *tree, bool root)
{
	hv *subcharts = hv_map();
	hv *next = hv_map();
	hv_set_sub(next, HV_GO_VALUES);
	hv_map_set(next, "Chart", render_chart_object(&c->meta, name, root, tree));
	hv_map_set(next, "Files", render_files(c));
	hv_map_set(next, "Release", hv_ref(w->release));
	hv_map_set(next, "Capabilities", hv_ref(w->caps));
	hv *vals = NULL;
	if (root) {
		vals = hv_ref(parent_values);
	} else {
		hv *v = hv_map_get(parent_values, name);
		if (v && hv_kind_of(v) == HV_MAP)
			vals = hv_ref(v);
	}
	if (!vals)
		vals = hv_map();
	if (hv_sub(vals) != HV_GO_VALUES && hv_kind_of(vals) == HV_MAP)
		hv_set_sub(vals, HV_GO_VALUES);
	hv_map_set(next, "Values", vals);
	hv_map_set(next, "Subcharts", subcharts);

	char *full = parentpath ? join3(parentpath, "/charts/", name) : xstrdup(name);
	if (tree) {
		hv *kids = hv_map_get(tree, "charts");
		if (kids && hv_kind_of(kids) != HV_LIST)
			kids = NULL;
		for (size_t i = 0; kids && i < hv_len(kids); i++) {
			hv *k = hv_list_get(kids, i);
			hv *kpath = hv_kind_of(k) == HV_MAP ? hv_map_get(k, "path") : NULL;
			hv *kname = kpath ? hv_map_get(k, "name") : NULL;
			if (!kname || hv_kind_of(kpath) != HV_STRING || hv_kind_of(kname) != HV_STRING ||
			    !hv_str_len(kname))
				continue;
			const chart *sc = sub_by_path(c, hv_get_str(kpath));
			if (!sc)
				continue;
			hv *d = collect(w, sc, hv_get_str(kname), full, vals, k, false);
			hv_map_set(subcharts, hv_get_str(kname), d);
		}
	} else {
		for (size_t i = 0; i < c->nsubcharts; i++) {
			const chart *sc = c->subcharts[i];
			hv *d = collect(w, sc, sc->meta.name, full, vals, NULL, false);
			hv_map_set(subcharts, sc->meta.name, d);
		}
	}
	for (size_t i = 0; i < c->ntemplates; i++) {
		const struct chart_file *f = &c->templates[i];
		if (is_library(c) && base_name(f->name)[0] != '_')
			continue;
		if (w->n == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 16;
			w->t = xrealloc(w->t, w->cap * sizeof *w->t);
		}
		char *name = join3(full, "/", f->name);
		w->t[w->n++] = (struct tpl){name, f, hv_ref(next), join3(full, "/templates", ""),
		                            slashes(name)};
	}
	free(full);
	return next;
}

/* sortTemplates: deeper paths first, then reverse lexical order — so the shallowest,
 * lexically first file is parsed last and its {{define}}s win. */
static int cmp_parse_order(const void *a, const void *b)
{
	const struct tpl *x = a, *y = b;
	if (x->slashes != y->slashes)
		return x->slashes > y->slashes ? -1 : 1;
	return -strcmp(x->name, y->name);
}

/* Helm's cleanupParseError: "parse error at (LOCATION): LAST-MESSAGE". */
static char *parse_error(const char *name, const char *e)
{
	const char *first = strstr(e, ": ");
	if (!first)
		return xasprintf("parse error in (%s): %s", name, e);
	const char *loc = first + 2, *locend = strstr(loc, ": ");
	const char *last = first;
	for (const char *p = first; (p = strstr(p + 1, ": ")); )
		last = p;
	size_t loclen = locend ? (size_t)(locend - loc) : strlen(loc);
	return xasprintf("parse error at (%.*s): %s", (int)loclen, loc, last + 2);
}

/* Helm's reformatExecErrorMsg: fail/required messages become
 * "execution error at (LOCATION): MSG"; others stay as text/template words them. */
static char *exec_error(const char *name, const char *e)
{
	const char *a = strstr(e, ": ");
	const char *b = a ? strstr(a + 2, ": ") : NULL;
	if (!b)
		return xasprintf("execution error in (%s): %s", name, e);
	const char *start = strstr(b + 2, HELM_ERR_START);
	const char *end = NULL;
	if (start)
		for (const char *p = start; (p = strstr(p, HELM_ERR_END)); p++)
			end = p;
	if (start && end) {
		start += strlen(HELM_ERR_START);
		return xasprintf("execution error at (%.*s): %.*s", (int)(b - a - 2), a + 2,
		                 (int)(end - start), start);
	}
	return xstrdup(e);
}

static int cmp_rendered(const void *a, const void *b)
{
	return strcmp(((const struct rendered *)a)->path, ((const struct rendered *)b)->path);
}

struct render_engine {
	tmpl_funcs *funcs;
	tmpl_set *set;
};

/* Whether FD has input waiting, or its end. */
static bool input_ready(int fd)
{
	struct pollfd p = {fd, POLLIN, 0};
	return fd >= 0 && poll(&p, 1, 0) > 0;
}

/* Parses C's templates, then its subcharts', chart by chart until the values are on FD: then
 * render_chart parses the rest as it needs them (and never those of disabled subcharts). */
static bool preparse(tmpl_set *set, const chart *c, int fd)
{
	if (input_ready(fd))
		return false;
	for (size_t i = 0; i < c->ntemplates; i++)
		tmpl_preparse(set, c->templates[i].data, c->templates[i].len);
	for (size_t i = 0; i < c->nsubcharts; i++)
		if (!preparse(set, c->subcharts[i], fd))
			return false;
	return true;
}

static render_engine *engine_new(void)
{
	render_engine *e = xmalloc(sizeof *e);
	e->funcs = tmpl_funcs_new();
	sprig_register(e->funcs);
	helm_funcs_register(e->funcs);
	e->set = tmpl_set_new("gotpl", e->funcs);
	tmpl_set_missingkey(e->set, TMPL_MISSINGKEY_ZERO);
	return e;
}

render_engine *render_engine_new(const chart *top, int values_fd)
{
	render_engine *e = engine_new();
	preparse(e->set, top, values_fd);
	return e;
}

void render_engine_free(render_engine *e)
{
	if (!e)
		return;
	tmpl_set_free(e->set);
	tmpl_funcs_free(e->funcs);
	free(e);
}

int render_chart(const chart *top, hv *values, const hv *tree, const struct render_opts *o,
                 struct rendered **out, size_t *nout, char **err)
{
	struct walk w = {.release = release_object(o),
	                 .caps = render_capabilities(o->kube_version, o->api_versions,
	                                             o->napi_versions, !o->helm3)};
	const char *topname = top->meta.name;
	hv *tn = tree ? hv_map_get(tree, "name") : NULL;
	if (tn && hv_kind_of(tn) == HV_STRING && hv_str_len(tn))
		topname = hv_get_str(tn);
	hv *topdata = collect(&w, top, topname, NULL, values, tree, true);
	if (w.n) /* qsort(NULL, 0, ...) is undefined */
		qsort(w.t, w.n, sizeof *w.t, cmp_parse_order);

	render_engine *engine = o->engine ? o->engine : engine_new();
	tmpl_set *set = engine->set;
	struct helm_fctx fctx;
	helm_fctx_init(&fctx, o->lint);
	struct rendered *r = NULL;
	size_t nr = 0;
	int rc = 0;
	for (size_t i = 0; i < w.n && rc == 0; i++) {
		char *e = NULL;
		if (tmpl_parse_kept(set, w.t[i].name, w.t[i].file->data, w.t[i].file->len, &e) < 0) {
			*err = parse_error(w.t[i].name, e);
			free(e);
			rc = -1;
		}
	}
	for (size_t i = 0; i < w.n && rc == 0; i++) {
		struct tpl *t = &w.t[i];
		if (base_name(t->name)[0] == '_')
			continue;
		hv *tmpl = hv_map();
		hv_set_sub(tmpl, HV_GO_VALUES);
		hv_map_set(tmpl, "Name", hv_str(t->name));
		hv_map_set(tmpl, "BasePath", hv_str(t->basepath));
		hv_map_set(t->vals, "Template", tmpl);
		buf b = BUF_INIT;
		char *e = NULL;
		if (tmpl_execute(set, t->name, t->vals, &fctx, &b, &e) < 0) {
			*err = exec_error(t->name, e);
			free(e);
			buf_free(&b);
			rc = -1;
			break;
		}
		tmpl_strip_no_value(&b);
		r = xrealloc(r, (nr + 1) * sizeof *r);
		r[nr++] = (struct rendered){xstrdup(t->name), buf_detach(&b, NULL)};
	}
	render_engine_free(engine);
	helm_fctx_free(&fctx);
	/* Break the cycles: each chart's data holds its templates' "Template" entry only. */
	for (size_t i = 0; i < w.n; i++) {
		hv_map_del(w.t[i].vals, "Template");
		hv_free(w.t[i].vals);
		free(w.t[i].name);
		free(w.t[i].basepath);
	}
	free(w.t);
	hv_free(topdata);
	hv_free(w.release);
	hv_free(w.caps);
	if (rc < 0) {
		render_free(r, nr);
		return -1;
	}
	if (nr)
		qsort(r, nr, sizeof *r, cmp_rendered);
	*out = r;
	*nout = nr;
	return 0;
}

void render_free(struct rendered *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].path);
		free(r[i].content);
	}
	free(r);
}

char *render_kube_version(const char *v, char **err)
{
	char *e = NULL;
	semver *sv = semver_parse(v, &e);
	if (!sv) {
		*err = xasprintf("invalid kube version '%s': %s", v, e);
		free(e);
		return NULL;
	}
	char *s = semver_string(sv);
	char *r = xasprintf("v%s", s);
	free(s);
	semver_free(sv);
	return r;
}

char *render_check_kube_version(const chart *top, const char *kube)
{
	const char *want = top->meta.kube_version;
	if (!want || !*want)
		return NULL;
	char *ce = NULL, *ve = NULL;
	bool ok = false;
	semver_constraints *c = semver_constraint_parse(want, &ce);
	semver *v = semver_parse(kube, &ve);
	if (c && v)
		ok = semver_constraint_check(c, v);
	free(ce);
	free(ve);
	if (c)
		semver_constraint_free(c);
	if (v)
		semver_free(v);
	if (ok)
		return NULL;
	return xasprintf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s",
	                 want, kube);
}
