#define _GNU_SOURCE
/* lex.c — Go's template lexer: text, {{ }} actions with trim markers, comments, and the
 * tokens inside actions.  Positions are byte offsets.  Lines are not tracked as Go tracks them
 * (only error messages show them): an item's line is 1 + the newlines before it, less those
 * inside comments, which Go's lexer skips without counting. */
#include "template/lex.h"
#include "buf.h"
#include "gofmt.h"
#include "sprig/unicode.h"
#include "strconv.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

#define EOF_RUNE (-1)
/* the per-byte helpers: inlined into the scanners, which call them for every rune */
#define HOT static inline __attribute__((always_inline))

int utf8_decode(const char *s, size_t n, int *r)
{
	if (n && (unsigned char)s[0] < 0x80) {
		*r = (unsigned char)s[0];
		return 1;
	}
	int size;
	*r = go_utf8_decode(s, n, &size);
	if (*r < 0)
		*r = 0xFFFD;
	return size;
}

/* Classes of the ASCII bytes (0 for the bytes of multibyte runes). */
enum { C_SPACE = 1, C_ALNUM = 2 };
static const unsigned char ascii_class[256] = {
	['\t'] = C_SPACE, ['\n'] = C_SPACE, ['\r'] = C_SPACE, [' '] = C_SPACE,
	['0' ... '9'] = C_ALNUM, ['A' ... 'Z'] = C_ALNUM, ['a' ... 'z'] = C_ALNUM, ['_'] = C_ALNUM,
};

HOT bool is_space(int r) { return r >= 0 && r < 0x80 && ascii_class[r] == C_SPACE; }
HOT bool is_space_byte(char c) { return ascii_class[(unsigned char)c] == C_SPACE; }

/* Go's isAlphaNumeric: '_', unicode.IsLetter or unicode.IsDigit. */
static bool is_alnum(int r)
{
	if (r < 0x80)
		return r >= 0 && ascii_class[r] == C_ALNUM;
	return uni_is_letter(r) || uni_is_digit(r);
}

void lex_init(struct lexer *l, const char *text, size_t len)
{
	memset(l, 0, sizeof *l);
	l->in = text;
	l->n = len;
}

void lex_free(struct lexer *l) { free(l->err); }

HOT int next(struct lexer *l, int *w)
{
	if (l->pos >= l->n) {
		*w = 0;
		return EOF_RUNE;
	}
	unsigned char c = (unsigned char)l->in[l->pos];
	if (c < 0x80) {
		*w = 1;
		l->pos++;
		return c;
	}
	int r;
	*w = utf8_decode(l->in + l->pos, l->n - l->pos, &r);
	l->pos += (size_t)*w;
	return r;
}

/* Go's next/backup pair: remember the width of the last rune. */
HOT int nextr(struct lexer *l) { return next(l, &l->last_w); }
HOT void backup(struct lexer *l)
{
	if (l->last_w > 0)
		l->pos -= (size_t)l->last_w;
}
HOT int peek(struct lexer *l)
{
	if (l->pos >= l->n)
		return EOF_RUNE;
	if ((unsigned char)l->in[l->pos] < 0x80)
		return (unsigned char)l->in[l->pos];
	int r;
	utf8_decode(l->in + l->pos, l->n - l->pos, &r);
	return r;
}

/* Whether the two bytes at AT are A and B. */
HOT bool has_prefix(const struct lexer *l, size_t at, char a, char b)
{
	return at + 2 <= l->n && l->in[at] == a && l->in[at + 1] == b;
}

static bool left_trim_marker(const struct lexer *l, size_t at)
{
	return at + 2 <= l->n && l->in[at] == '-' && is_space_byte(l->in[at + 1]);
}

HOT bool right_trim_marker(const struct lexer *l, size_t at)
{
	return at + 2 <= l->n && is_space_byte(l->in[at]) && l->in[at + 1] == '-';
}

int lex_line(const char *text, size_t pos)
{
	int line = 1;
	for (const char *p = text; (p = memchr(p, '\n', pos - (size_t)(p - text))); p++)
		line++;
	return line;
}

HOT struct item this_item(struct lexer *l, int type)
{
	struct item i = {l->in + l->start, (unsigned)(l->pos - l->start), type, (int)l->start};
	l->start = l->pos;
	return i;
}

static void ignore(struct lexer *l) { l->start = l->pos; }

static struct item errorf(struct lexer *l, char *msg)
{
	free(l->err);
	l->err = msg;
	struct item i = {msg, (unsigned)strlen(msg), I_ERROR, (int)l->start};
	l->start = l->pos = l->n = 0; /* nothing more to read: EOF follows */
	return i;
}

HOT bool at_right_delim(struct lexer *l, bool *trim)
{
	*trim = false;
	if (l->pos >= l->n)
		return false;
	/* "}}" or " -}}": most tokens begin with neither byte */
	if (l->in[l->pos] == '}')
		return has_prefix(l, l->pos, '}', '}');
	if (!is_space_byte(l->in[l->pos]))
		return false;
	*trim = right_trim_marker(l, l->pos) && has_prefix(l, l->pos + 2, '}', '}');
	return *trim;
}

HOT bool at_terminator(struct lexer *l)
{
	int r = peek(l);
	if (is_space(r))
		return true;
	switch (r) {
	case EOF_RUNE: case '.': case ',': case '|': case ':': case ')': case '(':
		return true;
	}
	return has_prefix(l, l->pos, '}', '}');
}

/* PREFIX and the rune as Go's %#U: U+2192 '→'. */
static char *quote_rune_msg(const char *prefix, int r)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%sU+%04X", prefix, (unsigned)r);
	if (go_is_print(r)) {
		buf_puts(&b, " '");
		go_utf8_encode(&b, r);
		buf_putc(&b, '\'');
	}
	return buf_detach(&b, NULL);
}

/* Go's %q of the input from start to pos (for "bad number syntax"). */
static char *quoted_span(struct lexer *l, const char *prefix)
{
	buf b = BUF_INIT;
	buf_puts(&b, prefix);
	buf_putc(&b, '"');
	for (size_t i = l->start; i < l->pos; i++) {
		unsigned char c = (unsigned char)l->in[i];
		if (c == '"' || c == '\\')
			buf_printf(&b, "\\%c", c);
		else if (c < 0x20 || c == 0x7F)
			buf_printf(&b, "\\x%02x", c);
		else
			buf_putc(&b, (char)c);
	}
	buf_putc(&b, '"');
	return buf_detach(&b, NULL);
}

/* The item type of the identifier W (N bytes): a keyword's, or I_IDENT. */
static int keyword(const char *w, size_t n)
{
#define IS(word) (n == sizeof word - 1 && memcmp(w, word, n) == 0)
	switch (w[0]) {
	case 'b': return IS("block") ? I_BLOCK : IS("break") ? I_BREAK : I_IDENT;
	case 'c': return IS("continue") ? I_CONTINUE : I_IDENT;
	case 'd': return IS("define") ? I_DEFINE : I_IDENT;
	case 'e': return IS("else") ? I_ELSE : IS("end") ? I_END : I_IDENT;
	case 'f': return IS("false") ? I_BOOL : I_IDENT;
	case 'i': return IS("if") ? I_IF : I_IDENT;
	case 'n': return IS("nil") ? I_NIL : I_IDENT;
	case 'r': return IS("range") ? I_RANGE : I_IDENT;
	case 't': return IS("template") ? I_TEMPLATE : IS("true") ? I_BOOL : I_IDENT;
	case 'w': return IS("with") ? I_WITH : I_IDENT;
	}
	return I_IDENT;
#undef IS
}

static bool accept(struct lexer *l, const char *valid)
{
	if (l->pos < l->n && l->in[l->pos] && strchr(valid, l->in[l->pos])) {
		l->pos++;
		return true;
	}
	return false;
}

static void accept_run(struct lexer *l, const char *valid)
{
	while (accept(l, valid))
		;
}

static bool scan_number(struct lexer *l)
{
	accept(l, "+-");
	const char *digits = "0123456789_";
	if (accept(l, "0")) {
		if (accept(l, "xX"))
			digits = "0123456789abcdefABCDEF_";
		else if (accept(l, "oO"))
			digits = "01234567_";
		else if (accept(l, "bB"))
			digits = "01_";
	}
	accept_run(l, digits);
	if (accept(l, "."))
		accept_run(l, digits);
	if (strlen(digits) == 11 && accept(l, "eE")) {
		accept(l, "+-");
		accept_run(l, "0123456789_");
	}
	if (strlen(digits) == 23 && accept(l, "pP")) {
		accept(l, "+-");
		accept_run(l, "0123456789_");
	}
	accept(l, "i");
	if (is_alnum(peek(l))) {
		nextr(l);
		return false;
	}
	return true;
}

static struct item lex_number(struct lexer *l)
{
	if (!scan_number(l))
		return errorf(l, quoted_span(l, "bad number syntax: "));
	int sign = peek(l);
	if (sign == '+' || sign == '-') {
		if (!scan_number(l) || l->in[l->pos - 1] != 'i')
			return errorf(l, quoted_span(l, "bad number syntax: "));
		return this_item(l, I_COMPLEX);
	}
	return this_item(l, I_NUMBER);
}

static struct item lex_quote(struct lexer *l, int q, int type, const char *unterminated)
{
	for (;;) {
		/* skip the bytes that need no look: not the quote, a backslash or a newline */
		const char *in = l->in;
		size_t pos = l->pos, n = l->n;
		while (pos < n && in[pos] != q && in[pos] != '\\' && in[pos] != '\n')
			pos++;
		l->pos = pos;
		int r = nextr(l);
		if (r == '\\' && q != '`') {
			r = nextr(l);
			if (r != EOF_RUNE && r != '\n')
				continue;
		}
		if (r == EOF_RUNE || (r == '\n' && q != '`'))
			return errorf(l, xstrdup(unterminated));
		if (r == q)
			return this_item(l, type);
	}
}

/* Reads alphanumeric runes; returns the one after them, left unread. */
static int scan_alnum(struct lexer *l)
{
	for (;;) {
		/* locals: a store to l->pos could alias the bytes read */
		const char *in = l->in;
		size_t pos = l->pos, n = l->n;
		while (pos < n && ascii_class[(unsigned char)in[pos]] == C_ALNUM)
			pos++;
		l->pos = pos;
		if (pos == n)
			return EOF_RUNE;
		if ((unsigned char)in[pos] < 0x80) /* ASCII, and not alphanumeric */
			return (unsigned char)in[pos];
		int r = nextr(l);
		if (!is_alnum(r)) {
			backup(l);
			return r;
		}
	}
}

/* Whether a field follows at the input: '.' and a rune Go's lexer reads a field from (a digit
 * would make a number). */
static bool field_follows(struct lexer *l)
{
	if (l->pos + 1 >= l->n || l->in[l->pos] != '.')
		return false;
	int r;
	utf8_decode(l->in + l->pos + 1, l->n - l->pos - 1, &r);
	return is_alnum(r) && (r < '0' || r > '9');
}

static struct item lex_field_or_variable(struct lexer *l, int type)
{
	if (at_terminator(l))
		return this_item(l, type == I_VARIABLE ? I_VARIABLE : I_DOT);
	int r = scan_alnum(l);
	if (!at_terminator(l))
		return errorf(l, quote_rune_msg("bad character ", r));
	/* A chain of fields ".a.b.c" is one item where Go's lexer makes one a field: its parser
	 * joins them into one node all the same (parse.c places and names it as Go does).  A chain
	 * that ends badly gives only its first field, which Go's parser would take first. */
	if (type == I_FIELD) {
		size_t first = l->pos;
		while (field_follows(l)) {
			l->pos++;
			scan_alnum(l);
		}
		if (!at_terminator(l))
			l->pos = first;
	}
	return this_item(l, type);
}

static struct item lex_identifier(struct lexer *l)
{
	int r = scan_alnum(l);
	if (!at_terminator(l))
		return errorf(l, quote_rune_msg("bad character ", r));
	return this_item(l, keyword(l->in + l->start, l->pos - l->start));
}

static struct item lex_right_delim(struct lexer *l)
{
	bool trim;
	at_right_delim(l, &trim);
	if (trim) {
		l->pos += 2;
		ignore(l);
	}
	l->pos += 2;
	struct item i = this_item(l, I_RDELIM);
	if (trim) {
		while (l->pos < l->n && is_space_byte(l->in[l->pos]))
			l->pos++;
		ignore(l);
	}
	l->inside = false;
	return i;
}

static struct item lex_inside(struct lexer *l)
{
	for (;;) {
		bool trim;
		if (at_right_delim(l, &trim)) {
			if (l->paren_depth == 0)
				return lex_right_delim(l);
			return errorf(l, xstrdup("unclosed left paren"));
		}
		int r = nextr(l);
		if (r == EOF_RUNE)
			return errorf(l, xstrdup("unclosed action"));
		if (is_space(r)) {
			/* the rest of the run of spaces (bytes, all ASCII) */
			const char *in = l->in;
			size_t pos = l->pos, n = l->n;
			int nsp = 1;
			for (; pos < n && is_space_byte(in[pos]); pos++, nsp++)
				;
			l->pos = pos;
			/* a space may begin " -}}": leave it to the delimiter */
			if (right_trim_marker(l, l->pos - 1) && has_prefix(l, l->pos + 1, '}', '}')) {
				l->pos--;
				if (nsp == 1)
					return lex_right_delim(l);
			}
			return this_item(l, I_SPACE);
		}
		switch (r) {
		case '=':
			return this_item(l, I_ASSIGN);
		case ':':
			if (nextr(l) != '=')
				return errorf(l, xstrdup("expected :="));
			return this_item(l, I_DECLARE);
		case '|':
			return this_item(l, I_PIPE);
		case '"':
			return lex_quote(l, '"', I_STRING, "unterminated quoted string");
		case '`':
			return lex_quote(l, '`', I_RAWSTRING, "unterminated raw quoted string");
		case '\'':
			return lex_quote(l, '\'', I_CHARCONST, "unterminated character constant");
		case '$':
			if (at_terminator(l))
				return this_item(l, I_VARIABLE);
			return lex_field_or_variable(l, I_VARIABLE);
		case '(':
			l->paren_depth++;
			return this_item(l, I_LPAREN);
		case ')':
			if (--l->paren_depth < 0)
				return errorf(l, xstrdup("unexpected right paren"));
			return this_item(l, I_RPAREN);
		case '.':
			if (l->pos < l->n && (l->in[l->pos] < '0' || l->in[l->pos] > '9'))
				return lex_field_or_variable(l, I_FIELD);
			/* '.' can start a number */
			__attribute__((fallthrough));
		case '+': case '-': case '0': case '1': case '2': case '3': case '4':
		case '5': case '6': case '7': case '8': case '9':
			backup(l);
			return lex_number(l);
		}
		if (is_alnum(r)) {
			backup(l);
			return lex_identifier(l);
		}
		if (r < 0x7F && r >= 0x20)
			return this_item(l, I_CHAR);
		return errorf(l, quote_rune_msg("unrecognized character in action: ", r));
	}
}

/* The first "{{" in S (N bytes), or NULL. */
static const char *find_ldelim(const char *s, size_t n)
{
	const char *end = s + n;
	while (s + 1 < end && (s = memchr(s, '{', (size_t)(end - s - 1)))) {
		if (s[1] == '{')
			return s;
		s++;
	}
	return NULL;
}

static struct item lex_text(struct lexer *l)
{
	for (;;) {
		const char *p = l->pos < l->n ? find_ldelim(l->in + l->pos, l->n - l->pos) : NULL;
		if (!p) {
			l->pos = l->n;
			if (l->pos > l->start)
				return this_item(l, I_TEXT);
			struct item i = this_item(l, I_EOF);
			i.val = "EOF";
			i.len = 3;
			return i;
		}
		size_t x = (size_t)(p - (l->in + l->pos));
		if (x > 0) {
			l->pos += x;
			size_t trim = 0;
			if (left_trim_marker(l, l->pos + 2))
				while (trim < l->pos - l->start && is_space_byte(l->in[l->pos - trim - 1]))
					trim++;
			l->pos -= trim;
			struct item i = this_item(l, I_TEXT);
			l->pos += trim;
			ignore(l);
			if (i.len > 0)
				return i;
		}
		/* left delimiter */
		l->pos += 2;
		bool trim = left_trim_marker(l, l->pos);
		size_t after = trim ? 2 : 0;
		if (has_prefix(l, l->pos + after, '/', '*')) {
			l->pos += after;
			ignore(l);
			l->pos += 2;
			const char *e = memmem(l->in + l->pos, l->n - l->pos, "*/", 2);
			if (!e)
				return errorf(l, xstrdup("unclosed comment"));
			l->pos = (size_t)(e - l->in) + 2;
			bool rtrim;
			if (!at_right_delim(l, &rtrim))
				return errorf(l, xstrdup("comment ends before closing delimiter"));
			l->lost_lines += lex_line(l->in + l->start, l->pos - l->start) - 1;
			if (rtrim)
				l->pos += 2;
			l->pos += 2;
			if (rtrim)
				while (l->pos < l->n && is_space_byte(l->in[l->pos]))
					l->pos++;
			ignore(l);
			continue;
		}
		struct item i = this_item(l, I_LDELIM);
		l->inside = true;
		l->pos += after;
		ignore(l);
		l->paren_depth = 0;
		return i;
	}
}

struct item lex_next(struct lexer *l)
{
	return l->inside ? lex_inside(l) : lex_text(l);
}
