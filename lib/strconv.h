/* strconv.h — numbers read and written exactly as Go's strconv does. */
#ifndef HELM_STRCONV_H
#define HELM_STRCONV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* strconv.FormatFloat(f, fmt, prec, 64): fmt 'g', 'e', 'E', 'f', 'G'; prec -1 means the
 * shortest text that reads back as the same float64. */
void go_format_float(buf *b, double f, char fmt, int prec);
/* The same with bitSize 32 or 64: FormatFloat(f, 'g', -1, 32) gives 3.1415927, 1e+06. */
void go_format_float_bits(buf *b, double f, char fmt, int prec, int bits);
/* encoding/json's float format (1e21 -> 1e+21, 1e20 -> 100000000000000000000). */
void go_format_float_json(buf *b, double f);

/* Parsing, as strconv.ParseInt / ParseUint / ParseFloat(s, 64).  Results: */
enum {
	GO_NUM_OK = 0,
	GO_NUM_SYNTAX, /* "invalid syntax": *out is 0 */
	GO_NUM_RANGE,  /* "value out of range": *out is the clamped value (±Inf for floats) */
};
/* BASE 0 means Go literal rules: 0x, 0o, 0b prefixes, a leading 0 is octal, '_' separators. */
int go_parse_int(const char *s, size_t n, int base, int64_t *out);
int go_parse_uint(const char *s, size_t n, int base, uint64_t *out);
/* Decimal and hex (0x1p-2) literals, '_' separators, inf/infinity/nan in any case. */
int go_parse_float(const char *s, size_t n, double *out);

/* utf8.DecodeRune: the rune at S and its byte length in *SIZE; an invalid or truncated
 * sequence (overlong, surrogate, > U+10FFFF) gives -1 with *SIZE 1.  N must be > 0. */
int go_utf8_decode(const char *s, size_t n, int *size);
/* utf8.Valid: every rune decodes. */
bool go_utf8_valid(const char *s, size_t n);
/* utf8.EncodeRune: appends R (invalid runes as U+FFFD). */
void go_utf8_encode(buf *b, int r);

/* The value of hex digit C in either case, or -1. */
int hex_digit(int c);

#endif
