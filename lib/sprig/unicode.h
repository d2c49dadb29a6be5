/* unicode.h — Go's unicode/utf8 decoding and the unicode package's classes and simple case
 * mappings, as Sprig's string functions need them (tables: unicode_tables.c, generated). */
#ifndef HELM_SPRIG_UNICODE_H
#define HELM_SPRIG_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define RUNE_ERROR 0xFFFD

/* utf8.DecodeRuneInString: the rune at S and its byte length in *SIZE; an invalid or short
 * encoding gives RUNE_ERROR with *SIZE 1, an empty string RUNE_ERROR with *SIZE 0. */
int32_t utf8_decode(const char *s, size_t n, size_t *size);
/* utf8.AppendRune: surrogates and values beyond U+10FFFF are written as U+FFFD. */
void utf8_encode(buf *b, int32_t r);
/* utf8.RuneCountInString. */
size_t utf8_count(const char *s, size_t n);

bool uni_is_upper(int32_t r);  /* Lu */
bool uni_is_lower(int32_t r);  /* Ll */
bool uni_is_title(int32_t r);  /* Lt */
bool uni_is_letter(int32_t r); /* L */
bool uni_is_digit(int32_t r);  /* Nd */
bool uni_is_number(int32_t r); /* N */
bool uni_is_punct(int32_t r);  /* P */
bool uni_is_space(int32_t r);  /* White_Space */
int32_t uni_to_upper(int32_t r);
int32_t uni_to_lower(int32_t r);
int32_t uni_to_title(int32_t r);

/* The generated tables: inversion lists of the classes, (first code point, delta) case maps. */
extern const int32_t uni_upper[], uni_lower[], uni_title[], uni_letter[], uni_digit[],
	uni_number[], uni_punct[], uni_space[];
extern const size_t uni_upper_len, uni_lower_len, uni_title_len, uni_letter_len, uni_digit_len,
	uni_number_len, uni_punct_len, uni_space_len;
extern const int32_t uni_to_upper_map[], uni_to_lower_map[], uni_to_title_map[];
extern const size_t uni_to_upper_map_len, uni_to_lower_map_len, uni_to_title_map_len;

#endif
