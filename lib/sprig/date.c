/* date.c — Sprig's date functions and the time.Time values they make and take.
 *
 * A time.Time prints as Go's t.String() ("2024-03-05 00:00:00 +0000 UTC"), marshals as
 * RFC 3339 with nanoseconds, and offers the usual methods to templates (.Year, .Unix,
 * .Format "..."); Month, Weekday, Duration and *Location results are small objects that print
 * like Go's ("March", "1h0m0s", "UTC"). */
#include <stdlib.h>
#include <string.h>

#include "sprig/date.h"
#include "sprig/ext.h"
#include "sprig/sprig.h"
#include "strconv.h"
#include "util.h"

static hv *time_lookup(hv *self, const char *name);
static hv *time_marshal(hv *self);

static const struct hv_object_ops time_ops = {
	.gotype = "time.Time", .lookup = time_lookup, .destroy = free, .marshal = time_marshal,
};

hv *go_time_value(go_time t)
{
	go_time *p = xmalloc(sizeof *p);
	*p = t;
	return hv_object(&time_ops, p);
}

bool go_time_of(const hv *v, go_time *t)
{
	if (hv_kind_of(v) != HV_OBJECT || hv_object_ops_of(v) != &time_ops)
		return false;
	*t = *(const go_time *)hv_object_data(v);
	return true;
}

static go_time self_time(void *d)
{
	return *(const go_time *)hv_object_data(d);
}

static hv *time_marshal(hv *self)
{
	static const char rfc3339nano[] = "2006-01-02T15:04:05.999999999Z07:00";
	buf b = BUF_INIT;
	go_time_format(&b, self_time(self), rfc3339nano, sizeof rfc3339nano - 1);
	return sprig_buf_value(&b);
}

/* --- small typed results: time.Month, time.Weekday, time.Duration, *time.Location --- */

struct named { int64_t n; const go_loc *loc; };

static hv *named_string(void *d, hv **argv, int argc, char **err);
static hv *named_lookup(hv *self, const char *name)
{
	static const struct sprig_method m[] = {{"String", named_string, "func() string"}, {NULL, NULL, NULL}};
	return sprig_method_lookup(self, m, name);
}
static hv *named_marshal(hv *self);
static hv *named_int(hv *self);

/* Month and Weekday are Go ints, Duration an int64: %d, kindOf, eq see the number. */
static const struct hv_object_ops month_ops = {.gotype = "time.Month", .lookup = named_lookup, .destroy = free, .underlying = named_int, .marshal = named_marshal};
static const struct hv_object_ops weekday_ops = {.gotype = "time.Weekday", .lookup = named_lookup, .destroy = free, .underlying = named_int, .marshal = named_marshal};
static const struct hv_object_ops duration_ops = {.gotype = "time.Duration", .lookup = named_lookup, .destroy = free, .underlying = named_int, .marshal = named_marshal};
static const struct hv_object_ops location_ops = {.gotype = "*time.Location", .lookup = named_lookup, .destroy = free, .marshal = named_marshal};

static hv *named_value(const struct hv_object_ops *ops, int64_t n, const go_loc *loc)
{
	struct named *p = xmalloc(sizeof *p);
	p->n = n;
	p->loc = loc;
	return hv_object(ops, p);
}

static hv *named_string(void *d, hv **argv, int argc, char **err)
{
	const struct named *p = hv_object_data(d);
	const struct hv_object_ops *ops = hv_object_ops_of(d);
	if (ops == &month_ops)
		return hv_str(go_month_name((int)p->n));
	if (ops == &weekday_ops)
		return hv_str(go_weekday_name((int)p->n));
	if (ops == &location_ops)
		return hv_str(go_loc_name(p->loc));
	buf b = BUF_INIT;
	go_duration_string(&b, p->n);
	return sprig_buf_value(&b);
}

static hv *named_int(hv *self)
{
	const struct named *p = hv_object_data(self);
	return hv_object_ops_of(self) == &duration_ops ? hv_int_typed(p->n, HV_GO_INT64) : hv_int(p->n);
}

/* encoding/json: numbers for Month, Weekday and Duration; a Location is an empty struct. */
static hv *named_marshal(hv *self)
{
	if (hv_object_ops_of(self) == &location_ops)
		return hv_map();
	return named_int(self);
}

/* --- time.Time methods --- */

static bool want_args(int argc, int n, char **err)
{
	if (argc == n)
		return true;
	*err = xasprintf("wrong number of args: got %d want %d", argc, n);
	return false;
}

#define CIVIL_METHOD(fname, expr) \
	static hv *fname(void *d, hv **argv, int argc, char **err) \
	{ \
		int64_t year; \
		int month, day, hour, min, sec, wday, yday; \
		go_time_civil(self_time(d), &year, &month, &day, &hour, &min, &sec, &wday, &yday); \
		(void)year, (void)month, (void)day, (void)hour, (void)min, (void)sec, (void)wday, (void)yday; \
		return expr; \
	}
CIVIL_METHOD(m_year, hv_int(year))
CIVIL_METHOD(m_month, named_value(&month_ops, month, NULL))
CIVIL_METHOD(m_day, hv_int(day))
CIVIL_METHOD(m_hour, hv_int(hour))
CIVIL_METHOD(m_minute, hv_int(min))
CIVIL_METHOD(m_second, hv_int(sec))
CIVIL_METHOD(m_weekday, named_value(&weekday_ops, wday, NULL))
CIVIL_METHOD(m_yearday, hv_int(yday))

static hv *m_nanosecond(void *d, hv **argv, int argc, char **err) { return hv_int(self_time(d).nsec); }
static hv *m_unix(void *d, hv **argv, int argc, char **err) { return hv_int_typed(self_time(d).sec, HV_GO_INT64); }
static hv *m_unix_milli(void *d, hv **argv, int argc, char **err)
{
	go_time t = self_time(d);
	return hv_int_typed(t.sec * 1000 + t.nsec / 1000000, HV_GO_INT64);
}
static hv *m_unix_micro(void *d, hv **argv, int argc, char **err)
{
	go_time t = self_time(d);
	return hv_int_typed(t.sec * 1000000 + t.nsec / 1000, HV_GO_INT64);
}
static hv *m_unix_nano(void *d, hv **argv, int argc, char **err)
{
	go_time t = self_time(d);
	return hv_int_typed((int64_t)((uint64_t)t.sec * 1000000000u + (uint64_t)t.nsec), HV_GO_INT64);
}

static hv *m_string(void *d, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	go_time_string(&b, self_time(d));
	return sprig_buf_value(&b);
}

static hv *m_format(void *d, hv **argv, int argc, char **err)
{
	if (!want_args(argc, 1, err))
		return NULL;
	if (hv_kind_of(argv[0]) != HV_STRING)
		return sprig_fail(err, "wrong type for value; expected string; got %s", hv_gotype(argv[0]));
	buf b = BUF_INIT;
	go_time_format(&b, self_time(d), hv_get_str(argv[0]), hv_str_len(argv[0]));
	return sprig_buf_value(&b);
}

static hv *m_utc(void *d, hv **argv, int argc, char **err) { return go_time_value(go_time_in(self_time(d), go_loc_utc())); }
static hv *m_local(void *d, hv **argv, int argc, char **err) { return go_time_value(go_time_in(self_time(d), go_loc_local())); }
static hv *m_location(void *d, hv **argv, int argc, char **err) { return named_value(&location_ops, 0, self_time(d).loc); }

static hv *m_is_zero(void *d, hv **argv, int argc, char **err)
{
	go_time t = self_time(d);
	return hv_bool(t.sec == -62135596800LL && t.nsec == 0);
}

/* A Duration argument: an integer (an untyped constant) or a time.Duration. */
static bool duration_arg(hv **argv, int argc, int64_t *out, char **err)
{
	if (!want_args(argc, 1, err))
		return false;
	if (hv_kind_of(argv[0]) == HV_OBJECT && hv_object_ops_of(argv[0]) == &duration_ops) {
		*out = ((const struct named *)hv_object_data(argv[0]))->n;
		return true;
	}
	if (hv_kind_of(argv[0]) == HV_INT) {
		*out = hv_get_int(argv[0]);
		return true;
	}
	*err = xasprintf("wrong type for value; expected time.Duration; got %s", hv_gotype(argv[0]));
	return false;
}

static hv *m_add(void *d, hv **argv, int argc, char **err)
{
	int64_t dur;
	if (!duration_arg(argv, argc, &dur, err))
		return NULL;
	return go_time_value(go_time_add(self_time(d), dur));
}

/* Round and Truncate: to a multiple of D since Go's zero time (January 1, year 1, UTC). */
static hv *round_to(void *d, hv **argv, int argc, char **err, bool round)
{
	int64_t dur;
	if (!duration_arg(argv, argc, &dur, err))
		return NULL;
	go_time t = go_time_in(self_time(d), self_time(d).loc);
	if (dur <= 0)
		return go_time_value(t);
	__int128 since_zero = ((__int128)t.sec + 62135596800LL) * 1000000000 + t.nsec;
	int64_t r = (int64_t)(((since_zero % dur) + dur) % dur);
	bool up = round && !((uint64_t)r + (uint64_t)r < (uint64_t)dur);
	return go_time_value(go_time_add(t, up ? dur - r : -r));
}

static hv *m_round(void *d, hv **argv, int argc, char **err) { return round_to(d, argv, argc, err, true); }
static hv *m_truncate(void *d, hv **argv, int argc, char **err) { return round_to(d, argv, argc, err, false); }

static hv *m_is_dst(void *d, hv **argv, int argc, char **err)
{
	return hv_bool(go_time_is_dst(self_time(d)));
}

static hv *m_in(void *d, hv **argv, int argc, char **err)
{
	if (!want_args(argc, 1, err))
		return NULL;
	if (hv_kind_of(argv[0]) == HV_OBJECT && hv_object_ops_of(argv[0]) == &location_ops)
		return go_time_value(go_time_in(self_time(d), ((const struct named *)hv_object_data(argv[0]))->loc));
	if (hv_is_nil(argv[0]))
		return sprig_fail(err, "time: missing Location in call to Time.In");
	return sprig_fail(err, "wrong type for value; expected *time.Location; got %s", hv_gotype(argv[0]));
}

static hv *m_add_date(void *d, hv **argv, int argc, char **err)
{
	if (!want_args(argc, 3, err))
		return NULL;
	for (int i = 0; i < 3; i++)
		if (hv_kind_of(argv[i]) != HV_INT)
			return sprig_fail(err, "wrong type for value; expected int; got %s", hv_gotype(argv[i]));
	go_time t = self_time(d);
	int64_t year;
	int month, day, hour, min, sec;
	go_time_civil(t, &year, &month, &day, &hour, &min, &sec, NULL, NULL);
	return go_time_value(go_time_date(year + hv_get_int(argv[0]), month + hv_get_int(argv[1]),
		day + hv_get_int(argv[2]), hour, min, sec, t.nsec, t.loc));
}

/* The time.Time argument of Sub, Equal, Before, After. */
static bool time_arg(hv **argv, int argc, go_time *t, char **err)
{
	if (!want_args(argc, 1, err))
		return false;
	if (go_time_of(argv[0], t))
		return true;
	*err = xasprintf("wrong type for value; expected time.Time; got %s", hv_gotype(argv[0]));
	return false;
}

static int compare_times(go_time a, go_time b)
{
	if (a.sec != b.sec)
		return a.sec < b.sec ? -1 : 1;
	return a.nsec < b.nsec ? -1 : a.nsec > b.nsec;
}

#define COMPARE_METHOD(fname, expr) \
	static hv *fname(void *d, hv **argv, int argc, char **err) \
	{ \
		go_time o; \
		if (!time_arg(argv, argc, &o, err)) \
			return NULL; \
		int c = compare_times(self_time(d), o); \
		return expr; \
	}
COMPARE_METHOD(m_equal, hv_bool(c == 0))
COMPARE_METHOD(m_before, hv_bool(c < 0))
COMPARE_METHOD(m_after, hv_bool(c > 0))
COMPARE_METHOD(m_compare, hv_int(c))

static hv *m_sub(void *d, hv **argv, int argc, char **err)
{
	go_time o;
	if (!time_arg(argv, argc, &o, err))
		return NULL;
	go_time t = self_time(d);
	__int128 ns = ((__int128)t.sec - o.sec) * 1000000000 + (t.nsec - o.nsec);
	if (t.mono && o.mono)
		ns = (__int128)t.mono_ns - o.mono_ns;
	int64_t r = ns > INT64_MAX ? INT64_MAX : ns < INT64_MIN ? INT64_MIN : (int64_t)ns;
	return named_value(&duration_ops, r, NULL);
}

static const struct sprig_method time_methods[] = {
	{"Add", m_add, "func(time.Duration) time.Time"},
	{"AddDate", m_add_date, "func(int, int, int) time.Time"},
	{"After", m_after, "func(time.Time) bool"},
	{"Before", m_before, "func(time.Time) bool"},
	{"Compare", m_compare, "func(time.Time) int"},
	{"Day", m_day, "func() int"},
	{"Equal", m_equal, "func(time.Time) bool"},
	{"Format", m_format, "func(string) string"},
	{"Hour", m_hour, "func() int"},
	{"In", m_in, "func(*time.Location) time.Time"},
	{"IsDST", m_is_dst, "func() bool"},
	{"IsZero", m_is_zero, "func() bool"},
	{"Local", m_local, "func() time.Time"},
	{"Location", m_location, "func() *time.Location"},
	{"Minute", m_minute, "func() int"},
	{"Month", m_month, "func() time.Month"},
	{"Nanosecond", m_nanosecond, "func() int"},
	{"Round", m_round, "func(time.Duration) time.Time"},
	{"Second", m_second, "func() int"},
	{"String", m_string, "func() string"},
	{"Sub", m_sub, "func(time.Time) time.Duration"},
	{"Truncate", m_truncate, "func(time.Duration) time.Time"},
	{"UTC", m_utc, "func() time.Time"},
	{"Unix", m_unix, "func() int64"},
	{"UnixMicro", m_unix_micro, "func() int64"},
	{"UnixMilli", m_unix_milli, "func() int64"},
	{"UnixNano", m_unix_nano, "func() int64"},
	{"Weekday", m_weekday, "func() time.Weekday"},
	{"Year", m_year, "func() int"},
	{"YearDay", m_yearday, "func() int"},
	{NULL, NULL, NULL},
};

static hv *time_lookup(hv *self, const char *name)
{
	return sprig_method_lookup(self, time_methods, name);
}

/* --- the template functions --- */

/* The time a date argument stands for: time.Time as is, int/int32/int64 as Unix seconds,
 * anything else now (as Sprig's dateInZone; ago has no int32 case). */
static go_time time_from(const hv *v, bool int32_ok)
{
	go_time t;
	if (go_time_of(v, &t))
		return t;
	if (hv_kind_of(v) == HV_INT) {
		int sub = hv_sub(v);
		if (sub == HV_GO_INT || sub == HV_GO_INT64 || (sub == HV_GO_INT32 && int32_ok))
			return go_time_unix(hv_get_int(v), 0);
	}
	return go_time_now();
}

static hv *date_in_zone(const char *layout, size_t n, const hv *date, const char *zone)
{
	const go_loc *loc = go_loc_load(zone);
	buf b = BUF_INIT;
	go_time_format(&b, go_time_in(time_from(date, true), loc ? loc : go_loc_utc()), layout, n);
	return sprig_buf_value(&b);
}

static hv *f_date(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return date_in_zone(hv_get_str(argv[0]), hv_str_len(argv[0]), argv[1], "Local");
}

static hv *f_dateInZone(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return date_in_zone(hv_get_str(argv[0]), hv_str_len(argv[0]), argv[1], hv_get_str(argv[2]));
}

static hv *f_htmlDate(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return date_in_zone("2006-01-02", 10, argv[0], "Local");
}

static hv *f_htmlDateInZone(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return date_in_zone("2006-01-02", 10, argv[0], hv_get_str(argv[1]));
}

static hv *f_now(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return go_time_value(go_time_now());
}

static hv *date_modify(hv **argv, bool must, char **err)
{
	go_time t; /* the engine checked the time.Time parameter */
	go_time_of(argv[1], &t);
	int64_t d;
	char *perr = NULL;
	if (!go_duration_parse(hv_get_str(argv[0]), &d, &perr)) {
		if (must) {
			*err = perr;
			return NULL;
		}
		free(perr);
		return hv_ref(argv[1]);
	}
	return go_time_value(go_time_add(t, d));
}

static hv *f_dateModify(tmpl_ctx *c, hv **argv, int argc, char **err) { return date_modify(argv, false, err); }
static hv *f_mustDateModify(tmpl_ctx *c, hv **argv, int argc, char **err) { return date_modify(argv, true, err); }

static hv *f_ago(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t d = go_duration_round(go_time_since(time_from(argv[0], false)), 1000000000);
	buf b = BUF_INIT;
	go_duration_string(&b, d);
	return sprig_buf_value(&b);
}

static hv *f_duration(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t n = 0;
	const hv *v = argv[0];
	if (hv_kind_of(v) == HV_STRING)
		go_parse_int(hv_get_str(v), hv_str_len(v), 10, &n);
	else if (hv_kind_of(v) == HV_INT && hv_sub(v) == HV_GO_INT64)
		n = hv_get_int(v);
	buf b = BUF_INIT;
	go_duration_string(&b, (int64_t)((uint64_t)n * 1000000000u));
	return sprig_buf_value(&b);
}

static hv *f_durationRound(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	int64_t d = 0;
	const hv *v = argv[0];
	go_time t;
	if (hv_kind_of(v) == HV_STRING) {
		char *perr = NULL;
		if (!go_duration_parse(hv_get_str(v), &d, &perr))
			d = 0;
		free(perr);
	} else if (hv_kind_of(v) == HV_INT && hv_sub(v) == HV_GO_INT64) {
		d = hv_get_int(v);
	} else if (go_time_of(v, &t)) {
		d = go_time_since(t);
	}
	uint64_t u = (uint64_t)d;
	if (d < 0)
		u = -u;
	static const struct { uint64_t size; const char *unit; } units[] = {
		{3600000000000ULL * 24 * 365, "y"}, {3600000000000ULL * 24 * 30, "mo"},
		{3600000000000ULL * 24, "d"}, {3600000000000ULL, "h"}, {60000000000ULL, "m"},
		{1000000000ULL, "s"},
	};
	buf b = BUF_INIT;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (u > units[i].size) {
			buf_printf(&b, "%llu%s", (unsigned long long)(u / units[i].size), units[i].unit);
			return sprig_buf_value(&b);
		}
	buf_puts(&b, "0s");
	return sprig_buf_value(&b);
}

static hv *to_date(hv **argv, bool must, char **err)
{
	go_time t;
	char *perr = NULL;
	if (!go_time_parse(hv_get_str(argv[0]), hv_get_str(argv[1]), go_loc_local(), &t, &perr)) {
		if (must) {
			*err = perr;
			return NULL;
		}
		free(perr);
		t = (go_time){-62135596800LL, 0, go_loc_utc(), false, 0};
	}
	return go_time_value(t);
}

static hv *f_toDate(tmpl_ctx *c, hv **argv, int argc, char **err) { return to_date(argv, false, err); }
static hv *f_mustToDate(tmpl_ctx *c, hv **argv, int argc, char **err) { return to_date(argv, true, err); }

static hv *f_unixEpoch(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	go_time t; /* the engine checked the time.Time parameter */
	go_time_of(argv[0], &t);
	buf b = BUF_INIT;
	buf_printf(&b, "%lld", (long long)t.sec);
	return sprig_buf_value(&b);
}

static const struct tmpl_func funcs[] = {
	{"ago", f_ago, "v", 0},
	{"date", f_date, "sv", 0},
	{"date_in_zone", f_dateInZone, "svs", 0},
	{"date_modify", f_dateModify, "sT", 0},
	{"dateInZone", f_dateInZone, "svs", 0},
	{"dateModify", f_dateModify, "sT", 0},
	{"duration", f_duration, "v", 0},
	{"durationRound", f_durationRound, "v", 0},
	{"htmlDate", f_htmlDate, "v", 0},
	{"htmlDateInZone", f_htmlDateInZone, "vs", 0},
	{"must_date_modify", f_mustDateModify, "sT", TF_ERROR},
	{"mustDateModify", f_mustDateModify, "sT", TF_ERROR},
	{"mustToDate", f_mustToDate, "ss", TF_ERROR},
	{"now", f_now, "", 0},
	{"toDate", f_toDate, "ss", 0},
	{"unixEpoch", f_unixEpoch, "T", 0},
};

void sprig_register_date(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, sizeof funcs / sizeof funcs[0]);
}
