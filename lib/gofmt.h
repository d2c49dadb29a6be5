/* gofmt.h — values printed exactly as Go's fmt package prints them. */
#ifndef HELM_GOFMT_H
#define HELM_GOFMT_H

#include "buf.h"
#include "value.h"

/* fmt's %v of any value: 1e+06, map[a:1 b:2], [a b], <nil>, true ... */
void go_print_value(buf *b, const hv *v);
/* fmt.Sprintf(format, args...) with Go's verbs, flags and %!verb(type=value) errors. */
void go_sprintf(buf *b, const char *format, size_t flen, hv **args, int nargs);

#endif
