/* helm create NAME: a new chart directory with Helm v2's scaffold (or a starter's files). */
#include "chart.h"
#include "helm.h"
#include "scaffold.h"
#include "util.h"
#include "yaml.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"\n"
	"This command creates a chart directory along with the common files and\n"
	"directories used in a chart. It provides a basic example and is not\n"
	"meant to cover all Kubernetes resources.\n"
	"\n"
	"For example, 'helm create foo' will create a directory structure that looks\n"
	"something like this:\n"
	"\n"
	"\tfoo/\n"
	"\t  |\n"
	"\t  |- .helmignore        # Contains patterns to ignore when packaging Helm charts.\n"
	"\t  |\n"
	"\t  |- Chart.yaml         # Information about your chart\n"
	"\t  |\n"
	"\t  |- values.yaml        # The default values for your templates\n"
	"\t  |\n"
	"\t  |- charts/            # Charts that this chart depends on\n"
	"\t  |\n"
	"\t  |- templates/         # The template files\n"
	"\t  |\n"
	"\t  |- templates/tests/   # The test files\n"
	"\n"
	"'helm create' takes a path for an argument. If directories in the given path\n"
	"do not exist, Helm will attempt to create them as it goes. If the given\n"
	"destination exists and there are files in that directory, conflicting files\n"
	"will be overwritten, but other files will be left alone.\n"
	"\n"
	"The chart that is created by invoking this command contains a Deployment, Ingress\n"
	"and a Service. To use other Kubernetes resources with your chart, refer to\n"
	"[The Chart Template Developer's Guide](https://helm.sh/docs/chart_template_guide).\n"
	"\n"
	"Usage:\n"
	"  helm create NAME [flags]\n"
	"\n"
	"Flags:\n"
	"  -h, --help             help for create\n"
	"  -p, --starter string   The name or absolute path to Helm starter scaffold\n";

/* chartutil.Transform: every "<CHARTNAME>" replaced by NAME. */
static char *transform(const char *s, size_t len, const char *name, size_t *outlen)
{
	static const char key[] = "<CHARTNAME>";
	buf b = BUF_INIT;
	for (size_t i = 0; i < len;) {
		if (len - i >= sizeof key - 1 && memcmp(s + i, key, sizeof key - 1) == 0) {
			buf_puts(&b, name);
			i += sizeof key - 1;
		} else
			buf_putc(&b, s[i++]);
	}
	return buf_detach(&b, outlen);
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* Writes DIR/NAME (creating its directories) unless it exists, as Helm's Create does. */
static int write_new(const char *dir, const char *name, const char *data, size_t len)
{
	char *path = path_join(dir, name);
	int r = 0;
	if (!exists(path)) {
		char *slash = strrchr(path, '/');
		*slash = 0;
		mkdir_all(path);
		*slash = '/';
		char *err = NULL;
		if (write_file_atomic(path, data, len, 0644, &err) != 0) {
			r = helm_error("%s", err);
			free(err);
		}
	}
	free(path);
	return r;
}

static char *chart_yaml(const char *name)
{
	struct chart_metadata m = {0};
	m.name = (char *)name;
	m.description = "A Helm chart for Kubernetes";
	m.version = "0.1.0";
	m.app_version = "1.0";
	m.api_version = "v1";
	hv *v = chart_metadata_to_hv(&m);
	buf b = BUF_INIT;
	yaml_emit(&b, v);
	hv_free(v);
	return buf_detach(&b, NULL);
}

/* Copies a starter chart's values, templates and files, with <CHARTNAME> replaced. */
static int from_starter(const char *cdir, const char *name, const char *starter)
{
	char *err = NULL;
	chart *s = chart_load(starter, &err);
	if (!s) {
		int r = helm_error("could not load %s: %s", starter, err);
		free(err);
		return r;
	}
	int r = 0;
	size_t len;
	if (s->values_raw && s->values_len) {
		char *v = transform(s->values_raw, s->values_len, name, &len);
		r |= write_new(cdir, "values.yaml", v, len);
		free(v);
	}
	for (size_t i = 0; i < s->ntemplates && !r; i++) {
		char *t = transform(s->templates[i].data, s->templates[i].len, name, &len);
		r |= write_new(cdir, s->templates[i].name, t, len);
		free(t);
	}
	for (size_t i = 0; i < s->nfiles && !r; i++)
		r |= write_new(cdir, s->files[i].name, s->files[i].data, s->files[i].len);
	chart_free(s);
	return r;
}

static int run(int argc, char **argv)
{
	const char *starter = NULL;
	const struct flag flags[] = {{"starter", 'p', FLAG_STRING, &starter}, {0}};
	char **args;
	int nargs;
	if (flags_parse(flags, argc, argv, &args, &nargs) < 0)
		return 2;
	int r = 0;
	if (nargs == 0)
		r = helm_usage_error("the name of the new chart is required");
	else if (nargs > 1)
		r = helm_usage_error("command 'create' doesn't support multiple arguments");
	if (r) {
		free(args);
		return r;
	}
	const char *arg = args[0];
	free(args);
	printf("Creating %s\n", arg);
	fflush(stdout);

	/* The chart goes into dirname(ARG), which must exist, under basename(ARG). */
	char *copy = xstrdup(arg);
	size_t n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = 0;
	char *slash = strrchr(copy, '/');
	const char *name = slash ? slash + 1 : copy;
	char *parent = slash ? xstrndup(copy, slash == copy ? 1 : (size_t)(slash - copy)) : xstrdup(".");
	char abs[PATH_MAX];
	struct stat st;
	if (!realpath(parent, abs) || stat(abs, &st) != 0) {
		r = helm_error("stat %s: no such file or directory", parent);
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		r = helm_error("no such directory %s", abs);
		goto out;
	}
	char *cdir = path_join(strcmp(abs, "/") == 0 ? "" : abs, name);
	if (stat(cdir, &st) == 0 && !S_ISDIR(st.st_mode))
		r = helm_error("file %s already exists and is not a directory", cdir);
	else if (mkdir_all(cdir) != 0)
		r = helm_error("mkdir %s: %s", cdir, strerror(errno));
	if (!r) {
		char *cy = chart_yaml(name);
		r = write_new(cdir, "Chart.yaml", cy, strlen(cy));
		free(cy);
	}
	static const char *const dirs[] = {"templates", "templates/tests", "charts"};
	for (size_t i = 0; i < 3 && !r; i++) {
		char *d = path_join(cdir, dirs[i]);
		mkdir_all(d);
		free(d);
	}
	if (!r && starter) {
		char *spath = starter[0] == '/' ? xstrdup(starter) : xasprintf("%s/starters/%s", settings.home, starter);
		r = from_starter(cdir, name, spath);
		free(spath);
	} else if (!r) {
		for (const struct scaffold_file *f = scaffold_files; f->path && !r; f++) {
			size_t len;
			char *data = transform(f->content, strlen(f->content), name, &len);
			r = write_new(cdir, f->path, data, len);
			free(data);
		}
	}
	free(cdir);
out:
	free(parent);
	free(copy);
	return r;
}

const struct helm_cmd cmd_create = {"create", "Create a new chart with the given name", help, run, NULL};
