/* The linter's templates rule: render the chart with its default values (as release
 * "test-release") and check each rendered YAML file (rules/template.go). */
#include "chart.h"
#include "lint.h"
#include "render/render.h"
#include "util.h"
#include "values/coalesce.h"
#include "values/dependencies.h"
#include "values/schema.h"
#include "values/vchart.h"
#include "yaml.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

static const char *ext_of(const char *name)
{
	const char *slash = strrchr(name, '/');
	const char *dot = strrchr(slash ? slash + 1 : name, '.');
	return dot ? dot : "";
}

static char *check_extension(const char *name)
{
	static const char *const ok[] = {".yaml", ".yml", ".tpl", ".txt"};
	const char *ext = ext_of(name);
	for (size_t i = 0; i < 4; i++)
		if (strcmp(ext, ok[i]) == 0)
			return NULL;
	return xasprintf("file extension '%s' not valid. Valid extensions are .yaml, .yml, .tpl, or .txt", ext);
}

/* `"?helm\.sh/hook"?:\s+crd-install` */
static char *check_no_crd_hooks(const char *s)
{
	for (const char *p = strstr(s, "helm.sh/hook"); p; p = strstr(p + 1, "helm.sh/hook")) {
		const char *q = p + 12;
		if (*q == '"')
			q++;
		if (*q != ':' || !isspace((unsigned char)q[1]))
			continue;
		for (q++; isspace((unsigned char)*q); q++)
			;
		if (strncmp(q, "crd-install", 11) == 0)
			return xstrdup("manifest is a crd-install hook. This hook is no longer supported in v3 and all CRDs should also exist the crds/ directory at the top level of the chart");
	}
	return NULL;
}

static char *check_top_indent(const char *s)
{
	for (const char *line = s; *line;) {
		size_t n = strcspn(line, "\n");
		size_t k = 0;
		while (k < n && isspace((unsigned char)line[k]))
			k++;
		if (k < n) {
			if (line[0] == ' ' || line[0] == '\t') {
				size_t len = n && line[n - 1] == '\r' ? n - 1 : n;
				return xasprintf("document starts with an illegal indent: \"%.*s\", which may cause parsing problems", (int)len, line);
			}
			return NULL;
		}
		line += n + (line[n] == '\n');
	}
	return NULL;
}

/* A string field of the K8sYamlStruct stub (matched case-insensitively, as encoding/json does). */
static int str_field(const hv *m, const char *key, const char *gofield, const char **out, char **err)
{
	*out = "";
	for (size_t i = 0; i < hv_len(m); i++) {
		if (strcasecmp(hv_map_key(m, i), key) != 0)
			continue;
		hv *v = hv_map_val(m, i);
		if (hv_kind_of(v) == HV_STRING)
			*out = hv_get_str(v);
		else if (!hv_is_nil(v)) {
			const char *kind = hv_kind_of(v) == HV_MAP ? "object" : hv_kind_of(v) == HV_LIST ? "array" : hv_kind_of(v) == HV_BOOL ? "bool" : "number";
			*err = xasprintf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go struct field %s of type string", kind, gofield);
			return -1;
		}
	}
	return 0;
}

static bool has_resource_policy_item(const hv *doc)
{
	hv *items = hv_map_get(doc, "items");
	for (size_t i = 0; items && hv_kind_of(items) == HV_LIST && i < hv_len(items); i++) {
		const hv *it = hv_list_get(items, i);
		hv *ann = hv_kind_of(it) == HV_MAP ? hv_path(it, "metadata.annotations") : NULL;
		if (ann && hv_kind_of(ann) == HV_MAP && hv_map_get(ann, "helm.sh/resource-policy"))
			return true;
	}
	return false;
}

/* Checks one document; returns false when it does not parse (the rule stops there). */
static bool lint_document(struct linter *l, const char *fpath, const char *doc, size_t len,
                          const char *whole, const struct lint_opts *o)
{
	char *err = NULL;
	hv *v = yaml_parse(doc, len, NULL, 0, &err);
	if (!v) {
		lint_rule(l, LINT_ERROR, fpath, xasprintf("unable to parse YAML: %s", err));
		free(err);
		return false;
	}
	if (hv_is_nil(v)) {
		hv_free(v);
		return true;
	}
	const char *api = "", *kind = "", *name = "";
	hv *meta = NULL;
	if (hv_kind_of(v) != HV_MAP)
		err = xasprintf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type rules.K8sYamlStruct",
			hv_kind_of(v) == HV_LIST ? "array" : hv_kind_of(v) == HV_STRING ? "string" : hv_kind_of(v) == HV_BOOL ? "bool" : "number");
	else if (str_field(v, "apiVersion", "K8sYamlStruct.apiVersion", &api, &err) == 0 &&
	         str_field(v, "kind", "K8sYamlStruct.Kind", &kind, &err) == 0) {
		for (size_t i = 0; i < hv_len(v); i++)
			if (strcasecmp(hv_map_key(v, i), "metadata") == 0)
				meta = hv_map_val(v, i);
		if (meta && hv_kind_of(meta) == HV_MAP)
			str_field(meta, "name", "K8sYamlStruct.Metadata.Name", &name, &err);
		else if (meta && !hv_is_nil(meta))
			err = xstrdup("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal value into Go struct field K8sYamlStruct.Metadata of type rules.k8sYamlMetadata");
	}
	if (err) {
		lint_rule(l, LINT_ERROR, fpath, xasprintf("unable to parse YAML: %s", err));
		free(err);
		hv_free(v);
		return false;
	}
	lint_rule(l, LINT_WARNING, fpath, k8s_check_name(kind, name));
	if (*api && *kind)
		lint_rule(l, LINT_WARNING, fpath, k8s_check_deprecation(api, kind, o->kube_major, o->kube_minor));
	if ((strcmp(kind, "Deployment") == 0 || strcmp(kind, "ReplicaSet") == 0 || strcmp(kind, "DaemonSet") == 0 ||
	     strcmp(kind, "StatefulSet") == 0) && !strstr(whole, "matchLabels") && !strstr(whole, "matchExpressions"))
		lint_rule(l, LINT_ERROR, fpath, xasprintf("a %s must contain matchLabels or matchExpressions, and \"%s\" does not", kind, name));
	if (strcmp(kind, "List") == 0 && has_resource_policy_item(v))
		lint_rule(l, LINT_ERROR, fpath, xstrdup("Annotation 'helm.sh/resource-policy' within List objects are ignored"));
	hv_free(v);
	return true;
}

/* Splits rendered text into documents as Kubernetes' YAML reader does: at lines starting with
 * "---" followed by nothing but spaces or a comment.  Returns false when a check stops the rule. */
static bool lint_rendered(struct linter *l, const char *fpath, const char *text, const struct lint_opts *o)
{
	const char *start = text;
	for (const char *line = text;; ) {
		size_t n = strcspn(line, "\n");
		bool sep = false;
		if (strncmp(line, "---", 3) == 0) {
			const char *r = line + 3;
			while (r < line + n && isspace((unsigned char)*r))
				r++;
			if (r < line + n && *r != '#') {
				lint_rule(l, LINT_ERROR, fpath, xasprintf("unable to parse YAML: invalid Yaml document separator: %.*s", (int)(line + n - r), r));
				return false;
			}
			sep = true;
		}
		bool end = !line[n];
		if (sep || end) {
			const char *stop = sep ? line : line + n;
			if (stop > start && !lint_document(l, fpath, start, (size_t)(stop - start), text, o))
				return false;
			start = line + n + !end;
		}
		if (end)
			break;
		line += n + 1;
	}
	return true;
}

static const char *rendered_content(const struct rendered *r, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].path, path) == 0)
			return r[i].content;
	return NULL;
}

void lint_templates(struct linter *l, const struct lint_opts *o)
{
	const char *fpath = "templates/";
	char *tdir = xasprintf("%s/templates", l->dir);
	struct stat st;
	bool bad = stat(tdir, &st) == 0 && !S_ISDIR(st.st_mode);
	free(tdir);
	if (!lint_rule(l, LINT_WARNING, fpath, bad ? xstrdup("not a directory") : NULL))
		return;
	char *err = NULL;
	chart *c = chart_load(l->dir, &err);
	if (!lint_rule(l, LINT_ERROR, fpath, err))
		return;
	vchart *vc = vchart_from_chart(c);
	hv *values = NULL;
	struct rendered *out = NULL;
	size_t nout = 0;
	/* Helm's lint stops quietly when dependencies or coalescing fail. */
	if (values_process_dependencies(vc, o->values, &err) || !(values = values_coalesce(vc, o->values, false, &err))) {
		free(err);
		goto done;
	}
	if (!o->skip_schema) {
		char *report = values_validate_schemas(vc, values);
		if (report) {
			lint_rule(l, LINT_ERROR, fpath, xasprintf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s", report));
			free(report);
			goto done;
		}
	}
	hv *tree = vchart_tree_json(vc);
	struct render_opts ro = {
		.release_name = "test-release",
		.namespace = o->namespace,
		.revision = 1,
		.kube_version = o->kube_version,
		.lint = true,
	};
	int r = render_chart(c, values, tree, &ro, &out, &nout, &err);
	hv_free(tree);
	if (r < 0) {
		lint_rule(l, LINT_ERROR, fpath, err);
		out = NULL, nout = 0;
		goto done;
	}
	for (size_t i = 0; i < c->ntemplates; i++) {
		const struct chart_file *t = &c->templates[i];
		const char *name = t->name;
		lint_rule(l, LINT_ERROR, name, check_extension(name));
		lint_rule(l, LINT_WARNING, name, check_no_crd_hooks(t->data));
		lint_rule(l, LINT_ERROR, name, strstr(t->data, ".Release.Time") ?
			xstrdup(".Release.Time has been removed in v3, please replace with the `now` function in your templates") : NULL);
		if (strcmp(ext_of(name), ".yaml") != 0)
			continue;
		char *key = path_join(c->meta.name, name);
		const char *content = rendered_content(out, nout, key);
		free(key);
		if (!content)
			continue;
		const char *p = content;
		while (*p && isspace((unsigned char)*p))
			p++;
		if (!*p)
			continue;
		lint_rule(l, LINT_WARNING, name, check_top_indent(content));
		if (!lint_rendered(l, name, content, o))
			break;
	}
done:
	render_free(out, nout);
	hv_free(values);
	vchart_free(vc);
	chart_free(c);
}
