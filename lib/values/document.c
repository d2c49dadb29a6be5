#include "values/document.h"
#include "json.h"
#include "strconv.h"
#include "util.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

/* One step down to the value being written: a map key or a list index. */
struct step {
	const char *key; /* NULL for a list index */
	size_t len;      /* the key's length, or the index */
};

struct emitter {
	buf *b;
	struct step *path;
	size_t depth, cap;
	hv *binary; /* [[path...], base64] of each string that is not UTF-8 */
};

static void push(struct emitter *e, const char *key, size_t len)
{
	if (e->depth == e->cap) {
		e->cap = e->cap ? 2 * e->cap : 16;
		e->path = xrealloc(e->path, e->cap * sizeof *e->path);
	}
	e->path[e->depth++] = (struct step){key, len};
}

static void emit(struct emitter *e, const hv *v)
{
	switch (hv_kind_of(v)) {
	case HV_FLOAT: {
		size_t at = e->b->len;
		go_format_float_json(e->b, hv_get_float(v));
		if (!strpbrk(e->b->s + at, ".eEIN"))
			buf_puts(e->b, ".0");
		break;
	}
	case HV_STRING:
		if (!go_utf8_valid(hv_get_str(v), hv_str_len(v))) {
			size_t n = hv_str_len(v);
			char *b64 = xmalloc(4 * ((n + 2) / 3) + 1);
			int len = EVP_EncodeBlock((unsigned char *)b64, (const unsigned char *)hv_get_str(v), (int)n);
			hv *entry = hv_list(), *path = hv_list();
			for (size_t i = 0; i < e->depth; i++) {
				const struct step *s = &e->path[i];
				hv_list_push(path, s->key ? hv_strn(s->key, s->len) : hv_int((int64_t)s->len));
			}
			hv_list_push(entry, path);
			hv_list_push(entry, hv_str_take(b64, (size_t)len));
			hv_list_push(e->binary, entry);
			buf_puts(e->b, "\"\"");
		} else {
			json_emit_string(e->b, hv_get_str(v), hv_str_len(v), 0);
		}
		break;
	case HV_LIST:
		buf_putc(e->b, '[');
		for (size_t i = 0; i < hv_len(v); i++) {
			if (i)
				buf_putc(e->b, ',');
			push(e, NULL, i);
			emit(e, hv_list_get(v, i));
			e->depth--;
		}
		buf_putc(e->b, ']');
		break;
	case HV_MAP:
		buf_putc(e->b, '{');
		for (size_t i = 0; i < hv_len(v); i++) {
			if (i)
				buf_putc(e->b, ',');
			json_emit_string(e->b, hv_map_key(v, i), hv_map_keylen(v, i), 0);
			buf_putc(e->b, ':');
			push(e, hv_map_key(v, i), hv_map_keylen(v, i));
			emit(e, hv_map_val(v, i));
			e->depth--;
		}
		buf_putc(e->b, '}');
		break;
	default:
		json_emit(e->b, v, 0);
	}
}

void values_document_emit(buf *b, const hv *values, const hv *tree)
{
	struct emitter e = {b, NULL, 0, 0, hv_list()};
	buf_puts(b, "{\"chart\":");
	emit(&e, tree);
	buf_puts(b, ",\"values\":");
	emit(&e, values);
	if (hv_len(e.binary)) {
		buf_puts(b, ",\"binary\":");
		json_emit(b, e.binary, 0);
	}
	buf_puts(b, "}\n");
	free(e.path);
	hv_free(e.binary);
}

/* Puts the decoded bytes of one "binary" entry back into VALUES. */
static int restore(hv *values, const hv *entry)
{
	if (hv_kind_of(entry) != HV_LIST || hv_len(entry) != 2)
		return -1;
	hv *path = hv_list_get(entry, 0), *b64 = hv_list_get(entry, 1);
	if (hv_kind_of(path) != HV_LIST || !hv_len(path) || hv_kind_of(b64) != HV_STRING)
		return -1;
	size_t n = hv_str_len(b64);
	unsigned char *bytes = xmalloc(3 * (n / 4) + 1);
	int len = EVP_DecodeBlock(bytes, (const unsigned char *)hv_get_str(b64), (int)n);
	if (len < 0) {
		free(bytes);
		return -1;
	}
	/* EVP_DecodeBlock counts the padding as zero bytes */
	for (size_t k = n; k > 0 && hv_get_str(b64)[k - 1] == '='; k--)
		len--;
	bytes[len] = 0;
	hv *cur = values;
	for (size_t i = 0; i < hv_len(path); i++) {
		hv *step = hv_list_get(path, i);
		bool last = i + 1 == hv_len(path);
		if (hv_kind_of(step) == HV_STRING && hv_kind_of(cur) == HV_MAP && hv_map_getn(cur, hv_get_str(step), hv_str_len(step))) {
			if (last) {
				hv_map_setn(cur, hv_get_str(step), hv_str_len(step), hv_str_take((char *)bytes, (size_t)len));
				return 0;
			}
			cur = hv_map_getn(cur, hv_get_str(step), hv_str_len(step));
		} else if (hv_kind_of(step) == HV_INT && hv_kind_of(cur) == HV_LIST && hv_get_int(step) >= 0 &&
			   (size_t)hv_get_int(step) < hv_len(cur)) {
			if (last) {
				hv_list_set(cur, (size_t)hv_get_int(step), hv_str_take((char *)bytes, (size_t)len));
				return 0;
			}
			cur = hv_list_get(cur, (size_t)hv_get_int(step));
		} else {
			break;
		}
	}
	free(bytes);
	return -1;
}

hv *values_document_parse(const char *s, size_t n, char **err)
{
	hv *doc = json_parse(s, n, "<stdin>", JSON_INTS, err);
	if (!doc)
		return NULL;
	hv *values = hv_map_get(doc, "values"), *binary = hv_map_get(doc, "binary");
	if (binary && (!values || hv_kind_of(values) != HV_MAP))
		binary = NULL;
	for (size_t i = 0; binary && hv_kind_of(binary) == HV_LIST && i < hv_len(binary); i++) {
		if (restore(values, hv_list_get(binary, i))) {
			hv_free(doc);
			*err = xstrdup("<stdin>: a \"binary\" entry does not name a string of the values");
			return NULL;
		}
	}
	if (hv_kind_of(doc) == HV_MAP)
		hv_map_del(doc, "binary");
	return doc;
}
