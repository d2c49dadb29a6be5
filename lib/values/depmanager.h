/* depmanager.h — `helm dependency list|update|build` as Helm 3.17 does them for charts whose
 * dependencies live in charts/ or in local directories (file:// repositories).  Chart
 * repositories over HTTP are not supported yet: a dependency naming one is an error. */
#ifndef HELM_VALUES_DEPMANAGER_H
#define HELM_VALUES_DEPMANAGER_H

#include <stdio.h>

/* Prints the dependency table of the chart at CHARTPATH (a directory or archive) on OUT,
 * cells cut to MAXCOL columns (0: no limit).  Returns 0, or -1 with *err. */
int depman_list(const char *chartpath, unsigned maxcol, FILE *out, char **err);

/* Resolves the declared dependencies against their constraints, packs file:// charts into
 * charts/, removes outdated archives and writes Chart.lock (requirements.lock for apiVersion
 * v1 charts) when its digest changed.  Progress goes to OUT. */
int depman_update(const char *chartpath, FILE *out, char **err);

/* Rebuilds charts/ from the lock file (exactly its versions); without a lock file, updates. */
int depman_build(const char *chartpath, FILE *out, char **err);

#endif
