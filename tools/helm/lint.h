/* lint.h — Helm 3.17's chart linter (pkg/lint): rules that collect [INFO]/[WARNING]/[ERROR]
 * messages about a chart directory. */
#ifndef HELM_LINT_H
#define HELM_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "value.h"

enum { LINT_INFO = 1, LINT_WARNING, LINT_ERROR };

struct lint_msg {
	int sev;
	char *path;
	char *text;
};

struct linter {
	const char *dir; /* the chart directory, absolute */
	struct lint_msg *msgs;
	size_t n;
	int highest;
};

struct lint_opts {
	const hv *values;      /* user values (-f, --set ...) */
	const char *namespace;
	const char *kube_version; /* "v1.32.0" unless --kube-version */
	int kube_major, kube_minor;
	bool kube_version_set;
	bool skip_schema;
};

/* Records ERR (taken, malloc'd) under PATH with SEV when ERR is not NULL; true when it is. */
bool lint_rule(struct linter *l, int sev, const char *path, char *err);
void lint_free(struct linter *l);

void lint_chartfile(struct linter *l);
void lint_values(struct linter *l, const struct lint_opts *o);
void lint_templates(struct linter *l, const struct lint_opts *o);
void lint_dependencies(struct linter *l);

/* Kubernetes' name rules for KIND's metadata.name: NULL or Helm's message. */
char *k8s_check_name(const char *kind, const char *name);
/* Deprecated APIs as of Kubernetes MAJOR.MINOR: NULL or the API server's warning. */
char *k8s_check_deprecation(const char *api_version, const char *kind, int major, int minor);

struct k8s_deprecation {
	const char *group_version, *kind;
	int dep_major, dep_minor, rem_major, rem_minor;
	const char *replacement; /* "group/version Kind", or NULL */
};
extern const struct k8s_deprecation k8s_deprecations[];

#endif
