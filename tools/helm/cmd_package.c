/* helm package: runs helm-package on each chart directory. */
#include "helm.h"
#include "pipeline.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>

static const char help[] =
	"\n"
	"This command packages a chart into a versioned chart archive file. If a path\n"
	"is given, this will look at that path for a chart (which must contain a\n"
	"Chart.yaml file) and then package that directory.\n"
	"\n"
	"If no path is given, this will look in the present working directory for a\n"
	"Chart.yaml file, and (if found) build the current directory into a chart.\n"
	"\n"
	"Versioned chart archives are used by Helm package repositories.\n"
	"\n"
	"Usage:\n"
	"  helm package [flags] [CHART_PATH] [...]\n"
	"\n"
	"Flags:\n"
	"      --app-version string   Set the appVersion on the chart to this version\n"
	"  -u, --dependency-update    Update dependencies from \"requirements.yaml\" to dir \"charts/\" before packaging\n"
	"  -d, --destination string   Location to write the chart. (default \".\")\n"
	"  -h, --help                 help for package\n"
	"      --key string           Name of the key to use when signing. Used if --sign is true\n"
	"      --keyring string       Location of a public keyring\n"
	"      --save                 Save packaged chart to local chart repository (default true)\n"
	"      --sign                 Use a PGP private key to sign this package\n"
	"      --version string       Set the version on the chart to this semver version\n";

static int run(int argc, char **argv)
{
	const char *version = NULL, *app_version = NULL, *dest = ".", *key = NULL, *keyring = NULL;
	bool dep_update = false, sign = false, save = true;
	const struct flag flags[] = {
		{"app-version", 0, FLAG_STRING, &app_version},
		{"dependency-update", 'u', FLAG_BOOL, &dep_update},
		{"destination", 'd', FLAG_STRING, &dest},
		{"key", 0, FLAG_STRING, &key},
		{"keyring", 0, FLAG_STRING, &keyring},
		{"save", 0, FLAG_BOOL, &save}, /* Helm 2's local repository: not kept by this suite */
		{"sign", 0, FLAG_BOOL, &sign},
		{"version", 0, FLAG_STRING, &version},
		{0},
	};
	char **args;
	int nargs;
	if (flags_parse(flags, argc, argv, &args, &nargs) < 0)
		return 2;
	int r = 0;
	if (nargs == 0)
		r = helm_usage_error("need at least one argument, the path to the chart");
	else if (sign) {
		fprintf(stderr, "helm: package: --sign is not implemented yet\n");
		r = 2;
	}
	if (r) {
		free(args);
		return r;
	}
	/* -u: `helm dependency update` first, its output discarded as Helm 3 discards it. */
	for (int i = 0; dep_update && i < nargs; i++) {
		char *up[] = {"helm", "--home", (char *)settings.home, "dependency", "update", args[i], NULL};
		buf sink = BUF_INIT;
		r = spawn_run(up, NULL, 0, &sink);
		buf_free(&sink);
		if (r) {
			free(args);
			return r;
		}
	}
	const char **cmd = xcalloc((size_t)nargs + 9, sizeof *cmd);
	int k = 0;
	cmd[k++] = "helm-package";
	cmd[k++] = "--destination";
	cmd[k++] = dest;
	if (version)
		cmd[k++] = "--version", cmd[k++] = version;
	if (app_version)
		cmd[k++] = "--app-version", cmd[k++] = app_version;
	cmd[k++] = "--";
	for (int i = 0; i < nargs; i++)
		cmd[k++] = args[i];
	r = spawn_run((char *const *)cmd, NULL, 0, NULL);
	free(cmd);
	free(args);
	return r;
}

const struct helm_cmd cmd_package = {"package", "Package a chart directory into a chart archive", help, run, NULL};
