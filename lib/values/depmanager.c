/* depmanager.c — Helm 3.17's action.Dependency.List and downloader.Manager.Update/Build,
 * with internal/resolver, for local dependencies.  Archives of file:// charts are made by
 * helm-package (Helm's chartutil.Save). */
#include "values/depmanager.h"
#include "buf.h"
#include "chart.h"
#include "json.h"
#include "semver.h"
#include "pipeline.h"
#include "util.h"
#include "yaml.h"

#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>


static char *join(const char *a, const char *b)
{
	char *j = path_join(a, b), *c = path_clean(j);
	free(j);
	return c;
}

/* Constraint check with Helm's "invalid version" cases: 1 ok, 0 no match, -1 unparsable. */
static int version_matches(const char *constraint, const char *version)
{
	char *err = NULL;
	semver_constraints *c = semver_constraint_parse(constraint, &err);
	free(err);
	if (!c)
		return -1;
	err = NULL;
	semver *v = semver_parse(version, &err);
	free(err);
	int r = v ? semver_constraint_check(c, v) : -1;
	semver_free(v);
	semver_constraint_free(c);
	return r;
}

static const char *version_status(const struct chart_dep *d, const chart *c, const char *ok)
{
	if (!strcmp(c->meta.version, d->version))
		return ok;
	switch (version_matches(d->version, c->meta.version)) {
	case 1: return ok;
	case 0: return "wrong version";
	default: return "invalid version";
	}
}

/* statArchiveForStatus */
static const char *archive_status(const char *archive, const struct chart_dep *d)
{
	char *err = NULL;
	chart *c = chart_load(archive, &err);
	free(err);
	if (!c)
		return "corrupt";
	const char *s = strcmp(c->meta.name, d->name) ? "misnamed" : version_status(d, c, "ok");
	chart_free(c);
	return s;
}

static bool strict_semver(const char *s)
{
	char *err = NULL;
	semver *v = semver_parse_strict(s, &err);
	free(err);
	semver_free(v);
	return v != NULL;
}

/* dependencyStatus */
static const char *dep_status(const char *chartpath, const struct chart_dep *d, const chart *parent)
{
	char *pattern = xasprintf("%s/charts/%s-*.tgz", chartpath, d->name);
	glob_t g;
	int gr = glob(pattern, 0, NULL, &g);
	free(pattern);
	const char *s = NULL;
	if (gr == 0 && g.gl_pathc == 1) {
		s = archive_status(g.gl_pathv[0], d);
	} else if (gr == 0 && g.gl_pathc > 1) {
		const char *found = NULL;
		size_t nfound = 0, plen = strlen(d->name) + 1;
		for (size_t i = 0; i < g.gl_pathc; i++) {
			const char *base = strrchr(g.gl_pathv[i], '/') + 1;
			char *ver = xstrndup(base + plen, strlen(base) - plen - 4);
			if (strict_semver(ver))
				found = g.gl_pathv[i], nfound++;
			free(ver);
		}
		if (nfound == 1)
			s = archive_status(found, d);
		else if (nfound > 1)
			s = "too many matches";
	}
	if (gr == 0)
		globfree(&g);
	if (s)
		return s;
	const chart *dc = NULL;
	for (size_t i = 0; i < parent->nsubcharts; i++)
		if (!strcmp(parent->subcharts[i]->meta.name, d->name))
			dc = parent->subcharts[i];
	return dc ? version_status(d, dc, "unpacked") : "missing";
}

/* uitable's cell: padded to WIDTH, or cut and ended with "..." when longer (strutil.Resize). */
static void cell(buf *b, const char *s, size_t width)
{
	size_t len = strlen(s);
	if (len <= width) {
		buf_puts(b, s);
		for (size_t i = len; i < width; i++)
			buf_putc(b, ' ');
		return;
	}
	size_t keep = 0;
	for (long w = 0; keep < len; w++) {
		keep++;
		if (w + 1 >= (long)width - 3)
			break;
	}
	buf_add(b, s, keep);
	buf_puts(b, "...");
}

int depman_list(const char *chartpath, unsigned maxcol, FILE *out, char **err)
{
	chart *c = chart_load(chartpath, err);
	if (!c)
		return -1;
	char *path = path_clean(chartpath);
	if (!c->meta.ndeps) {
		char *charts = join(path, "charts");
		fprintf(out, "WARNING: no dependencies at %s\n", charts);
		free(charts);
		free(path);
		chart_free(c);
		return 0;
	}
	size_t rows = c->meta.ndeps + 1;
	const char **cells = xcalloc(rows * 4, sizeof *cells);
	cells[0] = "NAME", cells[1] = "VERSION", cells[2] = "REPOSITORY", cells[3] = "STATUS";
	for (size_t i = 0; i < c->meta.ndeps; i++) {
		const struct chart_dep *d = &c->meta.deps[i];
		cells[4 * (i + 1)] = d->name;
		cells[4 * (i + 1) + 1] = d->version;
		cells[4 * (i + 1) + 2] = d->repository;
		cells[4 * (i + 1) + 3] = dep_status(path, d, c);
	}
	size_t width[4] = {0};
	for (size_t i = 0; i < rows * 4; i++) {
		size_t l = strlen(cells[i]);
		if (l > width[i % 4])
			width[i % 4] = maxcol && l > maxcol ? maxcol : l; /* 0: no limit, as uitable */
	}
	buf b = BUF_INIT;
	for (size_t r = 0; r < rows; r++) {
		for (int k = 0; k < 4; k++) {
			if (k)
				buf_putc(&b, '\t');
			cell(&b, cells[4 * r + k], width[k]);
		}
		buf_putc(&b, '\n');
	}
	buf_putc(&b, '\n');
	/* printMissing: charts in charts/ that Chart.yaml does not declare. */
	char *pattern = join(path, "charts/*");
	glob_t g;
	if (glob(pattern, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			const char *f = g.gl_pathv[i];
			struct stat st;
			size_t fl = strlen(f);
			if (stat(f, &st) != 0 || (!S_ISDIR(st.st_mode) && (fl < 4 || strcmp(f + fl - 4, ".tgz"))))
				continue;
			char *lerr = NULL;
			chart *sc = chart_load(f, &lerr);
			free(lerr);
			if (!sc) {
				buf_printf(&b, "WARNING: \"%s\" is not a chart.\n", f);
				continue;
			}
			bool found = false;
			for (size_t k = 0; k < c->meta.ndeps && !found; k++)
				found = !strcmp(c->meta.deps[k].name, sc->meta.name);
			if (!found)
				buf_printf(&b, "WARNING: \"%s\" is not in Chart.yaml.\n", f);
			chart_free(sc);
		}
		globfree(&g);
	}
	free(pattern);
	fwrite(b.s, 1, b.len, out);
	buf_free(&b);
	free(cells);
	free(path);
	chart_free(c);
	return 0;
}

/* ---- update and build ---- */

static void emit_str(buf *b, const char *key, const char *val, bool omitempty, bool *first)
{
	if (omitempty && !*val)
		return;
	hv *k = hv_str(key), *v = hv_str(val);
	buf_puts(b, *first ? "" : ",");
	json_emit(b, k, JSON_ESCAPE_HTML);
	buf_putc(b, ':');
	json_emit(b, v, JSON_ESCAPE_HTML);
	hv_free(k);
	hv_free(v);
	*first = false;
}

/* One Dependency object in Go's field order: name, version, repository, condition, tags,
 * enabled, import-values, alias (omitempty where Go has it). */
static void emit_dep(buf *b, const struct chart_dep *d)
{
	bool first = true;
	buf_putc(b, '{');
	emit_str(b, "name", d->name, false, &first);
	emit_str(b, "version", d->version, true, &first);
	emit_str(b, "repository", d->repository, false, &first);
	emit_str(b, "condition", d->condition, true, &first);
	if (d->ntags) {
		buf_puts(b, ",\"tags\":[");
		for (size_t i = 0; i < d->ntags; i++) {
			hv *t = hv_str(d->tags[i]);
			buf_puts(b, i ? "," : "");
			json_emit(b, t, JSON_ESCAPE_HTML);
			hv_free(t);
		}
		buf_putc(b, ']');
	}
	if (d->enabled)
		buf_puts(b, ",\"enabled\":true");
	if (d->import_values && hv_len(d->import_values)) {
		buf_puts(b, ",\"import-values\":");
		json_emit(b, d->import_values, JSON_ESCAPE_HTML);
	}
	emit_str(b, "alias", d->alias, true, &first);
	buf_putc(b, '}');
}

static void emit_deps(buf *b, const struct chart_dep *d, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		buf_puts(b, i ? "," : "");
		emit_dep(b, &d[i]);
	}
	buf_putc(b, ']');
}

static char *sha256_digest(const buf *data)
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	SHA256((const unsigned char *)data->s, data->len, md);
	buf h = BUF_INIT;
	buf_puts(&h, "sha256:");
	for (int i = 0; i < SHA256_DIGEST_LENGTH; i++)
		buf_printf(&h, "%02x", md[i]);
	return buf_detach(&h, NULL);
}

/* resolver.HashReq: the digest of json.Marshal([2][]*Dependency{req, lock}). */
static char *hash_req(const struct chart_dep *req, size_t nreq, const struct chart_dep *lock, size_t nlock)
{
	buf b = BUF_INIT;
	buf_putc(&b, '[');
	emit_deps(&b, req, nreq);
	buf_putc(&b, ',');
	emit_deps(&b, lock, nlock);
	buf_putc(&b, ']');
	char *d = sha256_digest(&b);
	buf_free(&b);
	return d;
}

/* resolver.HashV2Req: the digest Helm 2 wrote, of {"dependencies": req}. */
static char *hash_v2_req(const struct chart_dep *req, size_t nreq)
{
	buf b = BUF_INIT;
	buf_puts(&b, "{\"dependencies\":");
	emit_deps(&b, req, nreq);
	buf_putc(&b, '}');
	char *d = sha256_digest(&b);
	buf_free(&b);
	return d;
}

static void lock_deps_free(struct chart_dep *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].name);
		free(d[i].version);
		free(d[i].repository);
		free(d[i].condition);
		free(d[i].alias);
		free(d[i].tags);
	}
	free(d);
}

static struct chart_dep locked_dep(const char *name, const char *repository, const char *version)
{
	return (struct chart_dep){xstrdup(name), xstrdup(version), xstrdup(repository), xstrdup(""), xstrdup(""),
				  NULL, 0, NULL, false};
}

/* resolver.GetLocalPath: the directory a file:// repository names. */
static char *local_path(const char *repo, const char *chartpath, char **err)
{
	const char *p = strncmp(repo, "file://", 7) ? repo : repo + 7;
	char *dep = p[0] == '/' ? path_clean(p) : join(chartpath, p);
	struct stat st;
	if (stat(dep, &st) != 0) {
		*err = xasprintf("directory %s not found", dep);
		free(dep);
		return NULL;
	}
	return dep;
}

/* The repositories this suite can read: "" (charts/) and file://.  Helm resolves the rest
 * through `helm repo add` repositories, which come with a later stage. */
static int check_repositories(const chart *c, const char *chartpath, char **err)
{
	buf missing = BUF_INIT;
	for (size_t i = 0; i < c->meta.ndeps; i++) {
		const char *r = c->meta.deps[i].repository;
		if (!*r)
			continue;
		if (!strncmp(r, "file://", 7)) {
			char *p = local_path(r, chartpath, err);
			if (!p) {
				buf_free(&missing);
				return -1;
			}
			free(p);
			continue;
		}
		buf_printf(&missing, "%s%s", missing.len ? ", " : "", r);
	}
	if (!missing.len)
		return 0;
	*err = xasprintf("no repository definition for %s. Please add them via 'helm repo add' "
			 "(chart repositories other than file:// are not supported yet)", missing.s);
	buf_free(&missing);
	return -1;
}

/* Resolver.Resolve for local repositories: the exact version of every dependency. */
static struct chart_dep *resolve(const chart *c, const char *chartpath, char **err)
{
	struct chart_dep *locked = xcalloc(c->meta.ndeps + 1, sizeof *locked);
	buf missing = BUF_INIT;
	size_t nmissing = 0;
	for (size_t i = 0; i < c->meta.ndeps; i++) {
		const struct chart_dep *d = &c->meta.deps[i];
		char *cerr = NULL;
		semver_constraints *con = semver_constraint_parse(d->version, &cerr);
		if (!con) {
			*err = xasprintf("dependency \"%s\" has an invalid version/constraint format: %s", d->name, cerr);
			free(cerr);
			goto fail;
		}
		char *p = NULL;
		if (!*d->repository) {
			char *sub = xasprintf("charts/%s", d->name);
			p = local_path(sub, chartpath, err);
			free(sub);
			if (p)
				locked[i] = locked_dep(d->name, "", d->version);
		} else {
			p = local_path(d->repository, chartpath, err);
			chart *dc = p ? chart_load(p, err) : NULL;
			semver *v = dc ? semver_parse(dc->meta.version, &cerr) : NULL;
			free(cerr);
			cerr = NULL;
			if (v && semver_constraint_check(con, v)) {
				locked[i] = locked_dep(d->name, d->repository, dc->meta.version);
			} else if (v || dc) {
				/* unparsable versions are skipped, as Helm does ("not a legit entry") */
				if (v)
					buf_printf(&missing, "%s\"%s\" (repository \"%s\", version \"%s\")",
						   nmissing++ ? ", " : "", d->name, d->repository, d->version);
				locked[i] = locked_dep(d->name, d->repository, "");
			}
			semver_free(v);
			chart_free(dc);
		}
		semver_constraint_free(con);
		if (!p)
			goto fail;
		free(p);
	}
	if (nmissing) {
		*err = xasprintf("can't get a valid version for %zu subchart(s): %s. Make sure a matching chart version "
				 "exists in the repo, or change the version constraint in Chart.yaml", nmissing, missing.s);
		goto fail;
	}
	buf_free(&missing);
	return locked;
fail:
	buf_free(&missing);
	lock_deps_free(locked, c->meta.ndeps);
	return NULL;
}

static int remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return unlink(path);
	for (struct dirent *e; (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *p = path_join(path, e->d_name);
		remove_tree(p);
		free(p);
	}
	closedir(d);
	return rmdir(path);
}

/* downloadAll for local dependencies: archives made in a temporary directory, then moved into
 * charts/, and archives there that were not made now deleted (safeMoveDeps). */
static int download_all(const char *chartpath, struct chart_dep *deps, size_t n, FILE *out, char **err)
{
	char *dest = join(chartpath, "charts");
	char *tmp = NULL;
	int rc = -1;
	struct stat st;
	if (stat(dest, &st) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			*err = xasprintf("\"%s\" is not a directory", dest);
			goto out;
		}
	} else if (mkdir(dest, 0755) != 0) {
		*err = xasprintf("mkdir %s: %s", dest, strerror(errno));
		goto out;
	}
	char *name = xasprintf("tmpcharts-%d", (int)getpid());
	tmp = join(chartpath, name);
	free(name);
	if (mkdir(tmp, 0755) != 0) {
		*err = xasprintf("mkdir %s: %s", tmp, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	fprintf(out, "Saving %zu charts\n", n);
	char *save_err = NULL;
	for (size_t i = 0; i < n && !save_err; i++) {
		struct chart_dep *d = &deps[i];
		if (!*d->repository) {
			fprintf(out, "Dependency %s did not declare a repository. Assuming it exists in the charts directory\n", d->name);
			char *p = join(dest, d->name), *lerr = NULL;
			chart *dc = chart_load(p, &lerr);
			if (!dc) {
				*err = xasprintf("unable to load chart '%s': %s", p, lerr);
				free(lerr);
				free(p);
				goto out;
			}
			int m = version_matches(d->version, dc->meta.version);
			if (m < 0)
				*err = xasprintf("dependency %s has an invalid version/constraint format", d->name);
			else if (m == 0)
				save_err = xasprintf("dependency %s at version %s does not satisfy the constraint %s",
						     d->name, dc->meta.version, d->version);
			chart_free(dc);
			free(p);
			if (m < 0)
				goto out;
			continue;
		}
		/* tarFromLocalDir */
		char *p = local_path(d->repository, chartpath, &save_err);
		if (!p)
			break;
		chart *dc = chart_load(p, &save_err);
		if (dc) {
			if (version_matches(d->version, dc->meta.version) != 1) {
				save_err = xasprintf("can't get a valid version for dependency %s", d->name);
			} else {
				char *const argv[] = {"helm-package", "--destination", tmp, "--", p, NULL};
				buf quiet = BUF_INIT;
				if (spawn_run(argv, NULL, 0, &quiet) != 0)
					save_err = xasprintf("failed to save dependency %s from %s", d->name, p);
				buf_free(&quiet);
				free(d->version);
				d->version = xstrdup(dc->meta.version);
			}
			chart_free(dc);
		}
		free(p);
	}
	if (save_err) {
		fprintf(out, "Save error occurred:  %s\n", save_err);
		*err = save_err;
		goto out;
	}
	/* safeMoveDeps */
	DIR *dir = opendir(tmp);
	char **made = NULL;
	size_t nmade = 0;
	for (struct dirent *e; dir && (e = readdir(dir));) {
		if (e->d_name[0] == '.')
			continue;
		char *from = join(tmp, e->d_name), *to = join(dest, e->d_name);
		if (rename(from, to) != 0)
			fprintf(out, "Unable to move %s to charts dir %s (Skipping)", from, strerror(errno));
		made = xrealloc(made, (nmade + 1) * sizeof *made);
		made[nmade++] = xstrdup(e->d_name);
		free(from);
		free(to);
	}
	if (dir)
		closedir(dir);
	fprintf(out, "Deleting outdated charts\n");
	dir = opendir(dest);
	for (struct dirent *e; dir && (e = readdir(dir));) {
		char *f = join(dest, e->d_name);
		bool keep = e->d_name[0] == '.' || stat(f, &st) != 0 || S_ISDIR(st.st_mode);
		for (size_t i = 0; i < nmade && !keep; i++)
			keep = !strcmp(made[i], e->d_name);
		if (!keep) {
			char *lerr = NULL;
			chart *dc = chart_load(f, &lerr);
			if (!dc) {
				fprintf(out, "Could not verify %s for deletion: %s (Skipping)\n", f, lerr);
			} else {
				bool local = false;
				for (size_t i = 0; i < n && !local; i++)
					local = !*deps[i].repository && !strcmp(deps[i].name, dc->meta.name);
				if (!local && unlink(f) != 0)
					fprintf(out, "Could not delete %s: %s (Skipping)", f, strerror(errno));
				chart_free(dc);
			}
			free(lerr);
		}
		free(f);
	}
	if (dir)
		closedir(dir);
	for (size_t i = 0; i < nmade; i++)
		free(made[i]);
	free(made);
	rc = 0;
out:
	if (tmp)
		remove_tree(tmp);
	free(tmp);
	free(dest);
	return rc;
}

/* writeLock: the lock file as yaml.Marshal(chart.Lock) writes it. */
static int write_lock(const char *chartpath, const struct chart_dep *deps, size_t n, const char *digest, bool legacy,
		      char **err)
{
	hv *lock = hv_map(), *list = hv_list();
	for (size_t i = 0; i < n; i++) {
		hv *d = hv_map();
		hv_map_set(d, "name", hv_str(deps[i].name));
		hv_map_set(d, "repository", hv_str(deps[i].repository));
		if (*deps[i].version)
			hv_map_set(d, "version", hv_str(deps[i].version));
		hv_list_push(list, d);
	}
	hv_map_set(lock, "dependencies", list);
	hv_map_set(lock, "digest", hv_str(digest));
	/* time.Now() in RFC 3339 with nanoseconds and the local zone, as encoding/json writes a time.Time */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	localtime_r(&ts.tv_sec, &tm);
	char when[64], frac[16];
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(frac, sizeof frac, ".%09ld", ts.tv_nsec);
	for (size_t l = strlen(frac); l > 1 && frac[l - 1] == '0'; l--)
		frac[l - 1] = 0;
	char zone[48] = "Z";
	if (tm.tm_gmtoff)
		snprintf(zone, sizeof zone, "%c%02ld:%02ld", tm.tm_gmtoff < 0 ? '-' : '+', labs(tm.tm_gmtoff) / 3600,
			 labs(tm.tm_gmtoff) / 60 % 60);
	char *stamp = xasprintf("%s%s%s", when, strcmp(frac, ".") ? frac : "", zone);
	hv_map_set(lock, "generated", hv_str_take(stamp, strlen(stamp)));
	buf b = BUF_INIT;
	yaml_emit(&b, lock);
	hv_free(lock);
	char *path = join(chartpath, legacy ? "requirements.lock" : "Chart.lock");
	int rc = write_file_atomic(path, b.s, b.len, 0644, err);
	free(path);
	buf_free(&b);
	return rc;
}

/* The loaded chart for update/build: an unpacked chart directory. */
static chart *load_chart_dir(const char *chartpath, char **err)
{
	struct stat st;
	if (stat(chartpath, &st) != 0) {
		*err = xasprintf("could not find %s: stat %s: %s", chartpath, chartpath,
				 errno == ENOENT ? "no such file or directory" : strerror(errno));
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		*err = xstrdup("only unpacked charts can be updated");
		return NULL;
	}
	return chart_load(chartpath, err);
}

int depman_update(const char *chartpath, FILE *out, char **err)
{
	chart *c = load_chart_dir(chartpath, err);
	if (!c)
		return -1;
	int rc = -1;
	struct chart_dep *locked = NULL;
	char *digest = NULL;
	if (!c->meta.ndeps) {
		rc = 0;
		goto out;
	}
	if (check_repositories(c, chartpath, err))
		goto out;
	if (!(locked = resolve(c, chartpath, err)))
		goto out;
	if (download_all(chartpath, locked, c->meta.ndeps, out, err))
		goto out;
	digest = hash_req(c->meta.deps, c->meta.ndeps, locked, c->meta.ndeps);
	hv *old = c->lock ? hv_map_get(c->lock, "digest") : NULL;
	if (old && hv_kind_of(old) == HV_STRING && !strcmp(hv_get_str(old), digest))
		rc = 0;
	else
		rc = write_lock(chartpath, locked, c->meta.ndeps, digest, !strcmp(c->meta.api_version, "v1"), err);
out:
	free(digest);
	if (locked)
		lock_deps_free(locked, c->meta.ndeps);
	chart_free(c);
	return rc;
}

/* The dependencies a lock file lists. */
static struct chart_dep *lock_deps(const hv *lock, size_t *n)
{
	hv *list = hv_map_get(lock, "dependencies");
	*n = list && hv_kind_of(list) == HV_LIST ? hv_len(list) : 0;
	struct chart_dep *d = xcalloc(*n + 1, sizeof *d);
	for (size_t i = 0; i < *n; i++) {
		hv *e = hv_list_get(list, i);
		hv *name = hv_map_get(e, "name"), *repo = hv_map_get(e, "repository"), *ver = hv_map_get(e, "version");
		d[i] = locked_dep(name && hv_kind_of(name) == HV_STRING ? hv_get_str(name) : "",
				  repo && hv_kind_of(repo) == HV_STRING ? hv_get_str(repo) : "",
				  ver && hv_kind_of(ver) == HV_STRING ? hv_get_str(ver) : "");
	}
	return d;
}

int depman_build(const char *chartpath, FILE *out, char **err)
{
	chart *c = load_chart_dir(chartpath, err);
	if (!c)
		return -1;
	if (!c->lock) {
		chart_free(c);
		return depman_update(chartpath, out, err);
	}
	int rc = -1;
	size_t n;
	struct chart_dep *locked = lock_deps(c->lock, &n);
	bool legacy = !strcmp(c->meta.api_version, "v1");
	if (check_repositories(c, chartpath, err))
		goto out;
	hv *want = hv_map_get(c->lock, "digest");
	const char *wanted = want && hv_kind_of(want) == HV_STRING ? hv_get_str(want) : "";
	char *digest = hash_req(c->meta.deps, c->meta.ndeps, locked, n);
	bool same = !strcmp(wanted, digest);
	free(digest);
	if (!same && legacy) {
		/* a lock written by Helm 2 carries Helm 2's digest */
		fprintf(stderr, "manager.go:122: warning: a valid Helm v3 hash was not found. Checking against Helm v2 hash...\n");
		digest = hash_v2_req(c->meta.deps, c->meta.ndeps);
		same = !strcmp(wanted, digest);
		free(digest);
	}
	if (!same) {
		*err = xstrdup(legacy ? "the lock file (requirements.lock) is out of sync with the dependencies file "
					"(requirements.yaml). Please update the dependencies"
				      : "the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). "
					"Please update the dependencies");
		goto out;
	}
	rc = download_all(chartpath, locked, n, out, err);
out:
	lock_deps_free(locked, n);
	chart_free(c);
	return rc;
}
