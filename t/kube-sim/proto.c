/* proto.c — the Kubernetes protobuf envelope ("k8s\0" + runtime.Unknown) for the kinds real
 * clients send that way: Secret, ConfigMap, Namespace and DeleteOptions. Field numbers from
 * k8s.io/api/core/v1 and k8s.io/apimachinery meta/v1 generated.proto. */
#include "ksim.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct { const unsigned char *p, *end; bool bad; } pb;

static uint64_t varint(pb *r)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end) {
			r->bad = true;
			return 0;
		}
		unsigned char b = *r->p++;
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
	r->bad = true;
	return 0;
}

/* Next field: number, wire type; for wire type 2 *sub is the payload.  False at the end. */
static bool field(pb *r, int *num, int *wt, pb *sub, uint64_t *val)
{
	if (r->bad || r->p >= r->end)
		return false;
	uint64_t tag = varint(r);
	*num = (int)(tag >> 3);
	*wt = (int)(tag & 7);
	switch (*wt) {
	case 0:
		*val = varint(r);
		break;
	case 1:
	case 5: {
		size_t n = *wt == 1 ? 8 : 4;
		if ((size_t)(r->end - r->p) < n)
			r->bad = true;
		else
			r->p += n;
		break;
	}
	case 2: {
		uint64_t n = varint(r);
		if (r->bad || n > (uint64_t)(r->end - r->p)) {
			r->bad = true;
			break;
		}
		*sub = (pb){r->p, r->p + n, false};
		r->p += n;
		break;
	}
	default:
		r->bad = true;
	}
	return !r->bad && *num > 0;
}

static hv *str_of(const pb *s) { return hv_strn((const char *)s->p, (size_t)(s->end - s->p)); }

static hv *b64_of(const pb *s)
{
	char *b = b64_encode(s->p, (size_t)(s->end - s->p));
	hv *v = hv_str(b);
	free(b);
	return v;
}

static void set_nonempty(hv *m, const char *key, const pb *s)
{
	if (s->end > s->p)
		hv_map_set(m, key, str_of(s));
}

/* map<string, string|bytes> entries: {1: key, 2: value}. */
static bool map_entry(pb *e, hv *into, bool bytes)
{
	int num, wt;
	pb sub = {0};
	uint64_t v;
	hv *key = NULL, *val = NULL;
	while (field(e, &num, &wt, &sub, &v)) {
		if (wt != 2)
			continue;
		if (num == 1) {
			hv_free(key);
			key = str_of(&sub);
		} else if (num == 2) {
			hv_free(val);
			val = bytes ? b64_of(&sub) : str_of(&sub);
		}
	}
	if (e->bad || !key) {
		hv_free(key);
		hv_free(val);
		return false;
	}
	hv_map_set(into, hv_get_str(key), val ? val : hv_str(""));
	hv_free(key);
	return true;
}

static hv *owner_ref(pb *m)
{
	hv *o = hv_map();
	int num, wt;
	pb s = {0};
	uint64_t v;
	while (field(m, &num, &wt, &s, &v)) {
		if (wt == 2 && num == 1) set_nonempty(o, "kind", &s);
		else if (wt == 2 && num == 3) set_nonempty(o, "name", &s);
		else if (wt == 2 && num == 4) set_nonempty(o, "uid", &s);
		else if (wt == 2 && num == 5) set_nonempty(o, "apiVersion", &s);
		else if (wt == 0 && num == 6) hv_map_set(o, "controller", hv_bool(v));
		else if (wt == 0 && num == 7) hv_map_set(o, "blockOwnerDeletion", hv_bool(v));
	}
	return o;
}

/* The list under KEY, created on first use (repeated fields arrive one element at a time). */
static hv *list_child(hv *m, const char *key)
{
	hv *l = hv_map_get(m, key);
	if (!l) {
		l = hv_list();
		hv_map_set(m, key, l);
	}
	return l;
}

static bool object_meta(pb *m, hv *obj)
{
	hv *meta = hchild(obj, "metadata");
	int num, wt;
	pb s = {0};
	uint64_t v;
	while (field(m, &num, &wt, &s, &v)) {
		if (wt == 0) {
			if (num == 7 && v)
				hset_int(meta, "generation", (int64_t)v);
			continue;
		}
		if (wt != 2)
			continue;
		switch (num) {
		case 1: set_nonempty(meta, "name", &s); break;
		case 2: set_nonempty(meta, "generateName", &s); break;
		case 3: set_nonempty(meta, "namespace", &s); break;
		case 5: set_nonempty(meta, "uid", &s); break;
		case 6: set_nonempty(meta, "resourceVersion", &s); break;
		case 11: if (!map_entry(&s, hchild(meta, "labels"), false)) return false; break;
		case 12: if (!map_entry(&s, hchild(meta, "annotations"), false)) return false; break;
		case 13: hv_list_push(list_child(meta, "ownerReferences"), owner_ref(&s)); break;
		case 14: hv_list_push(list_child(meta, "finalizers"), str_of(&s)); break;
		default: break;   /* timestamps, managedFields: the server sets or ignores them */
		}
	}
	return !m->bad;
}

static bool decode_kind(const char *kind, pb *r, hv *obj)
{
	int num, wt;
	pb s = {0};
	uint64_t v;
	bool secret = strcmp(kind, "Secret") == 0, cm = strcmp(kind, "ConfigMap") == 0;
	bool ns = strcmp(kind, "Namespace") == 0, del = strcmp(kind, "DeleteOptions") == 0;
	while (field(r, &num, &wt, &s, &v)) {
		if (del) {
			if (wt == 0 && num == 1) hset_int(obj, "gracePeriodSeconds", (int64_t)v);
			else if (wt == 0 && num == 3) hv_map_set(obj, "orphanDependents", hv_bool(v));
			else if (wt == 2 && num == 4) set_nonempty(obj, "propagationPolicy", &s);
			else if (wt == 2 && num == 5) hv_list_push(list_child(obj, "dryRun"), str_of(&s));
			else if (wt == 2 && num == 2) {
				hv *pre = hchild(obj, "preconditions");
				int n2, w2;
				pb s2 = {0};
				uint64_t v2;
				while (field(&s, &n2, &w2, &s2, &v2))
					if (w2 == 2)
						set_nonempty(pre, n2 == 1 ? "uid" : "resourceVersion", &s2);
			}
			continue;
		}
		if (wt == 2 && num == 1) {
			if (!object_meta(&s, obj))
				return false;
			continue;
		}
		if (secret || cm) {
			if (wt == 0 && num == (secret ? 5 : 4))
				hv_map_set(obj, "immutable", hv_bool(v));
			else if (wt == 2 && num == 2 && !map_entry(&s, hchild(obj, "data"), secret))
				return false;
			else if (wt == 2 && secret && num == 3)
				set_nonempty(obj, "type", &s);
			else if (wt == 2 && secret && num == 4 && !map_entry(&s, hchild(obj, "stringData"), false))
				return false;
			else if (wt == 2 && cm && num == 3 && !map_entry(&s, hchild(obj, "binaryData"), true))
				return false;
		} else if (ns && wt == 2 && (num == 2 || num == 3)) {
			int n2, w2;
			pb s2 = {0};
			uint64_t v2;
			hv *sub = hchild(obj, num == 2 ? "spec" : "status");
			while (field(&s, &n2, &w2, &s2, &v2)) {
				if (w2 != 2 || n2 != 1)
					continue;
				if (num == 3) {
					set_nonempty(sub, "phase", &s2);
				} else {
					hv_list_push(list_child(sub, "finalizers"), str_of(&s2));
				}
			}
		}
	}
	return !r->bad;
}

hv *proto_decode(const unsigned char *p, size_t n, char **err)
{
	if (n < 4 || memcmp(p, "k8s\0", 4) != 0) {
		*err = xstrdup("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
		return NULL;
	}
	pb r = {p + 4, p + n, false}, raw = {0}, tm = {0};
	bool have_raw = false, have_tm = false;
	int num, wt;
	pb s = {0};
	uint64_t v;
	while (field(&r, &num, &wt, &s, &v)) {
		if (wt == 2 && num == 1) {
			tm = s;
			have_tm = true;
		} else if (wt == 2 && num == 2) {
			raw = s;
			have_raw = true;
		}
	}
	if (r.bad || !have_tm) {
		*err = xstrdup("unable to unmarshal protobuf envelope: unexpected EOF");
		return NULL;
	}
	hv *obj = hv_map();
	while (field(&tm, &num, &wt, &s, &v))
		if (wt == 2 && (num == 1 || num == 2))
			set_nonempty(obj, num == 1 ? "apiVersion" : "kind", &s);
	char *kind = hs(obj, "kind") ? xstrdup(hs(obj, "kind")) : NULL;
	if (!kind || (strcmp(kind, "Secret") && strcmp(kind, "ConfigMap") && strcmp(kind, "Namespace") &&
		      strcmp(kind, "DeleteOptions"))) {
		*err = xasprintf("unsupported protobuf kind %s", kind ? kind : "(none)");
		free(kind);
		hv_free(obj);
		return NULL;
	}
	if (strcmp(kind, "DeleteOptions") == 0) {
		hv_map_del(obj, "kind");
		hv_map_del(obj, "apiVersion");
	}
	if (have_raw && !decode_kind(kind, &raw, obj)) {
		*err = xasprintf("unable to unmarshal protobuf %s: proto: illegal wireType or unexpected EOF", kind);
		free(kind);
		hv_free(obj);
		return NULL;
	}
	free(kind);
	return obj;
}
