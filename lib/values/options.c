/* options.c — pkg/cli/values/options.go of Helm 3.17: the user's values from every source. */
#include "values/options.h"
#include "buf.h"
#include "http_get.h"
#include "json.h"
#include "util.h"
#include "values/strvals.h"
#include "yaml.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const flag_names[VALUES_NSOURCES] = {
	"--values", "--set-json", "--set", "--set-string", "--set-file", "--set-literal",
};

int values_flag_kind(const char *flag)
{
	if (!strcmp(flag, "-f"))
		return VALUES_FILE;
	for (int k = 0; k < VALUES_NSOURCES; k++)
		if (!strcmp(flag, flag_names[k]))
			return k;
	return -1;
}

void values_options_add(struct values_options *o, enum values_source kind, const char *arg)
{
	o->args[kind] = xrealloc(o->args[kind], (o->n[kind] + 1) * sizeof *o->args[kind]);
	o->args[kind][o->n[kind]++] = arg;
}

void values_options_free(struct values_options *o)
{
	for (int k = 0; k < VALUES_NSOURCES; k++)
		free(o->args[k]);
	memset(o, 0, sizeof *o);
}

/* Go's error text for a failed system call: the C message with a lower-case first letter
 * (Go's table is Linux's strerror, lower-cased). */
static char *go_syserr(const char *op, const char *path, int e)
{
	char *msg = xstrdup(strerror(e));
	msg[0] = (char)tolower((unsigned char)msg[0]);
	char *out = xasprintf("%s %s: %s", op, path, msg);
	free(msg);
	return out;
}

/* os.ReadFile */
static char *read_local(const char *path, size_t *len, char **err)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		*err = go_syserr("open", path, errno);
		return NULL;
	}
	buf b = BUF_INIT;
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0) {
			*err = go_syserr("read", path, errno);
			close(fd);
			buf_free(&b);
			return NULL;
		}
		if (n == 0)
			break;
		buf_add(&b, chunk, (size_t)n);
	}
	close(fd);
	return buf_detach(&b, len);
}

char *values_read_source(const char *path, size_t *len, char **err)
{
	const char *p = path;
	while (isspace((unsigned char)*p))
		p++;
	size_t n = strlen(p);
	while (n && isspace((unsigned char)p[n - 1]))
		n--;
	if (n == 1 && *p == '-')
		return read_local("/dev/stdin", len, err);
	if (!strncasecmp(path, "http://", 7) || !strncasecmp(path, "https://", 8))
		return http_get(path, len, err);
	return read_local(path, len, err);
}

hv *values_parse_yaml(const char *data, size_t len, char **err)
{
	char *perr = NULL;
	hv *v = yaml_parse(data, len, NULL, 0, &perr);
	if (!v) {
		*err = perr;
		return NULL;
	}
	switch (hv_kind_of(v)) {
	case HV_MAP:
		return v;
	case HV_NIL:
		hv_free(v);
		return hv_map();
	default: {
		const char *what = hv_kind_of(v) == HV_LIST ? "array" : hv_kind_of(v) == HV_STRING ? "string" :
				   hv_kind_of(v) == HV_BOOL ? "bool" : "number";
		hv_free(v);
		*err = xasprintf("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal %s into Go value of type map[string]interface {}", what);
		return NULL;
	}
	}
}

/* mergeMaps: B deep-merged into A (maps merge, anything else replaces). */
static void merge_maps(hv *a, const hv *b)
{
	for (size_t i = 0; i < hv_len(b); i++) {
		const char *k = hv_map_key(b, i);
		size_t kl = hv_map_keylen(b, i);
		hv *v = hv_map_val(b, i), *cur = hv_map_getn(a, k, kl);
		if (hv_kind_of(v) == HV_MAP && cur && hv_kind_of(cur) == HV_MAP) {
			hv *merged = hv_copy(cur);
			merge_maps(merged, v);
			hv_map_setn(a, k, kl, merged);
		} else {
			hv_map_setn(a, k, kl, hv_ref(v));
		}
	}
}

/* --set-file's reader: the file's bytes as a string. */
static hv *read_set_file(const char *path, size_t plen, void *ctx, char **err)
{
	size_t len;
	char *p = xstrndup(path, plen);
	char *data = values_read_source(p, &len, err);
	free(p);
	return data ? hv_str_take(data, len) : NULL;
}

hv *values_options_merge(const struct values_options *o, char **err)
{
	hv *base = hv_map();
	for (size_t i = 0; i < o->n[VALUES_FILE]; i++) {
		const char *path = o->args[VALUES_FILE][i];
		size_t len;
		char *data = values_read_source(path, &len, err);
		if (!data)
			goto fail;
		char *perr = NULL;
		hv *cur = values_parse_yaml(data, len, &perr);
		free(data);
		if (!cur) {
			*err = xasprintf("failed to parse %s: %s", path, perr);
			free(perr);
			goto fail;
		}
		merge_maps(base, cur);
		hv_free(cur);
	}
	static const enum strvals_kind kinds[VALUES_NSOURCES] = {
		[VALUES_JSON] = STRVALS_JSON, [VALUES_SET] = STRVALS_SET, [VALUES_STRING] = STRVALS_STRING,
		[VALUES_SETFILE] = STRVALS_FILE, [VALUES_LITERAL] = STRVALS_LITERAL,
	};
	for (int k = VALUES_JSON; k < VALUES_NSOURCES; k++) {
		for (size_t i = 0; i < o->n[k]; i++) {
			const char *arg = o->args[k][i];
			char *perr = NULL;
			if (strvals_parse(arg, kinds[k], base, read_set_file, NULL, &perr) == 0)
				continue;
			if (k == VALUES_JSON)
				*err = xasprintf("failed parsing --set-json data %s", arg);
			else
				*err = xasprintf("failed parsing %s data: %s", flag_names[k], perr);
			free(perr);
			goto fail;
		}
	}
	return base;
fail:
	hv_free(base);
	return NULL;
}
