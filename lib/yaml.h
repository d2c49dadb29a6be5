/* yaml.h — YAML text <-> values, as Helm reads and writes YAML.
 *
 * Reading follows sigs.k8s.io/yaml as Helm uses it: YAML 1.1 (yes/no/on/off/y/n are booleans,
 * also as keys), anchors, aliases and merge keys, then a trip through JSON, so every number
 * becomes float64 and every map key a string.
 * Writing follows Helm's toYaml (sigs.k8s.io/yaml on go-yaml v2): sorted keys, quoting of
 * ambiguous strings, block scalars for multi-line strings. */
#ifndef HELM_YAML_H
#define HELM_YAML_H

#include "buf.h"
#include "value.h"

enum {
	YAML_INTS = 1, /* parse: keep integers as int64 (go-yaml's own typing, before the JSON trip) */
	/* parse: keep of a map only kind, apiVersion and metadata, and of metadata only name and
	 * annotations (what Helm reads of a manifest); the rest is checked, with the same errors */
	YAML_HEAD = 2,
	/* parse: with libyaml alone, not the quick reader of plain block YAML (lib/yaml_quick.h),
	 * which the tests hold to it */
	YAML_LIBYAML = 4,
};

/* Parses the first document (an empty stream gives nil).  On error returns NULL and sets *err
 * (malloc'd) to Helm's text, "NAME: error converting YAML to JSON: yaml: line 2: mapping values
 * are not allowed in this context" (just the part after "NAME: " when NAME is NULL), so callers
 * print e.g. "cannot load " + *err or "failed to parse " + *err as Helm does.  Whether the
 * document is a map is the caller's question (Helm: "error unmarshaling JSON: while decoding
 * JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"). */
hv *yaml_parse(const char *s, size_t n, const char *name, int flags, char **err);
/* Parses every document of a stream into a list. */
hv *yaml_parse_all(const char *s, size_t n, const char *name, int flags, char **err);

/* Appends V as YAML in toYaml's style, ending with a newline (toYaml trims it). */
void yaml_emit(buf *b, const hv *v);
/* The same, written by libyaml's emitter alone, not the quick writer of plain block YAML, which
 * the tests hold to it. */
void yaml_emit_libyaml(buf *b, const hv *v);

#endif
