/* values_test.c — coalescing, dependency processing and schema checks on in-memory charts. */
#include "buf.h"
#include "json.h"
#include "unit.h"
#include "util.h"
#include "values/coalesce.h"
#include "values/dependencies.h"
#include "values/schema.h"
#include "values/vchart.h"

#include <stdlib.h>
#include <string.h>

static hv *j(const char *text)
{
	char *err = NULL;
	hv *v = json_parse(text, strlen(text), "test", JSON_INTS, &err);
	if (!v) {
		fprintf(stderr, "bad test JSON %s: %s\n", text, err);
		abort();
	}
	return v;
}

static bool json_is(const hv *v, const char *want)
{
	buf b = BUF_INIT;
	json_emit(&b, v, 0);
	bool ok = strcmp(buf_str(&b), want) == 0;
	if (!ok)
		fprintf(stderr, "  got  %s\n  want %s\n", buf_str(&b), want);
	buf_free(&b);
	return ok;
}

static vchart *mkchart(const char *name, const char *version, const char *values)
{
	vchart *c = xcalloc(1, sizeof *c);
	c->name = xstrdup(name);
	c->version = xstrdup(version);
	c->path = xasprintf("charts/%s", name);
	c->values = j(values);
	c->deps = xcalloc(1, sizeof *c->deps);
	c->subs = xcalloc(1, sizeof *c->subs);
	return c;
}

static void add_sub(vchart *parent, vchart *sub)
{
	parent->subs = xrealloc(parent->subs, (parent->nsubs + 1) * sizeof *parent->subs);
	parent->subs[parent->nsubs++] = sub;
}

static void add_dep(vchart *c, const char *name, const char *version, const char *alias, const char *condition,
		    const char *import_values)
{
	c->deps = xrealloc(c->deps, (c->ndeps + 1) * sizeof *c->deps);
	c->deps[c->ndeps++] = (struct vdep){xstrdup(name), xstrdup(version), xstrdup(""), xstrdup(condition),
					    xstrdup(alias), xcalloc(1, sizeof(char *)), 0,
					    import_values ? j(import_values) : NULL, false};
}

static void test_coalesce(void)
{
	vchart *top = mkchart("top", "1.0.0", "{\"a\":1,\"b\":{\"c\":1,\"d\":[1,2]},\"n\":2,\"global\":{\"g\":\"top\"}}");
	add_sub(top, mkchart("sub", "0.1.0", "{\"x\":1,\"y\":2,\"global\":{\"g\":\"sub\",\"h\":\"sub\"}}"));
	hv *user = j("{\"a\":null,\"b\":{\"d\":[9]},\"zz\":null,\"sub\":{\"y\":null}}");
	char *err = NULL;
	hv *v = values_coalesce(top, user, false, &err);
	CHECK(v != NULL);
	/* null deletes a default, stays without one; lists replace; globals flow down, parent wins */
	CHECK(json_is(v, "{\"b\":{\"c\":1,\"d\":[9]},\"global\":{\"g\":\"top\"},\"n\":2,"
			 "\"sub\":{\"global\":{\"g\":\"top\",\"h\":\"sub\"},\"x\":1},\"zz\":null}"));
	hv_free(v);
	hv_free(user);

	user = j("{\"sub\":\"str\"}");
	CHECK(values_coalesce(top, user, false, &err) == NULL);
	CHECK(err && strcmp(err, "type mismatch on sub: %!t(string=str)") == 0);
	free(err);
	hv_free(user);
	vchart_free(top);
}

static void test_dependencies(void)
{
	vchart *top = mkchart("top", "1.0.0", "{\"on\":{\"enabled\":false}}");
	add_sub(top, mkchart("sub", "0.1.0", "{\"exports\":{\"data\":{\"e\":1}},\"k\":{\"v\":2}}"));
	add_dep(top, "sub", "~0.1", "first", "", "[\"data\",{\"child\":\"k\",\"parent\":\"imp.k\"}]");
	add_dep(top, "sub", "0.1.x", "second", "on.enabled", NULL);
	char *err = NULL;
	CHECK(values_check_dependencies(top) == NULL);
	hv *none = hv_map();
	CHECK(values_process_dependencies(top, none, &err) == 0);
	CHECK(top->nsubs == 1 && strcmp(top->subs[0]->name, "first") == 0);
	hv *v = values_coalesce(top, none, false, &err);
	CHECK(json_is(v, "{\"e\":1,\"first\":{\"exports\":{\"data\":{\"e\":1}},\"global\":{},\"k\":{\"v\":2}},"
			 "\"imp\":{\"k\":{\"v\":2}},\"on\":{\"enabled\":false}}"));
	hv_free(v);
	hv_free(none);
	vchart_free(top);

	top = mkchart("top", "1.0.0", "{}");
	add_dep(top, "gone", "1.0.0", "", "", NULL);
	char *missing = values_check_dependencies(top);
	CHECK(missing && strcmp(missing, "found in Chart.yaml, but missing in charts/ directory: gone") == 0);
	free(missing);
	vchart_free(top);

	CHECK(values_compatible_range("^1.2", "1.9.0"));
	CHECK(!values_compatible_range("^1.2", "2.0.0"));
	CHECK(!values_compatible_range("", "3.0.0")); /* Helm leaves a version-less dependency unmatched too */
	CHECK(!values_compatible_range(">=1.0", "not-semver"));
}

static void test_schema(void)
{
	const char *schema = "{\"required\":[\"r\"],\"properties\":{\"n\":{\"type\":\"integer\",\"minimum\":1},"
			     "\"s\":{\"type\":\"string\",\"maxLength\":2,\"pattern\":\"^a\"},"
			     "\"o\":{\"additionalProperties\":false,\"properties\":{\"k\":{\"enum\":[\"x\",1]}}}}}";
	hv *v = j("{\"n\":0,\"s\":\"bbb\",\"o\":{\"k\":\"y\",\"extra\":true}}");
	char *report = values_validate_schema(v, schema, strlen(schema));
	CHECK(report && strcmp(report, "- (root): r is required\n"
				       "- n: Must be greater than or equal to 1\n"
				       "- o: Additional property extra is not allowed\n"
				       "- o.k: o.k must be one of the following: \"x\", 1\n"
				       "- s: String length must be less than or equal to 2\n"
				       "- s: Does not match pattern '^a'\n") == 0);
	free(report);
	hv_free(v);

	v = j("{\"n\":1.5}");
	report = values_validate_schema(v, schema, strlen(schema));
	CHECK(report && strstr(report, "- n: Invalid type. Expected: integer, given: number\n"));
	free(report);
	hv_free(v);

	report = values_validate_schema(v = j("{}"), "{\"type\": ", 9);
	CHECK(report && strcmp(report, "unexpected EOF") == 0);
	free(report);
	hv_free(v);
}

int main(void)
{
	test_coalesce();
	test_dependencies();
	test_schema();
	return unit_report("values");
}
