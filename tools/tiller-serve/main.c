/* tiller-serve — serves Helm v2's Tiller API, running the suite's tools for each request.  A later stage: for now only --help. */
#include "util.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"Usage: tiller-serve [OPTIONS]\n"
	"\n"
	"tiller-serve serves Helm v2's Tiller API, running the suite's tools for each request.\n"
	"This stage is not implemented yet.\n"
	"\n"
	"Options:\n"
	"  -h, --help   show this help\n";

int main(int argc, char **argv)
{
	progname = "tiller-serve";
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs(usage, stdout);
		return 0;
	}
	fputs("tiller-serve: not implemented yet\n", stderr);
	return 2;
}
