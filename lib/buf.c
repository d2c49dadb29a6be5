#include "buf.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void grow(buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void buf_add(buf *b, const char *s, size_t n)
{
	grow(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void buf_puts(buf *b, const char *s) { buf_add(b, s, strlen(s)); }
void buf_putc(buf *b, char c) { buf_add(b, &c, 1); }

/* Formats into the room there is, and again only when the text did not fit. */
void buf_vprintf(buf *b, const char *fmt, va_list ap)
{
	grow(b, 63);
	size_t room = b->cap - b->len;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(b->s + b->len, room, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->s[b->len] = 0;
		return;
	}
	if ((size_t)n >= room) {
		grow(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(buf *b) { buf_reset_to(b, 0); }

void buf_reset_to(buf *b, size_t len)
{
	b->len = len;
	if (b->s)
		b->s[len] = 0;
}

char *buf_detach(buf *b, size_t *len)
{
	char *s = b->s ? b->s : xstrdup("");
	if (len)
		*len = b->len;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

const char *buf_str(const buf *b) { return b->s ? b->s : ""; }

void buf_free(buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}
