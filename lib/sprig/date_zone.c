/* date_zone.c — Go's *time.Location: zoneinfo files (TZif v1-v4 with the POSIX TZ footer),
 * Local from TZ or /etc/localtime, LoadLocation's search, FixedZone, and Location.lookup. */
#include <stdlib.h>
#include <string.h>

#include "sprig/date_impl.h"
#include "util.h"

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
		char *path = i == 0 ? path_join(env, name) : xasprintf("%s%s", dirs[i - 1], name);
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
		return go_loc_utc();
	if (strcmp(name, "Local") == 0)
		return go_loc_local();
	if (name[0] == '/' || name[0] == '\\' || strstr(name, ".."))
		return NULL;
	return load_zoneinfo(name, true);
}

/* Go's FixedZone(name, offset). */
const go_loc *go_fixed_zone(const char *name, int offset)
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
		if (go_is_leap(year) && r->day >= 60)
			s += 86400;
	} else if (r->kind == 'D') {
		s = (int64_t)r->day * 86400;
	} else {
		int64_t first = go_days_from_civil(year, r->mon, 1);
		int dow = (int)(((first % 7) + 7 + 4) % 7);
		int d = r->day - dow;
		if (d < 0)
			d += 7;
		for (int i = 1; i < r->week; i++) {
			if (d + 7 >= go_days_in(r->mon, year))
				break;
			d += 7;
		}
		d += before[r->mon - 1];
		if (go_is_leap(year) && r->mon > 2)
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
	int64_t days = go_floor_div(sec, 86400), year;
	int m, d;
	go_civil_from_days(days, &year, &m, &d);
	int64_t abs = go_days_from_civil(year, 1, 1) * 86400;
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
const struct zone *go_loc_lookup(const go_loc *l, int64_t sec, int64_t *start, int64_t *end)
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
	const struct zone *z = go_loc_lookup(t.loc, t.sec, &s, &e);
	*offset = z->offset;
	return z->abbr;
}


bool go_time_is_dst(go_time t)
{
	int64_t s, e;
	return go_loc_lookup(t.loc, t.sec, &s, &e)->dst;
}
