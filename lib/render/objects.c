/* objects.c — Go structs as template values (.Chart, .Capabilities and their parts), and
 * their marshalling by encoding/json's rules (json tags, omitempty, declaration order). */
#include "render/objects.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

/* A struct type: Go field names, json names (NULL: the Go name; "-": not marshalled),
 * omitempty flags, an embedded struct whose fields are promoted, and extra methods. */
struct stype {
	struct hv_object_ops ops;
	size_t n;
	const char *const *names;
	const char *const *json;
	const bool *omitempty;
	int embedded; /* index of an embedded struct field, or -1 */
	hv *(*method)(hv *self, const char *name);
};

struct sval {
	const struct stype *t;
	hv *v[]; /* field values, in declaration order */
};

static hv *struct_lookup(hv *self, const char *name);

/* Our structs are known by their lookup function: other objects (Sprig's certificates, times)
 * have the same hooks but not this layout. */
static const struct stype *type_of(const hv *v)
{
	const struct hv_object_ops *ops = hv_object_ops_of(v);
	return ops && ops->lookup == struct_lookup ? (const struct stype *)ops : NULL;
}

static hv *struct_lookup(hv *self, const char *name)
{
	struct sval *s = hv_object_data(self);
	for (size_t i = 0; i < s->t->n; i++)
		if (strcmp(s->t->names[i], name) == 0)
			return hv_ref(s->v[i]);
	if (s->t->method) {
		hv *m = s->t->method(self, name);
		if (m)
			return m;
	}
	if (s->t->embedded >= 0) {
		hv *e = s->v[s->t->embedded];
		return hv_object_ops_of(e)->lookup(e, name);
	}
	return NULL;
}

static hv *struct_fields(hv *self)
{
	struct sval *s = hv_object_data(self);
	hv *l = hv_list();
	for (size_t i = 0; i < s->t->n; i++)
		hv_list_push(l, hv_ref(s->v[i]));
	return l;
}

static bool empty_value(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_NIL: return true;
	case HV_BOOL: return !hv_get_bool(v);
	case HV_INT: return hv_get_int(v) == 0;
	case HV_UINT: return hv_get_uint(v) == 0;
	case HV_FLOAT: return hv_get_float(v) == 0;
	case HV_STRING: case HV_LIST: case HV_MAP: return hv_len(v) == 0;
	default: return false;
	}
}

/* Calls F(name, value) for each marshalled field in order (embedded fields promoted). */
static void each_json_field(const hv *self, void (*f)(void *, const char *, const hv *), void *arg)
{
	struct sval *s = hv_object_data(self);
	for (size_t i = 0; i < s->t->n; i++) {
		if ((int)i == s->t->embedded) {
			each_json_field(s->v[i], f, arg);
			continue;
		}
		const char *jn = s->t->json ? s->t->json[i] : NULL;
		if (jn && strcmp(jn, "-") == 0)
			continue;
		if (s->t->omitempty && s->t->omitempty[i] && empty_value(s->v[i]))
			continue;
		f(arg, jn ? jn : s->t->names[i], s->v[i]);
	}
}

static void put_plain(void *m, const char *k, const hv *v)
{
	hv_map_set(m, k, render_plain(v));
}

static hv *struct_marshal(hv *self)
{
	hv *m = hv_map();
	each_json_field(self, put_plain, m);
	return m;
}

static void struct_destroy(void *data)
{
	struct sval *s = data;
	for (size_t i = 0; i < s->t->n; i++)
		hv_free(s->v[i]);
	free(s);
}

#define STRUCT_OPS(go, ...) {.gotype = go, .lookup = struct_lookup, .destroy = struct_destroy, \
                             .fields = struct_fields, .marshal = struct_marshal, __VA_ARGS__}

/* A new struct value of type T; takes the N field values. */
static hv *struct_new(const struct stype *t, hv **vals)
{
	struct sval *s = xmalloc(sizeof *s + t->n * sizeof *s->v);
	s->t = t;
	memcpy(s->v, vals, t->n * sizeof *vals);
	return hv_object(&t->ops, s);
}

/* Whether V holds an object (or, with FUNCS, a function) anywhere. */
static bool holds(const hv *v, bool funcs)
{
	switch (hv_kind_of(v)) {
	case HV_OBJECT: return true;
	case HV_FUNC: return funcs;
	case HV_LIST:
		for (size_t i = 0; i < hv_len(v); i++)
			if (holds(hv_list_get(v, i), funcs))
				return true;
		return false;
	case HV_MAP:
		for (size_t i = 0; i < hv_len(v); i++)
			if (holds(hv_map_val(v, i), funcs))
				return true;
		return false;
	default: return false;
	}
}

hv *render_plain(const hv *v)
{
	if (!holds(v, true)) /* nothing to replace: the marshallers only read it */
		return hv_ref((hv *)v);
	switch (hv_kind_of(v)) {
	case HV_OBJECT: {
		const struct hv_object_ops *ops = hv_object_ops_of(v);
		if (ops->marshal)
			return ops->marshal((hv *)v);
		return hv_map();
	}
	case HV_LIST: {
		hv *l = hv_list();
		hv_set_sub(l, hv_sub(v));
		for (size_t i = 0; i < hv_len(v); i++)
			hv_list_push(l, render_plain(hv_list_get(v, i)));
		return l;
	}
	case HV_MAP: {
		hv *m = hv_map();
		hv_set_sub(m, hv_sub(v));
		for (size_t i = 0; i < hv_len(v); i++)
			hv_map_setn(m, hv_map_key(v, i), hv_map_keylen(v, i),
			            render_plain(hv_map_val(v, i)));
		return m;
	}
	case HV_FUNC:
		return hv_nil();
	default:
		return hv_ref((hv *)v);
	}
}

/* --- JSON keeping struct field order --- */

struct jctx {
	buf *b;
	int flags;
	bool first;
};

static void json_value(buf *b, const hv *v, int flags);

static void json_field(void *arg, const char *k, const hv *v)
{
	struct jctx *c = arg;
	if (!c->first)
		buf_putc(c->b, ',');
	c->first = false;
	hv *key = hv_str(k);
	json_emit(c->b, key, c->flags);
	hv_free(key);
	buf_putc(c->b, ':');
	json_value(c->b, v, c->flags);
}

static void json_value(buf *b, const hv *v, int flags)
{
	if (!holds(v, false)) { /* only structs need our own walk */
		json_emit(b, v, flags);
		return;
	}
	if (hv_kind_of(v) == HV_OBJECT && type_of(v)) {
		struct jctx c = {b, flags, true};
		buf_putc(b, '{');
		each_json_field(v, json_field, &c);
		buf_putc(b, '}');
	} else if (hv_kind_of(v) == HV_LIST && hv_sub(v) != HV_GO_BYTES) {
		buf_putc(b, '[');
		for (size_t i = 0; i < hv_len(v); i++) {
			if (i)
				buf_putc(b, ',');
			json_value(b, hv_list_get(v, i), flags);
		}
		buf_putc(b, ']');
	} else if (hv_kind_of(v) == HV_MAP) {
		struct jctx c = {b, flags, true};
		buf_putc(b, '{');
		for (size_t i = 0; i < hv_len(v); i++)
			json_field(&c, hv_map_key(v, i), hv_map_val(v, i));
		buf_putc(b, '}');
	} else {
		hv *p = render_plain(v);
		json_emit(b, p, flags);
		hv_free(p);
	}
}

void render_json(buf *b, const hv *v, int flags)
{
	json_value(b, v, flags);
}

/* --- chart.Metadata, chart.Maintainer, chart.Dependency --- */

static hv *strs(char *const *s, size_t n)
{
	hv *l = hv_list();
	hv_set_sub(l, HV_GO_STRLIST);
	for (size_t i = 0; i < n; i++)
		hv_list_push(l, hv_str(s[i]));
	return l;
}

static const char *const maint_names[] = {"Name", "Email", "URL"};
static const char *const maint_json[] = {"name", "email", "url"};
static const bool all_omit[] = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
static const struct stype maint_type = {
	STRUCT_OPS("*chart.Maintainer"), 3, maint_names, maint_json, all_omit, -1, NULL};

static const char *const dep_names[] = {"Name", "Version", "Repository", "Condition", "Tags",
                                        "Enabled", "ImportValues", "Alias"};
static const char *const dep_json[] = {"name", "version", "repository", "condition", "tags",
                                       "enabled", "import-values", "alias"};
static const bool dep_omit[] = {0, 1, 0, 1, 1, 1, 1, 1};
static const struct stype dep_type = {
	STRUCT_OPS("*chart.Dependency"), 8, dep_names, dep_json, dep_omit, -1, NULL};

static const char *const meta_names[] = {
	"Name", "Home", "Sources", "Version", "Description", "Keywords", "Maintainers", "Icon",
	"APIVersion", "Condition", "Tags", "AppVersion", "Deprecated", "Annotations", "KubeVersion",
	"Dependencies", "Type"};
static const char *const meta_json[] = {
	"name", "home", "sources", "version", "description", "keywords", "maintainers", "icon",
	"apiVersion", "condition", "tags", "appVersion", "deprecated", "annotations", "kubeVersion",
	"dependencies", "type"};
static const struct stype meta_type = {
	STRUCT_OPS("chart.Metadata"), 17, meta_names, meta_json, all_omit, -1, NULL};

static const char *const chart_names[] = {"Metadata", "IsRoot"};
static const struct stype chart_type = {
	STRUCT_OPS("struct { chart.Metadata; IsRoot bool }"), 2, chart_names, NULL, NULL, 0, NULL};

/* Whether TREE (helm-merge-values' node of this chart) has a subchart named NAME; with no
 * tree every dependency counts as enabled. */
static bool dep_enabled(const hv *tree, const char *name)
{
	hv *kids = tree ? hv_map_get(tree, "charts") : NULL;
	if (!tree)
		return true;
	for (size_t i = 0; kids && hv_kind_of(kids) == HV_LIST && i < hv_len(kids); i++) {
		hv *k = hv_list_get(kids, i);
		hv *n = hv_kind_of(k) == HV_MAP ? hv_map_get(k, "name") : NULL;
		if (n && hv_kind_of(n) == HV_STRING && strcmp(hv_get_str(n), name) == 0)
			return true;
	}
	return false;
}

/* import-values as Helm rewrites them for an enabled dependency: "x" becomes
 * {child: exports.x, parent: .}, maps keep child and parent. */
static hv *import_values(const hv *iv)
{
	hv *l = hv_list();
	for (size_t i = 0; i < hv_len(iv); i++) {
		const hv *e = hv_list_get(iv, i);
		hv *m = hv_map();
		hv_set_sub(m, HV_GO_STRMAP);
		if (hv_kind_of(e) == HV_STRING) {
			hv_map_set(m, "child", hv_str_take(xasprintf("exports.%s", hv_get_str(e)),
			                                   hv_str_len(e) + 8));
			hv_map_set(m, "parent", hv_str("."));
		} else if (hv_kind_of(e) == HV_MAP) {
			hv *c = hv_map_get(e, "child"), *p = hv_map_get(e, "parent");
			hv_map_set(m, "child", c ? hv_ref(c) : hv_str(""));
			hv_map_set(m, "parent", p ? hv_ref(p) : hv_str(""));
		}
		hv_list_push(l, m);
	}
	return l;
}

static hv *metadata(const struct chart_metadata *m, const char *name, const hv *tree)
{
	hv *maint = hv_list();
	for (size_t i = 0; i < m->nmaintainers; i++) {
		const struct chart_maintainer *x = &m->maintainers[i];
		hv *v[] = {hv_str(x->name), hv_str(x->email), hv_str(x->url)};
		hv_list_push(maint, struct_new(&maint_type, v));
	}
	hv *deps = hv_list();
	for (size_t i = 0; i < m->ndeps; i++) {
		/* as Helm leaves them after processing: an alias renames, Enabled is set */
		const struct chart_dep *d = &m->deps[i];
		const char *eff = *d->alias ? d->alias : d->name;
		bool on = dep_enabled(tree, eff);
		bool iv = d->import_values && hv_kind_of(d->import_values) == HV_LIST;
		hv *v[] = {hv_str(eff), hv_str(d->version), hv_str(d->repository),
		           hv_str(d->condition), strs(d->tags, d->ntags), hv_bool(on),
		           iv && on ? import_values(d->import_values)
		                    : iv ? hv_ref(d->import_values) : hv_list(),
		           hv_str(d->alias)};
		hv_list_push(deps, struct_new(&dep_type, v));
	}
	hv *ann = m->annotations ? hv_copy(m->annotations) : hv_map();
	hv_set_sub(ann, HV_GO_STRMAP);
	hv *v[] = {hv_str(name), hv_str(m->home), strs(m->sources, m->nsources), hv_str(m->version),
	           hv_str(m->description), strs(m->keywords, m->nkeywords), maint, hv_str(m->icon),
	           hv_str(m->api_version), hv_str(m->condition), hv_str(m->tags),
	           hv_str(m->app_version), hv_bool(m->deprecated), ann, hv_str(m->kube_version),
	           deps, hv_str(m->type)};
	return struct_new(&meta_type, v);
}

hv *render_chart_object(const struct chart_metadata *m, const char *name, bool is_root,
                        const hv *tree)
{
	hv *v[] = {metadata(m, name, tree), hv_bool(is_root)};
	return struct_new(&chart_type, v);
}

/* --- chartutil.Capabilities --- */

const char *const render_default_api_versions[] = {
	"v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
	"admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1",
	"apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1",
	"authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
	"autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1",
	"batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1",
	"certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1",
	"coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1",
	"events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1",
	"flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta1",
	"flowcontrol.apiserver.k8s.io/v1beta2", "flowcontrol.apiserver.k8s.io/v1beta3",
	"networking.k8s.io/v1", "networking.k8s.io/v1alpha1", "networking.k8s.io/v1beta1",
	"node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1",
	"policy/v1beta1", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1",
	"rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3",
	"scheduling.k8s.io/v1alpha1", "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1",
	"storage.k8s.io/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1",
	"storagemigration.k8s.io/v1alpha1", "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
	NULL};

/* KubeVersion.String() and the deprecated GitVersion(): both the version text. */
static hv *kv_string(void *data, hv **argv, int argc, char **err)
{
	if (argc) {
		*err = xasprintf("wrong number of args: want 0 got %d", argc);
		return NULL;
	}
	return hv_ref(data);
}

static hv *kv_method(hv *self, const char *name)
{
	if (strcmp(name, "String") != 0 && strcmp(name, "GitVersion") != 0)
		return NULL;
	struct sval *s = hv_object_data(self);
	return hv_func(kv_string, hv_ref(s->v[0]), (void (*)(void *))hv_free, "func() string");
}

static const char *const kv_names[] = {"Version", "Major", "Minor"};
static const struct stype kv_type = {
	STRUCT_OPS("chartutil.KubeVersion", .string_on_pointer = true), 3, kv_names, NULL, NULL, -1, kv_method};

static const char *const bi_names[] = {"Version", "GitCommit", "GitTreeState", "GoVersion"};
static const char *const bi_json[] = {"version", "git_commit", "git_tree_state", "go_version"};
static const struct stype bi_type = {
	STRUCT_OPS("version.BuildInfo"), 4, bi_names, bi_json, all_omit, -1, NULL};

/* Helm 2's .Capabilities.TillerVersion (version.Version). */
static const char *const tv_names[] = {"SemVer", "GitCommit", "GitTreeState"};
static const char *const tv_json[] = {"sem_ver", "git_commit", "git_tree_state"};
static const struct stype tv_type = {
	STRUCT_OPS("*version.Version"), 3, tv_names, tv_json, all_omit, -1, NULL};

/* chartutil.VersionSet: a []string with Has. */
static hv *vs_has(void *data, hv **argv, int argc, char **err)
{
	if (argc != 1) {
		*err = xasprintf("wrong number of args for Has: want 1 got %d", argc);
		return NULL;
	}
	if (hv_kind_of(argv[0]) != HV_STRING) {
		*err = xasprintf("wrong type for value; expected string; got %s", hv_gotype(argv[0]));
		return NULL;
	}
	const hv *l = data;
	for (size_t i = 0; i < hv_len(l); i++)
		if (strcmp(hv_get_str(hv_list_get(l, i)), hv_get_str(argv[0])) == 0)
			return hv_bool(true);
	return hv_bool(false);
}

static hv *vs_lookup(hv *self, const char *name)
{
	if (strcmp(name, "Has") != 0)
		return NULL;
	return hv_func(vs_has, hv_ref(hv_object_data(self)), (void (*)(void *))hv_free,
	               "func(string) bool");
}

static hv *vs_underlying(hv *self)
{
	return hv_ref(hv_object_data(self));
}

static const struct hv_object_ops vs_ops = {
	.gotype = "chartutil.VersionSet",
	.lookup = vs_lookup,
	.destroy = (void (*)(void *))hv_free,
	.underlying = vs_underlying,
	.marshal = vs_underlying,
};

static hv *caps_method(hv *self, const char *name)
{
	if (strcmp(name, "TillerVersion") != 0)
		return NULL;
	hv *v[] = {hv_str("v2.17.0"), hv_str(""), hv_str("clean")};
	return struct_new(&tv_type, v);
}

static const char *const caps_names[] = {"KubeVersion", "APIVersions", "HelmVersion"};
static const struct stype caps_type = {
	STRUCT_OPS("*chartutil.Capabilities"), 3, caps_names, NULL, NULL, -1, NULL};
static const struct stype caps_type_v2 = {
	STRUCT_OPS("*chartutil.Capabilities"), 3, caps_names, NULL, NULL, -1, caps_method};

hv *render_capabilities(const char *kube, char *const *extra, size_t nextra, bool tiller)
{
	/* kube is "vMAJOR.MINOR.PATCH..." */
	const char *maj = kube + (kube[0] == 'v');
	const char *dot = strchr(maj, '.');
	size_t majlen = dot ? (size_t)(dot - maj) : strlen(maj);
	const char *min = dot ? dot + 1 : "";
	size_t minlen = strcspn(min, ".-+");
	hv *kv[] = {hv_str(kube), hv_strn(maj, majlen), hv_strn(min, minlen)};
	hv *apis = hv_list();
	hv_set_sub(apis, HV_GO_STRLIST);
	for (size_t i = 0; render_default_api_versions[i]; i++)
		hv_list_push(apis, hv_str(render_default_api_versions[i]));
	for (size_t i = 0; i < nextra; i++)
		hv_list_push(apis, hv_str(extra[i]));
	hv *bi[] = {hv_str("v3.17.3"), hv_str("e4da49785aa6e6ee2b86efd5dd9e43400318262b"),
	            hv_str("clean"), hv_str("go1.23.7")};
	hv *caps[] = {struct_new(&kv_type, kv), hv_object(&vs_ops, apis), struct_new(&bi_type, bi)};
	return struct_new(tiller ? &caps_type_v2 : &caps_type, caps);
}

/* --- Helm 2's timestamp.Timestamp --- */

static hv *ts_string(void *data, hv **argv, int argc, char **err)
{
	return hv_ref(data);
}

static hv *ts_method(hv *self, const char *name)
{
	if (strcmp(name, "String") != 0)
		return NULL;
	struct sval *s = hv_object_data(self);
	char *text = xasprintf("seconds:%lld nanos:%lld", (long long)hv_get_int(s->v[0]),
	                       (long long)hv_get_int(s->v[1]));
	hv *str = hv_str_take(text, strlen(text));
	return hv_func(ts_string, str, (void (*)(void *))hv_free, "func() string");
}

static const char *const ts_names[] = {"Seconds", "Nanos"};
static const char *const ts_json[] = {"seconds", "nanos"};
static const struct stype ts_type = {
	STRUCT_OPS("*timestamp.Timestamp"), 2, ts_names, ts_json, all_omit, -1, ts_method};

hv *render_timestamp(long long t)
{
	hv *v[] = {hv_int_typed(t, HV_GO_INT64), hv_int_typed(0, HV_GO_INT32)};
	return struct_new(&ts_type, v);
}
