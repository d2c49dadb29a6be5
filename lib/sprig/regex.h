/* regex.h — Go's regexp (RE2 syntax, go1.23) on top of PCRE2.
 *
 * The pattern is parsed with Go's rules and Go's error messages, then rewritten into an
 * equivalent PCRE2 pattern (Go's \s, $ = end of text, named groups kept aside so that Go's
 * duplicate or digit-leading names work, loops guarded where Go drops empty iterations).  Both
 * engines pick the leftmost-first match, so results agree for everything RE2 accepts.  In the
 * text, each invalid UTF-8 byte is a U+FFFD rune, as Go reads it. */
#ifndef HELM_SPRIG_REGEX_H
#define HELM_SPRIG_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct go_regexp go_regexp;

/* regexp.Compile.  NULL with *err = "error parsing regexp: missing closing ): `(`" etc. */
go_regexp *go_regexp_compile(const char *pat, size_t len, char **err);
void go_regexp_free(go_regexp *re);
/* Number of capturing groups (Go's NumSubexp). */
int go_regexp_ngroups(const go_regexp *re);

/* The leftmost-first match in S[0..n) starting the search at POS (text before POS is still
 * context for ^, \b ...).  On a match fills M with 2*(ngroups+1) offsets (-1 for groups that
 * did not take part) and returns true. */
bool go_regexp_exec(const go_regexp *re, const char *s, size_t n, size_t pos, long *m);

/* Go's allMatches: up to N matches (N < 0: all), an empty match right after a previous match
 * skipped.  Returns a malloc'd array of *count match vectors of 2*(ngroups+1) offsets each. */
long *go_regexp_find_all(const go_regexp *re, const char *s, size_t n, long limit, size_t *count);

/* ReplaceAllString (LITERAL false: $1, ${name}, $$ expanded) / ReplaceAllLiteralString,
 * appended to OUT. */
void go_regexp_replace_all(const go_regexp *re, const char *s, size_t n, const char *repl,
			   size_t rlen, bool literal, buf *out);

/* regexp.QuoteMeta appended to OUT. */
void go_regexp_quote_meta(buf *out, const char *s, size_t n);

#endif
