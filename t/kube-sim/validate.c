/* validate.c — server-side validation: names, field types (from builtin-kinds.json "types"
 * plus the integer fields clients commonly get wrong), unknown top-level fields, and the
 * per-kind rules clients run into (Secrets, immutable ConfigMaps, selectors). */
#include "ksim.h"
#include "util.h"

#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#define MAX_OBJECT (1024 * 1024)

static const char subdomain_msg[] =
	"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
	"start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
	"'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
static const char label_msg[] =
	"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and "
	"end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
	"'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
static const char dns1035_msg[] =
	"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
	"character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
	"validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

static bool alnum_lower(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

static bool is_label(const char *s, size_t n)
{
	if (n == 0 || n > 63 || !alnum_lower(s[0]) || !alnum_lower(s[n - 1]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!alnum_lower(s[i]) && s[i] != '-')
			return false;
	return true;
}

static bool is_subdomain(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 253)
		return false;
	for (const char *p = s;;) {
		const char *dot = strchr(p, '.');
		size_t len = dot ? (size_t)(dot - p) : strlen(p);
		if (len == 0 || !alnum_lower(p[0]) || !alnum_lower(p[len - 1]))
			return false;
		for (size_t i = 0; i < len; i++)
			if (!alnum_lower(p[i]) && p[i] != '-')
				return false;
		if (!dot)
			return true;
		p = dot + 1;
	}
}

/* Real names: namespaces are RFC 1123 labels, services RFC 1035 labels, RBAC objects and custom
 * resources path segments ("system:controller" is fine), most else subdomains. */
static bool valid_name(const rtype *rt, const char *name, const char **msg)
{
	bool core = !*rt->group;
	if (rt->crd || strcmp(rt->group, "rbac.authorization.k8s.io") == 0) {
		*msg = strcmp(name, ".") == 0 ? "may not be '.'" : strcmp(name, "..") == 0 ? "may not be '..'"
			: strchr(name, '/') ? "may not contain '/'" : "may not contain '%'";
		return *name && strcmp(name, ".") && strcmp(name, "..") && !strchr(name, '/') && !strchr(name, '%');
	}
	if (core && strcmp(rt->plural, "namespaces") == 0) {
		*msg = label_msg;
		return is_label(name, strlen(name));
	}
	if (core && strcmp(rt->plural, "services") == 0) {
		*msg = dns1035_msg;
		return is_label(name, strlen(name)) && name[0] >= 'a' && name[0] <= 'z';
	}
	*msg = subdomain_msg;
	return is_subdomain(name);
}

/* ---- field types ---- */

static const char *json_type(const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_STRING: return "string";
	case HV_BOOL: return "bool";
	case HV_INT: case HV_UINT: case HV_FLOAT: return "number";
	case HV_LIST: return "array";
	case HV_MAP: return "object";
	default: return "null";
	}
}

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* "io.k8s.api.apps.v1.DeploymentSpec" -> "DeploymentSpec" (the Go struct name). */
static const char *short_name(const char *def)
{
	const char *d = strrchr(def, '.');
	return d ? d + 1 : def;
}

/* "io.k8s.api.core.v1.PodTemplateSpec" -> "v1.PodTemplateSpec" (Go's package.Type). */
static char *go_type(const char *def)
{
	const char *last = strrchr(def, '.');
	if (!last)
		return xstrdup(def);
	const char *p = last - 1;
	while (p > def && *p != '.')
		p--;
	return xstrdup(*p == '.' ? p + 1 : p);
}

static const struct { const char *def, *field, *type; } ints[] = {
	{"io.k8s.api.apps.v1.DeploymentSpec", "replicas", "int32"},
	{"io.k8s.api.apps.v1.DeploymentSpec", "minReadySeconds", "int32"},
	{"io.k8s.api.apps.v1.DeploymentSpec", "revisionHistoryLimit", "int32"},
	{"io.k8s.api.apps.v1.DeploymentSpec", "progressDeadlineSeconds", "int32"},
	{"io.k8s.api.apps.v1.StatefulSetSpec", "replicas", "int32"},
	{"io.k8s.api.apps.v1.StatefulSetSpec", "minReadySeconds", "int32"},
	{"io.k8s.api.apps.v1.ReplicaSetSpec", "replicas", "int32"},
	{"io.k8s.api.batch.v1.JobSpec", "parallelism", "int32"},
	{"io.k8s.api.batch.v1.JobSpec", "completions", "int32"},
	{"io.k8s.api.batch.v1.JobSpec", "backoffLimit", "int32"},
	{"io.k8s.api.batch.v1.JobSpec", "activeDeadlineSeconds", "int64"},
	{"io.k8s.api.core.v1.ContainerPort", "containerPort", "int32"},
	{"io.k8s.api.core.v1.ContainerPort", "hostPort", "int32"},
	{"io.k8s.api.core.v1.ServicePort", "port", "int32"},
	{"io.k8s.api.core.v1.ServicePort", "nodePort", "int32"},
	{"io.k8s.api.core.v1.PodSpec", "terminationGracePeriodSeconds", "int64"},
	{NULL, NULL, NULL}};

struct vctx {
	const rtype *rt;
	char *err;    /* the decode error, Go's words */
	buf unknown;  /* unknown fields found below the top level */
};

/* The scalar fields of the definitions most manifests use ("types" lists only structured
 * ones); below these, unknown fields are reported with their path. */
static const struct { const char *def; const char *fields[24]; } scalars[] = {
	{"io.k8s.api.apps.v1.DeploymentSpec", {"replicas", "minReadySeconds", "revisionHistoryLimit", "paused",
		"progressDeadlineSeconds"}},
	{"io.k8s.api.apps.v1.StatefulSetSpec", {"replicas", "serviceName", "podManagementPolicy",
		"revisionHistoryLimit", "minReadySeconds"}},
	{"io.k8s.api.apps.v1.DaemonSetSpec", {"minReadySeconds", "revisionHistoryLimit"}},
	{"io.k8s.api.core.v1.PodSpec", {"activeDeadlineSeconds", "automountServiceAccountToken", "dnsPolicy",
		"enableServiceLinks", "hostIPC", "hostNetwork", "hostPID", "hostUsers", "hostname", "nodeName",
		"preemptionPolicy", "priority", "priorityClassName", "restartPolicy", "runtimeClassName", "schedulerName",
		"serviceAccount", "serviceAccountName", "setHostnameAsFQDN", "shareProcessNamespace", "subdomain",
		"terminationGracePeriodSeconds"}},
	{"io.k8s.api.core.v1.Container", {"name", "image", "imagePullPolicy", "workingDir", "terminationMessagePath",
		"terminationMessagePolicy", "stdin", "stdinOnce", "tty", "restartPolicy"}},
	{"io.k8s.api.core.v1.ContainerPort", {"name", "hostPort", "containerPort", "protocol", "hostIP"}},
	{"io.k8s.api.core.v1.EnvVar", {"name", "value"}},
	{"io.k8s.api.core.v1.VolumeMount", {"name", "readOnly", "recursiveReadOnly", "mountPath", "subPath",
		"mountPropagation", "subPathExpr"}},
	{"io.k8s.api.core.v1.ServiceSpec", {"type", "clusterIP", "externalName", "externalTrafficPolicy",
		"healthCheckNodePort", "ipFamilyPolicy", "loadBalancerIP", "loadBalancerClass", "publishNotReadyAddresses",
		"sessionAffinity", "internalTrafficPolicy", "allocateLoadBalancerNodePorts", "trafficDistribution"}},
	{"io.k8s.api.core.v1.ServicePort", {"name", "protocol", "appProtocol", "port", "nodePort"}},
	{"io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector", {"matchLabels"}},
	{NULL, {NULL}}};

static const char *const *scalars_of(const char *def)
{
	for (int i = 0; scalars[i].def; i++)
		if (strcmp(scalars[i].def, def) == 0)
			return scalars[i].fields;
	return NULL;
}

static void type_error(struct vctx *c, const hv *v, const char *def, const char *path, const char *gotype)
{
	if (!c->err)
		c->err = xasprintf("json: cannot unmarshal %s into Go struct field %s.%s of type %s", json_type(v),
			short_name(def), path, gotype);
}

static void walk(struct vctx *c, const char *def, const hv *obj, const char *prefix, const char *jprefix);

/* Definitions whose JSON form is not an object (timestamps, quantities, raw JSON ...). */
static bool free_form(const char *def)
{
	static const char *const names[] = {"Time", "MicroTime", "IntOrString", "Quantity", "RawExtension", "JSON",
		"FieldsV1", "JSONSchemaPropsOrArray", "JSONSchemaPropsOrBool", "JSONSchemaPropsOrStringArray", NULL};
	return in_list(names, short_name(def));
}

/* PATH names the field as Go's decoder does (no list indices), JPATH as the unknown-field
 * messages do (with them). */
static void walk_value(struct vctx *c, const char *def, const hv *fi, const hv *v, const char *path, const char *jpath)
{
	const char *type = hs(fi, "type"), *ref = hs(fi, "ref");
	if (hv_is_nil(v) || !type || (ref && free_form(ref)))
		return;
	if (strcmp(type, "object") == 0) {
		if (hv_kind_of(v) != HV_MAP) {
			char *gt = ref ? go_type(ref) : xstrdup("struct");
			type_error(c, v, def, path, gt);
			free(gt);
		} else if (ref) {
			walk(c, ref, v, path, jpath);
		}
		return;
	}
	const char *elem = strcmp(type, "array") == 0 ? hs(fi, "items") : strcmp(type, "map") == 0 ? hs(fi, "values") : NULL;
	bool want_list = strcmp(type, "array") == 0;
	if ((want_list && hv_kind_of(v) != HV_LIST) || (strcmp(type, "map") == 0 && hv_kind_of(v) != HV_MAP)) {
		char *et = elem && strchr(elem, '.') ? go_type(elem) : xstrdup(elem ? elem : "interface {}");
		char *gt = want_list ? xasprintf("[]%s", et) : xasprintf("map[string]%s", et);
		type_error(c, v, def, path, gt);
		free(gt);
		free(et);
		return;
	}
	if (!elem || !strchr(elem, '.') || free_form(elem))
		return;
	for (size_t i = 0; i < hv_len(v) && !c->err; i++) {
		const hv *e = want_list ? hv_list_get(v, i) : hv_map_val(v, i);
		if (hv_is_nil(e))
			continue;
		if (hv_kind_of(e) != HV_MAP) {
			char *gt = go_type(elem);
			type_error(c, e, def, path, gt);
			free(gt);
		} else {
			char *jp = want_list ? xasprintf("%s[%zu]", jpath, i) : xasprintf("%s[%s]", jpath, hv_map_key(v, i));
			walk(c, elem, e, path, jp);
			free(jp);
		}
	}
}

static void walk(struct vctx *c, const char *def, const hv *obj, const char *prefix, const char *jprefix)
{
	const hv *fields = hv_map_get(kinds_types(), def);
	const char *const *known = scalars_of(def);
	for (size_t i = 0; i < hv_len(obj) && !c->err; i++) {
		const char *key = hv_map_key(obj, i);
		const hv *v = hv_map_val(obj, i);
		char *path = *prefix ? xasprintf("%s.%s", prefix, key) : xstrdup(key);
		char *jpath = *jprefix ? xasprintf("%s.%s", jprefix, key) : xstrdup(key);
		const hv *fi = fields ? hv_map_get(fields, key) : NULL;
		if (fi) {
			walk_value(c, def, fi, v, path, jpath);
		} else {
			for (int k = 0; ints[k].def; k++) {
				int64_t n;
				if (strcmp(ints[k].def, def) == 0 && strcmp(ints[k].field, key) == 0 && !hv_is_nil(v) &&
				    !hnum(v, &n))
					type_error(c, v, def, path, ints[k].type);
			}
			if (known && !in_list(known, key))
				buf_printf(&c->unknown, "%sunknown field \"%s\"", c->unknown.len ? ", " : "", jpath);
		}
		free(path);
		free(jpath);
	}
}

/* ---- unknown fields: the top level and metadata, where every field is known ---- */

static const char *const meta_fields[] = {"name", "generateName", "namespace", "selfLink", "uid",
	"resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
	"labels", "annotations", "ownerReferences", "finalizers", "managedFields", NULL};

static const struct { const char *kind; const char *fields[11]; } top_scalars[] = {
	{"ConfigMap", {"data", "binaryData", "immutable"}},
	{"Secret", {"data", "stringData", "type", "immutable"}},
	{"ServiceAccount", {"automountServiceAccountToken"}},
	{NULL, {NULL}}};


/* Only kinds whose top level is fully described (objects only, or listed above) are checked. */
static bool top_level_known(const rtype *rt, const hv *fields, const char *const **extra)
{
	*extra = NULL;
	for (int i = 0; top_scalars[i].kind; i++)
		if (!*rt->group && strcmp(top_scalars[i].kind, rt->kind) == 0)
			*extra = top_scalars[i].fields;
	if (*extra)
		return true;
	return fields && hv_map_get(fields, "spec") && hv_len(fields) <= 3;
}

static void unknown_fields(const rtype *rt, const hv *obj, buf *out)
{
	if (rt->crd || !rt->definition)
		return;
	const hv *fields = hv_map_get(kinds_types(), rt->definition);
	const char *const *extra;
	if (top_level_known(rt, fields, &extra)) {
		for (size_t i = 0; i < hv_len(obj); i++) {
			const char *k = hv_map_key(obj, i);
			if (strcmp(k, "apiVersion") && strcmp(k, "kind") && !hv_map_get(fields, k) && !(extra && in_list(extra, k)))
				buf_printf(out, "%sunknown field \"%s\"", out->len ? ", " : "", k);
		}
	}
	const hv *meta = hv_map_get(obj, "metadata");
	for (size_t i = 0; meta && hv_kind_of(meta) == HV_MAP && i < hv_len(meta); i++)
		if (!in_list(meta_fields, hv_map_key(meta, i)))
			buf_printf(out, "%sunknown field \"metadata.%s\"", out->len ? ", " : "", hv_map_key(meta, i));
}

/* ---- per-kind rules ---- */

static bool is(const rtype *rt, const char *group, const char *kind)
{
	return strcmp(rt->group, group) == 0 && strcmp(rt->kind, kind) == 0;
}

static bool config_key_ok(const char *k)
{
	if (!*k || strlen(k) > 253)
		return false;
	for (const char *p = k; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_' && *p != '.')
			return false;
	return strcmp(k, ".") && strcmp(k, "..");
}

static bool data_rules(const rtype *rt, const hv *obj, const hv *old, reply *rp, const char *name)
{
	bool secret = is(rt, "", "Secret");
	const hv *data = hv_map_get(obj, "data");
	for (size_t i = 0; data && hv_kind_of(data) == HV_MAP && i < hv_len(data); i++) {
		const char *k = hv_map_key(data, i);
		if (!config_key_ok(k)) {
			char *f = xasprintf("data[%s]", k);
			char *m = xasprintf("Invalid value: \"%s\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')", k);
			status_invalid(rp, rt, name, f, "FieldValueInvalid", m);
			free(f);
			free(m);
			return false;
		}
		const hv *v = hv_map_val(data, i);
		if (secret && hv_kind_of(v) == HV_STRING) {
			size_t n;
			unsigned char *d = b64_decode(hv_get_str(v), hv_str_len(v), &n);
			if (!d) {
				status_error(rp, 400, "BadRequest", NULL,
					"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0");
				return false;
			}
			free(d);
		}
	}
	const hv *bin = hv_map_get(obj, "binaryData");
	for (size_t i = 0; data && bin && hv_kind_of(bin) == HV_MAP && i < hv_len(bin); i++)
		if (hv_map_get(data, hv_map_key(bin, i))) {
			char *f = xasprintf("data[%s]", hv_map_key(bin, i));
			char *m = xasprintf("Invalid value: \"%s\": duplicate of key present in binaryData", hv_map_key(bin, i));
			status_invalid(rp, rt, name, f, "FieldValueInvalid", m);
			free(f);
			free(m);
			return false;
		}
	if (!old)
		return true;
	if (secret && !hv_equal(hv_map_get(obj, "type") ? hv_map_get(obj, "type") : hv_nil(),
			      hv_map_get(old, "type") ? hv_map_get(old, "type") : hv_nil())) {
		char *m = xasprintf("Invalid value: \"%s\": field is immutable", hs(obj, "type") ? hs(obj, "type") : "");
		status_invalid(rp, rt, name, "type", "FieldValueInvalid", m);
		free(m);
		return false;
	}
	const hv *imm = hv_map_get(old, "immutable");
	if (imm && hv_get_bool(imm)) {
		const hv *ni = hv_map_get(obj, "immutable");
		if (!ni || !hv_get_bool(ni)) {
			status_invalid(rp, rt, name, "immutable", "FieldValueForbidden",
				"Forbidden: field is immutable when `immutable` is set");
			return false;
		}
		static const char *const fields[] = {"data", "binaryData", NULL};
		for (int i = 0; fields[i]; i++) {
			const hv *a = hv_map_get(obj, fields[i]), *b = hv_map_get(old, fields[i]);
			bool ea = !a || hv_len(a) == 0, eb = !b || hv_len(b) == 0;
			if ((ea != eb) || (!ea && !hv_equal(a, b))) {
				status_invalid(rp, rt, name, fields[i], "FieldValueForbidden",
					"Forbidden: field is immutable when `immutable` is set");
				return false;
			}
		}
	}
	return true;
}

static bool workload_rules(const rtype *rt, const hv *obj, reply *rp, const char *name)
{
	bool workload = is(rt, "apps", "Deployment") || is(rt, "apps", "StatefulSet") || is(rt, "apps", "DaemonSet") ||
			is(rt, "apps", "ReplicaSet");
	if (workload) {
		const hv *sel = hv_path(obj, "spec.selector");
		if (!sel || hv_kind_of(sel) != HV_MAP || hv_len(sel) == 0) {
			status_invalid(rp, rt, name, "spec.selector", "FieldValueRequired", "Required value");
			return false;
		}
		const hv *labels = hv_path(obj, "spec.template.metadata.labels");
		if (!label_selector_match(sel, labels)) {
			status_invalid(rp, rt, name, "spec.template.metadata.labels", "FieldValueInvalid",
				"Invalid value: map[string]string{...}: `selector` does not match template `labels`");
			return false;
		}
	}
	const char *cpath = is(rt, "", "Pod") ? "spec.containers" : workload || is(rt, "batch", "Job") ? "spec.template.spec.containers" : NULL;
	if (cpath) {
		const hv *c = hv_path(obj, cpath);
		if (!c || hv_kind_of(c) != HV_LIST || hv_len(c) == 0) {
			status_invalid(rp, rt, name, cpath, "FieldValueRequired", "Required value");
			return false;
		}
	}
	return true;
}

bool validate_object(const rtype *rt, const hv *obj, const hv *old, bool strict, reply *rp, char **warning)
{
	const char *name = hs(obj, "metadata.name");
	const char *msg = "";
	if (!name || !valid_name(rt, name, &msg)) {
		char *m = xasprintf("Invalid value: \"%s\": %s", name ? name : "", msg);
		status_invalid(rp, rt, name ? name : "", "metadata.name", "FieldValueInvalid", m);
		free(m);
		return false;
	}
	struct vctx c = {rt, NULL, BUF_INIT};
	/* maps of strings the "types" table leaves out */
	static const struct { const char *kind, *path, *def, *gotype; } string_maps[] = {
		{NULL, "metadata.labels", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "map[string]string"},
		{NULL, "metadata.annotations", "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "map[string]string"},
		{"ConfigMap", "data", "io.k8s.api.core.v1.ConfigMap", "map[string]string"},
		{"ConfigMap", "binaryData", "io.k8s.api.core.v1.ConfigMap", "map[string][]uint8"},
		{"Secret", "data", "io.k8s.api.core.v1.Secret", "map[string][]uint8"},
		{"Secret", "stringData", "io.k8s.api.core.v1.Secret", "map[string]string"},
		{NULL, NULL, NULL, NULL}};
	for (int i = 0; string_maps[i].path && !c.err; i++) {
		if (string_maps[i].kind && (*rt->group || strcmp(rt->kind, string_maps[i].kind) != 0))
			continue;
		const hv *m = hv_path(obj, string_maps[i].path);
		bool ok = !m || hv_is_nil(m) || hv_kind_of(m) == HV_MAP;
		size_t bad = 0;
		for (size_t j = 0; ok && m && hv_kind_of(m) == HV_MAP && j < hv_len(m); j++)
			if (hv_kind_of(hv_map_val(m, j)) != HV_STRING) {
				ok = false;
				bad = j;
			}
		if (!ok)
			type_error(&c, hv_kind_of(m) == HV_MAP ? hv_map_val(m, bad) : m, string_maps[i].def, string_maps[i].path,
				string_maps[i].gotype);
	}
	if (rt->definition && !c.err)
		walk(&c, rt->definition, obj, "", "");
	if (c.err) {
		buf_free(&c.unknown);
		status_error(rp, 400, "BadRequest", NULL, "%s in version \"%s\" cannot be handled as a %s: %s", rt->kind,
			rt->version, rt->kind, c.err);
		free(c.err);
		return false;
	}
	buf unknown = BUF_INIT;
	unknown_fields(rt, obj, &unknown);
	if (c.unknown.len)
		buf_printf(&unknown, "%s%s", unknown.len ? ", " : "", c.unknown.s);
	buf_free(&c.unknown);
	if (unknown.len && strict) {
		status_error(rp, 400, "BadRequest", NULL, "%s in version \"%s\" cannot be handled as a %s: strict decoding error: %s",
			rt->kind, rt->version, rt->kind, unknown.s);
		buf_free(&unknown);
		return false;
	}
	if (unknown.len && warning) {
		buf w = BUF_INIT;
		buf_puts(&w, "299 - \"");
		for (const char *p = unknown.s; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_putc(&w, '\\');
			buf_putc(&w, *p);
		}
		buf_putc(&w, '"');
		*warning = buf_detach(&w, NULL);
	}
	buf_free(&unknown);
	if ((is(rt, "", "ConfigMap") || is(rt, "", "Secret")) && !data_rules(rt, obj, old, rp, name))
		return false;
	if (!workload_rules(rt, obj, rp, name))
		return false;
	if (is(rt, "", "ConfigMap") || is(rt, "", "Secret")) {
		size_t total = 0;
		static const char *const fields[] = {"data", "binaryData", NULL};
		for (int i = 0; fields[i]; i++) {
			const hv *d = hv_map_get(obj, fields[i]);
			for (size_t j = 0; d && hv_kind_of(d) == HV_MAP && j < hv_len(d); j++)
				total += hv_map_keylen(d, j) + hv_str_len(hv_map_val(d, j));
		}
		if (total > MAX_OBJECT) {
			status_invalid(rp, rt, name, "[]", "FieldValueTooLong", "Too long: must have at most 1048576 bytes");
			return false;
		}
	}
	return true;
}
