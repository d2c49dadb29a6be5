/* parse.c — Go's text/template/parse: items to a tree of nodes, with Go's error messages.
 * Errors unwind with longjmp: every allocation of a parse is in its arena, so nothing leaks. */
#include "template/internal.h"
#include "template/lex.h"
#include "gofmt.h"
#include "strconv.h"
#include "util.h"

#include <setjmp.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* Go 1.23 does not limit nesting (it accepts 100000 nested parentheses or ifs); we stop at
 * that depth so that the parser and executor stay within their big stack (template.c). */
enum { MAX_DEPTH = 100000 };

struct parser {
	struct lexer lex;
	struct item token[3];
	int peekcount;
	const char *parse_name;
	const char *text;
	const tmpl_funcs *funcs;
	struct arena **arena;
	struct tree *tree;      /* the tree being built */
	const char **vars;      /* variables in scope; those from vbase on belong to this tree */
	int nvars, capvars, vbase;
	int range_depth, depth;
	int action_pos;         /* where the action being parsed starts, or -1 */
	struct tree **trees;    /* Go's treeSet */
	int ntrees, captrees;
	node **stack;           /* members of the lists being built, innermost last (malloc'd) */
	int nstack, capstack;
	jmp_buf jb;
	char *err;
};

/* The line of POS as Go's lexer counts it, for error messages (the comments read so far are
 * all before POS: it is the last token's, or the start of the action it is in). */
static int line_at(const struct parser *p, int pos)
{
	return lex_line(p->text, (size_t)pos) - p->lex.lost_lines;
}

static int token_line(const struct parser *p) { return line_at(p, p->token[0].pos); }

static void errorf(struct parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
static void errorf(struct parser *p, const char *fmt, ...)
{
	buf b = BUF_INIT;
	buf_printf(&b, "template: %s:%d: ", p->parse_name, token_line(p));
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p->err = buf_detach(&b, NULL);
	longjmp(p->jb, 1);
}

/* errorf with a Go-quoted (%q) string at the end of the message. */
static void errorq(struct parser *p, const char *prefix, const char *s, size_t n, const char *suffix) __attribute__((noreturn));
static void errorq(struct parser *p, const char *prefix, const char *s, size_t n, const char *suffix)
{
	buf b = BUF_INIT;
	buf_printf(&b, "template: %s:%d: %s", p->parse_name, token_line(p), prefix);
	go_strconv_quote(&b, s, n);
	buf_puts(&b, suffix);
	p->err = buf_detach(&b, NULL);
	longjmp(p->jb, 1);
}

/* Go's item.String(); of a chain of fields its first, the item Go's lexer makes of it. */
static void item_string(buf *b, const struct item *item)
{
	struct item first = *item, *i = &first;
	const char *dot = i->type == I_FIELD && i->len > 1 ? memchr(i->val + 1, '.', i->len - 1) : NULL;
	if (dot)
		i->len = (unsigned)(dot - i->val);
	if (i->type == I_EOF)
		buf_puts(b, "EOF");
	else if (i->type == I_ERROR)
		buf_add(b, i->val, i->len);
	else if (i->type > I_KEYWORD)
		buf_printf(b, "<%.*s>", (int)i->len, i->val);
	else {
		size_t n = 0;
		int runes = 0;
		while (n < i->len && runes < 10) {
			int r;
			n += (size_t)utf8_decode(i->val + n, i->len - n, &r);
			runes++;
		}
		go_strconv_quote(b, i->val, n);
		if (n < i->len)
			buf_puts(b, "...");
	}
}

static struct item next(struct parser *p)
{
	if (p->peekcount > 0)
		p->peekcount--;
	else
		p->token[0] = lex_next(&p->lex);
	return p->token[p->peekcount];
}

static void backup(struct parser *p) { p->peekcount++; }
static void backup2(struct parser *p, struct item t1) { p->token[1] = t1; p->peekcount = 2; }
static void backup3(struct parser *p, struct item t2, struct item t1)
{
	p->token[1] = t1;
	p->token[2] = t2;
	p->peekcount = 3;
}

static struct item peek(struct parser *p)
{
	if (p->peekcount > 0)
		return p->token[p->peekcount - 1];
	p->peekcount = 1;
	p->token[0] = lex_next(&p->lex);
	return p->token[0];
}

static struct item next_nonspace(struct parser *p)
{
	for (;;) {
		/* next() without copying the spaces it skips */
		if (p->peekcount > 0)
			p->peekcount--;
		else
			p->token[0] = lex_next(&p->lex);
		if (p->token[p->peekcount].type != I_SPACE)
			return p->token[p->peekcount];
	}
}

static struct item peek_nonspace(struct parser *p)
{
	struct item t = next_nonspace(p);
	backup(p);
	return t;
}

static void unexpected(struct parser *p, const struct item *t, const char *context) __attribute__((noreturn));
static void unexpected(struct parser *p, const struct item *t, const char *context)
{
	buf b = BUF_INIT;
	item_string(&b, t);
	if (t->type == I_ERROR) {
		int action_line = p->action_pos < 0 ? 0 : line_at(p, p->action_pos);
		if (action_line != 0 && action_line != line_at(p, t->pos)) {
			bool action = b.len >= 7 && memcmp(b.s + b.len - 7, " action", 7) == 0;
			buf_printf(&b, "%s started at %s:%d", action ? "" : " in action", p->parse_name, action_line);
		}
		char *m = buf_detach(&b, NULL);
		p->err = NULL;
		buf e = BUF_INIT;
		buf_printf(&e, "template: %s:%d: %s", p->parse_name, token_line(p), m);
		free(m);
		p->err = buf_detach(&e, NULL);
		longjmp(p->jb, 1);
	}
	char *s = buf_detach(&b, NULL);
	buf e = BUF_INIT;
	buf_printf(&e, "template: %s:%d: unexpected %s in %s", p->parse_name, token_line(p), s, context);
	free(s);
	p->err = buf_detach(&e, NULL);
	longjmp(p->jb, 1);
}

static struct item expect(struct parser *p, int type, const char *context)
{
	struct item t = next_nonspace(p);
	if (t.type != type)
		unexpected(p, &t, context);
	return t;
}

/* The bytes of a node of TYPE: up to its last member (internal.h orders them for this). */
#define UPTO(member) (offsetof(node, member) + sizeof ((node *)0)->member)
static const unsigned char node_size[] = {
	[N_TEXT] = UPTO(text), [N_COMMENT] = UPTO(text),
	[N_ACTION] = UPTO(pipe), [N_TEMPLATE] = UPTO(pipe),
	[N_IF] = UPTO(elselist), [N_RANGE] = UPTO(elselist), [N_WITH] = UPTO(elselist),
	[N_LIST] = UPTO(kids), [N_COMMAND] = UPTO(kids), [N_PIPE] = UPTO(decl),
	[N_FIELD] = UPTO(ident), [N_VARIABLE] = UPTO(ident), [N_CHAIN] = UPTO(sub),
	[N_IDENT] = UPTO(builtin), [N_STRING] = UPTO(value), [N_NUMBER] = UPTO(num),
	[N_BOOL] = UPTO(qlen), [N_DOT] = UPTO(qlen), [N_NIL] = UPTO(qlen), [N_BREAK] = UPTO(qlen),
	[N_CONTINUE] = UPTO(qlen), [N_ELSE] = UPTO(qlen), [N_END] = UPTO(qlen),
};

static node *new_node(struct parser *p, int type, int pos)
{
	node *n = arena_alloc(p->arena, node_size[type]);
	n->type = (unsigned char)type;
	n->pos = pos;
	return n;
}

/* A list (of nodes, commands, arguments, declarations) is gathered on the parser's stack
 * from MARK = p->nstack on, and then takes an exact copy in the arena: lists nest, so the
 * innermost one is always on top. */
static void push(struct parser *p, node *k)
{
	if (p->nstack == p->capstack) {
		p->capstack = p->capstack ? 2 * p->capstack : 64;
		p->stack = xrealloc(p->stack, (size_t)p->capstack * sizeof *p->stack);
	}
	p->stack[p->nstack++] = k;
}

static node **take(struct parser *p, int mark, int *n)
{
	*n = p->nstack - mark;
	p->nstack = mark;
	if (!*n)
		return NULL;
	node **kids = arena_alloc(p->arena, (size_t)*n * sizeof *kids);
	memcpy(kids, p->stack + mark, (size_t)*n * sizeof *kids);
	return kids;
}

static void push_var(struct parser *p, const char *name)
{
	if (p->nvars == p->capvars) {
		p->capvars = p->capvars ? 2 * p->capvars : 16;
		const char **v = arena_alloc(p->arena, (size_t)p->capvars * sizeof *v);
		if (p->nvars)
			memcpy(v, p->vars, (size_t)p->nvars * sizeof *v);
		p->vars = v;
	}
	p->vars[p->nvars++] = name;
}

/* Appends the identifiers of "a.b.c" (after an optional leading '.') to N's: one copy of the
 * text, its dots made NULs. */
static void split_ident(struct parser *p, node *n, const char *s, size_t len)
{
	if (len && s[0] == '.') {
		s++;
		len--;
	}
	int k = 1;
	for (const char *d = s; (d = memchr(d, '.', len - (size_t)(d - s))); d++)
		k++;
	char **id = arena_alloc(p->arena, (size_t)(n->nident + k) * sizeof *id);
	if (n->nident)
		memcpy(id, n->ident, (size_t)n->nident * sizeof *id);
	char *c = arena_strndup(p->arena, s, len);
	id[n->nident++] = c;
	for (size_t i = 0; i < len; i++)
		if (c[i] == '.') {
			c[i] = 0;
			id[n->nident++] = c + i + 1;
		}
	n->ident = id;
}

/* "$x.a.b": "$x", "a", "b". */
static node *new_variable(struct parser *p, int pos, const char *s, size_t len)
{
	node *n = new_node(p, N_VARIABLE, pos);
	split_ident(p, n, s, len);
	return n;
}

static node *new_field(struct parser *p, int pos, const char *s, size_t len)
{
	node *n = new_node(p, N_FIELD, pos);
	split_ident(p, n, s, len);
	return n;
}

/* --- literals --- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return 99;
}

/* Go's strconv.UnquoteChar: one (escaped) character of S; returns bytes consumed or -1.
 * *r is the rune, *byte set when it is a single byte (\x, octal) rather than a rune. */
static int unquote_char(const char *s, size_t n, char quote, int *r, bool *isbyte)
{
	*isbyte = false;
	if (n == 0)
		return -1;
	unsigned char c = (unsigned char)s[0];
	if (c == (unsigned char)quote && (quote == '\'' || quote == '"'))
		return -1;
	if (c >= 0x80) {
		return utf8_decode(s, n, r);
	}
	if (c != '\\') {
		*r = c;
		return 1;
	}
	if (n < 2)
		return -1;
	c = (unsigned char)s[1];
	switch (c) {
	case 'a': *r = 7; return 2;
	case 'b': *r = 8; return 2;
	case 'f': *r = 12; return 2;
	case 'n': *r = 10; return 2;
	case 'r': *r = 13; return 2;
	case 't': *r = 9; return 2;
	case 'v': *r = 11; return 2;
	case '\\': *r = '\\'; return 2;
	case '\'': case '"':
		if (c != (unsigned char)quote)
			return -1;
		*r = c;
		return 2;
	case 'x': case 'u': case 'U': {
		int nd = c == 'x' ? 2 : c == 'u' ? 4 : 8;
		if ((size_t)nd + 2 > n)
			return -1;
		long v = 0;
		for (int i = 0; i < nd; i++) {
			int h = hexval((unsigned char)s[2 + i]);
			if (h > 15)
				return -1;
			v = v * 16 + h;
		}
		if (c == 'x') {
			*r = (int)v;
			*isbyte = true;
			return 4;
		}
		if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			return -1;
		*r = (int)v;
		return nd + 2;
	}
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
		if (n < 4)
			return -1;
		int v = 0;
		for (int i = 1; i < 4; i++) {
			int d = (unsigned char)s[i] - '0';
			if (d < 0 || d > 7)
				return -1;
			v = v * 8 + d;
		}
		if (v > 255)
			return -1;
		*r = v;
		*isbyte = true;
		return 4;
	}
	}
	return -1;
}

/* strconv.Unquote of a "..." or `...` literal: into the arena, or (not NUL-terminated) in the
 * text itself when nothing is escaped. */
static const char *unquote(struct parser *p, const struct item *t, size_t *outlen)
{
	const char *s = t->val + 1;
	size_t n = t->len - 2;
	if (!memchr(s, t->val[0] == '`' ? '\r' : '\\', n)) {
		*outlen = n;
		return s;
	}
	buf b = BUF_INIT;
	if (t->val[0] == '`') {
		for (size_t i = 0; i < n; i++)
			if (s[i] != '\r')
				buf_putc(&b, s[i]);
	} else {
		size_t i = 0;
		while (i < n) {
			int r;
			bool isbyte;
			int w = unquote_char(s + i, n - i, '"', &r, &isbyte);
			if (w < 0) {
				buf_free(&b);
				errorf(p, "invalid syntax");
			}
			if (isbyte || r < 0x80)
				buf_putc(&b, (char)r);
			else if ((unsigned char)s[i] >= 0x80)
				buf_add(&b, s + i, (size_t)w); /* raw bytes, valid or not */
			else
				go_utf8_encode(&b, r);
			i += (size_t)w;
		}
	}
	*outlen = b.len;
	char *r = arena_strndup(p->arena, buf_str(&b), b.len);
	buf_free(&b);
	return r;
}

static bool parse_uint(const char *s, size_t n, uint64_t *out) { return go_parse_uint(s, n, 0, out) == GO_NUM_OK; }
static bool parse_int(const char *s, size_t n, int64_t *out) { return go_parse_int(s, n, 0, out) == GO_NUM_OK; }
static bool parse_float(const char *s, size_t n, double *out) { return go_parse_float(s, n, out) == GO_NUM_OK; }

static void simplify_complex(node *n)
{
	n->num->is_float = n->num->im == 0;
	if (n->num->is_float) {
		double f = n->num->f = n->num->re;
		n->num->is_int = f >= -9223372036854775808.0 && f < 9223372036854775808.0 && (double)(int64_t)f == f;
		if (n->num->is_int)
			n->num->i = (int64_t)f;
		n->num->is_uint = f >= 0 && f < 18446744073709551616.0 && (double)(uint64_t)f == f;
		if (n->num->is_uint)
			n->num->u = (uint64_t)f;
	}
}

static node *new_number(struct parser *p, const struct item *t)
{
	node *n = new_node(p, N_NUMBER, t->pos);
	n->num = arena_alloc(p->arena, sizeof *n->num);
	const char *s = t->val;
	size_t len = t->len;
	n->text = arena_strndup(p->arena, s, len);
	n->len = len;
	if (t->type == I_CHARCONST) {
		int r;
		bool isbyte;
		int w = unquote_char(s + 1, len - 1, '\'', &r, &isbyte);
		if (w < 0)
			errorf(p, "invalid syntax");
		if ((size_t)w + 1 != len - 1 || s[len - 1] != '\'')
			errorf(p, "malformed character constant: %s", n->text);
		n->num->is_int = n->num->is_uint = n->num->is_float = true;
		n->num->i = r;
		n->num->u = (uint64_t)r;
		n->num->f = r;
		return n;
	}
	if (t->type == I_COMPLEX) {
		/* real part, then a signed imaginary part ending in 'i' */
		size_t split = 0;
		for (size_t i = 1; i < len; i++)
			if ((s[i] == '+' || s[i] == '-') && !strchr("eEpP", s[i - 1]))
				split = i;
		double re, im;
		if (!split || !parse_float(s, split, &re) || !parse_float(s + split, len - split - 1, &im))
			errorf(p, "expected integer");
		n->num->is_complex = true;
		n->num->re = re;
		n->num->im = im;
		simplify_complex(n);
		return n;
	}
	if (len > 0 && s[len - 1] == 'i') {
		double f;
		if (parse_float(s, len - 1, &f)) {
			n->num->is_complex = true;
			n->num->re = 0;
			n->num->im = f;
			simplify_complex(n);
			return n;
		}
	}
	uint64_t u;
	int64_t i;
	if (parse_uint(s, len, &u)) {
		n->num->is_uint = true;
		n->num->u = u;
	}
	if (parse_int(s, len, &i)) {
		n->num->is_int = true;
		n->num->i = i;
		if (i == 0) {
			n->num->is_uint = true;
			n->num->u = 0;
		}
	}
	if (n->num->is_int) {
		n->num->is_float = true;
		n->num->f = (double)n->num->i;
	} else if (n->num->is_uint) {
		n->num->is_float = true;
		n->num->f = (double)n->num->u;
	} else {
		double f;
		if (parse_float(s, len, &f)) {
			if (!strpbrk(n->text, ".eEpP"))
				errorq(p, "integer overflow: ", s, len, "");
			n->num->is_float = true;
			n->num->f = f;
			if (f >= -9223372036854775808.0 && f < 9223372036854775808.0 && (double)(int64_t)f == f) {
				n->num->is_int = true;
				n->num->i = (int64_t)f;
			}
			if (f >= 0 && f < 18446744073709551616.0 && (double)(uint64_t)f == f) {
				n->num->is_uint = true;
				n->num->u = (uint64_t)f;
			}
		}
	}
	if (!n->num->is_int && !n->num->is_uint && !n->num->is_float)
		errorq(p, "illegal number syntax: ", s, len, "");
	return n;
}

/* --- grammar --- */

static node *pipeline(struct parser *p, const char *context, int end);
static node *item_list(struct parser *p, node **endnode);
static node *command(struct parser *p);

static void enter(struct parser *p)
{
	if (++p->depth > MAX_DEPTH)
		errorf(p, "max expression depth exceeded");
}

static node *term(struct parser *p)
{
	struct item t = next_nonspace(p);
	node *n;
	switch (t.type) {
	case I_IDENT: {
		char small[64];
		char *name = t.len < sizeof small ? small : arena_alloc(p->arena, t.len + 1);
		memcpy(name, t.val, t.len);
		name[t.len] = 0;
		const struct tmpl_func *f = tmpl_funcs_get(p->funcs, name);
		const struct builtin *b = f ? NULL : builtin_get(name);
		if (!f && !b)
			errorq(p, "function ", name, t.len, " not defined");
		n = new_node(p, N_IDENT, t.pos);
		n->text = f ? f->name : b->name;
		n->len = (unsigned)t.len;
		n->func = f;
		n->builtin = b;
		return n;
	}
	case I_DOT:
		return new_node(p, N_DOT, t.pos);
	case I_NIL:
		return new_node(p, N_NIL, t.pos);
	case I_VARIABLE: {
		n = new_variable(p, t.pos, t.val, t.len);
		for (int i = p->nvars - 1; i >= p->vbase; i--)
			if (strcmp(p->vars[i], n->ident[0]) == 0)
				return n;
		errorf(p, "undefined variable \"%s\"", n->ident[0]);
	}
	case I_FIELD: {
		/* a chain ".a.b" is one item (lex.c): Go's parser joins its fields at the second */
		const char *second = memchr(t.val + 1, '.', t.len - 1);
		return new_field(p, second ? t.pos + (int)(second - t.val) : t.pos, t.val, t.len);
	}
	case I_BOOL:
		n = new_node(p, N_BOOL, t.pos);
		n->flag = t.val[0] == 't';
		return n;
	case I_CHARCONST: case I_COMPLEX: case I_NUMBER:
		return new_number(p, &t);
	case I_LPAREN:
		enter(p);
		n = pipeline(p, "parenthesized pipeline", I_RPAREN);
		p->depth--;
		return n;
	case I_STRING: case I_RAWSTRING: {
		size_t len;
		n = new_node(p, N_STRING, t.pos);
		n->quoted = t.val;
		n->qlen = t.len;
		n->text = unquote(p, &t, &len);
		n->len = (unsigned)len;
		return n;
	}
	}
	backup(p);
	return NULL;
}

static node *operand(struct parser *p)
{
	node *n = term(p);
	if (!n)
		return NULL;
	if (peek(p).type == I_FIELD) {
		/* the fields follow one another in the text: ".a.b.c" */
		struct item f = next(p);
		int pos = f.pos;
		const char *from = f.val, *to = f.val + f.len;
		while (peek(p).type == I_FIELD) {
			f = next(p);
			to = f.val + f.len;
		}
		switch (n->type) {
		case N_FIELD: case N_VARIABLE: {
			/* Go makes them one longer field or variable (at the chain's position) */
			n->pos = pos;
			split_ident(p, n, from, (size_t)(to - from));
			return n;
		}
		case N_BOOL: case N_STRING: case N_NUMBER: case N_NIL: case N_DOT: {
			buf b = BUF_INIT;
			node_string(&b, n);
			char *s = arena_strndup(p->arena, buf_str(&b), b.len);
			size_t len = b.len;
			buf_free(&b);
			errorq(p, "unexpected . after term ", s, len, "");
		}
		}
		node *chain = new_node(p, N_CHAIN, pos);
		chain->sub = n;
		split_ident(p, chain, from, (size_t)(to - from));
		return chain;
	}
	return n;
}

static node *command(struct parser *p)
{
	node *cmd = new_node(p, N_COMMAND, peek_nonspace(p).pos);
	int mark = p->nstack;
	for (;;) {
		peek_nonspace(p);
		node *o = operand(p);
		if (o)
			push(p, o);
		struct item t = next(p);
		switch (t.type) {
		case I_SPACE:
			continue;
		case I_RDELIM: case I_RPAREN:
			backup(p);
			break;
		case I_PIPE:
			break;
		default:
			unexpected(p, &t, "operand");
		}
		break;
	}
	cmd->kids = take(p, mark, &cmd->nkids);
	if (cmd->nkids == 0)
		errorf(p, "empty command");
	return cmd;
}

static void check_pipeline(struct parser *p, node *pipe, const char *context)
{
	if (pipe->nkids == 0)
		errorf(p, "missing value for %s", context);
	for (int i = 1; i < pipe->nkids; i++) {
		switch (pipe->kids[i]->kids[0]->type) {
		case N_BOOL: case N_DOT: case N_NIL: case N_NUMBER: case N_STRING:
			errorf(p, "non executable command in pipeline stage %d", i + 1);
		}
	}
}

static node *pipeline(struct parser *p, const char *context, int end)
{
	struct item t = peek_nonspace(p);
	node *pipe = new_node(p, N_PIPE, t.pos);
	int mark = p->nstack;
decls:
	if ((t = peek_nonspace(p)).type == I_VARIABLE) {
		struct item v = next(p);
		struct item after = peek(p);
		struct item nx = peek_nonspace(p);
		if (nx.type == I_ASSIGN || nx.type == I_DECLARE) {
			pipe->flag = nx.type == I_ASSIGN;
			next_nonspace(p);
			node *var = new_variable(p, v.pos, v.val, v.len);
			push(p, var);
			pipe->ndecl++;
			push_var(p, var->ident[0]);
		} else if (nx.type == I_CHAR && nx.len == 1 && nx.val[0] == ',') {
			next_nonspace(p);
			node *var = new_variable(p, v.pos, v.val, v.len);
			push(p, var);
			pipe->ndecl++;
			push_var(p, var->ident[0]);
			if (strcmp(context, "range") == 0 && pipe->ndecl < 2) {
				switch (peek_nonspace(p).type) {
				case I_VARIABLE: case I_RDELIM: case I_RPAREN:
					goto decls;
				default:
					errorf(p, "range can only initialize variables");
				}
			}
			errorf(p, "too many declarations in %s", context);
		} else if (after.type == I_SPACE) {
			backup3(p, v, after);
		} else {
			backup2(p, v);
		}
	}
	int ndecl; /* as counted above */
	pipe->decl = take(p, mark, &ndecl);
	for (;;) {
		t = next_nonspace(p);
		if (t.type == end) {
			pipe->kids = take(p, mark, &pipe->nkids);
			check_pipeline(p, pipe, context);
			return pipe;
		}
		switch (t.type) {
		case I_BOOL: case I_CHARCONST: case I_COMPLEX: case I_DOT: case I_FIELD: case I_IDENT:
		case I_NUMBER: case I_NIL: case I_RAWSTRING: case I_STRING: case I_VARIABLE: case I_LPAREN:
			backup(p);
			push(p, command(p));
			break;
		default:
			unexpected(p, &t, context);
		}
	}
}

static node *if_control(struct parser *p);
static node *with_control(struct parser *p);

static node *parse_control(struct parser *p, int type, const char *context)
{
	int mark = p->nvars;
	enter(p);
	node *n = new_node(p, type, 0);
	node *pipe = pipeline(p, context, I_RDELIM);
	if (type == N_RANGE)
		p->range_depth++;
	node *nx;
	node *list = item_list(p, &nx);
	if (type == N_RANGE)
		p->range_depth--;
	node *elselist = NULL;
	if (nx->type == N_ELSE) {
		if (type == N_IF && peek(p).type == I_IF) {
			next(p);
			elselist = new_node(p, N_LIST, nx->pos);
			push(p, if_control(p));
			elselist->kids = take(p, p->nstack - 1, &elselist->nkids);
		} else if (type == N_WITH && peek(p).type == I_WITH) {
			next(p);
			elselist = new_node(p, N_LIST, nx->pos);
			push(p, with_control(p));
			elselist->kids = take(p, p->nstack - 1, &elselist->nkids);
		} else {
			elselist = item_list(p, &nx);
			if (nx->type != N_END)
				errorf(p, "expected end; found %s", nx->type == N_ELSE ? "{{else}}" : "{{end}}");
		}
	}
	p->nvars = mark;
	p->depth--;
	n->pos = pipe->pos;
	n->pipe = pipe;
	n->list = list;
	n->elselist = elselist;
	return n;
}

static node *if_control(struct parser *p) { return parse_control(p, N_IF, "if"); }
static node *with_control(struct parser *p) { return parse_control(p, N_WITH, "with"); }

/* The name of a define, block or template clause (a C string: names are looked up). */
static char *template_name(struct parser *p, const struct item *t, const char *context)
{
	if (t->type != I_STRING && t->type != I_RAWSTRING)
		unexpected(p, t, context);
	size_t n;
	const char *s = unquote(p, t, &n);
	return arena_strndup(p->arena, s, n);
}

static void add_tree(struct parser *p, struct tree *t)
{
	for (int i = 0; i < p->ntrees; i++) {
		if (strcmp(p->trees[i]->name, t->name) == 0) {
			if (tree_is_empty(p->trees[i]->root)) {
				p->trees[i] = t;
				return;
			}
			if (!tree_is_empty(t->root))
				errorq(p, "template: multiple definition of template ", t->name, strlen(t->name), "");
			return;
		}
	}
	if (p->ntrees == p->captrees) {
		p->captrees = p->captrees ? 2 * p->captrees : 8;
		struct tree **tr = arena_alloc(p->arena, (size_t)p->captrees * sizeof *tr);
		if (p->ntrees)
			memcpy(tr, p->trees, (size_t)p->ntrees * sizeof *tr);
		p->trees = tr;
	}
	p->trees[p->ntrees++] = t;
}

/* Parses the body of a define or block as its own tree (Go's New(name).startParse...). */
static struct tree *sub_tree(struct parser *p, const char *name, const char *context)
{
	struct tree *outer = p->tree;
	int vbase = p->vbase, nvars = p->nvars, range_depth = p->range_depth, action_pos = p->action_pos;
	struct tree *t = arena_alloc(p->arena, sizeof *t);
	t->name = (char *)name;
	t->parse_name = p->parse_name;
	t->text = p->text;
	p->tree = t;
	p->vbase = p->nvars;
	push_var(p, "$");
	p->range_depth = 0;
	p->action_pos = -1;
	node *end;
	t->root = item_list(p, &end);
	if (end->type != N_END)
		errorf(p, "unexpected %s in %s", end->type == N_ELSE ? "{{else}}" : "{{end}}", context);
	add_tree(p, t);
	p->tree = outer;
	p->vbase = vbase;
	p->nvars = nvars;
	p->range_depth = range_depth;
	p->action_pos = action_pos;
	return t;
}

static node *action(struct parser *p)
{
	struct item t = next_nonspace(p);
	node *n;
	switch (t.type) {
	case I_BLOCK: {
		struct item nt = next_nonspace(p);
		char *name = template_name(p, &nt, "block clause");
		node *pipe = pipeline(p, "block clause", I_RDELIM);
		enter(p);
		sub_tree(p, name, "block clause");
		p->depth--;
		n = new_node(p, N_TEMPLATE, nt.pos);
		n->text = name;
		n->pipe = pipe;
		return n;
	}
	case I_BREAK: case I_CONTINUE: {
		bool brk = t.type == I_BREAK;
		struct item r = next_nonspace(p);
		if (r.type != I_RDELIM)
			unexpected(p, &r, brk ? "{{break}}" : "{{continue}}");
		if (p->range_depth == 0)
			errorf(p, "%s outside {{range}}", brk ? "{{break}}" : "{{continue}}");
		n = new_node(p, brk ? N_BREAK : N_CONTINUE, t.pos);
		return n;
	}
	case I_ELSE: {
		struct item pk = peek_nonspace(p);
		if (pk.type == I_IF || pk.type == I_WITH)
			return new_node(p, N_ELSE, pk.pos);
		struct item r = expect(p, I_RDELIM, "else");
		return new_node(p, N_ELSE, r.pos);
	}
	case I_END:
		return new_node(p, N_END, expect(p, I_RDELIM, "end").pos);
	case I_IF:
		return if_control(p);
	case I_RANGE:
		return parse_control(p, N_RANGE, "range");
	case I_WITH:
		return with_control(p);
	case I_TEMPLATE: {
		struct item nt = next_nonspace(p);
		char *name = template_name(p, &nt, "template clause");
		node *pipe = NULL;
		if (next_nonspace(p).type != I_RDELIM) {
			backup(p);
			pipe = pipeline(p, "template clause", I_RDELIM);
		}
		n = new_node(p, N_TEMPLATE, nt.pos);
		n->text = name;
		n->pipe = pipe;
		return n;
	}
	}
	backup(p);
	struct item pk = peek(p);
	n = new_node(p, N_ACTION, pk.pos);
	n->pipe = pipeline(p, "command", I_RDELIM);
	return n;
}

static node *text_or_action(struct parser *p)
{
	struct item t = next_nonspace(p);
	node *n;
	switch (t.type) {
	case I_TEXT:
		n = new_node(p, N_TEXT, t.pos);
		n->text = t.val; /* points into the tree's text */
		n->len = (unsigned)t.len;
		return n;
	case I_LDELIM: {
		p->action_pos = t.pos;
		n = action(p);
		p->action_pos = -1;
		return n;
	}
	case I_COMMENT:
		n = new_node(p, N_COMMENT, t.pos);
		return n;
	}
	unexpected(p, &t, "input");
}

static node *item_list(struct parser *p, node **endnode)
{
	node *list = new_node(p, N_LIST, peek_nonspace(p).pos);
	int mark = p->nstack;
	while (peek_nonspace(p).type != I_EOF) {
		node *n = text_or_action(p);
		if (n->type == N_END || n->type == N_ELSE) {
			*endnode = n;
			list->kids = take(p, mark, &list->nkids);
			return list;
		}
		push(p, n);
	}
	errorf(p, "unexpected EOF");
}

static void parse_top(struct parser *p)
{
	struct tree *t = p->tree;
	t->root = new_node(p, N_LIST, peek(p).pos);
	int mark = p->nstack;
	while (peek(p).type != I_EOF) {
		if (peek(p).type == I_LDELIM) {
			struct item delim = next(p);
			if (next_nonspace(p).type == I_DEFINE) {
				/* the define's own tree starts with a fresh token buffer */
				struct item tok[3];
				memcpy(tok, p->token, sizeof tok);
				p->peekcount = 0;
				struct item nt = next_nonspace(p);
				char *name = template_name(p, &nt, "define clause");
				expect(p, I_RDELIM, "define clause");
				sub_tree(p, name, "define clause");
				memcpy(p->token, tok, sizeof tok);
				p->peekcount = 0;
				continue;
			}
			backup2(p, delim);
		}
		node *n = text_or_action(p);
		if (n->type == N_END || n->type == N_ELSE)
			errorf(p, "unexpected %s", n->type == N_END ? "{{end}}" : "{{else}}");
		push(p, n);
	}
	t->root->kids = take(p, mark, &t->root->nkids);
	add_tree(p, t);
}

int tmpl_parse_trees(const char *name, const char *text, size_t len, bool kept, const tmpl_funcs *funcs,
		     struct arena **arena, struct tree ***trees, int *ntrees, char **err)
{
	struct parser parser = {0}, *p = &parser; /* tpl parses often: no allocation for it */
	p->arena = arena;
	p->action_pos = -1;
	const char *copy = kept ? text : arena_strndup(arena, text, len);
	p->text = copy;
	p->parse_name = arena_strndup(arena, name, strlen(name));
	p->funcs = funcs;
	lex_init(&p->lex, copy, len);
	struct tree *t = arena_alloc(arena, sizeof *t);
	t->name = (char *)p->parse_name;
	t->parse_name = p->parse_name;
	t->text = copy;
	p->tree = t;
	push_var(p, "$");
	int rc = 0;
	if (setjmp(p->jb) == 0) {
		parse_top(p);
		*trees = p->trees;
		*ntrees = p->ntrees;
	} else {
		*err = p->err;
		rc = -1;
	}
	lex_free(&p->lex);
	free(p->stack);
	return rc;
}

bool tree_is_empty(const node *n)
{
	if (!n)
		return true;
	switch (n->type) {
	case N_COMMENT:
		return true;
	case N_LIST:
		for (int i = 0; i < n->nkids; i++)
			if (!tree_is_empty(n->kids[i]))
				return false;
		return true;
	case N_TEXT:
		for (size_t i = 0; i < n->len; i++)
			if (!strchr(" \t\n\v\f\r", n->text[i]) || !n->text[i])
				return false;
		return true;
	}
	return false;
}
