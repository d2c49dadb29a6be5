/* helm-package — a chart directory to NAME-VERSION.tgz as `helm package` makes it, and
 * `--load PATH`: a chart (directory or archive) as JSON, the first pipeline contract. */
#include "archive_tgz.h"
#include "chart.h"
#include "json.h"
#include "semver.h"
#include "util.h"
#include "yaml.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
	"Usage: helm-package [OPTIONS] CHART_DIR...\n"
	"       helm-package --load CHART\n"
	"\n"
	"Packages each chart directory into NAME-VERSION.tgz, laid out as Helm lays it out.\n"
	"With --load, prints the chart (a directory or a .tgz, subcharts included) as JSON.\n"
	"\n"
	"Options:\n"
	"      --app-version VERSION   set the appVersion of the packaged chart\n"
	"  -d, --destination DIR       where to write the archive (default \".\")\n"
	"  -h, --help                  show this help\n"
	"      --load CHART            print CHART as JSON (see helm-pipeline(7))\n"
	"      --version VERSION       set the version of the packaged chart (a SemVer)\n";

/* Files of C and its subcharts as archive members under PREFIX (Helm's writeTarContents). */
static void add_member(struct chart_file **v, size_t *n, char *name, char *data, size_t len)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = (struct chart_file){name, data, len};
}

static char *emit_yaml(const hv *v, size_t *len)
{
	buf b = BUF_INIT;
	yaml_emit(&b, v);
	return buf_detach(&b, len);
}

static int members(const chart *c, const char *prefix, struct chart_file **v, size_t *n, char **err)
{
	char *base = *prefix ? path_join(prefix, c->meta.name) : xstrdup(c->meta.name);
	size_t len;
	hv *meta = chart_metadata_to_hv(&c->meta);
	if (strcmp(c->meta.api_version, "v1") == 0)
		hv_map_del(meta, "dependencies"); /* v1 keeps them in requirements.yaml */
	char *data = emit_yaml(meta, &len);
	hv_free(meta);
	add_member(v, n, xasprintf("%s/Chart.yaml", base), data, len);
	if (strcmp(c->meta.api_version, "v2") == 0 && c->lock) {
		data = emit_yaml(c->lock, &len);
		add_member(v, n, xasprintf("%s/Chart.lock", base), data, len);
	}
	if (c->values_raw)
		add_member(v, n, xasprintf("%s/values.yaml", base), xstrndup(c->values_raw, c->values_len), c->values_len);
	if (c->schema) {
		char *jerr = NULL;
		hv *j = json_parse(c->schema, c->schema_len, "values.schema.json", 0, &jerr);
		if (!j) {
			free(jerr);
			free(base);
			*err = xstrdup("Invalid JSON in values.schema.json");
			return -1;
		}
		hv_free(j);
		add_member(v, n, xasprintf("%s/values.schema.json", base), xstrndup(c->schema, c->schema_len), c->schema_len);
	}
	for (size_t i = 0; i < c->ntemplates; i++)
		add_member(v, n, path_join(base, c->templates[i].name),
			xstrndup(c->templates[i].data, c->templates[i].len), c->templates[i].len);
	for (size_t i = 0; i < c->nfiles; i++)
		add_member(v, n, path_join(base, c->files[i].name),
			xstrndup(c->files[i].data, c->files[i].len), c->files[i].len);
	char *sub = xasprintf("%s/charts", base);
	int r = 0;
	for (size_t i = 0; i < c->nsubcharts && r == 0; i++)
		r = members(c->subcharts[i], sub, v, n, err);
	free(sub);
	free(base);
	return r;
}

/* action.CheckDependencies: every declared dependency must be present in charts/. */
static char *check_dependencies(const chart *c)
{
	buf missing = BUF_INIT;
	for (size_t i = 0; i < c->meta.ndeps; i++) {
		bool found = false;
		for (size_t k = 0; k < c->nsubcharts && !found; k++)
			found = strcmp(c->subcharts[k]->meta.name, c->meta.deps[i].name) == 0;
		if (!found)
			buf_printf(&missing, "%s%s", missing.len ? ", " : "", c->meta.deps[i].name);
	}
	char *err = missing.len ? xasprintf("found in Chart.yaml, but missing in charts/ directory: %s", missing.s) : NULL;
	buf_free(&missing);
	return err;
}

/* filepath.Join(dir, name), cleaned of "./" and doubled slashes. */
static char *join(const char *dir, const char *name)
{
	while (dir[0] == '.' && dir[1] == '/')
		for (dir += 2; *dir == '/'; dir++)
			;
	if (!*dir || strcmp(dir, ".") == 0)
		return xstrdup(name);
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return xasprintf("%.*s/%s", (int)n, dir, name);
}

static int package(const char *path, const char *version, const char *app_version, const char *dest)
{
	struct stat st;
	if (stat(path, &st) != 0)
		die("stat %s: %s", path, errno == ENOENT ? "no such file or directory" : strerror(errno));
	char *err = NULL;
	chart *c = S_ISDIR(st.st_mode) ? chart_load(path, &err) : NULL;
	if (!c)
		die("%s: %s", path, err ? err : "Chart.yaml file is missing");
	if (version) {
		free(c->meta.version);
		c->meta.version = xstrdup(version);
	}
	semver *v = semver_parse(c->meta.version, &err);
	if (!v)
		die("%s: version %s: %s", path, c->meta.version, err);
	semver_free(v);
	if (app_version) {
		free(c->meta.app_version);
		c->meta.app_version = xstrdup(app_version);
	}
	if ((err = check_dependencies(c)))
		die("%s: %s", path, err);
	if ((err = chart_validate(&c->meta)))
		die("%s: chart validation: %s", path, err);

	struct chart_file *files = NULL;
	size_t n = 0;
	if (members(c, "", &files, &n, &err))
		die("%s: failed to save: %s", path, err);
	/* Every entry carries the chart's Chart.yaml time, so packaging is reproducible. */
	char *cy = xasprintf("%s/Chart.yaml", path);
	time_t mtime = stat(cy, &st) == 0 ? st.st_mtime : 0;
	free(cy);
	buf tgz = BUF_INIT;
	archive_write_tgz(files, n, mtime, &tgz);

	char cwd[PATH_MAX];
	const char *dir = dest;
	if (strcmp(dest, ".") == 0)
		dir = getcwd(cwd, sizeof cwd) ? cwd : ".";
	char *base = xasprintf("%s-%s.tgz", c->meta.name, c->meta.version);
	char *out = join(dir, base);
	if (stat(dir, &st) != 0) {
		if (mkdir_all(dir) != 0)
			die("failed to save: mkdir %s: %s", dir, strerror(errno));
	} else if (!S_ISDIR(st.st_mode))
		die("failed to save: is not a directory: %s", dir);
	if (write_file_atomic(out, tgz.s, tgz.len, 0644, &err) != 0)
		die("failed to save: %s", err);
	printf("Successfully packaged chart and saved it to: %s\n", out);
	free(base);
	free(out);
	buf_free(&tgz);
	for (size_t i = 0; i < n; i++) {
		free(files[i].name);
		free(files[i].data);
	}
	free(files);
	chart_free(c);
	return 0;
}

static int load(const char *path)
{
	char *err = NULL;
	chart *c = chart_load(path, &err);
	if (!c)
		die("%s: %s", path, err);
	hv *j = chart_to_json(c);
	buf b = BUF_INIT;
	json_emit(&b, j, 0);
	buf_putc(&b, '\n');
	fwrite(b.s, 1, b.len, stdout);
	buf_free(&b);
	hv_free(j);
	chart_free(c);
	return 0;
}

int main(int argc, char **argv)
{
	progname = "helm-package";
	enum { OPT_VERSION = 256, OPT_APP_VERSION, OPT_LOAD };
	static const struct option opts[] = {
		{"version", required_argument, NULL, OPT_VERSION},
		{"app-version", required_argument, NULL, OPT_APP_VERSION},
		{"destination", required_argument, NULL, 'd'},
		{"load", required_argument, NULL, OPT_LOAD},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *version = NULL, *app_version = NULL, *dest = ".", *load_path = NULL;
	for (int o; (o = getopt_long(argc, argv, "d:h", opts, NULL)) != -1;) {
		switch (o) {
		case OPT_VERSION: version = optarg; break;
		case OPT_APP_VERSION: app_version = optarg; break;
		case 'd': dest = optarg; break;
		case OPT_LOAD: load_path = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (load_path) {
		if (optind < argc) {
			fputs(usage, stderr);
			return 2;
		}
		return load(load_path);
	}
	if (optind == argc) {
		warnf("need at least one argument, the path to the chart");
		return 2;
	}
	for (int i = optind; i < argc; i++)
		package(argv[i], version, app_version, dest);
	fflush(stdout);
	return 0;
}
