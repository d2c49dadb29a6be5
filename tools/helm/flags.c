/* Command-line flags as cobra (pflag) parses them. */
#include "helm.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int set_value(const struct flag *f, const char *val)
{
	switch (f->kind) {
	case FLAG_BOOL:
		if (strcmp(val, "true") == 0 || strcmp(val, "1") == 0 || strcmp(val, "t") == 0 || strcmp(val, "T") == 0 || strcmp(val, "TRUE") == 0 || strcmp(val, "True") == 0)
			*(bool *)f->target = true;
		else if (strcmp(val, "false") == 0 || strcmp(val, "0") == 0 || strcmp(val, "f") == 0 || strcmp(val, "F") == 0 || strcmp(val, "FALSE") == 0 || strcmp(val, "False") == 0)
			*(bool *)f->target = false;
		else
			return helm_usage_error("invalid argument \"%s\" for \"--%s\" flag: strconv.ParseBool: parsing \"%s\": invalid syntax", val, f->name, val), -1;
		return 0;
	case FLAG_STRING:
		*(const char **)f->target = val;
		return 0;
	case FLAG_STRINGS: {
		struct strlist *l = f->target;
		l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
		l->v[l->n++] = val;
		return 0;
	}
	case FLAG_INT: {
		char *end;
		long n = strtol(val, &end, 10);
		if (!*val || *end)
			return helm_usage_error("invalid argument \"%s\" for \"--%s\" flag: strconv.ParseInt: parsing \"%s\": invalid syntax", val, f->name, val), -1;
		*(long *)f->target = n;
		return 0;
	}
	}
	return -1;
}

int flags_parse(const struct flag *flags, int argc, char **argv, char ***args, int *nargs)
{
	*args = xcalloc((size_t)argc + 1, sizeof **args);
	*nargs = 0;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				(*args)[(*nargs)++] = argv[i];
			break;
		}
		if (a[0] != '-' || a[1] == 0) {
			(*args)[(*nargs)++] = a;
			continue;
		}
		const struct flag *f = NULL;
		const char *val = NULL;
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);
			for (const struct flag *g = flags; g->name; g++)
				if (strlen(g->name) == n && strncmp(g->name, name, n) == 0)
					f = g;
			if (!f) {
				helm_usage_error("unknown flag: --%.*s", (int)n, name);
				goto fail;
			}
			if (eq)
				val = eq + 1;
		} else {
			for (const struct flag *g = flags; g->name; g++)
				if (g->shorthand == a[1])
					f = g;
			if (!f) {
				helm_usage_error("unknown shorthand flag: '%c' in %s", a[1], a);
				goto fail;
			}
			if (a[2])
				val = a[2] == '=' ? a + 3 : a + 2;
		}
		if (!val && f->kind == FLAG_BOOL)
			val = "true";
		if (!val) {
			if (i + 1 >= argc) {
				if (a[1] == '-')
					helm_usage_error("flag needs an argument: --%s", f->name);
				else
					helm_usage_error("flag needs an argument: '%c' in -%c", f->shorthand, f->shorthand);
				goto fail;
			}
			val = argv[++i];
		}
		if (set_value(f, val) < 0)
			goto fail;
	}
	return 0;
fail:
	free(*args);
	*args = NULL;
	return -1;
}
