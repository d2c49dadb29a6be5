/* yaml_resolve.h — what go-yaml v2 makes of a plain scalar: the reader resolves values with it,
 * the writer quotes the strings it would misread. */
#ifndef HELM_YAML_RESOLVE_H
#define HELM_YAML_RESOLVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum yaml_rtype { YR_NULL, YR_BOOL, YR_INT, YR_UINT, YR_FLOAT, YR_STR, YR_TIMESTAMP };

struct yaml_resolved {
	enum yaml_rtype type;
	bool b;
	int64_t i;  /* YR_INT */
	uint64_t u; /* YR_UINT: above int64 */
	double f;   /* YR_FLOAT */
};

/* go-yaml's resolve() of the text S (N bytes, NUL-terminated, no NUL inside): YAML 1.1 booleans
 * and nulls, Go integer literals (0x, 0o, 0b, 0755, '_' separators), floats, .inf/.nan, and
 * timestamps when TIMESTAMPS (go-yaml looks for them only without a tag or with !!timestamp). */
struct yaml_resolved yaml_resolve(const char *s, size_t n, bool timestamps);

/* go-yaml's isBase60Float (1:20, 190:20:30.15): strings it quotes though it reads them back as strings. */
bool yaml_base60_float(const char *s);

#endif
