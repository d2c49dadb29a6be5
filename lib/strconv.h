/* strconv.h — numbers read and written exactly as Go's strconv does. */
#ifndef HELM_STRCONV_H
#define HELM_STRCONV_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"

/* strconv.FormatFloat(f, fmt, prec, 64): fmt 'g', 'e', 'E', 'f', 'G'; prec -1 means the
 * shortest text that reads back as the same float64. */
void go_format_float(buf *b, double f, char fmt, int prec);
/* encoding/json's float format (1e21 -> 1e+21, 1e20 -> 100000000000000000000). */
void go_format_float_json(buf *b, double f);

#endif
