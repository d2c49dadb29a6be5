/* options.h — the user's value sources as Helm's values.Options merges them: -f files left to
 * right (deep-merged), then --set-json, --set, --set-string, --set-file, --set-literal, each
 * kind in the order given.  Files may be paths, "-" (stdin) or http/https URLs. */
#ifndef HELM_VALUES_OPTIONS_H
#define HELM_VALUES_OPTIONS_H

#include <stddef.h>

#include "value.h"

enum values_source {
	VALUES_FILE,    /* -f/--values */
	VALUES_JSON,    /* --set-json */
	VALUES_SET,     /* --set */
	VALUES_STRING,  /* --set-string */
	VALUES_SETFILE, /* --set-file */
	VALUES_LITERAL, /* --set-literal */
	VALUES_NSOURCES
};

struct values_options {
	const char **args[VALUES_NSOURCES]; /* borrowed strings */
	size_t n[VALUES_NSOURCES];
};

void values_options_add(struct values_options *o, enum values_source kind, const char *arg);
void values_options_free(struct values_options *o);
/* The kind of a values flag ("-f", "--values", "--set", "--set-json", ...), or -1. */
int values_flag_kind(const char *flag);

/* MergeValues: a new map, or NULL with *err in Helm's words ("failed parsing --set data: ..."). */
hv *values_options_merge(const struct values_options *o, char **err);

/* Reads a values source as Helm's readFile: "-" is stdin, http(s) URLs are fetched, anything
 * else is a file.  Returns malloc'd bytes or NULL with *err ("open x.yaml: no such file or
 * directory"). */
char *values_read_source(const char *path, size_t *len, char **err);

/* Parses a values file's bytes as Helm's yaml.Unmarshal into a map does: empty is {},
 * anything but a map is an error.  *err is the bare cause (callers add "failed to parse X: "). */
hv *values_parse_yaml(const char *data, size_t len, char **err);

#endif
