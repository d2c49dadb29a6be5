/* coalesce.c — pkg/chartutil/coalesce.go of Helm 3.17, step for step.
 * Go maps are references; hv maps are too, so where Go shares a map (v[key] = val, copyMap's
 * shallow copy) this code shares it with hv_ref, and where Go deep-copies (copystructure)
 * this uses hv_copy.  Keys are visited in sorted order (Go's order is random). */
#include "values/coalesce.h"
#include "buf.h"
#include "gofmt.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void values_log(const char *where, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", where);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static bool is_table(const hv *v) { return v && hv_kind_of(v) == HV_MAP; }

static char *concat_prefix(const char *a, const char *b)
{
	return *a ? xasprintf("%s.%s", a, b) : xstrdup(b);
}

/* Go's %v of a value, for warnings. */
static char *printv(const hv *v)
{
	buf b = BUF_INIT;
	go_print_value(&b, v);
	return buf_detach(&b, NULL);
}

/* PATH (a dotted key path, for warnings) cut back to MARK bytes, then KEY appended. */
static void path_set(buf *path, size_t mark, const char *key)
{
	buf_reset_to(path, mark);
	if (mark)
		buf_putc(path, '.');
	buf_puts(path, key);
}

/* PATH is SRC's dotted path; it is as it was on return. */
static void coalesce_tables_full_key(hv *dst, const hv *src, buf *path, bool merge)
{
	if (!src || !dst)
		return;
	size_t mark = path->len;
	for (size_t i = 0; i < hv_len(src); i++) {
		const char *key = hv_map_key(src, i);
		hv *val = hv_map_val(src, i);
		path_set(path, mark, key);
		const char *fullkey = buf_str(path);
		hv *dv = hv_map_get(dst, key);
		if (dv && !merge && hv_is_nil(dv)) {
			hv_map_del(dst, key);
		} else if (!dv) {
			hv_map_set(dst, key, hv_ref(val));
		} else if (is_table(val)) {
			if (is_table(dv)) {
				coalesce_tables_full_key(dv, val, path, merge);
			} else {
				char *s = printv(val);
				values_log("coalesce.go:298", "warning: cannot overwrite table with non table for %s (%s)", fullkey, s);
				free(s);
			}
		} else if (is_table(dv) && !hv_is_nil(val)) {
			char *s = printv(val);
			values_log("coalesce.go:301", "warning: destination for %s is a table. Ignoring non-table value (%s)", fullkey, s);
			free(s);
		}
	}
	buf_reset_to(path, mark);
}

void values_coalesce_tables(hv *dst, const hv *src, bool merge)
{
	buf path = BUF_INIT;
	coalesce_tables_full_key(dst, src, &path, merge);
	buf_free(&path);
}

/* A shallow copy: a new map sharing the values (Go's copyMap). */
static hv *copy_map(const hv *src)
{
	hv *m = hv_map();
	for (size_t i = 0; i < hv_len(src); i++)
		hv_map_setn(m, hv_map_key(src, i), hv_map_keylen(src, i), hv_ref(hv_map_val(src, i)));
	return m;
}

/* coalesceGlobals: copies SRC's globals into DEST's, DEST's own keys losing to SRC's. */
static void coalesce_globals(hv *dest, const hv *src, const char *prefix)
{
	hv *dg, *sg;
	hv *destglob = hv_map_get(dest, "global");
	if (!destglob) {
		dg = hv_map();
	} else if (is_table(destglob)) {
		dg = hv_ref(destglob);
	} else {
		values_log("coalesce.go:138", "warning: skipping globals because destination global is not a table.");
		return;
	}
	hv *srcglob = hv_map_get(src, "global");
	if (!srcglob) {
		sg = hv_map();
	} else if (is_table(srcglob)) {
		sg = hv_ref(srcglob);
	} else {
		values_log("coalesce.go:145", "warning: skipping globals because source global is not a table.");
		hv_free(dg);
		return;
	}
	buf path = BUF_INIT;
	buf_puts(&path, prefix);
	for (size_t i = 0; i < hv_len(sg); i++) {
		const char *key = hv_map_key(sg, i);
		hv *val = hv_map_val(sg, i);
		hv *dv = hv_map_get(dg, key);
		if (is_table(val)) {
			hv *vv = copy_map(val);
			if (!dv) {
				hv_map_set(dg, key, vv);
			} else if (!is_table(dv)) {
				buf q = BUF_INIT;
				go_strconv_quote(&q, key, strlen(key));
				values_log("coalesce.go:161", "Conflict: cannot merge map onto non-map for %s. Skipping.", buf_str(&q));
				buf_free(&q);
				hv_free(vv);
			} else {
				path_set(&path, strlen(prefix), key);
				coalesce_tables_full_key(vv, dv, &path, true);
				hv_map_set(dg, key, vv);
			}
		} else if (dv && is_table(dv)) {
			values_log("coalesce.go:175", "key %s is table. Skipping", key);
		} else {
			hv_map_set(dg, key, hv_ref(val));
		}
	}
	buf_free(&path);
	hv_map_set(dest, "global", dg);
	hv_free(sg);
}

static bool is_subchart_name(const vchart *c, const char *key)
{
	for (size_t i = 0; i < c->nsubs; i++)
		if (!strcmp(c->subs[i]->name, key))
			return true;
	return false;
}

/* coalesceValues: C's defaults under V (V wins). */
static void coalesce_values(const vchart *c, hv *v, const char *prefix, bool merge)
{
	char *sub_prefix = concat_prefix(prefix, c->name);
	hv *vc = hv_copy(c->values);
	buf path = BUF_INIT;
	buf_puts(&path, sub_prefix);
	for (size_t i = 0; i < hv_len(vc); i++) {
		const char *key = hv_map_key(vc, i);
		hv *val = hv_map_val(vc, i);
		hv *value = hv_map_get(v, key);
		if (!value) {
			hv_map_set(v, key, hv_ref(val));
		} else if (hv_is_nil(value) && !merge) {
			hv_map_del(v, key);
		} else if (is_table(value)) {
			if (!is_table(val)) {
				if (!hv_is_nil(val))
					values_log("coalesce.go:237", "warning: skipped value for %s.%s: Not a table.", sub_prefix, key);
			} else {
				path_set(&path, strlen(sub_prefix), key);
				coalesce_tables_full_key(value, val, &path, merge || is_subchart_name(c, key));
			}
		}
	}
	buf_free(&path);
	hv_free(vc);
	free(sub_prefix);
}

static int coalesce(const vchart *c, hv *dest, const char *prefix, bool merge, char **err);

static int coalesce_deps(const vchart *c, hv *dest, const char *prefix, bool merge, char **err)
{
	for (size_t i = 0; i < c->nsubs; i++) {
		const vchart *sub = c->subs[i];
		hv *cur = hv_map_get(dest, sub->name);
		if (!cur) {
			hv_map_set(dest, sub->name, hv_map());
		} else if (!is_table(cur)) {
			buf b = BUF_INIT;
			go_sprintf(&b, "%t", 2, &cur, 1);
			*err = xasprintf("type mismatch on %s: %s", sub->name, buf_str(&b));
			buf_free(&b);
			return -1;
		}
		hv *dvmap = hv_ref(hv_map_get(dest, sub->name));
		char *sub_prefix = concat_prefix(prefix, c->name);
		coalesce_globals(dvmap, dest, sub_prefix);
		int rc = coalesce(sub, dvmap, sub_prefix, merge, err);
		free(sub_prefix);
		hv_free(dvmap);
		if (rc)
			return rc;
	}
	return 0;
}

static int coalesce(const vchart *c, hv *dest, const char *prefix, bool merge, char **err)
{
	coalesce_values(c, dest, prefix, merge);
	return coalesce_deps(c, dest, prefix, merge, err);
}

hv *values_coalesce(const vchart *c, const hv *vals, bool merge, char **err)
{
	hv *dest = vals ? hv_copy(vals) : hv_map();
	if (coalesce(c, dest, "", merge, err)) {
		hv_free(dest);
		return NULL;
	}
	return dest;
}
