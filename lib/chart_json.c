/* A loaded chart as JSON (helm-package --load) and back. */
#include "chart.h"
#include "chart_private.h"
#include "strconv.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static hv *base64(const char *s, size_t n)
{
	buf b = BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) | (i + 2 < n ? p[i + 2] : 0);
		buf_putc(&b, b64[v >> 18 & 63]);
		buf_putc(&b, b64[v >> 12 & 63]);
		buf_putc(&b, i + 1 < n ? b64[v >> 6 & 63] : '=');
		buf_putc(&b, i + 2 < n ? b64[v & 63] : '=');
	}
	size_t len;
	char *out = buf_detach(&b, &len);
	return hv_str_take(out, len);
}

static int unbase64(const char *s, buf *out)
{
	unsigned v = 0;
	int bits = 0;
	for (; *s && *s != '='; s++) {
		const char *k = strchr(b64, *s);
		if (!k)
			return -1;
		v = v << 6 | (unsigned)(k - b64);
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf_putc(out, (char)(v >> bits & 0xff));
		}
	}
	return 0;
}

static bool valid_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		int size;
		if (go_utf8_decode(s + i, n - i, &size) < 0)
			return false;
		i += (size_t)size;
	}
	return true;
}

/* Text as a JSON string when it is UTF-8, else base64 under another key. */
static void put_bytes(hv *o, const char *key, const char *b64key, const char *s, size_t n)
{
	if (valid_utf8(s, n))
		hv_map_set(o, key, hv_strn(s, n));
	else
		hv_map_set(o, b64key, base64(s, n));
}

static hv *files_json(const struct chart_file *f, size_t n)
{
	hv *l = hv_list();
	for (size_t i = 0; i < n; i++) {
		hv *o = hv_map();
		hv_map_set(o, "name", hv_str(f[i].name));
		put_bytes(o, "data", "base64", f[i].data, f[i].len);
		hv_list_push(l, o);
	}
	return l;
}

hv *chart_to_json(const chart *c)
{
	hv *o = hv_map();
	hv_map_set(o, "source", hv_str(c->source ? c->source : ""));
	hv_map_set(o, "path", hv_str(c->path_in_parent ? c->path_in_parent : ""));
	hv_map_set(o, "metadata", chart_metadata_to_hv(&c->meta));
	if (c->chart_yaml)
		put_bytes(o, "chartYaml", "chartYamlBase64", c->chart_yaml, c->chart_yaml_len);
	hv_map_set(o, "values", hv_copy(c->values));
	if (c->values_raw)
		put_bytes(o, "valuesYaml", "valuesYamlBase64", c->values_raw, c->values_len);
	if (c->schema)
		put_bytes(o, "schema", "schemaBase64", c->schema, c->schema_len);
	if (c->lock) {
		hv_map_set(o, "lock", hv_copy(c->lock));
		hv_map_set(o, "lockFile", hv_str(c->lock_name));
	}
	hv_map_set(o, "templates", files_json(c->templates, c->ntemplates));
	hv_map_set(o, "files", files_json(c->files, c->nfiles));
	hv *subs = hv_list();
	for (size_t i = 0; i < c->nsubcharts; i++)
		hv_list_push(subs, chart_to_json(c->subcharts[i]));
	hv_map_set(o, "subcharts", subs);
	return o;
}

/* Reads KEY (text) or B64KEY (base64) of O into *s and *n: 1 when read, 0 when absent, -1 when malformed. */
static int get_bytes(const hv *o, const char *key, const char *b64key, char **s, size_t *n)
{
	hv *v = hv_map_get(o, key);
	if (v && hv_kind_of(v) == HV_STRING) {
		*s = xstrndup(hv_get_str(v), hv_str_len(v));
		*n = hv_str_len(v);
		return 1;
	}
	v = hv_map_get(o, b64key);
	if (v && hv_kind_of(v) == HV_STRING) {
		buf b = BUF_INIT;
		if (unbase64(hv_get_str(v), &b) < 0) {
			buf_free(&b);
			return -1;
		}
		*s = buf_detach(&b, n);
		return 1;
	}
	return 0;
}

static int files_from_json(const hv *l, struct chart_file **out, size_t *nout, char **err)
{
	*out = NULL;
	*nout = 0;
	if (!l)
		return 0;
	if (hv_kind_of(l) != HV_LIST) {
		*err = xstrdup("chart JSON: files must be a list");
		return -1;
	}
	for (size_t i = 0; i < hv_len(l); i++) {
		const hv *f = hv_list_get(l, i);
		hv *name = hv_kind_of(f) == HV_MAP ? hv_map_get(f, "name") : NULL;
		char *data = NULL;
		size_t len = 0;
		if (!name || hv_kind_of(name) != HV_STRING || get_bytes(f, "data", "base64", &data, &len) <= 0) {
			free(data);
			*err = xasprintf("chart JSON: file %zu needs a name and data", i);
			return -1;
		}
		*out = xrealloc(*out, (*nout + 1) * sizeof **out);
		(*out)[(*nout)++] = (struct chart_file){xstrdup(hv_get_str(name)), data, len};
	}
	return 0;
}

static chart *from_json(const hv *j, chart *parent, char **err)
{
	if (hv_kind_of(j) != HV_MAP) {
		*err = xstrdup("chart JSON: not an object");
		return NULL;
	}
	chart *c = xcalloc(1, sizeof *c);
	c->parent = parent;
	hv *s = hv_map_get(j, "source"), *p = hv_map_get(j, "path");
	c->source = xstrdup(s && hv_kind_of(s) == HV_STRING ? hv_get_str(s) : "");
	c->path_in_parent = xstrdup(p && hv_kind_of(p) == HV_STRING ? hv_get_str(p) : "");
	hv *meta = hv_map_get(j, "metadata");
	if (!meta || chart_metadata_unmarshal(meta, &c->meta, err))
		goto fail;
	chart_metadata_fill(&c->meta);
	if (get_bytes(j, "chartYaml", "chartYamlBase64", &c->chart_yaml, &c->chart_yaml_len) < 0 ||
	    get_bytes(j, "valuesYaml", "valuesYamlBase64", &c->values_raw, &c->values_len) < 0 ||
	    get_bytes(j, "schema", "schemaBase64", &c->schema, &c->schema_len) < 0) {
		*err = xstrdup("chart JSON: bad base64");
		goto fail;
	}
	hv *values = hv_map_get(j, "values");
	c->values = values && hv_kind_of(values) == HV_MAP ? hv_copy(values) : hv_map();
	hv *lock = hv_map_get(j, "lock"), *lockfile = hv_map_get(j, "lockFile");
	if (lock && !hv_is_nil(lock)) {
		c->lock = hv_copy(lock);
		c->lock_name = xstrdup(lockfile && hv_kind_of(lockfile) == HV_STRING ? hv_get_str(lockfile) : "Chart.lock");
	}
	if (files_from_json(hv_map_get(j, "templates"), &c->templates, &c->ntemplates, err) ||
	    files_from_json(hv_map_get(j, "files"), &c->files, &c->nfiles, err))
		goto fail;
	hv *subs = hv_map_get(j, "subcharts");
	for (size_t i = 0; subs && hv_kind_of(subs) == HV_LIST && i < hv_len(subs); i++) {
		chart *sc = from_json(hv_list_get(subs, i), c, err);
		if (!sc)
			goto fail;
		c->subcharts = xrealloc(c->subcharts, (c->nsubcharts + 1) * sizeof *c->subcharts);
		c->subcharts[c->nsubcharts++] = sc;
	}
	return c;
fail:
	chart_free(c);
	return NULL;
}

chart *chart_from_json(const hv *json, char **err)
{
	*err = NULL;
	return from_json(json, NULL, err);
}
