/* util.h — allocation that cannot fail, error messages, whole-file I/O. */
#ifndef HELM_UTIL_H
#define HELM_UTIL_H

#include <stdbool.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* DIR "/" NAME, malloc'd (xasprintf's work without its formatting: chart loading joins a path
 * for every file). */
char *path_join(const char *dir, const char *name);
/* Go's filepath.Clean of PATH, malloc'd. */
char *path_clean(const char *path);
/* Go's filepath.Abs of PATH (the working directory joined, then cleaned), malloc'd. */
char *path_abs(const char *path);

/* The program name used in messages ("helm-render"); set once in main. */
extern const char *progname;
/* Prints "PROGNAME: message\n" on stderr. */
void warnf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints like warnf and exits with status 1. */
void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Reads a whole file ("-" is stdin).  Returns malloc'd bytes (NUL-terminated) or NULL with
 * *err set to a malloc'd "PATH: cause" message. */
char *read_file(const char *path, size_t *len, char **err);
/* Reads the rest of the open file FD (not closed); REGULAR: it is known to be a regular file
 * (else fstat tells), whose short read is its end.  Returns malloc'd bytes (NUL-terminated) or
 * NULL with errno: EFBIG for more than LIMIT bytes. */
char *read_fd(int fd, size_t limit, bool regular, size_t *len);
/* Writes a file atomically: temporary file beside it, then rename.  Returns 0 or -1 with *err. */
int write_file_atomic(const char *path, const char *data, size_t len, int mode, char **err);
/* Creates DIR and its parents, mode 0755 (os.MkdirAll).  Returns 0 or -1 with errno. */
int mkdir_all(const char *dir);

#endif
