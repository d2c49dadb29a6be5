/* helm inspect [chart|values|readme|all|crds] CHART (and Helm 3's `helm show`): parts of a
 * chart as Helm 3.17's `helm show` prints them. */
#include "chart.h"
#include "helm.h"
#include "jsonpath.h"
#include "util.h"
#include "yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char help[] =
	"\n"
	"This command inspects a chart and displays information. It takes a chart reference\n"
	"('stable/drupal'), a full path to a directory or packaged chart, or a URL.\n"
	"\n"
	"Inspect prints the contents of the Chart.yaml file and the values.yaml file.\n"
	"\n"
	"Usage:\n"
	"  helm inspect [CHART] [flags]\n"
	"  helm inspect [command]\n"
	"\n"
	"Aliases:\n"
	"  inspect, show\n"
	"\n"
	"Available Commands:\n"
	"  all         shows all information of the chart\n"
	"  chart       shows inspect chart\n"
	"  crds        shows the chart's CRDs\n"
	"  readme      shows inspect readme\n"
	"  values      shows inspect values\n"
	"\n"
	"Flags:\n"
	"      --ca-file string    verify certificates of HTTPS-enabled servers using this CA bundle\n"
	"      --cert-file string  identify HTTPS client using this SSL certificate file\n"
	"      --devel             use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored.\n"
	"  -h, --help              help for inspect\n"
	"      --jsonpath string   supply a JSONPath expression to filter the output (values and all)\n"
	"      --key-file string   identify HTTPS client using this SSL key file\n"
	"      --keyring string    path to the keyring containing public verification keys\n"
	"      --password string   chart repository password where to locate the requested chart\n"
	"      --repo string       chart repository url where to locate the requested chart\n"
	"      --username string   chart repository username where to locate the requested chart\n"
	"      --verify            verify the provenance data for this chart\n"
	"      --version string    version of the chart. By default, the newest chart is shown\n"
	"\n"
	"Use \"helm inspect [command] --help\" for more information about a command.\n";

enum part { CHART = 1, VALUES = 2, README = 4, CRDS = 8, ALL = 15 };

static const struct chart_file *find_readme(const chart *c)
{
	static const char *const names[] = {"readme.md", "readme.txt", "readme"};
	for (size_t i = 0; i < c->nfiles; i++)
		for (size_t k = 0; k < 3; k++)
			if (strcasecmp(c->files[i].name, names[k]) == 0)
				return &c->files[i];
	return NULL;
}

static void show(const chart *c, enum part what, const char *jsonpath, buf *out)
{
	if (what & CHART) {
		hv *m = chart_metadata_to_hv(&c->meta);
		yaml_emit(out, m);
		hv_free(m);
		buf_putc(out, '\n');
	}
	if ((what & VALUES) && c->values_raw) {
		if (what == ALL)
			buf_puts(out, "---\n");
		if (jsonpath)
			jsonpath_print(out, jsonpath, c->values);
		else {
			buf_add(out, c->values_raw, c->values_len);
			buf_putc(out, '\n');
		}
	}
	const struct chart_file *readme = find_readme(c);
	if ((what & README) && readme) {
		if (what == ALL)
			buf_puts(out, "---\n");
		buf_add(out, readme->data, readme->len);
		buf_putc(out, '\n');
	}
	if (what & CRDS) {
		size_t n;
		const struct chart_file **crds = chart_crds(c, &n);
		if (n && what == ALL && strncmp(crds[0]->data, "---", 3) != 0)
			buf_puts(out, "---\n");
		for (size_t i = 0; i < n; i++) {
			buf_add(out, crds[i]->data, crds[i]->len);
			buf_putc(out, '\n');
		}
		free(crds);
	}
}

static int run(int argc, char **argv)
{
	const char *jsonpath = NULL, *ignored = NULL;
	bool ignored_b = false;
	const struct flag flags[] = {
		{"jsonpath", 0, FLAG_STRING, &jsonpath},
		{"version", 0, FLAG_STRING, &ignored},
		{"repo", 0, FLAG_STRING, &ignored},
		{"keyring", 0, FLAG_STRING, &ignored},
		{"username", 0, FLAG_STRING, &ignored},
		{"password", 0, FLAG_STRING, &ignored},
		{"ca-file", 0, FLAG_STRING, &ignored},
		{"cert-file", 0, FLAG_STRING, &ignored},
		{"key-file", 0, FLAG_STRING, &ignored},
		{"verify", 0, FLAG_BOOL, &ignored_b},
		{"devel", 0, FLAG_BOOL, &ignored_b},
		{0},
	};
	char **args;
	int nargs;
	if (flags_parse(flags, argc, argv, &args, &nargs) < 0)
		return 2;
	static const struct { const char *name; enum part part; } subs[] = {
		{"chart", CHART}, {"values", VALUES}, {"readme", README}, {"all", ALL}, {"crds", CRDS},
	};
	enum part what = ALL;
	int first = 0;
	for (size_t i = 0; nargs > 0 && i < sizeof subs / sizeof *subs; i++)
		if (strcmp(args[0], subs[i].name) == 0)
			what = subs[i].part, first = 1;
	int r = 0;
	if (nargs - first != 1) {
		r = helm_usage_error("This command needs 1 argument: chart name");
		free(args);
		return r;
	}
	if (jsonpath && what != VALUES && what != ALL)
		jsonpath = NULL;
	char *err = NULL;
	char *path = helm_locate_chart(args[first], &err);
	free(args);
	if (!path) {
		r = helm_error("%s", err);
		free(err);
		return r;
	}
	chart *c = chart_load(path, &err);
	free(path);
	if (!c) {
		r = helm_error("%s", err);
		free(err);
		return r;
	}
	buf out = BUF_INIT;
	show(c, what, jsonpath, &out);
	fwrite(out.s ? out.s : "", 1, out.len, stdout);
	buf_free(&out);
	chart_free(c);
	return 0;
}

const struct helm_cmd cmd_inspect = {"inspect", "Inspect a chart", help, run, "show"};
