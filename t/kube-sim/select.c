/* select.c — label and field selectors, as list and watch requests carry them. */
#include "ksim.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum op { OP_EQ, OP_NE, OP_IN, OP_NOTIN, OP_EXISTS, OP_NOTEXISTS };

struct requirement {
	char *key;
	enum op op;
	char **vals;
	size_t nvals;
	bool field;
};

struct selector {
	struct requirement *r;
	size_t n;
};

static void skip_ws(const char **p)
{
	while (isspace((unsigned char)**p))
		(*p)++;
}

static char *word(const char **p, const char *stop)
{
	skip_ws(p);
	const char *s = *p;
	while (**p && !strchr(stop, **p) && !isspace((unsigned char)**p))
		(*p)++;
	char *w = xstrndup(s, (size_t)(*p - s));
	skip_ws(p);
	return w;
}

static void add_val(struct requirement *q, char *v)
{
	q->vals = xrealloc(q->vals, (q->nvals + 1) * sizeof *q->vals);
	q->vals[q->nvals++] = v;
}

static bool parse_one(selector *s, const char **p, bool field, char **err)
{
	struct requirement q = {0};
	q.field = field;
	skip_ws(p);
	if (**p == '!') {
		(*p)++;
		q.key = word(p, ",=!");
		q.op = OP_NOTEXISTS;
	} else {
		q.key = word(p, ",=!(");
		if (**p == '=' || **p == '!') {
			q.op = **p == '!' ? OP_NE : OP_EQ;
			if (**p == '!' && (*p)[1] != '=')
				goto bad;
			*p += (**p == '!' || (*p)[1] == '=') ? 2 : 1;
			add_val(&q, word(p, ","));
		} else if (!field && strncmp(*p, "in", 2) == 0 && (isspace((unsigned char)(*p)[2]) || (*p)[2] == '(')) {
			q.op = OP_IN;
			*p += 2;
		} else if (!field && strncmp(*p, "notin", 5) == 0 && (isspace((unsigned char)(*p)[5]) || (*p)[5] == '(')) {
			q.op = OP_NOTIN;
			*p += 5;
		} else if (!field && (**p == ',' || **p == 0)) {
			q.op = OP_EXISTS;
		} else {
			goto bad;
		}
		if (q.op == OP_IN || q.op == OP_NOTIN) {
			skip_ws(p);
			if (**p != '(')
				goto bad;
			(*p)++;
			for (;;) {
				add_val(&q, word(p, ",)"));
				if (**p == ',') {
					(*p)++;
					continue;
				}
				if (**p == ')') {
					(*p)++;
					break;
				}
				goto bad;
			}
			skip_ws(p);
		}
	}
	if (!*q.key)
		goto bad;
	s->r = xrealloc(s->r, (s->n + 1) * sizeof *s->r);
	s->r[s->n++] = q;
	return true;
bad:
	*err = xasprintf("unable to parse requirement: found '%s', expected: in, notin, =, ==, !=, gt, lt",
		**p ? *p : "EOF");
	free(q.key);
	for (size_t i = 0; i < q.nvals; i++)
		free(q.vals[i]);
	free(q.vals);
	return false;
}

static bool parse_all(selector *s, const char *text, bool field, char **err)
{
	const char *p = text;
	skip_ws(&p);
	while (*p) {
		if (!parse_one(s, &p, field, err))
			return false;
		if (*p == ',')
			p++;
		else if (*p) {
			*err = xasprintf("unable to parse requirement: found '%s', expected: ','", p);
			return false;
		}
	}
	return true;
}

selector *selector_parse(const char *label_sel, const char *field_sel, char **err)
{
	selector *s = xcalloc(1, sizeof *s);
	if ((label_sel && !parse_all(s, label_sel, false, err)) || (field_sel && !parse_all(s, field_sel, true, err))) {
		selector_free(s);
		return NULL;
	}
	return s;
}

/* A field selector names a dotted path of the object; values compare as text. */
static char *field_value(const hv *obj, const char *path)
{
	const hv *v = hv_path(obj, path);
	if (!v)
		return xstrdup("");
	switch (hv_kind_of(v)) {
	case HV_STRING: return xstrdup(hv_get_str(v));
	case HV_BOOL: return xstrdup(hv_get_bool(v) ? "true" : "false");
	case HV_INT: return xasprintf("%lld", (long long)hv_get_int(v));
	default: return xstrdup("");
	}
}

static bool match_one(const struct requirement *q, const hv *obj)
{
	const char *val = NULL;
	char *owned = NULL;
	bool has;
	if (q->field) {
		owned = field_value(obj, q->key);
		val = owned;
		has = true;
	} else {
		const hv *labels = hv_path(obj, "metadata.labels");
		const hv *l = labels ? hv_map_get(labels, q->key) : NULL;
		has = l && hv_kind_of(l) == HV_STRING;
		val = has ? hv_get_str(l) : NULL;
	}
	bool in = false;
	for (size_t i = 0; has && i < q->nvals; i++)
		in |= strcmp(val, q->vals[i]) == 0;
	free(owned);
	switch (q->op) {
	case OP_EQ: case OP_IN: return has && in;
	case OP_NE: case OP_NOTIN: return !has || !in;
	case OP_EXISTS: return has;
	case OP_NOTEXISTS: return !has;
	}
	return false;
}

bool selector_match(const selector *s, const hv *obj)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (!match_one(&s->r[i], obj))
			return false;
	return true;
}

bool selector_label_eq(const selector *s, const char **key, const char **val)
{
	for (size_t i = 0; s && i < s->n; i++) {
		const struct requirement *q = &s->r[i];
		if (!q->field && (q->op == OP_EQ || q->op == OP_IN) && q->nvals == 1) {
			*key = q->key;
			*val = q->vals[0];
			return true;
		}
	}
	return false;
}

static bool labels_match(const hv *match_labels, const hv *labels)
{
	for (size_t i = 0; match_labels && hv_kind_of(match_labels) == HV_MAP && i < hv_len(match_labels); i++) {
		const hv *want = hv_map_val(match_labels, i);
		const hv *have = labels ? hv_map_get(labels, hv_map_key(match_labels, i)) : NULL;
		if (!have || !hv_equal(have, want))
			return false;
	}
	return true;
}

bool label_selector_match(const hv *ls, const hv *labels)
{
	if (!ls || hv_kind_of(ls) != HV_MAP)
		return false;
	if (!labels_match(hv_map_get(ls, "matchLabels"), labels))
		return false;
	const hv *exprs = hv_map_get(ls, "matchExpressions");
	for (size_t i = 0; exprs && hv_kind_of(exprs) == HV_LIST && i < hv_len(exprs); i++) {
		const hv *e = hv_list_get(exprs, i);
		const char *key = hs(e, "key"), *op = hs(e, "operator");
		const hv *vals = hv_map_get(e, "values");
		const hv *l = key && labels ? hv_map_get(labels, key) : NULL;
		bool in = false;
		for (size_t j = 0; l && vals && j < hv_len(vals); j++)
			in |= hv_equal(hv_list_get(vals, j), l);
		if (!op ||
		    (strcmp(op, "In") == 0 && !in) || (strcmp(op, "NotIn") == 0 && in) ||
		    (strcmp(op, "Exists") == 0 && !l) || (strcmp(op, "DoesNotExist") == 0 && l))
			return false;
	}
	return true;
}

void selector_free(selector *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->r[i].key);
		for (size_t j = 0; j < s->r[i].nvals; j++)
			free(s->r[i].vals[j]);
		free(s->r[i].vals);
	}
	free(s->r);
	free(s);
}
