#define _GNU_SOURCE /* newlocale, uselocale */
#include "archive_tgz.h"
#include "util.h"

#include <locale.h>

#include <archive.h>
#include <archive_entry.h>

static la_ssize_t append(struct archive *a, void *data, const void *p, size_t n)
{
	buf_add(data, p, n);
	return (la_ssize_t)n;
}

void archive_write_tgz(const struct chart_file *files, size_t n, time_t mtime, buf *out)
{
	locale_t utf8 = archive_utf8_begin();
	struct archive *a = archive_write_new();
	archive_write_set_format_pax_restricted(a);
	archive_write_add_filter_gzip(a);
	/* No timestamp in the gzip header: the same chart gives the same bytes. */
	archive_write_set_filter_option(a, "gzip", "timestamp", NULL);
	archive_write_set_bytes_in_last_block(a, 1);
	if (archive_write_open(a, out, NULL, append, NULL) != ARCHIVE_OK)
		die("archive: %s", archive_error_string(a));
	struct archive_entry *e = archive_entry_new();
	for (size_t i = 0; i < n; i++) {
		archive_entry_clear(e);
		archive_entry_set_pathname(e, files[i].name);
		archive_entry_set_filetype(e, AE_IFREG);
		archive_entry_set_perm(e, 0644);
		archive_entry_set_size(e, (la_int64_t)files[i].len);
		archive_entry_set_mtime(e, mtime, 0);
		if (archive_write_header(a, e) != ARCHIVE_OK ||
		    archive_write_data(a, files[i].data, files[i].len) < 0)
			die("archive: %s", archive_error_string(a));
	}
	archive_entry_free(e);
	archive_write_close(a);
	archive_write_free(a);
	archive_utf8_end(utf8);
}
