/* journal.c — persistence for --data DIR: every stored write is appended to DIR/journal as one
 * JSON line before the reply goes out, and the journal is replayed at start.  A write() that
 * returned has reached the kernel, so a killed kube-sim loses nothing it acknowledged (an
 * fsync per write would only add protection against power loss).  At start, after the
 * replay, the journal is rewritten as a snapshot of what is live, so it does not grow forever. */
#include "ksim.h"
#include "json.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fd = -1;
static bool replaying;

static rtype *type_of(const hv *line)
{
	const char *g = hs(line, "group"), *v = hs(line, "version"), *r = hs(line, "resource");
	return g && v && r ? kinds_find(g, v, r) : NULL;
}

static void replay_line(const char *s, size_t n, const char *path, int lineno)
{
	char *err = NULL;
	hv *line = json_parse(s, n, path, JSON_INTS, &err);
	if (!line) {
		warnf("%s:%d: skipping a damaged journal line: %s", path, lineno, err);
		free(err);
		return;
	}
	rtype *rt = type_of(line);
	const char *op = hs(line, "op");
	int64_t rv;
	if (op && strcmp(op, "rv") == 0 && hnum(hv_map_get(line, "rv"), &rv))
		store_restore_rv((uint64_t)rv);
	if (rt && op && strcmp(op, "put") == 0 && hv_map_get(line, "object")) {
		hv *obj = hv_ref(hv_map_get(line, "object"));
		store_restore(rt, obj);
		controller_on_write(rt, obj);
	} else if (rt && op && strcmp(op, "delete") == 0) {
		const char *ns = hs(line, "namespace"), *name = hs(line, "name");
		const hv *o = name ? store_get(rt, ns, name) : NULL;
		if (o && strcmp(rt->plural, "customresourcedefinitions") == 0)
			kinds_crd_unregister(o);
		int64_t rv = 0;
		hnum(hv_map_get(line, "rv"), &rv);
		if (name)
			store_restore_delete(rt, ns, name, (uint64_t)rv);
	}
	hv_free(line);
}

static void head(buf *b, const rtype *rt, const char *op);

/* Rewrites PATH as one put per live object (built-in kinds first, so CRDs precede their
 * custom resources) and the current resourceVersion. */
static void compact(const char *path)
{
	buf b = BUF_INIT;
	for (int k = 0; k < kinds_count(); k++) {
		rtype *rt = kinds_at(k);
		if (!rt->served)
			continue;
		size_t n;
		hv **objs = store_list(rt, NULL, &n);
		for (size_t i = 0; i < n; i++) {
			head(&b, rt, "put");
			buf_puts(&b, ",\"object\":");
			json_emit(&b, objs[i], 0);
			buf_puts(&b, "}\n");
		}
		free(objs);
	}
	buf_printf(&b, "{\"op\":\"rv\",\"rv\":%llu}\n", (unsigned long long)store_rv());
	char *err = NULL;
	if (write_file_atomic(path, b.s, b.len, 0600, &err) < 0)
		die("%s", err);
	buf_free(&b);
}

void journal_open(const char *dir)
{
	if (!dir)
		return;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		die("%s: %s", dir, strerror(errno));
	char *path = xasprintf("%s/journal", dir);
	size_t len;
	char *err = NULL;
	char *text = read_file(path, &len, &err);
	free(err);
	if (text) {
		replaying = true;
		int lineno = 0;
		for (char *p = text; p < text + len;) {
			char *nl = memchr(p, '\n', (size_t)(text + len - p));
			lineno++;
			if (!nl)
				break;   /* a line cut short by a kill: never acknowledged */
			replay_line(p, (size_t)(nl - p), path, lineno);
			p = nl + 1;
		}
		replaying = false;
		free(text);
	}
	compact(path);
	fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		die("%s: %s", path, strerror(errno));
	free(path);
}

static void append(buf *b)
{
	buf_putc(b, '\n');
	for (size_t off = 0; off < b->len;) {
		ssize_t n = write(fd, b->s + off, b->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			die("journal: %s", strerror(errno));
		off += (size_t)n;
	}
}

static void head(buf *b, const rtype *rt, const char *op)
{
	buf_printf(b, "{\"op\":\"%s\",\"group\":\"%s\",\"version\":\"%s\",\"resource\":\"%s\"", op, rt->group,
		rt->version, rt->plural);
}

void journal_put(const rtype *rt, const hv *obj)
{
	if (fd < 0 || replaying)
		return;
	buf b = BUF_INIT;
	head(&b, rt, "put");
	buf_puts(&b, ",\"object\":");
	json_emit(&b, obj, 0);
	buf_putc(&b, '}');
	append(&b);
	buf_free(&b);
}

void journal_delete(const rtype *rt, const char *ns, const char *name, uint64_t rv)
{
	if (fd < 0 || replaying)
		return;
	buf b = BUF_INIT;
	head(&b, rt, "delete");
	hv *n = hv_str(name), *s = hv_str(ns ? ns : "");
	buf_puts(&b, ",\"namespace\":");
	json_emit(&b, s, 0);
	buf_puts(&b, ",\"name\":");
	json_emit(&b, n, 0);
	buf_printf(&b, ",\"rv\":%llu}", (unsigned long long)rv);
	hv_free(n);
	hv_free(s);
	append(&b);
	buf_free(&b);
}

void journal_close(void)
{
	if (fd >= 0)
		close(fd);
	fd = -1;
}
