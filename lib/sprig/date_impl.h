/* date_impl.h — what the date_*.c files share: Go's Location internals and civil dates. */
#ifndef HELM_SPRIG_DATE_IMPL_H
#define HELM_SPRIG_DATE_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "sprig/date.h"

struct zone {
	char *abbr;
	int offset;
	bool dst;
};

struct go_loc {
	char *name;
	struct zone *zones;
	int nzones;
	int64_t *when; /* transitions */
	unsigned char *idx;
	int ntrans;
	char *extend; /* the TZif footer's POSIX TZ rule for times after the last transition */
};

/* Location.lookup: the zone in effect at SEC and the interval [*start, *end) it covers.  A zone
 * from a TZ rule lives in static storage until the next lookup. */
const struct zone *go_loc_lookup(const go_loc *l, int64_t sec, int64_t *start, int64_t *end);
/* FixedZone(name, offset). */
const go_loc *go_fixed_zone(const char *name, int offset);

/* time's own quote(): "..." with \x escapes for non-ASCII and control bytes (ParseError,
 * ParseDuration errors). */
void go_time_quote(buf *b, const char *s, size_t n);

/* Proleptic Gregorian calendar on any int64 day count (days since 1970-01-01). */
int64_t go_floor_div(int64_t a, int64_t b);
int64_t go_days_from_civil(int64_t y, int m, int d);
void go_civil_from_days(int64_t z, int64_t *y, int *m, int *d);
bool go_is_leap(int64_t y);
int go_days_in(int month, int64_t y);

#endif
