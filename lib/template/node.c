/* node.c — Go's Node.String(): how error messages show the node being executed. */
#include "template/internal.h"
#include "gofmt.h"

#include <string.h>

static void pipe_string(buf *b, const node *n);

static void command_string(buf *b, const node *n)
{
	for (int i = 0; i < n->nkids; i++) {
		if (i > 0)
			buf_putc(b, ' ');
		if (n->kids[i]->type == N_PIPE) {
			buf_putc(b, '(');
			pipe_string(b, n->kids[i]);
			buf_putc(b, ')');
		} else
			node_string(b, n->kids[i]);
	}
}

static void pipe_string(buf *b, const node *n)
{
	for (int i = 0; i < n->ndecl; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		node_string(b, n->decl[i]);
	}
	if (n->ndecl)
		buf_puts(b, n->flag ? " = " : " := ");
	for (int i = 0; i < n->nkids; i++) {
		if (i > 0)
			buf_puts(b, " | ");
		command_string(b, n->kids[i]);
	}
}

void node_string(buf *b, const node *n)
{
	switch (n->type) {
	case N_TEXT:
		buf_add(b, n->text, n->len);
		break;
	case N_ACTION:
		buf_puts(b, "{{");
		pipe_string(b, n->pipe);
		buf_puts(b, "}}");
		break;
	case N_BOOL:
		buf_puts(b, n->flag ? "true" : "false");
		break;
	case N_CHAIN:
		if (n->sub->type == N_PIPE) {
			buf_putc(b, '(');
			pipe_string(b, n->sub);
			buf_putc(b, ')');
		} else
			node_string(b, n->sub);
		for (int i = 0; i < n->nident; i++) {
			buf_putc(b, '.');
			buf_puts(b, n->ident[i]);
		}
		break;
	case N_COMMAND:
		command_string(b, n);
		break;
	case N_DOT:
		buf_putc(b, '.');
		break;
	case N_FIELD:
		for (int i = 0; i < n->nident; i++) {
			buf_putc(b, '.');
			buf_puts(b, n->ident[i]);
		}
		break;
	case N_VARIABLE:
		for (int i = 0; i < n->nident; i++) {
			if (i > 0)
				buf_putc(b, '.');
			buf_puts(b, n->ident[i]);
		}
		break;
	case N_IDENT:
	case N_NUMBER:
		buf_add(b, n->text, n->len);
		break;
	case N_STRING:
		buf_add(b, n->quoted, n->qlen);
		break;
	case N_NIL:
		buf_puts(b, "nil");
		break;
	case N_PIPE:
		pipe_string(b, n);
		break;
	case N_LIST:
		for (int i = 0; i < n->nkids; i++)
			node_string(b, n->kids[i]);
		break;
	case N_IF: case N_RANGE: case N_WITH:
		buf_puts(b, n->type == N_IF ? "{{if " : n->type == N_RANGE ? "{{range " : "{{with ");
		pipe_string(b, n->pipe);
		buf_puts(b, "}}");
		node_string(b, n->list);
		if (n->elselist) {
			buf_puts(b, "{{else}}");
			node_string(b, n->elselist);
		}
		buf_puts(b, "{{end}}");
		break;
	case N_TEMPLATE:
		buf_puts(b, "{{template ");
		go_strconv_quote(b, n->text, strlen(n->text));
		if (n->pipe) {
			buf_putc(b, ' ');
			pipe_string(b, n->pipe);
		}
		buf_puts(b, "}}");
		break;
	case N_BREAK:
		buf_puts(b, "{{break}}");
		break;
	case N_CONTINUE:
		buf_puts(b, "{{continue}}");
		break;
	case N_COMMENT:
		buf_puts(b, "{{}}");
		break;
	case N_ELSE:
		buf_puts(b, "{{else}}");
		break;
	case N_END:
		buf_puts(b, "{{end}}");
		break;
	}
}
