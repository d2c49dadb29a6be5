/* dependencies.h — which subcharts take part, as Helm's chartutil/dependencies.go decides:
 * aliases, conditions, tags, then import-values from each enabled child into its parent. */
#ifndef HELM_VALUES_DEPENDENCIES_H
#define HELM_VALUES_DEPENDENCIES_H

#include "value.h"
#include "values/vchart.h"

/* CheckDependencies: every declared dependency has a chart of that name in charts/.
 * NULL, or a malloc'd "found in Chart.yaml, but missing in charts/ directory: a, b". */
char *values_check_dependencies(const vchart *c);

/* ProcessDependenciesWithMerge: applies aliases, drops disabled subcharts (tags, then
 * condition, evaluated against VALS coalesced over the chart) and applies import-values,
 * rewriting C in place.  Returns 0, or -1 with *err. */
int values_process_dependencies(vchart *c, const hv *vals, char **err);

/* Helm's IsCompatibleRange: VERSION parses and satisfies the CONSTRAINT. */
bool values_compatible_range(const char *constraint, const char *version);

#endif
