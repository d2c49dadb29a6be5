/* sprig.h — what the files of lib/sprig share: one registration per area and small helpers. */
#ifndef HELM_SPRIG_SPRIG_H
#define HELM_SPRIG_SPRIG_H

#include <stdbool.h>

#include "buf.h"
#include "template/func.h"
#include "value.h"

void sprig_register_strings(tmpl_funcs *fs);
void sprig_register_case(tmpl_funcs *fs);
void sprig_register_lists(tmpl_funcs *fs);
void sprig_register_dicts(tmpl_funcs *fs);
void sprig_register_math(tmpl_funcs *fs);
void sprig_register_defaults(tmpl_funcs *fs);
void sprig_register_types(tmpl_funcs *fs);
void sprig_register_json(tmpl_funcs *fs);

/* Sprig's empty(): nil, false, 0, "" and empty lists and maps are empty; structs never are. */
bool sprig_empty(const hv *v);

/* reflect.DeepEqual: same types, equal contents; Go objects alike field by field. */
bool sprig_deep_equal(const hv *a, const hv *b);

/* Sets *err to the formatted message and returns NULL, for `return sprig_fail(err, ...)`. */
hv *sprig_fail(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* B's contents as a new string value; B is left empty. */
hv *sprig_buf_value(buf *b);

/* shopspring/decimal arithmetic over cast_to_float64 of the operands: FIRST OP REST[0] OP ...
 * with OP one of + - * /; false with *err on NaN/Inf operands and division by zero. */
bool sprig_decimal_op(hv *first, hv **rest, int n, char op, double *out, char **err);

/* The longest list until/untilStep/seq build (Go would try to allocate any length). */
#define SPRIG_LIST_MAX ((int64_t)1 << 20)

#endif
