/* printcols.c — the additionalPrinterColumns of custom resources: which columns a CRD version
 * declares, and the cell of one object for one column (a JSONPath subset: .a.b, [N] and
 * [?(@.key=="value")], what CRDs use in practice). */
#include "ksim.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

const hv *printer_columns(const rtype *rt)
{
	rtype *crds = kinds_find("apiextensions.k8s.io", "v1", "customresourcedefinitions");
	char *name = xasprintf("%s.%s", rt->plural, rt->group);
	const hv *crd = crds ? store_get(crds, NULL, name) : NULL;
	free(name);
	const hv *versions = crd ? hv_path(crd, "spec.versions") : NULL;
	for (size_t i = 0; versions && hv_kind_of(versions) == HV_LIST && i < hv_len(versions); i++) {
		const hv *v = hv_list_get(versions, i);
		const char *vn = hs(v, "name");
		const hv *cols = hv_map_get(v, "additionalPrinterColumns");
		if (vn && strcmp(vn, rt->version) == 0 && cols && hv_kind_of(cols) == HV_LIST)
			return cols;
	}
	return NULL;
}

/* One step of a path: ".name", "[N]" or "[?(@.key=="value")]"; NULL when nothing matches. */
static const hv *step(const hv *cur, const char **p)
{
	const char *s = *p;
	if (*s == '.') {
		s++;
		size_t n = strcspn(s, ".[");
		const hv *next = hv_kind_of(cur) == HV_MAP ? hv_map_getn(cur, s, n) : NULL;
		*p = s + n;
		return next;
	}
	if (*s != '[')
		return NULL;
	const char *close = strchr(s, ']');
	if (!close)
		return NULL;
	*p = close + 1;
	if (hv_kind_of(cur) != HV_LIST)
		return NULL;
	if (strncmp(s, "[?(@.", 5) == 0) {
		const char *key = s + 5, *eq = strstr(key, "==");
		if (!eq || eq > close)
			return NULL;
		char *k = xstrndup(key, (size_t)(eq - key));
		const char *val = eq + 2;
		char q = *val == '"' || *val == '\'' ? *val : 0;
		if (q)
			val++;
		size_t vlen = strcspn(val, q ? (q == '"' ? "\"" : "'") : ")");
		const hv *found = NULL;
		for (size_t i = 0; i < hv_len(cur) && !found; i++) {
			const char *have = hs(hv_list_get(cur, i), k);
			if (have && strlen(have) == vlen && strncmp(have, val, vlen) == 0)
				found = hv_list_get(cur, i);
		}
		free(k);
		return found;
	}
	size_t idx = (size_t)strtoul(s + 1, NULL, 10);
	return idx < hv_len(cur) ? hv_list_get(cur, idx) : NULL;
}

const hv *jsonpath_get(const hv *obj, const char *path)
{
	const hv *cur = obj;
	const char *p = path;
	if (*p == '{')   /* "{.spec.x}" is also accepted by the real server */
		p++;
	while (cur && *p && *p != '}')
		cur = step(cur, &p);
	return cur;
}
