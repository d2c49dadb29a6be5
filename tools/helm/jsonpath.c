#include "jsonpath.h"
#include "json.h"
#include "strconv.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Follows ".a.b[0]" from V; NULL when a step is missing. */
static const hv *follow(const hv *v, const char *expr, size_t n)
{
	size_t i = 0;
	while (i < n && v) {
		if (expr[i] == '.') {
			i++;
			size_t k = i;
			while (k < n && expr[k] != '.' && expr[k] != '[')
				k++;
			if (k > i)
				v = hv_kind_of(v) == HV_MAP ? hv_map_getn(v, expr + i, k - i) : NULL;
			i = k;
		} else if (expr[i] == '[') {
			char *end;
			long idx = strtol(expr + i + 1, &end, 10);
			if (*end != ']' || hv_kind_of(v) != HV_LIST)
				return NULL;
			if (idx < 0)
				idx += (long)hv_len(v);
			v = idx >= 0 && (size_t)idx < hv_len(v) ? hv_list_get(v, (size_t)idx) : NULL;
			i = (size_t)(end - expr) + 1;
		} else
			return NULL;
	}
	return v;
}

static void print_value(buf *out, const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_STRING:
		buf_add(out, hv_get_str(v), hv_str_len(v));
		break;
	case HV_FLOAT:
		go_format_float(out, hv_get_float(v), 'g', -1);
		break;
	case HV_NIL:
		buf_puts(out, "<nil>");
		break;
	default:
		json_emit(out, v, 0);
	}
}

void jsonpath_print(buf *out, const char *tmpl, const hv *v)
{
	for (const char *p = tmpl; *p;) {
		if (*p != '{') {
			buf_putc(out, *p++);
			continue;
		}
		const char *end = strchr(p, '}');
		if (!end)
			return;
		const char *e = p + 1;
		while (e < end && isspace((unsigned char)*e))
			e++;
		size_t n = (size_t)(end - e);
		while (n && isspace((unsigned char)e[n - 1]))
			n--;
		const hv *r = n == 1 && *e == '.' ? v : follow(v, e, n);
		if (r)
			print_value(out, r);
		p = end + 1;
	}
}
