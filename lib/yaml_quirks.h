/* yaml_quirks.h — where go-yaml v2's scanner (a port of an older libyaml) reads YAML otherwise
 * than libyaml 0.2.5, and go-yaml's way of turning libyaml's marks into messages.  Used by
 * lib/yaml.c only. */
#ifndef HELM_YAML_QUIRKS_H
#define HELM_YAML_QUIRKS_H

#include <stdbool.h>
#include <stddef.h>

#include <yaml_libyaml.h>

/* The input text, to look again at what libyaml read. */
struct yaml_source {
	const char *s;
	size_t n;
	bool utf8;        /* marks map to bytes only in UTF-8 input */
	bool slash;       /* the text holds "\/" somewhere */
	bool stand_ins;   /* the text holds stand-ins to give back in scalars */
	size_t line, off; /* a line already found and the byte where it starts */
	/* a spot where libyaml failed but go-yaml reads on: replace LEN bytes at AT with WITH,
	 * then parse again (messages hold lines, not columns) */
	size_t patch_at, patch_len;
	const char *patch_with;
};

void yaml_source_init(struct yaml_source *src, const char *s, size_t n, bool stand_ins);
/* S with its line-leading BOMs (after the first byte) as stand-ins, malloc'd; NULL if none. */
char *yaml_stand_in_boms(const char *s, size_t *n);
/* Whether WITH (a patch) puts a stand-in in the text. */
bool yaml_is_stand_in(const char *with);
/* Gives the stand-ins in a scalar value back; returns the new length. */
size_t yaml_restore_stand_ins(char *s, size_t n);

/* go-yaml's message for a failure at 0-based LINE with a context at CTX: "yaml: line N: MSG"
 * (scanner errors count lines from 1, parser errors from 0; line 0 says no line). */
char *yaml_go_error(bool scanner, size_t line, size_t ctx, const char *msg);
/* go-yaml's message for libyaml's failure in P (noting a patch in SRC where go-yaml reads on). */
char *yaml_parser_error(struct yaml_source *src, yaml_parser_t *p);
/* go-yaml's message if its scanner refuses the scalar EV that libyaml read ("\/" escapes, '?'
 * inside a plain scalar in a flow collection starting at FLOW_LINE; FLOW is '[' or '{', or 0
 * outside flow collections), else NULL. */
char *yaml_scalar_refused(struct yaml_source *src, const yaml_event_t *ev, char flow, size_t flow_line);
/* Whether the tag of node EV, in a flow collection, runs on in go-yaml over ',' '[' or ']'
 * where libyaml ends it; notes the patch. */
bool yaml_tag_runs_on(struct yaml_source *src, const yaml_event_t *ev);

#endif
