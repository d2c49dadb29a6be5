/* semver_funcs.c — Sprig's semver and semverCompare, and the *semver.Version object they
 * return (its methods as templates reach them: (semver "1.2.3").IncMinor, .Compare ...). */
#include <stdlib.h>
#include <string.h>

#include "semver.h"
#include "sprig/ext.h"
#include "sprig/sprig.h"
#include "util.h"

static hv *ptr_lookup(hv *self, const char *name);
static hv *val_lookup(hv *self, const char *name);
static hv *marshal(hv *self);

static void destroy(void *data)
{
	semver_free(data);
}

/* *semver.Version (what semver returns) and semver.Version (what IncMinor ... return: a plain
 * value, whose pointer-receiver methods such as Original templates cannot reach). */
static const struct hv_object_ops ptr_ops = {
	.gotype = "*semver.Version", .lookup = ptr_lookup, .destroy = destroy, .marshal = marshal,
};
static const struct hv_object_ops val_ops = {
	.gotype = "semver.Version", .lookup = val_lookup, .destroy = destroy, .marshal = marshal,
};

static const semver *self_of(void *data)
{
	return hv_object_data(data);
}

static hv *marshal(hv *self)
{
	char *s = semver_string(hv_object_data(self));
	return hv_str_take(s, strlen(s));
}

static hv *m_string(void *d, hv **argv, int argc, char **err)
{
	return marshal(d);
}

static hv *m_major(void *d, hv **argv, int argc, char **err) { return hv_uint(self_of(d)->major, HV_GO_UINT64); }
static hv *m_minor(void *d, hv **argv, int argc, char **err) { return hv_uint(self_of(d)->minor, HV_GO_UINT64); }
static hv *m_patch(void *d, hv **argv, int argc, char **err) { return hv_uint(self_of(d)->patch, HV_GO_UINT64); }
static hv *m_prerelease(void *d, hv **argv, int argc, char **err) { return hv_str(self_of(d)->pre); }
static hv *m_metadata(void *d, hv **argv, int argc, char **err) { return hv_str(self_of(d)->metadata); }
static hv *m_original(void *d, hv **argv, int argc, char **err) { return hv_str(self_of(d)->original); }

static hv *m_inc_major(void *d, hv **argv, int argc, char **err) { return hv_object(&val_ops, semver_inc_major(self_of(d))); }
static hv *m_inc_minor(void *d, hv **argv, int argc, char **err) { return hv_object(&val_ops, semver_inc_minor(self_of(d))); }
static hv *m_inc_patch(void *d, hv **argv, int argc, char **err) { return hv_object(&val_ops, semver_inc_patch(self_of(d))); }

static bool want_args(int argc, int n, char **err)
{
	if (argc != n) {
		*err = xasprintf("wrong number of args: got %d want %d", argc, n);
		return false;
	}
	return true;
}

/* SetPrerelease / SetMetadata */
static hv *set_part(void *d, hv **argv, int argc, char **err, bool pre)
{
	if (!want_args(argc, 1, err))
		return NULL;
	if (hv_kind_of(argv[0]) != HV_STRING)
		return sprig_fail(err, "wrong type for value; expected string; got %s", hv_gotype(argv[0]));
	const char *s = hv_get_str(argv[0]);
	semver *n = pre ? semver_set_prerelease(self_of(d), s, err) : semver_set_metadata(self_of(d), s, err);
	return n ? hv_object(&val_ops, n) : NULL;
}

static hv *m_set_prerelease(void *d, hv **argv, int argc, char **err) { return set_part(d, argv, argc, err, true); }
static hv *m_set_metadata(void *d, hv **argv, int argc, char **err) { return set_part(d, argv, argc, err, false); }

/* The *semver.Version argument of Compare and the comparisons. */
static bool other(hv **argv, int argc, const semver **o, char **err)
{
	if (!want_args(argc, 1, err))
		return false;
	if (hv_kind_of(argv[0]) != HV_OBJECT || hv_object_ops_of(argv[0]) != &ptr_ops) {
		*err = xasprintf("wrong type for value; expected *semver.Version; got %s", hv_gotype(argv[0]));
		return false;
	}
	*o = hv_object_data(argv[0]);
	return true;
}

static hv *compare_with(void *d, hv **argv, int argc, char **err, int *out)
{
	const semver *o;
	if (!other(argv, argc, &o, err))
		return NULL;
	*out = semver_compare(self_of(d), o);
	return hv_nil();
}

#define COMPARISON(fname, expr) \
	static hv *fname(void *d, hv **argv, int argc, char **err) \
	{ \
		int c; \
		hv *ok = compare_with(d, argv, argc, err, &c); \
		if (!ok) \
			return NULL; \
		hv_free(ok); \
		return expr; \
	}
COMPARISON(m_compare, hv_int(c))
COMPARISON(m_equal, hv_bool(c == 0))
COMPARISON(m_less, hv_bool(c < 0))
COMPARISON(m_less_equal, hv_bool(c <= 0))
COMPARISON(m_greater, hv_bool(c > 0))
COMPARISON(m_greater_equal, hv_bool(c >= 0))

/* Methods of semver.Version (value receivers). */
#define VALUE_METHODS \
	{"IncMajor", m_inc_major, "func() semver.Version"}, \
	{"IncMinor", m_inc_minor, "func() semver.Version"}, \
	{"IncPatch", m_inc_patch, "func() semver.Version"}, \
	{"Major", m_major, "func() uint64"}, \
	{"Metadata", m_metadata, "func() string"}, \
	{"Minor", m_minor, "func() uint64"}, \
	{"Patch", m_patch, "func() uint64"}, \
	{"Prerelease", m_prerelease, "func() string"}, \
	{"SetMetadata", m_set_metadata, "func(string) (semver.Version, error)"}, \
	{"SetPrerelease", m_set_prerelease, "func(string) (semver.Version, error)"}, \
	{"String", m_string, "func() string"}

static const struct sprig_method value_methods[] = {VALUE_METHODS, {NULL, NULL, NULL}};
static const struct sprig_method pointer_methods[] = {
	VALUE_METHODS,
	{"Compare", m_compare, "func(*semver.Version) int"},
	{"Equal", m_equal, "func(*semver.Version) bool"},
	{"GreaterThan", m_greater, "func(*semver.Version) bool"},
	{"GreaterThanEqual", m_greater_equal, "func(*semver.Version) bool"},
	{"LessThan", m_less, "func(*semver.Version) bool"},
	{"LessThanEqual", m_less_equal, "func(*semver.Version) bool"},
	{"Original", m_original, "func() string"},
	{NULL, NULL, NULL},
};

static hv *ptr_lookup(hv *self, const char *name)
{
	return sprig_method_lookup(self, pointer_methods, name);
}

static hv *val_lookup(hv *self, const char *name)
{
	return sprig_method_lookup(self, value_methods, name);
}

static hv *f_semver(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	semver *v = semver_parse(hv_get_str(argv[0]), err);
	return v ? hv_object(&ptr_ops, v) : NULL;
}

/* Charts call semverCompare with the same two strings in template after template (a check of
 * the Kubernetes version), and parsing a constraint takes regex matches: the last answers are
 * remembered (errors are not). */
struct answer {
	char *constraint, *version;
	bool ok;
};
enum { ANSWERS = 16 };
static struct answer answers[ANSWERS];
static unsigned nanswers;

static hv *f_semverCompare(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	const char *con = hv_get_str(argv[0]), *ver = hv_get_str(argv[1]);
	for (unsigned i = 0; i < nanswers && i < ANSWERS; i++)
		if (strcmp(answers[i].constraint, con) == 0 && strcmp(answers[i].version, ver) == 0)
			return hv_bool(answers[i].ok);
	semver_constraints *cs = semver_constraint_parse(con, err);
	if (!cs)
		return NULL;
	semver *v = semver_parse(ver, err);
	bool ok = v && semver_constraint_check(cs, v);
	semver_constraint_free(cs);
	if (!v)
		return NULL;
	semver_free(v);
	struct answer *a = &answers[nanswers++ % ANSWERS];
	free(a->constraint);
	free(a->version);
	*a = (struct answer){xstrdup(con), xstrdup(ver), ok};
	return hv_bool(ok);
}

static const struct tmpl_func funcs[] = {
	{"semver", f_semver, "s", TF_ERROR},
	{"semverCompare", f_semverCompare, "ss", TF_ERROR},
};

void sprig_register_semver(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, sizeof funcs / sizeof funcs[0]);
}
