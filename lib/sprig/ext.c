/* ext.c — registers the second half of Sprig (see ext.h). */
#include <string.h>

#include "sprig/ext.h"

void sprig_register_ext(tmpl_funcs *fs)
{
	sprig_register_regex(fs);
	sprig_register_semver(fs);
	sprig_register_encoding(fs);
	sprig_register_crypto(fs);
	sprig_register_certs(fs);
	sprig_register_random(fs);
	sprig_register_date(fs);
	sprig_register_url(fs);
	sprig_register_path(fs);
}

static void unref(void *self)
{
	hv_free(self);
}

hv *sprig_method_lookup(hv *self, const struct sprig_method *m, const char *name)
{
	for (; m->name; m++)
		if (strcmp(m->name, name) == 0)
			return hv_func(m->fn, hv_ref(self), unref, m->gotype);
	return NULL;
}
