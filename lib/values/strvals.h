/* strvals.h — Helm's --set family of flags (pkg/strvals), parsed into a values map.
 *
 * A line is "name=value[,name=value...]"; names nest with '.', index lists with [n];
 * values are typed per flag kind.  Parsing merges into DEST in place, as ParseInto does,
 * so repeated flags of one kind build on each other. */
#ifndef HELM_VALUES_STRVALS_H
#define HELM_VALUES_STRVALS_H

#include "value.h"

enum strvals_kind {
	STRVALS_SET,     /* --set: true/false/null/int64 typed, else string */
	STRVALS_STRING,  /* --set-string: every value a string */
	STRVALS_FILE,    /* --set-file: each value names a file whose contents become the string */
	STRVALS_JSON,    /* --set-json: each value is one JSON document */
	STRVALS_LITERAL, /* --set-literal: one key, the rest of the line is the string */
};

/* Reads the file a --set-file value names; returns a new string value or NULL with *err set
 * (malloc'd, in Go's wording: "open PATH: no such file or directory"). */
typedef hv *(*strvals_reader)(const char *path, size_t len, void *ctx, char **err);

/* Parses LINE into the map DEST.  Returns 0, or -1 with *err set to Helm's message without
 * the "failed parsing --set data: " prefix.  READER is used only for STRVALS_FILE. */
int strvals_parse(const char *line, enum strvals_kind kind, hv *dest,
		  strvals_reader reader, void *ctx, char **err);

#endif
