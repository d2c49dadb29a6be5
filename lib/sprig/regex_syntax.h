/* regex_syntax.h — Go regexp syntax to PCRE2 syntax, for regex_go.c.
 *
 * The parse follows go1.23's regexp/syntax: the same patterns are rejected with the same
 * "error parsing regexp: CODE: `EXPR`" messages.  The output keeps Go's meaning under PCRE2
 * with PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_CIRCUMFLEX and LF newlines: literals as
 * \x{..}, Go's \s as [\t\n\f\r ], assertions grouped so they may be repeated, {,n} literal,
 * named groups as plain groups (their names returned apart: Go allows duplicates and leading
 * digits), nested repeat counts limited to 1000 as Go limits them. */
#ifndef HELM_SPRIG_REGEX_SYNTAX_H
#define HELM_SPRIG_REGEX_SYNTAX_H

#include <stddef.h>

/* Returns the malloc'd PCRE2 pattern, *ngroups and *names ([1..ngroups], "" when unnamed; free
 * with go_regexp_free_names), or NULL with *err. */
char *go_regexp_translate(const char *pat, size_t len, char ***names, int *ngroups, char **err);
void go_regexp_free_names(char **names, int n);

#endif
