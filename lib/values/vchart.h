/* vchart.h — a chart as values processing sees it: names, versions, values, declared
 * dependencies and subcharts.  Dependency processing renames (alias), drops (condition, tags)
 * and rewrites values (import-values) the way Helm mutates its loaded chart; working on this
 * small copy keeps the loaded chart (lib/chart.h) untouched. */
#ifndef HELM_VALUES_VCHART_H
#define HELM_VALUES_VCHART_H

#include <stdbool.h>
#include <stddef.h>

#include "chart.h"
#include "value.h"

struct vdep {
	char *name, *version, *repository, *condition, *alias;
	char **tags;
	size_t ntags;
	hv *import_values; /* list as written, or NULL */
	bool enabled;
};

typedef struct vchart vchart;
struct vchart {
	char *name;        /* Metadata.Name; the alias once dependencies are processed */
	char *version;
	char *path;        /* relative to the parent chart: "charts/sub", "charts/sub-1.0.0.tgz"; "" at top */
	hv *values;        /* a map; read-only (shared with the chart and clones), replaced whole */
	struct vdep *deps; /* Metadata.Dependencies */
	size_t ndeps;
	char *schema;      /* values.schema.json, or NULL */
	size_t schema_len;
	vchart **subs;     /* Dependencies(): the subcharts taking part */
	size_t nsubs;
};

/* Copies what values processing needs from a loaded chart, subcharts included. */
vchart *vchart_from_chart(const chart *c);
/* A deep copy (Helm copies a chart struct to give it an alias). */
vchart *vchart_clone(const vchart *c);
void vchart_free(vchart *c);
void vdep_free(struct vdep *d); /* frees the fields, not d */
/* {"name": ..., "path": ..., "charts": [...]} — the chart tree part of helm-merge-values' output. */
hv *vchart_tree_json(const vchart *c);

#endif
