#include "values/vchart.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static void dep_copy(struct vdep *d, const char *name, const char *version, const char *repository,
		     const char *condition, const char *alias, char *const *tags, size_t ntags,
		     const hv *import_values, bool enabled)
{
	d->name = xstrdup(name);
	d->version = xstrdup(version);
	d->repository = xstrdup(repository);
	d->condition = xstrdup(condition);
	d->alias = xstrdup(alias);
	d->ntags = ntags;
	d->tags = xcalloc(ntags ? ntags : 1, sizeof *d->tags);
	for (size_t i = 0; i < ntags; i++)
		d->tags[i] = xstrdup(tags[i]);
	d->import_values = import_values ? hv_copy(import_values) : NULL;
	d->enabled = enabled;
}

vchart *vchart_from_chart(const chart *c)
{
	vchart *v = xcalloc(1, sizeof *v);
	v->name = xstrdup(c->meta.name);
	v->version = xstrdup(c->meta.version);
	v->path = xstrdup(c->path_in_parent ? c->path_in_parent : "");
	v->values = c->values ? hv_ref(c->values) : hv_map();
	v->ndeps = c->meta.ndeps;
	v->deps = xcalloc(v->ndeps ? v->ndeps : 1, sizeof *v->deps);
	for (size_t i = 0; i < v->ndeps; i++) {
		const struct chart_dep *d = &c->meta.deps[i];
		dep_copy(&v->deps[i], d->name, d->version, d->repository, d->condition, d->alias,
			 d->tags, d->ntags, d->import_values, d->enabled);
	}
	if (c->schema) {
		v->schema = xstrndup(c->schema, c->schema_len);
		v->schema_len = c->schema_len;
	}
	v->nsubs = c->nsubcharts;
	v->subs = xcalloc(v->nsubs ? v->nsubs : 1, sizeof *v->subs);
	for (size_t i = 0; i < v->nsubs; i++)
		v->subs[i] = vchart_from_chart(c->subcharts[i]);
	return v;
}

vchart *vchart_clone(const vchart *c)
{
	vchart *v = xcalloc(1, sizeof *v);
	v->name = xstrdup(c->name);
	v->version = xstrdup(c->version);
	v->path = xstrdup(c->path);
	v->values = hv_ref(c->values);
	v->ndeps = c->ndeps;
	v->deps = xcalloc(v->ndeps ? v->ndeps : 1, sizeof *v->deps);
	for (size_t i = 0; i < v->ndeps; i++) {
		const struct vdep *d = &c->deps[i];
		dep_copy(&v->deps[i], d->name, d->version, d->repository, d->condition, d->alias,
			 d->tags, d->ntags, d->import_values, d->enabled);
	}
	if (c->schema) {
		v->schema = xstrndup(c->schema, c->schema_len);
		v->schema_len = c->schema_len;
	}
	v->nsubs = c->nsubs;
	v->subs = xcalloc(v->nsubs ? v->nsubs : 1, sizeof *v->subs);
	for (size_t i = 0; i < v->nsubs; i++)
		v->subs[i] = vchart_clone(c->subs[i]);
	return v;
}

void vdep_free(struct vdep *d)
{
	free(d->name);
	free(d->version);
	free(d->repository);
	free(d->condition);
	free(d->alias);
	for (size_t i = 0; i < d->ntags; i++)
		free(d->tags[i]);
	free(d->tags);
	hv_free(d->import_values);
}

void vchart_free(vchart *c)
{
	if (!c)
		return;
	free(c->name);
	free(c->version);
	free(c->path);
	hv_free(c->values);
	for (size_t i = 0; i < c->ndeps; i++)
		vdep_free(&c->deps[i]);
	free(c->deps);
	free(c->schema);
	for (size_t i = 0; i < c->nsubs; i++)
		vchart_free(c->subs[i]);
	free(c->subs);
	free(c);
}

hv *vchart_tree_json(const vchart *c)
{
	hv *m = hv_map();
	hv_map_set(m, "name", hv_str(c->name));
	hv_map_set(m, "path", hv_str(c->path));
	hv *subs = hv_list();
	for (size_t i = 0; i < c->nsubs; i++)
		hv_list_push(subs, vchart_tree_json(c->subs[i]));
	hv_map_set(m, "charts", subs);
	return m;
}
