/* kinds.c — the registry of resource types: the built-in kinds of builtin-kinds.json and the
 * kinds CustomResourceDefinitions add at run time. */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static hv *kinds_doc;
static rtype **types;
static int ntypes;

static rtype *add_type(const char *group, const char *version, const char *kind, const char *plural)
{
	rtype *t = xcalloc(1, sizeof *t);
	t->group = xstrdup(group);
	t->version = xstrdup(version);
	t->gv = *group ? xasprintf("%s/%s", group, version) : xstrdup(version);
	t->kind = xstrdup(kind);
	t->list_kind = xasprintf("%sList", kind);
	t->plural = xstrdup(plural);
	t->singular = xstrdup(kind);
	for (char *p = t->singular; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	t->served = true;
	t->objects = strmap_new();
	types = xrealloc(types, (size_t)(ntypes + 1) * sizeof *types);
	types[ntypes++] = t;
	return t;
}

/* Kinds whose objects carry metadata.generation: those with both spec and status, except the
 * ones the real API server leaves without. */
static bool keeps_generation(const char *kind, const hv *def)
{
	static const char *const without[] = {"Pod", "Service", "Namespace", "PersistentVolumeClaim",
		"PersistentVolume", "Node", NULL};
	for (int i = 0; without[i]; i++)
		if (strcmp(kind, without[i]) == 0)
			return false;
	return def && hv_map_get(def, "spec") && hv_map_get(def, "status");
}

void kinds_init(void)
{
	char *err = NULL;
	kinds_doc = json_parse(ks_builtin_kinds_json, strlen(ks_builtin_kinds_json), "builtin-kinds.json", JSON_INTS, &err);
	if (!kinds_doc)
		die("%s", err);
	const hv *kinds = hv_map_get(kinds_doc, "kinds");
	const hv *defs = hv_map_get(kinds_doc, "types");
	for (size_t i = 0; i < hv_len(kinds); i++) {
		const hv *k = hv_list_get(kinds, i);
		const hv *served = hv_map_get(k, "servedByDefault");
		if (!served || !hv_get_bool(served))
			continue;
		rtype *t = add_type(hs(k, "group"), hs(k, "version"), hs(k, "kind"), hs(k, "resource"));
		t->namespaced = hbool(k, "namespaced");
		t->patch_fields = hv_map_get(k, "patchFields");
		t->definition = hs(k, "definition");
		const hv *subs = hv_map_get(k, "subresources");
		for (size_t j = 0; subs && j < hv_len(subs); j++)
			if (strcmp(hv_get_str(hv_list_get(subs, j)), "status") == 0)
				t->status_sub = true;
		t->generation = keeps_generation(t->kind, hv_map_get(defs, t->definition));
	}
}

const hv *kinds_types(void) { return hv_map_get(kinds_doc, "types"); }
int kinds_count(void) { return ntypes; }
rtype *kinds_at(int i) { return types[i]; }

rtype *kinds_find(const char *group, const char *version, const char *plural)
{
	for (int i = 0; i < ntypes; i++) {
		rtype *t = types[i];
		if (t->served && strcmp(t->plural, plural) == 0 && strcmp(t->version, version) == 0 &&
		    strcmp(t->group, group) == 0)
			return t;
	}
	return NULL;
}

static rtype *find_any(const char *group, const char *version, const char *plural)
{
	for (int i = 0; i < ntypes; i++)
		if (strcmp(types[i]->plural, plural) == 0 && strcmp(types[i]->version, version) == 0 &&
		    strcmp(types[i]->group, group) == 0)
			return types[i];
	return NULL;
}

static hv *str_list(const hv *l)
{
	hv *o = hv_list();
	for (size_t i = 0; l && hv_kind_of(l) == HV_LIST && i < hv_len(l); i++)
		if (hv_kind_of(hv_list_get(l, i)) == HV_STRING)
			hv_list_push(o, hv_ref(hv_list_get(l, i)));
	return o;
}

static hv *crd_discovery(const rtype *t, const hv *names)
{
	static const char *const verbs[] = {"delete", "deletecollection", "get", "list", "patch", "create",
		"update", "watch", NULL};
	hv *e = hv_map();
	hset_str(e, "name", t->plural);
	hset_str(e, "singularName", t->singular);
	hv_map_set(e, "namespaced", hv_bool(t->namespaced));
	hset_str(e, "kind", t->kind);
	hv *v = hv_list();
	for (int i = 0; verbs[i]; i++)
		hv_list_push(v, hv_str(verbs[i]));
	hv_map_set(e, "verbs", v);
	const hv *sn = hv_map_get(names, "shortNames");
	if (sn && hv_len(sn))
		hv_map_set(e, "shortNames", str_list(sn));
	const hv *cat = hv_map_get(names, "categories");
	if (cat && hv_len(cat))
		hv_map_set(e, "categories", str_list(cat));
	return e;
}

void kinds_crd_register(const hv *crd)
{
	const char *group = hs(crd, "spec.group"), *plural = hs(crd, "spec.names.plural"),
		   *kind = hs(crd, "spec.names.kind");
	const hv *versions = hv_path(crd, "spec.versions");
	if (!group || !plural || !kind || !versions || hv_kind_of(versions) != HV_LIST)
		return;
	const hv *names = hv_path(crd, "spec.names");
	const char *scope = hs(crd, "spec.scope");
	for (size_t i = 0; i < hv_len(versions); i++) {
		const hv *v = hv_list_get(versions, i);
		const char *name = hs(v, "name");
		const hv *served = hv_map_get(v, "served");
		if (!name)
			continue;
		rtype *t = find_any(group, name, plural);
		if (!t)
			t = add_type(group, name, kind, plural);
		t->crd = true;
		t->served = !served || hv_get_bool(served);
		t->namespaced = !scope || strcmp(scope, "Cluster") != 0;
		t->generation = true;
		t->status_sub = hv_path(v, "subresources.status") != NULL;
		const char *singular = hs(crd, "spec.names.singular");
		if (singular && *singular) {
			free(t->singular);
			t->singular = xstrdup(singular);
		}
		const char *lk = hs(crd, "spec.names.listKind");
		if (lk && *lk) {
			free(t->list_kind);
			t->list_kind = xstrdup(lk);
		}
		hv_free(t->discovery);
		t->discovery = crd_discovery(t, names);
	}
}

void kinds_crd_unregister(const hv *crd)
{
	const char *group = hs(crd, "spec.group"), *plural = hs(crd, "spec.names.plural");
	if (!group || !plural)
		return;
	for (int i = 0; i < ntypes; i++) {
		rtype *t = types[i];
		if (!t->crd || strcmp(t->group, group) || strcmp(t->plural, plural) || !t->served)
			continue;
		size_t n;
		hv **objs = store_list(t, NULL, &n);
		for (size_t j = 0; j < n; j++) {
			hv *o = hv_ref(objs[j]);
			store_delete(t, hs(o, "metadata.namespace"), hs(o, "metadata.name"));
			hv_free(o);
		}
		free(objs);
		t->served = false;
	}
}

void kinds_free(void)
{
	for (int i = 0; i < ntypes; i++) {
		rtype *t = types[i];
		store_free_type(t);
		hv_free(t->discovery);
		free(t->group); free(t->version); free(t->gv); free(t->kind); free(t->list_kind);
		free(t->plural); free(t->singular);
		free(t);
	}
	free(types);
	types = NULL;
	ntypes = 0;
	hv_free(kinds_doc);
}
