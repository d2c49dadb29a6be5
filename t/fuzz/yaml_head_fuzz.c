/* yaml_head_fuzz.c — libFuzzer target: the quick reader of plain block YAML (lib/yaml_quick.c)
 * must agree with libyaml.  A whole document must read as the same value, or fail with the same
 * message.  Wherever the whole document, read by libyaml, fails, the head read must fail with
 * the same message; wherever it reads, the head read must give the same
 * kind, apiVersion, metadata.name and metadata.annotations (a metadata without them reading as
 * null, as it may: SortManifests makes nothing of either).  And the quick writer of toYaml must
 * write every value read, and each of its parts, as libyaml's emitter does.  A disagreement
 * aborts. */
#include "buf.h"
#include "value.h"
#include "yaml.h"
#include "yaml_quick.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool same(const hv *a, const hv *b)
{
	return (!a && !b) || (a && b && hv_equal(a, b));
}

/* Of a document's metadata, the field F as SortManifests sees it: a nil metadata is one
 * without fields. */
static const hv *meta_field(const hv *meta, const char *f)
{
	return meta && hv_kind_of(meta) == HV_MAP ? hv_map_get(meta, f) : NULL;
}

/* Whether the head read keeps of the document what SortManifests reads of it. */
static bool same_head(const hv *full, const hv *head)
{
	if (hv_kind_of(full) != HV_MAP || hv_kind_of(head) != HV_MAP)
		return hv_equal(full, head);
	const hv *fm = hv_map_get(full, "metadata"), *hm = hv_map_get(head, "metadata");
	bool fields = (!fm || hv_kind_of(fm) == HV_MAP || hv_kind_of(fm) == HV_NIL) &&
	              (!hm || hv_kind_of(hm) == HV_MAP || hv_kind_of(hm) == HV_NIL);
	return same(hv_map_get(full, "kind"), hv_map_get(head, "kind")) &&
	       same(hv_map_get(full, "apiVersion"), hv_map_get(head, "apiVersion")) &&
	       (fields ? same(meta_field(fm, "name"), meta_field(hm, "name")) &&
	                         same(meta_field(fm, "annotations"), meta_field(hm, "annotations"))
	               : same(fm, hm));
}

/* Whether reading DOC with FLAGS agrees with reading it with libyaml alone: the same value, or
 * the same error. */
static bool same_read(const char *doc, size_t n, int flags)
{
	char *lerr = NULL, *qerr = NULL;
	hv *lib = yaml_parse(doc, n, NULL, flags | YAML_LIBYAML, &lerr);
	hv *quick = yaml_parse(doc, n, NULL, flags, &qerr);
	bool ok = lib ? quick && hv_equal(lib, quick) : !quick && lerr && qerr && !strcmp(lerr, qerr);
	hv_free(lib);
	hv_free(quick);
	free(lerr);
	free(qerr);
	return ok;
}

/* Whether the quick writer's toYaml of V and its subtrees is libyaml's. */
static bool same_written(const hv *v)
{
	buf a = BUF_INIT, b = BUF_INIT;
	yaml_emit(&a, v);
	yaml_emit_libyaml(&b, v);
	bool ok = a.len == b.len && !memcmp(buf_str(&a), buf_str(&b), a.len);
	buf_free(&a);
	buf_free(&b);
	if (hv_kind_of(v) == HV_MAP)
		for (size_t i = 0; ok && i < hv_len(v); i++)
			ok = same_written(hv_map_val(v, i));
	else if (hv_kind_of(v) == HV_LIST)
		for (size_t i = 0; ok && i < hv_len(v); i++)
			ok = same_written(hv_list_get(v, i));
	return ok;
}

/* Whether the readings of DOC agree, the quick ones with libyaml's: the whole document, as JSON
 * numbers and as go-yaml's, and its head; *QUICK tells whether the quick reader took it. */
static bool head_agrees(const char *doc, size_t n, bool *quick)
{
	struct yaml_quick_events ev = {0};
	*quick = yaml_quick_events(doc, n, &ev);
	yaml_quick_events_free(&ev);
	char *ferr = NULL, *herr = NULL;
	hv *full = yaml_parse(doc, n, NULL, YAML_LIBYAML, &ferr);
	hv *head = yaml_parse(doc, n, NULL, YAML_HEAD, &herr);
	bool ok = full ? head && same_head(full, head) && same_written(full)
	               : !head && herr && ferr && !strcmp(ferr, herr);
	hv_free(full);
	hv_free(head);
	free(ferr);
	free(herr);
	/* (a document the quick reader does not take is read by libyaml both ways) */
	return ok && (!*quick || (same_read(doc, n, 0) && same_read(doc, n, YAML_INTS)));
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t len)
{
	bool quick;
	if (!head_agrees((const char *)in, len, &quick))
		abort();
	return 0;
}
