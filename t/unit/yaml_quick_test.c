/* yaml_quick_test.c — the quick head reader (lib/yaml_quick.c) against the full one: on cases
 * for each rule of its subset, on the fuzzer's corpus (t/fuzz/yaml_head_corpus), and on every
 * document of the corpus charts' golden output (../shared/charts), most of which it must take. */
#include "../fuzz/yaml_head_fuzz.c"
#include "render/manifest.h"
#include "unit.h"
#include "util.h"

#include <stdio.h>

static const struct {
	const char *doc;
	bool quick; /* whether the quick reader takes it */
} cases[] = {
	{"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    a: \"1\"\ndata:\n  k: v", true},
	{"kind: A\nmetadata:\n  name: 'it''s'\nspec:\n  containers:\n  - name: c\n    args:\n      - -x\n      - \"y\"\n", true},
	/* sequences at their key's column, in the middle and at the end of a mapping */
	{"kind: A\nlist:\n- a\n- b\nmetadata:\n  name: n\n", true},
	{"kind: A\nm:\n  l:\n  - k: v\n    j: w\n  - x\n  o: p\n", true},
	/* plain scalars over several lines, with blank lines and comments between entries */
	{"kind: A\nspec:\n  description: a long\n    text that\n\n    goes on\n  # note\n  x: 1 # two\n", true},
	{"kind: A\nl:\n  - one\n    two\n  - three\n", true},
	{"kind: A\nx: a\n  - b\n", true},
	/* block scalars: chomping, deeper and empty lines, a comment line ending one */
	{"kind: A\ndata:\n  f: |\n    line\n\n      deeper\n     \n  g: >-\n    folded\n # c\n  h: |+\n    kept\n\n", true},
	{"kind: A\nl:\n- |\n  item\n- k: |\n    v\n  j: 1\n", true},
	{"kind: A\nd:\n  f: |\n    a\n    \ttab inside\n  g: |-\nh: >\n   \n", true},
	{"kind: A\ns:\n  {}\nt:\n  - a\nu:\n   'v'\nw:\n  plain\n   more\nx:\n  |\n   y\n", true},
	{"kind: A\nl: [a, \"b\", 'c' , 1.5]\nm: [ ]\nnn:\n- [x]\n01-init.sql: 1\n", true},
	{"kind: A\nempty: []\ne2: {}\nq: \"a # b\"\nurl: http://x:80/y\nnum: -1\nz: ~\n", true},
	{"kind: A\nmetadata:\n  name: a\nkind: B\n", true},
	/* values as the quick reader builds them: folding, chomping, breaks at the end */
	{"a: >\n  one\n  two\n\n  three\n    deeper\n  four\n\n\nb: >-\n  x\n   y\n  z\nc: >+\n  k\n\n", true},
	{"a: |-\n  one\n\n  two\n   \nb: |+\n\n  x\n\n\nc: |\n  last", true},
	{"a: |\n    \n    x\n      \n    y\n", true},
	{"a: b\n\n\n   c\n   d   \n\nz: 'it''s' # c\nyy: \"q\"\nw: ''\nv: \"\"\nu: ~\nt: 0x1F\ns: 1e3\nr: yes\n", true},
	{"l:\n- a\n-   b\n- k: v\n  j:\n  - 1\n  -\n    x\n", false},
	{"m: [1, 2.5, x, 'y', \"z\", null, true]\nnn: {}\no: []\np:\nq:\n  # c\nr: 1\n", true},
	{"metadata:\n  labels:\n    a: b\n  name: x\n  namespace: y\n  annotations:\n    h: v\n", true},
	{"metadata:\n  labels: {}\n", true},
	{"metadata:\n- name: x\n", true},
	{"metadata: x\n", true},
	{"apiVersion: v1\ndata:\n  a: b\n", true},
	{"x: 1", true},
	/* head entries the head read must still check: a list where a string is wanted */
	{"kind:\n- a\n", true},
	{"metadata:\n  annotations:\n    a:\n      b: 1\n", true},
	{"metadata:\n  annotations:\n    a: [1]\n", true},
	/* errors, each left to libyaml for its message */
	{"kind: A\nx: a: b\n", false},
	{"kind: A\nx:\n  a: 1\n b: 2\n", false},
	{"kind: A\nx: 1\n  y: 2\n", false},
	{"kind: A\nx: \"a\" b\n", false},
	{"kind: A\nx:\n  - a\n  b: 1\n", false},
	{"kind: A\nx: |\n    a\n  b\n", false},
	{"kind: A\nx: |\n    a\n \tb\n", false},
	{"kind: A\nx: |\n      \n    a\n", false},
	{"kind: A\nx: a\n  b: c\n", false},
	{"kind: A\nx: a # c\n  b\n", false},
	{"kind: A\n\tx: 1\n", false},
	{"kind: A\nx: \xff\n", false},
	{"kind: A\nx: \xc0\x80\n", false},
	{"kind: A\nx: - a\n", false},
	{"kind: A\n- a\n", false},
	{"kind: \"\\/\"\n", false},
	/* valid, but outside the subset */
	{"kind: A\nx: &a 1\ny: *a\n", false},
	{"kind: A\n<<: {a: 1}\n", false},
	{"kind: !!str A\n", false},
	{"kind: A\nx: {a: b}\n", false},
	{"kind: A\nx: [a, b\n", false},
	{"kind: A\nx: [a b: c]\n", false},
	{"kind: A\nx: [a?b]\n", false},
	{"kind: A\nx: [.nan]\n", false},
	{"kind: A\nx: [a, ]\n", false},
	{"kind: A\n12345678901234567890123: x\n", false},
	{"kind: A\nx: |\n\ta\n", false},
	{"kind: A\nx: |\n     \n  a\n", false},
	{"kind: A\nx: .nan\n", false},
	{"kind: A\nx: .inf\n", false},
	{"kind: A\n1: x\n", false},
	{"kind: A\ntrue: x\n", false},
	{"kind: A\nnull: x\n", false},
	{"kind: A\nx:\n  \"a\\tb\"\n", false},
	{"kind: A\nx: \"a\n  b\"\n", false},
	{"kind: A\nx: |2\n   a\n", false},
	{"kind: A\nx:\r\n  y: 1\n", false},
	{"kind: A\nx: \xef\xbb\xbfy\n", false},
	{"kind: A\nx:\n-\n  a\n", false},
	{"kind: A\nx:\n- - a\n", false},
	{"\"kind\": A\n", false},
	{"---\nkind: A\n", false},
	{"- a\n", false},
	{"text", false},
	{"", false},
	{"# only a comment\n", false},
};

static void check_case(const char *doc, bool want_quick)
{
	bool quick;
	bool agrees = head_agrees(doc, strlen(doc), &quick);
	CHECK(agrees);
	CHECK(quick == want_quick);
	if (!agrees || quick != want_quick)
		fprintf(stderr, "  in: %s\n", doc);
}

/* What the walks of ../shared/charts count. */
struct counts {
	int n, quick;
};

static bool is_chart_yaml(const char *path)
{
	size_t n = strlen(path);
	return strstr(path, "/chart/") && ((n > 5 && !strcmp(path + n - 5, ".yaml")) || (n > 4 && !strcmp(path + n - 4, ".tpl")));
}

/* A YAML file of a chart (its values, metadata or a template, which is YAML enough to hold the
 * readers to each other). */
static void check_chart_file(const char *path, const char *data, size_t len, void *arg)
{
	struct counts *c = arg;
	bool q;
	bool agrees = head_agrees(data, len, &q);
	CHECK(agrees);
	if (!agrees)
		fprintf(stderr, "  in: %s\n", path);
	c->n++;
	c->quick += agrees && q;
}

static bool is_golden(const char *path)
{
	return strstr(path, "/golden/") != NULL;
}

/* Every document of a golden file. */
static void check_golden(const char *path, const char *data, size_t len, void *arg)
{
	struct counts *c = arg;
	size_t n;
	char **split = manifest_split(data, &n);
	for (size_t i = 0; i < n; i++) {
		bool q;
		bool agrees = head_agrees(split[i], strlen(split[i]), &q);
		CHECK(agrees);
		if (!agrees)
			fprintf(stderr, "  in: %s, document %zu\n", path, i);
		c->n++;
		c->quick += q;
		free(split[i]);
	}
	free(split);
}

static void check_corpus_input(const char *path, const char *data, size_t len, void *arg)
{
	bool q;
	CHECK(head_agrees(data, len, &q));
}

/* The head text itself: the wanted entries, and of metadata only name and annotations. */
static void check_head_text(void)
{
	static const char doc[] = "# Source: x\napiVersion: v1\nkind: A\nmetadata:\n  labels:\n    a: b\n"
	                          "  name: x\n  annotations:\n    h: |\n      v\n  namespace: n\nspec:\n  z: 1";
	buf b = BUF_INIT;
	CHECK(yaml_quick_head(doc, strlen(doc), &b));
	CHECK(!strcmp(buf_str(&b), "apiVersion: v1\nkind: A\nmetadata:\n  name: x\n  annotations:\n    h: |\n      v\n"));
	buf_free(&b);
}

int main(void)
{
	check_head_text();
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check_case(cases[i].doc, cases[i].quick);
	/* the tests run from the top of the checkout, ../shared beside it */
	CHECK(unit_walk("t/fuzz/yaml_head_corpus", NULL, check_corpus_input, NULL) > 0);
	struct counts docs = {0}, files = {0};
	unit_walk("../shared/charts", is_golden, check_golden, &docs);
	printf("golden documents: %d, read quickly: %d\n", docs.n, docs.quick);
	CHECK(docs.n > 600 && docs.quick * 10 >= docs.n * 9);
	unit_walk("../shared/charts", is_chart_yaml, check_chart_file, &files);
	printf("chart files: %d, read quickly: %d\n", files.n, files.quick);
	CHECK(files.n > 1000 && files.quick > 0);
	return unit_report("yaml_quick");
}
