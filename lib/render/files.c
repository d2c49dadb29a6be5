/* files.c — Helm's .Files (engine.files: a map[string][]byte with methods). */
#include "render/objects.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "render/glob.h"
#include "util.h"
#include "yaml.h"

struct files {
	const struct chart_file **f; /* borrowed from the chart, sorted by name */
	size_t n;
	char *dir; /* the chart's directory, to read files loaded lazily from */
};

static const struct hv_object_ops files_ops;

static int cmp_file(const void *a, const void *b)
{
	return strcmp((*(const struct chart_file *const *)a)->name,
	              (*(const struct chart_file *const *)b)->name);
}

/* Takes F and DIR. */
static hv *files_new(const struct chart_file **f, size_t n, char *dir)
{
	struct files *fs = xmalloc(sizeof *fs);
	fs->f = f;
	fs->n = n;
	fs->dir = dir;
	qsort(fs->f, n, sizeof *fs->f, cmp_file);
	return hv_object(&files_ops, fs);
}

hv *render_files(const chart *c)
{
	const struct chart_file **p = xmalloc((c->nfiles ? c->nfiles : 1) * sizeof *p);
	for (size_t i = 0; i < c->nfiles; i++)
		p[i] = &c->files[i];
	return files_new(p, c->nfiles, chart_dir(c));
}

/* The I-th file, its contents read now if the chart was loaded with CHART_LOAD_LAZY_FILES (the
 * chart owns the file: reading it in is filling a cache, not a change). */
static const struct chart_file *file_at(const struct files *fs, size_t i)
{
	chart_file_load((struct chart_file *)fs->f[i], fs->dir);
	return fs->f[i];
}

static const struct chart_file *files_find(const struct files *fs, const char *name)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->f[i]->name, name) == 0)
			return file_at(fs, i);
	return NULL;
}

static hv *bytes(const char *data, size_t len)
{
	hv *l = hv_list();
	hv_set_sub(l, HV_GO_BYTES);
	for (size_t i = 0; i < len; i++)
		hv_list_push(l, hv_uint((unsigned char)data[i], HV_GO_UINT8));
	return l;
}

/* Methods take one string argument or none; the engine has checked nothing. */
static bool want_args(const char *m, hv **argv, int argc, int want, char **err)
{
	if (argc != want) {
		*err = xasprintf("wrong number of args for %s: want %d got %d", m, want, argc);
		return false;
	}
	if (want == 1 && hv_kind_of(argv[0]) != HV_STRING) {
		*err = xasprintf("wrong type for value; expected string; got %s", hv_gotype(argv[0]));
		return false;
	}
	return true;
}

static hv *m_get(void *data, hv **argv, int argc, char **err)
{
	if (!want_args("Get", argv, argc, 1, err))
		return NULL;
	const struct chart_file *f = files_find(data, hv_get_str(argv[0]));
	return f ? hv_strn(f->data, f->len) : hv_str("");
}

static hv *m_getbytes(void *data, hv **argv, int argc, char **err)
{
	if (!want_args("GetBytes", argv, argc, 1, err))
		return NULL;
	const struct chart_file *f = files_find(data, hv_get_str(argv[0]));
	if (!f) {
		hv *l = hv_list();
		hv_set_sub(l, HV_GO_BYTES);
		return l;
	}
	return bytes(f->data, f->len);
}

static hv *m_glob(void *data, hv **argv, int argc, char **err)
{
	if (!want_args("Glob", argv, argc, 1, err))
		return NULL;
	const struct files *fs = data;
	const char *pat = hv_get_str(argv[0]);
	const struct chart_file **p = xmalloc((fs->n ? fs->n : 1) * sizeof *p);
	size_t n = 0;
	for (size_t i = 0; i < fs->n; i++)
		if (glob_match(pat, fs->f[i]->name))
			p[n++] = fs->f[i];
	return files_new(p, n, xstrdup(fs->dir));
}

static hv *m_lines(void *data, hv **argv, int argc, char **err)
{
	if (!want_args("Lines", argv, argc, 1, err))
		return NULL;
	const struct chart_file *f = files_find(data, hv_get_str(argv[0]));
	hv *l = hv_list();
	hv_set_sub(l, HV_GO_STRLIST);
	if (!f)
		return l;
	size_t len = f->len;
	if (len == 0) { /* Helm indexes s[len(s)-1] */
		hv_free(l);
		*err = xstrdup("runtime error: index out of range [-1]");
		return NULL;
	}
	if (f->data[len - 1] == '\n')
		len--;
	const char *p = f->data, *end = f->data + len;
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			hv_list_push(l, hv_strn(p, (size_t)(end - p)));
			break;
		}
		hv_list_push(l, hv_strn(p, (size_t)(nl - p)));
		p = nl + 1;
	}
	return l;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');
	return s ? s + 1 : p;
}

static void b64(buf *b, const unsigned char *s, size_t n)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0) |
		             (i + 2 < n ? s[i + 2] : 0);
		buf_putc(b, tab[v >> 18 & 63]);
		buf_putc(b, tab[v >> 12 & 63]);
		buf_putc(b, i + 1 < n ? tab[v >> 6 & 63] : '=');
		buf_putc(b, i + 2 < n ? tab[v & 63] : '=');
	}
}

/* AsConfig / AsSecrets: base name -> content (or its base64), as toYaml prints it. */
static hv *as_map(void *data, hv **argv, int argc, char **err, const char *m, bool secret)
{
	if (!want_args(m, argv, argc, 0, err))
		return NULL;
	const struct files *fs = data;
	hv *map = hv_map();
	for (size_t i = 0; i < fs->n; i++) {
		const struct chart_file *f = file_at(fs, i);
		if (secret) {
			buf b = BUF_INIT;
			b64(&b, (const unsigned char *)f->data, f->len);
			size_t l;
			char *s = buf_detach(&b, &l);
			hv_map_set(map, base_name(f->name), hv_str_take(s, l));
		} else {
			hv_map_set(map, base_name(f->name), hv_strn(f->data, f->len));
		}
	}
	buf b = BUF_INIT;
	yaml_emit(&b, map);
	hv_free(map);
	if (b.len && b.s[b.len - 1] == '\n')
		b.s[--b.len] = 0;
	size_t l;
	char *s = buf_detach(&b, &l);
	return hv_str_take(s, l);
}

static hv *m_asconfig(void *data, hv **argv, int argc, char **err)
{
	return as_map(data, argv, argc, err, "AsConfig", false);
}

static hv *m_assecrets(void *data, hv **argv, int argc, char **err)
{
	return as_map(data, argv, argc, err, "AsSecrets", true);
}

static const struct {
	const char *name;
	hv_fn fn;
	const char *gotype;
} methods[] = {
	{"AsConfig", m_asconfig, "func() string"},
	{"AsSecrets", m_assecrets, "func() string"},
	{"Get", m_get, "func(string) string"},
	{"GetBytes", m_getbytes, "func(string) []uint8"},
	{"Glob", m_glob, "func(string) engine.files"},
	{"Lines", m_lines, "func(string) []string"},
};

/* A method, else (engine.files being a map) the entry NAME: its bytes, nil []byte if none. */
static hv *files_lookup(hv *self, const char *name)
{
	for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
		if (strcmp(name, methods[i].name) == 0)
			return hv_func(methods[i].fn, hv_object_data(self), NULL, methods[i].gotype);
	return NULL; /* not a method: the engine indexes the underlying map, as Go does */
}

static hv *files_underlying(hv *self)
{
	const struct files *fs = hv_object_data(self);
	hv *m = hv_map();
	for (size_t i = 0; i < fs->n; i++)
		hv_map_set(m, fs->f[i]->name, bytes(file_at(fs, i)->data, fs->f[i]->len));
	return m;
}

static void files_destroy(void *data)
{
	struct files *fs = data;
	free(fs->f);
	free(fs->dir);
	free(fs);
}

static const struct hv_object_ops files_ops = {
	.gotype = "engine.files",
	.lookup = files_lookup,
	.destroy = files_destroy,
	.underlying = files_underlying,
	.marshal = files_underlying,
};
