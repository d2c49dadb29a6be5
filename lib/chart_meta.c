/* Chart.yaml <-> chart.Metadata, and Helm's validation of it. */
#include "chart.h"
#include "chart_private.h"
#include "buf.h"
#include "semver.h"
#include "strconv.h"
#include "util.h"
#include "yaml.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *json_kind(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_MAP: return "object";
	case HV_LIST: return "array";
	case HV_STRING: return "string";
	case HV_BOOL: return "bool";
	default: return "number";
	}
}

static char *type_error(const hv *v, const char *field, const char *gotype)
{
	return xasprintf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go struct field %s of type %s",
		json_kind(v), field, gotype);
}

/* A YAML scalar read into a Go string field.  Returns 0, 1 for null (field left alone), -1. */
static int to_string(const hv *v, const char *field, char **out, char **err)
{
	switch (hv_kind_of(v)) {
	case HV_NIL:
		return 1;
	case HV_STRING:
		*out = xstrndup(hv_get_str(v), hv_str_len(v));
		return 0;
	case HV_BOOL:
		*out = xstrdup(hv_get_bool(v) ? "true" : "false");
		return 0;
	case HV_INT:
		*out = xasprintf("%lld", (long long)hv_get_int(v));
		return 0;
	case HV_UINT:
		*out = xasprintf("%llu", (unsigned long long)hv_get_uint(v));
		return 0;
	case HV_FLOAT: {
		buf b = BUF_INIT;
		go_format_float_bits(&b, hv_get_float(v), 'g', -1, 32);
		*out = buf_detach(&b, NULL);
		return 0;
	}
	default:
		*err = type_error(v, field, "string");
		return -1;
	}
}

/* encoding/json matches keys exactly first, then case-insensitively. */
static hv *field(const hv *m, const char *name)
{
	hv *v = hv_map_get(m, name);
	if (v)
		return v;
	for (size_t i = 0; i < hv_len(m); i++)
		if (strcasecmp(hv_map_key(m, i), name) == 0)
			return hv_map_val(m, i);
	return NULL;
}

static int set_string(const hv *m, const char *name, const char *gofield, char **dst, char **err)
{
	hv *v = field(m, name);
	if (!v)
		return 0;
	char *s = NULL;
	int r = to_string(v, gofield, &s, err);
	if (r < 0)
		return -1;
	if (r == 0) {
		free(*dst);
		*dst = s;
	}
	return 0;
}

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int set_strings(const hv *m, const char *name, const char *gofield, char ***dst, size_t *n, char **err)
{
	hv *v = field(m, name);
	if (!v)
		return 0;
	if (hv_is_nil(v)) {
		free_strv(*dst, *n);
		*dst = NULL, *n = 0;
		return 0;
	}
	if (hv_kind_of(v) != HV_LIST) {
		*err = type_error(v, gofield, "[]string");
		return -1;
	}
	size_t k = hv_len(v);
	char **out = xcalloc(k + 1, sizeof *out);
	for (size_t i = 0; i < k; i++) {
		int r = to_string(hv_list_get(v, i), gofield, &out[i], err);
		if (r < 0) {
			free_strv(out, i);
			return -1;
		}
		if (r > 0)
			out[i] = xstrdup("");
	}
	free_strv(*dst, *n);
	*dst = out, *n = k;
	return 0;
}

static int set_bool(const hv *m, const char *name, const char *gofield, bool *dst, char **err)
{
	hv *v = field(m, name);
	if (!v || hv_is_nil(v))
		return 0;
	if (hv_kind_of(v) != HV_BOOL) {
		*err = type_error(v, gofield, "bool");
		return -1;
	}
	*dst = hv_get_bool(v);
	return 0;
}

static void free_dep(struct chart_dep *d)
{
	free(d->name), free(d->version), free(d->repository), free(d->condition), free(d->alias);
	free_strv(d->tags, d->ntags);
	hv_free(d->import_values);
}

static void fill(char **s)
{
	if (!*s)
		*s = xstrdup("");
}

static int unmarshal_dep(const hv *v, struct chart_dep *d, char **err)
{
	if (hv_kind_of(v) != HV_MAP) {
		*err = type_error(v, "Metadata.dependencies", "chart.Dependency");
		return -1;
	}
	if (set_string(v, "name", "Dependency.dependencies.name", &d->name, err) ||
	    set_string(v, "version", "Dependency.dependencies.version", &d->version, err) ||
	    set_string(v, "repository", "Dependency.dependencies.repository", &d->repository, err) ||
	    set_string(v, "condition", "Dependency.dependencies.condition", &d->condition, err) ||
	    set_string(v, "alias", "Dependency.dependencies.alias", &d->alias, err) ||
	    set_strings(v, "tags", "Dependency.dependencies.tags", &d->tags, &d->ntags, err) ||
	    set_bool(v, "enabled", "Dependency.dependencies.enabled", &d->enabled, err))
		return -1;
	hv *iv = field(v, "import-values");
	if (iv && !hv_is_nil(iv)) {
		if (hv_kind_of(iv) != HV_LIST) {
			*err = type_error(iv, "Dependency.dependencies.import-values", "[]interface {}");
			return -1;
		}
		d->import_values = hv_ref(iv);
	}
	fill(&d->name), fill(&d->version), fill(&d->repository), fill(&d->condition), fill(&d->alias);
	return 0;
}

static int unmarshal_maintainer(const hv *v, struct chart_maintainer *x, char **err)
{
	if (hv_kind_of(v) != HV_MAP) {
		*err = type_error(v, "Metadata.maintainers", "chart.Maintainer");
		return -1;
	}
	if (set_string(v, "name", "Maintainer.maintainers.name", &x->name, err) ||
	    set_string(v, "email", "Maintainer.maintainers.email", &x->email, err) ||
	    set_string(v, "url", "Maintainer.maintainers.url", &x->url, err))
		return -1;
	fill(&x->name), fill(&x->email), fill(&x->url);
	return 0;
}

static void free_maintainers(struct chart_maintainer *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name), free(v[i].email), free(v[i].url);
	free(v);
}

static void free_deps(struct chart_dep *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free_dep(&v[i]);
	free(v);
}

static int set_annotations(const hv *doc, struct chart_metadata *m, char **err)
{
	hv *ann = field(doc, "annotations");
	if (!ann || hv_is_nil(ann))
		return 0;
	if (hv_kind_of(ann) != HV_MAP) {
		*err = type_error(ann, "Metadata.annotations", "map[string]string");
		return -1;
	}
	hv *out = hv_map();
	for (size_t i = 0; i < hv_len(ann); i++) {
		char *s = NULL;
		int r = to_string(hv_map_val(ann, i), "Metadata.annotations", &s, err);
		if (r < 0) {
			hv_free(out);
			return -1;
		}
		hv_map_set(out, hv_map_key(ann, i), r ? hv_str("") : hv_str_take(s, strlen(s)));
	}
	hv_free(m->annotations);
	m->annotations = out;
	return 0;
}

static int set_maintainers(const hv *doc, struct chart_metadata *m, char **err)
{
	hv *ms = field(doc, "maintainers");
	if (!ms || hv_is_nil(ms))
		return 0;
	if (hv_kind_of(ms) != HV_LIST) {
		*err = type_error(ms, "Metadata.maintainers", "[]*chart.Maintainer");
		return -1;
	}
	size_t k = hv_len(ms), used = 0;
	struct chart_maintainer *out = xcalloc(k + 1, sizeof *out);
	for (size_t i = 0; i < k; i++) {
		hv *item = hv_list_get(ms, i);
		if (hv_is_nil(item)) {
			m->null_node = "maintainers must not contain empty or null nodes";
			continue;
		}
		if (unmarshal_maintainer(item, &out[used], err)) {
			free_maintainers(out, used + 1);
			return -1;
		}
		used++;
	}
	free_maintainers(m->maintainers, m->nmaintainers);
	m->maintainers = out, m->nmaintainers = used;
	return 0;
}

static int set_deps(const hv *doc, struct chart_metadata *m, char **err)
{
	hv *ds = field(doc, "dependencies");
	if (!ds || hv_is_nil(ds))
		return 0;
	if (hv_kind_of(ds) != HV_LIST) {
		*err = type_error(ds, "Metadata.dependencies", "[]*chart.Dependency");
		return -1;
	}
	size_t k = hv_len(ds), used = 0;
	struct chart_dep *out = xcalloc(k + 1, sizeof *out);
	for (size_t i = 0; i < k; i++) {
		hv *item = hv_list_get(ds, i);
		if (hv_is_nil(item)) {
			m->null_node = "dependencies must not contain empty or null nodes";
			continue;
		}
		if (unmarshal_dep(item, &out[used], err)) {
			free_deps(out, used + 1);
			return -1;
		}
		used++;
	}
	free_deps(m->deps, m->ndeps);
	m->deps = out, m->ndeps = used;
	return 0;
}

/* encoding/json goes on after a type error and reports the earliest one in the document, whose
 * keys sigs.k8s.io/yaml wrote sorted: keep the error of the first key. */
static void keep_earliest(const hv *doc, const char *key, char *e, char **first, size_t *first_pos)
{
	size_t pos = SIZE_MAX;
	for (size_t i = 0; i < hv_len(doc) && pos == SIZE_MAX; i++)
		if (strcasecmp(hv_map_key(doc, i), key) == 0)
			pos = i;
	if (!*first || pos < *first_pos) {
		free(*first);
		*first = e;
		*first_pos = pos;
	} else
		free(e);
}

int chart_metadata_unmarshal(const hv *doc, struct chart_metadata *m, char **err)
{
	if (hv_is_nil(doc))
		return 0;
	if (hv_kind_of(doc) != HV_MAP) {
		*err = xasprintf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type chart.Metadata",
			json_kind(doc));
		return -1;
	}
	static const struct { const char *key, *gofield; size_t off; } strs[] = {
		{"name", "Metadata.name", offsetof(struct chart_metadata, name)},
		{"home", "Metadata.home", offsetof(struct chart_metadata, home)},
		{"version", "Metadata.version", offsetof(struct chart_metadata, version)},
		{"description", "Metadata.description", offsetof(struct chart_metadata, description)},
		{"icon", "Metadata.icon", offsetof(struct chart_metadata, icon)},
		{"apiVersion", "Metadata.apiVersion", offsetof(struct chart_metadata, api_version)},
		{"condition", "Metadata.condition", offsetof(struct chart_metadata, condition)},
		{"tags", "Metadata.tags", offsetof(struct chart_metadata, tags)},
		{"appVersion", "Metadata.appVersion", offsetof(struct chart_metadata, app_version)},
		{"kubeVersion", "Metadata.kubeVersion", offsetof(struct chart_metadata, kube_version)},
		{"type", "Metadata.type", offsetof(struct chart_metadata, type)},
	};
	char *first = NULL, *e = NULL;
	size_t first_pos = SIZE_MAX;
	for (size_t i = 0; i < sizeof strs / sizeof *strs; i++, e = NULL)
		if (set_string(doc, strs[i].key, strs[i].gofield, (char **)((char *)m + strs[i].off), &e))
			keep_earliest(doc, strs[i].key, e, &first, &first_pos);
	if (set_strings(doc, "sources", "Metadata.sources", &m->sources, &m->nsources, &e))
		keep_earliest(doc, "sources", e, &first, &first_pos);
	e = NULL;
	if (set_strings(doc, "keywords", "Metadata.keywords", &m->keywords, &m->nkeywords, &e))
		keep_earliest(doc, "keywords", e, &first, &first_pos);
	e = NULL;
	if (set_bool(doc, "deprecated", "Metadata.deprecated", &m->deprecated, &e))
		keep_earliest(doc, "deprecated", e, &first, &first_pos);
	e = NULL;
	if (set_annotations(doc, m, &e))
		keep_earliest(doc, "annotations", e, &first, &first_pos);
	e = NULL;
	if (set_maintainers(doc, m, &e))
		keep_earliest(doc, "maintainers", e, &first, &first_pos);
	e = NULL;
	if (set_deps(doc, m, &e))
		keep_earliest(doc, "dependencies", e, &first, &first_pos);
	if (first) {
		*err = first;
		return -1;
	}
	return 0;
}

void chart_metadata_fill(struct chart_metadata *m)
{
	fill(&m->api_version), fill(&m->name), fill(&m->version), fill(&m->kube_version);
	fill(&m->description), fill(&m->type), fill(&m->home), fill(&m->icon);
	fill(&m->app_version), fill(&m->condition), fill(&m->tags);
	if (!m->annotations)
		m->annotations = hv_map();
}

int chart_metadata_parse(const char *text, size_t len, struct chart_metadata *m, char **err)
{
	memset(m, 0, sizeof *m);
	char *perr = NULL;
	hv *doc = yaml_parse(text, len, NULL, YAML_INTS, &perr);
	int r = 0;
	if (!doc) {
		*err = perr;
		r = -1;
	} else
		r = chart_metadata_unmarshal(doc, m, err);
	hv_free(doc);
	chart_metadata_fill(m);
	return r;
}

void chart_metadata_free(struct chart_metadata *m)
{
	free(m->api_version), free(m->name), free(m->version), free(m->kube_version);
	free(m->description), free(m->type), free(m->home), free(m->icon);
	free(m->app_version), free(m->condition), free(m->tags);
	free_strv(m->keywords, m->nkeywords);
	free_strv(m->sources, m->nsources);
	free_maintainers(m->maintainers, m->nmaintainers);
	free_deps(m->deps, m->ndeps);
	hv_free(m->annotations);
	memset(m, 0, sizeof *m);
}

/* --- Metadata -> JSON field names, omitempty --- */

static void put_str(hv *m, const char *key, const char *s, bool omitempty)
{
	if (s && (*s || !omitempty))
		hv_map_set(m, key, hv_str(s));
}

static void put_strs(hv *m, const char *key, char **v, size_t n)
{
	if (!n)
		return;
	hv *l = hv_list();
	for (size_t i = 0; i < n; i++)
		hv_list_push(l, hv_str(v[i]));
	hv_map_set(m, key, l);
}

hv *chart_metadata_to_hv(const struct chart_metadata *m)
{
	hv *o = hv_map();
	put_str(o, "name", m->name, true);
	put_str(o, "home", m->home, true);
	put_strs(o, "sources", m->sources, m->nsources);
	put_str(o, "version", m->version, true);
	put_str(o, "description", m->description, true);
	put_strs(o, "keywords", m->keywords, m->nkeywords);
	if (m->nmaintainers) {
		hv *l = hv_list();
		for (size_t i = 0; i < m->nmaintainers; i++) {
			hv *x = hv_map();
			put_str(x, "name", m->maintainers[i].name, true);
			put_str(x, "email", m->maintainers[i].email, true);
			put_str(x, "url", m->maintainers[i].url, true);
			hv_list_push(l, x);
		}
		hv_map_set(o, "maintainers", l);
	}
	put_str(o, "icon", m->icon, true);
	put_str(o, "apiVersion", m->api_version, true);
	put_str(o, "condition", m->condition, true);
	put_str(o, "tags", m->tags, true);
	put_str(o, "appVersion", m->app_version, true);
	if (m->deprecated)
		hv_map_set(o, "deprecated", hv_bool(true));
	if (m->annotations && hv_len(m->annotations))
		hv_map_set(o, "annotations", hv_copy(m->annotations));
	put_str(o, "kubeVersion", m->kube_version, true);
	if (m->ndeps) {
		hv *l = hv_list();
		for (size_t i = 0; i < m->ndeps; i++) {
			const struct chart_dep *d = &m->deps[i];
			hv *x = hv_map();
			put_str(x, "name", d->name, false);
			put_str(x, "version", d->version, true);
			put_str(x, "repository", d->repository, false);
			put_str(x, "condition", d->condition, true);
			put_strs(x, "tags", d->tags, d->ntags);
			if (d->enabled)
				hv_map_set(x, "enabled", hv_bool(true));
			if (d->import_values && hv_len(d->import_values))
				hv_map_set(x, "import-values", hv_copy(d->import_values));
			put_str(x, "alias", d->alias, true);
			hv_list_push(l, x);
		}
		hv_map_set(o, "dependencies", l);
	}
	put_str(o, "type", m->type, true);
	return o;
}

/* --- validation --- */

/* strings.Map with unicode.IsSpace -> ' ' and !unicode.IsPrint dropped (ASCII and Latin-1 spaces;
 * other runes are kept, as printable). */
static void sanitize(char *s)
{
	if (!s)
		return;
	char *w = s;
	for (const unsigned char *r = (const unsigned char *)s; *r; r++) {
		if (*r == '\t' || *r == '\n' || *r == '\v' || *r == '\f' || *r == '\r' || *r == ' ')
			*w++ = ' ';
		else if (*r < 0x20 || *r == 0x7f)
			continue;
		else if (r[0] == 0xc2 && (r[1] == 0x85 || r[1] == 0xa0)) {
			*w++ = ' ';
			r++;
		} else
			*w++ = (char)*r;
	}
	*w = 0;
}

static bool alias_ok(const char *a)
{
	for (const char *p = a; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
			return false;
	return *a != 0;
}

char *chart_validate(struct chart_metadata *m)
{
	sanitize(m->name), sanitize(m->description), sanitize(m->home), sanitize(m->icon);
	sanitize(m->condition), sanitize(m->tags), sanitize(m->app_version), sanitize(m->kube_version);
	for (size_t i = 0; i < m->nsources; i++)
		sanitize(m->sources[i]);
	for (size_t i = 0; i < m->nkeywords; i++)
		sanitize(m->keywords[i]);

	if (!*m->api_version)
		return xstrdup("validation: chart.metadata.apiVersion is required");
	if (!*m->name)
		return xstrdup("validation: chart.metadata.name is required");
	if (strchr(m->name, '/')) /* filepath.Base(name) != name */
		return xasprintf("validation: chart.metadata.name \"%s\" is invalid", m->name);
	if (!*m->version)
		return xstrdup("validation: chart.metadata.version is required");
	char *serr = NULL;
	semver *v = semver_parse(m->version, &serr);
	free(serr);
	if (!v)
		return xasprintf("validation: chart.metadata.version \"%s\" is invalid", m->version);
	semver_free(v);
	if (*m->type && strcmp(m->type, "application") != 0 && strcmp(m->type, "library") != 0)
		return xstrdup("validation: chart.metadata.type must be application or library");
	if (m->null_node && strncmp(m->null_node, "maintainers", 11) == 0)
		return xasprintf("validation: %s", m->null_node);
	for (size_t i = 0; i < m->nmaintainers; i++) {
		sanitize(m->maintainers[i].name), sanitize(m->maintainers[i].email), sanitize(m->maintainers[i].url);
	}
	if (m->null_node)
		return xasprintf("validation: %s", m->null_node);
	for (size_t i = 0; i < m->ndeps; i++) {
		struct chart_dep *d = &m->deps[i];
		sanitize(d->name), sanitize(d->version), sanitize(d->repository), sanitize(d->condition);
		for (size_t k = 0; k < d->ntags; k++)
			sanitize(d->tags[k]);
		if (*d->alias && !alias_ok(d->alias))
			return xasprintf("validation: dependency \"%s\" has disallowed characters in the alias", d->name);
		const char *key = *d->alias ? d->alias : d->name;
		for (size_t j = 0; j < i; j++) {
			const char *other = *m->deps[j].alias ? m->deps[j].alias : m->deps[j].name;
			if (strcmp(key, other) == 0)
				return xasprintf("validation: more than one dependency with name or alias \"%s\"", key);
		}
	}
	return NULL;
}
