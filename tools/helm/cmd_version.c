/* helm version: the client's version; the server's needs Tiller (a later stage). */
#include "helm.h"

#include <stdio.h>
#include <stdlib.h>

static const char help[] =
	"\n"
	"Show the client and server versions for Helm and tiller.\n"
	"\n"
	"This will print a representation of the client and server versions of Helm and\n"
	"Tiller. The output will look something like this:\n"
	"\n"
	"Client: &version.Version{SemVer:\"v2.0.0\", GitCommit:\"ff52399e51bb880526e9cd0ed8386f6433b74da1\", GitTreeState:\"clean\"}\n"
	"Server: &version.Version{SemVer:\"v2.0.0\", GitCommit:\"b0c113dfb9f612a9add796549da66c0d294508a3\", GitTreeState:\"clean\"}\n"
	"\n"
	"- SemVer is the semantic version of the release.\n"
	"- GitCommit is the SHA for the commit that this version was built from.\n"
	"- GitTreeState is \"clean\" if there are no local code changes when this binary was\n"
	"  built, and \"dirty\" if the binary was built from locally modified code.\n"
	"\n"
	"To print just the client version, use '--client'. To print just the server version,\n"
	"use '--server'.\n"
	"\n"
	"Usage:\n"
	"  helm version [flags]\n"
	"\n"
	"Flags:\n"
	"  -c, --client   Client version only\n"
	"  -h, --help     help for version\n"
	"  -s, --server   Server version only\n"
	"      --short    Print the version number\n";

static int run(int argc, char **argv)
{
	bool client = false, server = false, shortv = false;
	const struct flag flags[] = {
		{"client", 'c', FLAG_BOOL, &client},
		{"server", 's', FLAG_BOOL, &server},
		{"short", 0, FLAG_BOOL, &shortv},
		{0},
	};
	char **args;
	int nargs;
	if (flags_parse(flags, argc, argv, &args, &nargs) < 0)
		return 2;
	free(args);
	if (!client && !server)
		client = server = true;
	if (client) {
		if (shortv)
			printf("Client: %s\n", HELM_CLIENT_VERSION);
		else
			printf("Client: &version.Version{SemVer:\"%s\", GitCommit:\"\", GitTreeState:\"\"}\n",
				HELM_CLIENT_VERSION);
	}
	if (server) {
		fflush(stdout);
		fputs("helm: version: the server version (Tiller) is not implemented yet\n", stderr);
		return 2;
	}
	return 0;
}

const struct helm_cmd cmd_version = {"version", "Print the client/server version information", help, run, NULL};
