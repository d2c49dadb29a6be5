/* spawn.h — run a pipeline of the suite's tools, like a shell's `a | b | c`.
 *
 * Each stage is an argv; argv[0] without a '/' is looked up first beside the running
 * executable (/proc/self/exe's directory), then on PATH.  The first stage reads IN (or inherits
 * stdin when IN is NULL); stdout of the last stage is collected into OUT (or inherited when OUT
 * is NULL); stderr is always inherited, so a tool's own error line reaches the user as is. */
#ifndef HELM_SPAWN_H
#define HELM_SPAWN_H

#include <stddef.h>

#include "buf.h"

/* The path spawn would execute for NAME (malloc'd), or NULL if none is found. */
char *spawn_find_tool(const char *name);

/* Runs the pipeline of N stages (each a NULL-terminated argv) and waits for all.
 * Returns the exit status of the pipeline as a shell with pipefail would: the status of the
 * last stage that failed (non-zero), 0 if all succeeded.  A stage killed by a signal counts as
 * 128+signal.  A tool that cannot be found or executed gives 127 with a message on stderr. */
int spawn_pipeline(char *const *const *argvs, size_t n, const char *in, size_t inlen, buf *out);

/* One stage: spawn_pipeline with n = 1. */
int spawn_run(char *const *argv, const char *in, size_t inlen, buf *out);

#endif
