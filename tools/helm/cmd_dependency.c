/* helm dependency list|update|build: Helm v2's command, with Helm 3.17's output. */
#include "helm.h"
#include "util.h"
#include "values/depmanager.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"\n"
	"Manage the dependencies of a chart.\n"
	"\n"
	"Helm charts store their dependencies in 'charts/'. For chart developers, it is\n"
	"often easier to manage a single dependency file ('requirements.yaml')\n"
	"which declares all dependencies.\n"
	"\n"
	"The dependency commands operate on that file, making it easy to synchronize\n"
	"between the desired dependencies and the actual dependencies stored in the\n"
	"'charts/' directory.\n"
	"\n"
	"A 'requirements.yaml' file is a YAML file in which developers can declare chart\n"
	"dependencies, along with the location of the chart and the desired version.\n"
	"For example, this requirements file declares two dependencies:\n"
	"\n"
	"    # requirements.yaml\n"
	"    dependencies:\n"
	"    - name: nginx\n"
	"      version: \"1.2.3\"\n"
	"      repository: \"https://example.com/charts\"\n"
	"    - name: memcached\n"
	"      version: \"3.2.1\"\n"
	"      repository: \"https://another.example.com/charts\"\n"
	"\n"
	"The 'name' should be the name of a chart, where that name must match the name\n"
	"in that chart's 'Chart.yaml' file.\n"
	"\n"
	"The 'version' field should contain a semantic version or version range.\n"
	"\n"
	"The 'repository' URL should point to a Chart Repository. Helm expects that by\n"
	"appending '/index.yaml' to the URL, it should be able to retrieve the chart\n"
	"repository's index. Note: 'repository' can be an alias. The alias must start\n"
	"with 'alias:' or '@'.\n"
	"\n"
	"Starting from 2.2.0, repository can be defined as the path to the directory of\n"
	"the dependency charts stored locally. The path should start with a prefix of\n"
	"\"file://\". For example,\n"
	"\n"
	"    # requirements.yaml\n"
	"    dependencies:\n"
	"    - name: nginx\n"
	"      version: \"1.2.3\"\n"
	"      repository: \"file://../dependency_chart/nginx\"\n"
	"\n"
	"If the dependency chart is retrieved locally, it is not required to have the\n"
	"repository added to helm by \"helm repo add\". Version matching is also supported\n"
	"for this case.\n"
	"\n"
	"Usage:\n"
	"  helm dependency [command]\n"
	"\n"
	"Aliases:\n"
	"  dependency, dep, dependencies\n"
	"\n"
	"Available Commands:\n"
	"  build       rebuild the charts/ directory based on the requirements.lock file\n"
	"  list        list the dependencies for the given chart\n"
	"  update      update charts/ based on the contents of requirements.yaml\n"
	"\n"
	"Flags:\n"
	"  -h, --help   help for dependency\n"
	"\n"
	"Use \"helm dependency [command] --help\" for more information about a command.\n";

static const char list_help[] =
	"\n"
	"List all of the dependencies declared in a chart.\n"
	"\n"
	"This can take chart archives and chart directories as input. It will not alter\n"
	"the contents of a chart.\n"
	"\n"
	"This will produce an error if the chart cannot be loaded. It will emit a warning\n"
	"if it cannot find a requirements.yaml.\n"
	"\n"
	"Usage:\n"
	"  helm dependency list [flags] CHART\n"
	"\n"
	"Aliases:\n"
	"  list, ls\n"
	"\n"
	"Flags:\n"
	"  -h, --help                 help for list\n"
	"      --max-col-width uint   maximum column width for output table (default 80)\n";

static const char update_help[] =
	"\n"
	"Update the on-disk dependencies to mirror the requirements.yaml file.\n"
	"\n"
	"This command verifies that the required charts, as expressed in 'requirements.yaml',\n"
	"are present in 'charts/' and are at an acceptable version. It will pull down\n"
	"the latest charts that satisfy the dependencies, and clean up old dependencies.\n"
	"\n"
	"On successful update, this will generate a lock file that can be used to\n"
	"rebuild the requirements to an exact version.\n"
	"\n"
	"Dependencies are not required to be represented in 'requirements.yaml'. For that\n"
	"reason, an update command will not remove charts unless they are (a) present\n"
	"in the requirements.yaml file, but (b) at the wrong version.\n"
	"\n"
	"Only local dependencies (in charts/ or file:// repositories) are supported yet.\n"
	"\n"
	"Usage:\n"
	"  helm dependency update [flags] CHART\n"
	"\n"
	"Aliases:\n"
	"  update, up\n"
	"\n"
	"Flags:\n"
	"  -h, --help             help for update\n"
	"      --keyring string   Keyring containing public keys\n"
	"      --skip-refresh     Do not refresh the local repository cache\n"
	"      --verify           Verify the packages against signatures\n";

static const char build_help[] =
	"\n"
	"Build out the charts/ directory from the requirements.lock file.\n"
	"\n"
	"Build is used to reconstruct a chart's dependencies to the state specified in\n"
	"the lock file.\n"
	"\n"
	"If no lock file is found, 'helm dependency build' will mirror the behavior of\n"
	"the 'helm dependency update' command. This means it will update the on-disk\n"
	"dependencies to mirror the requirements.yaml file and generate a lock file.\n"
	"\n"
	"Only local dependencies (in charts/ or file:// repositories) are supported yet.\n"
	"\n"
	"Usage:\n"
	"  helm dependency build [flags] CHART\n"
	"\n"
	"Flags:\n"
	"  -h, --help             help for build\n"
	"      --keyring string   Keyring containing public keys\n"
	"      --verify           Verify the packages against signatures\n";

enum sub { LIST, UPDATE, BUILD };

static int run_sub(enum sub which, int argc, char **argv)
{
	long maxcol = 80;
	bool verify = false, skip_refresh = false;
	const char *keyring = NULL;
	const struct flag list_flags[] = {{"max-col-width", 0, FLAG_INT, &maxcol}, {0}};
	const struct flag fetch_flags[] = {
		{"keyring", 0, FLAG_STRING, &keyring},
		{"skip-refresh", 0, FLAG_BOOL, &skip_refresh},
		{"verify", 0, FLAG_BOOL, &verify},
		{0},
	};
	char **args;
	int nargs;
	if (flags_parse(which == LIST ? list_flags : fetch_flags, argc, argv, &args, &nargs) < 0)
		return 2;
	int rc;
	if (nargs > 1) {
		rc = helm_usage_error("accepts at most 1 arg(s), received %d", nargs);
	} else if (verify) {
		rc = helm_usage_error("--verify is not implemented yet (charts are not signed by this suite)");
	} else if (maxcol < 0) {
		rc = helm_usage_error("invalid argument \"%ld\" for \"--max-col-width\" flag", maxcol);
	} else {
		char *path = path_clean(nargs ? args[0] : "."), *err = NULL;
		int r = which == LIST ? depman_list(path, (unsigned)maxcol, stdout, &err)
		      : which == UPDATE ? depman_update(path, stdout, &err)
					: depman_build(path, stdout, &err);
		rc = r ? helm_error("%s", err) : 0;
		free(err);
		free(path);
	}
	free(args);
	return rc;
}

static int run(int argc, char **argv)
{
	static const struct {
		const char *names[3];
		enum sub which;
		const char *help;
	} subs[] = {
		{{"list", "ls"}, LIST, list_help},
		{{"update", "up"}, UPDATE, update_help},
		{{"build"}, BUILD, build_help},
	};
	if (argc < 2 || argv[1][0] == '-') {
		helm_print_help(help);
		return 0;
	}
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++) {
		for (int k = 0; k < 3 && subs[i].names[k]; k++) {
			if (strcmp(argv[1], subs[i].names[k]))
				continue;
			if (helm_wants_help(argc - 1, argv + 1)) {
				helm_print_help(subs[i].help);
				return 0;
			}
			return run_sub(subs[i].which, argc - 1, argv + 1);
		}
	}
	return helm_usage_error("unknown command \"%s\" for \"helm dependency\"", argv[1]);
}

const struct helm_cmd cmd_dependency = {"dependency", "Manage a chart's dependencies", NULL, run, "dep dependencies"};
