/* regex_syntax.h — Go regexp syntax to PCRE2 syntax, for regex_go.c.
 *
 * The parse follows go1.23's regexp/syntax: the same patterns are rejected with the same
 * "error parsing regexp: CODE: `EXPR`" messages.  The output keeps Go's meaning under PCRE2
 * with PCRE2_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_ALT_CIRCUMFLEX and LF newlines: literals as
 * \x{..}, Go's \s as [\t\n\f\r ], assertions grouped so they may be repeated, {,n} literal,
 * named groups as plain groups (their names returned apart: Go allows duplicates and leading
 * digits), nested repeat counts limited to 1000 as Go limits them, and loops that could repeat
 * an empty match of a capturing group guarded so that they drop such iterations as Go does. */
#ifndef HELM_SPRIG_REGEX_SYNTAX_H
#define HELM_SPRIG_REGEX_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

struct go_regexp_syntax {
	char *pcre;   /* the PCRE2 pattern */
	int ngroups;  /* Go's capturing groups */
	char **names; /* [1..ngroups], "" when unnamed */
	int *index;   /* [1..ngroups]: each Go group's number in the PCRE2 pattern */
	int nloops;   /* loops guarded by callout {k} with groups hA<k>, hB<k>: such a loop must
	               * fail an iteration that matches empty unless it is the first, as Go does */
};

/* Fills X (free with go_regexp_syntax_free), or returns false with *err. */
bool go_regexp_translate(const char *pat, size_t len, struct go_regexp_syntax *x, char **err);
void go_regexp_syntax_free(struct go_regexp_syntax *x);

#endif
