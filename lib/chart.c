#define _GNU_SOURCE /* getdents64 */
/* Loading a chart as Helm 3's loader does (helm.sh/helm/v3/pkg/chart/loader). */
#include "chart.h"
#include "archive_tgz.h"
#include "chart_private.h"
#include "helmignore.h"
#include "util.h"
#include "yaml.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILE_SIZE (5L * 1024 * 1024)

/* Files of 64 KiB or more (the CRDs charts carry) are mapped rather than read: their pages come
 * from the page cache in one call and are never copied, where reading would fault in and fill
 * fresh ones.  Their text is never written to (the mappings are read-only), and it ends in the
 * NUL the rest of the code needs: the zeros after the end of a file whose size is not a whole
 * number of pages.  A file's data is freed with data_free, which knows the mappings. */
enum { MAP_MIN = 64 * 1024 };
static struct mapping {
	char *p;
	size_t n;
} *mappings;
static size_t nmappings;

static void data_free(char *p)
{
	for (size_t i = 0; p && i < nmappings; i++) {
		if (mappings[i].p == p) {
			munmap(p, mappings[i].n);
			mappings[i] = mappings[--nmappings];
			return;
		}
	}
	free(p);
}

/* The whole of the open file FD mapped, if it can be (see above); else NULL. */
static char *map_file(int fd, size_t *len)
{
	struct stat st;
	long page = sysconf(_SC_PAGESIZE);
	if (fstat(fd, &st) != 0 || st.st_size < MAP_MIN || st.st_size > MAX_FILE_SIZE ||
	    st.st_size % page == 0)
		return NULL;
	char *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	if (p == MAP_FAILED)
		return NULL;
	mappings = xrealloc(mappings, (nmappings + 1) * sizeof *mappings);
	mappings[nmappings++] = (struct mapping){p, (size_t)st.st_size};
	*len = (size_t)st.st_size;
	return p;
}

void chart_files_free(struct chart_file *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].name);
		data_free(f[i].data);
	}
	free(f);
}

/* F's data, which F gives up (loading moves file contents, never copies them). */
static char *take_data(struct chart_file *f)
{
	char *d = f->data;
	f->data = NULL;
	return d;
}

/* Room for one more item in *V of N items of SIZE bytes: doubles at each power of two. */
static void *grow_list(void *v, size_t n, size_t size)
{
	return n & (n - 1) ? v : xrealloc(v, (n ? 2 * n : 1) * size);
}

/* Appends F's data under NAME. */
static void take_file(struct chart_file **v, size_t *n, const char *name, struct chart_file *f)
{
	*v = grow_list(*v, *n, sizeof **v);
	(*v)[(*n)++] = (struct chart_file){xstrdup(name), take_data(f), f->len};
}

void chart_free(chart *c)
{
	if (!c)
		return;
	free(c->source);
	free(c->path_in_parent);
	chart_metadata_free(&c->meta);
	data_free(c->chart_yaml);
	data_free(c->values_raw);
	hv_free(c->values);
	data_free(c->schema);
	hv_free(c->lock);
	free(c->lock_name);
	chart_files_free(c->templates, c->ntemplates);
	chart_files_free(c->files, c->nfiles);
	for (size_t i = 0; i < c->nsubcharts; i++)
		chart_free(c->subcharts[i]);
	free(c->subcharts);
	free(c);
}

/* Go's error text for an errno: strerror, lower-cased as Go's syscall messages are. */
static char *go_errno(int e)
{
	char *s = xstrdup(strerror(e));
	s[0] = (char)tolower((unsigned char)s[0]);
	return s;
}

static char *wrap(const char *prefix, char *err)
{
	char *s = xasprintf("%s: %s", prefix, err);
	free(err);
	return s;
}

static hv *parse_yaml(const struct chart_file *f, int flags, char **err)
{
	char *perr = NULL;
	hv *v = yaml_parse(f->data, f->len, NULL, flags, &perr);
	if (!v) {
		*err = xasprintf("cannot load %s: %s", f->name, perr);
		free(perr);
	}
	return v;
}

/* A group of files below charts/NAME (names relative to charts/). */
struct group {
	char *name;
	struct chart_file *files;
	size_t n;
};

static int group_cmp(const void *a, const void *b)
{
	return strcmp(((const struct group *)a)->name, ((const struct group *)b)->name);
}

/* What one chart_load shares across the charts it loads. */
struct load {
	int flags;
	const chart **parsed; /* charts whose values.yaml was parsed, to reuse for the same bytes */
	size_t nparsed;
};

static chart *load_files(struct chart_file *files, size_t n, struct load *ld, char **err);
static chart *load_archive(const char *data, size_t len, const char *name, struct load *ld, char **err);

static int load_subcharts(chart *c, struct group *groups, size_t ng, struct load *ld, char **err)
{
	if (ng)
		qsort(groups, ng, sizeof *groups, group_cmp);
	for (size_t i = 0; i < ng; i++) {
		struct group *g = &groups[i];
		if (g->name[0] == '_' || g->name[0] == '.')
			continue;
		chart *sc = NULL;
		char *serr = NULL;
		size_t nl = strlen(g->name);
		if (nl > 4 && strcmp(g->name + nl - 4, ".tgz") == 0) {
			if (strcmp(g->files[0].name, g->name) != 0) {
				*err = xasprintf("error unpacking subchart tar in %s: expected %s, got %s", c->meta.name, g->name, g->files[0].name);
				return -1;
			}
			sc = load_archive(g->files[0].data, g->files[0].len, g->name, ld, &serr);
		} else {
			/* Strip "NAME/" and drop files directly in charts/ that are not in a directory. */
			struct chart_file *sub = xcalloc(g->n + 1, sizeof *sub);
			size_t k = 0;
			for (size_t j = 0; j < g->n; j++) {
				const char *slash = strchr(g->files[j].name, '/');
				if (slash)
					sub[k++] = (struct chart_file){(char *)slash + 1, take_data(&g->files[j]), g->files[j].len};
			}
			sc = load_files(sub, k, ld, &serr);
			for (size_t j = 0; j < k; j++)
				data_free(sub[j].data); /* what load_files did not take */
			free(sub);
		}
		if (!sc) {
			*err = xasprintf("error unpacking subchart %s in %s: %s", g->name, c->meta.name, serr);
			free(serr);
			return -1;
		}
		free(sc->path_in_parent);
		sc->path_in_parent = xasprintf("charts/%s", g->name);
		sc->parent = c;
		c->subcharts = xrealloc(c->subcharts, (c->nsubcharts + 1) * sizeof *c->subcharts);
		c->subcharts[c->nsubcharts++] = sc;
	}
	return 0;
}

static void free_groups(struct group *g, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(g[i].name);
		chart_files_free(g[i].files, g[i].n);
	}
	free(g);
}

static bool has_ext(const char *name, const char *ext)
{
	const char *slash = strrchr(name, '/');
	const char *dot = strrchr(slash ? slash + 1 : name, '.');
	return dot && strcmp(dot, ext) == 0; /* filepath.Ext(name) == ext */
}

/* values.yaml parsed: a map.  An umbrella chart often holds the same subchart many times:
 * bytes parsed before in this load share that tree (values are never changed in place). */
static hv *parse_values(const struct chart_file *f, struct load *ld, char **err)
{
	for (size_t i = 0; i < ld->nparsed; i++) {
		const chart *p = ld->parsed[i];
		if (p->values_len == f->len && memcmp(p->values_raw, f->data, f->len) == 0)
			return hv_ref(p->values);
	}
	hv *v = parse_yaml(f, 0, err);
	if (!v)
		return NULL;
	if (hv_kind_of(v) != HV_MAP && !hv_is_nil(v)) {
		*err = xasprintf("cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type map[string]interface {}",
			hv_kind_of(v) == HV_LIST ? "array" : hv_kind_of(v) == HV_STRING ? "string" : hv_kind_of(v) == HV_BOOL ? "bool" : "number");
		hv_free(v);
		return NULL;
	}
	if (hv_is_nil(v)) {
		hv_free(v);
		v = hv_map();
	}
	return v;
}

/* loader.LoadFiles; takes the data of the FILES it keeps. */
static chart *load_files(struct chart_file *files, size_t n, struct load *ld, char **err)
{
	chart *c = xcalloc(1, sizeof *c);
	bool have_meta = false;
	*err = NULL;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(files[i].name, "Chart.yaml") != 0)
			continue;
		hv *doc = parse_yaml(&files[i], YAML_INTS, err);
		if (!doc)
			goto fail;
		have_meta = true;
		char *merr = NULL;
		if (chart_metadata_unmarshal(doc, &c->meta, &merr)) {
			*err = wrap("cannot load Chart.yaml", merr);
			hv_free(doc);
			goto fail;
		}
		hv_free(doc);
		data_free(c->chart_yaml);
		c->chart_yaml = take_data(&files[i]);
		c->chart_yaml_len = files[i].len;
		if (!c->meta.api_version || !*c->meta.api_version) {
			free(c->meta.api_version);
			c->meta.api_version = xstrdup("v1");
		}
	}
	chart_metadata_fill(&c->meta);

	struct group *groups = NULL;
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		struct chart_file *f = &files[i];
		bool v1 = strcmp(c->meta.api_version, "v1") == 0;
		if (strcmp(f->name, "Chart.yaml") == 0)
			continue;
		if (strcmp(f->name, "Chart.lock") == 0 || strcmp(f->name, "requirements.lock") == 0) {
			if (!(ld->flags & CHART_LOAD_NO_VALUES)) {
				hv *lock = parse_yaml(f, 0, err);
				if (!lock)
					goto fail_groups;
				hv_free(c->lock);
				c->lock = lock;
				free(c->lock_name);
				c->lock_name = xstrdup(f->name);
			}
			if (strcmp(f->name, "requirements.lock") == 0 && v1)
				take_file(&c->files, &c->nfiles, f->name, f);
		} else if (strcmp(f->name, "values.yaml") == 0) {
			if (!(ld->flags & CHART_LOAD_NO_VALUES)) {
				hv *v = parse_values(f, ld, err);
				if (!v)
					goto fail_groups;
				hv_free(c->values);
				c->values = v;
			}
			data_free(c->values_raw);
			c->values_raw = take_data(f);
			c->values_len = f->len;
		} else if (strcmp(f->name, "values.schema.json") == 0) {
			data_free(c->schema);
			c->schema = take_data(f);
			c->schema_len = f->len;
		} else if (strcmp(f->name, "requirements.yaml") == 0) {
			hv *doc = parse_yaml(f, YAML_INTS, err);
			if (!doc)
				goto fail_groups;
			char *merr = NULL;
			int r = chart_metadata_unmarshal(doc, &c->meta, &merr);
			hv_free(doc);
			if (r) {
				*err = wrap("cannot load requirements.yaml", merr);
				goto fail_groups;
			}
			chart_metadata_fill(&c->meta);
			if (strcmp(c->meta.api_version, "v1") == 0)
				take_file(&c->files, &c->nfiles, f->name, f);
		} else if (strncmp(f->name, "templates/", 10) == 0) {
			take_file(&c->templates, &c->ntemplates, f->name, f);
		} else if (strncmp(f->name, "charts/", 7) == 0) {
			if (has_ext(f->name, ".prov")) {
				take_file(&c->files, &c->nfiles, f->name, f);
				continue;
			}
			const char *rel = f->name + 7;
			size_t cl = strcspn(rel, "/");
			size_t g = 0;
			while (g < ng && (strlen(groups[g].name) != cl || strncmp(groups[g].name, rel, cl) != 0))
				g++;
			if (g == ng) {
				groups = xrealloc(groups, (ng + 1) * sizeof *groups);
				groups[ng++] = (struct group){xstrndup(rel, cl), NULL, 0};
			}
			take_file(&groups[g].files, &groups[g].n, rel, f);
		} else {
			take_file(&c->files, &c->nfiles, f->name, f);
		}
	}
	if (!have_meta) {
		*err = xstrdup("Chart.yaml file is missing");
		goto fail_groups;
	}
	if ((*err = chart_validate(&c->meta)))
		goto fail_groups;
	if (!c->values)
		c->values = hv_map();
	else if (!(ld->flags & CHART_LOAD_NO_VALUES)) {
		ld->parsed = xrealloc(ld->parsed, (ld->nparsed + 1) * sizeof *ld->parsed);
		ld->parsed[ld->nparsed++] = c;
	}
	if (load_subcharts(c, groups, ng, ld, err))
		goto fail_groups;
	free_groups(groups, ng);
	return c;
fail_groups:
	free_groups(groups, ng);
fail:
	chart_free(c);
	return NULL;
}

chart *chart_load_files(const struct chart_file *files, size_t n, char **err)
{
	struct chart_file *copy = xcalloc(n + 1, sizeof *copy);
	for (size_t i = 0; i < n; i++)
		copy[i] = (struct chart_file){files[i].name, xstrndup(files[i].data, files[i].len), files[i].len};
	struct load ld = {0, NULL, 0};
	chart *c = load_files(copy, n, &ld, err);
	free(ld.parsed);
	for (size_t i = 0; i < n; i++)
		free(copy[i].data);
	free(copy);
	if (c) {
		c->source = xstrdup("");
		c->path_in_parent = xstrdup("");
	}
	return c;
}

static void set_source(chart *c, const char *source)
{
	free(c->source);
	c->source = xstrdup(source);
	if (!c->path_in_parent)
		c->path_in_parent = xstrdup("");
	for (size_t i = 0; i < c->nsubcharts; i++)
		set_source(c->subcharts[i], source);
}

static chart *load_archive(const char *data, size_t len, const char *name, struct load *ld, char **err)
{
	struct chart_file *files;
	size_t n;
	if (archive_read_chart(data, len, name, &files, &n, err))
		return NULL;
	chart *c = load_files(files, n, ld, err);
	chart_files_free(files, n);
	if (c)
		set_source(c, name);
	return c;
}

chart *chart_load_archive(const char *data, size_t len, const char *name, char **err)
{
	struct load ld = {0, NULL, 0};
	chart *c = load_archive(data, len, name, &ld, err);
	free(ld.parsed);
	return c;
}

/* --- directories (loader.LoadDir) --- */

/* The contents of the file at PATH, a UTF-8 BOM dropped; NULL with errno on failure. */
static char *read_contents(const char *path, size_t *len)
{
	char *rerr = NULL;
	char *data = read_file(path, len, &rerr);
	if (!data) {
		int e = errno;
		free(rerr);
		errno = e;
		return NULL;
	}
	if (*len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		*len -= 3;
		memmove(data, data + 3, *len + 1);
	}
	return data;
}

void chart_file_load(struct chart_file *f, const char *dir)
{
	if (f->data)
		return;
	char *path = path_join(dir, f->name);
	f->data = read_contents(path, &f->len);
	if (!f->data) {
		f->data = xstrdup("");
		f->len = 0;
	}
	free(path);
}

char *chart_dir(const chart *c)
{
	if (!c->parent)
		return xstrdup(c->source);
	char *parent = chart_dir(c->parent);
	char *dir = path_join(parent, c->path_in_parent);
	free(parent);
	return dir;
}

struct walk {
	const helmignore *rules;
	bool meta_only, no_values, lazy; /* CHART_LOAD_META_ONLY, _NO_VALUES, _LAZY_FILES */
	bool say_links; /* tell of symbolic links followed (the stage that reads the chart does) */
	struct chart_file *files;
	size_t n;
	char *err;
};

/* NAME (relative to the top chart) relative to the chart it belongs to: "charts/a/charts/b/x"
 * is "x"; NULL for a file directly in a charts/ directory (a subchart's archive, or a stray). */
static const char *chart_relative(const char *name)
{
	while (strncmp(name, "charts/", 7) == 0) {
		const char *slash = strchr(name + 7, '/');
		if (!slash)
			return NULL;
		name = slash + 1;
	}
	return name;
}

static bool one_of(const char *name, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Whether CHART_LOAD_META_ONLY reads file NAME (relative to the top chart): a chart's own
 * description and values, at any depth of charts/SUB/, and the archives of its subcharts. */
static bool meta_file(const char *name)
{
	static const char *const meta[] = {"Chart.yaml", "values.yaml", "values.schema.json",
		"requirements.yaml", "requirements.lock", "Chart.lock"};
	const char *rel = chart_relative(name);
	return rel ? one_of(rel, meta, sizeof meta / sizeof *meta) : has_ext(name, ".tgz");
}

/* Whether CHART_LOAD_NO_VALUES leaves file NAME unread: what only the values stage uses. */
static bool values_file(const char *name)
{
	static const char *const values[] = {"values.yaml", "values.schema.json", "Chart.lock"};
	const char *rel = chart_relative(name);
	return rel && one_of(rel, values, sizeof values / sizeof *values);
}

/* Whether CHART_LOAD_LAZY_FILES leaves file NAME (relative to the top chart) unread. */
static bool lazy_file(const char *name)
{
	const char *rel = chart_relative(name);
	return rel && !meta_file(name) && strncmp(rel, "templates/", 10) != 0 && strncmp(rel, "crds/", 5) != 0;
}

struct entry {
	char *name;
	unsigned char type; /* readdir's d_type */
};

static int entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->name, ((const struct entry *)b)->name);
}

/* The contents of the file NAME in directory DFD, a UTF-8 BOM dropped; NULL with errno on
 * failure (EFBIG: larger than Helm reads). */
static char *read_at(int dfd, const char *name, size_t *len)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	/* most files take one read; one that fills the chunk is large, and mapped if it can be (one
	 * that starts with a BOM is read: the BOM is cut out of its text) */
	char chunk[MAP_MIN], *data = NULL;
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) < 0 && errno == EINTR)
		;
	if (n >= 0 && (size_t)n < sizeof chunk) {
		data = xmalloc((size_t)n + 1);
		memcpy(data, chunk, (size_t)n);
		data[n] = 0;
		*len = (size_t)n;
	} else if (n > 0) {
		if (memcmp(chunk, "\xEF\xBB\xBF", 3) != 0)
			data = map_file(fd, len);
		if (!data && lseek(fd, 0, SEEK_SET) == 0)
			data = read_fd(fd, MAX_FILE_SIZE, true, len);
	}
	int e = errno;
	close(fd);
	errno = e;
	if (data && *len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		*len -= 3;
		memmove(data, data + 3, *len + 1);
	}
	return data;
}

/* Fails the walk with Go's "OP DIR/NAME: cause" for errno. */
static int walk_error(struct walk *w, const char *op, const char *dir, const char *name)
{
	char *e = go_errno(errno);
	w->err = xasprintf("%s %s/%s: %s", op, dir, name, e);
	free(e);
	return -1;
}

static int too_big(struct walk *w, const char *name)
{
	w->err = xasprintf("chart file \"%s\" is larger than the maximum file size %ld", name, MAX_FILE_SIZE);
	return -1;
}

/* Records file N (NAME in directory DFD, at DIR) unread, with DATA (NULL: read when it is
 * needed).  Its size is checked all the same, as Helm's reading it would; ST is its stat if
 * known. */
static int take_unread(struct walk *w, int dfd, const char *dir, const char *name, const char *n,
                       const struct stat *st, const char *data)
{
	struct stat own;
	if (!st && fstatat(dfd, name, &own, 0) != 0)
		return walk_error(w, "stat", dir, name);
	if ((st ? st : &own)->st_size > MAX_FILE_SIZE)
		return too_big(w, name);
	struct chart_file f = {NULL, data ? xstrdup(data) : NULL, 0};
	take_file(&w->files, &w->n, n, &f);
	return 0;
}

/* Follows the symbolic link NAME in DIR as Helm's sympath.Walk does: it says so on stderr (in
 * Go's log format, as Helm prints it), and a dangling link fails as filepath.EvalSymlinks
 * does. */
static int follow_link(struct walk *w, const char *dir, const char *name)
{
	char *path = path_join(dir, name);
	char *resolved = realpath(path, NULL);
	if (resolved) {
		if (w->say_links)
			fprintf(stderr, "walk.go:75: found symbolic link in path: %s resolves to %s. "
			        "Contents of linked file included and used\n", path, resolved);
		free(resolved);
		free(path);
		return 0;
	}
	int err = errno;
	char *e = go_errno(err);
	if (err == ENOTDIR || err == ELOOP) { /* Go's own checks, no lstat in their messages */
		w->err = xasprintf("error evaluating symlink %s: %s", path,
		                   err == ELOOP ? "EvalSymlinks: too many links" : e);
		free(e);
		free(path);
		return -1;
	}
	char target[4096];
	ssize_t k = readlink(path, target, sizeof target - 1);
	target[k < 0 ? 0 : k] = 0;
	char *joined = target[0] == '/' ? xstrdup(target) : path_join(dir, target);
	char *missing = path_clean(joined);
	/* EvalSymlinks names the first part of the target that is missing */
	struct stat st;
	for (char *slash = missing; (slash = strchr(slash + 1, '/'));) {
		*slash = 0;
		if (stat(missing, &st) != 0)
			break;
		*slash = '/';
	}
	w->err = xasprintf("error evaluating symlink %s: lstat %s: %s", path, missing, e);
	free(missing);
	free(joined);
	free(e);
	free(path);
	return -1;
}

/* Walks directory DFD (DIR, an absolute path as in Helm's messages; REL is its path inside the
 * chart, "" at the top) in lexical order, following symbolic links; closes DFD.  The entries'
 * types come from readdir: only links and unknown types are stat'ed, and files are opened
 * relative to DFD (a chart's load is mostly system calls). */
static int walk_dir(struct walk *w, int dfd, const char *dir, const char *rel)
{
	struct entry *ents = NULL;
	size_t nn = 0;
	/* getdents64 itself: fdopendir would cost an fstat and an fcntl a directory */
	union {
		struct dirent64 de;
		char bytes[8192];
	} u;
	ssize_t got;
	while ((got = getdents64(dfd, u.bytes, sizeof u.bytes)) > 0) {
		for (ssize_t off = 0; off < got;) {
			const struct dirent64 *de = (const struct dirent64 *)(u.bytes + off);
			off += de->d_reclen;
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			ents = grow_list(ents, nn, sizeof *ents);
			ents[nn++] = (struct entry){xstrdup(de->d_name), de->d_type};
		}
	}
	int r = 0;
	if (got < 0) {
		char *e = go_errno(errno);
		w->err = xasprintf("open %s: %s", dir, e);
		free(e);
		r = -1;
	}
	if (nn)
		qsort(ents, nn, sizeof *ents, entry_cmp);
	for (size_t i = 0; i < nn && r == 0; i++) {
		const char *name = ents[i].name;
		char *n = *rel ? path_join(rel, name) : xstrdup(name);
		struct stat st;
		bool stated = false;
		int type = ents[i].type;
		if (type == DT_UNKNOWN && fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			type = S_ISLNK(st.st_mode) ? DT_LNK : S_ISDIR(st.st_mode) ? DT_DIR
			     : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		if (type == DT_LNK && follow_link(w, dir, name) < 0) {
			r = -1;
		} else if (type != DT_DIR && type != DT_REG) {
			stated = fstatat(dfd, name, &st, 0) == 0;
			if (!stated)
				r = walk_error(w, "stat", dir, name);
			else
				type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_UNKNOWN;
		}
		if (r) {
		} else if (type == DT_DIR) {
			if (!helmignore_ignore(w->rules, n, true)) {
				int sub = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
				char *path = path_join(dir, name);
				r = sub < 0 ? walk_error(w, "open", dir, name) : walk_dir(w, sub, path, n);
				free(path);
			}
		} else if (helmignore_ignore(w->rules, n, false)) {
		} else if (type != DT_REG) {
			w->err = xasprintf("cannot load irregular file %s/%s as it has file mode type bits set", dir, name);
			r = -1;
		} else if ((w->meta_only && !meta_file(n)) || (w->no_values && values_file(n))) {
			r = take_unread(w, dfd, dir, name, n, stated ? &st : NULL, "");
		} else if (w->lazy && lazy_file(n)) {
			r = take_unread(w, dfd, dir, name, n, stated ? &st : NULL, NULL);
		} else {
			size_t len;
			char *data = read_at(dfd, name, &len);
			if (!data && errno == EFBIG) {
				r = too_big(w, name);
			} else if (!data) {
				/* Go says "error reading N: open PATH: cause". */
				char *e = go_errno(errno);
				w->err = xasprintf("error reading %s: open %s/%s: %s", n, dir, name, e);
				free(e);
				r = -1;
			} else {
				struct chart_file f = {NULL, data, len};
				take_file(&w->files, &w->n, n, &f);
			}
		}
		free(n);
	}
	close(dfd);
	for (size_t i = 0; i < nn; i++)
		free(ents[i].name);
	free(ents);
	return r;
}

/* The rules of DIR's .helmignore (directory DFD), Helm's defaults added; NULL with *err. */
static helmignore *read_helmignore(int dfd, const char *dir, char **err)
{
	int fd = openat(dfd, ".helmignore", O_RDONLY | O_CLOEXEC);
	char *text = NULL;
	size_t len = 0;
	if (fd >= 0 || errno != ENOENT) {
		text = fd < 0 ? NULL : read_fd(fd, SIZE_MAX, false, &len);
		if (!text) {
			*err = xasprintf("%s/.helmignore: %s", dir, strerror(errno));
			if (fd >= 0)
				close(fd);
			return NULL;
		}
		close(fd);
	}
	helmignore *rules = helmignore_parse(text, len, err);
	free(text);
	if (rules)
		helmignore_add_defaults(rules);
	return rules;
}

static chart *load_dir(const char *dir, struct load *ld, char **err)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		char *e = go_errno(errno);
		*err = xasprintf("open %s: %s", dir, e);
		free(e);
		return NULL;
	}
	helmignore *rules = read_helmignore(dfd, dir, err);
	if (!rules) {
		close(dfd);
		return NULL;
	}
	struct walk w = {rules, ld->flags & CHART_LOAD_META_ONLY, ld->flags & CHART_LOAD_NO_VALUES,
	                 ld->flags & CHART_LOAD_LAZY_FILES, !(ld->flags & CHART_LOAD_META_ONLY),
	                 NULL, 0, NULL};
	chart *c = NULL;
	char *abs = path_abs(dir);
	int walked = walk_dir(&w, dfd, abs, "");
	free(abs);
	if (walked == 0)
		c = load_files(w.files, w.n, ld, err);
	else
		*err = w.err;
	chart_files_free(w.files, w.n);
	helmignore_free(rules);
	if (c)
		set_source(c, dir);
	return c;
}

/* The first 512 bytes as http.DetectContentType classes them, for ensureArchive's message
 * (Helm reads into a zeroed 512-byte buffer, so short files look binary). */
static const char *content_type(const char *data, size_t len)
{
	if (len < 512)
		return "application/octet-stream";
	for (size_t i = 0; i < 512; i++) {
		unsigned char b = (unsigned char)data[i];
		if (b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F))
			return "application/octet-stream";
	}
	return "text/plain; charset=utf-8";
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

chart *chart_load(const char *path, char **err) { return chart_load_flags(path, 0, err); }

chart *chart_load_flags(const char *path, int flags, char **err)
{
	struct stat st;
	*err = NULL;
	if (stat(path, &st) != 0) {
		char *e = go_errno(errno);
		*err = xasprintf("stat %s: %s", path, e);
		free(e);
		return NULL;
	}
	struct load ld = {flags, NULL, 0};
	chart *c = NULL;
	if (S_ISDIR(st.st_mode)) {
		c = load_dir(path, &ld, err);
		free(ld.parsed);
		return c;
	}
	if (!S_ISREG(st.st_mode)) { /* a FIFO or device would never end */
		*err = xasprintf("cannot load irregular file %s as it has file mode type bits set", path);
		return NULL;
	}
	size_t len;
	char *rerr = NULL;
	char *data = read_file(path, &len, &rerr);
	if (!data) {
		char *e = go_errno(errno);
		*err = xasprintf("open %s: %s", path, e);
		free(e);
		free(rerr);
		return NULL;
	}
	if (len < 3 || memcmp(data, "\x1f\x8b\x08", 3) != 0) {
		if (ends_with(path, ".yml") || ends_with(path, ".yaml"))
			*err = xasprintf("file '%s' seems to be a YAML file, but expected a gzipped archive", path);
		else
			*err = xasprintf("file '%s' does not appear to be a gzipped archive; got '%s'", path, content_type(data, len));
	} else
		c = load_archive(data, len, path, &ld, err);
	free(data);
	free(ld.parsed);
	return c;
}

const struct chart_file *chart_file_get(const chart *c, const char *name)
{
	for (size_t i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i].name, name) == 0)
			return &c->files[i];
	return NULL;
}

/* hasManifestExtension: .yaml, .yml or .json in any case. */
static bool manifest_ext(const char *name)
{
	const char *slash = strrchr(name, '/');
	const char *dot = strrchr(slash ? slash + 1 : name, '.');
	return dot && (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0 || strcasecmp(dot, ".json") == 0);
}

static void collect_crds(const chart *c, const struct chart_file ***v, size_t *n)
{
	for (size_t i = 0; i < c->nfiles; i++) {
		const char *name = c->files[i].name;
		if (strncmp(name, "crds/", 5) == 0 && manifest_ext(name)) {
			*v = xrealloc(*v, (*n + 1) * sizeof **v);
			(*v)[(*n)++] = &c->files[i];
		}
	}
	for (size_t i = 0; i < c->nsubcharts; i++)
		collect_crds(c->subcharts[i], v, n);
}

const struct chart_file **chart_crds(const chart *c, size_t *n)
{
	const struct chart_file **v = xmalloc(sizeof *v);
	*n = 0;
	collect_crds(c, &v, n);
	return v;
}

char *chart_full_path(const chart *c)
{
	if (!c->parent)
		return xstrdup(c->meta.name);
	char *p = chart_full_path(c->parent);
	char *s = xasprintf("%s/charts/%s", p, c->meta.name);
	free(p);
	return s;
}
