/* exec.c — Go's text/template executor: walks a tree with data, writing to a buffer.
 *
 * A value being evaluated is a `val`: v is a new reference, or NULL for Go's invalid
 * reflect.Value (what a missing key or an unset variable gives); `boxed` says the value was
 * reached through an interface{} (an element of a map[string]interface{} or []interface{}),
 * which Go shows in some messages ("can't evaluate field x in type interface {}"). */
#include "template/internal.h"
#include "gofmt.h"
#include "util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_EXEC_DEPTH = 100000 };
enum { W_OK = 0, W_ERR = -1, W_BREAK = 1, W_CONTINUE = 2 };

typedef struct {
	hv *v;
	bool boxed;
} val;

struct var {
	const char *name;
	val v;
};

struct tmpl_ctx {
	tmpl_set *set;
	struct tree *tmpl;  /* the template being executed */
	buf *out;
	const node *node;   /* where we are, for errors */
	struct var *vars;   /* small, until more are in scope */
	int nvars, capvars;
	struct var small[8];
	int depth;
	void *userdata;
	char *err;
};

static val invalid(void) { return (val){NULL, false}; }
static void val_free(val v) { hv_free(v.v); }
static val val_ref(val v) { return (val){v.v ? hv_ref(v.v) : NULL, v.boxed}; }

/* --- errors --- */

static int verrorf(tmpl_ctx *s, const char *fmt, va_list ap)
{
	buf b = BUF_INIT;
	if (!s->node) {
		buf_printf(&b, "template: %s: ", s->tmpl->name);
	} else {
		/* the node is in the tree being executed: nodes do not point to their tree, as
		 * files of identical text share them (template.c) */
		const node *n = s->node;
		const char *text = s->tmpl->text;
		int pos = n->pos, line = 1, col;
		const char *lastnl = NULL;
		for (const char *p = text; p < text + pos; p++)
			if (*p == '\n') {
				line++;
				lastnl = p;
			}
		col = lastnl ? (int)(text + pos - lastnl - 1) : pos;
		buf_printf(&b, "template: %s:%d:%d: executing ", s->tmpl->parse_name, line, col);
		go_strconv_quote(&b, s->tmpl->name, strlen(s->tmpl->name));
		buf_puts(&b, " at <");
		node_string(&b, n);
		buf_puts(&b, ">: ");
	}
	buf_vprintf(&b, fmt, ap);
	free(s->err);
	s->err = buf_detach(&b, NULL);
	return W_ERR;
}

static int errorf(tmpl_ctx *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int errorf(tmpl_ctx *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verrorf(s, fmt, ap);
	va_end(ap);
	return W_ERR;
}

/* errorf with a value printed as %v at the end. */
static int errorv(tmpl_ctx *s, const char *prefix, const hv *v)
{
	buf b = BUF_INIT;
	go_print_value(&b, v);
	errorf(s, "%s%s", prefix, buf_str(&b));
	buf_free(&b);
	return W_ERR;
}

static void at(tmpl_ctx *s, const node *n) { s->node = n; }

/* --- variables --- */

static void push(tmpl_ctx *s, const char *name, val v)
{
	if (s->nvars == s->capvars) {
		s->capvars *= 2;
		if (s->vars == s->small) {
			s->vars = xmalloc((size_t)s->capvars * sizeof *s->vars);
			memcpy(s->vars, s->small, sizeof s->small);
		} else {
			s->vars = xrealloc(s->vars, (size_t)s->capvars * sizeof *s->vars);
		}
	}
	s->vars[s->nvars++] = (struct var){name, v};
}

static void pop(tmpl_ctx *s, int mark)
{
	while (s->nvars > mark)
		val_free(s->vars[--s->nvars].v);
}

static int set_var(tmpl_ctx *s, const char *name, val v)
{
	for (int i = s->nvars - 1; i >= 0; i--)
		if (strcmp(s->vars[i].name, name) == 0) {
			val_free(s->vars[i].v);
			s->vars[i].v = v;
			return 0;
		}
	val_free(v);
	return errorf(s, "undefined variable: %s", name);
}

static void set_top_var(tmpl_ctx *s, int n, val v)
{
	val_free(s->vars[s->nvars - n].v);
	s->vars[s->nvars - n].v = v;
}

static int var_value(tmpl_ctx *s, const char *name, val *out)
{
	for (int i = s->nvars - 1; i >= 0; i--)
		if (strcmp(s->vars[i].name, name) == 0) {
			*out = val_ref(s->vars[i].v);
			return 0;
		}
	return errorf(s, "undefined variable: %s", name);
}

/* --- truth --- */

static bool truth(const hv *v)
{
	if (!v)
		return false;
	if (hv_object_ops_of(v) == &go_complex_ops) {
		const double *c = hv_object_data(v);
		return c[0] != 0 || c[1] != 0;
	}
	return hv_truth(v);
}

/* --- types of parameters --- */

static const char *code_type(char c)
{
	switch (c) {
	case 's': return "string";
	case 'i': return "int";
	case 'I': return "int64";
	case 'f': return "float64";
	case 'b': return "bool";
	case 'L': return "[]interface {}";
	case 'S': return "[]string";
	case 'M': return "map[string]interface {}";
	case 'R': return "reflect.Value";
	case 'T': return "time.Time";
	default: return "interface {}";
	}
}

static bool assignable(const hv *v, char c)
{
	switch (c) {
	case 's': return hv_kind_of(v) == HV_STRING;
	case 'i': return hv_kind_of(v) == HV_INT && hv_sub(v) == HV_GO_INT;
	case 'I': return hv_kind_of(v) == HV_INT && hv_sub(v) == HV_GO_INT64;
	case 'f': return hv_kind_of(v) == HV_FLOAT;
	case 'b': return hv_kind_of(v) == HV_BOOL;
	case 'L': return hv_kind_of(v) == HV_LIST && hv_sub(v) == HV_GO_ANYLIST;
	case 'S': return hv_kind_of(v) == HV_LIST && hv_sub(v) == HV_GO_STRLIST;
	case 'M': return hv_kind_of(v) == HV_MAP && (hv_sub(v) == HV_GO_ANYMAP || hv_sub(v) == HV_GO_VALUES);
	case 'T': return hv_kind_of(v) == HV_OBJECT && strcmp(hv_gotype(v), "time.Time") == 0;
	default: return true;
	}
}

/* Go's validateType: IN is consumed. */
static int validate_type(tmpl_ctx *s, val in, char c, val *out)
{
	if (!in.v) {
		switch (c) {
		case 0: case 'R':
			*out = invalid();
			return 0;
		case 'v':
			*out = (val){hv_nil(), true};
			return 0;
		case 'L':
			*out = (val){hv_list(), false};
			return 0;
		case 'S':
			*out = (val){hv_list(), false};
			hv_set_sub(out->v, HV_GO_STRLIST);
			return 0;
		case 'M': /* a nil map: reads see it empty, writes fail as in Go */
			*out = (val){hv_nil(), false};
			return 0;
		}
		return errorf(s, "invalid value; expected %s", code_type(c));
	}
	if (c == 0 || c == 'v' || c == 'R') {
		*out = in;
		return 0;
	}
	if (hv_is_nil(in.v)) {
		val_free(in);
		return errorf(s, "wrong type for value; expected %s; got interface {}", code_type(c));
	}
	if (!assignable(in.v, c)) {
		errorf(s, "wrong type for value; expected %s; got %s", code_type(c), hv_gotype(in.v));
		val_free(in);
		return W_ERR;
	}
	*out = (val){in.v, false};
	return 0;
}

/* --- callables: template functions, builtins, methods --- */

struct callable {
	const char *name;
	const char *params; /* codes, a trailing '*' makes the last one variadic */
	const struct tmpl_func *func;
	const struct builtin *builtin;
	hv *method;         /* HV_FUNC */
	char pbuf[32];
};

static void param_shape(const char *params, int *n, bool *variadic)
{
	size_t len = strlen(params);
	*variadic = len > 0 && params[len - 1] == '*';
	*n = (int)len - (*variadic ? 1 : 0);
}

/* A method's parameters from its Go type, "func(string, ...interface {}) string". */
static void method_params(struct callable *c, const char *gotype)
{
	static const struct { const char *t; char c; } types[] = {
		{"string", 's'}, {"int", 'i'}, {"int64", 'I'}, {"float64", 'f'}, {"bool", 'b'},
		{"[]interface {}", 'L'}, {"[]string", 'S'}, {"map[string]interface {}", 'M'},
	};
	c->params = "v*";
	if (!gotype || strncmp(gotype, "func(", 5) != 0)
		return;
	const char *p = gotype + 5;
	size_t k = 0;
	while (*p && *p != ')' && k + 2 < sizeof c->pbuf) {
		bool dots = strncmp(p, "...", 3) == 0;
		if (dots)
			p += 3;
		const char *end = p;
		int depth = 0;
		while (*end && (depth > 0 || (*end != ',' && *end != ')'))) {
			if (*end == '{')
				depth++;
			else if (*end == '}')
				depth--;
			end++;
		}
		char code = 'v';
		for (size_t i = 0; i < sizeof types / sizeof *types; i++)
			if (strlen(types[i].t) == (size_t)(end - p) && strncmp(types[i].t, p, (size_t)(end - p)) == 0)
				code = types[i].c;
		c->pbuf[k++] = code;
		if (dots)
			c->pbuf[k++] = '*';
		p = end;
		if (*p == ',')
			p++;
		while (*p == ' ')
			p++;
	}
	c->pbuf[k] = 0;
	c->params = c->pbuf;
}

static int eval_pipeline(tmpl_ctx *s, val dot, const node *pipe, val *out);
static int eval_arg(tmpl_ctx *s, val dot, char c, const node *n, val *out);
static int eval_field_chain(tmpl_ctx *s, val dot, val recv, const node *n, char **ident, int nident,
			    node **args, int nargs, const val *final, val *out);

static bool is_hex_int(const char *t)
{
	return strlen(t) > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') && !strpbrk(t, "pP");
}

/* The value of string literal N: one for the node, made when first needed. */
static val string_literal(tmpl_ctx *s, const node *n)
{
	if (!n->value) {
		node *m = (node *)n; /* trees are immutable but for this cache */
		m->value = hv_strn(n->text, n->len);
		set_keep(s->set, m->value);
	}
	return (val){hv_ref(n->value), false};
}

static int ideal_constant(tmpl_ctx *s, const node *n, val *out)
{
	at(s, n);
	if (n->num->is_complex) {
		*out = (val){go_complex(n->num->re, n->num->im), false};
		return 0;
	}
	if (n->num->is_float && !is_hex_int(n->text) && n->text[0] != '\'' && strpbrk(n->text, ".eEpP")) {
		*out = (val){hv_float(n->num->f), false};
		return 0;
	}
	if (n->num->is_int) {
		*out = (val){hv_int(n->num->i), false};
		return 0;
	}
	if (n->num->is_uint)
		return errorf(s, "%s overflows int", n->text);
	*out = invalid();
	return 0;
}

static int call_fn(tmpl_ctx *s, struct callable *c, const node *n, hv **argv, int argc, val *out)
{
	char *err = NULL;
	hv *r;
	if (c->func)
		r = c->func->fn(s, argv, argc, &err);
	else if (c->builtin)
		r = c->builtin->fn(argv, argc, &err);
	else
		r = hv_call(c->method, argv, argc, &err);
	if (!r) {
		at(s, n);
		errorf(s, "error calling %s: %s", c->name, err ? err : "unknown error");
		free(err);
		return W_ERR;
	}
	free(err);
	/* a result reached through interface{}: only a nil one is observable as such */
	*out = (val){r, hv_is_nil(r)};
	return 0;
}

/* Go's evalCall.  ARGS[0] is the function's own node; N is the node for error positions. */
static int eval_call(tmpl_ctx *s, val dot, struct callable *c, const node *n, node **args, int nargs,
		     const val *final, val *out)
{
	if (nargs > 0) {
		args++;
		nargs--;
	}
	int nparams;
	bool variadic;
	param_shape(c->params, &nparams, &variadic);
	int numin = nargs + (final ? 1 : 0);
	int numfixed = nargs;
	if (variadic) {
		numfixed = nparams - 1;
		if (numin < numfixed)
			return errorf(s, "wrong number of args for %s: want at least %d got %d", c->name, nparams - 1, nargs);
	} else if (numin != nparams)
		return errorf(s, "wrong number of args for %s: want %d got %d", c->name, nparams, numin);

	bool is_builtin = c->builtin != NULL;
	if (is_builtin && (strcmp(c->name, "and") == 0 || strcmp(c->name, "or") == 0)) {
		bool want = c->name[0] == 'o';
		val v = invalid();
		for (int i = 0; i < nargs; i++) {
			val_free(v);
			if (eval_arg(s, dot, 'R', args[i], &v) < 0)
				return W_ERR;
			if (truth(v.v) == want) {
				*out = v;
				return 0;
			}
		}
		if (final) {
			val_free(v);
			v = val_ref(*final);
		}
		*out = v;
		return 0;
	}

	hv *small[8] = {NULL};
	hv **argv = numin < 8 ? small : xcalloc((size_t)numin + 1, sizeof *argv);
	int i = 0, rc = 0;
	val tmp;
	for (; i < numfixed && i < nargs; i++) {
		if ((rc = eval_arg(s, dot, c->params[i], args[i], &tmp)) < 0)
			goto done;
		argv[i] = tmp.v;
	}
	if (variadic) {
		char vc = c->params[nparams - 1];
		for (; i < nargs; i++) {
			if ((rc = eval_arg(s, dot, vc, args[i], &tmp)) < 0)
				goto done;
			argv[i] = tmp.v;
		}
	}
	if (final) {
		char fc = c->params[nparams - 1];
		if (variadic && numin - 1 < numfixed)
			fc = c->params[numin - 1];
		if ((rc = validate_type(s, val_ref(*final), fc, &tmp)) < 0)
			goto done;
		argv[i++] = tmp.v;
	}
	if (is_builtin && strcmp(c->name, "call") == 0) {
		/* call FN ARGS...: FN must be a function value */
		hv *fn = argv[0];
		if (!fn || hv_is_nil(fn)) {
			at(s, n);
			rc = errorf(s, "error calling call: call of nil");
		} else if (hv_kind_of(fn) != HV_FUNC) {
			buf name = BUF_INIT;
			if (nargs == 0)
				go_print_value(&name, fn);
			else
				node_string(&name, args[0]);
			at(s, n);
			rc = errorf(s, "error calling call: non-function %s of type %s", buf_str(&name), hv_gotype(fn));
			buf_free(&name);
		} else {
			struct callable m = {.name = "call", .method = fn};
			for (int k = 1; k < numin; k++)
				if (!argv[k])
					argv[k] = hv_nil();
			rc = call_fn(s, &m, n, argv + 1, numin - 1, out);
		}
		goto done;
	}
	if (!is_builtin)
		for (int k = 0; k < numin; k++)
			if (!argv[k])
				argv[k] = hv_nil();
	rc = call_fn(s, c, n, argv, numin, out);
done:
	for (int k = 0; k < numin; k++)
		hv_free(argv[k]);
	if (argv != small)
		free(argv);
	return rc;
}

static int eval_function(tmpl_ctx *s, val dot, const node *id, const node *cmd, node **args, int nargs,
			 const val *final, val *out)
{
	at(s, id);
	struct callable c = {.name = id->text, .func = id->func, .builtin = id->builtin};
	c.params = id->func ? id->func->params : id->builtin->params;
	return eval_call(s, dot, &c, cmd, args, nargs, final, out);
}

/* The zero value of map M's element type: nil for interface{}, "" for map[string]string; the
 * only typed map under an object is Helm's files (map[string][]byte), whose zero is []byte{}. */
static val zero_elem(const hv *m, bool iface)
{
	if (hv_sub(m) == HV_GO_STRMAP)
		return (val){hv_str(""), false};
	if (iface)
		return (val){hv_nil(), true};
	hv *l = hv_list();
	hv_set_sub(l, HV_GO_BYTES);
	return (val){l, false};
}

/* Go's evalField: RECV is borrowed. */
static int eval_field(tmpl_ctx *s, val dot, const char *name, const node *n, node **args, int nargs,
		      const val *final, val recv, val *out)
{
	if (!recv.v) {
		if (set_missingkey(s->set) == TMPL_MISSINGKEY_ERROR) {
			buf q = BUF_INIT;
			go_strconv_quote(&q, name, strlen(name));
			errorf(s, "nil data; no entry for key %s", q.s);
			buf_free(&q);
			return W_ERR;
		}
		*out = invalid();
		return 0;
	}
	if (hv_is_nil(recv.v))
		return errorf(s, "nil pointer evaluating interface {}.%s", name);
	bool has_args = nargs > 1 || final;
	hv *r = recv.v;
	hv *under = NULL;
	if (hv_kind_of(r) == HV_OBJECT) {
		const struct hv_object_ops *ops = hv_object_ops_of(r);
		hv *m = ops->lookup ? ops->lookup(r, name) : NULL;
		if (m && hv_kind_of(m) == HV_FUNC) {
			struct callable c = {.name = name, .method = m};
			method_params(&c, hv_gotype(m));
			int rc = eval_call(s, dot, &c, n, args, nargs, final, out);
			hv_free(m);
			return rc;
		}
		if (m) {
			if (has_args) {
				hv_free(m);
				return errorf(s, "%s has arguments but cannot be invoked as function", name);
			}
			*out = (val){m, false};
			return 0;
		}
		if (ops->underlying)
			r = under = ops->underlying(r);
	}
	if (hv_kind_of(r) == HV_MAP) {
		if (has_args) {
			hv_free(under);
			return errorf(s, "%s is not a method but has arguments", name);
		}
		hv *e = hv_map_get(r, name);
		bool iface = !under && hv_sub(r) != HV_GO_STRMAP;
		if (!e && set_missingkey(s->set) == TMPL_MISSINGKEY_ZERO) {
			*out = zero_elem(r, iface);
			hv_free(under);
			return 0;
		}
		if (e)
			e = hv_ref(e);
		hv_free(under);
		if (e) {
			*out = (val){e, iface};
			return 0;
		}
		switch (set_missingkey(s->set)) {
		case TMPL_MISSINGKEY_ERROR: {
			buf q = BUF_INIT;
			go_strconv_quote(&q, name, strlen(name));
			errorf(s, "map has no entry for key %s", q.s);
			buf_free(&q);
			return W_ERR;
		}
		}
		*out = invalid();
		return 0;
	}
	hv_free(under);
	return errorf(s, "can't evaluate field %s in type %s", name,
		      recv.boxed ? "interface {}" : hv_gotype(recv.v));
}

static int eval_field_chain(tmpl_ctx *s, val dot, val recv, const node *n, char **ident, int nident,
			    node **args, int nargs, const val *final, val *out)
{
	val cur = val_ref(recv);
	for (int i = 0; i < nident - 1; i++) {
		val next;
		int rc = eval_field(s, dot, ident[i], n, NULL, 0, NULL, cur, &next);
		val_free(cur);
		if (rc < 0)
			return rc;
		cur = next;
	}
	int rc = eval_field(s, dot, ident[nident - 1], n, args, nargs, final, cur, out);
	val_free(cur);
	return rc;
}

static int eval_field_node(tmpl_ctx *s, val dot, const node *f, node **args, int nargs, const val *final, val *out)
{
	at(s, f);
	return eval_field_chain(s, dot, dot, f, f->ident, f->nident, args, nargs, final, out);
}

static int eval_chain_node(tmpl_ctx *s, val dot, const node *c, node **args, int nargs, const val *final, val *out)
{
	at(s, c);
	if (c->sub->type == N_NIL) {
		buf b = BUF_INIT;
		node_string(&b, c);
		errorf(s, "indirection through explicit nil in %s", buf_str(&b));
		buf_free(&b);
		return W_ERR;
	}
	val pipe;
	if (eval_arg(s, dot, 0, c->sub, &pipe) < 0)
		return W_ERR;
	int rc = eval_field_chain(s, dot, pipe, c, c->ident, c->nident, args, nargs, final, out);
	val_free(pipe);
	return rc;
}

static int not_a_function(tmpl_ctx *s, node **args, int nargs, const val *final)
{
	if (nargs > 1 || final) {
		buf b = BUF_INIT;
		node_string(&b, args[0]);
		errorf(s, "can't give argument to non-function %s", buf_str(&b));
		buf_free(&b);
		return W_ERR;
	}
	return 0;
}

static int eval_variable_node(tmpl_ctx *s, val dot, const node *v, node **args, int nargs, const val *final, val *out)
{
	at(s, v);
	val value;
	if (var_value(s, v->ident[0], &value) < 0)
		return W_ERR;
	if (v->nident == 1) {
		if (not_a_function(s, args, nargs, final) < 0) {
			val_free(value);
			return W_ERR;
		}
		*out = value;
		return 0;
	}
	int rc = eval_field_chain(s, dot, value, v, v->ident + 1, v->nident - 1, args, nargs, final, out);
	val_free(value);
	return rc;
}

static int eval_command(tmpl_ctx *s, val dot, const node *cmd, const val *final, val *out)
{
	const node *first = cmd->kids[0];
	switch (first->type) {
	case N_FIELD:
		return eval_field_node(s, dot, first, cmd->kids, cmd->nkids, final, out);
	case N_CHAIN:
		return eval_chain_node(s, dot, first, cmd->kids, cmd->nkids, final, out);
	case N_IDENT:
		return eval_function(s, dot, first, cmd, cmd->kids, cmd->nkids, final, out);
	case N_PIPE:
		if (not_a_function(s, cmd->kids, cmd->nkids, final) < 0)
			return W_ERR;
		return eval_pipeline(s, dot, first, out);
	case N_VARIABLE:
		return eval_variable_node(s, dot, first, cmd->kids, cmd->nkids, final, out);
	}
	at(s, first);
	if (not_a_function(s, cmd->kids, cmd->nkids, final) < 0)
		return W_ERR;
	switch (first->type) {
	case N_BOOL:
		*out = (val){hv_bool(first->flag), false};
		return 0;
	case N_DOT:
		*out = val_ref(dot);
		return 0;
	case N_NIL:
		return errorf(s, "nil is not a command");
	case N_NUMBER:
		return ideal_constant(s, first, out);
	case N_STRING:
		*out = string_literal(s, first);
		return 0;
	}
	return errorf(s, "can't evaluate command");
}

/* An error naming literal N: PREFIX N SUFFIX. */
static int bad_literal(tmpl_ctx *s, const node *n, const char *prefix, const char *suffix)
{
	buf b = BUF_INIT;
	node_string(&b, n);
	errorf(s, "%s%s%s", prefix, buf_str(&b), suffix);
	buf_free(&b);
	return W_ERR;
}

/* Go's evalArg: an argument for a parameter of type code C (0: no type, as for the term of a
 * chain); literals are converted to the parameter's type. */
static int eval_arg(tmpl_ctx *s, val dot, char c, const node *n, val *out)
{
	at(s, n);
	val v;
	switch (n->type) {
	case N_DOT:
		return validate_type(s, val_ref(dot), c, out);
	case N_NIL:
		if (c == 0 || c == 'v' || c == 'R' || c == 'L' || c == 'S' || c == 'M')
			return validate_type(s, invalid(), c == 0 ? 'R' : c, out);
		return errorf(s, "cannot assign nil to %s", code_type(c));
	case N_FIELD:
		if (eval_field_node(s, dot, n, (node **)&n, 1, NULL, &v) < 0)
			return W_ERR;
		return validate_type(s, v, c, out);
	case N_VARIABLE:
		if (eval_variable_node(s, dot, n, NULL, 0, NULL, &v) < 0)
			return W_ERR;
		return validate_type(s, v, c, out);
	case N_PIPE:
		if (eval_pipeline(s, dot, n, &v) < 0)
			return W_ERR;
		return validate_type(s, v, c, out);
	case N_IDENT:
		if (eval_function(s, dot, n, n, NULL, 0, NULL, &v) < 0)
			return W_ERR;
		return validate_type(s, v, c, out);
	case N_CHAIN:
		if (eval_chain_node(s, dot, n, NULL, 0, NULL, &v) < 0)
			return W_ERR;
		return validate_type(s, v, c, out);
	}
	switch (c) {
	case 'b':
		if (n->type != N_BOOL)
			return bad_literal(s, n, "expected bool; found ", "");
		*out = (val){hv_bool(n->flag), false};
		return 0;
	case 'f':
		if (n->type != N_NUMBER || !n->num->is_float)
			return bad_literal(s, n, "expected float; found ", "");
		*out = (val){hv_float(n->num->f), false};
		return 0;
	case 'i': case 'I':
		if (n->type != N_NUMBER || !n->num->is_int)
			return bad_literal(s, n, "expected integer; found ", "");
		*out = (val){c == 'i' ? hv_int(n->num->i) : hv_int_typed(n->num->i, HV_GO_INT64), false};
		return 0;
	case 's':
		if (n->type != N_STRING)
			return bad_literal(s, n, "expected string; found ", "");
		*out = string_literal(s, n);
		return 0;
	case 'v': case 'R':
		switch (n->type) {
		case N_BOOL:
			*out = (val){hv_bool(n->flag), false};
			return 0;
		case N_NUMBER:
			return ideal_constant(s, n, out);
		case N_STRING:
			*out = string_literal(s, n);
			return 0;
		}
		return bad_literal(s, n, "can't handle assignment of ", " to empty interface argument");
	}
	buf t = BUF_INIT;
	buf_printf(&t, " for arg of type %s", code_type(c));
	bad_literal(s, n, "can't handle ", buf_str(&t));
	buf_free(&t);
	return W_ERR;
}

static int eval_pipeline(tmpl_ctx *s, val dot, const node *pipe, val *out)
{
	if (!pipe) {
		*out = invalid();
		return 0;
	}
	at(s, pipe);
	val value = invalid();
	for (int i = 0; i < pipe->nkids; i++) {
		val next;
		int rc = eval_command(s, dot, pipe->kids[i], i > 0 ? &value : NULL, &next);
		val_free(value);
		if (rc < 0)
			return W_ERR;
		/* an interface{} is unwrapped: nil becomes the invalid value */
		if (next.v && hv_is_nil(next.v)) {
			val_free(next);
			next = invalid();
		}
		next.boxed = false;
		value = next;
	}
	for (int i = 0; i < pipe->ndecl; i++) {
		if (pipe->flag) {
			if (set_var(s, pipe->decl[i]->ident[0], val_ref(value)) < 0) {
				val_free(value);
				return W_ERR;
			}
		} else
			push(s, pipe->decl[i]->ident[0], val_ref(value));
	}
	*out = value;
	return 0;
}

/* --- walking --- */

static int walk(tmpl_ctx *s, val dot, const node *n);

static int check_output(tmpl_ctx *s)
{
	size_t max = set_max_output(s->set);
	if (max && s->out->len > max)
		return errorf(s, "template output exceeds %zu bytes", max);
	return W_OK;
}

static int print_value(tmpl_ctx *s, const node *n, val v)
{
	at(s, n);
	if (!v.v) {
		buf_puts(s->out, "<no value>");
		return 0;
	}
	if (hv_kind_of(v.v) == HV_FUNC) {
		buf b = BUF_INIT;
		node_string(&b, n);
		errorf(s, "can't print %s of type %s", buf_str(&b), hv_gotype(v.v));
		buf_free(&b);
		return W_ERR;
	}
	if (hv_kind_of(v.v) == HV_STRING)
		buf_add(s->out, hv_get_str(v.v), hv_str_len(v.v));
	else
		go_print_indirect(s->out, v.v);
	return check_output(s);
}

static int walk_if_or_with(tmpl_ctx *s, val dot, const node *n)
{
	int mark = s->nvars;
	val v;
	if (eval_pipeline(s, dot, n->pipe, &v) < 0)
		return W_ERR;
	int rc = W_OK;
	if (truth(v.v))
		rc = walk(s, n->type == N_WITH ? v : dot, n->list);
	else if (n->elselist)
		rc = walk(s, dot, n->elselist);
	val_free(v);
	pop(s, mark);
	return rc;
}

static int one_iteration(tmpl_ctx *s, const node *r, int mark, val index, val elem)
{
	const node *p = r->pipe;
	int rc = 0;
	if (p->ndecl > 0) {
		if (p->flag)
			rc = set_var(s, p->decl[0]->ident[0], val_ref(p->ndecl > 1 ? index : elem));
		else
			set_top_var(s, 1, val_ref(elem));
	}
	if (rc == 0 && p->ndecl > 1) {
		if (p->flag)
			rc = set_var(s, p->decl[1]->ident[0], val_ref(elem));
		else
			set_top_var(s, 2, val_ref(index));
	}
	if (rc == 0)
		rc = walk(s, elem, r->list);
	pop(s, mark);
	val_free(index);
	val_free(elem);
	return rc;
}

static int walk_range(tmpl_ctx *s, val dot, const node *r)
{
	at(s, r);
	int mark0 = s->nvars;
	val v;
	if (eval_pipeline(s, dot, r->pipe, &v) < 0)
		return W_ERR;
	int mark = s->nvars;
	int rc = W_OK;
	hv *x = v.v;
	hv *under = NULL;
	if (x && hv_kind_of(x) == HV_OBJECT && hv_object_ops_of(x)->underlying)
		x = under = hv_object_ops_of(x)->underlying(x);
	bool done = false;
	/* the index is only seen through a second variable */
	bool want_index = r->pipe->ndecl > 1;
	if (!x) {
		/* an invalid value acts like an empty map */
	} else if (hv_kind_of(x) == HV_LIST) {
		bool iface = hv_sub(x) == HV_GO_ANYLIST;
		for (size_t i = 0; i < hv_len(x) && rc == W_OK; i++) {
			rc = one_iteration(s, r, mark, (val){want_index ? hv_int((int64_t)i) : NULL, false},
					   (val){hv_ref(hv_list_get(x, i)), iface});
			if (rc == W_CONTINUE)
				rc = W_OK;
		}
		done = hv_len(x) > 0;
	} else if (hv_kind_of(x) == HV_MAP) {
		bool iface = hv_sub(x) != HV_GO_STRMAP;
		for (size_t i = 0; i < hv_len(x) && rc == W_OK; i++) {
			rc = one_iteration(s, r, mark,
					   (val){want_index ? hv_strn(hv_map_key(x, i), hv_map_keylen(x, i)) : NULL, false},
					   (val){hv_ref(hv_map_val(x, i)), iface});
			if (rc == W_CONTINUE)
				rc = W_OK;
		}
		done = hv_len(x) > 0;
	} else {
		rc = errorv(s, "range can't iterate over ", x);
	}
	if (rc == W_BREAK)
		rc = W_OK;
	if (rc == W_OK && !done && r->elselist)
		rc = walk(s, dot, r->elselist);
	hv_free(under);
	val_free(v);
	pop(s, mark0);
	return rc;
}

static int exec_tree(tmpl_ctx *parent, tmpl_set *set, struct tree *t, val data, int depth, buf *out);

static int walk_template(tmpl_ctx *s, val dot, const node *t)
{
	at(s, t);
	struct tree *tree = set_lookup(s->set, t->text);
	if (!tree) {
		buf q = BUF_INIT;
		go_strconv_quote(&q, t->text, strlen(t->text));
		errorf(s, "template %s not defined", q.s);
		buf_free(&q);
		return W_ERR;
	}
	if (s->depth == MAX_EXEC_DEPTH)
		return errorf(s, "exceeded maximum template depth (%d)", MAX_EXEC_DEPTH);
	val v;
	if (eval_pipeline(s, dot, t->pipe, &v) < 0)
		return W_ERR;
	int rc = exec_tree(s, s->set, tree, v, s->depth + 1, s->out);
	val_free(v);
	return rc;
}

static int walk(tmpl_ctx *s, val dot, const node *n)
{
	at(s, n);
	switch (n->type) {
	case N_ACTION: {
		val v;
		if (eval_pipeline(s, dot, n->pipe, &v) < 0)
			return W_ERR;
		int rc = n->pipe->ndecl == 0 ? print_value(s, n, v) : 0;
		val_free(v);
		return rc;
	}
	case N_BREAK:
		return W_BREAK;
	case N_CONTINUE:
		return W_CONTINUE;
	case N_IF: case N_WITH:
		return walk_if_or_with(s, dot, n);
	case N_LIST:
		for (int i = 0; i < n->nkids; i++) {
			int rc = walk(s, dot, n->kids[i]);
			if (rc != W_OK)
				return rc;
		}
		return W_OK;
	case N_RANGE:
		return walk_range(s, dot, n);
	case N_TEMPLATE:
		return walk_template(s, dot, n);
	case N_TEXT:
		buf_add(s->out, n->text, n->len);
		return check_output(s);
	}
	return W_OK;
}

/* Executes tree T with DATA (borrowed) in a new state; errors go to PARENT->err. */
static int exec_tree(tmpl_ctx *parent, tmpl_set *set, struct tree *t, val data, int depth, buf *out)
{
	tmpl_ctx s = {.set = set, .tmpl = t, .out = out, .depth = depth, .userdata = parent->userdata};
	s.vars = s.small;
	s.capvars = (int)(sizeof s.small / sizeof *s.small);
	push(&s, "$", val_ref(data));
	int rc = walk(&s, data, t->root);
	pop(&s, 0);
	if (s.vars != s.small)
		free(s.vars);
	if (rc < 0) {
		free(parent->err);
		parent->err = s.err;
	}
	return rc < 0 ? W_ERR : 0;
}

/* --- entry points --- */

struct exec_job {
	tmpl_set *set;
	const char *name;
	hv *data;
	void *userdata;
	buf *out;
	char **err;
	int rc;
};

static int execute(tmpl_set *set, const char *name, hv *data, void *userdata, buf *out, char **err)
{
	struct tree *t = set_lookup(set, name);
	if (!t) {
		buf b = BUF_INIT;
		buf_puts(&b, "template: no template ");
		go_strconv_quote(&b, name, strlen(name));
		buf_puts(&b, " associated with template ");
		go_strconv_quote(&b, set_name(set), strlen(set_name(set)));
		*err = buf_detach(&b, NULL);
		return -1;
	}
	tmpl_ctx top = {.set = set, .userdata = userdata};
	/* Go's reflect.ValueOf(nil) is the invalid value */
	int rc = exec_tree(&top, set, t, (val){hv_is_nil(data) ? NULL : data, false}, 0, out);
	if (rc < 0)
		*err = top.err;
	return rc;
}

static void exec_job(void *p)
{
	struct exec_job *j = p;
	j->rc = execute(j->set, j->name, j->data, j->userdata, j->out, j->err);
}

int tmpl_execute(tmpl_set *s, const char *name, hv *data, void *userdata, buf *out, char **err)
{
	struct exec_job j = {s, name, data, userdata, out, err, 0};
	tmpl_run_on_big_stack(exec_job, &j);
	return j.rc;
}

void *tmpl_ctx_userdata(tmpl_ctx *ctx) { return ctx->userdata; }
tmpl_set *tmpl_ctx_set(tmpl_ctx *ctx) { return ctx->set; }
const char *tmpl_ctx_name(tmpl_ctx *ctx) { return ctx->tmpl->name; }

int tmpl_ctx_execute(tmpl_ctx *ctx, const char *name, hv *data, buf *out, char **err)
{
	return execute(ctx->set, name, data, ctx->userdata, out, err);
}

int tmpl_ctx_run_text(tmpl_ctx *ctx, const char *name, const char *text, size_t len, hv *data,
		      buf *out, bool *perr, char **err)
{
	tmpl_set *clone = set_overlay(ctx->set);
	int rc = tmpl_parse(clone, name, text, len, err);
	*perr = rc < 0;
	if (rc == 0)
		rc = execute(clone, name, data, ctx->userdata, out, err);
	tmpl_set_free(clone);
	return rc;
}
