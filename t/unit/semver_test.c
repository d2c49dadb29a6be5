/* Unit tests of lib/semver.c against Masterminds/semver v3.3.0 behaviour. */
#include "semver.h"
#include "unit.h"

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

int main(void)
{
	test_checks();
	test_parse();
	test_compare();
	test_constraint_errors();
	return unit_report("semver");
}
