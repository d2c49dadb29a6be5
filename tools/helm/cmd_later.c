/* Commands of later stages: listed in help, "not implemented yet" when run (RUN is NULL). */
#include "helm.h"

#include <stddef.h>

#define LATER(NAME, USE, SHORT, ALIASES) \
	const struct helm_cmd cmd_##NAME = {#NAME, SHORT, \
		SHORT "\n\nUsage:\n  helm " USE "\n\nFlags:\n  -h, --help   help for " #NAME "\n", NULL, ALIASES};

LATER(delete, "delete [flags] RELEASE_NAME [...]", "Given a release name, delete the release from Kubernetes", "del uninstall")
LATER(fetch, "fetch [flags] [chart URL | repo/chartname] [...]", "Download a chart from a repository and (optionally) unpack it in local directory", "pull")
LATER(get, "get [flags] RELEASE_NAME", "Download a named release", NULL)
LATER(history, "history [flags] RELEASE_NAME", "Fetch release history", "hist")
LATER(init, "init", "Initialize Helm on both client and server", NULL)
LATER(install, "install [CHART]", "Install a chart archive", NULL)
LATER(list, "list [flags] [FILTER]", "List releases", "ls")
LATER(plugin, "plugin", "Add, list, or remove Helm plugins", NULL)
LATER(repo, "repo [FLAGS] add|remove|list|index|update [ARGS]", "Add, list, remove, update, and index chart repositories", NULL)
LATER(reset, "reset", "Uninstalls Tiller from a cluster", NULL)
LATER(rollback, "rollback [flags] [RELEASE] [REVISION]", "Rollback a release to a previous revision", NULL)
LATER(search, "search [keyword]", "Search for a keyword in charts", NULL)
LATER(serve, "serve", "Start a local http web server", NULL)
LATER(status, "status [flags] RELEASE_NAME", "Displays the status of the named release", NULL)
LATER(test, "test [RELEASE]", "Test a release", NULL)
LATER(upgrade, "upgrade [RELEASE] [CHART]", "Upgrade a release", NULL)
LATER(verify, "verify [flags] PATH", "Verify that a chart at the given path has been signed and is valid", NULL)
