/* strvals_test.c — the --set family against Helm 3.17.3's observed results. */
#include "buf.h"
#include "json.h"
#include "unit.h"
#include "util.h"
#include "values/strvals.h"

#include <stdlib.h>
#include <string.h>

struct tcase {
	enum strvals_kind kind;
	const char *line;
	const char *want; /* JSON of the result map, or NULL when an error is expected */
	const char *err;  /* the expected error */
};

static const struct tcase cases[] = {
	{STRVALS_SET, "a=b", "{\"a\":\"b\"}", NULL},
	{STRVALS_SET, "a=1,b=-2,c=+3,d=0,e=-0", "{\"a\":1,\"b\":-2,\"c\":3,\"d\":0,\"e\":0}", NULL},
	{STRVALS_SET, "a=01,b=1.5,c=1e3,d=0x10,e=99999999999999999999", "{\"a\":\"01\",\"b\":\"1.5\",\"c\":\"1e3\",\"d\":\"0x10\",\"e\":\"99999999999999999999\"}", NULL},
	{STRVALS_SET, "a=TRUE,b=False,c=NULL,d=yes", "{\"a\":true,\"b\":false,\"c\":null,\"d\":\"yes\"}", NULL},
	{STRVALS_SET, "a.b.c=d", "{\"a\":{\"b\":{\"c\":\"d\"}}}", NULL},
	{STRVALS_SET, "a[2]=x", "{\"a\":[null,null,\"x\"]}", NULL},
	{STRVALS_SET, "a[0][1]=y", "{\"a\":[[null,\"y\"]]}", NULL},
	{STRVALS_SET, "a[0].b=1,a[0].c=2", "{\"a\":[{\"b\":1,\"c\":2}]}", NULL},
	{STRVALS_SET, "a={1,two,true,null}", "{\"a\":[1,\"two\",true,null]}", NULL},
	{STRVALS_SET, "a={}", "{\"a\":[\"\"]}", NULL},
	{STRVALS_SET, "a={x,y,}", "{\"a\":[\"x\",\"y\",\"\"]}", NULL},
	{STRVALS_SET, "a=x{y}", "{\"a\":\"x{y}\"}", NULL},
	{STRVALS_SET, "a\\.b=c,d=e\\,f,g=\\1,h=b\\", "{\"a.b\":\"c\",\"d\":\"e,f\",\"g\":1,\"h\":\"b\"}", NULL},
	{STRVALS_SET, "a=b=c", "{\"a\":\"b=c\"}", NULL},
	{STRVALS_SET, "a=,b=c,", "{\"a\":\"\",\"b\":\"c\"}", NULL},
	{STRVALS_SET, "a=b, c=d", "{\" c\":\"d\",\"a\":\"b\"}", NULL},
	{STRVALS_SET, "=b", "{}", NULL},
	{STRVALS_SET, "", "{}", NULL},
	{STRVALS_SET, "a[0]", "{\"a\":[]}", NULL},
	{STRVALS_SET, "a.c=d,a=b", "{\"a\":\"b\"}", NULL},
	{STRVALS_SET, "a[01]=x,b[+1]=y", "{\"a\":[null,\"x\"],\"b\":[null,\"y\"]}", NULL},
	{STRVALS_SET, "a", NULL, "key \"a\" has no value"},
	{STRVALS_SET, "a,b=c", NULL, "key \"a\" has no value (cannot end with ,)"},
	{STRVALS_SET, "a=b,,c=d", NULL, "key \"\" has no value (cannot end with ,)"},
	{STRVALS_SET, "a..b=c", NULL, "key map \"a\" has no value"},
	{STRVALS_SET, "a=\"b,c\"", NULL, "key \"c\\\"\" has no value"},
	{STRVALS_SET, "a={x,y", NULL, "list must terminate with '}'"},
	{STRVALS_SET, "a={x,y}z", NULL, "key \"z\" has no value"},
	{STRVALS_SET, "a[-1]=x", NULL, "negative -1 index not allowed"},
	{STRVALS_SET, "a[x]=1", NULL, "error parsing index: strconv.Atoi: parsing \"x\": invalid syntax"},
	{STRVALS_SET, "a[ 0]=1", NULL, "error parsing index: strconv.Atoi: parsing \" 0\": invalid syntax"},
	{STRVALS_SET, "a[0", NULL, "error parsing index: EOF"},
	{STRVALS_SET, "a[0]b=1", NULL, "unexpected data at end of array index: ['b']"},
	{STRVALS_SET, "a[65537]=x", NULL, "index of 65537 is greater than maximum supported index of 65536"},
	{STRVALS_SET, "a=b,a.c=d", NULL, "unable to parse key: interface conversion: interface {} is string, not map[string]interface {}"},
	{STRVALS_SET, "a[0]=b,a.c=d", NULL, "unable to parse key: interface conversion: interface {} is []interface {}, not map[string]interface {}"},
	{STRVALS_SET, "a.c=d,a[0]=b", NULL, "unable to parse key: interface conversion: interface {} is map[string]interface {}, not []interface {}"},
	{STRVALS_SET, "a=1,a[0]=x", NULL, "unable to parse key: interface conversion: interface {} is int64, not []interface {}"},
	{STRVALS_SET, "a=null,a.b=x", NULL, "unable to parse key: interface conversion: interface {} is nil, not map[string]interface {}"},
	{STRVALS_SET, "a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a=1", NULL,
	 "value name nested level is greater than maximum supported nested level of 30"},
	{STRVALS_STRING, "a=1,b=true,c=null,d={1,x}", "{\"a\":\"1\",\"b\":\"true\",\"c\":\"null\",\"d\":[\"1\",\"x\"]}", NULL},
	{STRVALS_STRING, "a", NULL, "key \"a\" has no value"},
	{STRVALS_JSON, "a={\"b\":[1,2.5,\"x,y\"]},c=null,d=", "{\"a\":{\"b\":[1,2.5,\"x,y\"]},\"c\":null,\"d\":null}", NULL},
	{STRVALS_JSON, "a[1]=true", "{\"a\":[null,true]}", NULL},
	{STRVALS_JSON, "a=s", NULL, "invalid JSON"},
	{STRVALS_JSON, "a=1 2", NULL, "key \"2\" has no value"},
	{STRVALS_LITERAL, "a.b=c,d\\e", "{\"a\":{\"b\":\"c,d\\\\e\"}}", NULL},
	{STRVALS_LITERAL, "a\\.b=x", "{\"a\\\\\":{\"b\":\"x\"}}", NULL},
	{STRVALS_LITERAL, "a[1]=x=y", "{\"a\":[null,\"x=y\"]}", NULL},
};

/* --set-file reads names from this table instead of the disk. */
static hv *fake_reader(const char *path, size_t len, void *ctx, char **err)
{
	(void)ctx;
	if (len == 5 && !memcmp(path, "f.txt", 5))
		return hv_str("line1\nline2\n");
	*err = xasprintf("open %.*s: no such file or directory", (int)len, path);
	return NULL;
}

static void check_case(const struct tcase *t)
{
	hv *m = hv_map();
	char *err = NULL;
	int rc = strvals_parse(t->line, t->kind, m, fake_reader, NULL, &err);
	if (t->want) {
		buf b = BUF_INIT;
		json_emit(&b, m, 0);
		CHECK(rc == 0);
		CHECK(strcmp(buf_str(&b), t->want) == 0);
		if (rc != 0 || strcmp(buf_str(&b), t->want))
			fprintf(stderr, "  line %s: got %s (err %s), want %s\n", t->line, buf_str(&b), err ? err : "-", t->want);
		buf_free(&b);
	} else {
		CHECK(rc == -1);
		CHECK(err && strcmp(err, t->err) == 0);
		if (!err || strcmp(err, t->err))
			fprintf(stderr, "  line %s: error %s, want %s\n", t->line, err ? err : "(none)", t->err);
	}
	free(err);
	hv_free(m);
}

int main(void)
{
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		check_case(&cases[i]);

	/* Typing: --set integers are int64, as Go's ParseInt gives them. */
	hv *m = hv_map();
	char *err = NULL;
	CHECK(strvals_parse("a=5,b=9223372036854775807", STRVALS_SET, m, NULL, NULL, &err) == 0);
	CHECK(strcmp(hv_gotype(hv_map_get(m, "a")), "int64") == 0);
	CHECK(hv_get_int(hv_map_get(m, "b")) == INT64_MAX);
	/* Repeated flags build on the same map. */
	CHECK(strvals_parse("a=6,c[1]=x", STRVALS_SET, m, NULL, NULL, &err) == 0);
	CHECK(strvals_parse("c[0]=w", STRVALS_SET, m, NULL, NULL, &err) == 0);
	buf b = BUF_INIT;
	json_emit(&b, m, 0);
	CHECK(strcmp(buf_str(&b), "{\"a\":6,\"b\":9223372036854775807,\"c\":[\"w\",\"x\"]}") == 0);
	buf_free(&b);
	hv_free(m);

	/* --set-file: contents as a string, errors from the reader. */
	m = hv_map();
	CHECK(strvals_parse("a.b=f.txt,c={f.txt}", STRVALS_FILE, m, fake_reader, NULL, &err) == 0);
	CHECK(strcmp(hv_get_str(hv_path(m, "a.b")), "line1\nline2\n") == 0);
	CHECK(hv_len(hv_map_get(m, "c")) == 1);
	CHECK(strvals_parse("x=missing.txt", STRVALS_FILE, m, fake_reader, NULL, &err) == -1);
	CHECK(err && strcmp(err, "open missing.txt: no such file or directory") == 0);
	free(err);
	hv_free(m);
	return unit_report("strvals");
}
