/* Finding the chart a command names (Helm's ChartPathOptions.LocateChart, local part). */
#include "helm.h"
#include "util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *helm_locate_chart(const char *name, char **err)
{
	struct stat st;
	if (stat(name, &st) == 0) {
		if (name[0] == '/')
			return xstrdup(name);
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof cwd))
			return xstrdup(name);
		/* filepath.Abs: joined and cleaned of "./" prefixes and trailing slashes. */
		const char *n = name;
		while (n[0] == '.' && n[1] == '/')
			for (n += 2; *n == '/'; n++)
				;
		if (strcmp(n, ".") == 0 || !*n)
			return xstrdup(cwd);
		char *p = path_join(cwd, n);
		size_t len = strlen(p);
		while (len > 1 && p[len - 1] == '/')
			p[--len] = 0;
		return p;
	}
	if (name[0] == '/' || name[0] == '.')
		*err = xasprintf("path \"%s\" not found", name);
	else if (!strchr(name, '/'))
		*err = xasprintf("non-absolute URLs should be in form of repo_name/path_to_chart, got: %s", name);
	else
		*err = xasprintf("chart \"%s\" not found: charts from repositories are not implemented yet", name);
	return NULL;
}
