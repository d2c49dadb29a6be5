/* chart.h — a chart as Helm loads it: from a directory, a .tgz, or the JSON helm-package --load
 * prints.  Loading follows Helm 3's loader (which reads Helm 2's charts too): .helmignore is
 * applied, Chart.yaml becomes the metadata, values.yaml the values, templates/ the templates,
 * charts/ the subcharts (directories and .tgz, recursively), and every other file is kept for
 * .Files.  Strings in structs are never NULL ("" when absent). */
#ifndef HELM_CHART_H
#define HELM_CHART_H

#include <stdbool.h>
#include <stddef.h>

#include "value.h"

/* A file of the chart; NAME is relative to the chart's root, '/'-separated ("templates/a.yaml"). */
struct chart_file {
	char *name;
	char *data; /* NUL-terminated, may hold NUL */
	size_t len;
};

struct chart_maintainer {
	char *name, *email, *url;
};

/* One dependency as Chart.yaml (v2) or requirements.yaml (v1) declares it (Helm's chart.Dependency). */
struct chart_dep {
	char *name, *version, *repository, *condition, *alias;
	char **tags;
	size_t ntags;
	hv *import_values; /* the import-values list as written (strings or {child,parent} maps), or NULL */
	bool enabled;      /* false when condition/tags disabled it (set by whoever processes them) */
};

/* Helm's chart.Metadata, field for field. */
struct chart_metadata {
	char *api_version; /* "v1" or "v2" (as written; validation checks it) */
	char *name, *version, *kube_version, *description, *type, *home, *icon, *app_version;
	char *condition, *tags; /* v1-era fields, kept as Helm keeps them */
	bool deprecated;
	char **keywords;
	size_t nkeywords;
	char **sources;
	size_t nsources;
	struct chart_maintainer *maintainers;
	size_t nmaintainers;
	hv *annotations;       /* map of strings (empty map if none) */
	struct chart_dep *deps; /* Chart.yaml dependencies, or requirements.yaml's for apiVersion v1 */
	size_t ndeps;
	const char *null_node;  /* set when a maintainers/dependencies entry was null: Validate's
	                         * complaint ("maintainers must not contain empty or null nodes") */
};

typedef struct chart chart;
struct chart {
	char *source;        /* the path it was loaded from (top level), or the parent's source */
	char *path_in_parent; /* "charts/sub" or "charts/sub-1.0.0.tgz"; "" for the top-level chart */
	chart *parent;       /* NULL at top level (borrowed back-pointer) */

	struct chart_metadata meta;
	char *chart_yaml; size_t chart_yaml_len; /* Chart.yaml bytes as read */

	char *values_raw; size_t values_len; /* values.yaml bytes; NULL when the chart has none */
	hv *values;                           /* values.yaml parsed (empty map when absent); read-only:
	                                       * charts of one load with the same values.yaml
	                                       * bytes share one tree */
	char *schema; size_t schema_len;      /* values.schema.json bytes, or NULL */

	hv *lock;              /* Chart.lock (or requirements.lock) parsed, or NULL */
	char *lock_name;       /* "Chart.lock" or "requirements.lock", or NULL */

	struct chart_file *templates; size_t ntemplates; /* templates/... (NOTES.txt included) */
	struct chart_file *files; size_t nfiles;         /* every other file (Helm's .Files): README,
	                                                   * crds/, requirements.yaml (v2), ... */
	chart **subcharts; size_t nsubcharts;            /* charts/..., in load order */
};

/* Loads a chart from a directory or a chart archive (.tgz); subcharts recursively.
 * On error returns NULL and *err (malloc'd) says why, with Helm's wording, e.g.
 * "Chart.yaml file is missing", "validation: chart.metadata.version is required",
 * "cannot load values.yaml: error converting YAML to JSON: yaml: line 1: ...". */
chart *chart_load(const char *path, char **err);
enum {
	/* values.yaml and Chart.lock (requirements.lock) are not parsed, so neither can fail the
	 * load: values stays an empty map, lock NULL; a chart directory's values.yaml,
	 * values.schema.json and Chart.lock are not even read (values_raw and schema are "").
	 * For helm-render, whose values come coalesced on stdin. */
	CHART_LOAD_NO_VALUES = 1,
	/* Of a chart directory, only the files that say what the chart is and what its values are
	 * (Chart.yaml, values.yaml, values.schema.json, requirements.yaml, the lock files,
	 * subchart archives) are read; templates and other files are listed with empty contents.
	 * For helm-merge-values, which never looks inside them: an umbrella chart's templates and
	 * dashboards can be tens of megabytes. */
	CHART_LOAD_META_ONLY = 2,
	/* Of a chart directory, the files .Files serves (all but templates/, crds/ and what says
	 * what the chart is) are listed with data NULL and read when first asked for, by
	 * chart_file_load: READMEs, CI values and the like are mostly never used.  For
	 * helm-render. */
	CHART_LOAD_LAZY_FILES = 4,
};
/* chart_load with CHART_LOAD_* flags (chart_load is flags 0), subcharts included. */
chart *chart_load_flags(const char *path, int flags, char **err);
/* Loads from an archive's bytes; NAME labels errors. */
chart *chart_load_archive(const char *data, size_t len, const char *name, char **err);
/* Builds a chart from a flat list of files (names relative to the chart root), as Helm's
 * loader.LoadFiles; takes nothing (copies). */
chart *chart_load_files(const struct chart_file *files, size_t n, char **err);
/* Rebuilds a chart from the JSON chart_to_json makes (the helm-package --load contract). */
chart *chart_from_json(const hv *json, char **err);
/* The chart as JSON, subcharts included (see man/man7/helm-pipeline.7). New reference. */
hv *chart_to_json(const chart *c);
void chart_free(chart *c);

/* Helm's chart.Metadata from Chart.yaml text, as sigs.k8s.io/yaml unmarshals it into the struct
 * (numbers and booleans given for string fields become strings: `version: 1.10` is "1.1").
 * Returns 0, or -1 with *err ("error converting YAML to JSON: yaml: line 4: ...",
 * "error unmarshaling JSON: ...").  An empty apiVersion stays empty here (the loader makes it v1). */
int chart_metadata_parse(const char *text, size_t len, struct chart_metadata *m, char **err);
void chart_metadata_free(struct chart_metadata *m);
/* The metadata as Helm marshals it (JSON field names, empty fields omitted): what
 * `helm show chart` prints and what a packaged Chart.yaml holds.  New reference. */
hv *chart_metadata_to_hv(const struct chart_metadata *m);

/* Helm's Metadata.Validate: sanitizes the strings as Helm does (spaces normalized,
 * unprintable characters dropped), then returns NULL if valid, else a malloc'd message such as
 * "validation: chart.metadata.name is required". */
char *chart_validate(struct chart_metadata *m);

/* The directory chart C was loaded from (its parents' joined with its path in them):
 * meaningful when C was loaded from a directory.  Malloc'd. */
char *chart_dir(const chart *c);
/* Reads F's contents from DIR (its chart's chart_dir) if CHART_LOAD_LAZY_FILES left them
 * unread, as loading reads them (a UTF-8 BOM dropped); a file that cannot be read any more
 * reads as empty. */
void chart_file_load(struct chart_file *f, const char *dir);

/* A file of c->files by name, or NULL. */
const struct chart_file *chart_file_get(const chart *c, const char *name);
/* CRD files: those under crds/ ending in .yaml, .yml or .json, of c and then of its subcharts,
 * recursively.  Returns a malloc'd array of borrowed pointers; *n set. */
const struct chart_file **chart_crds(const chart *c, size_t *n);
/* "parent/charts/sub" — Helm's ChartFullPath (names, not directories).  Malloc'd. */
char *chart_full_path(const chart *c);

#endif
