/* chart_private.h — what the chart loader's files share (not an interface for tools). */
#ifndef HELM_CHART_PRIVATE_H
#define HELM_CHART_PRIVATE_H

#include "chart.h"

/* json.Unmarshal of a parsed YAML document into an existing Metadata: the fields present are
 * replaced.  Returns 0 or -1 with *err. */
int chart_metadata_unmarshal(const hv *doc, struct chart_metadata *m, char **err);
/* Gives every NULL string field of M the empty string. */
void chart_metadata_fill(struct chart_metadata *m);
void chart_files_free(struct chart_file *f, size_t n);

#endif
