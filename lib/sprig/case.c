/* case.c — snakecase, kebabcase and camelcase: github.com/huandu/xstrings v1.5.0's
 * ToSnakeCase, ToKebabCase and ToPascalCase, word splitting quirks included. */
#include "sprig/sprig.h"
#include "sprig/unicode.h"

/* A string slice. */
typedef struct {
	const char *s;
	size_t n;
} span;

static bool is_connector(int32_t r) { return r == '-' || r == '_' || uni_is_space(r); }

/* A letter that is not a CJK ideograph. */
static bool is_alphabet(int32_t r)
{
	if (!uni_is_letter(r))
		return false;
	if (r < 0x3400)
		return true;
	return !((r >= 0x4E00 && r <= 0x9FCC) || (r >= 0x3400 && r <= 0x4D85) || (r >= 0x20000 && r <= 0x2B81D));
}

/* The next rune that decodes validly, its size counting the invalid bytes skipped; PREV with
 * the whole length when there is none. */
static int32_t next_valid(span s, int32_t prev, size_t *size)
{
	*size = 0;
	for (size_t i = 0, sz; i < s.n; i += sz) {
		int32_t r = rune_decode(s.s + i, s.n - i, &sz);
		*size += sz;
		if (r != RUNE_ERROR)
			return r;
	}
	return prev;
}

enum word { INVALID_WORD, NUMBER_WORD, UPPER_WORD, ALPHABET_WORD, CONNECTOR_WORD, PUNCT_WORD, OTHER_WORD };

static span advance(span s, size_t k) { return (span){s.s + k, s.n - k}; }

/* Consumes runes of REST into the word while KEEP holds; returns the last rune looked at. */
static int32_t take_while(span *rest, size_t *offset, int32_t r, bool (*keep)(int32_t))
{
	size_t size;
	while (rest->n > 0) {
		r = next_valid(*rest, r, &size);
		if (!keep(r))
			break;
		*offset += size;
		*rest = advance(*rest, size);
	}
	return r;
}

static bool lower_alphabet(int32_t r) { return is_alphabet(r) && !uni_is_upper(r); }
static bool other_rune(int32_t r)
{
	return !(is_connector(r) || is_alphabet(r) || uni_is_number(r) || uni_is_punct(r));
}

/* xstrings' nextWord: splits the first word off STR into *WORD, the rest into *REST. */
static enum word next_word(span str, span *word, span *rest)
{
	enum word wt = INVALID_WORD;
	*word = (span){str.s, 0};
	*rest = str;
	if (str.n == 0)
		return wt;
	size_t offset = 0, size;
	int32_t r = next_valid(str, RUNE_ERROR, &size);
	offset += size;
	if (r == RUNE_ERROR) {
		*word = (span){str.s, offset};
		*rest = advance(str, offset);
		return INVALID_WORD;
	}
	*rest = advance(*rest, size);
	if (is_connector(r)) {
		wt = CONNECTOR_WORD;
		take_while(rest, &offset, r, is_connector);
	} else if (uni_is_punct(r)) {
		wt = PUNCT_WORD;
		take_while(rest, &offset, r, uni_is_punct);
	} else if (uni_is_upper(r)) {
		wt = UPPER_WORD;
		if (rest->n > 0) {
			r = next_valid(*rest, r, &size);
			if (uni_is_upper(r)) {
				size_t prev_size = size;
				offset += size;
				*rest = advance(*rest, size);
				while (rest->n > 0) {
					r = next_valid(*rest, r, &size);
					if (!uni_is_upper(r))
						break;
					prev_size = size;
					offset += size;
					*rest = advance(*rest, size);
				}
				/* "HTTPStatus" is "HTTP" and "Status": the S goes back */
				if (rest->n > 0 && is_alphabet(r)) {
					offset -= prev_size;
					*rest = advance(str, offset);
				}
			} else if (is_alphabet(r)) {
				offset += size;
				*rest = advance(*rest, size);
				take_while(rest, &offset, r, lower_alphabet);
			}
		}
	} else if (is_alphabet(r)) {
		wt = ALPHABET_WORD;
		take_while(rest, &offset, r, lower_alphabet);
	} else if (uni_is_number(r)) {
		wt = NUMBER_WORD;
		take_while(rest, &offset, r, uni_is_number);
	} else {
		wt = OTHER_WORD;
		take_while(rest, &offset, r, other_rune);
	}
	*word = (span){str.s, offset};
	return wt;
}

/* xstrings' toLower: upper-case and connector words are lowered and their connectors replaced. */
static void to_lower(buf *b, enum word wt, span w, int32_t connector)
{
	if (wt != UPPER_WORD && wt != CONNECTOR_WORD) {
		buf_add(b, w.s, w.n);
		return;
	}
	for (size_t i = 0, size; i < w.n; i += size) {
		int32_t r = rune_decode(w.s + i, w.n - i, &size);
		go_utf8_encode(b, is_connector(r) ? connector : uni_is_upper(r) ? uni_to_lower(r) : r);
	}
}

/* xstrings' camelCaseToLowerCase. */
static hv *to_lower_case(const hv *str, int32_t connector)
{
	buf b = BUF_INIT;
	span word, rest, last;
	enum word wt = next_word((span){hv_get_str(str), hv_str_len(str)}, &word, &rest), prev;
	while (rest.n > 0) {
		if (wt != CONNECTOR_WORD)
			to_lower(&b, wt, word, connector);
		prev = wt;
		last = word;
		wt = next_word(rest, &word, &rest);
		switch (prev) {
		case NUMBER_WORD:
			while (wt == ALPHABET_WORD || wt == NUMBER_WORD) {
				to_lower(&b, wt, word, connector);
				wt = next_word(rest, &word, &rest);
			}
			if (wt != INVALID_WORD && wt != PUNCT_WORD && wt != CONNECTOR_WORD)
				go_utf8_encode(&b, connector);
			break;
		case CONNECTOR_WORD:
			to_lower(&b, prev, last, connector);
			break;
		case PUNCT_WORD:
			break;
		default:
			if (wt != NUMBER_WORD) {
				if (wt != CONNECTOR_WORD && wt != PUNCT_WORD)
					go_utf8_encode(&b, connector);
				break;
			}
			if (rest.n == 0)
				break;
			last = word;
			wt = next_word(rest, &word, &rest);
			/* a number belongs to the word before it ("Bld4Floor" is bld4_floor) */
			if (wt != ALPHABET_WORD) {
				to_lower(&b, NUMBER_WORD, last, connector);
				if (wt != CONNECTOR_WORD && wt != PUNCT_WORD)
					go_utf8_encode(&b, connector);
				break;
			}
			/* unless lower-case letters follow it ("HTTP2xx" is http_2xx) */
			go_utf8_encode(&b, connector);
			to_lower(&b, NUMBER_WORD, last, connector);
			while (wt == ALPHABET_WORD || wt == NUMBER_WORD) {
				to_lower(&b, wt, word, connector);
				wt = next_word(rest, &word, &rest);
			}
			if (wt != INVALID_WORD && wt != CONNECTOR_WORD && wt != PUNCT_WORD)
				go_utf8_encode(&b, connector);
		}
	}
	to_lower(&b, wt, word, connector);
	return sprig_buf_value(&b);
}

static hv *fn_snakecase(tmpl_ctx *c, hv **argv, int argc, char **err) { return to_lower_case(argv[0], '_'); }
static hv *fn_kebabcase(tmpl_ctx *c, hv **argv, int argc, char **err) { return to_lower_case(argv[0], '-'); }

/* xstrings.ToPascalCase: connectors dropped, the rune after them upper-cased, and the rest of a
 * word that starts upper-case lowered while it stays upper-case. */
static hv *fn_camelcase(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	const char *s = hv_get_str(argv[0]);
	size_t n = hv_str_len(argv[0]), i = 0, size = 0;
	buf b = BUF_INIT;
	int32_t r0 = 0, r1;
	bool first_upper = false;
	while (i < n) { /* leading connectors are kept */
		r0 = rune_decode(s + i, n - i, &size);
		i += size;
		if (!is_connector(r0)) {
			first_upper = uni_is_upper(r0);
			r0 = uni_to_upper(r0);
			break;
		}
		go_utf8_encode(&b, r0);
	}
	if (i == n) {
		if (size != 0)
			go_utf8_encode(&b, r0);
		return sprig_buf_value(&b);
	}
	while (i < n) {
		r1 = r0;
		r0 = rune_decode(s + i, n - i, &size);
		i += size;
		if (is_connector(r0) && is_connector(r1)) {
			go_utf8_encode(&b, r1);
			continue;
		}
		if (is_connector(r1)) {
			first_upper = uni_is_upper(r0);
			r0 = uni_to_upper(r0);
		} else {
			if (first_upper) {
				if (uni_is_upper(r0))
					r0 = uni_to_lower(r0);
				else
					first_upper = false;
			}
			go_utf8_encode(&b, r1);
		}
	}
	go_utf8_encode(&b, r0);
	return sprig_buf_value(&b);
}

static const struct tmpl_func funcs[] = {
	{"snakecase", fn_snakecase, "s", 0},
	{"kebabcase", fn_kebabcase, "s", 0},
	{"camelcase", fn_camelcase, "s", 0},
};

void sprig_register_case(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, (int)(sizeof funcs / sizeof *funcs));
}
