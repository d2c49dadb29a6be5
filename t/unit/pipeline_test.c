/* Unit tests of lib/pipeline.c: pipelines of processes with stdin fed from memory. */
#include "pipeline.h"
#include "unit.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

int main(void)
{
	/* Feeding and collecting more than a pipe buffer holds must not deadlock. */
	size_t n = 1 << 20;
	char *big = xmalloc(n);
	for (size_t i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	char *cat[] = {"cat", NULL};
	buf out = BUF_INIT;
	CHECK(spawn_run(cat, big, n, &out) == 0);
	CHECK(out.len == n && memcmp(out.s, big, n) == 0);
	buf_free(&out);
	free(big);

	char *tr[] = {"tr", "a-z", "A-Z", NULL};
	char *rev[] = {"sh", "-c", "cat; echo done", NULL};
	char *const *pipeline[] = {cat, tr, rev};
	CHECK(spawn_pipeline(pipeline, 3, "abc\n", 4, &out) == 0);
	CHECK(strcmp(buf_str(&out), "ABC\ndone\n") == 0);
	buf_free(&out);

	/* pipefail: the status of the last stage that failed. */
	char *f3[] = {"sh", "-c", "cat >/dev/null; exit 3", NULL};
	char *ok[] = {"true", NULL};
	char *const *failing[] = {f3, ok};
	CHECK(spawn_pipeline(failing, 2, "x", 1, NULL) == 3);
	char *kill9[] = {"sh", "-c", "kill -9 $$", NULL};
	CHECK(spawn_run(kill9, NULL, 0, NULL) == 128 + 9);

	/* A stage that exits without reading its input does not kill us with SIGPIPE. */
	char *early[] = {"true", NULL};
	char *lots = xcalloc(1, 1 << 20);
	CHECK(spawn_run(early, lots, 1 << 20, NULL) == 0);
	free(lots);

	char *missing[] = {"no-such-tool-anywhere", NULL};
	CHECK(spawn_run(missing, NULL, 0, NULL) == 127);
	CHECK(spawn_find_tool("no-such-tool-anywhere") == NULL);
	char *sh = spawn_find_tool("sh");
	CHECK(sh && strstr(sh, "/sh"));
	free(sh);
	return unit_report("pipeline");
}
