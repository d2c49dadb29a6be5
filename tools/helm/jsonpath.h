/* jsonpath.h — the subset of Kubernetes JSONPath templates `helm show values --jsonpath` needs:
 * literal text and {.field.field[INDEX]} expressions. */
#ifndef HELM_JSONPATH_H
#define HELM_JSONPATH_H

#include "buf.h"
#include "value.h"

/* Appends TEMPLATE applied to V: strings as they are, numbers and booleans as Go prints them,
 * maps and lists as JSON.  A missing field prints nothing (Helm ignores the error). */
void jsonpath_print(buf *out, const char *tmpl, const hv *v);

#endif
