/* buf.h — a growable byte buffer, always NUL-terminated. */
#ifndef HELM_BUF_H
#define HELM_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct {
	char *s;    /* NUL-terminated contents; NULL until something is added */
	size_t len;
	size_t cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

void buf_add(buf *b, const char *s, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(buf *b, const char *fmt, va_list ap);
void buf_reset(buf *b);                 /* empties, keeps memory */
void buf_reset_to(buf *b, size_t len);  /* cuts back to LEN <= b->len bytes */
char *buf_detach(buf *b, size_t *len);  /* returns malloc'd contents ("" if empty); b is reset */
const char *buf_str(const buf *b);      /* "" when empty */
void buf_free(buf *b);

#endif
