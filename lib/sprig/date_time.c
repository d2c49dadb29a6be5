/* date_time.c — Go's time package as far as Sprig uses it (see date.h): zoneinfo locations,
 * civil dates, layouts for Format and Parse, and durations. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sprig/date.h"
#include "util.h"

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

/* --- locations --- */

static go_loc utc_loc = {"UTC", NULL, 0, NULL, NULL, 0, NULL};
static go_loc *local_loc;

const go_loc *go_loc_utc(void)
{
	return &utc_loc;
}

const char *go_loc_name(const go_loc *loc)
{
	return loc->name;
}

static uint64_t be(const unsigned char *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v = v << 8 | p[i];
	return v;
}

/* A TZif file (v1 data, or the 64-bit v2+ data when present). */
static go_loc *parse_tzif(const unsigned char *d, size_t n, const char *name)
{
	if (n < 44 || memcmp(d, "TZif", 4) != 0)
		return NULL;
	int tsize = 4;
	const unsigned char *h = d;
	for (int pass = 0; pass < 2; pass++) {
		if ((size_t)(h - d) + 44 > n)
			return NULL;
		uint64_t isut = be(h + 20, 4), isstd = be(h + 24, 4), leap = be(h + 28, 4),
			 timecnt = be(h + 32, 4), typecnt = be(h + 36, 4), charcnt = be(h + 40, 4);
		size_t body = timecnt * tsize + timecnt + typecnt * 6 + charcnt + leap * (tsize + 4) + isstd + isut;
		if ((size_t)(h - d) + 44 + body > n)
			return NULL;
		if (pass == 0 && d[4] >= '2') {
			h += 44 + body;
			tsize = 8;
			continue;
		}
		const unsigned char *p = h + 44;
		if (typecnt == 0)
			return NULL;
		go_loc *l = xcalloc(1, sizeof *l);
		l->name = xstrdup(name);
		l->ntrans = (int)timecnt;
		l->when = xcalloc(timecnt + 1, sizeof *l->when);
		l->idx = xcalloc(timecnt + 1, 1);
		for (uint64_t i = 0; i < timecnt; i++, p += tsize)
			l->when[i] = tsize == 8 ? (int64_t)be(p, 8) : (int64_t)(int32_t)be(p, 4);
		for (uint64_t i = 0; i < timecnt; i++)
			l->idx[i] = *p++ < typecnt ? p[-1] : 0;
		const unsigned char *chars = p + typecnt * 6;
		l->nzones = (int)typecnt;
		l->zones = xcalloc(typecnt, sizeof *l->zones);
		for (uint64_t i = 0; i < typecnt; i++, p += 6) {
			l->zones[i].offset = (int32_t)be(p, 4);
			l->zones[i].dst = p[4] != 0;
			size_t ai = p[5] < charcnt ? p[5] : 0;
			l->zones[i].abbr = xstrndup((const char *)chars + ai, strnlen((const char *)chars + ai, charcnt - ai));
		}
		const unsigned char *foot = h + 44 + body, *end = d + n;
		if (tsize == 8 && foot < end && *foot == '\n') {
			const unsigned char *nl = memchr(foot + 1, '\n', end - foot - 1);
			if (nl)
				l->extend = xstrndup((const char *)foot + 1, nl - foot - 1);
		}
		if (l->ntrans == 0) {
			/* Go covers all time with one transition, so that the rule applies. */
			l->ntrans = 1;
			l->when[0] = INT64_MIN;
			l->idx[0] = 0;
		}
		return l;
	}
	return NULL;
}

static go_loc *load_file(const char *path, const char *name)
{
	size_t n;
	char *err = NULL;
	char *d = read_file(path, &n, &err);
	free(err);
	if (!d)
		return NULL;
	go_loc *l = parse_tzif((const unsigned char *)d, n, name);
	free(d);
	return l;
}

/* Loaded locations, by name: shared for the life of the process. */
static go_loc **cache;
static size_t ncache;

static go_loc *remember(go_loc *l)
{
	cache = xrealloc(cache, (ncache + 1) * sizeof *cache);
	cache[ncache++] = l;
	return l;
}

/* loadLocation over Go's zoneinfo directories; LoadLocation (not Local) looks in $ZONEINFO
 * first. */
static go_loc *load_zoneinfo(const char *name, bool zoneinfo_env)
{
	static const char *const dirs[] = {"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/",
		"/usr/lib/locale/TZ/", "/etc/zoneinfo/"};
	for (size_t i = 0; i < ncache; i++)
		if (cache[i]->ntrans > 0 && strcmp(cache[i]->name, name) == 0)
			return cache[i];
	const char *env = zoneinfo_env ? getenv("ZONEINFO") : NULL;
	for (size_t i = env && *env ? 0 : 1; i <= sizeof dirs / sizeof dirs[0]; i++) {
		char *path = i == 0 ? xasprintf("%s/%s", env, name) : xasprintf("%s%s", dirs[i - 1], name);
		go_loc *l = load_file(path, name);
		free(path);
		if (l)
			return remember(l);
	}
	return NULL;
}

const go_loc *go_loc_local(void)
{
	if (local_loc)
		return local_loc;
	const char *tz = getenv("TZ");
	go_loc *l = NULL;
	if (!tz) {
		l = load_file("/etc/localtime", "Local");
	} else {
		if (*tz == ':')
			tz++;
		if (*tz == '/') {
			l = load_file(tz, strcmp(tz, "/etc/localtime") == 0 ? "Local" : tz);
		} else if (*tz && strcmp(tz, "UTC") != 0) {
			go_loc *z = load_zoneinfo(tz, false);
			if (z) {
				l = xcalloc(1, sizeof *l);
				*l = *z;
			}
		}
	}
	if (!l) {
		l = xcalloc(1, sizeof *l);
		l->name = "UTC";
	}
	local_loc = l;
	return l;
}

const go_loc *go_loc_load(const char *name)
{
	if (!*name || strcmp(name, "UTC") == 0)
		return &utc_loc;
	if (strcmp(name, "Local") == 0)
		return go_loc_local();
	if (name[0] == '/' || name[0] == '\\' || strstr(name, ".."))
		return NULL;
	return load_zoneinfo(name, true);
}

/* Go's FixedZone(name, offset). */
static const go_loc *fixed_zone(const char *name, int offset)
{
	for (size_t i = 0; i < ncache; i++)
		if (cache[i]->nzones == 1 && cache[i]->ntrans == 0 && cache[i]->zones[0].offset == offset &&
			strcmp(cache[i]->zones[0].abbr, name) == 0 && strcmp(cache[i]->name, name) == 0)
			return cache[i];
	go_loc *l = xcalloc(1, sizeof *l);
	l->name = xstrdup(name);
	l->nzones = 1;
	l->zones = xcalloc(1, sizeof *l->zones);
	l->zones[0].abbr = xstrdup(name);
	l->zones[0].offset = offset;
	return remember(l);
}

/* --- civil dates (proleptic Gregorian, any int64 day count) --- */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int days_in(int m, int64_t y)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* --- POSIX TZ rules (Go's tzset), for times after a zone's last transition --- */

struct tzrule {
	char kind; /* 'J' Julian day, 'D' day of year, 'M' month.week.day */
	int day, week, mon, time;
};

static bool tz_num(const char **s, int min, int max, int *out)
{
	const char *p = *s;
	int num = 0;
	if (!*p)
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		num = num * 10 + (*p - '0');
		if (num > max)
			return false;
	}
	if (p == *s || num < min)
		return false;
	*s = p;
	*out = num;
	return true;
}

static bool tz_name(const char **s, char *name, size_t cap)
{
	const char *p = *s, *start = p, *end;
	if (!*p)
		return false;
	if (*p == '<') {
		end = strchr(p, '>');
		if (!end)
			return false;
		start = p + 1;
		*s = end + 1;
	} else {
		end = p;
		while (*end && !strchr("0123456789,-+", *end))
			end++;
		if (end - p < 3)
			return false;
		*s = end;
	}
	size_t n = (size_t)(end - start) < cap - 1 ? (size_t)(end - start) : cap - 1;
	memcpy(name, start, n);
	name[n] = 0;
	return true;
}

static bool tz_offset(const char **s, int *out)
{
	const char *p = *s;
	bool neg = false;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	int h, m = 0, sec = 0;
	if (!tz_num(&p, 0, 24 * 7, &h))
		return false;
	if (*p == ':') {
		p++;
		if (!tz_num(&p, 0, 59, &m))
			return false;
		if (*p == ':') {
			p++;
			if (!tz_num(&p, 0, 59, &sec))
				return false;
		}
	}
	int off = h * 3600 + m * 60 + sec;
	*out = neg ? -off : off;
	*s = p;
	return true;
}

static bool tz_rule(const char **s, struct tzrule *r)
{
	const char *p = *s;
	memset(r, 0, sizeof *r);
	if (*p == 'J') {
		p++;
		r->kind = 'J';
		if (!tz_num(&p, 1, 365, &r->day))
			return false;
	} else if (*p == 'M') {
		p++;
		r->kind = 'M';
		if (!tz_num(&p, 1, 12, &r->mon) || *p++ != '.' || !tz_num(&p, 1, 5, &r->week) ||
			*p++ != '.' || !tz_num(&p, 0, 6, &r->day))
			return false;
	} else {
		r->kind = 'D';
		if (!tz_num(&p, 0, 365, &r->day))
			return false;
	}
	r->time = 2 * 3600;
	if (*p == '/') {
		p++;
		if (!tz_offset(&p, &r->time))
			return false;
	}
	*s = p;
	return true;
}

/* tzruleTime: seconds after the start of YEAR at which rule R takes effect. */
static int64_t tz_rule_time(int64_t year, const struct tzrule *r, int off)
{
	static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
	int64_t s = 0;
	if (r->kind == 'J') {
		s = (int64_t)(r->day - 1) * 86400;
		if (is_leap(year) && r->day >= 60)
			s += 86400;
	} else if (r->kind == 'D') {
		s = (int64_t)r->day * 86400;
	} else {
		int64_t first = days_from_civil(year, r->mon, 1);
		int dow = (int)(((first % 7) + 7 + 4) % 7);
		int d = r->day - dow;
		if (d < 0)
			d += 7;
		for (int i = 1; i < r->week; i++) {
			if (d + 7 >= days_in(r->mon, year))
				break;
			d += 7;
		}
		d += before[r->mon - 1];
		if (is_leap(year) && r->mon > 2)
			d++;
		s = (int64_t)d * 86400;
	}
	return s + r->time - off;
}

static bool tz_rule_zone(const char *s, int64_t init_end, int64_t sec, struct zone *z, int64_t *start, int64_t *end)
{
	static char std_name[32], dst_name[32];
	int std_off, dst_off;
	if (!tz_name(&s, std_name, sizeof std_name) || !tz_offset(&s, &std_off))
		return false;
	std_off = -std_off;
	if (!*s || *s == ',') {
		*z = (struct zone){std_name, std_off, false};
		*start = init_end;
		*end = INT64_MAX;
		return true;
	}
	if (!tz_name(&s, dst_name, sizeof dst_name))
		return false;
	if (!*s || *s == ',') {
		dst_off = std_off + 3600;
	} else {
		if (!tz_offset(&s, &dst_off))
			return false;
		dst_off = -dst_off;
	}
	if (!*s)
		s = ",M3.2.0,M11.1.0";
	if (*s != ',' && *s != ';')
		return false;
	s++;
	struct tzrule r1, r2;
	if (!tz_rule(&s, &r1) || *s != ',')
		return false;
	s++;
	if (!tz_rule(&s, &r2) || *s)
		return false;
	int64_t days = floor_div(sec, 86400), year;
	int m, d;
	civil_from_days(days, &year, &m, &d);
	int64_t abs = days_from_civil(year, 1, 1) * 86400;
	int64_t ysec = sec - abs;
	int64_t ss = tz_rule_time(year, &r1, std_off), es = tz_rule_time(year, &r2, dst_off);
	const char *sn = std_name, *dn = dst_name;
	bool sdst = false, ddst = true;
	if (es < ss) {
		int64_t t = ss;
		ss = es, es = t;
		const char *tn = sn;
		sn = dn, dn = tn;
		int to = std_off;
		std_off = dst_off, dst_off = to;
		sdst = true, ddst = false;
	}
	if (ysec < ss) {
		*z = (struct zone){(char *)sn, std_off, sdst};
		*start = abs, *end = ss + abs;
	} else if (ysec >= es) {
		*z = (struct zone){(char *)sn, std_off, sdst};
		*start = es + abs, *end = abs + 365 * 86400;
	} else {
		*z = (struct zone){(char *)dn, dst_off, ddst};
		*start = ss + abs, *end = es + abs;
	}
	return true;
}

/* Location.lookup: the zone in effect at SEC, with the interval [*start, *end) it covers. */
static const struct zone *lookup(const go_loc *l, int64_t sec, int64_t *start, int64_t *end)
{
	static const struct zone utc = {"UTC", 0, false};
	*start = INT64_MIN;
	*end = INT64_MAX;
	if (l->nzones == 0)
		return &utc;
	if (l->ntrans == 0 || sec < l->when[0]) {
		if (l->ntrans)
			*end = l->when[0];
		/* lookupFirstZone */
		bool first_used = false;
		for (int i = 0; i < l->ntrans && !first_used; i++)
			first_used = l->idx[i] == 0;
		if (!first_used)
			return &l->zones[0];
		if (l->ntrans && l->zones[l->idx[0]].dst)
			for (int zi = l->idx[0] - 1; zi >= 0; zi--)
				if (!l->zones[zi].dst)
					return &l->zones[zi];
		for (int zi = 0; zi < l->nzones; zi++)
			if (!l->zones[zi].dst)
				return &l->zones[zi];
		return &l->zones[0];
	}
	int lo = 0, hi = l->ntrans;
	while (hi - lo > 1) {
		int m = (lo + hi) / 2;
		if (sec < l->when[m]) {
			*end = l->when[m];
			hi = m;
		} else {
			lo = m;
		}
	}
	*start = l->when[lo];
	if (lo == l->ntrans - 1 && l->extend && *l->extend) {
		static struct zone ext; /* tzset's result; copied by every caller before the next lookup */
		if (tz_rule_zone(l->extend, *start, sec, &ext, start, end))
			return &ext;
	}
	return &l->zones[l->idx[lo]];
}

const char *go_time_zone(go_time t, int *offset)
{
	int64_t s, e;
	const struct zone *z = lookup(t.loc, t.sec, &s, &e);
	*offset = z->offset;
	return z->abbr;
}

void go_time_civil(go_time t, int64_t *year, int *month, int *day, int *hour, int *min, int *sec,
		   int *wday, int *yday)
{
	int off;
	go_time_zone(t, &off);
	int64_t s = t.sec + off;
	int64_t days = floor_div(s, 86400), rem = s - days * 86400;
	int64_t y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	if (year) *year = y;
	if (month) *month = m;
	if (day) *day = d;
	if (hour) *hour = (int)(rem / 3600);
	if (min) *min = (int)(rem / 60 % 60);
	if (sec) *sec = (int)(rem % 60);
	if (wday) *wday = (int)(((days % 7) + 7 + 4) % 7);
	if (yday) *yday = (int)(days - days_from_civil(y, 1, 1) + 1);
}

/* --- constructors --- */

go_time go_time_unix(int64_t sec, int64_t nsec)
{
	if (nsec < 0 || nsec >= 1000000000) {
		int64_t n = nsec / 1000000000;
		sec += n;
		nsec -= n * 1000000000;
		if (nsec < 0) {
			nsec += 1000000000;
			sec--;
		}
	}
	return (go_time){sec, (int32_t)nsec, go_loc_local(), false, 0};
}

go_time go_time_now(void)
{
	static struct timespec start;
	struct timespec rt, mt;
	clock_gettime(CLOCK_REALTIME, &rt);
	clock_gettime(CLOCK_MONOTONIC, &mt);
	if (!start.tv_sec && !start.tv_nsec)
		start = mt;
	go_time t = go_time_unix(rt.tv_sec, rt.tv_nsec);
	t.mono = true;
	t.mono_ns = (mt.tv_sec - start.tv_sec) * 1000000000LL + (mt.tv_nsec - start.tv_nsec) + 1;
	return t;
}

go_time go_time_in(go_time t, const go_loc *loc)
{
	t.loc = loc;
	t.mono = false;
	return t;
}

go_time go_time_add(go_time t, int64_t d)
{
	int64_t ds = d / 1000000000, dn = d % 1000000000;
	int64_t nsec = t.nsec + dn;
	if (nsec >= 1000000000) {
		ds++;
		nsec -= 1000000000;
	} else if (nsec < 0) {
		ds--;
		nsec += 1000000000;
	}
	t.sec += ds;
	t.nsec = (int32_t)nsec;
	if (t.mono)
		t.mono_ns += d;
	return t;
}

static void norm(int64_t *hi, int64_t *lo, int64_t base)
{
	if (*lo < 0) {
		int64_t n = (-*lo - 1) / base + 1;
		*hi -= n;
		*lo += n * base;
	}
	if (*lo >= base) {
		int64_t n = *lo / base;
		*hi += n;
		*lo -= n * base;
	}
}

go_time go_time_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min,
		     int64_t sec, int64_t nsec, const go_loc *loc)
{
	int64_t m = month - 1;
	norm(&year, &m, 12);
	norm(&sec, &nsec, 1000000000);
	norm(&min, &sec, 60);
	norm(&hour, &min, 60);
	norm(&day, &hour, 24);
	int64_t days = days_from_civil(year, (int)m + 1, 1) + day - 1;
	int64_t usec = days * 86400 + hour * 3600 + min * 60 + sec;
	int64_t start, end;
	int off = lookup(loc, usec, &start, &end)->offset;
	if (off != 0) {
		int64_t utc = usec - off;
		if (utc < start || utc >= end)
			off = lookup(loc, utc, &start, &end)->offset;
		usec -= off;
	}
	return (go_time){usec, (int32_t)nsec, loc, false, 0};
}

/* --- layouts --- */

enum std {
	STD_NONE, STD_LONG_MONTH, STD_MONTH, STD_NUM_MONTH, STD_ZERO_MONTH, STD_LONG_WEEKDAY,
	STD_WEEKDAY, STD_DAY, STD_UNDER_DAY, STD_ZERO_DAY, STD_UNDER_YEARDAY, STD_ZERO_YEARDAY,
	STD_HOUR, STD_HOUR12, STD_ZERO_HOUR12, STD_MINUTE, STD_ZERO_MINUTE, STD_SECOND,
	STD_ZERO_SECOND, STD_LONG_YEAR, STD_YEAR, STD_PM, STD_pm, STD_TZ, STD_ISO8601_TZ,
	STD_ISO8601_SECONDS_TZ, STD_ISO8601_SHORT_TZ, STD_ISO8601_COLON_TZ,
	STD_ISO8601_COLON_SECONDS_TZ, STD_NUM_TZ, STD_NUM_SECONDS_TZ, STD_NUM_SHORT_TZ,
	STD_NUM_COLON_TZ, STD_NUM_COLON_SECONDS_TZ, STD_FRAC0, STD_FRAC9,
};

struct chunk {
	size_t prefix;   /* bytes of literal text before the element */
	enum std std;
	size_t len;      /* bytes of the element */
	int digits;      /* fractional seconds: digits */
	char sep;        /* fractional seconds: '.' or ',' */
};

static bool has(const char *l, size_t n, size_t i, const char *s)
{
	size_t k = strlen(s);
	return n >= i + k && memcmp(l + i, s, k) == 0;
}

/* nextStdChunk */
static struct chunk next_chunk(const char *l, size_t n)
{
	static const enum std std0x[] = {STD_ZERO_MONTH, STD_ZERO_DAY, STD_ZERO_HOUR12, STD_ZERO_MINUTE,
		STD_ZERO_SECOND, STD_YEAR};
	for (size_t i = 0; i < n; i++) {
		struct chunk c = {i, STD_NONE, 0, 0, 0};
#define RET(s, k) do { c.std = (s); c.len = (k); return c; } while (0)
		switch (l[i]) {
		case 'J':
			if (has(l, n, i, "Jan")) {
				if (has(l, n, i, "January"))
					RET(STD_LONG_MONTH, 7);
				if (!(n > i + 3 && l[i + 3] >= 'a' && l[i + 3] <= 'z'))
					RET(STD_MONTH, 3);
			}
			break;
		case 'M':
			if (n >= i + 3) {
				if (has(l, n, i, "Mon")) {
					if (has(l, n, i, "Monday"))
						RET(STD_LONG_WEEKDAY, 6);
					if (!(n > i + 3 && l[i + 3] >= 'a' && l[i + 3] <= 'z'))
						RET(STD_WEEKDAY, 3);
				}
				if (has(l, n, i, "MST"))
					RET(STD_TZ, 3);
			}
			break;
		case '0':
			if (n >= i + 2 && l[i + 1] >= '1' && l[i + 1] <= '6')
				RET(std0x[l[i + 1] - '1'], 2);
			if (has(l, n, i, "002"))
				RET(STD_ZERO_YEARDAY, 3);
			break;
		case '1':
			if (n >= i + 2 && l[i + 1] == '5')
				RET(STD_HOUR, 2);
			RET(STD_NUM_MONTH, 1);
		case '2':
			if (has(l, n, i, "2006"))
				RET(STD_LONG_YEAR, 4);
			RET(STD_DAY, 1);
		case '_':
			if (n >= i + 2 && l[i + 1] == '2') {
				if (has(l, n, i + 1, "2006")) {
					c.prefix = i + 1;
					RET(STD_LONG_YEAR, 4);
				}
				RET(STD_UNDER_DAY, 2);
			}
			if (has(l, n, i, "__2"))
				RET(STD_UNDER_YEARDAY, 3);
			break;
		case '3': RET(STD_HOUR12, 1);
		case '4': RET(STD_MINUTE, 1);
		case '5': RET(STD_SECOND, 1);
		case 'P':
			if (n >= i + 2 && l[i + 1] == 'M')
				RET(STD_PM, 2);
			break;
		case 'p':
			if (n >= i + 2 && l[i + 1] == 'm')
				RET(STD_pm, 2);
			break;
		case '-':
			if (has(l, n, i, "-070000")) RET(STD_NUM_SECONDS_TZ, 7);
			if (has(l, n, i, "-07:00:00")) RET(STD_NUM_COLON_SECONDS_TZ, 9);
			if (has(l, n, i, "-0700")) RET(STD_NUM_TZ, 5);
			if (has(l, n, i, "-07:00")) RET(STD_NUM_COLON_TZ, 6);
			if (has(l, n, i, "-07")) RET(STD_NUM_SHORT_TZ, 3);
			break;
		case 'Z':
			if (has(l, n, i, "Z070000")) RET(STD_ISO8601_SECONDS_TZ, 7);
			if (has(l, n, i, "Z07:00:00")) RET(STD_ISO8601_COLON_SECONDS_TZ, 9);
			if (has(l, n, i, "Z0700")) RET(STD_ISO8601_TZ, 5);
			if (has(l, n, i, "Z07:00")) RET(STD_ISO8601_COLON_TZ, 6);
			if (has(l, n, i, "Z07")) RET(STD_ISO8601_SHORT_TZ, 3);
			break;
		case '.': case ',':
			if (i + 1 < n && (l[i + 1] == '0' || l[i + 1] == '9')) {
				char ch = l[i + 1];
				size_t j = i + 1;
				while (j < n && l[j] == ch)
					j++;
				if (!(j < n && l[j] >= '0' && l[j] <= '9')) {
					c.digits = (int)(j - (i + 1));
					c.sep = l[i];
					RET(ch == '0' ? STD_FRAC0 : STD_FRAC9, j - i);
				}
			}
			break;
		}
#undef RET
	}
	return (struct chunk){n, STD_NONE, 0, 0, 0};
}

static const char *const long_days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const short_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const long_months[] = {"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"};
static const char *const short_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

const char *go_month_name(int m)
{
	return m >= 1 && m <= 12 ? long_months[m - 1] : "%!Month()";
}

const char *go_weekday_name(int d)
{
	return long_days[d];
}

/* appendInt: X zero-padded to WIDTH digits. */
static void append_int(buf *b, int64_t x, int width)
{
	uint64_t u = (uint64_t)x;
	if (x < 0) {
		buf_putc(b, '-');
		u = -(uint64_t)x;
	}
	char tmp[24];
	int n = 0;
	do
		tmp[n++] = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	for (int pad = width - n; pad > 0; pad--)
		buf_putc(b, '0');
	while (n > 0)
		buf_putc(b, tmp[--n]);
}

static void append_nano(buf *b, int nsec, struct chunk c)
{
	bool trim = c.std == STD_FRAC9;
	if (trim && (c.digits == 0 || nsec == 0))
		return;
	size_t start = b->len;
	buf_putc(b, c.sep);
	buf tmp = BUF_INIT;
	append_int(&tmp, nsec, 9);
	buf_add(b, tmp.s, c.digits < 9 ? (size_t)c.digits : 9);
	buf_free(&tmp);
	if (trim) {
		while (b->len > start && b->s[b->len - 1] == '0')
			b->len--;
		if (b->len > start && b->s[b->len - 1] == c.sep)
			b->len--;
		b->s[b->len] = 0;
	}
}

void go_time_format(buf *b, go_time t, const char *l, size_t n)
{
	int offset;
	const char *name = go_time_zone(t, &offset);
	int64_t year;
	int month, day, hour, min, sec, wday, yday;
	go_time_civil(t, &year, &month, &day, &hour, &min, &sec, &wday, &yday);
	buf_add(b, "", 0);
	while (n > 0) {
		struct chunk c = next_chunk(l, n);
		buf_add(b, l, c.prefix);
		if (c.std == STD_NONE)
			break;
		l += c.prefix + c.len;
		n -= c.prefix + c.len;
		switch (c.std) {
		case STD_YEAR: append_int(b, (year < 0 ? -year : year) % 100, 2); break;
		case STD_LONG_YEAR: append_int(b, year, 4); break;
		case STD_MONTH: buf_puts(b, short_months[month - 1]); break;
		case STD_LONG_MONTH: buf_puts(b, long_months[month - 1]); break;
		case STD_NUM_MONTH: append_int(b, month, 0); break;
		case STD_ZERO_MONTH: append_int(b, month, 2); break;
		case STD_WEEKDAY: buf_puts(b, short_days[wday]); break;
		case STD_LONG_WEEKDAY: buf_puts(b, long_days[wday]); break;
		case STD_DAY: append_int(b, day, 0); break;
		case STD_UNDER_DAY:
			if (day < 10)
				buf_putc(b, ' ');
			append_int(b, day, 0);
			break;
		case STD_ZERO_DAY: append_int(b, day, 2); break;
		case STD_UNDER_YEARDAY:
			if (yday < 100)
				buf_puts(b, yday < 10 ? "  " : " ");
			append_int(b, yday, 0);
			break;
		case STD_ZERO_YEARDAY: append_int(b, yday, 3); break;
		case STD_HOUR: append_int(b, hour, 2); break;
		case STD_HOUR12: append_int(b, hour % 12 ? hour % 12 : 12, 0); break;
		case STD_ZERO_HOUR12: append_int(b, hour % 12 ? hour % 12 : 12, 2); break;
		case STD_MINUTE: append_int(b, min, 0); break;
		case STD_ZERO_MINUTE: append_int(b, min, 2); break;
		case STD_SECOND: append_int(b, sec, 0); break;
		case STD_ZERO_SECOND: append_int(b, sec, 2); break;
		case STD_PM: buf_puts(b, hour >= 12 ? "PM" : "AM"); break;
		case STD_pm: buf_puts(b, hour >= 12 ? "pm" : "am"); break;
		case STD_ISO8601_TZ: case STD_ISO8601_COLON_TZ: case STD_ISO8601_SECONDS_TZ:
		case STD_ISO8601_SHORT_TZ: case STD_ISO8601_COLON_SECONDS_TZ: case STD_NUM_TZ:
		case STD_NUM_COLON_TZ: case STD_NUM_SECONDS_TZ: case STD_NUM_SHORT_TZ:
		case STD_NUM_COLON_SECONDS_TZ: {
			bool iso = c.std >= STD_ISO8601_TZ && c.std <= STD_ISO8601_COLON_SECONDS_TZ;
			if (offset == 0 && iso) {
				buf_putc(b, 'Z');
				break;
			}
			int zone = offset / 60, abs = offset;
			if (zone < 0) {
				buf_putc(b, '-');
				zone = -zone;
				abs = -abs;
			} else {
				buf_putc(b, '+');
			}
			append_int(b, zone / 60, 2);
			bool colon = c.std == STD_ISO8601_COLON_TZ || c.std == STD_NUM_COLON_TZ ||
				c.std == STD_ISO8601_COLON_SECONDS_TZ || c.std == STD_NUM_COLON_SECONDS_TZ;
			if (colon)
				buf_putc(b, ':');
			if (c.std != STD_NUM_SHORT_TZ && c.std != STD_ISO8601_SHORT_TZ)
				append_int(b, zone % 60, 2);
			if (c.std == STD_ISO8601_SECONDS_TZ || c.std == STD_NUM_SECONDS_TZ ||
				c.std == STD_NUM_COLON_SECONDS_TZ || c.std == STD_ISO8601_COLON_SECONDS_TZ) {
				if (colon)
					buf_putc(b, ':');
				append_int(b, abs % 60, 2);
			}
			break;
		}
		case STD_TZ:
			if (*name) {
				buf_puts(b, name);
				break;
			}
			{
				int zone = offset / 60;
				buf_putc(b, zone < 0 ? '-' : '+');
				if (zone < 0)
					zone = -zone;
				append_int(b, zone / 60, 2);
				append_int(b, zone % 60, 2);
			}
			break;
		case STD_FRAC0: case STD_FRAC9: append_nano(b, t.nsec, c); break;
		case STD_NONE: break;
		}
	}
}

void go_time_string(buf *b, go_time t)
{
	static const char layout[] = "2006-01-02 15:04:05.999999999 -0700 MST";
	go_time_format(b, t, layout, sizeof layout - 1);
	if (t.mono) {
		uint64_t m2 = (uint64_t)t.mono_ns;
		char sign = '+';
		if (t.mono_ns < 0) {
			sign = '-';
			m2 = -m2;
		}
		uint64_t m1 = m2 / 1000000000, m0 = m1 / 1000000000;
		m2 %= 1000000000;
		m1 %= 1000000000;
		buf_printf(b, " m=%c", sign);
		if (m0)
			buf_printf(b, "%llu%09llu", (unsigned long long)m0, (unsigned long long)m1);
		else
			buf_printf(b, "%llu", (unsigned long long)m1);
		buf_printf(b, ".%09llu", (unsigned long long)m2);
	}
}

/* --- parsing --- */

/* time's own quote(): "..." with \x escapes for non-ASCII and control bytes. */
static void tquote(buf *b, const char *s, size_t n)
{
	buf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = s[i];
		if (c >= 0x80 || c < ' ')
			buf_printf(b, "\\x%02x", c);
		else {
			if (c == '"' || c == '\\')
				buf_putc(b, '\\');
			buf_putc(b, c);
		}
	}
	buf_putc(b, '"');
}

struct perr {
	const char *layout, *value;
	size_t llen, vlen;
};

/* ParseError.Error() */
static bool parse_error(const struct perr *p, const char *lelem, size_t lelen, const char *velem,
			size_t velen, const char *message, char **err)
{
	buf b = BUF_INIT;
	buf_puts(&b, "parsing time ");
	tquote(&b, p->value, p->vlen);
	if (message) {
		buf_puts(&b, message);
	} else {
		buf_puts(&b, " as ");
		tquote(&b, p->layout, p->llen);
		buf_puts(&b, ": cannot parse ");
		tquote(&b, velem, velen);
		buf_puts(&b, " as ");
		tquote(&b, lelem, lelen);
	}
	*err = buf_detach(&b, NULL);
	return false;
}

static bool digit_at(const char *s, size_t n, size_t i)
{
	return i < n && s[i] >= '0' && s[i] <= '9';
}

/* getnum / getnum3 */
static bool getnum(const char **s, size_t *n, bool fixed, int *out, int maxd)
{
	int v = 0, i = 0;
	while (i < maxd && digit_at(*s, *n, i))
		v = v * 10 + ((*s)[i++] - '0');
	if (i == 0 || (fixed && i != maxd))
		return false;
	*out = v;
	*s += i;
	*n -= i;
	return true;
}

/* atoi of exactly the N bytes at S, with an optional sign. */
static bool atoi_n(const char *s, size_t n, int64_t *out)
{
	bool neg = false;
	if (n > 0 && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		s++;
		n--;
	}
	uint64_t x = 0;
	size_t i = 0;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		if (x > (1ULL << 63) / 10)
			return false;
		x = x * 10 + (s[i] - '0');
		if (x > 1ULL << 63)
			return false;
	}
	if (i != n)
		return false;
	*out = neg ? -(int64_t)x : (int64_t)x;
	return true;
}

/* lookup(tab, val): case-insensitive prefix match. */
static int lookup_name(const char *const *tab, int k, const char **s, size_t *n)
{
	for (int i = 0; i < k; i++) {
		size_t l = strlen(tab[i]);
		if (*n < l)
			continue;
		bool ok = true;
		for (size_t j = 0; j < l && ok; j++) {
			unsigned char c1 = (*s)[j], c2 = tab[i][j];
			if (c1 != c2) {
				c1 |= 0x20;
				c2 |= 0x20;
				ok = c1 == c2 && c1 >= 'a' && c1 <= 'z';
			}
		}
		if (ok) {
			*s += l;
			*n -= l;
			return i;
		}
	}
	return -1;
}

static size_t signed_offset_len(const char *v, size_t n)
{
	if (n == 0 || (v[0] != '-' && v[0] != '+'))
		return 0;
	size_t i = 1;
	uint64_t x = 0;
	while (i < n && v[i] >= '0' && v[i] <= '9') {
		x = x * 10 + (v[i] - '0');
		if (x > 1000)
			x = 1000;
		i++;
	}
	if (i == 1 || x > 23)
		return 0;
	return i;
}

static size_t time_zone_len(const char *v, size_t n)
{
	if (n < 3)
		return 0;
	if (n >= 4 && (memcmp(v, "ChST", 4) == 0 || memcmp(v, "MeST", 4) == 0))
		return 4;
	if (memcmp(v, "GMT", 3) == 0)
		return n == 3 ? 3 : 3 + signed_offset_len(v + 3, n - 3);
	if (v[0] == '+' || v[0] == '-')
		return signed_offset_len(v, n);
	size_t up = 0;
	while (up < 6 && up < n && v[up] >= 'A' && v[up] <= 'Z')
		up++;
	switch (up) {
	case 5: return v[4] == 'T' ? 5 : 0;
	case 4: return v[3] == 'T' || memcmp(v, "WITA", 4) == 0 ? 4 : 0;
	case 3: return 3;
	}
	return 0;
}

/* parseNanoseconds over the NB bytes at V ('.' or ',' and digits). */
static bool parse_nanos(const char *v, size_t nb, int *ns, const char **range)
{
	if (v[0] != '.' && v[0] != ',')
		return false;
	if (nb > 10)
		nb = 10;
	int64_t x;
	if (!atoi_n(v + 1, nb - 1, &x))
		return false;
	if (x < 0) {
		*range = "fractional second";
		return true;
	}
	for (size_t i = 0; i < 10 - nb; i++)
		x *= 10;
	*ns = (int)x;
	return true;
}

bool go_time_parse(const char *layout, const char *value, const go_loc *loc, go_time *out, char **err)
{
	struct perr pe = {layout, value, strlen(layout), strlen(value)};
	const char *l = layout, *v = value;
	size_t ln = pe.llen, vn = pe.vlen;
	const char *range = NULL;
	bool am = false, pm = false;
	int64_t year = 0;
	int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
	const go_loc *z = NULL;
	int zone_offset = -1;
	char zone_name[16] = "";

	for (;;) {
		struct chunk c = next_chunk(l, ln);
		const char *stdstr = l + c.prefix;
		/* skip(value, prefix) */
		const char *p = l;
		size_t pn = c.prefix;
		while (pn > 0) {
			if (*p == ' ') {
				if (vn > 0 && *v != ' ')
					return parse_error(&pe, l, c.prefix, v, vn, NULL, err);
				while (pn > 0 && *p == ' ')
					p++, pn--;
				while (vn > 0 && *v == ' ')
					v++, vn--;
				continue;
			}
			if (vn == 0 || *v != *p)
				return parse_error(&pe, l, c.prefix, v, vn, NULL, err);
			p++, pn--, v++, vn--;
		}
		if (c.std == STD_NONE) {
			if (vn != 0) {
				buf m = BUF_INIT;
				buf_puts(&m, ": extra text: ");
				tquote(&m, v, vn);
				bool r = parse_error(&pe, "", 0, v, vn, buf_str(&m), err);
				buf_free(&m);
				return r;
			}
			break;
		}
		l += c.prefix + c.len;
		ln -= c.prefix + c.len;
		const char *hold = v;
		size_t holdn = vn;
		bool ok = true;
		int64_t x;
		switch (c.std) {
		case STD_YEAR:
			if (vn < 2 || !atoi_n(v, 2, &x)) {
				ok = false;
				break;
			}
			v += 2, vn -= 2;
			year = x >= 69 ? x + 1900 : x + 2000;
			break;
		case STD_LONG_YEAR:
			if (vn < 4 || !digit_at(v, vn, 0) || !atoi_n(v, 4, &x)) {
				ok = false;
				break;
			}
			v += 4, vn -= 4;
			year = x;
			break;
		case STD_MONTH:
			month = lookup_name(short_months, 12, &v, &vn) + 1;
			ok = month > 0;
			break;
		case STD_LONG_MONTH:
			month = lookup_name(long_months, 12, &v, &vn) + 1;
			ok = month > 0;
			break;
		case STD_NUM_MONTH: case STD_ZERO_MONTH:
			ok = getnum(&v, &vn, c.std == STD_ZERO_MONTH, &month, 2);
			if (ok && (month <= 0 || month > 12))
				range = "month";
			break;
		case STD_WEEKDAY:
			ok = lookup_name(short_days, 7, &v, &vn) >= 0;
			break;
		case STD_LONG_WEEKDAY:
			ok = lookup_name(long_days, 7, &v, &vn) >= 0;
			break;
		case STD_DAY: case STD_UNDER_DAY: case STD_ZERO_DAY:
			if (c.std == STD_UNDER_DAY && vn > 0 && *v == ' ')
				v++, vn--;
			ok = getnum(&v, &vn, c.std == STD_ZERO_DAY, &day, 2);
			break;
		case STD_UNDER_YEARDAY: case STD_ZERO_YEARDAY:
			for (int i = 0; i < 2; i++)
				if (c.std == STD_UNDER_YEARDAY && vn > 0 && *v == ' ')
					v++, vn--;
			ok = getnum(&v, &vn, c.std == STD_ZERO_YEARDAY, &yday, 3);
			break;
		case STD_HOUR:
			ok = getnum(&v, &vn, false, &hour, 2);
			if (hour < 0 || hour >= 24)
				range = "hour";
			break;
		case STD_HOUR12: case STD_ZERO_HOUR12:
			ok = getnum(&v, &vn, c.std == STD_ZERO_HOUR12, &hour, 2);
			if (hour < 0 || hour > 12)
				range = "hour";
			break;
		case STD_MINUTE: case STD_ZERO_MINUTE:
			ok = getnum(&v, &vn, c.std == STD_ZERO_MINUTE, &min, 2);
			if (min < 0 || min >= 60)
				range = "minute";
			break;
		case STD_SECOND: case STD_ZERO_SECOND:
			ok = getnum(&v, &vn, c.std == STD_ZERO_SECOND, &sec, 2);
			if (!ok)
				break;
			if (sec >= 60) {
				range = "second";
				break;
			}
			if (vn >= 2 && (v[0] == '.' || v[0] == ',') && digit_at(v, vn, 1)) {
				struct chunk nc = next_chunk(l, ln);
				if (nc.std == STD_FRAC0 || nc.std == STD_FRAC9)
					break;
				size_t k = 2;
				while (digit_at(v, vn, k))
					k++;
				ok = parse_nanos(v, k, &nsec, &range);
				v += k, vn -= k;
			}
			break;
		case STD_PM: case STD_pm:
			if (vn < 2) {
				ok = false;
				break;
			}
			if (memcmp(v, c.std == STD_PM ? "PM" : "pm", 2) == 0)
				pm = true;
			else if (memcmp(v, c.std == STD_PM ? "AM" : "am", 2) == 0)
				am = true;
			else
				ok = false;
			v += 2, vn -= 2;
			break;
		case STD_ISO8601_TZ: case STD_ISO8601_SHORT_TZ: case STD_ISO8601_COLON_TZ:
		case STD_ISO8601_SECONDS_TZ: case STD_ISO8601_COLON_SECONDS_TZ:
			if (vn >= 1 && *v == 'Z') {
				v++, vn--;
				z = &utc_loc;
				break;
			}
			/* fallthrough */
		case STD_NUM_TZ: case STD_NUM_SHORT_TZ: case STD_NUM_COLON_TZ: case STD_NUM_SECONDS_TZ:
		case STD_NUM_COLON_SECONDS_TZ: {
			char sign;
			char hh[3] = "00", mm[3] = "00", ss[3] = "00";
			size_t used;
			if (c.std == STD_ISO8601_COLON_TZ || c.std == STD_NUM_COLON_TZ) {
				if (vn < 6 || v[3] != ':') {
					ok = false;
					break;
				}
				memcpy(hh, v + 1, 2), memcpy(mm, v + 4, 2);
				used = 6;
			} else if (c.std == STD_NUM_SHORT_TZ || c.std == STD_ISO8601_SHORT_TZ) {
				if (vn < 3) {
					ok = false;
					break;
				}
				memcpy(hh, v + 1, 2);
				used = 3;
			} else if (c.std == STD_ISO8601_COLON_SECONDS_TZ || c.std == STD_NUM_COLON_SECONDS_TZ) {
				if (vn < 9 || v[3] != ':' || v[6] != ':') {
					ok = false;
					break;
				}
				memcpy(hh, v + 1, 2), memcpy(mm, v + 4, 2), memcpy(ss, v + 7, 2);
				used = 9;
			} else if (c.std == STD_ISO8601_SECONDS_TZ || c.std == STD_NUM_SECONDS_TZ) {
				if (vn < 7) {
					ok = false;
					break;
				}
				memcpy(hh, v + 1, 2), memcpy(mm, v + 3, 2), memcpy(ss, v + 5, 2);
				used = 7;
			} else {
				if (vn < 5) {
					ok = false;
					break;
				}
				memcpy(hh, v + 1, 2), memcpy(mm, v + 3, 2);
				used = 5;
			}
			sign = v[0];
			v += used, vn -= used;
			int hr = 0, mi = 0, se = 0;
			const char *q;
			size_t qn;
			q = hh, qn = 2;
			ok = getnum(&q, &qn, true, &hr, 2);
			q = mm, qn = 2;
			ok = ok && getnum(&q, &qn, true, &mi, 2);
			q = ss, qn = 2;
			ok = ok && getnum(&q, &qn, true, &se, 2);
			if (hr > 24)
				range = "time zone offset hour";
			if (mi > 60)
				range = "time zone offset minute";
			if (se > 60)
				range = "time zone offset second";
			zone_offset = (hr * 60 + mi) * 60 + se;
			if (sign == '-')
				zone_offset = -zone_offset;
			else if (sign != '+')
				ok = false;
			break;
		}
		case STD_TZ: {
			if (vn >= 3 && memcmp(v, "UTC", 3) == 0) {
				z = &utc_loc;
				v += 3, vn -= 3;
				break;
			}
			size_t k = time_zone_len(v, vn);
			if (!k || k >= sizeof zone_name) {
				ok = false;
				break;
			}
			memcpy(zone_name, v, k);
			zone_name[k] = 0;
			v += k, vn -= k;
			break;
		}
		case STD_FRAC0: {
			size_t nd = 1 + c.digits;
			if (vn < nd) {
				ok = false;
				break;
			}
			ok = parse_nanos(v, nd, &nsec, &range);
			v += nd, vn -= nd;
			break;
		}
		case STD_FRAC9: {
			if (vn < 2 || (v[0] != '.' && v[0] != ',') || v[1] < '0' || v[1] > '9')
				break;
			size_t i = 0;
			while (i + 1 < vn && v[i + 1] >= '0' && v[i + 1] <= '9')
				i++;
			ok = parse_nanos(v, 1 + i, &nsec, &range);
			v += 1 + i, vn -= 1 + i;
			break;
		}
		case STD_NONE:
			break;
		}
		if (range) {
			char *m = xasprintf(": %s out of range", range);
			bool r = parse_error(&pe, stdstr, c.len, v, vn, m, err);
			free(m);
			return r;
		}
		if (!ok)
			return parse_error(&pe, stdstr, c.len, hold, holdn, NULL, err);
	}
	if (pm && hour < 12)
		hour += 12;
	else if (am && hour == 12)
		hour = 0;
	if (yday >= 0) {
		int m = 0, d = 0;
		if (is_leap(year)) {
			if (yday == 31 + 29) {
				m = 2;
				d = 29;
			} else if (yday > 31 + 29) {
				yday--;
			}
		}
		if (yday < 1 || yday > 365)
			return parse_error(&pe, "", 0, v, vn, ": day-of-year out of range", err);
		if (m == 0) {
			static const int before[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
			m = (yday - 1) / 31 + 1;
			if (before[m] < yday)
				m++;
			d = yday - before[m - 1];
		}
		if (month >= 0 && month != m)
			return parse_error(&pe, "", 0, v, vn, ": day-of-year does not match month", err);
		month = m;
		if (day >= 0 && day != d)
			return parse_error(&pe, "", 0, v, vn, ": day-of-year does not match day", err);
		day = d;
	} else {
		if (month < 0)
			month = 1;
		if (day < 0)
			day = 1;
	}
	if (day < 1 || day > days_in(month, year))
		return parse_error(&pe, "", 0, v, vn, ": day out of range", err);
	if (z) {
		*out = go_time_date(year, month, day, hour, min, sec, nsec, z);
		return true;
	}
	if (zone_offset != -1) {
		go_time t = go_time_date(year, month, day, hour, min, sec, nsec, &utc_loc);
		t.sec -= zone_offset;
		int64_t s, e;
		const struct zone *lz = lookup(loc, t.sec, &s, &e);
		if (lz->offset == zone_offset && (!*zone_name || strcmp(lz->abbr, zone_name) == 0))
			t.loc = loc;
		else
			t.loc = fixed_zone(zone_name, zone_offset);
		*out = t;
		return true;
	}
	if (*zone_name) {
		go_time t = go_time_date(year, month, day, hour, min, sec, nsec, &utc_loc);
		/* lookupName: a zone of LOC with this abbreviation, preferring the one in effect. */
		int64_t s, e;
		for (int i = 0; i < loc->nzones; i++)
			if (strcmp(loc->zones[i].abbr, zone_name) == 0) {
				const struct zone *at = lookup(loc, t.sec - loc->zones[i].offset, &s, &e);
				if (strcmp(at->abbr, zone_name) == 0) {
					t.sec -= at->offset;
					t.loc = loc;
					*out = t;
					return true;
				}
			}
		for (int i = 0; i < loc->nzones; i++)
			if (strcmp(loc->zones[i].abbr, zone_name) == 0) {
				t.sec -= loc->zones[i].offset;
				t.loc = loc;
				*out = t;
				return true;
			}
		int offset = 0;
		if (strlen(zone_name) > 3 && memcmp(zone_name, "GMT", 3) == 0)
			offset = atoi(zone_name + 3) * 3600;
		/* Go keeps the clock reading as UTC here: the offset only labels it. */
		t.loc = fixed_zone(zone_name, offset);
		*out = t;
		return true;
	}
	*out = go_time_date(year, month, day, hour, min, sec, nsec, loc);
	return true;
}

/* --- durations --- */

static bool invalid_duration(const char *what, const char *orig, char **err)
{
	buf b = BUF_INIT;
	buf_puts(&b, what);
	tquote(&b, orig, strlen(orig));
	*err = buf_detach(&b, NULL);
	return false;
}

bool go_duration_parse(const char *orig, int64_t *out, char **err)
{
	const char *s = orig;
	uint64_t d = 0;
	bool neg = false;
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	if (strcmp(s, "0") == 0) {
		*out = 0;
		return true;
	}
	if (!*s)
		return invalid_duration("time: invalid duration ", orig, err);
	while (*s) {
		uint64_t v = 0, f = 0;
		double scale = 1;
		if (!(*s == '.' || (*s >= '0' && *s <= '9')))
			return invalid_duration("time: invalid duration ", orig, err);
		const char *before = s;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (v > (1ULL << 63) / 10)
				return invalid_duration("time: invalid duration ", orig, err);
			v = v * 10 + (*s - '0');
			if (v > 1ULL << 63)
				return invalid_duration("time: invalid duration ", orig, err);
		}
		bool pre = s != before, post = false;
		if (*s == '.') {
			s++;
			const char *fs = s;
			bool overflow = false;
			for (; *s >= '0' && *s <= '9'; s++) {
				if (overflow)
					continue;
				if (f > ((1ULL << 63) - 1) / 10) {
					overflow = true;
					continue;
				}
				uint64_t y = f * 10 + (*s - '0');
				if (y > 1ULL << 63) {
					overflow = true;
					continue;
				}
				f = y;
				scale *= 10;
			}
			post = s != fs;
		}
		if (!pre && !post)
			return invalid_duration("time: invalid duration ", orig, err);
		const char *u = s;
		while (*s && *s != '.' && !(*s >= '0' && *s <= '9'))
			s++;
		if (s == u)
			return invalid_duration("time: missing unit in duration ", orig, err);
		size_t un = s - u;
		static const struct { const char *name; uint64_t ns; } units[] = {
			{"ns", 1}, {"us", 1000}, {"\xc2\xb5s", 1000}, {"\xce\xbcs", 1000}, {"ms", 1000000},
			{"s", 1000000000}, {"m", 60000000000ULL}, {"h", 3600000000000ULL},
		};
		uint64_t unit = 0;
		for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
			if (strlen(units[i].name) == un && memcmp(units[i].name, u, un) == 0)
				unit = units[i].ns;
		if (!unit) {
			buf b = BUF_INIT;
			buf_puts(&b, "time: unknown unit ");
			tquote(&b, u, un);
			buf_puts(&b, " in duration ");
			tquote(&b, orig, strlen(orig));
			*err = buf_detach(&b, NULL);
			return false;
		}
		if (v > (1ULL << 63) / unit)
			return invalid_duration("time: invalid duration ", orig, err);
		v *= unit;
		if (f > 0) {
			v += (uint64_t)((double)f * ((double)unit / scale));
			if (v > 1ULL << 63)
				return invalid_duration("time: invalid duration ", orig, err);
		}
		d += v;
		if (d > 1ULL << 63)
			return invalid_duration("time: invalid duration ", orig, err);
	}
	if (neg) {
		*out = (int64_t)(0 - d);
		return true;
	}
	if (d > (1ULL << 63) - 1)
		return invalid_duration("time: invalid duration ", orig, err);
	*out = (int64_t)d;
	return true;
}

/* fmtFrac: the fraction of V/10^prec without trailing zeros, prepended at *w in TMP. */
static uint64_t fmt_frac(char *tmp, int *w, uint64_t v, int prec)
{
	bool print = false;
	for (int i = 0; i < prec; i++) {
		int digit = (int)(v % 10);
		print = print || digit != 0;
		if (print)
			tmp[--*w] = (char)('0' + digit);
		v /= 10;
	}
	if (print)
		tmp[--*w] = '.';
	return v;
}

static void fmt_int(char *tmp, int *w, uint64_t v)
{
	if (v == 0) {
		tmp[--*w] = '0';
		return;
	}
	for (; v > 0; v /= 10)
		tmp[--*w] = (char)('0' + v % 10);
}

void go_duration_string(buf *b, int64_t d)
{
	char tmp[40];
	int w = sizeof tmp;
	uint64_t u = (uint64_t)d;
	bool neg = d < 0;
	if (neg)
		u = -u;
	if (u < 1000000000) {
		int prec = 0;
		tmp[--w] = 's';
		if (u == 0) {
			buf_puts(b, "0s");
			return;
		}
		if (u < 1000) {
			tmp[--w] = 'n';
		} else if (u < 1000000) {
			prec = 3;
			tmp[--w] = '\xb5';
			tmp[--w] = '\xc2';
		} else {
			prec = 6;
			tmp[--w] = 'm';
		}
		u = fmt_frac(tmp, &w, u, prec);
		fmt_int(tmp, &w, u);
	} else {
		tmp[--w] = 's';
		u = fmt_frac(tmp, &w, u, 9);
		fmt_int(tmp, &w, u % 60);
		u /= 60;
		if (u > 0) {
			tmp[--w] = 'm';
			fmt_int(tmp, &w, u % 60);
			u /= 60;
			if (u > 0) {
				tmp[--w] = 'h';
				fmt_int(tmp, &w, u);
			}
		}
	}
	if (neg)
		tmp[--w] = '-';
	buf_add(b, tmp + w, sizeof tmp - w);
}

int64_t go_duration_round(int64_t d, int64_t m)
{
	if (m <= 0)
		return d;
	int64_t r = d % m;
	if (d < 0) {
		r = -r;
		if ((uint64_t)r + (uint64_t)r < (uint64_t)m)
			return d + r;
		int64_t d1;
		if (!__builtin_sub_overflow(d, m - r, &d1) && d1 < d)
			return d1;
		return INT64_MIN;
	}
	if ((uint64_t)r + (uint64_t)r < (uint64_t)m)
		return d - r;
	int64_t d1;
	if (!__builtin_add_overflow(d, m - r, &d1) && d1 > d)
		return d1;
	return INT64_MAX;
}

int64_t go_time_since(go_time t)
{
	go_time now = go_time_now();
	if (t.mono)
		return now.mono_ns - t.mono_ns;
	__int128 ns = ((__int128)now.sec - t.sec) * 1000000000 + (now.nsec - t.nsec);
	if (ns > INT64_MAX)
		return INT64_MAX;
	if (ns < INT64_MIN)
		return INT64_MIN;
	return (int64_t)ns;
}
