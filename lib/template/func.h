/* func.h — how a function is offered to templates (Go's FuncMap, with Go's typing).
 *
 * Go's text/template checks each argument against the function's parameter type: a value of
 * another type fails with "wrong type for value; expected string; got float64", and an untyped
 * constant (a literal such as 3 or "x" in the template) is converted to the parameter's type.
 * The engine does all of that from PARAMS, so a function receives arguments already of the
 * declared kinds and only does its own work.
 *
 * PARAMS: one code per parameter:
 *   v  interface{}  (any value, nil allowed)
 *   s  string       i  int        I  int64       f  float64       b  bool
 *   L  []interface{}  S  []string  M  map[string]interface{}  T  time.Time
 *   a trailing '*' on the LAST code makes it variadic ("s*v" = func(string, ...interface{})).
 * Functions returning (T, error) in Go set TF_ERROR: when they fail (return NULL with *err) the
 * engine reports "error calling NAME: <err>".  Without TF_ERROR a failure is a Go panic, which
 * the engine reports as Helm does for panics in functions ("error calling NAME: <err>" too, as
 * text/template recovers panics) — so both return NULL + *err; the flag documents intent.
 */
#ifndef HELM_TEMPLATE_FUNC_H
#define HELM_TEMPLATE_FUNC_H

#include "value.h"

typedef struct tmpl_ctx tmpl_ctx; /* the running execution; opaque outside the engine */

/* argv/argc are BORROWED; return a NEW reference, or NULL and a malloc'd *err. */
typedef hv *(*tmpl_fn)(tmpl_ctx *ctx, hv **argv, int argc, char **err);

enum { TF_ERROR = 1 };

struct tmpl_func {
	const char *name;
	tmpl_fn fn;
	const char *params;
	unsigned flags;
};

/* A set of functions by name (Go's FuncMap).  Later registrations replace earlier ones of the
 * same name, as Helm's funcMap overrides Sprig's. */
typedef struct tmpl_funcs tmpl_funcs;
tmpl_funcs *tmpl_funcs_new(void);
void tmpl_funcs_add(tmpl_funcs *fs, const struct tmpl_func *f);          /* f must outlive fs */
void tmpl_funcs_add_all(tmpl_funcs *fs, const struct tmpl_func *f, int n);
const struct tmpl_func *tmpl_funcs_get(const tmpl_funcs *fs, const char *name);
void tmpl_funcs_free(tmpl_funcs *fs);

/* Registration of the libraries (each in its own directory). */
void sprig_register(tmpl_funcs *fs);  /* lib/sprig: Sprig's GenericFuncMap as Helm 3.17 has it */

/* The data a function may reach from its context (set by whoever runs the template). */
void *tmpl_ctx_userdata(tmpl_ctx *ctx);

#endif
