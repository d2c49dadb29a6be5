/* helm-apply — applies rendered manifests to the Kubernetes API (creates, patches, deletes, waits).  A later stage: for now only --help. */
#include "util.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"Usage: helm-apply [OPTIONS]\n"
	"\n"
	"helm-apply applies rendered manifests to the Kubernetes API (creates, patches, deletes, waits).\n"
	"This stage is not implemented yet.\n"
	"\n"
	"Options:\n"
	"  -h, --help   show this help\n";

int main(int argc, char **argv)
{
	progname = "helm-apply";
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs(usage, stdout);
		return 0;
	}
	fputs("helm-apply: not implemented yet\n", stderr);
	return 2;
}
