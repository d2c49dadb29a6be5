/* date.h — the parts of Go's time package Sprig's date functions need: locations from the
 * system's zoneinfo (and Go's rules for Local: TZ, /etc/localtime), Go layouts for Format and
 * Parse (with Go's ParseError texts), durations, and time.Time values as template objects. */
#ifndef HELM_SPRIG_DATE_H
#define HELM_SPRIG_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "value.h"

/* A *time.Location.  Locations live until the process ends (Go shares them the same way). */
typedef struct go_loc go_loc;

/* A time.Time: an instant (seconds since 1970 UTC + nanoseconds) seen in a location, with
 * Go's optional monotonic clock reading (printed as " m=+0.001234567"). */
typedef struct {
	int64_t sec;
	int32_t nsec;     /* 0..999999999 */
	const go_loc *loc;
	bool mono;
	int64_t mono_ns;
} go_time;

const go_loc *go_loc_utc(void);
const go_loc *go_loc_local(void);
/* time.LoadLocation: "" and "UTC" are UTC, "Local" is Local, else a zoneinfo file; NULL when
 * Go would fail. */
const go_loc *go_loc_load(const char *name);
const char *go_loc_name(const go_loc *loc);

go_time go_time_now(void);                     /* time.Now(), in Local, with monotonic reading */
go_time go_time_unix(int64_t sec, int64_t nsec); /* time.Unix, in Local */
go_time go_time_in(go_time t, const go_loc *loc);
go_time go_time_add(go_time t, int64_t d);     /* Add(Duration) (keeps the monotonic reading) */
/* time.Date, normalising out-of-range fields as Go does. */
go_time go_time_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min,
		     int64_t sec, int64_t nsec, const go_loc *loc);

/* The zone abbreviation and UTC offset (seconds) in effect at T. */
const char *go_time_zone(go_time t, int *offset);
/* Whether daylight saving time is in effect at T in its location. */
bool go_time_is_dst(go_time t);
/* Civil fields in T's location. */
void go_time_civil(go_time t, int64_t *year, int *month, int *day, int *hour, int *min, int *sec,
		   int *wday, int *yday);

/* time.Month and time.Weekday names: "March", "Tuesday". */
const char *go_month_name(int month);
const char *go_weekday_name(int wday);

void go_time_format(buf *b, go_time t, const char *layout, size_t len); /* t.Format */
void go_time_string(buf *b, go_time t);                               /* t.String() */
/* time.ParseInLocation.  false with *err = "parsing time \"bad\" as \"2006-01-02\": ...". */
bool go_time_parse(const char *layout, const char *value, const go_loc *loc, go_time *out, char **err);

/* time.ParseDuration (false with *err "time: invalid duration \"x\"") and Duration.String. */
bool go_duration_parse(const char *s, int64_t *d, char **err);
void go_duration_string(buf *b, int64_t d);
int64_t go_duration_round(int64_t d, int64_t m);
/* time.Since(t) in nanoseconds (saturating as Go's Duration does). */
int64_t go_time_since(go_time t);

/* time.Time as a template value (gotype "time.Time", methods Year, Unix, Format ...). */
hv *go_time_value(go_time t);
/* The go_time in V when V is a time.Time value. */
bool go_time_of(const hv *v, go_time *t);

#endif
