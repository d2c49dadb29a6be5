/* semver.h — semantic versions and version constraints as github.com/Masterminds/semver/v3
 * (v3.3.0, what Helm 3.17 uses) parses, compares and checks them, with its error messages.
 *
 * Versions: semver_parse is Masterminds' NewVersion (loose: optional "v", "1" and "1.2" are
 * 1.0.0 and 1.2.0, prerelease and metadata validated); semver_parse_strict is StrictNewVersion
 * (exactly MAJOR.MINOR.PATCH, no "v", no leading zeros).
 *
 * Constraints: "=", "!=", ">", "<", ">=", "=>", "<=", "=<", "~", "~>", "^", wildcards x, X and *,
 * hyphen ranges "1.2 - 1.4.5", AND by spaces or commas, OR by "||".  A version with a
 * prerelease only satisfies a comparison whose own version has a prerelease
 * (">=1.20" rejects "1.21.3-eks-123", ">=1.20-0" accepts it).
 *
 * Errors are returned as malloc'd messages in *err (the caller frees them). */
#ifndef HELM_SEMVER_H
#define HELM_SEMVER_H

#include <stdbool.h>
#include <stdint.h>

typedef struct semver {
	uint64_t major, minor, patch;
	char *pre;      /* prerelease without the '-', "" if none */
	char *metadata; /* build metadata without the '+', "" if none */
	char *original; /* the text parsed (or, for derived versions, Masterminds' rebuilt text) */
} semver;

/* NewVersion.  Returns a new version, or NULL with *err ("Invalid Semantic Version" ...). */
semver *semver_parse(const char *s, char **err);
/* StrictNewVersion.  Returns a new version, or NULL with *err ("Version string empty" ...). */
semver *semver_parse_strict(const char *s, char **err);
void semver_free(semver *v);
semver *semver_dup(const semver *v);

/* -1, 0 or 1: major, minor, patch numerically, then a version without prerelease above one
 * with; prereleases by dot-separated identifiers (numbers below words).  Metadata is ignored. */
int semver_compare(const semver *a, const semver *b);
/* Version.String(): "1.2.3-pre+meta" (never a "v").  Malloc'd. */
char *semver_string(const semver *v);

/* IncMajor / IncMinor / IncPatch: new versions; prerelease and metadata dropped; original
 * rebuilt keeping a leading "v".  IncPatch of a prerelease only drops the prerelease. */
semver *semver_inc_major(const semver *v);
semver *semver_inc_minor(const semver *v);
semver *semver_inc_patch(const semver *v);
/* SetPrerelease / SetMetadata: a copy with that part replaced ("" removes it) and original
 * rebuilt, or NULL with *err ("Invalid Prerelease string" ...). */
semver *semver_set_prerelease(const semver *v, const char *pre, char **err);
semver *semver_set_metadata(const semver *v, const char *metadata, char **err);

typedef struct semver_constraints semver_constraints;

/* NewConstraint.  Returns the parsed constraints, or NULL with *err
 * ("improper constraint: bad"). */
semver_constraints *semver_constraint_parse(const char *s, char **err);
/* Constraints.Check: whether V satisfies any of the OR groups (each an AND of comparisons). */
bool semver_constraint_check(const semver_constraints *c, const semver *v);
void semver_constraint_free(semver_constraints *c);
/* Tests: read every constraint with Masterminds' expressions, plain comparisons too. */
extern bool semver_regex_only;

#endif
