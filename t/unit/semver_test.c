/* Unit tests of lib/semver.c against Masterminds/semver v3.3.0 behaviour. */
#include "semver.h"
#include "unit.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stdlib.h>
#include <string.h>

static bool check(const char *cons, const char *ver)
{
	char *err = NULL;
	semver_constraints *c = semver_constraint_parse(cons, &err);
	semver *v = semver_parse(ver, &err);
	if (!c || !v) {
		fprintf(stderr, "unexpected error for %s / %s: %s\n", cons, ver, err);
		free(err);
		semver_constraint_free(c);
		semver_free(v);
		return false;
	}
	bool r = semver_constraint_check(c, v);
	semver_constraint_free(c);
	semver_free(v);
	return r;
}

static const struct { const char *cons, *ver; bool want; } checks[] = {
#include "semver_cases.h"
	/* Helm-relevant prerelease rules and the conformance vectors. */
	{">=1.20", "1.21.3-eks-123", false},
	{">=1.20-0", "1.21.3-eks-123", true},
	{">=1.2.3", "1.2.2", false},
	{"^1.2.0", "1.9.9", true},
	{"~1.2.0", "1.3.0", false},
	{"1.2.x", "1.2.9", true},
	{">=1.0 <2.0", "1.5.0", true},
	{"<1.0 || >2.0", "1.5.0", false},
	{"=1.2.3", "1.2.3+meta", true},
	{"!=1.2.3", "1.2.4", true},
	{"1.2.3 - 1.4.5", "1.3.0", true},
	{"1.2.3 - 1.4.5", "1.4.6", false},
	{">=1.2.3-alpha", "1.2.3-beta", true},
	{"~1.2", "1.2.9", true},
	{"1.x", "2.0.0", false},
	{">= 1.10.0-0 < 1.33.0-0", "v1.32.0", true},
};

static void test_checks(void)
{
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		bool got = check(checks[i].cons, checks[i].ver);
		if (got != checks[i].want)
			fprintf(stderr, "  %s vs %s: got %d\n", checks[i].cons, checks[i].ver, got);
		CHECK(got == checks[i].want);
	}
}

static void expect_version_error(const char *s, const char *msg)
{
	char *err = NULL;
	semver *v = semver_parse(s, &err);
	CHECK(v == NULL);
	CHECK(err && strcmp(err, msg) == 0);
	if (err && strcmp(err, msg) != 0)
		fprintf(stderr, "  %s: got %s\n", s, err);
	free(err);
	semver_free(v);
}

static void test_parse(void)
{
	static const char *ok[] = {"1.2.3", "1.2.3+test.01", "1.2.3-alpha.-1", "v1.2.3", "1.0", "v1",
		"1.2-5", "1.2.0-x.Y.0+metadata-width-hypen", "1.2.2147483648", "20221209-update-renovatejson-v4"};
	static const char *bad[] = {"1.2.3-alpha.01", "1.2.beta", "foo", "\n1.2", "1.2.3.4",
		"12.3.4.1234", "1.2.3\n", ""};
	char *err = NULL;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		semver *v = semver_parse(ok[i], &err);
		CHECK(v != NULL);
		semver_free(v);
	}
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		semver *v = semver_parse(bad[i], &err);
		CHECK(v == NULL);
		free(err);
		err = NULL;
	}
	expect_version_error("notsemver", "Invalid Semantic Version");
	expect_version_error("1.2.3-01", "Version segment starts with 0");
	expect_version_error("99999999999999999999.1.1",
		"Error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range");

	semver *v = semver_parse("v1.2-beta.1+build.5", &err);
	CHECK(v && v->major == 1 && v->minor == 2 && v->patch == 0);
	CHECK(v && strcmp(v->pre, "beta.1") == 0 && strcmp(v->metadata, "build.5") == 0);
	CHECK(v && strcmp(v->original, "v1.2-beta.1+build.5") == 0);
	char *s = semver_string(v);
	CHECK(strcmp(s, "1.2.0-beta.1+build.5") == 0);
	free(s);
	semver *n = semver_inc_minor(v);
	CHECK(strcmp(n->original, "v1.3.0") == 0);
	semver_free(n);
	n = semver_inc_patch(v);
	CHECK(strcmp(n->original, "v1.2.0") == 0);
	semver_free(n);
	n = semver_set_prerelease(v, "rc.1", &err);
	CHECK(n && strcmp(n->original, "v1.2.0-rc.1+build.5") == 0);
	semver_free(n);
	CHECK(semver_set_prerelease(v, "a+b", &err) == NULL && strcmp(err, "Invalid Prerelease string") == 0);
	free(err);
	CHECK(semver_set_metadata(v, "b_1", &err) == NULL && strcmp(err, "Invalid Metadata string") == 0);
	free(err);
	semver_free(v);

	v = semver_parse_strict("1.2", &err);
	CHECK(!v && strcmp(err, "Invalid Semantic Version") == 0);
	free(err);
	v = semver_parse_strict("1.02.3", &err);
	CHECK(!v && strcmp(err, "Version segment starts with 0") == 0);
	free(err);
	v = semver_parse_strict("1.2.3-rc.1", &err);
	CHECK(v && v->patch == 3 && strcmp(v->pre, "rc.1") == 0);
	semver_free(v);
}

static int cmp(const char *a, const char *b)
{
	char *err = NULL;
	semver *x = semver_parse(a, &err), *y = semver_parse(b, &err);
	int r = semver_compare(x, y);
	semver_free(x);
	semver_free(y);
	return r;
}

static void test_compare(void)
{
	CHECK(cmp("1.2.3", "1.2.4") == -1);
	CHECK(cmp("1.2.3", "1.2.3-alpha") == 1);
	CHECK(cmp("1.2.3-alpha.10", "1.2.3-alpha.9") == 1);
	CHECK(cmp("1.2.3-alpha", "1.2.3-alpha.1") == -1);
	CHECK(cmp("1.2.3-1", "1.2.3-alpha") == -1);
	CHECK(cmp("1.2.3+a", "1.2.3+b") == 0);
	CHECK(cmp("2", "1.9.9") == 1);
}

static void test_constraint_errors(void)
{
	char *err = NULL;
	CHECK(semver_constraint_parse("bad", &err) == NULL);
	CHECK(err && strcmp(err, "improper constraint: bad") == 0);
	free(err);
	err = NULL;
	CHECK(semver_constraint_parse(">1 || foo", &err) == NULL);
	CHECK(err && strcmp(err, "improper constraint:  foo") == 0);
	free(err);
	err = NULL;
	CHECK(semver_constraint_parse("", &err) == NULL);
	CHECK(err && strcmp(err, "improper constraint: ") == 0);
	free(err);
	err = NULL;
	/* '|' is inside Masterminds' digit class, so this passes the syntax check. */
	CHECK(semver_constraint_parse("1|2", &err) == NULL);
	CHECK(err && strcmp(err, "constraint Parser Error") == 0);
	free(err);
}

/* A random text of the characters versions and constraints are made of, some others, and
 * spaces, up to 14 long. */
static void random_text(char *out, const char *alphabet)
{
	size_t n = (size_t)(rand() % 15), k = strlen(alphabet);
	for (size_t i = 0; i < n; i++)
		out[i] = alphabet[rand() % (int)k];
	out[n] = 0;
}

/* semver_parse reads versions by hand: the same as Masterminds' expression, on random text. */
static void test_version_reading(void)
{
	int code;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)"^v?([0-9]+)(\\.[0-9]+)?(\\.[0-9]+)?"
		"(-([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?(\\+([0-9A-Za-z\\-]+(\\.[0-9A-Za-z\\-]+)*))?$",
		PCRE2_ZERO_TERMINATED, PCRE2_DOLLAR_ENDONLY, &code, &off, NULL);
	CHECK(re != NULL);
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	int differ = 0;
	for (int i = 0; i < 200000 && differ < 5; i++) {
		char s[16], *err = NULL;
		random_text(s, i % 2 ? "v0123456789..--++aZ" : "v0123456789.-+aZx|* \n");
		bool matched = pcre2_match(re, (PCRE2_SPTR)s, strlen(s), 0, 0, md, NULL) >= 0;
		semver *v = semver_parse(s, &err);
		bool same = matched == !(err && strcmp(err, "Invalid Semantic Version") == 0);
		if (same && v) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			size_t pre = ov[10] == PCRE2_UNSET ? 0 : ov[11] - ov[10];
			size_t meta = ov[16] == PCRE2_UNSET ? 0 : ov[17] - ov[16];
			same = strlen(v->pre) == pre && strlen(v->metadata) == meta &&
			       (!pre || memcmp(v->pre, s + ov[10], pre) == 0) &&
			       (!meta || memcmp(v->metadata, s + ov[16], meta) == 0) &&
			       v->major == strtoull(s + ov[2], NULL, 10);
		}
		if (!same) {
			fprintf(stderr, "  version %s: expression %s, semver_parse %s\n", s,
			        matched ? "matches" : "does not match", err ? err : "reads it");
			differ++;
		}
		free(err);
		semver_free(v);
	}
	CHECK(differ == 0);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}

/* Plain comparisons are read by hand: the same constraints as the expressions make, or the
 * same error, on random text (checked against a panel of versions). */
static void test_constraint_reading(void)
{
	static const char *const panel[] = {"0.0.0", "1.0.0", "1.2.0", "1.2.3", "1.2.4", "1.3.0",
		"2.0.0", "1.2.3-alpha", "1.2.3-0", "1.19.0", "1.20.0-0", "v1.32.0", "10.0.0", "0.1.0-rc.1"};
	int differ = 0;
	for (int i = 0; i < 200000 && differ < 5; i++) {
		static const char *const ops[] = {"", "=", ">=", "=>", "<", "<=", "~>", "~", "^", "!=", ">>", " > "};
		char s[32], *e1 = NULL, *e2 = NULL;
		if (i % 2) { /* an operator, perhaps spaces, a version-like text, perhaps a space */
			size_t n = (size_t)sprintf(s, "%s%s", ops[rand() % 12], rand() % 3 ? "" : " ");
			random_text(s + n, "v0123456789..-+a");
			strcat(s, rand() % 4 ? "" : " ");
		} else {
			random_text(s, i % 4 ? " =!<>~^v0123456789.-+" : " \t=!<>~^v0123456789.-+xX*|,a");
		}
		semver_regex_only = false;
		semver_constraints *a = semver_constraint_parse(s, &e1);
		semver_regex_only = true;
		semver_constraints *b = semver_constraint_parse(s, &e2);
		semver_regex_only = false;
		bool same = !a == !b && (a || strcmp(e1, e2) == 0);
		for (size_t k = 0; same && a && k < sizeof panel / sizeof *panel; k++) {
			char *verr = NULL;
			semver *v = semver_parse(panel[k], &verr);
			same = semver_constraint_check(a, v) == semver_constraint_check(b, v);
			semver_free(v);
		}
		if (!same) {
			fprintf(stderr, "  constraint \"%s\": by hand %s, expressions %s\n", s, e1 ? e1 : "ok", e2 ? e2 : "ok");
			differ++;
		}
		free(e1);
		free(e2);
		semver_constraint_free(a);
		semver_constraint_free(b);
	}
	CHECK(differ == 0);
}

int main(void)
{
	test_checks();
	test_parse();
	test_compare();
	test_constraint_errors();
	test_version_reading();
	test_constraint_reading();
	return unit_report("semver");
}
