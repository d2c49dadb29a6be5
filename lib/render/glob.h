/* glob.h — gobwas/glob with '/' as separator, as Helm's .Files.Glob uses it ("**", "{a,b}",
 * "[ab]").  (Go's filepath.Match is go_path_match in helmignore.h.) */
#ifndef HELM_RENDER_GLOB_H
#define HELM_RENDER_GLOB_H

#include <stdbool.h>

/* gobwas/glob: false for a pattern it would not compile (unclosed "[" or "{"). */
bool glob_valid(const char *pattern);
bool glob_match(const char *pattern, const char *name);

#endif
