/* lex.h — the template lexer (Go's text/template/parse lexer, pulled one item at a time). */
#ifndef HELM_TEMPLATE_LEX_H
#define HELM_TEMPLATE_LEX_H

#include <stdbool.h>
#include <stddef.h>

enum item_type {
	I_ERROR, I_BOOL, I_CHAR, I_CHARCONST, I_COMMENT, I_COMPLEX, I_ASSIGN, I_DECLARE, I_EOF,
	I_FIELD, I_IDENT, I_LDELIM, I_LPAREN, I_NUMBER, I_PIPE, I_RAWSTRING, I_RDELIM, I_RPAREN,
	I_SPACE, I_STRING, I_TEXT, I_VARIABLE,
	I_KEYWORD, /* keywords follow */
	I_BLOCK, I_BREAK, I_CONTINUE, I_DOT, I_DEFINE, I_ELSE, I_END, I_IF, I_NIL, I_RANGE,
	I_TEMPLATE, I_WITH,
};

struct item {
	const char *val; /* into the input, or the error message */
	unsigned len;
	int type;
	int pos;
};

struct lexer {
	const char *in;
	size_t n, pos, start;
	bool inside;
	int lost_lines; /* newlines inside the comments read so far (Go does not count them) */
	int paren_depth;
	int last_w; /* width of the last rune read, for backup */
	char *err; /* the last error message (malloc'd) */
};

void lex_init(struct lexer *l, const char *text, size_t len);
struct item lex_next(struct lexer *l);
void lex_free(struct lexer *l);
/* The line (from 1) of byte POS of TEXT, counting every newline (less lost_lines for Go's). */
int lex_line(const char *text, size_t pos);

/* Decodes one UTF-8 rune at S (N bytes left): returns its width, *r the rune (0xFFFD if bad). */
int utf8_decode(const char *s, size_t n, int *r);

#endif
