/* helm home: where Helm's configuration lives. */
#include "helm.h"

#include <stdio.h>
#include <stdlib.h>

static const char help[] =
	"\n"
	"This command displays the location of HELM_HOME. This is where\n"
	"any helm configuration files live.\n"
	"\n"
	"Usage:\n"
	"  helm home [flags]\n"
	"\n"
	"Flags:\n"
	"  -h, --help   help for home\n";

static int run(int argc, char **argv)
{
	const struct flag flags[] = {{0}};
	char **args;
	int nargs;
	if (flags_parse(flags, argc, argv, &args, &nargs) < 0)
		return 2;
	free(args);
	const char *h = settings.home;
	printf("%s\n", h);
	if (settings.debug) {
		printf("Repository: %s/repository\n", h);
		printf("RepositoryFile: %s/repository/repositories.yaml\n", h);
		printf("Cache: %s/repository/cache\n", h);
		printf("Stable CacheIndex: %s/repository/cache/stable-index.yaml\n", h);
		printf("Starters: %s/starters\n", h);
		printf("LocalRepository: %s/repository/local\n", h);
		printf("Plugins: %s/plugins\n", h);
	}
	return 0;
}

const struct helm_cmd cmd_home = {"home", "Displays the location of HELM_HOME", help, run, NULL};
