/* sprig.c — Sprig's GenericFuncMap as Helm 3.17 installs it, and the helpers the areas share.
 * Helm deletes "env" and "expandenv" from the map, so they are never registered here. */
#include <stdarg.h>

#include "sprig/ext.h"
#include "sprig/sprig.h"
#include "util.h"

void sprig_register(tmpl_funcs *fs)
{
	sprig_register_strings(fs);
	sprig_register_case(fs);
	sprig_register_lists(fs);
	sprig_register_dicts(fs);
	sprig_register_math(fs);
	sprig_register_defaults(fs);
	sprig_register_types(fs);
	sprig_register_json(fs);
	sprig_register_ext(fs);
}

hv *sprig_fail(char **err, const char *fmt, ...)
{
	buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	*err = buf_detach(&b, NULL);
	return NULL;
}

hv *sprig_buf_value(buf *b)
{
	size_t n;
	char *s = buf_detach(b, &n);
	return hv_str_take(s, n);
}
