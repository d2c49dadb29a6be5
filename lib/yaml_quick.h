/* yaml_quick.h — plain block YAML read without libyaml.
 *
 * Values files and rendered manifests are mostly block mappings and sequences of one-line
 * scalars, multi-line plain scalars and block scalars, where libyaml spends over 100
 * instructions a byte.  The quick reader checks a document line by line against that subset,
 * where validity is plain to see, and gives the events libyaml would; of a manifest, whose
 * head is all Helm reads, it can give just the lines of the head.  It never reports an error:
 * anything outside the subset, and anything that could be an error in go-yaml, is left to
 * libyaml (lib/yaml.c), which gives the error its words. */
#ifndef HELM_YAML_QUICK_H
#define HELM_YAML_QUICK_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include <yaml_libyaml.h>

/* Whether S (N bytes) is a block mapping at column 0 inside the subset, so that go-yaml reads it
 * without error; if so appends to HEAD the lines of its top-level apiVersion, kind and metadata
 * entries, in order, and of metadata's mapping only its name and annotations: a document that
 * reads as the same head (where metadata may read as null instead of a map without them). */
bool yaml_quick_head(const char *s, size_t n, buf *head);

/* The events libyaml's parser gives for the document S (N bytes) after its DOCUMENT-START, up to
 * its DOCUMENT-END, when S is a block mapping inside the subset (so that go-yaml reads it
 * without error); otherwise false, with *OUT empty.  The events own what they hold. */
struct yaml_quick_events {
	yaml_event_t *ev;
	size_t n, cap;
};
bool yaml_quick_events(const char *s, size_t n, struct yaml_quick_events *out);
void yaml_quick_events_free(struct yaml_quick_events *e);

#endif
