/* render.h — Helm's template engine around text/template: every template of a chart tree
 * parsed into one set (partials shared across all charts), each executed with its chart's
 * scoped values and objects, "<no value>" removed, errors reworded as Helm does. */
#ifndef HELM_RENDER_RENDER_H
#define HELM_RENDER_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "chart.h"
#include "render/manifest.h"
#include "value.h"

/* The template engine made ready for a chart before its values are known: the functions
 * registered and the templates of the chart tree parsed, chart by chart, until input waits on
 * VALUES_FD (helm-render does it while helm-merge-values runs; -1: parse them all), so that
 * render_chart only looks those parses up.  A subchart the values disable may be parsed for
 * nothing; a text that does not parse is reported by render_chart if it renders it. */
typedef struct render_engine render_engine;
render_engine *render_engine_new(const chart *top, int values_fd);
void render_engine_free(render_engine *e);

struct render_opts {
	const char *release_name;
	const char *namespace;
	int revision;
	bool is_upgrade;
	const char *kube_version;  /* normalised, "v1.32.0" */
	char *const *api_versions; /* --api-versions, added to Helm's defaults */
	size_t napi_versions;
	bool helm3;                /* .Release.Service "Helm" and no .Release.Time, as Helm 3 */
	bool lint;                 /* Helm's LintMode: required and fail log "[INFO] ..." and go on */
	render_engine *engine;     /* render_engine_new's for this chart, which render_chart frees; or NULL */
};

/* Renders the chart tree.  VALUES: the coalesced values of the top chart, subcharts' values
 * nested under their names; TREE: which subcharts are enabled and under what name
 * ({"name","path","charts":[...]}, helm-merge-values' "chart"), or NULL for all of them.
 * On success *out holds every non-partial template's output (NOTES.txt files included), by
 * path; on failure returns -1 and *err is Helm's message. */
int render_chart(const chart *top, hv *values, const hv *tree, const struct render_opts *o,
                 struct rendered **out, size_t *n, char **err);
void render_free(struct rendered *r, size_t n);

/* Normalises a --kube-version ("1.25.3", "v1.30") to "v1.25.3"/"v1.30.0"; NULL and *err
 * ("invalid kube version '...': Invalid Semantic Version") when it is not a version. */
char *render_kube_version(const char *v, char **err);
/* Chart.yaml's kubeVersion constraint against KUBE: NULL when compatible, else Helm's error. */
char *render_check_kube_version(const chart *top, const char *kube);

#endif
