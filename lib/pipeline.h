/* pipeline.h — run a pipeline of the suite's tools, like a shell's `a | b | c`.
 *
 * Each stage is an argv; argv[0] without a '/' is looked up first beside the running
 * executable (/proc/self/exe's directory), then on PATH.  The first stage reads IN (or inherits
 * stdin when IN is NULL); stdout of the last stage is collected into OUT (or inherited when OUT
 * is NULL).  The stages run at once.  The first stage's stderr is inherited; a later stage's is
 * held back and shown once every stage before it has succeeded, so that the user sees the
 * error that caused a failure, not its echoes downstream (a later stage finding no input). */
#ifndef HELM_PIPELINE_H
#define HELM_PIPELINE_H

#include <stddef.h>

#include "buf.h"

/* The path spawn would execute for NAME (malloc'd), or NULL if none is found. */
char *spawn_find_tool(const char *name);

/* Runs the pipeline of N stages (each a NULL-terminated argv) and waits for all.
 * Returns the exit status of the first stage that failed, 0 if all succeeded.  A stage killed
 * by a signal counts as 128+signal, except SIGPIPE before the last stage (its reader had
 * already given up).  A tool that cannot be found or executed gives 127 with a message. */
int spawn_pipeline(char *const *const *argvs, size_t n, const char *in, size_t inlen, buf *out);

/* One stage: spawn_pipeline with n = 1. */
int spawn_run(char *const *argv, const char *in, size_t inlen, buf *out);

#endif
