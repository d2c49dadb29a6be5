/* funcs.h — Helm's own template functions (engine.funcMap + initFunMap of Helm 3.17):
 * include, tpl, required, fail, lookup, toYaml, toYamlPretty, fromYaml, fromYamlArray, toJson,
 * fromJson, fromJsonArray, toToml, fromToml.  Register after sprig_register: they replace
 * Sprig's functions of the same name, as in Helm. */
#ifndef HELM_RENDER_FUNCS_H
#define HELM_RENDER_FUNCS_H

#include <stdbool.h>
#include "template/func.h"
#include "value.h"

/* What the functions reach through tmpl_ctx_userdata(): one per render. */
struct helm_fctx {
	struct depths *included; /* template name -> current include depth (Helm's includedNames) */
	struct memo *decoded;    /* fromYaml/fromJson's texts (render/memo.h) */
	int tpl_depth;     /* how many tpl calls are running inside each other */
	int include_depth; /* how many includes are running inside each other */
	bool lint;         /* render_opts.lint */
};

void helm_fctx_init(struct helm_fctx *fc, bool lint);
void helm_fctx_free(struct helm_fctx *fc);

void helm_funcs_register(tmpl_funcs *fs);

/* Helm wraps the messages of fail and required between these markers, so that the final
 * error can be reworded "execution error at (FILE:L:C): MSG". */
#define HELM_ERR_START "HELM_ERR_START"
#define HELM_ERR_END "HELM_ERR_END"

#endif
