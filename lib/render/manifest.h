/* manifest.h — rendered template files -> sorted manifests and hooks, as Helm 3.17's
 * releaseutil.SortManifests does it: split on "---", read each document's head
 * (apiVersion, kind, metadata.name, annotations), set hooks apart, order by install kind. */
#ifndef HELM_RENDER_MANIFEST_H
#define HELM_RENDER_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>

/* One rendered template file: its full path ("mychart/templates/a.yaml") and text. */
struct rendered {
	char *path;
	char *content;
};

struct manifest {
	char *path;    /* the template it came from */
	char *content; /* the document, trimmed */
	char *kind;    /* "" when the document has none */
	char *name;    /* metadata.name, "" when none */
	int rank;      /* manifest_kind_rank(kind) */
	/* hooks only */
	char **events; size_t nevents;   /* lower-cased, as written ("pre-install", "test") */
	char **policies; size_t npolicies; /* helm.sh/hook-delete-policy values */
	long weight;                      /* helm.sh/hook-weight (0 when absent or not a number) */
};

struct manifest_set {
	struct manifest *generic; size_t ngeneric; /* in install order */
	struct manifest *hooks; size_t nhooks;     /* ordered by kind only */
};

enum {
	MANIFEST_V2_HOOKS = 1, /* accept Helm 2's crd-install and test-failure hook events */
};

/* Splits TEXT as releaseutil.SplitManifests does: trimmed documents, empty ones dropped.
 * Returns a malloc'd array of malloc'd strings; *n set. */
char **manifest_split(const char *text, size_t *n);

/* Sorts rendered files (any order) into SET.  Files whose base name starts with '_' and
 * whitespace-only files are skipped; the caller leaves NOTES.txt out.  Unknown hook events are
 * reported on stderr as Helm does and dropped.  Returns 0, or -1 and *err =
 * "YAML parse error on PATH: cause" (malloc'd). */
int manifest_sort(const struct rendered *files, size_t n, int flags, struct manifest_set *set,
                  char **err);
void manifest_set_free(struct manifest_set *set);

/* The index of KIND in Helm's install order, or -1 for kinds it does not know. */
int manifest_kind_rank(const char *kind);

#endif
