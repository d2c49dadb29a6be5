/* gofmt.h — numbers and values printed exactly as Go prints them. */
#ifndef HELM_GOFMT_H
#define HELM_GOFMT_H

#include "buf.h"
#include "value.h"

/* strconv.FormatFloat(f, fmt, prec, 64): fmt is 'g', 'e', 'f' (prec -1 = shortest). */
void go_format_float(buf *b, double f, char fmt, int prec);
/* fmt's %v of any value: 1e+06, map[a:1 b:2], [a b], <nil>, true ... */
void go_print_value(buf *b, const hv *v);

#endif
