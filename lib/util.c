#include "util.h"
#include "buf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *progname = "helm";

static void oom(void)
{
	fputs("out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b, NULL);
}

char *path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = xmalloc(a + b + 2);
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

char *path_clean(const char *path)
{
	bool abs = path[0] == '/';
	size_t n = strlen(path);
	char **parts = xcalloc(n + 1, sizeof *parts);
	size_t np = 0;
	char *copy = xstrdup(path);
	for (char *tok = strtok(copy, "/"); tok; tok = strtok(NULL, "/")) {
		if (!strcmp(tok, "."))
			continue;
		if (!strcmp(tok, "..") && np && strcmp(parts[np - 1], ".."))
			np--;
		else if (!strcmp(tok, "..") && abs)
			continue;
		else
			parts[np++] = tok;
	}
	buf b = BUF_INIT;
	if (abs)
		buf_putc(&b, '/');
	for (size_t i = 0; i < np; i++) {
		if (i)
			buf_putc(&b, '/');
		buf_puts(&b, parts[i]);
	}
	if (!b.len)
		buf_putc(&b, '.');
	free(parts);
	free(copy);
	return buf_detach(&b, NULL);
}

char *path_abs(const char *path)
{
	char *cwd = path[0] == '/' ? NULL : getcwd(NULL, 0);
	char *joined = cwd ? path_join(cwd, path) : NULL;
	char *abs = path_clean(joined ? joined : path);
	free(joined);
	free(cwd);
	return abs;
}

void warnf(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void die(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

char *read_fd(int fd, size_t limit, bool regular, size_t *len)
{
	struct stat st;
	if (!regular)
		regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	buf b = BUF_INIT;
	char chunk[65536];
	for (;;) {
		/* a regular file's short read is its end: most take one call into the chunk; one that
		 * fills it is large, and read straight into room for the size fstat gives */
		bool room = b.len + 1 < b.cap;
		char *dst = room ? b.s + b.len : chunk;
		size_t want = room ? b.cap - b.len - 1 : sizeof chunk;
		ssize_t n = read(fd, dst, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || b.len + (size_t)n > limit) {
			int e = n < 0 ? errno : EFBIG;
			buf_free(&b);
			errno = e;
			return NULL;
		}
		if (n == 0)
			break;
		if (room) {
			b.len += (size_t)n;
			b.s[b.len] = 0;
		} else {
			buf_add(&b, chunk, (size_t)n);
		}
		if (regular && (size_t)n < want)
			break;
		if (regular && !room && b.len == sizeof chunk && fstat(fd, &st) == 0 &&
		    (size_t)st.st_size > b.len && (size_t)st.st_size <= limit) {
			b.cap = (size_t)st.st_size + 2; /* one byte more shows whether it has grown */
			b.s = xrealloc(b.s, b.cap);
		}
	}
	return buf_detach(&b, len);
}

char *read_file(const char *path, size_t *len, char **err)
{
	int fd = strcmp(path, "-") == 0 ? 0 : open(path, O_RDONLY | O_CLOEXEC);
	char *data = fd < 0 ? NULL : read_fd(fd, SIZE_MAX, false, len);
	if (!data) {
		int e = errno;
		*err = xasprintf("%s: %s", path, strerror(e));
		errno = e;
	}
	if (fd > 0) {
		int e = errno;
		close(fd);
		errno = e;
	}
	return data;
}

int write_file_atomic(const char *path, const char *data, size_t len, int mode, char **err)
{
	char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	size_t off = 0;
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*err = xasprintf("%s: %s", path, strerror(errno));
			close(fd);
			unlink(tmp);
			free(tmp);
			return -1;
		}
		off += (size_t)n;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		*err = xasprintf("%s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

int mkdir_all(const char *dir)
{
	char *p = xstrdup(dir);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		mkdir(p, 0755);
		*s = '/';
	}
	int r = mkdir(p, 0755) == 0 || errno == EEXIST ? 0 : -1;
	free(p);
	return r;
}
