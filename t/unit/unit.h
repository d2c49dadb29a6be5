/* unit.h — the smallest test harness: CHECK records a failure with its line and goes on. */
#ifndef HELM_UNIT_H
#define HELM_UNIT_H

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

static int unit_checks, unit_failures;

#define CHECK(cond) do { \
	unit_checks++; \
	if (!(cond)) { unit_failures++; fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

static inline int unit_report(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
	return unit_failures != 0;
}

/* Calls FN(PATH, DATA, LEN, ARG) for every file under DIR whose path WANT accepts (NULL: all),
 * depth first, dot-files left out, with the file's contents; returns how many it read. */
static inline int unit_walk(const char *dir, bool (*want)(const char *path),
                            void (*fn)(const char *path, const char *data, size_t len, void *arg), void *arg)
{
	DIR *d = opendir(dir);
	CHECK(d != NULL);
	int n = 0;
	for (struct dirent *de; d && (de = readdir(d));) {
		if (de->d_name[0] == '.')
			continue;
		char *path = path_join(dir, de->d_name), *err = NULL;
		size_t len;
		if (de->d_type == DT_DIR) {
			n += unit_walk(path, want, fn, arg);
		} else if (!want || want(path)) {
			char *data = read_file(path, &len, &err);
			CHECK(data != NULL);
			if (data)
				fn(path, data, len, arg);
			n++;
			free(data);
			free(err);
		}
		free(path);
	}
	if (d)
		closedir(d);
	return n;
}

#endif
