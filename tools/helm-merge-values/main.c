/* helm-merge-values — the values stage: a chart's defaults, the user's -f files and --set*
 * flags, dependency processing (aliases, conditions, tags, import-values) and schema checks,
 * as Helm 3.17's install/template path does them; prints the coalesced values and the tree of
 * subcharts taking part as JSON (man/man7/helm-pipeline.7). */
#include "buf.h"
#include "chart.h"
#include "util.h"
#include "values/coalesce.h"
#include "values/dependencies.h"
#include "values/document.h"
#include "values/options.h"
#include "values/schema.h"
#include "values/vchart.h"
#include "yaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"Usage: helm-merge-values [flags] [--] CHART\n"
	"\n"
	"Coalesces CHART's values.yaml (and its subcharts') with user values and prints\n"
	"{\"values\": ..., \"chart\": ...} as JSON.  CHART is a chart directory or archive.\n"
	"\n"
	"Flags:\n"
	"  -f, --values FILE|URL|-      a values file (repeatable, merged left to right)\n"
	"      --set K=V[,K=V]          values typed as Helm does (true, 12, null ...)\n"
	"      --set-string K=V         values kept as strings\n"
	"      --set-file K=PATH        values read from files\n"
	"      --set-json K=JSON        values given as JSON\n"
	"      --set-literal K=V        one value, taken literally\n"
	"      --skip-schema-validation do not check values.schema.json\n"
	"      --allow-library          accept a library chart (lint does)\n"
	"  -o, --output json|yaml       output format (default json)\n"
	"  -h, --help                   this help\n";

static int fail(char *msg)
{
	fprintf(stderr, "Error: %s\n", msg);
	free(msg);
	return 1;
}

/* The pipeline of Helm's runInstall up to the render values. */
static int merge(const char *path, const struct values_options *opts, bool skip_schema, bool allow_library,
		 bool yaml_out)
{
	char *err = NULL;
	hv *vals = values_options_merge(opts, &err);
	if (!vals)
		return fail(err);
	chart *ch = chart_load_flags(path, CHART_LOAD_META_ONLY, &err);
	if (!ch) {
		hv_free(vals);
		return fail(err);
	}
	int rc = 1;
	vchart *vc = vchart_from_chart(ch);
	hv *final = NULL;
	if (!allow_library && *ch->meta.type && strcmp(ch->meta.type, "application")) {
		err = xasprintf("%s charts are not installable", ch->meta.type);
		goto out;
	}
	if (ch->meta.ndeps) {
		char *missing = values_check_dependencies(vc);
		if (missing) {
			err = xasprintf("An error occurred while checking for chart dependencies. You may need to run "
					"`helm dependency build` to fetch missing dependencies: %s", missing);
			free(missing);
			goto out;
		}
	}
	if (values_process_dependencies(vc, vals, &err))
		goto out;
	final = values_coalesce(vc, vals, false, &err);
	if (!final)
		goto out;
	if (!skip_schema) {
		char *report = values_validate_schemas(vc, final);
		if (report) {
			err = xasprintf("values don't meet the specifications of the schema(s) in the following chart(s):\n%s", report);
			free(report);
			goto out;
		}
	}
	hv *doc = hv_map();
	hv_map_set(doc, "values", hv_ref(final));
	hv_map_set(doc, "chart", vchart_tree_json(vc));
	buf b = BUF_INIT;
	if (yaml_out) {
		yaml_emit(&b, doc);
	} else {
		values_document_emit(&b, final, hv_map_get(doc, "chart"));
	}
	fwrite(b.s, 1, b.len, stdout);
	buf_free(&b);
	hv_free(doc);
	/* closed now rather than at exit: the next stage goes on while this one frees its trees */
	rc = fclose(stdout) == 0 ? 0 : 1;
out:
	if (err)
		rc = fail(err);
	hv_free(final);
	hv_free(vals);
	vchart_free(vc);
	chart_free(ch);
	return rc;
}

struct args {
	struct values_options opts;
	const char *chart, *output;
	bool skip_schema, allow_library;
};

static int usage_error(const char *msg, const char *what)
{
	fprintf(stderr, "Error: %s%s\n%s", msg, what, usage);
	return 2;
}

/* The command line: 0, 2 after a usage error, or -1 for --help. */
static int parse_args(int argc, char **argv, struct args *a)
{
	bool flags_done = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!flags_done && arg[0] == '-' && arg[1]) {
			if (!strcmp(arg, "--")) {
				flags_done = true;
			} else if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
				return -1;
			} else if (!strcmp(arg, "--skip-schema-validation")) {
				a->skip_schema = true;
			} else if (!strcmp(arg, "--allow-library")) {
				a->allow_library = true;
			} else {
				/* --flag=value, --flag value, -fVALUE, -f VALUE */
				const char *eq = arg[1] == '-' ? strchr(arg, '=') : NULL;
				size_t n = eq ? (size_t)(eq - arg) : arg[1] != '-' ? 2 : strlen(arg);
				char *name = xstrndup(arg, n);
				const char *value = eq ? eq + 1 : arg[n] ? arg + n : NULL;
				int kind = values_flag_kind(name);
				bool is_output = !strcmp(name, "-o") || !strcmp(name, "--output");
				int rc = 0;
				if (kind < 0 && !is_output)
					rc = usage_error("unknown flag: ", arg);
				else if (!value && i + 1 >= argc)
					rc = usage_error("flag needs an argument: ", name);
				else if (!value)
					value = argv[++i];
				free(name);
				if (rc)
					return rc;
				if (is_output)
					a->output = value;
				else
					values_options_add(&a->opts, kind, value);
			}
		} else if (a->chart) {
			return usage_error("only one chart may be given", "");
		} else {
			a->chart = arg;
		}
	}
	if (!a->chart)
		return usage_error("a chart is required", "");
	if (strcmp(a->output, "json") && strcmp(a->output, "yaml"))
		return usage_error("--output must be json or yaml, not ", a->output);
	return 0;
}

int main(int argc, char **argv)
{
	progname = "helm-merge-values";
	struct args a = {.output = "json"};
	int rc = parse_args(argc, argv, &a);
	if (rc < 0) {
		fputs(usage, stdout);
		rc = 0;
	} else if (rc == 0) {
		rc = merge(a.chart, &a.opts, a.skip_schema, a.allow_library, !strcmp(a.output, "yaml"));
	}
	values_options_free(&a.opts);
	return rc;
}
