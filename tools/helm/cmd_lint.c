/* helm lint: Helm 3.17's linter over each chart (directory or archive). */
#include "archive_tgz.h"
#include "helm.h"
#include "lint.h"
#include "render/render.h"
#include "util.h"
#include "values/options.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"\n"
	"This command takes a path to a chart and runs a series of tests to verify that\n"
	"the chart is well-formed.\n"
	"\n"
	"If the linter encounters things that will cause the chart to fail installation,\n"
	"it will emit [ERROR] messages. If it encounters issues that break with convention\n"
	"or recommendation, it will emit [WARNING] messages.\n"
	"\n"
	"Usage:\n"
	"  helm lint [flags] PATH\n"
	"\n"
	"Flags:\n"
	"  -h, --help                     help for lint\n"
	"      --kube-version string      Kubernetes version used for capabilities and deprecation checks\n"
	"      --namespace string         Namespace to put the release into (default \"default\")\n"
	"      --quiet                    print only warnings and errors\n"
	"      --set stringArray          Set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)\n"
	"      --set-file stringArray     Set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)\n"
	"      --set-json stringArray     Set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2)\n"
	"      --set-literal stringArray  Set a literal STRING value on the command line\n"
	"      --set-string stringArray   Set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)\n"
	"      --skip-schema-validation   if set, disables JSON schema validation\n"
	"      --strict                   Fail on lint warnings\n"
	"  -f, --values valueFiles        Specify values in a YAML file (can specify multiple) (default [])\n"
	"      --with-subcharts           lint dependent charts\n";

static const char *const sev_names[] = {"UNKNOWN", "INFO", "WARNING", "ERROR"};

/* Unpacks a chart archive into a temporary directory; returns the chart's directory there. */
static char *expand(const char *path, char **tmp, char **err)
{
	size_t len;
	char *data = read_file(path, &len, err);
	if (!data)
		return NULL;
	struct chart_file *files;
	size_t n;
	int r = archive_read_chart(data, len, path, &files, &n, err);
	free(data);
	if (r)
		return NULL;
	/* Helm expands into a temporary directory under the archive's top directory, the chart's
	 * name; messages show that path. */
	char tmpl[] = "/tmp/helm-lintXXXXXX";
	*tmp = xstrdup(mkdtemp(tmpl) ? tmpl : "/tmp");
	const char *name = "chart";
	struct chart_metadata m = {0};
	char *merr = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(files[i].name, "Chart.yaml") == 0 &&
		    chart_metadata_parse(files[i].data, files[i].len, &m, &merr) == 0 && *m.name && !strchr(m.name, '/'))
			name = m.name;
	free(merr);
	char *dir = path_join(*tmp, name);
	chart_metadata_free(&m);
	mkdir(dir, 0755);
	for (size_t i = 0; i < n; i++) {
		char *p = path_join(dir, files[i].name);
		for (char *s = p + strlen(dir) + 1; (s = strchr(s, '/')); s++) {
			*s = 0;
			mkdir(p, 0755);
			*s = '/';
		}
		char *werr = NULL;
		if (write_file_atomic(p, files[i].data, files[i].len, 0644, &werr))
			free(werr);
		free(p);
		free(files[i].name);
		free(files[i].data);
	}
	free(files);
	return dir;
}

static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *p = path_join(path, e->d_name);
			remove_tree(p);
			free(p);
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* action.lintChart: runs every rule on one chart; returns -1 with *err when it is no chart. */
static int lint_one(const char *path, const struct lint_opts *o, struct linter *l, char **err)
{
	char *tmp = NULL, *dir;
	if (ends_with(path, ".tgz") || ends_with(path, ".tar.gz")) {
		char *e = NULL;
		dir = expand(path, &tmp, &e);
		if (!dir) {
			*err = xasprintf("unable to extract tarball: %s", e);
			free(e);
			return -1;
		}
	} else
		dir = xstrdup(path);
	int r = 0;
	char *cy = xasprintf("%s/Chart.yaml", dir);
	struct stat st;
	if (stat(cy, &st) != 0) {
		*err = xasprintf("unable to check Chart.yaml file in chart: stat %s: %s", cy, errno == ENOENT ? "no such file or directory" : strerror(errno));
		r = -1;
	} else {
		char abs[PATH_MAX];
		l->dir = realpath(dir, abs) ? abs : dir;
		lint_chartfile(l);
		lint_values(l, o);
		lint_templates(l, o);
		lint_dependencies(l);
		l->dir = NULL;
	}
	free(cy);
	free(dir);
	if (tmp) {
		remove_tree(tmp);
		free(tmp);
	}
	return r;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_path(char ***paths, int *n, char *p)
{
	*paths = xrealloc(*paths, (size_t)(*n + 1) * sizeof **paths);
	(*paths)[(*n)++] = p;
}

/* --with-subcharts: filepath.Walk of PATH (lexical, depth first), taking the directory of every
 * Chart.yaml and every .tgz/.tar.gz, in the order met. */
static void add_subcharts(const char *path, char ***paths, int *n)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (strcmp(base, "Chart.yaml") == 0)
		add_path(paths, n, xstrndup(path, (size_t)(base - path - 1)));
	else if (ends_with(path, ".tgz") || ends_with(path, ".tar.gz"))
		add_path(paths, n, xstrdup(path));
	struct stat st;
	DIR *d = stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? opendir(path) : NULL;
	if (!d)
		return;
	char **names = NULL;
	size_t nn = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		names = xrealloc(names, (nn + 1) * sizeof *names);
		names[nn++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (nn)
		qsort(names, nn, sizeof *names, name_cmp);
	for (size_t i = 0; i < nn; i++) {
		char *p = path_join(path, names[i]);
		add_subcharts(p, paths, n);
		free(p);
		free(names[i]);
	}
	free(names);
}

static int run(int argc, char **argv)
{
	bool strict = false, quiet = false, with_subcharts = false, skip_schema = false;
	const char *namespace = "default", *kube = NULL;
	struct strlist src[VALUES_NSOURCES] = {{0}};
	const struct flag flags[] = {
		{"strict", 0, FLAG_BOOL, &strict},
		{"quiet", 0, FLAG_BOOL, &quiet},
		{"with-subcharts", 0, FLAG_BOOL, &with_subcharts},
		{"skip-schema-validation", 0, FLAG_BOOL, &skip_schema},
		{"namespace", 'n', FLAG_STRING, &namespace},
		{"kube-version", 0, FLAG_STRING, &kube},
		{"values", 'f', FLAG_STRINGS, &src[VALUES_FILE]},
		{"set", 0, FLAG_STRINGS, &src[VALUES_SET]},
		{"set-string", 0, FLAG_STRINGS, &src[VALUES_STRING]},
		{"set-file", 0, FLAG_STRINGS, &src[VALUES_SETFILE]},
		{"set-json", 0, FLAG_STRINGS, &src[VALUES_JSON]},
		{"set-literal", 0, FLAG_STRINGS, &src[VALUES_LITERAL]},
		{0},
	};
	char **args;
	int nargs, status = 0;
	if (flags_parse(flags, argc, argv, &args, &nargs) < 0)
		return 2;
	struct values_options vo = {0};
	for (int k = 0; k < VALUES_NSOURCES; k++) {
		for (int i = 0; i < src[k].n; i++)
			values_options_add(&vo, (enum values_source)k, src[k].v[i]);
		free(src[k].v);
	}
	struct lint_opts o = {.namespace = namespace, .skip_schema = skip_schema, .kube_major = 1, .kube_minor = 32};
	char *err = NULL, *kv = NULL;
	hv *vals = NULL;
	if (kube) {
		kv = render_kube_version(kube, &err);
		if (!kv) {
			status = helm_error("invalid kube version '%s': %s", kube, err);
			goto out;
		}
		sscanf(kv, "v%d.%d", &o.kube_major, &o.kube_minor);
	}
	o.kube_version = kv ? kv : "v1.32.0";
	if (!(vals = values_options_merge(&vo, &err))) {
		status = helm_error("%s", err);
		goto out;
	}
	o.values = vals;

	char **paths = xcalloc((size_t)nargs + 1, sizeof *paths);
	int npaths = 0;
	if (nargs == 0)
		paths[npaths++] = xstrdup(".");
	for (int i = 0; i < nargs; i++)
		paths[npaths++] = xstrdup(args[i]);
	if (with_subcharts)
		for (int i = 0, n = npaths; i < n; i++) {
			char *charts = xasprintf("%s/charts", paths[i]);
			add_subcharts(charts, &paths, &npaths);
			free(charts);
		}

	buf msg = BUF_INIT;
	int failed = 0, troubled = 0;
	int tolerance = strict ? LINT_WARNING : LINT_ERROR;
	for (int i = 0; i < npaths; i++) {
		struct linter l = {0};
		char *cerr = NULL;
		int nerrors = 0;
		if (lint_one(paths[i], &o, &l, &cerr) < 0)
			nerrors = 1;
		for (size_t k = 0; k < l.n; k++)
			nerrors += l.msgs[k].sev >= tolerance;
		bool warn_or_err = nerrors > 0 || l.highest > LINT_INFO;
		troubled += warn_or_err;
		if (!quiet || warn_or_err) {
			buf_printf(&msg, "==> Linting %s\n", paths[i]);
			if (l.n == 0 && cerr)
				buf_printf(&msg, "Error %s\n", cerr);
			for (size_t k = 0; k < l.n; k++)
				if (!quiet || l.msgs[k].sev > LINT_INFO)
					buf_printf(&msg, "[%s] %s: %s\n", sev_names[l.msgs[k].sev], l.msgs[k].path, l.msgs[k].text);
			buf_putc(&msg, '\n');
		}
		failed += nerrors > 0;
		free(cerr);
		lint_free(&l);
	}
	fwrite(msg.s ? msg.s : "", 1, msg.len, stdout);
	buf_free(&msg);
	if (failed)
		status = helm_error("%d chart(s) linted, %d chart(s) failed", npaths, failed);
	else if (!quiet || troubled)
		printf("%d chart(s) linted, %d chart(s) failed\n", npaths, failed);
	for (int i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
out:
	free(err);
	free(kv);
	hv_free(vals);
	values_options_free(&vo);
	free(args);
	return status;
}

const struct helm_cmd cmd_lint = {"lint", "Examines a chart for possible issues", help, run, NULL};
