/* body.c — request bodies: JSON, YAML or the Kubernetes protobuf envelope, into a value. */
#include "ksim.h"
#include "json.h"
#include "yaml.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

static bool media_is(const char *ct, const char *want)
{
	size_t n = strlen(want);
	return ct && strncmp(ct, want, n) == 0 && (ct[n] == 0 || ct[n] == ';' || ct[n] == ' ');
}

/* The parser's message without its "body:LINE:COL: " label, as Go's decoders word it. */
static const char *bare(const char *err)
{
	const char *p = err;
	if (strncmp(p, "body:", 5) != 0)
		return err;
	p += 5;
	while (*p >= '0' && *p <= '9') {
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == ':')
			p++;
	}
	while (*p == ' ')
		p++;
	return p;
}

/* Decodes the body of R.  RT names the expected kind (NULL for DeleteOptions). */
hv *body_decode(const req *r, const rtype *rt, reply *rp)
{
	const char *ct = req_header(r, "Content-Type");
	const char *s = r->body ? r->body : "";
	char *err = NULL;
	hv *v;
	bool json = false;
	if (!ct || !*ct || media_is(ct, "application/json")) {
		json = true;
		v = json_parse(s, r->body_len, "body", JSON_INTS, &err);
	} else if (media_is(ct, "application/yaml")) {
		v = yaml_parse(s, r->body_len, "body", YAML_INTS, &err);
	} else if (media_is(ct, "application/vnd.kubernetes.protobuf")) {
		v = proto_decode((const unsigned char *)s, r->body_len, &err);
	} else {
		status_error(rp, 415, "UnsupportedMediaType", NULL,
			"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
		return NULL;
	}
	if (v && hv_kind_of(v) != HV_MAP) {
		json = false;
		free(err);
		err = xasprintf("json: cannot unmarshal %s into Go value of type struct",
			hv_kind_of(v) == HV_LIST ? "array" : hv_kind_of(v) == HV_STRING ? "string" : "value");
		hv_free(v);
		v = NULL;
	}
	if (!v && err && strncmp(err, "unsupported protobuf kind", 25) == 0) {
		status_error(rp, 415, "UnsupportedMediaType", NULL,
			"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml");
		free(err);
		return NULL;
	}
	if (!v && json) {
		status_error(rp, 400, "BadRequest", NULL, "couldn't get version/kind; json parse error: %s", bare(err));
		free(err);
		return NULL;
	}
	if (!v) {
		if (rt)
			status_error(rp, 400, "BadRequest", NULL, "%s in version \"%s\" cannot be handled as a %s: %s",
				rt->kind, rt->version, rt->kind, bare(err));
		else
			status_error(rp, 400, "BadRequest", NULL, "%s", bare(err));
		free(err);
		return NULL;
	}
	return v;
}
