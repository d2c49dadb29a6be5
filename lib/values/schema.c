/* schema.c — JSON Schema validation following gojsonschema v1.2.0's validation.go: the same
 * order of checks, the same messages, and its "score" to pick which failed branch of an
 * anyOf/oneOf to report.  The schema is interpreted straight from its parsed JSON; $ref
 * resolves JSON pointers within the schema ("#/definitions/x"). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "values/schema.h"
#include "buf.h"
#include "json.h"
#include "strconv.h"
#include "util.h"

#include <arpa/inet.h>
#include <math.h>
#include <pcre2.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct result {
	char **errors; /* "field: description" */
	size_t n, cap;
	int score;
};

/* The path of the value being checked, as gojsonschema's JsonContext ("(root).a.0"). */
struct ctx {
	const char *head;
	const struct ctx *tail;
};

struct validator {
	const hv *root; /* the whole schema, for $ref */
};

static void ctx_write(buf *b, const struct ctx *c)
{
	if (c->tail) {
		ctx_write(b, c->tail);
		buf_putc(b, '.');
	}
	buf_puts(b, c->head);
}

/* addInternalError: records "field: description"; the score drops by 2. */
static void add_error(struct result *r, const struct ctx *c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add_error(struct result *r, const struct ctx *c, const char *fmt, ...)
{
	buf b = BUF_INIT;
	ctx_write(&b, c);
	/* Field() trims the "(root)." prefix. */
	if (!strncmp(b.s, "(root).", 7))
		memmove(b.s, b.s + 7, b.len - 6), b.len -= 7;
	buf_puts(&b, ": ");
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 4;
		r->errors = xrealloc(r->errors, r->cap * sizeof *r->errors);
	}
	r->errors[r->n++] = buf_detach(&b, NULL);
	r->score -= 2;
}

static void merge_errors(struct result *r, struct result *o)
{
	for (size_t i = 0; i < o->n; i++) {
		if (r->n == r->cap) {
			r->cap = r->cap ? 2 * r->cap : 4;
			r->errors = xrealloc(r->errors, r->cap * sizeof *r->errors);
		}
		r->errors[r->n++] = o->errors[i];
	}
	r->score += o->score;
	free(o->errors);
	memset(o, 0, sizeof *o);
}

static void result_free(struct result *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->errors[i]);
	free(r->errors);
	memset(r, 0, sizeof *r);
}

static bool is_number(const hv *v) { return hv_kind_of(v) == HV_INT || hv_kind_of(v) == HV_UINT || hv_kind_of(v) == HV_FLOAT; }

static double num(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_INT: return (double)hv_get_int(v);
	case HV_UINT: return (double)hv_get_uint(v);
	case HV_FLOAT: return hv_get_float(v);
	default: return 0;
	}
}

static bool is_integer(const hv *v)
{
	return hv_kind_of(v) != HV_FLOAT || (isfinite(hv_get_float(v)) && floor(hv_get_float(v)) == hv_get_float(v));
}

/* big.Float's %v of a schema bound. */
static char *fmt_num(const hv *v)
{
	buf b = BUF_INIT;
	go_format_float(&b, num(v), 'g', -1);
	return buf_detach(&b, NULL);
}

/* marshalWithoutNumber: JSON with numbers normalised through float64. */
static void normalise_numbers(hv **v)
{
	if (hv_kind_of(*v) == HV_INT || hv_kind_of(*v) == HV_UINT) {
		double d = num(*v);
		hv_free(*v);
		*v = hv_float(d);
	} else if (hv_kind_of(*v) == HV_LIST) {
		for (size_t i = 0; i < hv_len(*v); i++) {
			hv *item = hv_ref(hv_list_get(*v, i));
			normalise_numbers(&item);
			hv_list_set(*v, i, item);
		}
	} else if (hv_kind_of(*v) == HV_MAP) {
		for (size_t i = 0; i < hv_len(*v); i++) {
			hv *item = hv_ref(hv_map_val(*v, i));
			normalise_numbers(&item);
			hv_map_setn(*v, hv_map_key(*v, i), hv_map_keylen(*v, i), item);
		}
	}
}

static char *canonical_json(const hv *v)
{
	hv *c = hv_copy(v);
	normalise_numbers(&c);
	buf b = BUF_INIT;
	json_emit(&b, c, JSON_ESCAPE_HTML);
	hv_free(c);
	return buf_detach(&b, NULL);
}

static const char *kind_name(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_NIL: return "null";
	case HV_BOOL: return "boolean";
	case HV_INT: case HV_UINT: case HV_FLOAT: return is_integer(v) ? "integer" : "number";
	case HV_STRING: return "string";
	case HV_LIST: return "array";
	case HV_MAP: return "object";
	default: return "null";
	}
}

/* The schema's "type" as a list of names (empty: untyped); *text as gojsonschema prints it. */
static bool type_allows(const hv *types, const hv *v)
{
	const char *given = kind_name(v);
	for (size_t i = 0; i < hv_len(types); i++) {
		const char *t = hv_get_str(hv_list_get(types, i));
		if (!strcmp(t, given) || (!strcmp(t, "number") && (!strcmp(given, "integer"))))
			return true;
	}
	return false;
}

static char *types_text(const hv *types)
{
	buf b = BUF_INIT;
	if (hv_len(types) > 1)
		buf_putc(&b, '[');
	for (size_t i = 0; i < hv_len(types); i++)
		buf_printf(&b, "%s%s", i ? "," : "", hv_get_str(hv_list_get(types, i)));
	if (hv_len(types) > 1)
		buf_putc(&b, ']');
	return buf_detach(&b, NULL);
}

static hv *schema_types(const hv *s)
{
	hv *t = hv_map_get(s, "type"), *out = hv_list();
	if (t && hv_kind_of(t) == HV_STRING)
		hv_list_push(out, hv_ref(t));
	else if (t && hv_kind_of(t) == HV_LIST)
		for (size_t i = 0; i < hv_len(t); i++)
			if (hv_kind_of(hv_list_get(t, i)) == HV_STRING)
				hv_list_push(out, hv_ref(hv_list_get(t, i)));
	return out;
}

/* A JSON pointer ("#/definitions/a~1b") within the root schema, or NULL. */
static const hv *resolve_ref(const struct validator *vd, const char *ref)
{
	if (ref[0] != '#')
		return NULL;
	const hv *cur = vd->root;
	const char *p = ref + 1;
	while (*p == '/') {
		p++;
		const char *end = strchr(p, '/');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		buf tok = BUF_INIT;
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '~' && i + 1 < n && (p[i + 1] == '0' || p[i + 1] == '1')) {
				buf_putc(&tok, p[i + 1] == '0' ? '~' : '/');
				i++;
			} else if (p[i] == '%' && i + 2 < n) {
				char hex[3] = {p[i + 1], p[i + 2], 0};
				buf_putc(&tok, (char)strtol(hex, NULL, 16));
				i += 2;
			} else {
				buf_putc(&tok, p[i]);
			}
		}
		buf_add(&tok, "", 0);
		if (hv_kind_of(cur) == HV_MAP)
			cur = hv_map_getn(cur, tok.s, tok.len);
		else if (hv_kind_of(cur) == HV_LIST) {
			char *e;
			long i = strtol(tok.s, &e, 10);
			cur = (*e || i < 0 || (size_t)i >= hv_len(cur)) ? NULL : hv_list_get(cur, (size_t)i);
		} else
			cur = NULL;
		buf_free(&tok);
		if (!cur)
			return NULL;
		p += n;
	}
	return cur;
}

static bool regex_match(const char *pattern, const char *s, size_t n)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code, &off, NULL);
	if (!re)
		return true; /* gojsonschema refuses such a schema when loading it */
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int rc = pcre2_match(re, (PCRE2_SPTR)s, n, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	return rc >= 0;
}

/* Go's time.Parse of the layouts gojsonschema tries: "2006-01-02" (a real day of the month). */
static bool is_date(const char *s, size_t n)
{
	if (!regex_match("^\\d{4}-\\d{2}-\\d{2}$", s, n))
		return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	return m != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

#define TIME_RE "([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?"
#define ZONE_RE "(Z|[+-]\\d{2}:\\d{2})"

/* The formats gojsonschema v1.2.0 checks (FormatCheckers); others pass.  A known format
 * given a non-string fails, as its checkers do. */
static bool format_ok(const char *format, const hv *v)
{
	static const char *const known[] = {
		"date", "time", "date-time", "hostname", "email", "idn-email", "ipv4", "ipv6", "uri",
		"uri-reference", "iri", "iri-reference", "uri-template", "uuid", "regex", "json-pointer",
		"relative-json-pointer",
	};
	bool is_known = false;
	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		is_known = is_known || !strcmp(format, known[i]);
	if (!is_known)
		return true;
	if (hv_kind_of(v) != HV_STRING)
		return false;
	const char *s = hv_get_str(v);
	size_t n = hv_str_len(v);
	if (!strcmp(format, "date"))
		return is_date(s, n);
	if (!strcmp(format, "time"))
		return regex_match("^" TIME_RE ZONE_RE "?$", s, n);
	if (!strcmp(format, "date-time"))
		return regex_match("^" TIME_RE ZONE_RE "?$", s, n) || is_date(s, n) ||
		       (n > 10 && is_date(s, 10) && regex_match("^.{10}T" TIME_RE ZONE_RE "$", s, n));
	if (!strcmp(format, "email") || !strcmp(format, "idn-email"))
		return regex_match("^([^@\\s<>]+@[^@\\s<>]+|[^<>]*<[^@\\s<>]+@[^@\\s<>]+>)$", s, n);
	if (!strcmp(format, "hostname"))
		return n < 256 && regex_match("^([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])"
					      "(\\.([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9]))*$", s, n);
	if (!strcmp(format, "ipv4") || !strcmp(format, "ipv6")) {
		unsigned char addr[16];
		bool ip = inet_pton(AF_INET, s, addr) == 1 || inet_pton(AF_INET6, s, addr) == 1;
		return ip && strchr(s, !strcmp(format, "ipv4") ? '.' : ':');
	}
	if (strchr(s, '\\') || regex_match("[\\x00-\\x1f\\x7f]", s, n))
		return false;
	if (!strcmp(format, "uri") || !strcmp(format, "iri"))
		return regex_match("^[a-zA-Z][a-zA-Z0-9+.-]*:", s, n);
	if (!strcmp(format, "uri-reference") || !strcmp(format, "iri-reference"))
		return true;
	if (!strcmp(format, "uri-template"))
		return regex_match("^([^{]*(\\{[^}]*\\})?)*$", s, n);
	if (!strcmp(format, "uuid"))
		return regex_match("^[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$", s, n);
	if (!strcmp(format, "regex")) {
		int code;
		PCRE2_SIZE off;
		pcre2_code *re = n ? pcre2_compile((PCRE2_SPTR)s, n, PCRE2_UTF, &code, &off, NULL) : NULL;
		pcre2_code_free(re);
		return !n || re != NULL;
	}
	if (!strcmp(format, "json-pointer"))
		return regex_match("^(?:/(?:[^~/]|~0|~1)*)*$", s, n);
	return regex_match("^(?:0|[1-9][0-9]*)(?:#|(?:/(?:[^~/]|~0|~1)*)*)$", s, n); /* relative-json-pointer */
}

static size_t rune_count(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static void validate(const struct validator *vd, const hv *s, const hv *v, struct result *r, const struct ctx *c);

static void sub_validate(const struct validator *vd, const hv *s, const hv *v, const struct ctx *c, struct result *out)
{
	memset(out, 0, sizeof *out);
	validate(vd, s, v, out, c);
}

static bool has_list(const hv *s, const char *k)
{
	hv *l = hv_map_get(s, k);
	return l && hv_kind_of(l) == HV_LIST && hv_len(l) > 0;
}

/* validateSchema: the combinators. */
/* Of the failing branches (SUB, with errors) keeps in *BEST the one that scores highest, the
 * first among equals, as gojsonschema reports the closest one; frees the other. */
static void keep_closest(struct result *best, struct result *sub)
{
	if (best->n == 0 || sub->score > best->score) {
		result_free(best);
		*best = *sub;
	} else {
		result_free(sub);
	}
}

static void validate_schema(const struct validator *vd, const hv *s, const hv *v, struct result *r, const struct ctx *c)
{
	if (has_list(s, "anyOf")) {
		hv *l = hv_map_get(s, "anyOf");
		bool ok = false;
		struct result best = {0};
		for (size_t i = 0; i < hv_len(l) && !ok; i++) {
			struct result sub;
			sub_validate(vd, hv_list_get(l, i), v, c, &sub);
			ok = sub.n == 0;
			if (ok)
				result_free(&sub);
			else
				keep_closest(&best, &sub);
		}
		if (!ok) {
			add_error(r, c, "Must validate at least one schema (anyOf)");
			merge_errors(r, &best);
		}
		result_free(&best);
	}
	if (has_list(s, "oneOf")) {
		hv *l = hv_map_get(s, "oneOf");
		int valid = 0;
		struct result best = {0};
		for (size_t i = 0; i < hv_len(l); i++) {
			struct result sub;
			sub_validate(vd, hv_list_get(l, i), v, c, &sub);
			valid += sub.n == 0;
			if (sub.n == 0 || valid > 0)
				result_free(&sub);
			else
				keep_closest(&best, &sub);
		}
		if (valid != 1) {
			add_error(r, c, "Must validate one and only one schema (oneOf)");
			if (valid == 0)
				merge_errors(r, &best);
		}
		result_free(&best);
	}
	if (has_list(s, "allOf")) {
		hv *l = hv_map_get(s, "allOf");
		size_t valid = 0;
		for (size_t i = 0; i < hv_len(l); i++) {
			struct result sub;
			sub_validate(vd, hv_list_get(l, i), v, c, &sub);
			valid += sub.n == 0;
			merge_errors(r, &sub);
		}
		if (valid != hv_len(l))
			add_error(r, c, "Must validate all the schemas (allOf)");
	}
	hv *not = hv_map_get(s, "not");
	if (not) {
		struct result sub;
		sub_validate(vd, not, v, c, &sub);
		if (sub.n == 0)
			add_error(r, c, "Must not validate the schema (not)");
		result_free(&sub);
	}
	hv *deps = hv_map_get(s, "dependencies");
	if (deps && hv_kind_of(deps) == HV_MAP && hv_kind_of(v) == HV_MAP) {
		for (size_t i = 0; i < hv_len(v); i++) {
			hv *d = hv_map_getn(deps, hv_map_key(v, i), hv_map_keylen(v, i));
			if (!d)
				continue;
			if (hv_kind_of(d) == HV_LIST) {
				for (size_t j = 0; j < hv_len(d); j++) {
					hv *k = hv_list_get(d, j);
					if (hv_kind_of(k) == HV_STRING && !hv_map_get(v, hv_get_str(k)))
						add_error(r, c, "Has a dependency on %s", hv_get_str(k));
				}
			} else {
				validate(vd, d, v, r, c);
			}
		}
	}
	hv *if_s = hv_map_get(s, "if");
	if (if_s) {
		struct result ifr;
		sub_validate(vd, if_s, v, c, &ifr);
		hv *then_s = hv_map_get(s, "then"), *else_s = hv_map_get(s, "else");
		const hv *branch = ifr.n == 0 ? then_s : else_s;
		if (branch) {
			struct result br;
			sub_validate(vd, branch, v, c, &br);
			if (br.n) {
				add_error(r, c, ifr.n == 0 ? "Must validate \"then\" as \"if\" was valid"
							   : "Must validate \"else\" as \"if\" was not valid");
				merge_errors(r, &br);
			}
			result_free(&br);
		}
		result_free(&ifr);
	}
	r->score++;
}

/* validateCommon: const and enum. */
static void validate_common(const hv *s, const hv *v, struct result *r, const struct ctx *c)
{
	hv *cst = hv_map_get(s, "const");
	char *field = NULL;
	if (cst || has_list(s, "enum")) {
		buf b = BUF_INIT;
		ctx_write(&b, c);
		field = buf_detach(&b, NULL);
		if (!strncmp(field, "(root).", 7))
			memmove(field, field + 7, strlen(field + 7) + 1);
	}
	if (cst) {
		char *a = canonical_json(v), *want = canonical_json(cst);
		if (strcmp(a, want))
			add_error(r, c, "%s does not match: %s", field, want);
		free(a);
		free(want);
	}
	if (has_list(s, "enum")) {
		hv *l = hv_map_get(s, "enum");
		char *a = canonical_json(v);
		bool found = false;
		buf allowed = BUF_INIT;
		for (size_t i = 0; i < hv_len(l); i++) {
			char *e = canonical_json(hv_list_get(l, i));
			found = found || !strcmp(a, e);
			buf_printf(&allowed, "%s%s", i ? ", " : "", e);
			free(e);
		}
		if (!found)
			add_error(r, c, "%s must be one of the following: %s", field, buf_str(&allowed));
		buf_free(&allowed);
		free(a);
	}
	free(field);
	r->score++;
}

static void validate_array(const struct validator *vd, const hv *s, const hv *v, struct result *r, const struct ctx *c)
{
	size_t n = hv_len(v);
	hv *items = hv_map_get(s, "items");
	char idx[32];
	if (items && hv_kind_of(items) != HV_LIST) {
		for (size_t i = 0; i < n; i++) {
			snprintf(idx, sizeof idx, "%zu", i);
			struct ctx sc = {idx, c};
			struct result sub;
			sub_validate(vd, items, hv_list_get(v, i), &sc, &sub);
			merge_errors(r, &sub);
		}
	} else if (items && hv_len(items) > 0) {
		size_t ni = hv_len(items);
		for (size_t i = 0; i < ni && i < n; i++) {
			snprintf(idx, sizeof idx, "%zu", i);
			struct ctx sc = {idx, c};
			struct result sub;
			sub_validate(vd, hv_list_get(items, i), hv_list_get(v, i), &sc, &sub);
			merge_errors(r, &sub);
		}
		hv *add = hv_map_get(s, "additionalItems");
		if (ni < n && add) {
			if (hv_kind_of(add) == HV_BOOL) {
				if (!hv_get_bool(add))
					add_error(r, c, "No additional items allowed on array");
			} else {
				for (size_t i = ni; i < n; i++) {
					snprintf(idx, sizeof idx, "%zu", i);
					struct ctx sc = {idx, c};
					struct result sub;
					sub_validate(vd, add, hv_list_get(v, i), &sc, &sub);
					merge_errors(r, &sub);
				}
			}
		}
	}
	hv *min = hv_map_get(s, "minItems"), *max = hv_map_get(s, "maxItems");
	if (min && is_number(min) && (double)n < num(min))
		add_error(r, c, "Array must have at least %lld items", (long long)num(min));
	if (max && is_number(max) && (double)n > num(max))
		add_error(r, c, "Array must have at most %lld items", (long long)num(max));
	hv *uniq = hv_map_get(s, "uniqueItems");
	if (uniq && hv_kind_of(uniq) == HV_BOOL && hv_get_bool(uniq)) {
		char **seen = xcalloc(n ? n : 1, sizeof *seen);
		for (size_t j = 0; j < n; j++) {
			seen[j] = canonical_json(hv_list_get(v, j));
			for (size_t i = j; i-- > 0;)
				if (!strcmp(seen[i], seen[j])) {
					add_error(r, c, "array items[%zu,%zu] must be unique", i, j);
					break;
				}
		}
		for (size_t j = 0; j < n; j++)
			free(seen[j]);
		free(seen);
	}
	hv *contains = hv_map_get(s, "contains");
	if (contains) {
		bool ok = false;
		struct result best = {0};
		for (size_t i = 0; i < n && !ok; i++) {
			snprintf(idx, sizeof idx, "%zu", i);
			struct ctx sc = {idx, c};
			struct result sub;
			sub_validate(vd, contains, hv_list_get(v, i), &sc, &sub);
			ok = sub.n == 0;
			if (ok)
				result_free(&sub);
			else
				keep_closest(&best, &sub);
		}
		if (!ok) {
			add_error(r, c, "At least one of the items must match");
			merge_errors(r, &best);
		}
		result_free(&best);
	}
	r->score++;
}

/* validatePatternProperty: true when some patternProperties key matches KEY. */
static bool validate_pattern_property(const struct validator *vd, const hv *s, const char *key, size_t klen,
				      const hv *v, struct result *r, const struct ctx *c)
{
	hv *pp = hv_map_get(s, "patternProperties");
	bool matched = false;
	for (size_t i = 0; pp && hv_kind_of(pp) == HV_MAP && i < hv_len(pp); i++) {
		if (!regex_match(hv_map_key(pp, i), key, klen))
			continue;
		matched = true;
		struct ctx sc = {key, c};
		struct result sub;
		sub_validate(vd, hv_map_val(pp, i), v, &sc, &sub);
		merge_errors(r, &sub);
	}
	if (matched)
		r->score++;
	return matched;
}

static void validate_object(const struct validator *vd, const hv *s, const hv *v, struct result *r, const struct ctx *c)
{
	hv *min = hv_map_get(s, "minProperties"), *max = hv_map_get(s, "maxProperties");
	if (min && is_number(min) && (double)hv_len(v) < num(min))
		add_error(r, c, "Must have at least %lld properties", (long long)num(min));
	if (max && is_number(max) && (double)hv_len(v) > num(max))
		add_error(r, c, "Must have at most %lld properties", (long long)num(max));
	hv *req = hv_map_get(s, "required");
	for (size_t i = 0; req && hv_kind_of(req) == HV_LIST && i < hv_len(req); i++) {
		hv *k = hv_list_get(req, i);
		if (hv_kind_of(k) != HV_STRING)
			continue;
		if (hv_map_get(v, hv_get_str(k)))
			r->score++;
		else
			add_error(r, c, "%s is required", hv_get_str(k));
	}
	hv *props = hv_map_get(s, "properties");
	hv *add = hv_map_get(s, "additionalProperties");
	for (size_t i = 0; i < hv_len(v); i++) {
		char *key = xstrndup(hv_map_key(v, i), hv_map_keylen(v, i));
		bool found = props && hv_kind_of(props) == HV_MAP && hv_map_get(props, key);
		bool pp = validate_pattern_property(vd, s, key, hv_map_keylen(v, i), hv_map_val(v, i), r, c);
		if (!found && !pp && add) {
			if (hv_kind_of(add) == HV_BOOL) {
				if (!hv_get_bool(add))
					add_error(r, c, "Additional property %s is not allowed", key);
			} else {
				struct ctx sc = {key, c};
				struct result sub;
				sub_validate(vd, add, hv_map_val(v, i), &sc, &sub);
				merge_errors(r, &sub);
			}
		}
		free(key);
	}
	hv *names = hv_map_get(s, "propertyNames");
	for (size_t i = 0; names && i < hv_len(v); i++) {
		hv *k = hv_strn(hv_map_key(v, i), hv_map_keylen(v, i));
		struct result sub;
		sub_validate(vd, names, k, c, &sub);
		if (sub.n) {
			add_error(r, c, "Property name of \"%s\" does not match", hv_get_str(k));
			merge_errors(r, &sub);
		}
		result_free(&sub);
		hv_free(k);
	}
	r->score++;
}

static void validate_string(const hv *s, const hv *v, struct result *r, const struct ctx *c)
{
	if (hv_kind_of(v) != HV_STRING)
		return;
	size_t runes = rune_count(hv_get_str(v), hv_str_len(v));
	hv *min = hv_map_get(s, "minLength"), *max = hv_map_get(s, "maxLength");
	if (min && is_number(min) && (double)runes < num(min))
		add_error(r, c, "String length must be greater than or equal to %lld", (long long)num(min));
	if (max && is_number(max) && (double)runes > num(max))
		add_error(r, c, "String length must be less than or equal to %lld", (long long)num(max));
	hv *pat = hv_map_get(s, "pattern");
	if (pat && hv_kind_of(pat) == HV_STRING && !regex_match(hv_get_str(pat), hv_get_str(v), hv_str_len(v)))
		add_error(r, c, "Does not match pattern '%s'", hv_get_str(pat));
	hv *fmt = hv_map_get(s, "format");
	if (fmt && hv_kind_of(fmt) == HV_STRING && !format_ok(hv_get_str(fmt), v))
		add_error(r, c, "Does not match format '%s'", hv_get_str(fmt));
	r->score++;
}

static void validate_number(const hv *s, const hv *v, struct result *r, const struct ctx *c)
{
	if (!is_number(v))
		return;
	double x = num(v);
	hv *mult = hv_map_get(s, "multipleOf");
	if (mult && is_number(mult) && num(mult) > 0) {
		double q = x / num(mult);
		if (floor(q) != q) {
			char *m = fmt_num(mult);
			add_error(r, c, "Must be a multiple of %s", m);
			free(m);
		}
	}
	/* Draft 4 writes exclusiveMaximum/Minimum as booleans beside maximum/minimum. */
	hv *max = hv_map_get(s, "maximum"), *xmax = hv_map_get(s, "exclusiveMaximum");
	hv *min = hv_map_get(s, "minimum"), *xmin = hv_map_get(s, "exclusiveMinimum");
	bool max_excl = xmax && hv_kind_of(xmax) == HV_BOOL && hv_get_bool(xmax);
	bool min_excl = xmin && hv_kind_of(xmin) == HV_BOOL && hv_get_bool(xmin);
	if (max && is_number(max) && (max_excl ? x >= num(max) : x > num(max))) {
		char *m = fmt_num(max);
		add_error(r, c, max_excl ? "Must be less than %s" : "Must be less than or equal to %s", m);
		free(m);
	}
	if (xmax && is_number(xmax) && x >= num(xmax)) {
		char *m = fmt_num(xmax);
		add_error(r, c, "Must be less than %s", m);
		free(m);
	}
	if (min && is_number(min) && (min_excl ? x <= num(min) : x < num(min))) {
		char *m = fmt_num(min);
		add_error(r, c, min_excl ? "Must be greater than %s" : "Must be greater than or equal to %s", m);
		free(m);
	}
	if (xmin && is_number(xmin) && x <= num(xmin)) {
		char *m = fmt_num(xmin);
		add_error(r, c, "Must be greater than %s", m);
		free(m);
	}
	hv *fmt = hv_map_get(s, "format");
	if (fmt && hv_kind_of(fmt) == HV_STRING && !format_ok(hv_get_str(fmt), v))
		add_error(r, c, "Does not match format '%s'", hv_get_str(fmt));
	r->score++;
}

/* validateRecursive */
static void validate(const struct validator *vd, const hv *s, const hv *v, struct result *r, const struct ctx *c)
{
	if (hv_kind_of(s) == HV_BOOL) {
		if (!hv_get_bool(s))
			add_error(r, c, "False always fails validation");
		return;
	}
	if (hv_kind_of(s) != HV_MAP)
		return;
	hv *ref = hv_map_get(s, "$ref");
	if (ref && hv_kind_of(ref) == HV_STRING) {
		const hv *target = resolve_ref(vd, hv_get_str(ref));
		if (target)
			validate(vd, target, v, r, c);
		return;
	}
	hv *types = schema_types(s);
	if (hv_len(types) && !type_allows(types, v)) {
		char *t = types_text(types);
		add_error(r, c, "Invalid type. Expected: %s, given: %s", t, kind_name(v));
		free(t);
		hv_free(types);
		return;
	}
	hv_free(types);
	validate_schema(vd, s, v, r, c);
	switch (hv_kind_of(v)) {
	case HV_LIST:
		validate_array(vd, s, v, r, c);
		validate_common(s, v, r, c);
		break;
	case HV_MAP: {
		validate_object(vd, s, v, r, c);
		validate_common(s, v, r, c);
		hv *props = hv_map_get(s, "properties");
		for (size_t i = 0; props && hv_kind_of(props) == HV_MAP && i < hv_len(props); i++) {
			char *key = xstrndup(hv_map_key(props, i), hv_map_keylen(props, i));
			hv *next = hv_map_get(v, key);
			if (next) {
				struct ctx sc = {key, c};
				validate(vd, hv_map_val(props, i), next, r, &sc);
			}
			free(key);
		}
		break;
	}
	case HV_NIL:
		validate_common(s, v, r, c);
		break;
	default:
		validate_number(s, v, r, c);
		validate_common(s, v, r, c);
		validate_string(s, v, r, c);
	}
	r->score++;
}

/* json_parse's "NAME:LINE:COL: " prefix removed: the decoder's own message, as Go prints it. */
static char *bare_json_error(char *err, const char *name)
{
	const char *p = err + strlen(name);
	for (int colons = 0; *p && colons < 3; p++)
		colons += *p == ':';
	while (*p == ' ')
		p++;
	/* gojsonschema reads the schema with a json.Decoder, which says EOF where Unmarshal says "end of JSON input" */
	char *out = xstrdup(strcmp(p, "unexpected end of JSON input") ? p : "unexpected EOF");
	free(err);
	return out;
}

char *values_validate_schema(const hv *values, const char *schema, size_t len)
{
	char *err = NULL;
	hv *s = json_parse(schema, len, "values.schema.json", JSON_INTS, &err);
	if (!s)
		return bare_json_error(err, "values.schema.json");
	struct validator vd = {s};
	struct ctx root = {"(root)", NULL};
	struct result r = {0};
	validate(&vd, s, values, &r, &root);
	hv_free(s);
	if (!r.n)
		return NULL;
	buf b = BUF_INIT;
	for (size_t i = 0; i < r.n; i++)
		buf_printf(&b, "- %s\n", r.errors[i]);
	result_free(&r);
	return buf_detach(&b, NULL);
}

char *values_validate_schemas(const vchart *c, const hv *values)
{
	buf b = BUF_INIT;
	if (c->schema) {
		char *e = values_validate_schema(values, c->schema, c->schema_len);
		if (e) {
			buf_printf(&b, "%s:\n%s", c->name, e);
			free(e);
		}
	}
	for (size_t i = 0; i < c->nsubs; i++) {
		hv *sub = hv_map_get(values, c->subs[i]->name);
		hv *empty = NULL;
		if (!sub || hv_kind_of(sub) != HV_MAP)
			sub = empty = hv_map();
		char *e = values_validate_schemas(c->subs[i], sub);
		hv_free(empty);
		if (e) {
			buf_puts(&b, e);
			free(e);
		}
	}
	if (!b.len)
		return NULL;
	return buf_detach(&b, NULL);
}
