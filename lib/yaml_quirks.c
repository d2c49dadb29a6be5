/* yaml_quirks.c — go-yaml v2's scanner where it differs from libyaml 0.2.5, and go-yaml's
 * messages.  go-yaml v2 ports an older libyaml: it refuses "\/" escapes, %YAML 1.2 and '?'
 * inside plain scalars in flow collections; it reads \' escapes, ',' '[' ']' inside tags and
 * "x:" before a flow indicator; and it keeps a BOM that starts a later line. */
#include "yaml_quirks.h"
#include "buf.h"
#include "strconv.h"
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Private-use characters standing in the text for what libyaml reads otherwise, given back in
 * scalar values: a ':' that go-yaml keeps inside a plain scalar in a flow collection ("[x:]",
 * which libyaml refuses), and a BOM at the start of a later line (libyaml skips it there;
 * go-yaml's is_bom() looks at the start of its buffer instead, so it keeps it). */
#define COLON "\xf4\x8f\xbf\xbd"
#define BOM "\xf4\x8f\xbf\xbc"

/* Whether the K bytes PAT occur in S: memchr for the first byte, which is rare here (memmem
 * looks at every byte). */
static bool contains(const char *s, size_t n, const char *pat, size_t k)
{
	for (const char *p = s, *end = s + n; (p = memchr(p, pat[0], (size_t)(end - p))); p++)
		if ((size_t)(end - p) >= k && memcmp(p, pat, k) == 0)
			return true;
	return false;
}

void yaml_source_init(struct yaml_source *src, const char *s, size_t n, bool stand_ins)
{
	memset(src, 0, sizeof *src);
	src->s = s;
	src->n = n;
	src->stand_ins = stand_ins;
	/* UTF-16 input (by its BOM) is decoded by libyaml: marks do not map to bytes then */
	src->utf8 = !(n >= 2 && (((unsigned char)s[0] == 0xfe && (unsigned char)s[1] == 0xff) ||
	                         ((unsigned char)s[0] == 0xff && (unsigned char)s[1] == 0xfe)));
	src->slash = contains(s, n, "\\/", 2);
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		src->off = 3; /* libyaml's marks start after the BOM */
}

char *yaml_stand_in_boms(const char *s, size_t *n)
{
	if (*n <= 3 || !contains(s + 1, *n - 1, "\xef\xbb\xbf", 3))
		return NULL;
	buf b = BUF_INIT;
	bool any = false;
	for (size_t i = 0; i < *n; i++) {
		if (i > 0 && (s[i - 1] == '\n' || s[i - 1] == '\r') && i + 3 <= *n && memcmp(s + i, "\xef\xbb\xbf", 3) == 0) {
			buf_puts(&b, BOM);
			i += 2;
			any = true;
		} else {
			buf_putc(&b, s[i]);
		}
	}
	if (!any) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, n);
}

bool yaml_is_stand_in(const char *with) { return strcmp(with, COLON) == 0; }

size_t yaml_restore_stand_ins(char *s, size_t n)
{
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 4 <= n && memcmp(s + i, COLON, 4) == 0) {
			s[j++] = ':';
			i += 3;
		} else if (i + 4 <= n && memcmp(s + i, BOM, 4) == 0) {
			memcpy(s + j, "\xef\xbb\xbf", 3);
			j += 3;
			i += 3;
		} else {
			s[j++] = s[i];
		}
	}
	s[j] = 0;
	return j;
}

/* The byte at which a libyaml mark (line and column in characters) points. */
static size_t src_offset(struct yaml_source *src, yaml_mark_t m)
{
	size_t i = src->off, line = src->line;
	if (m.line < line)
		i = 0, line = 0;
	while (line < m.line && i < src->n) {
		unsigned char c = (unsigned char)src->s[i];
		int size;
		bool nl = c == '\n' || c == '\r';
		if (c == '\r' && i + 1 < src->n && src->s[i + 1] == '\n')
			i++;
		if (c >= 0x80) {
			int r = go_utf8_decode(src->s + i, src->n - i, &size);
			nl = r == 0x85 || r == 0x2028 || r == 0x2029;
			i += (size_t)size;
		} else {
			i++;
		}
		if (nl) {
			line++;
			src->line = line;
			src->off = i;
		}
	}
	for (size_t col = 0; col < m.column && i < src->n; col++) {
		int size;
		go_utf8_decode(src->s + i, src->n - i, &size);
		i += (size_t)size;
	}
	return i;
}

char *yaml_go_error(bool scanner, size_t line, size_t ctx, const char *msg)
{
	if (line)
		return xasprintf("yaml: line %zu: %s", scanner ? line + 1 : line, msg);
	if (ctx)
		return xasprintf("yaml: line %zu: %s", ctx, msg);
	return xasprintf("yaml: %s", msg);
}

/* Notes a libyaml scanner failure where go-yaml's scanner reads on, with the text that libyaml
 * reads the same way: \x27 for \', the stand-in for ':', %2C %5B %5D inside a tag. */
static void note_patch(struct yaml_source *src, yaml_parser_t *p)
{
	if (!src->utf8 || p->error != YAML_SCANNER_ERROR || !p->problem || !p->context)
		return;
	size_t at = src_offset(src, p->problem_mark);
	if (at + 1 >= src->n)
		return;
	const char *c = src->s + at;
	if (strcmp(p->problem, "found unknown escape character") == 0 && c[0] == '\\' && c[1] == '\'') {
		src->patch_at = at, src->patch_len = 2, src->patch_with = "\\x27";
	} else if (strcmp(p->problem, "found unexpected ':'") == 0 && c[0] == ':') {
		src->patch_at = at, src->patch_len = 1, src->patch_with = COLON;
	} else if (strstr(p->context, " tag") && (c[0] == ',' || c[0] == '[' || c[0] == ']')) {
		src->patch_at = at, src->patch_len = 1;
		src->patch_with = c[0] == ',' ? "%2C" : c[0] == '[' ? "%5B" : "%5D";
	}
}

/* The 0-based line of a "%YAML 1.x" directive (x not 1) before line LIMIT, or -1: go-yaml
 * stops there, before whatever libyaml (which also reads 1.2) fails on later. */
static long yaml_12_directive(const struct yaml_source *src, size_t limit)
{
	size_t line = 0;
	for (size_t i = 0; i < src->n && line < limit; i++) {
		if (i == 0 || src->s[i - 1] == '\n') {
			const char *t = src->s + i;
			size_t left = src->n - i;
			if (left > 9 && memcmp(t, "%YAML", 5) == 0 && (t[5] == ' ' || t[5] == '\t')) {
				size_t k = 5;
				while (k < left && (t[k] == ' ' || t[k] == '\t'))
					k++;
				if (k + 3 <= left && t[k] == '1' && t[k + 1] == '.' &&
				    !(t[k + 2] == '1' && (k + 3 == left || t[k + 3] < '0' || t[k + 3] > '9')))
					return (long)line;
			}
		}
		line += src->s[i] == '\n';
	}
	return -1;
}

char *yaml_parser_error(struct yaml_source *src, yaml_parser_t *p)
{
	note_patch(src, p);
	long directive = yaml_12_directive(src, p->problem_mark.line);
	if (directive >= 0)
		return yaml_go_error(false, (size_t)directive, 0, "found incompatible YAML document");
	const char *msg = p->problem ? p->problem : "unknown problem parsing YAML content";
	/* go-yaml's parser.fail() */
	if (p->problem_mark.line != 0)
		return yaml_go_error(p->error == YAML_SCANNER_ERROR, p->problem_mark.line, 0, msg);
	return yaml_go_error(false, 0, p->context_mark.line, msg);
}

char *yaml_scalar_refused(struct yaml_source *src, const yaml_event_t *ev, char flow, size_t flow_line)
{
	if (!src->utf8)
		return NULL;
	const yaml_char_t *v = ev->data.scalar.value;
	if (ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE && src->slash) {
		size_t a = src_offset(src, ev->start_mark), b = src_offset(src, ev->end_mark);
		for (size_t i = a + 1; i + 1 < b; i++) {
			if (src->s[i] != '\\')
				continue;
			if (src->s[i + 1] == '/') {
				size_t line = ev->start_mark.line;
				for (size_t k = a; k < i; k++)
					line += src->s[k] == '\n';
				return yaml_go_error(true, line, ev->start_mark.line, "found unknown escape character");
			}
			i++;
		}
	}
	if (flow && ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && ev->data.scalar.length > 1 &&
	    memchr(v + 1, '?', ev->data.scalar.length - 1)) {
		/* go-yaml ends the scalar at the '?', which starts a key where none can be */
		size_t a = src_offset(src, ev->start_mark), line = ev->start_mark.line;
		for (size_t i = a + 1; i < src->n && src->s[i] != '?'; i++)
			line += src->s[i] == '\n';
		return yaml_go_error(false, line, flow_line,
		                     flow == '[' ? "did not find expected ',' or ']'" : "did not find expected ',' or '}'");
	}
	return NULL;
}

bool yaml_tag_runs_on(struct yaml_source *src, const yaml_event_t *ev)
{
	static const char uri[] = "-_;/?:@&=+$.%!~*'()";
	if (!src->utf8)
		return false;
	size_t i = src_offset(src, ev->start_mark);
	while (i < src->n) {
		char c = src->s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			i++;
		} else if (c == '&') {
			for (i++; i < src->n && (isalnum((unsigned char)src->s[i]) || src->s[i] == '-' || src->s[i] == '_');)
				i++;
		} else if (c == '!' && i + 1 < src->n && src->s[i + 1] == '<') {
			while (i < src->n && src->s[i] != '>')
				i++;
			i++;
		} else if (c == '!') {
			for (i++; i < src->n && (isalnum((unsigned char)src->s[i]) || strchr(uri, src->s[i]));)
				i++;
			if (i < src->n && (src->s[i] == ',' || src->s[i] == '[' || src->s[i] == ']')) {
				src->patch_at = i, src->patch_len = 1;
				src->patch_with = src->s[i] == ',' ? "%2C" : src->s[i] == '[' ? "%5B" : "%5D";
				return true;
			}
			return false;
		} else {
			return false;
		}
	}
	return false;
}
