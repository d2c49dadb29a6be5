/* objects.h — Helm's built-in objects as template values: .Chart (chart.Metadata + IsRoot),
 * .Files (engine.files), .Capabilities (*chartutil.Capabilities), and the marshalling of such
 * objects for toJson/toYaml. */
#ifndef HELM_RENDER_OBJECTS_H
#define HELM_RENDER_OBJECTS_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "chart.h"
#include "value.h"

/* .Files of chart C (borrowed: the chart must outlive the value). */
hv *render_files(const chart *c);

/* .Chart: the chart's metadata with NAME as its name (an alias renames), and IsRoot.  TREE,
 * the chart's node in helm-merge-values' tree (or NULL), tells which dependencies are
 * enabled. */
hv *render_chart_object(const struct chart_metadata *m, const char *name, bool is_root,
                        const hv *tree);

/* .Capabilities for KUBE (a normalised "v1.32.0") and the API versions: Helm 3.17's defaults
 * followed by EXTRA (--api-versions); TILLER adds Helm 2's .Capabilities.TillerVersion. */
hv *render_capabilities(const char *kube, char *const *extra, size_t nextra, bool tiller);
/* Helm 3.17's default API versions, NULL-terminated. */
extern const char *const render_default_api_versions[];

/* Helm 2's .Release.Time: a protobuf Timestamp of T (Seconds, Nanos; prints
 * "seconds:T nanos:0"). */
hv *render_timestamp(long long t);

/* V with every object replaced by what it marshals to (encoding/json's view); new reference. */
hv *render_plain(const hv *v);
/* encoding/json of V: as json_emit, but structs keep their field order. */
void render_json(buf *b, const hv *v, int flags);

#endif
