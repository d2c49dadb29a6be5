/* Kubernetes checks the linter makes on rendered objects: name rules per kind
 * (k8s.io/apimachinery validation) and deprecated APIs. */
#include "buf.h"
#include "lint.h"
#include "util.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char dns1123_subdomain_msg[] =
	"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
	"and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
	"validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
static const char dns1123_label_msg[] =
	"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
	"start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
	"validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
static const char dns1035_label_msg[] =
	"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
	"alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
	"regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

static bool alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

/* [a-z0-9]([-a-z0-9]*[a-z0-9])? over S[0..n); FIRST_ALPHA for DNS-1035. */
static bool label_ok(const char *s, size_t n, bool first_alpha)
{
	if (n == 0 || !alnum(s[0]) || !alnum(s[n - 1]))
		return false;
	if (first_alpha && !(s[0] >= 'a' && s[0] <= 'z'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!alnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool subdomain_ok(const char *s)
{
	for (;;) {
		size_t n = strcspn(s, ".");
		if (!label_ok(s, n, false))
			return false;
		if (!s[n])
			return true;
		s += n + 1;
	}
}

/* field.ErrorList.ToAggregate() of "metadata.name: Invalid value: NAME: MSG" errors. */
static char *aggregate(const char *name, const char **msgs, size_t n)
{
	if (n == 0)
		return NULL;
	buf q = BUF_INIT, b = BUF_INIT;
	buf_putc(&q, '"');
	for (const char *p = name; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_putc(&q, '\\');
		buf_putc(&q, *p);
	}
	buf_putc(&q, '"');
	if (n > 1)
		buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%smetadata.name: Invalid value: %s: %s", i ? ", " : "", q.s, msgs[i]);
	if (n > 1)
		buf_putc(&b, ']');
	char *s = xasprintf("object name does not conform to Kubernetes naming requirements: %s: %s", q.s, b.s);
	buf_free(&q);
	buf_free(&b);
	return s;
}

char *k8s_check_name(const char *kind, const char *name)
{
	const char *msgs[4];
	size_t n = 0, len = strlen(name);
	if (strcasecmp(kind, "service") == 0) {
		if (len > 63)
			msgs[n++] = "must be no more than 63 characters";
		if (!label_ok(name, len, true))
			msgs[n++] = dns1035_label_msg;
	} else if (strcasecmp(kind, "namespace") == 0) {
		if (len > 63)
			msgs[n++] = "must be no more than 63 characters";
		if (!label_ok(name, len, false))
			msgs[n++] = dns1123_label_msg;
	} else if (strcasecmp(kind, "certificatesigningrequest") == 0) {
	} else if (strcasecmp(kind, "role") == 0 || strcasecmp(kind, "clusterrole") == 0 ||
	           strcasecmp(kind, "rolebinding") == 0 || strcasecmp(kind, "clusterrolebinding") == 0) {
		if (strcmp(name, ".") == 0)
			msgs[n++] = "may not be '.'";
		else if (strcmp(name, "..") == 0)
			msgs[n++] = "may not be '..'";
		else {
			if (strchr(name, '/'))
				msgs[n++] = "may not contain '/'";
			if (strchr(name, '%'))
				msgs[n++] = "may not contain '%'";
		}
	} else {
		if (len > 253)
			msgs[n++] = "must be no more than 253 characters";
		if (!subdomain_ok(name))
			msgs[n++] = dns1123_subdomain_msg;
	}
	return aggregate(name, msgs, n);
}

char *k8s_check_deprecation(const char *api_version, const char *kind, int major, int minor)
{
	for (const struct k8s_deprecation *d = k8s_deprecations; d->kind; d++) {
		if (strcmp(d->group_version, api_version) != 0 || strcmp(d->kind, kind) != 0)
			continue;
		if (d->dep_major > major || (d->dep_major == major && d->dep_minor > minor))
			return NULL;
		buf b = BUF_INIT;
		buf_printf(&b, "%s %s is deprecated in v%d.%d+", api_version, kind, d->dep_major, d->dep_minor);
		if (d->rem_major || d->rem_minor)
			buf_printf(&b, ", unavailable in v%d.%d+", d->rem_major, d->rem_minor);
		if (d->replacement)
			buf_printf(&b, "; use %s", d->replacement);
		return buf_detach(&b, NULL);
	}
	return NULL;
}
