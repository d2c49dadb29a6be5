/* yaml_emit.c — values -> YAML exactly as Helm's toYaml writes them.
 *
 * toYaml is sigs.k8s.io/yaml.Marshal: json.Marshal, go-yaml v2 reads that JSON back (so whole
 * floats become ints, strings are valid UTF-8), then go-yaml v2 writes it: keys sorted its
 * number-aware way, each scalar offered in the style go-yaml's encoder picks, and the emitter
 * (go-yaml's is a port of libyaml's, used here) falls back to quoting where that style cannot
 * be used. */
#include "base64.h"
#include "yaml.h"
#include "yaml_resolve.h"
#include "sprig/unicode.h"
#include "strconv.h"
#include "util.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml_libyaml.h> /* found through -Ilib so that it can reach past lib/yaml.h */

/* ---- go-yaml's key order ---- */

struct key {
	const char *s;
	size_t n;
	size_t index; /* in the map */
	int32_t *r;   /* the runes of s (invalid UTF-8 as U+FFFD, as after json.Marshal) */
	size_t nr;
};

/* Decodes K's runes into R (room for k->n of them). */
static void key_runes(struct key *k, int32_t *r)
{
	k->r = r;
	k->nr = 0;
	for (size_t i = 0; i < k->n;) {
		int size;
		int r = go_utf8_decode(k->s + i, k->n - i, &size);
		k->r[k->nr++] = r < 0 ? 0xfffd : r;
		i += (size_t)size;
	}
}

/* keyList.Less for two string keys: runs of digits compare as numbers, letters before
 * non-letters. */
static bool key_less(const struct key *a, const struct key *b)
{
	const int32_t *ar = a->r, *br = b->r;
	size_t na = a->nr, nb = b->nr;
	for (size_t k = 0; k < na && k < nb; k++) {
		if (ar[k] == br[k])
			continue;
		bool al = uni_is_letter(ar[k]), bl = uni_is_letter(br[k]);
		if (al && bl)
			return ar[k] < br[k];
		if (al || bl)
			return bl;
		uint64_t an = 0, bn = 0;
		if (ar[k] == '0' || br[k] == '0') {
			for (size_t m = k; m-- > 0 && uni_is_digit(ar[m]);) {
				if (ar[m] != '0') {
					an = bn = 1;
					break;
				}
			}
		}
		size_t ai, bi;
		for (ai = k; ai < na && uni_is_digit(ar[ai]); ai++)
			an = an * 10 + (uint64_t)(ar[ai] - '0');
		for (bi = k; bi < nb && uni_is_digit(br[bi]); bi++)
			bn = bn * 10 + (uint64_t)(br[bi] - '0');
		if (an != bn)
			return (int64_t)an < (int64_t)bn;
		if (ai != bi)
			return ai < bi;
		return ar[k] < br[k];
	}
	return na < nb;
}

static int key_cmp(const void *x, const void *y)
{
	const struct key *a = x, *b = y;
	if (key_less(a, b))
		return -1;
	return key_less(b, a) ? 1 : 0;
}

/* ---- events ---- */

/* Where go-yaml's emitter differs from libyaml 0.2.5's, a scalar is emitted with a marker and
 * the text is patched afterwards (see go_quirks). */
struct patch {
	char *marker;
	char *text; /* what replaces the double-quoted scalar holding MARKER; NULL: drop the marker */
};

/* What the walk offers the emitter, recorded: the quick writer takes documents of plain
 * scalars libyaml would write as they are; libyaml's emitter gets the rest. */
enum rec_type { R_SCALAR, R_SEQ, R_MAP, R_SEQ_END, R_MAP_END };

struct rec {
	enum rec_type type;
	yaml_scalar_style_t style;
	const char *s;
	size_t n;
	bool owned; /* S is a copy of a temporary text, freed with the record */
};

struct emit {
	bool failed;
	struct patch *patches;
	size_t npatches;
	struct rec *recs;
	size_t nrecs, caprecs;
};

/* Records an event; a scalar's text S is copied unless it is STABLE (a literal, or in the
 * value being written, which outlives the records). */
static void record(struct emit *e, enum rec_type type, const char *s, size_t n, yaml_scalar_style_t style,
                   bool stable)
{
	if (e->nrecs == e->caprecs) {
		e->caprecs = e->caprecs ? 2 * e->caprecs : 64;
		e->recs = xrealloc(e->recs, e->caprecs * sizeof *e->recs);
	}
	bool copy = s && !stable;
	e->recs[e->nrecs++] = (struct rec){type, style, copy ? xstrndup(s, n) : s, n, copy};
}

static void scalar(struct emit *e, const char *s, size_t n, yaml_scalar_style_t style, bool stable)
{
	if (!e->failed)
		record(e, R_SCALAR, s, n, style, stable);
}

/* The string go-yaml reads back from json.Marshal's text into CLEAN: invalid UTF-8 became
 * U+FFFD; a raw NEL is a line break inside the double-quoted scalar, so it folds like one.
 * False where that read fails (characters YAML refuses, a line break in a key). */
static bool json_trip(const char *s, size_t n, bool key, buf *clean)
{
	for (size_t i = 0; i < n;) {
		int size;
		int r = go_utf8_decode(s + i, n - i, &size);
		i += (size_t)size;
		if (r < 0) {
			buf_puts(clean, "\xef\xbf\xbd");
			continue;
		}
		if (r == 0x7f || (r >= 0x80 && r <= 0x9f && r != 0x85) || r == 0xfffe || r == 0xffff)
			return false; /* "control characters are not allowed" */
		if (r != 0x85) {
			buf_add(clean, s + i - (size_t)size, (size_t)size);
			continue;
		}
		if (key)
			return false;
		while (clean->len && clean->s[clean->len - 1] == ' ')
			clean->s[--clean->len] = 0;
		int breaks = 1;
		for (;;) {
			if (i < n && s[i] == ' ')
				i++;
			else if (i + 1 < n && (unsigned char)s[i] == 0xc2 && (unsigned char)s[i + 1] == 0x85)
				i += 2, breaks++;
			else
				break;
		}
		if (breaks == 1)
			buf_putc(clean, ' ');
		for (int k = 1; k < breaks; k++)
			buf_putc(clean, '\n');
	}
	return true;
}

/* Whether S is all ASCII below DEL: json_trip would copy it unchanged. */
static bool ascii_below_del(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

/* go-yaml's double-quoted text of a string that starts with a BOM: its is_bom() looks at the
 * first character whatever the position, so every character is escaped, on one line. */
static char *escape_all(const char *s, size_t n)
{
	static const char esc[][2] = {{0, '0'}, {7, 'a'}, {8, 'b'}, {9, 't'}, {10, 'n'}, {11, 'v'}, {12, 'f'},
	                              {13, 'r'}, {27, 'e'}, {'"', '"'}, {'\\', '\\'}};
	buf b = BUF_INIT;
	buf_putc(&b, '"');
	for (size_t i = 0; i < n;) {
		int size;
		int r = go_utf8_decode(s + i, n - i, &size);
		i += (size_t)size;
		char c = 0;
		for (size_t k = 0; k < sizeof esc / sizeof *esc; k++)
			if (r == esc[k][0])
				c = esc[k][1];
		c = r == 0x85 ? 'N' : r == 0xa0 ? '_' : r == 0x2028 ? 'L' : r == 0x2029 ? 'P' : c;
		if (c)
			buf_printf(&b, "\\%c", c);
		else if (r <= 0xff)
			buf_printf(&b, "\\x%02X", (unsigned)r);
		else if (r <= 0xffff)
			buf_printf(&b, "\\u%04X", (unsigned)r);
		else
			buf_printf(&b, "\\U%08X", (unsigned)r);
	}
	buf_putc(&b, '"');
	return buf_detach(&b, NULL);
}

static bool is_break_at(const char *s, size_t n, size_t i)
{
	return s[i] == '\n' || s[i] == '\r' ||
	       (i + 2 < n && (unsigned char)s[i] == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
	        ((unsigned char)s[i + 2] == 0xa8 || (unsigned char)s[i + 2] == 0xa9));
}

/* Offers libyaml a stand-in for S where go-yaml writes it differently; the stand-in keeps what
 * the emitter's choices depend on (style, multi-line, length against the 128 of simple keys).
 * Returns the text to emit (malloc'd) or NULL to emit S itself. */
static char *go_quirks(struct emit *e, const char *s, size_t n, bool key, size_t *outlen)
{
	bool bom = n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0;
	bool trailing_ls = n >= 3 && !memchr(s, '\n', n) && memcmp(s + n - 3, "\xe2\x80", 2) == 0 &&
	                   ((unsigned char)s[n - 1] == 0xa8 || (unsigned char)s[n - 1] == 0xa9);
	if (!bom && !trailing_ls)
		return NULL;
	char marker[40];
	snprintf(marker, sizeof marker, "Qz%zuH1mk%zuzQ", e->npatches, e->npatches);
	size_t mlen = strlen(marker);
	buf b = BUF_INIT;
	if (bom) {
		/* a BOM makes it double-quoted in both; the stand-in is BOM, marker, a line break if S
		 * has one, and padding to S's length */
		bool multiline = false;
		for (size_t i = 0; i < n; i++)
			multiline = multiline || is_break_at(s, n, i);
		buf_puts(&b, "\xef\xbb\xbf");
		buf_puts(&b, marker);
		if (multiline)
			buf_putc(&b, '\n');
		while (b.len < n)
			buf_putc(&b, 'x');
	} else {
		/* libyaml indents after a final line break in a single-quoted scalar; go-yaml does not */
		if (key && n <= 128 && n + mlen > 128)
			return NULL;
		buf_add(&b, s, n);
		buf_puts(&b, marker);
	}
	e->patches = xrealloc(e->patches, (e->npatches + 1) * sizeof *e->patches);
	e->patches[e->npatches].marker = xstrdup(marker);
	e->patches[e->npatches].text = bom ? escape_all(s, n) : NULL;
	e->npatches++;
	return buf_detach(&b, outlen);
}

/* Applies the patches to the emitted text. */
static void apply_patches(struct emit *e, buf *out)
{
	for (size_t i = 0; i < e->npatches; i++) {
		struct patch *p = &e->patches[i];
		char *at = out->s ? strstr(out->s, p->marker) : NULL;
		if (at) {
			size_t start, end;
			if (p->text) {
				/* the double-quoted stand-in: from its opening to its closing quote */
				start = (size_t)(at - out->s);
				while (start > 0 && out->s[start] != '"')
					start--;
				end = (size_t)(strchr(at, '"') - out->s) + 1;
			} else {
				start = (size_t)(at - out->s);
				while (start > 0 && out->s[start - 1] == ' ')
					start--;
				end = (size_t)(at - out->s) + strlen(p->marker);
			}
			buf fixed = BUF_INIT;
			buf_add(&fixed, out->s, start);
			if (p->text)
				buf_puts(&fixed, p->text);
			buf_add(&fixed, out->s + end, out->len - end);
			buf_free(out);
			*out = fixed;
		}
		free(p->marker);
		free(p->text);
	}
	free(e->patches);
}

/* A string as go-yaml's stringv offers it: literal when multi-line, plain when it would read
 * back as a string, double-quoted otherwise (the emitter may still choose single quotes). */
/* A string scalar; S is STABLE as record has it. */
static void string(struct emit *e, const char *s, size_t n, bool key, bool stable)
{
	buf clean = BUF_INIT;
	if (!ascii_below_del(s, n)) {
		if (!json_trip(s, n, key, &clean)) {
			e->failed = true;
			buf_free(&clean);
			return;
		}
		s = buf_str(&clean);
		n = clean.len;
	}
	size_t qlen;
	char *q = go_quirks(e, s, n, key, &qlen);
	if (q) {
		buf_free(&clean);
		clean.s = q;
		clean.len = clean.cap = qlen;
		s = q;
		n = qlen;
	}
	yaml_scalar_style_t style;
	if (memchr(s, '\n', n))
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (strlen(s) == n && yaml_resolve(s, n, true).type == YR_STR && !yaml_base60_float(s))
		style = YAML_PLAIN_SCALAR_STYLE;
	else
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	scalar(e, s, n, style, stable && !clean.s);
	buf_free(&clean);
}

/* An integer in decimal, as a plain scalar. */
static void integer(struct emit *e, uint64_t u, bool neg)
{
	char t[24], *p = t + sizeof t;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (neg)
		*--p = '-';
	scalar(e, p, (size_t)(t + sizeof t - p), YAML_PLAIN_SCALAR_STYLE, false);
}

/* A number as go-yaml reads back json.Marshal's text and writes it again. */
static void number(struct emit *e, double f)
{
	/* a whole number below 2^53 is an integer to json.Marshal (-0 is 0 to go-yaml) */
	if (fabs(f) < 9007199254740992.0 && f == (double)(int64_t)f) {
		int64_t i = (int64_t)f;
		integer(e, i < 0 ? -(uint64_t)i : (uint64_t)i, i < 0);
		return;
	}
	buf t = BUF_INIT;
	go_format_float_json(&t, f);
	int64_t i;
	uint64_t u;
	if (!strpbrk(buf_str(&t), ".eE") && (go_parse_int(t.s, t.len, 10, &i) == GO_NUM_OK ||
	                                      go_parse_uint(t.s, t.len, 10, &u) == GO_NUM_OK)) {
		if (t.s[0] == '-' && i == 0) /* -0 is the int 0 */
			buf_reset(&t), buf_putc(&t, '0');
	} else {
		double back;
		go_parse_float(t.s, t.len, &back);
		buf_reset(&t);
		go_format_float(&t, back, 'g', -1);
	}
	scalar(e, t.s, t.len, YAML_PLAIN_SCALAR_STYLE, false);
	buf_free(&t);
}

static void base64(struct emit *e, const hv *l)
{
	buf b = BUF_INIT;
	base64_encode_list(&b, l);
	string(e, buf_str(&b), b.len, false, false);
	buf_free(&b);
}

static void value(struct emit *e, const hv *v)
{
	if (e->failed)
		return;
	switch (hv_kind_of(v)) {
	case HV_NIL:
	case HV_OBJECT:
		scalar(e, "null", 4, YAML_PLAIN_SCALAR_STYLE, true);
		return;
	case HV_BOOL:
		scalar(e, hv_get_bool(v) ? "true" : "false", hv_get_bool(v) ? 4 : 5, YAML_PLAIN_SCALAR_STYLE, true);
		return;
	case HV_INT: {
		int64_t i = hv_get_int(v);
		integer(e, i < 0 ? -(uint64_t)i : (uint64_t)i, i < 0);
		return;
	}
	case HV_UINT:
		integer(e, hv_get_uint(v), false);
		return;
	case HV_FLOAT:
		if (isnan(hv_get_float(v)) || isinf(hv_get_float(v))) {
			e->failed = true; /* json.Marshal refuses it */
			return;
		}
		number(e, hv_get_float(v));
		return;
	case HV_STRING:
		string(e, hv_get_str(v), hv_str_len(v), false, true);
		return;
	case HV_LIST:
		if (hv_sub(v) == HV_GO_BYTES) {
			base64(e, v);
			return;
		}
		record(e, R_SEQ, NULL, 0, 0, true);
		for (size_t i = 0; i < hv_len(v); i++)
			value(e, hv_list_get(v, i));
		record(e, R_SEQ_END, NULL, 0, 0, true);
		return;
	case HV_MAP: {
		size_t n = hv_len(v), total = 0;
		for (size_t i = 0; i < n; i++)
			total += hv_map_keylen(v, i);
		struct key *keys = xmalloc((n + 1) * sizeof *keys);
		int32_t *runes = xmalloc((total + 1) * sizeof *runes);
		for (size_t i = 0, at = 0; i < n; i++) {
			keys[i] = (struct key){hv_map_key(v, i), hv_map_keylen(v, i), i, NULL, 0};
			key_runes(&keys[i], runes + at);
			at += keys[i].n;
		}
		/* the map's own order (bytewise) is mostly go-yaml's already */
		size_t sorted = 1;
		while (sorted < n && key_less(&keys[sorted - 1], &keys[sorted]))
			sorted++;
		if (sorted < n)
			qsort(keys, n, sizeof *keys, key_cmp);
		record(e, R_MAP, NULL, 0, 0, true);
		for (size_t i = 0; i < n && !e->failed; i++) {
			string(e, keys[i].s, keys[i].n, true, true);
			value(e, hv_map_val(v, keys[i].index));
		}
		free(runes);
		free(keys);
		record(e, R_MAP_END, NULL, 0, 0, true);
		return;
	}
	case HV_FUNC:
		e->failed = true; /* json.Marshal refuses it */
		return;
	}
}

/* ---- writing ---- */

/* Whether libyaml's emitter may write the one-line printable ASCII S plain in block context
 * (its analyze_scalar): no space at either end, no document marker at the start, no indicator
 * where a plain scalar cannot have one. */
static bool block_plain(const char *s, size_t n)
{
	if (s[0] == ' ' || s[n - 1] == ' ' || (n >= 3 && (!memcmp(s, "---", 3) || !memcmp(s, "...", 3))))
		return false;
	for (size_t i = 0; i < n; i++) {
		bool spaced = i + 1 == n || s[i + 1] == ' ';
		if (i == 0 && (strchr("#,[]{}&*!|>'\"%@`", s[0]) || (strchr("?:-", s[0]) && spaced)))
			return false;
		if (i > 0 && ((s[i] == ':' && spaced) || (s[i] == '#' && s[i - 1] == ' ')))
			return false;
	}
	return true;
}

/* Writes the scalar R as libyaml would, starting at column AT (a KEY: as a simple key), when it
 * is one-line printable ASCII that no line break of libyaml's could fall in (one comes only at
 * a space past column 80; a key over 128 bytes is written as a complex key); false otherwise. */
static bool put_scalar(buf *out, const struct rec *r, size_t at, bool key)
{
	size_t quotes = 0;
	for (size_t i = 0; i < r->n; i++) {
		if (r->s[i] < 0x20 || r->s[i] > 0x7e)
			return false;
		quotes += r->s[i] == '\'';
	}
	/* the width written, quoted (single quotes doubled) as it may be */
	if ((key && r->n > 128) || (!key && memchr(r->s, ' ', r->n) && at + r->n + 2 + quotes > 80))
		return false;
	if (r->style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
		if (memchr(r->s, '"', r->n) || memchr(r->s, '\\', r->n))
			return false;
		buf_putc(out, '"');
		buf_add(out, r->s, r->n);
		buf_putc(out, '"');
		return true;
	}
	if (r->style != YAML_PLAIN_SCALAR_STYLE || !r->n)
		return false;
	if (block_plain(r->s, r->n)) {
		buf_add(out, r->s, r->n);
		return true;
	}
	buf_putc(out, '\'');
	for (size_t i = 0; i < r->n; i++) {
		if (r->s[i] == '\'')
			buf_putc(out, '\'');
		buf_putc(out, r->s[i]);
	}
	buf_putc(out, '\'');
	return true;
}

static void indent(buf *out, size_t col)
{
	while (col--)
		buf_putc(out, ' ');
}

/* Writes the node at E's record *I, block style as libyaml does (a sequence in a mapping at
 * the mapping's column, a mapping or sequence in a sequence starting on the "- " line, empty
 * ones as {} and []), at column COL; the line is begun (INLINE) at column AT, or to be begun.
 * False where the quick writer leaves the document to libyaml. */
static bool put_node(const struct emit *e, size_t *i, buf *out, size_t col, size_t at, bool inline_)
{
	const struct rec *r = &e->recs[(*i)++];
	if (r->type == R_SCALAR) {
		if (!put_scalar(out, r, at, false))
			return false;
		buf_putc(out, '\n');
		return true;
	}
	bool seq = r->type == R_SEQ;
	if (e->recs[*i].type >= R_SEQ_END) {
		(*i)++;
		buf_puts(out, seq ? "[]\n" : "{}\n");
		return true;
	}
	for (bool first = true; e->recs[*i].type < R_SEQ_END; first = false) {
		if (!first || !inline_)
			indent(out, col);
		if (seq) {
			buf_puts(out, "- ");
			if (!put_node(e, i, out, col + 2, col + 2, true))
				return false;
			continue;
		}
		const struct rec *k = &e->recs[(*i)++], *v = &e->recs[*i];
		size_t key_start = out->len;
		if (k->type != R_SCALAR || !put_scalar(out, k, col, true))
			return false;
		size_t key_width = out->len - key_start;
		if (v->type == R_SCALAR || v[1].type >= R_SEQ_END) {
			buf_puts(out, ": ");
			if (!put_node(e, i, out, col + 2, col + key_width + 2, true))
				return false;
		} else {
			buf_puts(out, ":\n");
			if (!put_node(e, i, out, v->type == R_SEQ ? col : col + 2, 0, false))
				return false;
		}
	}
	(*i)++;
	return true;
}

static int write_buf(void *data, unsigned char *s, size_t n)
{
	buf_add(data, (const char *)s, n);
	return 1;
}

/* The records through libyaml's emitter. */
static bool libyaml_write(const struct emit *e, buf *out)
{
	yaml_emitter_t em;
	yaml_event_t ev;
	yaml_emitter_initialize(&em);
	yaml_emitter_set_output(&em, write_buf, out);
	yaml_emitter_set_unicode(&em, 1);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	bool ok = yaml_emitter_emit(&em, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	ok = ok && yaml_emitter_emit(&em, &ev);
	for (size_t i = 0; ok && i < e->nrecs; i++) {
		const struct rec *r = &e->recs[i];
		switch (r->type) {
		case R_SCALAR:
			ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)r->s, (int)r->n, 1, 1, r->style);
			break;
		case R_SEQ:
			ok = yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
			break;
		case R_MAP:
			ok = yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
			break;
		case R_SEQ_END:
			ok = yaml_sequence_end_event_initialize(&ev);
			break;
		case R_MAP_END:
			ok = yaml_mapping_end_event_initialize(&ev);
			break;
		}
		ok = ok && yaml_emitter_emit(&em, &ev);
	}
	yaml_document_end_event_initialize(&ev, 1);
	ok = ok && yaml_emitter_emit(&em, &ev);
	yaml_stream_end_event_initialize(&ev);
	ok = ok && yaml_emitter_emit(&em, &ev);
	yaml_emitter_delete(&em);
	return ok;
}

/* toYaml's text of V, written by the quick writer when QUICK and it can. */
static void emit(buf *b, const hv *v, bool quick)
{
	buf out = BUF_INIT;
	struct emit e = {.failed = false};
	value(&e, v);
	size_t i = 0;
	if (!e.failed && !(quick && put_node(&e, &i, &out, 0, 0, true))) {
		buf_reset(&out);
		e.failed = !libyaml_write(&e, &out);
		/* libyaml closes a document that ends in a |+ scalar with "..."; go-yaml v2 does not */
		if (out.len >= 5 && strcmp(out.s + out.len - 5, "\n...\n") == 0)
			out.len -= 4;
	}
	apply_patches(&e, &out);
	if (!e.failed)
		buf_add(b, buf_str(&out), out.len);
	buf_free(&out);
	for (size_t k = 0; k < e.nrecs; k++)
		if (e.recs[k].owned)
			free((char *)e.recs[k].s);
	free(e.recs);
}

void yaml_emit(buf *b, const hv *v)
{
	emit(b, v, true);
}

void yaml_emit_libyaml(buf *b, const hv *v)
{
	emit(b, v, false);
}
