/* Unit tests of lib/render's engine-independent parts: manifest splitting and install-order
 * sorting, the two glob dialects, TOML encoding, Go string helpers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gofmt.h"
#include "json.h"
#include "render/glob.h"
#include "render/gostr.h"
#include "render/manifest.h"
#include "render/objects.h"
#include "render/toml.h"
#include "unit.h"
#include "util.h"

static bool split_is(const char *text, const char *const *want, size_t nwant)
{
	size_t n;
	char **docs = manifest_split(text, &n);
	bool ok = n == nwant;
	for (size_t i = 0; i < n; i++) {
		if (ok && strcmp(docs[i], want[i]) != 0)
			ok = false;
		free(docs[i]);
	}
	free(docs);
	return ok;
}

static void test_split(void)
{
	const char *a[] = {"a: 1", "b: 2"};
	CHECK(split_is("a: 1\n---\nb: 2\n", a, 2));
	CHECK(split_is("---\na: 1\n---   \n\n---\nb: 2", a, 2) == false); /* "---\n" kept in doc 2 */
	const char *b[] = {"a: 1", "---\nb: 2"};
	CHECK(split_is("---\na: 1\n---   \n\n---\nb: 2", b, 2));
	const char *c[] = {"x"};
	CHECK(split_is("  \n---\n\nx\n\n", c, 1));
	const char *d[] = {"a", "foo\nb"};
	CHECK(split_is("a\n---foo\nb", d, 2));
	const char *e[] = {"a", "foo\nb"};
	CHECK(split_is("a\n--- foo\nb", e, 2));
	CHECK(split_is("", NULL, 0));
}

static struct rendered file(const char *path, const char *content)
{
	return (struct rendered){xstrdup(path), xstrdup(content)};
}

static void test_sort(void)
{
	struct rendered f[] = {
		file("c/templates/z.yaml", "kind: Deployment\nmetadata:\n  name: d\n---\nkind: Service\n"),
		file("c/templates/a.yaml", "kind: Zeta\n---\nkind: Alpha\n---\n# only a comment\n"),
		file("c/templates/_h.tpl", "kind: Service\n"),
		file("c/templates/h.yaml", "kind: Job\nmetadata:\n  name: j\n  annotations:\n"
		                           "    helm.sh/hook: Pre-Install, test\n"
		                           "    helm.sh/hook-weight: \"-5\"\n"),
		file("c/templates/u.yaml", "kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: nope\n"),
		file("c/templates/v2.yaml", "kind: CustomResourceDefinition\nmetadata:\n  annotations:\n"
		                            "    helm.sh/hook: crd-install\n"),
		file("c/charts/s/templates/ns.yaml", "kind: Namespace\n"),
		file("c/templates/empty.yaml", " \n\n"),
	};
	size_t n = sizeof f / sizeof *f;
	struct manifest_set set;
	char *err = NULL;
	CHECK(manifest_sort(f, n, 0, &set, &err) == 0);
	CHECK(set.ngeneric == 6);
	const char *kinds[] = {"Namespace", "Service", "Deployment", "", "Alpha", "Zeta"};
	for (size_t i = 0; i < set.ngeneric && i < 6; i++)
		CHECK(strcmp(set.generic[i].kind, kinds[i]) == 0);
	CHECK(set.ngeneric == 6 && strcmp(set.generic[0].path, "c/charts/s/templates/ns.yaml") == 0);
	CHECK(set.nhooks == 1);
	if (set.nhooks == 1) {
		CHECK(strcmp(set.hooks[0].name, "j") == 0);
		CHECK(set.hooks[0].nevents == 2 && strcmp(set.hooks[0].events[0], "pre-install") == 0);
		CHECK(set.hooks[0].weight == -5);
	}
	manifest_set_free(&set);
	CHECK(manifest_sort(f, n, MANIFEST_V2_HOOKS, &set, &err) == 0);
	CHECK(set.nhooks == 2);
	manifest_set_free(&set);

	struct rendered bad[] = {file("c/templates/s.yaml", "just a string\n")};
	CHECK(manifest_sort(bad, 1, 0, &set, &err) < 0);
	CHECK(err && strcmp(err, "YAML parse error on c/templates/s.yaml: error unmarshaling JSON: "
	                         "while decoding JSON: json: cannot unmarshal string into Go value "
	                         "of type releaseutil.SimpleHead") == 0);
	free(err);
	err = NULL;
	manifest_set_free(&set);
	struct rendered bad2[] = {file("c/templates/s.yaml", "a: [\n")};
	CHECK(manifest_sort(bad2, 1, 0, &set, &err) < 0);
	CHECK(err && strncmp(err, "YAML parse error on c/templates/s.yaml: error converting YAML "
	                          "to JSON: yaml: line ", 60) == 0);
	free(err);
	manifest_set_free(&set);
	for (size_t i = 0; i < n; i++)
		free(f[i].path), free(f[i].content);
	free(bad[0].path), free(bad[0].content), free(bad2[0].path), free(bad2[0].content);
	CHECK(manifest_kind_rank("PriorityClass") == 0);
	CHECK(manifest_kind_rank("APIService") == 35);
	CHECK(manifest_kind_rank("Lease") == -1);
}

static void test_glob(void)
{
	CHECK(glob_match("config/*", "config/a.txt"));
	CHECK(!glob_match("config/*", "config/x/a.txt"));
	CHECK(glob_match("**.txt", "config/a.txt"));
	CHECK(glob_match("**", ".hidden"));
	CHECK(glob_match("config/[ab].txt", "config/b.txt"));
	CHECK(!glob_match("config/[!ab].txt", "config/b.txt"));
	CHECK(glob_match("{config,data}/*.{txt,conf}", "data/x.conf"));
	CHECK(!glob_match("{config,data}/*.{txt,conf}", "nested/x.conf"));
	CHECK(glob_match("?op.txt", "top.txt"));
	CHECK(glob_match("config/[", "anything")); /* invalid: Helm falls back to "**" */
}

static void toml_is(const char *json, const char *want)
{
	char *err = NULL;
	hv *v = json_parse(json, strlen(json), "t", JSON_INTS, &err);
	CHECK(v != NULL);
	char *got = v ? toml_encode(v, &err) : NULL;
	CHECK(got && strcmp(got, want) == 0);
	if (got && strcmp(got, want) != 0)
		fprintf(stderr, "toml of %s:\n%s\nwant:\n%s\n", json, got, want);
	free(got);
	free(err);
	hv_free(v);
}

static void test_toml(void)
{
	toml_is("{\"a\":1.0,\"b\":2.5,\"c\":3}", "a = 1.0\nb = 2.5\nc = 3\n");
	toml_is("{\"x\":{\"true\":{\"z\":\"deep\"}}}", "[x]\n  [x.true]\n    z = \"deep\"\n");
	toml_is("[\"a\",\"b\"]", "[\"a\", \"b\"]");
	toml_is("{\"t\":[{\"a\":1},{\"a\":2}]}", "[[t]]\n  a = 1\n\n[[t]]\n  a = 2\n");
	toml_is("{}", "");
	toml_is("{\"n\":null}", "");
	toml_is("{\"q\":\"a\\\"b\\nc\"}", "q = \"a\\\"b\\nc\"\n");
	toml_is("{\"b\":true,\"a\":{},\"m\":{\"k\":1,\"arr\":[{\"p\":1},{\"p\":2}],\"deep\":{\"z\":2}}}",
	        "b = true\n\n[a]\n\n[m]\n  k = 1\n\n  [[m.arr]]\n    p = 1\n\n  [[m.arr]]\n    p = 2\n"
	        "  [m.deep]\n    z = 2\n");
}

static void toml_reads(const char *text, const char *want_json)
{
	char *err = NULL;
	hv *v = toml_parse(text, strlen(text), &err);
	buf b = BUF_INIT;
	if (v)
		json_emit(&b, v, 0);
	CHECK(v && strcmp(buf_str(&b), want_json) == 0);
	if (!v || strcmp(buf_str(&b), want_json) != 0)
		fprintf(stderr, "toml %s: got %s (%s)\n", text, buf_str(&b), err ? err : "");
	buf_free(&b);
	free(err);
	hv_free(v);
}

static void test_toml_parse(void)
{
	toml_reads("a = 1\nb = 1.5 # c\n[t]\nk = true\n[[l]]\nq = 1\n[[l]]\nq = 'x'\n",
	           "{\"a\":1,\"b\":1.5,\"l\":[{\"q\":1},{\"q\":\"x\"}],\"t\":{\"k\":true}}");
	toml_reads("s = \"\"\"\nl1\nl2\"\"\"\nu = \"\\u00e9\"\nx = {y.z = [1, [2]], w = 0o17}\n",
	           "{\"s\":\"l1\\nl2\",\"u\":\"\u00e9\",\"x\":{\"w\":15,\"y\":{\"z\":[1,[2]]}}}");
	char *err = NULL;
	const char *bad[] = {"a = ", "a = 1\na = 2", "[t\n", "a = \"x", "a = 1 b = 2", "a = [1 2]"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		hv *v = toml_parse(bad[i], strlen(bad[i]), &err);
		CHECK(!v && err && strncmp(err, "toml: line ", 11) == 0);
		hv_free(v);
		free(err);
		err = NULL;
	}
}

static void test_gostr(void)
{
	size_t n;
	const char *s = "\xc2\xa0 \t x y \n\r", *t = go_trim_space(s, 10, &n);
	CHECK(t == s + 5 && n == 3 && memcmp(t, "x y", 3) == 0);
	buf b = BUF_INIT;
	go_strconv_quote(&b, "a\"\n\x01\xff\xc3\xa9", 7);
	CHECK(strcmp(buf_str(&b), "\"a\\\"\\n\\x01\\xff\xc3\xa9\"") == 0);
	buf_free(&b);
}

/* Calls method NAME of object OBJ with one string argument (or none when ARG is NULL). */
static hv *call(hv *obj, const char *name, const char *arg, char **err)
{
	hv *m = hv_object_ops_of(obj)->lookup(obj, name);
	if (!m)
		return NULL;
	hv *a = arg ? hv_str(arg) : NULL;
	hv *r = hv_call(m, &a, arg ? 1 : 0, err);
	hv_free(a);
	hv_free(m);
	return r;
}

static void test_files(void)
{
	char dir[] = "/tmp/render_test.XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char *lazy_path = xasprintf("%s/lazy.txt", dir);
	FILE *lf = fopen(lazy_path, "w");
	CHECK(lf != NULL);
	if (lf) {
		fputs("\xEF\xBB\xBFread when asked\n", lf);
		fclose(lf);
	}
	struct chart_file lazy[] = {{"lazy.txt", NULL, 0}}; /* CHART_LOAD_LAZY_FILES left it unread */
	chart lc = {.source = dir, .files = lazy, .nfiles = 1};
	hv *lfiles = render_files(&lc);
	char *err = NULL;
	hv *lz = call(lfiles, "Get", "lazy.txt", &err);
	CHECK(lz && strcmp(hv_get_str(lz), "read when asked\n") == 0); /* BOM dropped, as loading does */
	hv_free(lz);
	hv_free(lfiles);
	free(lazy[0].data);
	unlink(lazy_path);
	rmdir(dir);
	free(lazy_path);

	struct chart_file f[] = {
		{"config/b.txt", "beta\nline2", 10}, {"config/a.txt", "alpha\n", 6},
		{"empty.txt", "", 0}, {"top.txt", "top", 3},
	};
	chart c = {.source = dir, .files = f, .nfiles = 4};
	hv *files = render_files(&c);
	hv *r = call(files, "Get", "top.txt", &err);
	CHECK(r && strcmp(hv_get_str(r), "top") == 0);
	hv_free(r);
	r = call(files, "Get", "nope", &err);
	CHECK(r && hv_str_len(r) == 0);
	hv_free(r);
	r = call(files, "Lines", "config/a.txt", &err);
	CHECK(r && hv_len(r) == 1 && strcmp(hv_get_str(hv_list_get(r, 0)), "alpha") == 0);
	hv_free(r);
	r = call(files, "Lines", "empty.txt", &err);
	CHECK(!r && err && strcmp(err, "runtime error: index out of range [-1]") == 0);
	free(err);
	err = NULL;
	hv *g = call(files, "Glob", "config/*", &err);
	CHECK(g && strcmp(hv_gotype(g), "engine.files") == 0);
	hv *u = g ? hv_object_ops_of(g)->underlying(g) : NULL;
	CHECK(u && hv_len(u) == 2 && strcmp(hv_map_key(u, 0), "config/a.txt") == 0);
	hv_free(u);
	r = g ? call(g, "AsSecrets", NULL, &err) : NULL;
	CHECK(r && strcmp(hv_get_str(r), "a.txt: YWxwaGEK\nb.txt: YmV0YQpsaW5lMg==") == 0);
	hv_free(r);
	hv_free(g);
	hv *empty = call(files, "Glob", "nope/*", &err);
	CHECK(empty && !hv_truth(empty));
	r = empty ? call(empty, "AsConfig", NULL, &err) : NULL;
	CHECK(r && strcmp(hv_get_str(r), "{}") == 0);
	hv_free(r);
	hv_free(empty);
	r = call(files, "Get", NULL, &err);
	CHECK(!r && err && strcmp(err, "wrong number of args for Get: want 1 got 0") == 0);
	free(err);
	hv_free(files);
}

static void test_objects(void)
{
	struct chart_metadata m = {
		.api_version = "v2", .name = "c", .version = "1.0.0", .kube_version = "",
		.description = "", .type = "", .home = "", .icon = "", .app_version = "2",
		.condition = "", .tags = "",
	};
	hv *c = render_chart_object(&m, "alias", true, NULL);
	buf b = BUF_INIT;
	render_json(&b, c, JSON_ESCAPE_HTML);
	CHECK(strcmp(buf_str(&b), "{\"name\":\"alias\",\"version\":\"1.0.0\",\"apiVersion\":\"v2\","
	                          "\"appVersion\":\"2\",\"IsRoot\":true}") == 0);
	buf_free(&b);
	hv *n = hv_object_ops_of(c)->lookup(c, "Name");
	CHECK(n && strcmp(hv_get_str(n), "alias") == 0);
	hv_free(n);
	CHECK(hv_object_ops_of(c)->lookup(c, "Nope") == NULL);
	hv_free(c);

	char *extra[] = {"a.io/v1/Kind"};
	hv *caps = render_capabilities("v1.25.3", extra, 1, false);
	hv *kv = hv_object_ops_of(caps)->lookup(caps, "KubeVersion");
	hv *minor = kv ? hv_object_ops_of(kv)->lookup(kv, "Minor") : NULL;
	CHECK(minor && strcmp(hv_get_str(minor), "25") == 0);
	hv_free(minor);
	hv_free(kv);
	hv *apis = hv_object_ops_of(caps)->lookup(caps, "APIVersions");
	char *err = NULL;
	hv *has = apis ? call(apis, "Has", "a.io/v1/Kind", &err) : NULL;
	CHECK(has && hv_get_bool(has));
	hv_free(has);
	has = apis ? call(apis, "Has", "a.io/v1", &err) : NULL;
	CHECK(has && !hv_get_bool(has));
	hv_free(has);
	hv_free(apis);
	CHECK(hv_object_ops_of(caps)->lookup(caps, "TillerVersion") == NULL);
	hv_free(caps);
}

int main(void)
{
	test_split();
	test_sort();
	test_glob();
	test_toml();
	test_toml_parse();
	test_gostr();
	test_files();
	test_objects();
	return unit_report("render");
}
