/* archive_tgz.h — chart archives (gzip'd tar) in memory, via libarchive. */
#ifndef HELM_ARCHIVE_TGZ_H
#define HELM_ARCHIVE_TGZ_H

#include <locale.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "chart.h"

/* Reads a chart archive as Helm's LoadArchiveFiles does: the first path component of every
 * member is dropped, directories and pax headers skipped, and absolute paths, "..", links
 * pointing outside the chart and oversized files refused (Helm's messages).  NAME labels errors.
 * Returns 0 with a malloc'd array *files (free each name/data, then the array), or -1 and *err. */
int archive_read_chart(const char *data, size_t len, const char *name,
	struct chart_file **files, size_t *n, char **err);

/* Writes FILES (names are full member paths) as a gzip'd tar the way Helm's chartutil.Save lays
 * it out: regular files only, mode 0644, owner 0, every entry with MTIME.  The same input
 * always gives the same bytes. */
void archive_write_tgz(const struct chart_file *files, size_t n, time_t mtime, buf *out);

/* Member names are UTF-8 (Go's tar writes them so) whatever the user's locale: libarchive
 * converts names through the locale's charset, so archives are handled under C.UTF-8. */
locale_t archive_utf8_begin(void);
void archive_utf8_end(locale_t previous);

#endif
