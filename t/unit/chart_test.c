/* Unit tests of the chart loader: lib/chart.c, chart_meta.c, chart_json.c, helmignore.c,
 * archive_read.c, archive_write.c.  Expected messages are Helm 3.17.3's. */
#include "archive_tgz.h"
#include "chart.h"
#include "helmignore.h"
#include "json.h"
#include "unit.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_path_match(void)
{
	static const struct { const char *pat, *name; bool want, bad; } cases[] = {
		{"*.bak", "a.bak", true, false},
		{"*.bak", "dir/a.bak", false, false},
		{"a/*", "a/b", true, false},
		{"a/*", "a/b/c", false, false},
		{"?", "/", false, false},
		{"[a-c]x", "bx", true, false},
		{"[^a-c]x", "bx", false, false},
		{"[^a-c]x", "dx", true, false},
		{"\\*", "*", true, false},
		{"*x*", "abxcd", true, false},
		{"a*", "", false, false},
		{"[", "a", false, true},
		{"a[", "b", false, true},
		{"[]a]", "]", false, true},
		{"x\\", "x", false, true},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		bool bad;
		bool got = go_path_match(cases[i].pat, cases[i].name, &bad);
		CHECK(got == cases[i].want);
		CHECK(bad == cases[i].bad);
	}
}

static bool ignored(const char *rules, const char *path, bool dir)
{
	char *err = NULL;
	helmignore *r = helmignore_parse(rules, strlen(rules), &err);
	CHECK(r != NULL);
	if (!r) {
		free(err);
		return false;
	}
	helmignore_add_defaults(r);
	bool got = helmignore_ignore(r, path, dir);
	helmignore_free(r);
	return got;
}

static void test_helmignore(void)
{
	CHECK(ignored("*.bak\n", "sub/dir/deep.bak", false));
	CHECK(!ignored("/rootonly.txt\n", "sub/rootonly.txt", false));
	CHECK(ignored("/rootonly.txt\n", "rootonly.txt", false));
	CHECK(ignored("docs/\n", "docs", true));
	CHECK(!ignored("docs/\n", "docs", false));
	CHECK(ignored("templates/\n", "templates", true));
	CHECK(ignored("", "templates/.hidden.yaml", false)); /* Helm's default rule */
	CHECK(!ignored("", ".hidden", false));
	CHECK(!ignored("# comment\n\n", "a", false));
	/* A negated rule ignores everything it does not match, Chart.yaml included. */
	CHECK(ignored("!keep.txt\n", "Chart.yaml", false));
	CHECK(!ignored("!keep.txt\n", "keep.txt", false));
	CHECK(!ignored("\xEF\xBB\xBF*.bak\n", "x.txt", false));
	CHECK(ignored("\xEF\xBB\xBF*.bak\n", "x.bak", false));
	/* names and "*SUFFIX" are compared directly: the same answers as filepath.Match */
	CHECK(ignored("*.bak\n", ".bak", false));
	CHECK(!ignored("*.bak\n", "x.bakx", false));
	CHECK(ignored("*/x.txt\n", "dir/x.txt", false));
	CHECK(!ignored("*/x.txt\n", "a/b/x.txt", false));
	CHECK(!ignored("*/x.txt\n", "x.txt", false));
	CHECK(ignored("*\n", "anything", false));
	CHECK(ignored("secret.txt\n", "sub/secret.txt", false));
	CHECK(!ignored("secret.txt\n", "secret.txt2", false));
	CHECK(ignored("a/secret.txt\n", "a/secret.txt", false));
	CHECK(!ignored("a/secret.txt\n", "b/a/secret.txt", false));
	CHECK(ignored("*.t?t\n", "a.txt", false));

	char *err = NULL;
	CHECK(helmignore_parse("a/**/b\n", 7, &err) == NULL);
	CHECK(err && strcmp(err, "double-star (**) syntax is not supported") == 0);
	free(err);
	err = NULL;
	CHECK(helmignore_parse("[\n", 2, &err) == NULL);
	CHECK(err && strcmp(err, "syntax error in pattern") == 0);
	free(err);
}

static void test_metadata(void)
{
	struct chart_metadata m;
	char *err = NULL;
	const char *y = "apiVersion: v2\nname: x\nversion: 1.10\nappVersion: 1.0\nkeywords: [a, 2]\n"
	                "deprecated: true\nannotations: {k: 1}\nmaintainers:\n- name: me\n";
	CHECK(chart_metadata_parse(y, strlen(y), &m, &err) == 0);
	CHECK(strcmp(m.version, "1.1") == 0);      /* as sigs.k8s.io/yaml makes a float a string */
	CHECK(strcmp(m.app_version, "1") == 0);
	CHECK(m.nkeywords == 2 && strcmp(m.keywords[1], "2") == 0);
	CHECK(m.deprecated);
	CHECK(m.nmaintainers == 1 && strcmp(m.maintainers[0].name, "me") == 0);
	CHECK(strcmp(hv_get_str(hv_map_get(m.annotations, "k")), "1") == 0);
	CHECK(strcmp(m.icon, "") == 0);
	CHECK(chart_validate(&m) == NULL);

	hv *h = chart_metadata_to_hv(&m);
	buf b = BUF_INIT;
	json_emit(&b, h, 0);
	CHECK(strcmp(b.s, "{\"annotations\":{\"k\":\"1\"},\"apiVersion\":\"v2\",\"appVersion\":\"1\",\"deprecated\":true,"
	                  "\"keywords\":[\"a\",\"2\"],\"maintainers\":[{\"name\":\"me\"}],\"name\":\"x\",\"version\":\"1.1\"}") == 0);
	buf_free(&b);
	hv_free(h);
	chart_metadata_free(&m);

	static const struct { const char *yaml, *want; } bad[] = {
		{"apiVersion: v2\nversion: 1.0.0\n", "validation: chart.metadata.name is required"},
		{"apiVersion: v2\nname: a/b\nversion: 1.0.0\n", "validation: chart.metadata.name \"a/b\" is invalid"},
		{"apiVersion: v2\nname: a\n", "validation: chart.metadata.version is required"},
		{"apiVersion: v2\nname: a\nversion: notsemver\n", "validation: chart.metadata.version \"notsemver\" is invalid"},
		{"apiVersion: v2\nname: a\nversion: 1.0.0\ntype: other\n", "validation: chart.metadata.type must be application or library"},
		{"apiVersion: v2\nname: a\nversion: 1.0.0\nmaintainers: [~]\n", "validation: maintainers must not contain empty or null nodes"},
		{"apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n- name: b\n  alias: x y\n",
		 "validation: dependency \"b\" has disallowed characters in the alias"},
		{"apiVersion: v2\nname: a\nversion: 1.0.0\ndependencies:\n- name: b\n- name: c\n  alias: b\n",
		 "validation: more than one dependency with name or alias \"b\""},
		{"name: a\nversion: 1.0.0\n", "validation: chart.metadata.apiVersion is required"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		CHECK(chart_metadata_parse(bad[i].yaml, strlen(bad[i].yaml), &m, &err) == 0);
		char *v = chart_validate(&m);
		CHECK(v && strcmp(v, bad[i].want) == 0);
		if (v && strcmp(v, bad[i].want) != 0)
			fprintf(stderr, "got %s\n", v);
		free(v);
		chart_metadata_free(&m);
	}

	CHECK(chart_metadata_parse("name: [a]\n", 10, &m, &err) < 0);
	CHECK(err && strstr(err, "cannot unmarshal array into Go struct field Metadata.name of type string"));
	free(err);
	chart_metadata_free(&m);
	err = NULL;
	CHECK(chart_metadata_parse("a: b: c\n", 8, &m, &err) < 0);
	CHECK(err && strcmp(err, "error converting YAML to JSON: yaml: mapping values are not allowed in this context") == 0);
	free(err);
	chart_metadata_free(&m);
}

#define F(name, text) {(char *)(name), (char *)(text), sizeof(text) - 1}

static void test_load_files(void)
{
	char *err = NULL;
	const struct chart_file files[] = {
		F("Chart.yaml", "name: top\nversion: 1.0.0\n"),
		F("values.yaml", "a: 1\n"),
		F("templates/cm.yaml", "kind: ConfigMap\n"),
		F("crds/c.YAML", "kind: CustomResourceDefinition\n"),
		F("README.md", "# top\n"),
		F("requirements.yaml", "dependencies:\n- name: sub\n  version: 0.1.0\n"),
		F("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n"),
		F("charts/sub/crds/d.json", "{}"),
		F("charts/_skip/Chart.yaml", "garbage: ["),
	};
	chart *c = chart_load_files(files, sizeof files / sizeof *files, &err);
	CHECK(c != NULL);
	if (!c) {
		fprintf(stderr, "%s\n", err);
		free(err);
		return;
	}
	CHECK(strcmp(c->meta.api_version, "v1") == 0); /* Helm 2 charts may omit it */
	CHECK(c->meta.ndeps == 1 && strcmp(c->meta.deps[0].name, "sub") == 0);
	CHECK(c->ntemplates == 1);
	CHECK(c->nfiles == 3); /* crds/c.YAML, README.md, requirements.yaml (v1) */
	CHECK(chart_file_get(c, "README.md") != NULL);
	CHECK(hv_get_float(hv_map_get(c->values, "a")) == 1);
	CHECK(c->nsubcharts == 1);
	CHECK(strcmp(c->subcharts[0]->path_in_parent, "charts/sub") == 0);
	CHECK(c->subcharts[0]->parent == c);
	char *full = chart_full_path(c->subcharts[0]);
	CHECK(strcmp(full, "top/charts/sub") == 0);
	free(full);
	size_t n;
	const struct chart_file **crds = chart_crds(c, &n);
	CHECK(n == 2 && strcmp(crds[0]->name, "crds/c.YAML") == 0 && strcmp(crds[1]->name, "crds/d.json") == 0);
	free(crds);

	/* JSON and back. */
	hv *j = chart_to_json(c);
	chart *back = chart_from_json(j, &err);
	CHECK(back != NULL);
	if (back) {
		hv *j2 = chart_to_json(back);
		CHECK(hv_equal(j, j2));
		hv_free(j2);
		chart_free(back);
	}
	hv_free(j);
	chart_free(c);

	static const struct { struct chart_file f[2]; size_t n; const char *want; } bad[] = {
		{{F("values.yaml", "a: 1\n")}, 1, "Chart.yaml file is missing"},
		{{F("Chart.yaml", "name: x\nversion: 1.0.0\n"), F("values.yaml", "- a\n")}, 2,
		 "cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}"},
		{{F("Chart.yaml", "name: x\nversion: 1.0.0\n"), F("values.yaml", "a: [1\n")}, 2,
		 "cannot load values.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"},
		{{F("Chart.yaml", "name: x\nversion: 1.0.0\n"), F("charts/sub/Chart.yaml", "name: sub\n")}, 2,
		 "error unpacking subchart sub in x: validation: chart.metadata.version is required"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		err = NULL;
		c = chart_load_files(bad[i].f, bad[i].n, &err);
		CHECK(c == NULL);
		CHECK(err && strcmp(err, bad[i].want) == 0);
		if (err && strcmp(err, bad[i].want) != 0)
			fprintf(stderr, "got %s\n", err);
		free(err);
		chart_free(c);
	}
}

/* Identical values.yaml files of one load share one parsed tree; others get their own. */
static void test_shared_values(void)
{
	char *err = NULL;
	const struct chart_file files[] = {
		F("Chart.yaml", "apiVersion: v2\nname: top\nversion: 1.0.0\n"),
		F("values.yaml", "a: 1\n"),
		F("charts/s1/Chart.yaml", "apiVersion: v2\nname: s1\nversion: 0.1.0\n"),
		F("charts/s1/values.yaml", "b: {c: 2}\n"),
		F("charts/s2/Chart.yaml", "apiVersion: v2\nname: s2\nversion: 0.1.0\n"),
		F("charts/s2/values.yaml", "b: {c: 2}\n"),
		F("charts/s3/Chart.yaml", "apiVersion: v2\nname: s3\nversion: 0.1.0\n"),
		F("charts/s3/values.yaml", "b: {c: 3}\n"),
	};
	chart *c = chart_load_files(files, sizeof files / sizeof *files, &err);
	CHECK(c && c->nsubcharts == 3);
	if (!c || c->nsubcharts != 3) {
		free(err);
		chart_free(c);
		return;
	}
	CHECK(c->subcharts[0]->values == c->subcharts[1]->values);
	CHECK(c->subcharts[2]->values != c->subcharts[1]->values);
	CHECK(hv_get_float(hv_path(c->subcharts[1]->values, "b.c")) == 2);
	CHECK(hv_get_float(hv_path(c->subcharts[2]->values, "b.c")) == 3);
	chart_free(c);
}

/* Writes TEXT to DIR/NAME, making the directories on the way. */
static void put(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *slash = strrchr(path, '/');
	*slash = 0;
	mkdir_all(path);
	*slash = '/';
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

static void test_meta_only(void)
{
	char dir[] = "/tmp/chart_test.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	put(dir, "Chart.yaml", "apiVersion: v2\nname: top\nversion: 1.0.0\n");
	put(dir, "values.yaml", "a: 1\n");
	put(dir, "templates/t.yaml", "kind: T\n");
	put(dir, "files/big.json", "{}\n");
	put(dir, "charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n");
	put(dir, "charts/sub/values.yaml", "b: 2\n");
	put(dir, "charts/sub/values.schema.json", "{}");
	put(dir, "charts/sub/templates/u.yaml", "kind: U\n");
	char *err = NULL;
	chart *c = chart_load_flags(dir, CHART_LOAD_META_ONLY, &err);
	CHECK(c && c->nsubcharts == 1 && c->ntemplates == 1 && c->nfiles == 1);
	if (c && c->nsubcharts == 1 && c->ntemplates == 1 && c->nfiles == 1) {
		const chart *sub = c->subcharts[0];
		CHECK(hv_get_float(hv_map_get(c->values, "a")) == 1);
		CHECK(hv_get_float(hv_map_get(sub->values, "b")) == 2);
		CHECK(sub->schema && strcmp(sub->schema, "{}") == 0);
		/* listed, not read */
		CHECK(strcmp(c->templates[0].name, "templates/t.yaml") == 0 && c->templates[0].len == 0);
		CHECK(strcmp(c->files[0].name, "files/big.json") == 0 && c->files[0].len == 0);
		CHECK(sub->ntemplates == 1 && sub->templates[0].len == 0);
	}
	free(err);
	chart_free(c);
	char *rm = xasprintf("rm -rf '%s'", dir);
	CHECK(system(rm) == 0);
	free(rm);
}

static void test_archive(void)
{
	const struct chart_file members[] = {
		F("demo/Chart.yaml", "name: demo\nversion: 0.1.0\n"),
		F("demo/templates/a.yaml", "\xEF\xBB\xBFkind: A\n"),
		F("demo/charts/sub/Chart.yaml", "name: sub\nversion: 0.2.0\n"),
	};
	buf a = BUF_INIT, b = BUF_INIT;
	archive_write_tgz(members, 3, 1000000000, &a);
	archive_write_tgz(members, 3, 1000000000, &b);
	CHECK(a.len == b.len && memcmp(a.s, b.s, a.len) == 0); /* reproducible */
	char *err = NULL;
	chart *c = chart_load_archive(a.s, a.len, "demo-0.1.0.tgz", &err);
	CHECK(c != NULL);
	if (c) {
		CHECK(strcmp(c->meta.name, "demo") == 0);
		CHECK(c->ntemplates == 1 && strcmp(c->templates[0].data, "kind: A\n") == 0); /* BOM dropped */
		CHECK(c->nsubcharts == 1 && strcmp(c->subcharts[0]->meta.version, "0.2.0") == 0);
		CHECK(strcmp(c->source, "demo-0.1.0.tgz") == 0 && strcmp(c->subcharts[0]->source, "demo-0.1.0.tgz") == 0);
		chart_free(c);
	}
	buf_free(&a);
	buf_free(&b);

	static const struct { struct chart_file f; const char *want; } evil[] = {
		{F("demo/../../etc/x", "x"), "chart illegally references parent directory"},
		{F("/etc/x", "x"), "chart illegally contains absolute paths"},
		{F("Chart.yaml", "name: x\n"), "chart yaml not in base directory"},
	};
	for (size_t i = 0; i < sizeof evil / sizeof *evil; i++) {
		buf t = BUF_INIT;
		archive_write_tgz(&evil[i].f, 1, 0, &t);
		struct chart_file *files = NULL;
		size_t n = 0;
		err = NULL;
		CHECK(archive_read_chart(t.s, t.len, "evil.tgz", &files, &n, &err) < 0);
		CHECK(err && strcmp(err, evil[i].want) == 0);
		if (err && strcmp(err, evil[i].want) != 0)
			fprintf(stderr, "got %s\n", err);
		free(err);
		buf_free(&t);
	}
	struct chart_file *files = NULL;
	size_t n = 0;
	err = NULL;
	CHECK(archive_read_chart("not gzip", 8, "x.tgz", &files, &n, &err) < 0);
	CHECK(err && strstr(err, "does not appear to be a valid chart file"));
	free(err);
}

int main(void)
{
	test_path_match();
	test_helmignore();
	test_metadata();
	test_load_files();
	test_shared_values();
	test_meta_only();
	test_archive();
	return unit_report("chart");
}
