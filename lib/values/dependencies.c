/* dependencies.c — pkg/chartutil/dependencies.go of Helm 3.17 (ProcessDependenciesWithMerge)
 * and action.CheckDependencies. */
#include "values/dependencies.h"
#include "buf.h"
#include "semver.h"
#include "util.h"
#include "values/coalesce.h"

#include <stdlib.h>
#include <string.h>

bool values_compatible_range(const char *constraint, const char *version)
{
	char *err = NULL;
	semver *v = semver_parse(version, &err);
	free(err);
	if (!v)
		return false;
	err = NULL;
	semver_constraints *c = semver_constraint_parse(constraint, &err);
	free(err);
	bool ok = c && semver_constraint_check(c, v);
	semver_constraint_free(c);
	semver_free(v);
	return ok;
}

char *values_check_dependencies(const vchart *c)
{
	buf missing = BUF_INIT;
	for (size_t i = 0; i < c->ndeps; i++) {
		bool found = false;
		for (size_t j = 0; j < c->nsubs && !found; j++)
			found = !strcmp(c->subs[j]->name, c->deps[i].name);
		if (!found)
			buf_printf(&missing, "%s%s", missing.len ? ", " : "", c->deps[i].name);
	}
	if (!missing.len)
		return NULL;
	char *e = xasprintf("found in Chart.yaml, but missing in charts/ directory: %s", missing.s);
	buf_free(&missing);
	return e;
}

/* Values.Table: the map at a dotted path (borrowed), or NULL with *bad set to the key that
 * is missing or not a table (Go's ErrNoTable). */
static hv *table(const hv *v, const char *dotted, char **bad)
{
	const hv *cur = v;
	const char *p = dotted;
	for (;;) {
		const char *dot = strchr(p, '.');
		size_t n = dot ? (size_t)(dot - p) : strlen(p);
		const hv *next = hv_map_getn(cur, p, n);
		if (!next || hv_kind_of(next) != HV_MAP) {
			*bad = xstrndup(p, n);
			return NULL;
		}
		cur = next;
		if (!dot)
			return (hv *)cur;
		p = dot + 1;
	}
}

/* Values.PathValue: the non-table value at a dotted path (borrowed; nil counts), or NULL. */
static hv *path_value(const hv *v, const char *path)
{
	const char *last = strrchr(path, '.');
	const hv *t = v;
	if (last) {
		char *prefix = xstrndup(path, (size_t)(last - path)), *bad = NULL;
		t = table(v, prefix, &bad);
		free(prefix);
		free(bad);
		if (!t)
			return NULL;
	}
	hv *val = hv_map_get(t, last ? last + 1 : path);
	return val && hv_kind_of(val) != HV_MAP ? val : NULL;
}

/* processDependencyTags: only the top-level "tags" map counts; a true tag wins over false ones. */
static void tags_apply(struct vdep *deps, size_t n, const hv *cvals)
{
	hv *vt = hv_map_get(cvals, "tags");
	if (!vt || hv_kind_of(vt) != HV_MAP)
		return;
	for (size_t i = 0; i < n; i++) {
		bool has_true = false, has_false = false;
		for (size_t j = 0; j < deps[i].ntags; j++) {
			hv *b = hv_map_get(vt, deps[i].tags[j]);
			if (!b)
				continue;
			if (hv_kind_of(b) != HV_BOOL)
				values_log("dependencies.go:94", "Warning: Tag '%s' for chart %s returned non-bool value",
					   deps[i].tags[j], deps[i].name);
			else if (hv_get_bool(b))
				has_true = true;
			else
				has_false = true;
		}
		deps[i].enabled = has_true || !has_false;
	}
}

static void conditions_apply(struct vdep *deps, size_t n, const hv *cvals, const char *cpath)
{
	for (size_t i = 0; i < n; i++) {
		/* strings.TrimSpace of the whole condition, then split on ','. */
		const char *s = deps[i].condition;
		while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
			s++;
		size_t len = strlen(s);
		while (len && (s[len - 1] == ' ' || (s[len - 1] >= '\t' && s[len - 1] <= '\r')))
			len--;
		char *cond = xstrndup(s, len);
		for (char *c = cond, *end; c; c = end) {
			end = strchr(c, ',');
			if (end)
				*end++ = 0;
			if (!*c)
				continue;
			char *full = xasprintf("%s%s", cpath, c);
			hv *vv = path_value(cvals, full);
			free(full);
			if (!vv)
				continue;
			if (hv_kind_of(vv) == HV_BOOL) {
				deps[i].enabled = hv_get_bool(vv);
				break;
			}
			values_log("dependencies.go:63", "Warning: Condition path '%s' for chart %s returned non-bool value",
				   c, deps[i].name);
		}
		free(cond);
	}
}

/* getAliasDependency: a copy of the chart the dependency names (matching version), renamed
 * to its alias; NULL if none. */
static vchart *alias_dependency(vchart *const *charts, size_t n, const struct vdep *dep)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(charts[i]->name, dep->name) || !values_compatible_range(dep->version, charts[i]->version))
			continue;
		vchart *out = vchart_clone(charts[i]);
		if (*dep->alias) {
			free(out->name);
			out->name = xstrdup(dep->alias);
		}
		return out;
	}
	return NULL;
}

static bool declared(const vchart *c, const vchart *sub)
{
	for (size_t j = 0; j < c->ndeps; j++)
		if (!strcmp(sub->name, c->deps[j].name) && values_compatible_range(c->deps[j].version, sub->version))
			return true;
	return false;
}

static bool removed(char *const *rm, size_t nrm, const char *name)
{
	for (size_t i = 0; i < nrm; i++)
		if (!strcmp(rm[i], name))
			return true;
	return false;
}

/* processDependencyEnabled */
static int process_enabled(vchart *c, const hv *v, const char *path, char **err)
{
	if (!c->ndeps)
		return 0;
	vchart **subs = xcalloc(c->nsubs + c->ndeps + 1, sizeof *subs);
	size_t n = 0;
	for (size_t i = 0; i < c->nsubs; i++)
		if (!declared(c, c->subs[i]))
			subs[n++] = vchart_clone(c->subs[i]);
	for (size_t i = 0; i < c->ndeps; i++) {
		vchart *a = alias_dependency(c->subs, c->nsubs, &c->deps[i]);
		if (a)
			subs[n++] = a;
		if (*c->deps[i].alias) {
			free(c->deps[i].name);
			c->deps[i].name = xstrdup(c->deps[i].alias);
		}
	}
	for (size_t i = 0; i < c->nsubs; i++)
		vchart_free(c->subs[i]);
	free(c->subs);
	c->subs = subs;
	c->nsubs = n;

	for (size_t i = 0; i < c->ndeps; i++)
		c->deps[i].enabled = true;
	hv *cvals = values_coalesce(c, v, false, err);
	if (!cvals)
		return -1;
	tags_apply(c->deps, c->ndeps, cvals);
	conditions_apply(c->deps, c->ndeps, cvals, path);

	char **rm = xcalloc(c->ndeps + 1, sizeof *rm);
	size_t nrm = 0;
	for (size_t i = 0; i < c->ndeps; i++)
		if (!c->deps[i].enabled)
			rm[nrm++] = xstrdup(c->deps[i].name);
	size_t keep = 0;
	for (size_t i = 0; i < c->nsubs; i++) {
		if (removed(rm, nrm, c->subs[i]->name))
			vchart_free(c->subs[i]);
		else
			c->subs[keep++] = c->subs[i];
	}
	c->nsubs = keep;
	keep = 0;
	for (size_t i = 0; i < c->ndeps; i++) {
		if (removed(rm, nrm, c->deps[i].name))
			vdep_free(&c->deps[i]);
		else
			c->deps[keep++] = c->deps[i];
	}
	c->ndeps = keep;
	for (size_t i = 0; i < nrm; i++)
		free(rm[i]);
	free(rm);

	int rc = 0;
	for (size_t i = 0; i < c->nsubs && !rc; i++) {
		char *sub = xasprintf("%s%s.", path, c->subs[i]->name);
		rc = process_enabled(c->subs[i], cvals, sub, err);
		free(sub);
	}
	hv_free(cvals);
	return rc;
}

/* pathToMap: DATA (borrowed) nested under the dotted PATH ("." is the root); a new reference. */
static hv *path_to_map(const char *path, hv *data)
{
	if (!strcmp(path, "."))
		return hv_ref(data);
	/* Split on '.', then wrap from the innermost key outwards. */
	size_t n = 1;
	for (const char *p = path; *p; p++)
		n += *p == '.';
	char **parts = xcalloc(n, sizeof *parts);
	const char *p = path;
	for (size_t i = 0; i < n; i++) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		parts[i] = xstrndup(p, len);
		p += len + (dot ? 1 : 0);
	}
	hv *cur = hv_ref(data);
	for (size_t i = n; i-- > 0;) {
		hv *m = hv_map();
		hv_map_set(m, parts[i], cur);
		cur = m;
		free(parts[i]);
	}
	free(parts);
	return cur;
}

/* processImportValues (with merge, as ProcessDependenciesWithMerge does). */
static int process_import_values(vchart *c, char **err)
{
	if (!c->ndeps)
		return 0;
	hv *cvals = values_coalesce(c, NULL, true, err);
	if (!cvals)
		return -1;
	hv *b = hv_map();
	for (size_t i = 0; i < c->ndeps; i++) {
		const struct vdep *r = &c->deps[i];
		for (size_t j = 0; r->import_values && j < hv_len(r->import_values); j++) {
			hv *iv = hv_list_get(r->import_values, j);
			char *bad = NULL;
			if (hv_kind_of(iv) == HV_MAP) {
				hv *child = hv_map_get(iv, "child"), *parent = hv_map_get(iv, "parent");
				if (!child || hv_kind_of(child) != HV_STRING || !parent || hv_kind_of(parent) != HV_STRING) {
					*err = xasprintf("import-values of dependency %s: child and parent must be strings", r->name);
					hv_free(b);
					hv_free(cvals);
					return -1;
				}
				char *name = xasprintf("%s.%s", r->name, hv_get_str(child));
				hv *vv = table(cvals, name, &bad);
				free(name);
				if (!vv) {
					values_log("dependencies.go:269", "Warning: ImportValues missing table from chart %s: \"%s\" is not a table",
						   r->name, bad);
					free(bad);
					continue;
				}
				hv *m = path_to_map(hv_get_str(parent), vv);
				values_coalesce_tables(b, m, true);
				hv_free(m);
			} else if (hv_kind_of(iv) == HV_STRING) {
				char *name = xasprintf("%s.exports.%s", r->name, hv_get_str(iv));
				hv *vm = table(cvals, name, &bad);
				free(name);
				if (!vm) {
					values_log("dependencies.go:286", "Warning: ImportValues missing table: \"%s\" is not a table", bad);
					free(bad);
					continue;
				}
				values_coalesce_tables(b, vm, true);
			}
		}
	}
	hv *merged = hv_copy(cvals);
	values_coalesce_tables(merged, b, true);
	hv_free(c->values);
	c->values = merged;
	hv_free(b);
	hv_free(cvals);
	return 0;
}

static int process_import_tree(vchart *c, char **err)
{
	for (size_t i = 0; i < c->nsubs; i++)
		if (process_import_tree(c->subs[i], err))
			return -1;
	return process_import_values(c, err);
}

int values_process_dependencies(vchart *c, const hv *vals, char **err)
{
	if (process_enabled(c, vals, "", err))
		return -1;
	return process_import_tree(c, err);
}
