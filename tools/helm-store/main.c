/* helm-store — stores and reads release records (Helm v2's ConfigMap storage driver).  A later stage: for now only --help. */
#include "util.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"Usage: helm-store [OPTIONS]\n"
	"\n"
	"helm-store stores and reads release records (Helm v2's ConfigMap storage driver).\n"
	"This stage is not implemented yet.\n"
	"\n"
	"Options:\n"
	"  -h, --help   show this help\n";

int main(int argc, char **argv)
{
	progname = "helm-store";
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs(usage, stdout);
		return 0;
	}
	fputs("helm-store: not implemented yet\n", stderr);
	return 2;
}
