/* glob.h — the two glob dialects Helm uses: gobwas/glob with '/' as separator (.Files.Glob:
 * "**", "{a,b}", "[ab]") and Go's path/filepath.Match (--show-only). */
#ifndef HELM_RENDER_GLOB_H
#define HELM_RENDER_GLOB_H

#include <stdbool.h>

/* gobwas/glob: false for a pattern it would not compile (unclosed "[" or "{"). */
bool glob_valid(const char *pattern);
bool glob_match(const char *pattern, const char *name);

/* filepath.Match ('*' and '?' stop at '/'); a malformed pattern matches nothing. */
bool go_path_match(const char *pattern, const char *name);

#endif
