/* semver.c — Masterminds/semver v3.3.0 in C (see semver.h).
 *
 * Masterminds parses versions and constraints with Go regular expressions; the same
 * expressions are used here through PCRE2 so that every odd input (e.g. "1|2" is a valid
 * constraint major, since '|' is inside its character class) is read the same way.  Go's
 * leftmost-first matching is PCRE's, Go's \s is [\t\n\f\r ], and Go's $ is the end of text.
 * Two readings are done by hand, because compiling the expressions costs more than most renders
 * spend on semver (0.8M instructions): versions, whose expression has one way to match any
 * text, and constraints of one plain comparison (">=1.19-0"), the common case, whose reading
 * is shown equal to the expressions' below; t/unit/semver_test.c compares both on random text. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "semver.h"
#include "util.h"

#define SP "[\\t\\n\\f\\r ]"
#define SEMVER_RE "v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?" \
	"(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?" \
	"(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
#define CV_RE "v?([0-9|x|X|\\*]+)(\\.[0-9|x|X|\\*]+)?(\\.[0-9|x|X|\\*]+)?" \
	"(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?" \
	"(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?"
#define OPS_RE "=||!=|>|<|>=|=>|<=|=<|~|~>|\\^"

enum { RE_CONSTRAINT, RE_RANGE, RE_FIND, RE_VALID, RE_COUNT };

static const char *const patterns[RE_COUNT] = {
	[RE_CONSTRAINT] = "^" SP "*(" OPS_RE ")" SP "*(" CV_RE ")" SP "*$",
	[RE_RANGE] = SP "*(" CV_RE ")" SP "+-" SP "+(" CV_RE ")" SP "*",
	[RE_FIND] = "(" OPS_RE ")" SP "*(" CV_RE ")",
	[RE_VALID] = "^(" SP "*(" OPS_RE ")" SP "*(" CV_RE ")" SP "*)((?:" SP "+|," SP "*)(" OPS_RE ")"
		SP "*(" CV_RE ")" SP "*)*$",
};

static pcre2_code *compiled[RE_COUNT];

bool semver_regex_only;

static pcre2_code *re_get(int which)
{
	if (!compiled[which]) {
		int code;
		PCRE2_SIZE off;
		compiled[which] = pcre2_compile((PCRE2_SPTR)patterns[which], PCRE2_ZERO_TERMINATED,
			PCRE2_DOLLAR_ENDONLY, &code, &off, NULL);
		if (!compiled[which])
			die("semver: internal regular expression %d does not compile", which);
	}
	return compiled[which];
}

/* One match of regex WHICH in S[0..n) from START.  Returns the match data (caller frees) or
 * NULL when there is no match. */
static pcre2_match_data *re_match(int which, const char *s, size_t n, size_t start)
{
	pcre2_code *re = re_get(which);
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	if (pcre2_match(re, (PCRE2_SPTR)s, n, start, 0, md, NULL) < 0) {
		pcre2_match_data_free(md);
		return NULL;
	}
	return md;
}

/* Group I of a match as a malloc'd string ("" when it did not take part). */
static char *group(pcre2_match_data *md, const char *s, int i)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	if (ov[2 * i] == PCRE2_UNSET)
		return xstrdup("");
	return xstrndup(s + ov[2 * i], ov[2 * i + 1] - ov[2 * i]);
}

static bool contains_only(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!s[i] || !strchr(set, s[i]))
			return false;
	return true;
}

#define NUM "0123456789"
#define ALLOWED "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-" NUM

/* validatePrerelease / validateMetadata: dot-separated identifiers. */
static const char *validate_ids(const char *p, bool pre)
{
	for (;;) {
		size_t n = strcspn(p, ".");
		if (pre && contains_only(p, n, NUM)) {
			if (n > 1 && p[0] == '0')
				return "Version segment starts with 0";
		} else if (!contains_only(p, n, ALLOWED)) {
			return pre ? "Invalid Prerelease string" : "Invalid Metadata string";
		}
		if (!p[n])
			return NULL;
		p += n + 1;
	}
}

/* strconv.ParseUint(s, 10, 64); on failure *err is Go's message. */
static bool parse_uint(const char *s, uint64_t *out, char **err)
{
	const char *why = NULL;
	if (!*s)
		why = "invalid syntax";
	for (const char *p = s; !why && *p; p++)
		if (*p < '0' || *p > '9')
			why = "invalid syntax";
	if (!why) {
		errno = 0;
		*out = strtoull(s, NULL, 10);
		if (errno == ERANGE)
			why = "value out of range";
	}
	if (why) {
		*err = xasprintf("strconv.ParseUint: parsing \"%s\": %s", s, why);
		return false;
	}
	return true;
}

static semver *semver_new(void)
{
	semver *v = xcalloc(1, sizeof *v);
	return v;
}

void semver_free(semver *v)
{
	if (!v)
		return;
	free(v->pre);
	free(v->metadata);
	free(v->original);
	free(v);
}

semver *semver_dup(const semver *v)
{
	semver *d = semver_new();
	*d = *v;
	d->pre = xstrdup(v->pre);
	d->metadata = xstrdup(v->metadata);
	d->original = xstrdup(v->original);
	return d;
}

/* A part of a text: N bytes at AT; N = 0 when the part is absent. */
struct span {
	const char *at;
	size_t n;
};

static char *span_dup(struct span p) { return xstrndup(p.at ? p.at : "", p.n); }

/* The end of a run of [0-9A-Za-z-]+(\.[0-9A-Za-z-]+)* at P, or P if there is none. */
static const char *ids_end(const char *p)
{
	const char *q = p;
	for (;;) {
		const char *r = q;
		while (*r && (strchr(ALLOWED, *r)))
			r++;
		if (r == q)
			return q == p ? p : q - 1; /* a trailing '.' is not part of the run */
		if (*r != '.')
			return r;
		q = r + 1;
	}
}

/* The run of digits at P: its end. */
static const char *digits_end(const char *p)
{
	while (*p >= '0' && *p <= '9')
		p++;
	return p;
}

/* SEMVER_RE at the start of S, by hand: its parts, each optional one beginning with a character
 * the part before cannot end with, so the greedy reading is the expression's only one.  G gets
 * the major, ".minor", ".patch" and the prerelease and metadata without their '-' and '+'.
 * Returns where the match ends, or NULL. */
static const char *match_version(const char *s, struct span g[5])
{
	memset(g, 0, 5 * sizeof *g);
	const char *p = s + (*s == 'v'), *e = digits_end(p);
	if (e == p)
		return NULL;
	g[0] = (struct span){p, (size_t)(e - p)};
	for (int i = 1; i <= 2 && *e == '.' && digits_end(e + 1) > e + 1; i++) {
		p = e;
		e = digits_end(e + 1);
		g[i] = (struct span){p, (size_t)(e - p)};
	}
	for (int i = 3; i <= 4; i++) {
		if (*e != (i == 3 ? '-' : '+'))
			continue;
		const char *end = ids_end(e + 1);
		if (end == e + 1)
			break;
		g[i] = (struct span){e + 1, (size_t)(end - e - 1)};
		e = end;
	}
	return e;
}

semver *semver_parse(const char *s, char **err)
{
	struct span g[5];
	const char *end = match_version(s, g);
	if (!end || *end) {
		*err = xstrdup("Invalid Semantic Version");
		return NULL;
	}
	semver *v = semver_new();
	v->original = xstrdup(s);
	v->pre = span_dup(g[3]);
	v->metadata = span_dup(g[4]);
	const char *bad = NULL;
	bool failed = false;
	for (int i = 0; i < 3 && !failed; i++) {
		char *seg = span_dup(g[i]), *perr = NULL;
		uint64_t *dst = i == 0 ? &v->major : i == 1 ? &v->minor : &v->patch;
		if (*seg && !parse_uint(seg + (i > 0), dst, &perr)) {
			*err = xasprintf("Error parsing version segment: %s", perr);
			free(perr);
			failed = true;
		}
		free(seg);
	}
	if (!failed && *v->pre)
		bad = validate_ids(v->pre, true);
	if (!failed && !bad && *v->metadata)
		bad = validate_ids(v->metadata, false);
	if (failed || bad) {
		if (bad)
			*err = xstrdup(bad);
		semver_free(v);
		return NULL;
	}
	return v;
}

semver *semver_parse_strict(const char *s, char **err)
{
	if (!*s) {
		*err = xstrdup("Version string empty");
		return NULL;
	}
	const char *d1 = strchr(s, '.');
	const char *d2 = d1 ? strchr(d1 + 1, '.') : NULL;
	if (!d2) {
		*err = xstrdup("Invalid Semantic Version");
		return NULL;
	}
	char *parts[3] = {xstrndup(s, d1 - s), xstrndup(d1 + 1, d2 - d1 - 1), xstrdup(d2 + 1)};
	semver *v = semver_new();
	v->original = xstrdup(s);
	const char *bad = NULL;
	char *plus = strchr(parts[2], '+');
	v->metadata = xstrdup(plus ? plus + 1 : "");
	if (plus) {
		*plus = 0;
		bad = validate_ids(v->metadata, false);
	}
	char *dash = bad ? NULL : strchr(parts[2], '-');
	v->pre = xstrdup(dash ? dash + 1 : "");
	if (dash) {
		*dash = 0;
		bad = validate_ids(v->pre, true);
	}
	for (int i = 0; i < 3 && !bad; i++) {
		if (!contains_only(parts[i], strlen(parts[i]), NUM))
			bad = "Invalid characters in version";
		else if (strlen(parts[i]) > 1 && parts[i][0] == '0')
			bad = "Version segment starts with 0";
	}
	bool ok = !bad;
	if (bad)
		*err = xstrdup(bad);
	if (ok)
		ok = parse_uint(parts[0], &v->major, err) && parse_uint(parts[1], &v->minor, err) &&
			parse_uint(parts[2], &v->patch, err);
	for (int i = 0; i < 3; i++)
		free(parts[i]);
	if (!ok) {
		semver_free(v);
		return NULL;
	}
	return v;
}

char *semver_string(const semver *v)
{
	buf b = BUF_INIT;
	buf_printf(&b, "%llu.%llu.%llu", (unsigned long long)v->major, (unsigned long long)v->minor,
		(unsigned long long)v->patch);
	if (*v->pre)
		buf_printf(&b, "-%s", v->pre);
	if (*v->metadata)
		buf_printf(&b, "+%s", v->metadata);
	return buf_detach(&b, NULL);
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* An identifier as strconv.ParseUint(s, 10, 64) reads it: true when it is a number. */
static bool pre_number(const char *s, size_t n, uint64_t *out)
{
	if (n == 0 || n > 20 || !contains_only(s, n, NUM))
		return false;
	char tmp[24];
	memcpy(tmp, s, n);
	tmp[n] = 0;
	errno = 0;
	*out = strtoull(tmp, NULL, 10);
	return errno != ERANGE;
}

static int compare_pre_part(const char *s, size_t sn, const char *o, size_t on)
{
	if (sn == on && memcmp(s, o, sn) == 0)
		return 0;
	if (sn == 0)
		return -1;
	if (on == 0)
		return 1;
	uint64_t si, oi;
	bool snum = pre_number(s, sn, &si), onum = pre_number(o, on, &oi);
	if (!snum && !onum) {
		size_t m = sn < on ? sn : on;
		int c = memcmp(s, o, m);
		return c > 0 || (c == 0 && sn > on) ? 1 : -1;
	}
	if (!onum)
		return -1;
	if (!snum)
		return 1;
	return si > oi ? 1 : -1;
}

static int compare_prerelease(const char *a, const char *b)
{
	for (;;) {
		size_t an = a ? strcspn(a, ".") : 0, bn = b ? strcspn(b, ".") : 0;
		int d = compare_pre_part(a ? a : "", an, b ? b : "", bn);
		if (d)
			return d;
		a = a && a[an] ? a + an + 1 : NULL;
		b = b && b[bn] ? b + bn + 1 : NULL;
		if (!a && !b)
			return 0;
	}
}

int semver_compare(const semver *a, const semver *b)
{
	int d = cmp_u64(a->major, b->major);
	if (!d)
		d = cmp_u64(a->minor, b->minor);
	if (!d)
		d = cmp_u64(a->patch, b->patch);
	if (d)
		return d;
	if (!*a->pre && !*b->pre)
		return 0;
	if (!*a->pre)
		return 1;
	if (!*b->pre)
		return -1;
	return compare_prerelease(a->pre, b->pre);
}

/* The next version: prerelease and metadata dropped, original rebuilt keeping a "v". */
static semver *next_version(const semver *v, uint64_t major, uint64_t minor, uint64_t patch)
{
	semver *n = semver_new();
	n->major = major;
	n->minor = minor;
	n->patch = patch;
	n->pre = xstrdup("");
	n->metadata = xstrdup("");
	char *s = semver_string(n);
	n->original = xasprintf("%s%s", v->original[0] == 'v' ? "v" : "", s);
	free(s);
	return n;
}

semver *semver_inc_major(const semver *v)
{
	return next_version(v, v->major + 1, 0, 0);
}

semver *semver_inc_minor(const semver *v)
{
	return next_version(v, v->major, v->minor + 1, 0);
}

semver *semver_inc_patch(const semver *v)
{
	return next_version(v, v->major, v->minor, *v->pre ? v->patch : v->patch + 1);
}

static semver *set_part(const semver *v, const char *text, bool pre, char **err)
{
	const char *bad = *text ? validate_ids(text, pre) : NULL;
	if (bad) {
		*err = xstrdup(bad);
		return NULL;
	}
	semver *n = semver_dup(v);
	char **part = pre ? &n->pre : &n->metadata;
	free(*part);
	*part = xstrdup(text);
	char *s = semver_string(n);
	free(n->original);
	n->original = xasprintf("%s%s", v->original[0] == 'v' ? "v" : "", s);
	free(s);
	return n;
}

semver *semver_set_prerelease(const semver *v, const char *pre, char **err)
{
	return set_part(v, pre, true, err);
}

semver *semver_set_metadata(const semver *v, const char *metadata, char **err)
{
	return set_part(v, metadata, false, err);
}

/* --- constraints --- */

enum op { OP_TILDE_OR_EQUAL, OP_NOT_EQUAL, OP_GT, OP_LT, OP_GE, OP_LE, OP_TILDE, OP_CARET };

struct constraint {
	semver *con;
	enum op op;
	bool minor_dirty, patch_dirty, dirty;
};

struct semver_constraints {
	size_t nor;
	struct and_group {
		size_t n;
		struct constraint *c;
	} *or;
};

static const struct {
	const char *name;
	enum op op;
} ops[] = {
	{"", OP_TILDE_OR_EQUAL}, {"=", OP_TILDE_OR_EQUAL}, {"!=", OP_NOT_EQUAL},
	{">", OP_GT}, {"<", OP_LT}, {">=", OP_GE}, {"=>", OP_GE}, {"<=", OP_LE},
	{"=<", OP_LE}, {"~", OP_TILDE}, {"~>", OP_TILDE}, {"^", OP_CARET},
};

/* The operator named S (N bytes), or -1. */
static int op_named(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strlen(ops[i].name) == n && memcmp(ops[i].name, s, n) == 0)
			return (int)ops[i].op;
	return -1;
}

static enum op op_of(const char *s)
{
	int op = op_named(s, strlen(s));
	return op < 0 ? OP_TILDE_OR_EQUAL : (enum op)op;
}

static bool is_x(const char *s)
{
	return strcmp(s, "x") == 0 || strcmp(s, "*") == 0 || strcmp(s, "X") == 0;
}

/* The rest of parseConstraint: the comparison OPNAME with CV_RE's parts: the version text VER,
 * its major M3, ".minor" M4, ".patch" M5 and "-prerelease" M6. */
static bool make_constraint(const char *opname, const char *ver, const char *m3, const char *m4,
                            const char *m5, const char *m6, struct constraint *c, char **err)
{
	memset(c, 0, sizeof *c);
	c->op = op_of(opname);
	char *text = NULL;
	if (!*m3 || is_x(m3)) {
		text = xasprintf("0.0.0%s", m6);
		c->dirty = true;
	} else if (!*m4 || is_x(m4 + 1)) {
		text = xasprintf("%s.0.0%s", m3, m6);
		c->minor_dirty = c->dirty = true;
	} else if (!*m5 || is_x(m5 + 1)) {
		text = xasprintf("%s%s.0%s", m3, m4, m6);
		c->patch_dirty = c->dirty = true;
	}
	char *perr = NULL;
	c->con = semver_parse(text ? text : ver, &perr);
	free(perr);
	free(text);
	if (!c->con) {
		*err = xstrdup("constraint Parser Error");
		return false;
	}
	return true;
}

/* parseConstraint on one comparison text S (never empty here). */
static bool parse_one(const char *s, struct constraint *c, char **err)
{
	pcre2_match_data *md = re_match(RE_CONSTRAINT, s, strlen(s), 0);
	if (!md) {
		*err = xasprintf("improper constraint: %s", s);
		return false;
	}
	char *opname = group(md, s, 1), *ver = group(md, s, 2), *m3 = group(md, s, 3),
		*m4 = group(md, s, 4), *m5 = group(md, s, 5), *m6 = group(md, s, 6);
	pcre2_match_data_free(md);
	bool ok = make_constraint(opname, ver, m3, m4, m5, m6, c, err);
	free(opname), free(ver), free(m3), free(m4), free(m5), free(m6);
	return ok;
}

static bool is_space(char c) { return c && strchr("\t\n\f\r ", c); }

/* NewConstraint of S, if S is one plain comparison: spaces, an operator, spaces, a version of
 * digits (no wildcard, no '|'), spaces.  Then the expressions read it so: no " - " range, one
 * "||" alternative that RE_VALID accepts, one RE_FIND match, which RE_CONSTRAINT splits at the
 * whole run of operator characters (a shorter operator leaves one where the version must
 * start, and the version has none).  Returns false for anything else; else true, with *OUT the
 * constraints or NULL and *ERR. */
static bool parse_plain(const char *s, semver_constraints **out, char **err)
{
	const char *p = s;
	while (is_space(*p))
		p++;
	size_t nop = strspn(p, "=!<>~^");
	if (op_named(p, nop) < 0)
		return false;
	char opname[3] = "";
	memcpy(opname, p, nop);
	p += nop;
	while (is_space(*p))
		p++;
	struct span g[5];
	const char *end = match_version(p, g);
	if (!end)
		return false;
	const char *after = end;
	while (is_space(*after))
		after++;
	if (*after)
		return false;
	char *ver = xstrndup(p, (size_t)(end - p)), *m3 = span_dup(g[0]), *m4 = span_dup(g[1]),
	     *m5 = span_dup(g[2]), *m6 = g[3].n ? xstrndup(g[3].at - 1, g[3].n + 1) : xstrdup("");
	semver_constraints *cs = xcalloc(1, sizeof *cs);
	cs->nor = 1;
	cs->or = xcalloc(1, sizeof *cs->or);
	cs->or[0].c = xcalloc(1, sizeof *cs->or[0].c);
	if (make_constraint(opname, ver, m3, m4, m5, m6, &cs->or[0].c[0], err)) {
		cs->or[0].n = 1;
	} else {
		semver_constraint_free(cs);
		cs = NULL;
	}
	free(ver), free(m3), free(m4), free(m5), free(m6);
	*out = cs;
	return true;
}

/* rewriteRange: "A - B" becomes ">= A, <= B ". */
static char *rewrite_range(const char *in)
{
	/* Masterminds finds all ranges in the original text first, then replaces the first
	 * occurrence of each matched text in turn. */
	size_t n = strlen(in), pos = 0, nm = 0;
	char **whole = NULL, **repl = NULL;
	pcre2_match_data *md;
	while (pos <= n && (md = re_match(RE_RANGE, in, n, pos))) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		whole = xrealloc(whole, (nm + 1) * sizeof *whole);
		repl = xrealloc(repl, (nm + 1) * sizeof *repl);
		whole[nm] = xstrndup(in + ov[0], ov[1] - ov[0]);
		char *a = group(md, in, 1), *b = group(md, in, 11);
		repl[nm++] = xasprintf(">= %s, <= %s ", a, b);
		free(a), free(b);
		pos = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		pcre2_match_data_free(md);
	}
	char *out = xstrdup(in);
	for (size_t i = 0; i < nm; i++) {
		char *at = strstr(out, whole[i]);
		if (at) {
			buf b = BUF_INIT;
			buf_add(&b, out, at - out);
			buf_puts(&b, repl[i]);
			buf_puts(&b, at + strlen(whole[i]));
			free(out);
			out = buf_detach(&b, NULL);
		}
		free(whole[i]);
		free(repl[i]);
	}
	free(whole);
	free(repl);
	return out;
}

void semver_constraint_free(semver_constraints *cs)
{
	if (!cs)
		return;
	for (size_t i = 0; i < cs->nor; i++) {
		for (size_t j = 0; j < cs->or[i].n; j++)
			semver_free(cs->or[i].c[j].con);
		free(cs->or[i].c);
	}
	free(cs->or);
	free(cs);
}

/* One "||" alternative: validated as a whole, then split into comparisons. */
static bool parse_and(const char *s, struct and_group *g, char **err)
{
	size_t n = strlen(s), pos = 0;
	pcre2_match_data *md = re_match(RE_VALID, s, n, 0);
	if (!md) {
		*err = xasprintf("improper constraint: %s", s);
		return false;
	}
	pcre2_match_data_free(md);
	while (pos < n && (md = re_match(RE_FIND, s, n, pos))) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		char *one = xstrndup(s + ov[0], ov[1] - ov[0]);
		pos = ov[1];
		pcre2_match_data_free(md);
		g->c = xrealloc(g->c, (g->n + 1) * sizeof *g->c);
		bool ok = parse_one(one, &g->c[g->n], err);
		free(one);
		if (!ok)
			return false;
		g->n++;
	}
	return true;
}

semver_constraints *semver_constraint_parse(const char *s, char **err)
{
	semver_constraints *cs;
	if (!semver_regex_only && parse_plain(s, &cs, err))
		return cs;
	char *text = rewrite_range(s);
	cs = xcalloc(1, sizeof *cs);
	bool ok = true;
	for (char *p = text; ok;) {
		char *bar = strstr(p, "||");
		char *alt = bar ? xstrndup(p, bar - p) : xstrdup(p);
		cs->or = xrealloc(cs->or, (cs->nor + 1) * sizeof *cs->or);
		cs->or[cs->nor] = (struct and_group){0, NULL};
		ok = parse_and(alt, &cs->or[cs->nor++], err);
		free(alt);
		if (!bar)
			break;
		p = bar + 2;
	}
	free(text);
	if (!ok) {
		semver_constraint_free(cs);
		return NULL;
	}
	return cs;
}

static bool pre_excluded(const semver *v, const struct constraint *c)
{
	return *v->pre && !*c->con->pre;
}

static bool check_tilde(const semver *v, const struct constraint *c)
{
	if (pre_excluded(v, c) || semver_compare(v, c->con) < 0)
		return false;
	const semver *k = c->con;
	if (k->major == 0 && k->minor == 0 && k->patch == 0 && !c->minor_dirty && !c->patch_dirty)
		return true;
	if (v->major != k->major)
		return false;
	if (v->minor != k->minor && !c->minor_dirty)
		return false;
	return true;
}

static bool check_not_equal(const semver *v, const struct constraint *c)
{
	const semver *k = c->con;
	if (c->dirty) {
		if (pre_excluded(v, c))
			return false;
		if (k->major != v->major)
			return true;
		if (k->minor != v->minor && !c->minor_dirty)
			return true;
		if (c->minor_dirty)
			return false;
		if (k->patch != v->patch && !c->patch_dirty)
			return true;
		if (c->patch_dirty) {
			if (*v->pre || *k->pre)
				return compare_prerelease(v->pre, k->pre) != 0;
			return false;
		}
	}
	return semver_compare(v, k) != 0;
}

static bool check_gt(const semver *v, const struct constraint *c)
{
	const semver *k = c->con;
	if (pre_excluded(v, c))
		return false;
	if (!c->dirty)
		return semver_compare(v, k) == 1;
	if (v->major > k->major)
		return true;
	if (v->major < k->major || c->minor_dirty)
		return false;
	if (c->patch_dirty)
		return v->minor > k->minor;
	return semver_compare(v, k) == 1;
}

static bool check_le(const semver *v, const struct constraint *c)
{
	const semver *k = c->con;
	if (pre_excluded(v, c))
		return false;
	if (!c->dirty)
		return semver_compare(v, k) <= 0;
	if (v->major > k->major)
		return false;
	if (v->major == k->major && v->minor > k->minor && !c->minor_dirty)
		return false;
	return true;
}

static bool check_caret(const semver *v, const struct constraint *c)
{
	const semver *k = c->con;
	if (pre_excluded(v, c) || semver_compare(v, k) < 0)
		return false;
	if (k->major > 0 || c->minor_dirty)
		return v->major == k->major;
	if (v->major > 0)
		return false;
	if (k->minor > 0 || c->patch_dirty)
		return v->minor == k->minor;
	if (v->minor > 0)
		return false;
	return k->patch == v->patch;
}

static bool check_one(const semver *v, const struct constraint *c)
{
	switch (c->op) {
	case OP_TILDE_OR_EQUAL:
		if (pre_excluded(v, c))
			return false;
		return c->dirty ? check_tilde(v, c) : semver_compare(v, c->con) == 0;
	case OP_NOT_EQUAL:
		return check_not_equal(v, c);
	case OP_GT:
		return check_gt(v, c);
	case OP_LT:
		return !pre_excluded(v, c) && semver_compare(v, c->con) < 0;
	case OP_GE:
		return !pre_excluded(v, c) && semver_compare(v, c->con) >= 0;
	case OP_LE:
		return check_le(v, c);
	case OP_TILDE:
		return check_tilde(v, c);
	case OP_CARET:
		return check_caret(v, c);
	}
	return false;
}

bool semver_constraint_check(const semver_constraints *cs, const semver *v)
{
	for (size_t i = 0; i < cs->nor; i++) {
		bool all = true;
		for (size_t j = 0; j < cs->or[i].n && all; j++)
			all = check_one(v, &cs->or[i].c[j]);
		if (all)
			return true;
	}
	return false;
}
