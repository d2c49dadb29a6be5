/* The linter's rules on Chart.yaml, values.yaml and dependencies (helm.sh/helm/v3/pkg/lint/rules). */
#include "chart.h"
#include "lint.h"
#include "semver.h"
#include "util.h"
#include "values/coalesce.h"
#include "values/options.h"
#include "values/schema.h"
#include "yaml.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool lint_rule(struct linter *l, int sev, const char *path, char *err)
{
	if (!err)
		return true;
	l->msgs = xrealloc(l->msgs, (l->n + 1) * sizeof *l->msgs);
	l->msgs[l->n++] = (struct lint_msg){sev, xstrdup(path), err};
	if (sev > l->highest)
		l->highest = sev;
	return false;
}

void lint_free(struct linter *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->msgs[i].path);
		free(l->msgs[i].text);
	}
	free(l->msgs);
	l->msgs = NULL;
	l->n = 0;
}

/* govalidator.IsRequestURL: url.ParseRequestURI accepts it and it has a scheme. */
static bool is_request_url(const char *s)
{
	if (!isalpha((unsigned char)s[0]))
		return false;
	size_t i = 1;
	while (isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	if (s[i] != ':')
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == ' ')
			return false;
	return true;
}

/* govalidator.IsEmail, loosely: one '@' between non-empty parts, no spaces. */
static bool is_email(const char *s)
{
	const char *at = strchr(s, '@');
	return at && at != s && at[1] && !strchr(at + 1, '@') && !strpbrk(s, " \t\n") && strchr(at + 1, '.');
}

/* govalidator.IsURL, loosely: no spaces, a scheme or a host with a dot. */
static bool is_url(const char *s)
{
	if (!*s || strlen(s) >= 2083 || strpbrk(s, " \t\n"))
		return false;
	return is_request_url(s) || strchr(s, '.') || strncmp(s, "localhost", 9) == 0;
}

static char *value_type_error(const hv *doc, const char *key)
{
	hv *v = doc && hv_kind_of(doc) == HV_MAP ? hv_map_get(doc, key) : NULL;
	if (!v || hv_kind_of(v) == HV_STRING)
		return NULL;
	return xasprintf("%s should be of type string but it's of type %s", key, hv_is_nil(v) ? "<nil>" : hv_gotype(v));
}

void lint_chartfile(struct linter *l)
{
	const char *file = "Chart.yaml";
	char *path = xasprintf("%s/Chart.yaml", l->dir);
	struct stat st;
	lint_rule(l, LINT_ERROR, file, stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? xstrdup("should be a file, not a directory") : NULL);

	size_t len;
	char *err = NULL;
	char *text = read_file(path, &len, &err);
	struct chart_metadata m;
	int r = -1;
	if (text)
		r = chart_metadata_parse(text, len, &m, &err);
	if (r != 0) {
		lint_rule(l, LINT_ERROR, file, xasprintf("unable to parse YAML\n\t%s", err));
		free(err);
		if (text)
			chart_metadata_free(&m);
		free(text);
		free(path);
		return;
	}
	hv *doc = yaml_parse(text, len, "Chart.yaml", 0, &err);
	free(err);

	if (!*m.name)
		lint_rule(l, LINT_ERROR, file, xstrdup("name is required"));
	else if (strchr(m.name, '/'))
		lint_rule(l, LINT_ERROR, file, xasprintf("chart name \"%s\" is invalid", m.name));

	if (!*m.api_version)
		lint_rule(l, LINT_ERROR, file, xstrdup("apiVersion is required. The value must be either \"v1\" or \"v2\""));
	else if (strcmp(m.api_version, "v1") != 0 && strcmp(m.api_version, "v2") != 0)
		lint_rule(l, LINT_ERROR, file, xasprintf("apiVersion '%s' is not valid. The value must be either \"v1\" or \"v2\"", m.api_version));

	lint_rule(l, LINT_ERROR, file, value_type_error(doc, "version"));
	if (!*m.version)
		lint_rule(l, LINT_ERROR, file, xstrdup("version is required"));
	else {
		semver *v = semver_parse(m.version, &err);
		free(err);
		err = NULL;
		if (!v)
			lint_rule(l, LINT_ERROR, file, xasprintf("version '%s' is not a valid SemVer", m.version));
		else {
			semver_constraints *c = semver_constraint_parse(">0.0.0-0", &err);
			if (c && !semver_constraint_check(c, v))
				lint_rule(l, LINT_ERROR, file, xasprintf("version %s is less than or equal to 0.0.0-0", m.version));
			semver_constraint_free(c);
			semver_free(v);
		}
	}
	lint_rule(l, LINT_ERROR, file, value_type_error(doc, "appVersion"));

	for (size_t i = 0; i < m.nmaintainers; i++) {
		const struct chart_maintainer *x = &m.maintainers[i];
		char *e = NULL;
		if (!*x->name)
			e = xstrdup("each maintainer requires a name");
		else if (*x->email && !is_email(x->email))
			e = xasprintf("invalid email '%s' for maintainer '%s'", x->email, x->name);
		else if (*x->url && !is_url(x->url))
			e = xasprintf("invalid url '%s' for maintainer '%s'", x->url, x->name);
		if (e) {
			lint_rule(l, LINT_ERROR, file, e);
			break;
		}
	}
	for (size_t i = 0; i < m.nsources; i++)
		if (!*m.sources[i] || !is_request_url(m.sources[i])) {
			lint_rule(l, LINT_ERROR, file, xasprintf("invalid source URL '%s'", m.sources[i]));
			break;
		}
	if (!*m.icon)
		lint_rule(l, LINT_INFO, file, xstrdup("icon is recommended"));
	else if (!is_request_url(m.icon))
		lint_rule(l, LINT_ERROR, file, xasprintf("invalid icon URL '%s'", m.icon));
	if (*m.type && strcmp(m.api_version, "v2") != 0)
		lint_rule(l, LINT_ERROR, file, xasprintf("chart type is not valid in apiVersion '%s'. It is valid in apiVersion 'v2'", m.api_version));
	if (m.ndeps && strcmp(m.api_version, "v2") != 0)
		lint_rule(l, LINT_ERROR, file, xasprintf("dependencies are not valid in the Chart file with apiVersion '%s'. They are valid in apiVersion 'v2'", m.api_version));

	hv_free(doc);
	chart_metadata_free(&m);
	free(text);
	free(path);
}

void lint_values(struct linter *l, const struct lint_opts *o)
{
	const char *file = "values.yaml";
	char *path = xasprintf("%s/values.yaml", l->dir);
	struct stat st;
	if (!lint_rule(l, LINT_INFO, file, stat(path, &st) != 0 ? xstrdup("file does not exist") : NULL)) {
		free(path);
		return;
	}
	size_t len;
	char *err = NULL;
	char *text = read_file(path, &len, &err);
	hv *values = text ? values_parse_yaml(text, len, &err) : NULL;
	free(text);
	free(path);
	if (!values) {
		lint_rule(l, LINT_ERROR, file, xasprintf("unable to parse YAML: %s", err));
		free(err);
		return;
	}
	hv *merged = o->values ? hv_copy(o->values) : hv_map();
	values_coalesce_tables(merged, values, false);
	char *spath = xasprintf("%s/values.schema.json", l->dir);
	char *schema = read_file(spath, &len, &err);
	free(err);
	if (schema && len)
		lint_rule(l, LINT_ERROR, file, values_validate_schema(merged, schema, len));
	free(schema);
	free(spath);
	hv_free(merged);
	hv_free(values);
}

void lint_dependencies(struct linter *l)
{
	char *err = NULL;
	chart *c = chart_load(l->dir, &err);
	if (!c) {
		lint_rule(l, LINT_ERROR, "", xasprintf("unable to load chart\n\t%s", err));
		free(err);
		return;
	}
	buf missing = BUF_INIT;
	for (size_t i = 0; i < c->nsubcharts; i++) {
		bool found = false;
		for (size_t k = 0; k < c->meta.ndeps && !found; k++)
			found = strcmp(c->meta.deps[k].name, c->subcharts[i]->meta.name) == 0;
		if (!found)
			buf_printf(&missing, "%s%s", missing.len ? "," : "", c->subcharts[i]->meta.name);
	}
	if (missing.len)
		lint_rule(l, LINT_ERROR, l->dir, xasprintf("chart metadata is missing these dependencies: %s", missing.s));
	buf_reset(&missing);
	for (size_t i = 0; i < c->meta.ndeps; i++) {
		const struct chart_dep *d = &c->meta.deps[i];
		const char *key = *d->alias ? d->alias : d->name;
		for (size_t k = 0; k < i; k++) {
			const struct chart_dep *e = &c->meta.deps[k];
			if (strcmp(key, *e->alias ? e->alias : e->name) == 0) {
				buf_printf(&missing, "%s%s", missing.len ? "," : "", key);
				break;
			}
		}
	}
	if (missing.len)
		lint_rule(l, LINT_ERROR, l->dir, xasprintf("multiple dependencies with name or alias: %s", missing.s));
	buf_reset(&missing);
	for (size_t i = 0; i < c->meta.ndeps; i++) {
		bool found = false;
		for (size_t k = 0; k < c->nsubcharts && !found; k++)
			found = strcmp(c->meta.deps[i].name, c->subcharts[k]->meta.name) == 0;
		if (!found)
			buf_printf(&missing, "%s%s", missing.len ? "," : "", c->meta.deps[i].name);
	}
	if (missing.len)
		lint_rule(l, LINT_WARNING, l->dir, xasprintf("chart directory is missing these dependencies: %s", missing.s));
	buf_free(&missing);
	chart_free(c);
}
