/* template.h — Go's text/template (go1.23) in C: a set of named templates sharing one namespace
 * of {{define}}s, parsed once and executed many times.
 *
 * Errors are malloc'd strings in Go's exact wording:
 *   parse:   "template: NAME:LINE: unexpected ..."
 *   execute: "template: NAME:LINE:COL: executing \"NAME\" at <NODE>: error calling FN: MSG"
 * Helm's rewording of them ("parse error at (...)", "execution error at (...)") and Helm's
 * replacement of "<no value>" by "" in rendered text are NOT done here: they are the caller's
 * (helm-render), as in Helm where the engine does both around text/template.  tmpl_strip_no_value
 * is the helper for the latter.
 *
 * Data: maps, lists and scalars as value.h has them; elements of a map or list whose Go element
 * type is interface{} show as "interface {}" in Go's messages.  Objects (HV_OBJECT) answer
 * fields and methods through hv_object_ops.lookup: a method is an HV_FUNC, called with its
 * arguments checked and converted as Go would from its Go type, parsed from the HV_FUNC's
 * gotype ("func(string, ...interface {}) string").  When lookup has no such name (NULL) and the
 * object has `underlying` (a named map type such as Helm's files), the name is a key of that
 * map, as in Go ("x is not a method but has arguments"; a missing key gives the zero value).
 * Parsing and execution run on a thread with a large stack, so deep nesting cannot overflow.
 */
#ifndef HELM_TEMPLATE_H
#define HELM_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "template/func.h"
#include "value.h"

typedef struct tmpl_set tmpl_set;

/* Go's Option("missingkey=..."): what a missing map key evaluates to. */
enum tmpl_missingkey {
	TMPL_MISSINGKEY_DEFAULT, /* "invalid" value: prints "<no value>", .a.b on it is silently empty */
	TMPL_MISSINGKEY_ZERO,    /* nil interface: prints "<no value>", .a.b on it is a nil pointer error (Helm) */
	TMPL_MISSINGKEY_ERROR,   /* error: map has no entry for key "x" (Helm --strict) */
};

/* A new empty set named NAME (Helm: "gotpl"; the name appears in "no template %q associated with
 * template %q").  FUNCS is borrowed and must outlive the set; functions are resolved at parse
 * time, so "function %q not defined" is a parse error as in Go. */
tmpl_set *tmpl_set_new(const char *name, const tmpl_funcs *funcs);
void tmpl_set_free(tmpl_set *s);
void tmpl_set_missingkey(tmpl_set *s, enum tmpl_missingkey mode);
/* A bound on what one execution may write (0, the default, is none, as in Go): past it the
 * execution fails with "template output exceeds N bytes".  For fuzzing and untrusted input. */
void tmpl_set_max_output(tmpl_set *s, size_t bytes);

/* Go's t.New(name).Parse(text): adds template NAME and every {{define}}/{{block}} in TEXT to the
 * set (a later non-empty definition replaces an earlier one; an empty one never replaces a
 * non-empty one).  Returns 0, or -1 with *err ("template: NAME:LINE: ..."); on error the set is
 * unchanged. */
int tmpl_parse(tmpl_set *s, const char *name, const char *text, size_t len, char **err);

/* As tmpl_parse, for a TEXT (NUL-terminated) that outlives the set, such as a chart's file: the
 * parse refers to it instead of holding a copy. */
int tmpl_parse_kept(tmpl_set *s, const char *name, const char *text, size_t len, char **err);

/* Parses TEXT ahead of a tmpl_parse of the same text, which then reuses the parse under its own
 * name (a program parses a chart's files while it waits for the values).  No name is added to
 * the set; a text that does not parse is forgotten, and its tmpl_parse reports the error.  TEXT
 * is kept, as by tmpl_parse_kept. */
void tmpl_preparse(tmpl_set *s, const char *text, size_t len);
/* Whether NAME is defined in the set. */
bool tmpl_defined(const tmpl_set *s, const char *name);

/* Go's ExecuteTemplate(out, name, data): appends the output to OUT (on error OUT holds the partial
 * output, which the caller should drop).  DATA is borrowed.  USERDATA is what functions get from
 * tmpl_ctx_userdata().  Returns 0 or -1 with *err. */
int tmpl_execute(tmpl_set *s, const char *name, hv *data, void *userdata, buf *out, char **err);

/* --- for functions (include, tpl, ...) running inside an execution --- */

/* The set the running template belongs to (inside tpl, the overlay that tpl parsed into). */
tmpl_set *tmpl_ctx_set(tmpl_ctx *ctx);
/* Name of the template being executed (Go's $.Template / the name in error positions). */
const char *tmpl_ctx_name(tmpl_ctx *ctx);

/* Helm's include: execute template NAME of the running set with DATA into OUT, as Go's
 * t.ExecuteTemplate does (a fresh execution sharing the userdata).  Unknown name:
 * "template: no template \"NAME\" associated with template \"gotpl\"". */
int tmpl_ctx_execute(tmpl_ctx *ctx, const char *name, hv *data, buf *out, char **err);

/* Helm's tpl: clone the running set (a cheap overlay: the original is never modified), parse TEXT
 * into the clone as template NAME (Helm uses the set's name, "gotpl"), execute it with DATA into
 * OUT, drop the clone.  Inside, tmpl_ctx_set/tmpl_ctx_execute see the clone, so defines made by
 * TEXT are reachable by include.  Parse errors come back with *perr = true (Helm words them
 * "cannot parse template"), execution errors with *perr = false. */
int tmpl_ctx_run_text(tmpl_ctx *ctx, const char *name, const char *text, size_t len, hv *data,
		      buf *out, bool *perr, char **err);

/* Runs FN(ARG) on the large stack parsing and execution use (bigstack.c), directly when already
 * on it.  A program that parses and executes many templates runs its whole job through it, so
 * that each parse and execution does not switch stacks (three system calls a switch). */
void tmpl_run_on_big_stack(void (*fn)(void *), void *arg);

/* Helm's post-processing: deletes every "<no value>" from B. */
void tmpl_strip_no_value(buf *b);

#endif
