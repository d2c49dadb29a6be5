#define _GNU_SOURCE /* newlocale, uselocale */
#include "archive_tgz.h"
#include "util.h"

#include <archive.h>
#include <archive_entry.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Helm's limits (loader.MaxDecompressedChartSize / MaxDecompressedFileSize). */
#define MAX_CHART_SIZE (100L * 1024 * 1024)
#define MAX_FILE_SIZE (5L * 1024 * 1024)

/* path.Clean of a relative '/'-separated path (malloc'd). */
static char *clean_path(const char *p)
{
	bool rooted = *p == '/';
	char *out = xmalloc(strlen(p) + 2);
	size_t n = 0, dotdot = 0;
	if (rooted)
		out[n++] = '/', dotdot = 1;
	for (const char *s = p; *s;) {
		size_t len = strcspn(s, "/");
		if (len == 0 || (len == 1 && s[0] == '.')) {
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (n > dotdot) {
				while (n > dotdot && out[n - 1] != '/')
					n--;
				if (n > dotdot)
					n--;
				else if (n > 0 && !rooted)
					n = dotdot;
			} else if (!rooted) {
				if (n > 0)
					out[n++] = '/';
				out[n++] = '.', out[n++] = '.';
				dotdot = n;
			}
		} else {
			if (n > 0 && out[n - 1] != '/')
				out[n++] = '/';
			memcpy(out + n, s, len);
			n += len;
		}
		s += len;
		while (*s == '/')
			s++;
	}
	if (n == 0)
		out[n++] = '.';
	out[n] = 0;
	return out;
}

/* Whether a link TARGET, found at member path NAME (inside the chart), stays inside it. */
static bool link_inside(const char *name, const char *target)
{
	if (*target == '/')
		return false;
	const char *slash = strrchr(name, '/');
	char *joined = xasprintf("%.*s%s%s", slash ? (int)(slash - name) : 0, name, slash ? "/" : "", target);
	char *c = clean_path(joined);
	bool ok = strcmp(c, "..") != 0 && strncmp(c, "../", 3) != 0;
	free(joined);
	free(c);
	return ok;
}

static void free_files(struct chart_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(files[i].name);
		free(files[i].data);
	}
	free(files);
}

int archive_read_chart(const char *data, size_t len, const char *name,
	struct chart_file **out, size_t *nout, char **err)
{
	locale_t utf8 = archive_utf8_begin();
	struct archive *a = archive_read_new();
	archive_read_support_filter_gzip(a);
	archive_read_support_format_tar(a);
	struct chart_file *files = NULL;
	size_t n = 0;
	long remaining = MAX_CHART_SIZE;
	*err = NULL;
	if (archive_read_open_memory(a, data, len) != ARCHIVE_OK) {
		*err = xasprintf("file '%s' does not appear to be a valid chart file (details: %s)", name, archive_error_string(a));
		goto fail;
	}
	for (;;) {
		struct archive_entry *e;
		int r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			*err = xasprintf("file '%s' does not appear to be a valid chart file (details: %s)", name, archive_error_string(a));
			goto fail;
		}
		if (archive_entry_filetype(e) == AE_IFDIR)
			continue;
		const char *hname = archive_entry_pathname(e);
		if (!hname)
			hname = "";
		/* Helm would drop the empty first component of "/etc/x" and keep it inside the chart;
		 * an absolute member name is refused here all the same. */
		if (hname[0] == '/' || hname[0] == '\\') {
			*err = xstrdup("chart illegally contains absolute paths");
			goto fail;
		}
		char delim = strchr(hname, '\\') ? '\\' : '/';
		const char *rest = strchr(hname, delim);
		if (strncmp(hname, "Chart.yaml", 10) == 0 && (hname[10] == 0 || hname[10] == delim)) {
			*err = xstrdup("chart yaml not in base directory");
			goto fail;
		}
		char *n0 = xstrdup(rest ? rest + 1 : "");
		for (char *p = n0; *p; p++)
			if (*p == delim)
				*p = '/';
		if (*n0 == '/') {
			free(n0);
			*err = xstrdup("chart illegally contains absolute paths");
			goto fail;
		}
		char *fname = clean_path(n0);
		free(n0);
		if (strcmp(fname, ".") == 0) {
			*err = xasprintf("chart illegally contains content outside the base directory: \"%s\"", hname);
			free(fname);
			goto fail;
		}
		if (strncmp(fname, "..", 2) == 0) {
			free(fname);
			*err = xstrdup("chart illegally references parent directory");
			goto fail;
		}
		if (((fname[0] >= 'a' && fname[0] <= 'z') || (fname[0] >= 'A' && fname[0] <= 'Z')) && fname[1] == ':' && fname[2] == '/') {
			free(fname);
			*err = xstrdup("chart contains illegally named files");
			goto fail;
		}
		const char *target = archive_entry_symlink(e);
		if (!target)
			target = archive_entry_hardlink(e);
		if (target && !link_inside(archive_entry_symlink(e) ? fname : "", target)) {
			*err = xasprintf("chart illegally contains a link pointing outside the base directory: %s -> %s", hname, target);
			free(fname);
			goto fail;
		}
		long size = (long)archive_entry_size(e);
		if (size > remaining) {
			free(fname);
			*err = xasprintf("decompressed chart is larger than the maximum file size %ld", MAX_CHART_SIZE);
			goto fail;
		}
		if (size > MAX_FILE_SIZE) {
			free(fname);
			*err = xasprintf("decompressed chart file \"%s\" is larger than the maximum file size %ld", hname, MAX_FILE_SIZE);
			goto fail;
		}
		buf body = BUF_INIT;
		char chunk[65536];
		for (;;) {
			la_ssize_t k = archive_read_data(a, chunk, sizeof chunk);
			if (k < 0) {
				*err = xasprintf("file '%s' does not appear to be a valid chart file (details: %s)", name, archive_error_string(a));
				buf_free(&body);
				free(fname);
				goto fail;
			}
			if (k == 0)
				break;
			buf_add(&body, chunk, (size_t)k);
			if ((long)body.len > remaining)
				break;
		}
		remaining -= (long)body.len;
		if (remaining <= 0) {
			buf_free(&body);
			free(fname);
			*err = xasprintf("decompressed chart is larger than the maximum file size %ld", MAX_CHART_SIZE);
			goto fail;
		}
		size_t blen;
		char *bytes = buf_detach(&body, &blen);
		if (blen >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
			memmove(bytes, bytes + 3, blen - 2);
			blen -= 3;
		}
		files = xrealloc(files, (n + 1) * sizeof *files);
		files[n++] = (struct chart_file){fname, bytes, blen};
	}
	if (n == 0) {
		*err = xstrdup("no files in chart archive");
		goto fail;
	}
	archive_read_free(a);
	archive_utf8_end(utf8);
	*out = files;
	*nout = n;
	return 0;
fail:
	archive_read_free(a);
	archive_utf8_end(utf8);
	free_files(files, n);
	return -1;
}

locale_t archive_utf8_begin(void)
{
	static locale_t utf8;
	if (!utf8)
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	return utf8 ? uselocale(utf8) : (locale_t)0;
}

void archive_utf8_end(locale_t previous)
{
	if (previous)
		uselocale(previous);
}
