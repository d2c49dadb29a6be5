/* cast.h — the conversions Sprig applies to its arguments everywhere.
 *
 * cast_to_* follow github.com/spf13/cast v1.7.0, the three functions Sprig v3.3.0 calls: a value
 * that cannot be converted gives the zero value, as the non-E functions (cast.ToInt64 ...) do.
 * cast_strval_hv and cast_strslice are Sprig's own strval and strslice. */
#ifndef HELM_SPRIG_CAST_H
#define HELM_SPRIG_CAST_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"
#include "value.h"

/* cast.ToInt64: ints as they are, floats truncated (out of range gives math.MinInt64, as Go on
 * amd64), bools 1/0, nil 0, strings by strconv.ParseInt(s, 0, 64) after dropping a ".000"
 * suffix ("0x1f" 31, "010" 8, "4.0" 4, "4.5" 0), anything else 0. */
int64_t cast_to_int64(const hv *v);
/* cast.ToInt: the same on a 64-bit int. */
int64_t cast_to_int(const hv *v);
/* cast.ToFloat64: numbers, bools 1/0, nil 0, strings by strconv.ParseFloat, anything else 0. */
double cast_to_float64(const hv *v);
/* Sprig's strval: string, []byte, error, Stringer, else fmt's %v; a new string value. */
hv *cast_strval_hv(const hv *v);
/* Sprig's strslice: a new []string.  []string as is; other lists item by item through strval,
 * skipping nils; nil gives []; anything else a one-element list. */
hv *cast_strslice(const hv *v);

/* What reflect sees of V's kind: for a named map or slice type with methods (an object with an
 * `underlying` hook: engine.files, chartutil.VersionSet) that map or list; V itself otherwise.
 * A new reference. */
hv *cast_plain(const hv *v);
/* Whether V is a Go slice or array (what Sprig's list functions accept). */
bool cast_is_list(const hv *v);
/* reflect.Kind's name for V: "invalid" (nil), "bool", "int", "float64", "string", "slice",
 * "map", "struct", "ptr", "func" ... */
const char *cast_kind(const hv *v);

#endif
