/* gofmt.h — values printed exactly as Go's fmt package prints them. */
#ifndef HELM_GOFMT_H
#define HELM_GOFMT_H

#include <stdbool.h>

#include "buf.h"
#include "value.h"

/* fmt's %v of any value: 1e+06, map[a:1 b:2], [a b], <nil>, true ...
 * Objects print through their hooks (value.h): a "String" method, else `underlying`, else
 * `fields` as {a b c} (&{...} for a pointer type, whose gotype starts with '*'). */
void go_print_value(buf *b, const hv *v);
/* The same for what a pointer points to (text/template prints *p for a pointer p). */
void go_print_indirect(buf *b, const hv *v);
/* fmt.Sprintf(format, args...) with Go's verbs, flags and %!verb(type=value) errors. */
void go_sprintf(buf *b, const char *format, size_t flen, hv **args, int nargs);
/* fmt.Sprint (spaces only between operands when neither is a string) and fmt.Sprintln. */
void go_sprint(buf *b, hv **args, int nargs);
void go_sprintln(buf *b, hv **args, int nargs);
/* unicode.IsPrint, close enough: controls, format characters, non-ASCII spaces and private use
 * are not printable. */
bool go_is_print(int r);
/* strconv.Quote. */
void go_strconv_quote(buf *b, const char *s, size_t n);

/* complex128 values (template literals such as 2i): an object printed as (0+2i). */
extern const struct hv_object_ops go_complex_ops;
hv *go_complex(double re, double im);

#endif
