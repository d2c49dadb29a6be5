/* helm template: helm-merge-values CHART <value flags>, then helm-render CHART <render flags>
 * on its output.  Takes Helm 2's form (`helm template CHART --name R`) and Helm 3's
 * (`helm template R CHART`). */
#include "helm.h"
#include "pipeline.h"
#include "template/template.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"\n"
	"Render chart templates locally and display the output.\n"
	"\n"
	"This does not require Tiller. However, any values that would normally be\n"
	"looked up or retrieved in-cluster will be faked locally. Additionally, none\n"
	"of the server-side testing of chart validity (e.g. whether an API is supported)\n"
	"is done.\n"
	"\n"
	"To render just one template in a chart, use '-x':\n"
	"\n"
	"\t$ helm template mychart -x templates/deployment.yaml\n"
	"\n"
	"Usage:\n"
	"  helm template [flags] CHART\n"
	"  helm template [flags] NAME CHART\n"
	"\n"
	"Flags:\n"
	"  -a, --api-versions stringArray   Kubernetes api versions used for Capabilities.APIVersions\n"
	"  -x, --execute stringArray        Only execute the given templates\n"
	"  -h, --help                       help for template\n"
	"      --include-crds               Include CRDs in the templated output\n"
	"      --is-upgrade                 Set .Release.IsUpgrade instead of .Release.IsInstall\n"
	"      --kube-version string        Kubernetes version used as Capabilities.KubeVersion.Major/Minor (default \"1.32.0\")\n"
	"  -n, --name string                Release name (default \"release-name\")\n"
	"      --name-template string       Specify template used to name the release\n"
	"      --namespace string           Namespace to install the release into\n"
	"      --no-hooks                   Prevent hooks from being printed\n"
	"      --notes                      Show the computed NOTES.txt file as well\n"
	"      --output-dir string          Writes the executed templates to files in output-dir instead of stdout\n"
	"      --release-name               With --output-dir, use the release name in the output path\n"
	"      --set stringArray            Set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)\n"
	"      --set-file stringArray       Set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)\n"
	"      --set-json stringArray       Set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2)\n"
	"      --set-literal stringArray    Set a literal STRING value on the command line\n"
	"      --set-string stringArray     Set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)\n"
	"  -s, --show-only stringArray      Only show manifests rendered from the given templates\n"
	"      --skip-schema-validation     Disable JSON schema validation\n"
	"      --skip-tests                 Skip tests from templated output\n"
	"  -f, --values stringArray         Specify values in a YAML file (can specify multiple)\n";

struct argv_builder {
	const char **v;
	size_t n;
};

static void push(struct argv_builder *a, const char *s)
{
	a->v = xrealloc(a->v, (a->n + 1) * sizeof *a->v);
	a->v[a->n++] = s;
}

static void push_all(struct argv_builder *a, const char *flag, const struct strlist *l)
{
	for (int i = 0; i < l->n; i++) {
		push(a, flag);
		push(a, l->v[i]);
	}
}

/* Helm 2's generateName: --name-template run with Sprig's functions and no data.  Returns the
 * malloc'd name, or NULL after printing the error. */
static char *generate_name(const char *text)
{
	tmpl_funcs *funcs = tmpl_funcs_new();
	sprig_register(funcs);
	tmpl_set *set = tmpl_set_new("name-template", funcs);
	buf out = BUF_INIT;
	char *err = NULL;
	hv *nil = hv_nil();
	if (tmpl_parse(set, "name-template", text, strlen(text), &err) < 0 ||
	    tmpl_execute(set, "name-template", nil, NULL, &out, &err) < 0) {
		helm_error("%s", err);
		free(err);
		buf_free(&out);
	}
	hv_free(nil);
	tmpl_set_free(set);
	tmpl_funcs_free(funcs);
	return err ? NULL : buf_detach(&out, NULL);
}

/* chartutil.ValidateReleaseName: DNS-1123 labels joined by dots, at most 53 characters. */
static bool valid_release_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 53)
		return false;
	for (const char *label = s;;) {
		size_t l = strcspn(label, ".");
		if (l == 0 || label[0] == '-' || label[l - 1] == '-')
			return false;
		for (size_t i = 0; i < l; i++)
			if (!((label[i] >= 'a' && label[i] <= 'z') || (label[i] >= '0' && label[i] <= '9') ||
			      label[i] == '-'))
				return false;
		if (!label[l])
			return true;
		label += l + 1;
	}
}

static int run(int argc, char **argv)
{
	const char *name = NULL, *name_template = NULL, *ns = "default", *kube = NULL,
	           *output_dir = NULL;
	struct strlist values = {0}, set = {0}, set_string = {0}, set_file = {0}, set_json = {0},
	               set_literal = {0}, apis = {0}, show = {0}, execute = {0};
	bool is_upgrade = false, notes = false, include_crds = false, skip_tests = false,
	     no_hooks = false, use_release_name = false, skip_schema = false;
	const struct flag flags[] = {
		{"api-versions", 'a', FLAG_STRINGS, &apis},
		{"execute", 'x', FLAG_STRINGS, &execute},
		{"include-crds", 0, FLAG_BOOL, &include_crds},
		{"is-upgrade", 0, FLAG_BOOL, &is_upgrade},
		{"kube-version", 0, FLAG_STRING, &kube},
		{"name", 'n', FLAG_STRING, &name},
		{"name-template", 0, FLAG_STRING, &name_template},
		{"namespace", 0, FLAG_STRING, &ns},
		{"no-hooks", 0, FLAG_BOOL, &no_hooks},
		{"notes", 0, FLAG_BOOL, &notes},
		{"output-dir", 0, FLAG_STRING, &output_dir},
		{"release-name", 0, FLAG_BOOL, &use_release_name},
		{"set", 0, FLAG_STRINGS, &set},
		{"set-file", 0, FLAG_STRINGS, &set_file},
		{"set-json", 0, FLAG_STRINGS, &set_json},
		{"set-literal", 0, FLAG_STRINGS, &set_literal},
		{"set-string", 0, FLAG_STRINGS, &set_string},
		{"show-only", 's', FLAG_STRINGS, &show},
		{"skip-schema-validation", 0, FLAG_BOOL, &skip_schema},
		{"skip-tests", 0, FLAG_BOOL, &skip_tests},
		{"values", 'f', FLAG_STRINGS, &values},
		{0},
	};
	char **args = NULL;
	int nargs = 0, r = 0;
	struct argv_builder mv = {0}, rv = {0};
	char *generated = NULL;
	if (flags_parse(flags, argc, argv, &args, &nargs) < 0) {
		r = 2;
		goto out;
	}
	if (nargs < 1 || nargs > 2) {
		r = helm_usage_error(nargs ? "expected at most two arguments, unexpected arguments: %s"
		                           : "chart is required%s", nargs ? args[2] : "");
		goto out;
	}
	const char *chart = args[nargs - 1];
	if (nargs == 2) {
		if (name && strcmp(name, args[0]) != 0) {
			r = helm_usage_error("the release name is given twice: %s and --name %s", args[0], name);
			goto out;
		}
		name = args[0];
	}
	if (!name && name_template) {
		name = generated = generate_name(name_template);
		if (!name) {
			r = 1;
			goto out;
		}
	}
	if (!name)
		name = "release-name";
	if (!valid_release_name(name)) {
		r = helm_error("release name \"%s\": invalid release name, must match regex "
		               "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and "
		               "the length must not be longer than 53", name);
		goto out;
	}

	push(&mv, "helm-merge-values");
	push_all(&mv, "--values", &values);
	push_all(&mv, "--set", &set);
	push_all(&mv, "--set-string", &set_string);
	push_all(&mv, "--set-file", &set_file);
	push_all(&mv, "--set-json", &set_json);
	push_all(&mv, "--set-literal", &set_literal);
	if (skip_schema)
		push(&mv, "--skip-schema-validation");
	push(&mv, chart);
	push(&mv, NULL);

	push(&rv, "helm-render");
	push(&rv, "--name");
	push(&rv, name);
	push(&rv, "--namespace");
	push(&rv, ns);
	if (kube)
		push(&rv, "--kube-version"), push(&rv, kube);
	push_all(&rv, "--api-versions", &apis);
	push_all(&rv, "--show-only", &show);
	push_all(&rv, "--show-only", &execute);
	if (output_dir)
		push(&rv, "--output-dir"), push(&rv, output_dir);
	if (is_upgrade)
		push(&rv, "--is-upgrade");
	if (notes)
		push(&rv, "--notes");
	if (include_crds)
		push(&rv, "--include-crds");
	if (skip_tests)
		push(&rv, "--skip-tests");
	if (no_hooks)
		push(&rv, "--no-hooks");
	if (use_release_name)
		push(&rv, "--release-name");
	if (settings.debug)
		push(&rv, "--debug");
	push(&rv, "--");
	push(&rv, chart);
	push(&rv, NULL);

	/* helm-render loads the chart while the values are merged; see pipeline.h for whose error shows. */
	char *const *stages[] = {(char *const *)mv.v, (char *const *)rv.v};
	r = spawn_pipeline(stages, 2, NULL, 0, NULL);
	if (r > 2 && r < 128)
		r = 1;
out:
	free(generated);
	free(mv.v);
	free(rv.v);
	free(args);
	free(values.v);
	free(set.v);
	free(set_string.v);
	free(set_file.v);
	free(set_json.v);
	free(set_literal.v);
	free(apis.v);
	free(show.v);
	free(execute.v);
	return r;
}

const struct helm_cmd cmd_template = {"template", "Locally render templates", help, run, NULL};
