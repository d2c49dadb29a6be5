/* patch.c — the PATCH flavours: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and
 * strategic merge patch driven by the patch metadata of builtin-kinds.json. */
#include "ksim.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* ---- RFC 7386 ---- */

hv *merge_patch(const hv *target, const hv *patch)
{
	if (hv_kind_of(patch) != HV_MAP)
		return hv_copy(patch);
	hv *out = target && hv_kind_of(target) == HV_MAP ? hv_copy(target) : hv_map();
	for (size_t i = 0; i < hv_len(patch); i++) {
		const char *k = hv_map_key(patch, i);
		const hv *v = hv_map_val(patch, i);
		if (hv_is_nil(v)) {
			hv_map_del(out, k);
			continue;
		}
		hv_map_set(out, k, merge_patch(hv_map_get(out, k), v));
	}
	return out;
}

/* ---- RFC 6902 ---- */

/* Splits a JSON pointer into unescaped tokens; NULL when malformed. */
static char **pointer(const char *p, size_t *n)
{
	*n = 0;
	if (!p || (*p && *p != '/'))
		return NULL;
	char **t = xmalloc((strlen(p) + 1) * sizeof *t);
	while (*p == '/') {
		p++;
		size_t len = strcspn(p, "/");
		char *tok = xmalloc(len + 1), *q = tok;
		for (size_t i = 0; i < len; i++) {
			if (p[i] == '~' && i + 1 < len && (p[i + 1] == '0' || p[i + 1] == '1')) {
				*q++ = p[i + 1] == '0' ? '~' : '/';
				i++;
			} else {
				*q++ = p[i];
			}
		}
		*q = 0;
		t[(*n)++] = tok;
		p += len;
	}
	return t;
}

static void free_tokens(char **t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i]);
	free(t);
}

static bool index_of(const char *tok, size_t len, bool allow_end, size_t *out)
{
	if (allow_end && strcmp(tok, "-") == 0) {
		*out = len;
		return true;
	}
	if (!*tok || (tok[0] == '0' && tok[1]))
		return false;
	char *end;
	unsigned long v = strtoul(tok, &end, 10);
	if (*end || v > len || (!allow_end && v == len))
		return false;
	*out = v;
	return true;
}

/* The container holding the last token of PATH, BORROWED, or NULL. */
static hv *parent(hv *doc, char **t, size_t n)
{
	hv *cur = doc;
	for (size_t i = 0; i + 1 < n; i++) {
		if (hv_kind_of(cur) == HV_MAP) {
			cur = hv_map_get(cur, t[i]);
		} else if (hv_kind_of(cur) == HV_LIST) {
			size_t k;
			cur = index_of(t[i], hv_len(cur), false, &k) ? hv_list_get(cur, k) : NULL;
		} else {
			cur = NULL;
		}
		if (!cur)
			return NULL;
	}
	return cur;
}

static hv *list_without(const hv *l, size_t at, hv *insert, bool remove)
{
	hv *o = hv_list();
	for (size_t i = 0; i <= hv_len(l); i++) {
		if (i == at && insert)
			hv_list_push(o, insert);
		if (i < hv_len(l) && !(remove && i == at))
			hv_list_push(o, hv_ref(hv_list_get(l, i)));
	}
	return o;
}

/* Replaces the list at the parent of P in DOC (lists are rebuilt, not edited in place). */
static void set_in_parent(hv *doc, char **t, size_t n, hv *newlist)
{
	hv *gp = n >= 2 ? parent(doc, t, n - 1) : NULL;
	if (!gp) {
		hv_free(newlist);
		return;
	}
	if (hv_kind_of(gp) == HV_MAP)
		hv_map_set(gp, t[n - 2], newlist);
	else {
		size_t k;
		index_of(t[n - 2], hv_len(gp), false, &k);
		hv_list_set(gp, k, newlist);
	}
}

static hv *get_at(hv *doc, char **t, size_t n)
{
	if (n == 0)
		return doc;
	hv *p = parent(doc, t, n);
	if (!p)
		return NULL;
	if (hv_kind_of(p) == HV_MAP)
		return hv_map_get(p, t[n - 1]);
	size_t k;
	if (hv_kind_of(p) == HV_LIST && index_of(t[n - 1], hv_len(p), false, &k))
		return hv_list_get(p, k);
	return NULL;
}

static bool op_remove(hv *doc, char **t, size_t n, hv **removed)
{
	hv *p = n ? parent(doc, t, n) : NULL;
	if (!p)
		return false;
	if (hv_kind_of(p) == HV_MAP) {
		hv *v = hv_map_get(p, t[n - 1]);
		if (!v)
			return false;
		if (removed)
			*removed = hv_ref(v);
		hv_map_del(p, t[n - 1]);
		return true;
	}
	size_t k;
	if (hv_kind_of(p) != HV_LIST || !index_of(t[n - 1], hv_len(p), false, &k))
		return false;
	if (removed)
		*removed = hv_ref(hv_list_get(p, k));
	if (n == 1)
		return false;
	set_in_parent(doc, t, n, list_without(p, k, NULL, true));
	return true;
}

static bool op_add(hv *doc, char **t, size_t n, hv *val /* taken */)
{
	hv *p = n ? parent(doc, t, n) : NULL;
	if (p && hv_kind_of(p) == HV_MAP) {
		hv_map_set(p, t[n - 1], val);
		return true;
	}
	size_t k;
	if (p && hv_kind_of(p) == HV_LIST && n >= 2 && index_of(t[n - 1], hv_len(p), true, &k)) {
		set_in_parent(doc, t, n, list_without(p, k, val, false));
		return true;
	}
	hv_free(val);
	return false;
}

hv *json_patch(const hv *target, const hv *ops, char **err)
{
	hv *doc = hv_copy(target);
	for (size_t i = 0; i < hv_len(ops); i++) {
		const hv *op = hv_list_get(ops, i);
		const char *name = hs(op, "op"), *path = hs(op, "path"), *from = hs(op, "from");
		const hv *value = hv_map_get(op, "value");
		size_t n = 0, nf = 0;
		char **t = pointer(path, &n), **tf = NULL;
		bool ok = t != NULL && name != NULL;
		if (ok && strcmp(name, "add") == 0) {
			ok = value && op_add(doc, t, n, hv_copy(value));
		} else if (ok && strcmp(name, "remove") == 0) {
			ok = op_remove(doc, t, n, NULL);
		} else if (ok && strcmp(name, "replace") == 0) {
			ok = value && get_at(doc, t, n) && n > 0;
			if (ok) {
				hv *p = parent(doc, t, n);
				if (hv_kind_of(p) == HV_MAP)
					hv_map_set(p, t[n - 1], hv_copy(value));
				else {
					size_t k;
					index_of(t[n - 1], hv_len(p), false, &k);
					hv_list_set(p, k, hv_copy(value));
				}
			}
		} else if (ok && (strcmp(name, "move") == 0 || strcmp(name, "copy") == 0)) {
			tf = pointer(from, &nf);
			hv *v = tf ? get_at(doc, tf, nf) : NULL;
			ok = v != NULL;
			if (ok) {
				hv *moved = hv_copy(v);
				if (strcmp(name, "move") == 0)
					ok = op_remove(doc, tf, nf, NULL);
				if (ok)
					ok = op_add(doc, t, n, moved);
				else
					hv_free(moved);
			}
		} else if (ok && strcmp(name, "test") == 0) {
			hv *v = get_at(doc, t, n);
			ok = v && value && hv_equal(v, value);
			if (!ok && !*err) {
				*err = xasprintf("testing value %s failed: test failed", path);
			}
		} else if (ok) {
			*err = xasprintf("Unexpected kind: %s", name);
			ok = false;
		}
		if (!ok && !*err)
			*err = xasprintf("the server rejected our request due to an error in our request");
		if (t)
			free_tokens(t, n);
		if (tf)
			free_tokens(tf, nf);
		if (!ok) {
			hv_free(doc);
			return NULL;
		}
	}
	return doc;
}

/* ---- strategic merge patch ---- */

static const hv *field_info(const rtype *rt, const char *path)
{
	return rt->patch_fields ? hv_map_get(rt->patch_fields, path) : NULL;
}

static bool strategy_has(const hv *info, const char *what)
{
	const char *s = info ? hs(info, "patchStrategy") : NULL;
	return s && strstr(s, what);
}

static hv *smp_map(const rtype *rt, const hv *orig, const hv *patch, const char *prefix, char **err);

static char *join(const char *prefix, const char *key)
{
	return *prefix ? xasprintf("%s.%s", prefix, key) : xstrdup(key);
}

static bool is_directive(const char *k) { return k[0] == '$'; }

static const hv *find_by_key(const hv *list, const char *key, const hv *val, size_t *at)
{
	for (size_t i = 0; i < hv_len(list); i++) {
		const hv *e = hv_list_get(list, i);
		const hv *kv = hv_kind_of(e) == HV_MAP ? hv_map_get(e, key) : NULL;
		if (kv && hv_equal(kv, val)) {
			if (at)
				*at = i;
			return e;
		}
	}
	return NULL;
}

static hv *smp_list(const rtype *rt, const hv *orig, const hv *patch, const char *path, char **err)
{
	const hv *info = field_info(rt, path);
	const char *mkey = info ? hs(info, "patchMergeKey") : NULL;
	if (!strategy_has(info, "merge"))
		return hv_copy(patch);
	/* [{"$patch": "replace"}, ...] replaces the whole list */
	for (size_t i = 0; i < hv_len(patch); i++) {
		const hv *e = hv_list_get(patch, i);
		const char *d = hv_kind_of(e) == HV_MAP ? hs(e, "$patch") : NULL;
		if (d && strcmp(d, "replace") == 0) {
			hv *o = hv_list();
			for (size_t j = 0; j < hv_len(patch); j++)
				if (j != i)
					hv_list_push(o, hv_copy(hv_list_get(patch, j)));
			return o;
		}
	}
	hv *out = orig && hv_kind_of(orig) == HV_LIST ? hv_copy(orig) : hv_list();
	char *elem_path = xasprintf("%s[]", path);
	for (size_t i = 0; i < hv_len(patch); i++) {
		const hv *e = hv_list_get(patch, i);
		if (!mkey || hv_kind_of(e) != HV_MAP) {
			/* merge list of scalars: union */
			bool have = false;
			for (size_t j = 0; j < hv_len(out) && !have; j++)
				have = hv_equal(hv_list_get(out, j), e);
			if (!have)
				hv_list_push(out, hv_copy(e));
			continue;
		}
		const hv *kv = hv_map_get(e, mkey);
		const char *d = hs(e, "$patch");
		size_t at = 0;
		const hv *cur = kv ? find_by_key(out, mkey, kv, &at) : NULL;
		if (d && strcmp(d, "delete") == 0) {
			if (cur) {
				hv *n = hv_list();
				for (size_t j = 0; j < hv_len(out); j++)
					if (j != at)
						hv_list_push(n, hv_ref(hv_list_get(out, j)));
				hv_free(out);
				out = n;
			}
			continue;
		}
		hv *merged = smp_map(rt, cur, e, elem_path, err);
		if (!merged) {
			hv_free(out);
			free(elem_path);
			return NULL;
		}
		if (cur)
			hv_list_set(out, at, merged);
		else
			hv_list_push(out, merged);
	}
	free(elem_path);
	return out;
}

/* $setElementOrder/<field>: the patch's order, the rest after it. */
static void reorder(const rtype *rt, hv *list, const hv *order, const char *path)
{
	const hv *info = field_info(rt, path);
	const char *mkey = info ? hs(info, "patchMergeKey") : NULL;
	if (!list || hv_kind_of(list) != HV_LIST || !order || hv_kind_of(order) != HV_LIST)
		return;
	hv *sorted = hv_list();
	bool *used = xcalloc(hv_len(list) + 1, sizeof *used);
	for (size_t i = 0; i < hv_len(order); i++) {
		const hv *o = hv_list_get(order, i);
		const hv *want = mkey && hv_kind_of(o) == HV_MAP ? hv_map_get(o, mkey) : o;
		for (size_t j = 0; want && j < hv_len(list); j++) {
			const hv *e = hv_list_get(list, j);
			const hv *have = mkey && hv_kind_of(e) == HV_MAP ? hv_map_get(e, mkey) : e;
			if (!used[j] && have && hv_equal(have, want)) {
				used[j] = true;
				hv_list_push(sorted, hv_ref((hv *)e));
				break;
			}
		}
	}
	for (size_t j = 0; j < hv_len(list); j++)
		if (!used[j])
			hv_list_push(sorted, hv_ref(hv_list_get(list, j)));
	for (size_t j = 0; j < hv_len(list); j++)
		hv_list_set(list, j, hv_ref(hv_list_get(sorted, j)));
	hv_free(sorted);
	free(used);
}

static hv *strip_directives(const hv *v)
{
	if (hv_kind_of(v) == HV_LIST) {
		hv *o = hv_list();
		for (size_t i = 0; i < hv_len(v); i++)
			hv_list_push(o, strip_directives(hv_list_get(v, i)));
		return o;
	}
	if (hv_kind_of(v) != HV_MAP)
		return hv_ref((hv *)v);
	hv *o = hv_map();
	for (size_t i = 0; i < hv_len(v); i++)
		if (!is_directive(hv_map_key(v, i)))
			hv_map_set(o, hv_map_key(v, i), strip_directives(hv_map_val(v, i)));
	return o;
}

static hv *smp_map(const rtype *rt, const hv *orig, const hv *patch, const char *prefix, char **err)
{
	const char *d = hs(patch, "$patch");
	if (d && strcmp(d, "replace") == 0)
		return strip_directives(patch);
	hv *out = orig && hv_kind_of(orig) == HV_MAP ? hv_copy(orig) : hv_map();
	for (size_t i = 0; i < hv_len(patch); i++) {
		const char *k = hv_map_key(patch, i);
		const hv *v = hv_map_val(patch, i);
		if (is_directive(k))
			continue;
		if (hv_is_nil(v)) {
			hv_map_del(out, k);
			continue;
		}
		char *path = join(prefix, k);
		hv *cur = hv_map_get(out, k), *n;
		if (hv_kind_of(v) == HV_MAP) {
			const char *pd = hs(v, "$patch");
			if (pd && strcmp(pd, "delete") == 0) {
				hv_map_del(out, k);
				free(path);
				continue;
			}
			n = smp_map(rt, cur, v, path, err);
		} else if (hv_kind_of(v) == HV_LIST) {
			n = smp_list(rt, cur, v, path, err);
		} else {
			n = hv_ref((hv *)v);
		}
		free(path);
		if (!n) {
			hv_free(out);
			return NULL;
		}
		hv_map_set(out, k, n);
	}
	/* directives that act on sibling fields */
	for (size_t i = 0; i < hv_len(patch); i++) {
		const char *k = hv_map_key(patch, i);
		const hv *v = hv_map_val(patch, i);
		if (strncmp(k, "$deleteFromPrimitiveList/", 25) == 0) {
			hv *l = hv_map_get(out, k + 25);
			if (!l || hv_kind_of(l) != HV_LIST)
				continue;
			hv *keep = hv_list();
			for (size_t j = 0; j < hv_len(l); j++) {
				bool drop = false;
				for (size_t m = 0; hv_kind_of(v) == HV_LIST && m < hv_len(v) && !drop; m++)
					drop = hv_equal(hv_list_get(l, j), hv_list_get(v, m));
				if (!drop)
					hv_list_push(keep, hv_ref(hv_list_get(l, j)));
			}
			hv_map_set(out, k + 25, keep);
		} else if (strncmp(k, "$setElementOrder/", 17) == 0) {
			char *path = join(prefix, k + 17);
			reorder(rt, hv_map_get(out, k + 17), v, path);
			free(path);
		}
	}
	const hv *retain = hv_map_get(patch, "$retainKeys");
	if (retain && hv_kind_of(retain) == HV_LIST) {
		for (size_t i = hv_len(out); i-- > 0;) {
			bool keep = false;
			for (size_t j = 0; j < hv_len(retain) && !keep; j++)
				keep = strcmp(hv_get_str(hv_list_get(retain, j)), hv_map_key(out, i)) == 0;
			if (!keep)
				hv_map_del(out, hv_map_key(out, i));
		}
	}
	return out;
}

hv *strategic_merge_patch(const rtype *rt, const hv *target, const hv *patch, char **err)
{
	return smp_map(rt, target, patch, "", err);
}
