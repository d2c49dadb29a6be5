/* helmignore.h — .helmignore rules as Helm applies them (helm.sh/helm/v3/pkg/ignore), and
 * Go's path/filepath.Match they are built on. */
#ifndef HELM_HELMIGNORE_H
#define HELM_HELMIGNORE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct helmignore helmignore;

/* Parses the text of a .helmignore (NULL: no rules).  On a bad rule returns NULL with *err
 * ("double-star (**) syntax is not supported", "syntax error in pattern"). */
helmignore *helmignore_parse(const char *text, size_t len, char **err);
/* Adds Helm's default rule: dotfiles in templates/ are ignored. */
void helmignore_add_defaults(helmignore *r);
/* Whether PATH (relative to the chart root, '/'-separated) is ignored. */
bool helmignore_ignore(const helmignore *r, const char *path, bool is_dir);
void helmignore_free(helmignore *r);

/* filepath.Match on '/'-separated names.  *bad is set when the pattern is malformed. */
bool go_path_match(const char *pattern, const char *name, bool *bad);

#endif
