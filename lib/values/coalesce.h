/* coalesce.h — Helm's chartutil coalescing: user values over chart defaults, subchart by
 * subchart, with globals flowing down.  Maps merge, anything else replaces; a null from the
 * user deletes the default (unless MERGE keeps nulls, as Helm's MergeValues does).
 * Type conflicts are warnings on stderr, worded and prefixed as Helm's log prints them. */
#ifndef HELM_VALUES_COALESCE_H
#define HELM_VALUES_COALESCE_H

#include <stdbool.h>

#include "value.h"
#include "values/vchart.h"

/* CoalesceValues (MERGE false) / MergeValues (MERGE true): a new map of VALS (borrowed, may
 * be NULL) coalesced over C's values and its subcharts'.  NULL with *err on a type mismatch
 * ("type mismatch on sub: %!t(string=str)"). */
hv *values_coalesce(const vchart *c, const hv *vals, bool merge, char **err);

/* CoalesceTables / MergeTables: merges SRC into DST (DST wins), in place; both borrowed maps. */
void values_coalesce_tables(hv *dst, const hv *src, bool merge);

/* Helm's log.Printf with Lshortfile: "WHERE: message" on stderr (WHERE like "coalesce.go:237"). */
void values_log(const char *where, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
