/* date_time.c — Go's time.Time arithmetic for Sprig (see date.h): civil dates, Unix/Now/Date
 * constructors, In/Add, and durations (ParseDuration, Duration.String, Round). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sprig/date_impl.h"
#include "util.h"

/* --- civil dates (proleptic Gregorian, any int64 day count) --- */

int64_t go_floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t go_days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = go_floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void go_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = go_floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

bool go_is_leap(int64_t y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int go_days_in(int m, int64_t y)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && go_is_leap(y) ? 29 : days[m - 1];
}

void go_time_civil(go_time t, int64_t *year, int *month, int *day, int *hour, int *min, int *sec,
		   int *wday, int *yday)
{
	int off;
	go_time_zone(t, &off);
	int64_t s = t.sec + off;
	int64_t days = go_floor_div(s, 86400), rem = s - days * 86400;
	int64_t y;
	int m, d;
	go_civil_from_days(days, &y, &m, &d);
	if (year) *year = y;
	if (month) *month = m;
	if (day) *day = d;
	if (hour) *hour = (int)(rem / 3600);
	if (min) *min = (int)(rem / 60 % 60);
	if (sec) *sec = (int)(rem % 60);
	if (wday) *wday = (int)(((days % 7) + 7 + 4) % 7);
	if (yday) *yday = (int)(days - go_days_from_civil(y, 1, 1) + 1);
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
	int64_t days = go_days_from_civil(year, (int)m + 1, 1) + day - 1;
	int64_t usec = days * 86400 + hour * 3600 + min * 60 + sec;
	int64_t start, end;
	int off = go_loc_lookup(loc, usec, &start, &end)->offset;
	if (off != 0) {
		int64_t utc = usec - off;
		if (utc < start || utc >= end)
			off = go_loc_lookup(loc, utc, &start, &end)->offset;
		usec -= off;
	}
	return (go_time){usec, (int32_t)nsec, loc, false, 0};
}

/* time's own quote(): "..." with \x escapes for non-ASCII and control bytes. */
void go_time_quote(buf *b, const char *s, size_t n)
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

/* --- durations --- */

static bool invalid_duration(const char *what, const char *orig, char **err)
{
	buf b = BUF_INIT;
	buf_puts(&b, what);
	go_time_quote(&b, orig, strlen(orig));
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
			go_time_quote(&b, u, un);
			buf_puts(&b, " in duration ");
			go_time_quote(&b, orig, strlen(orig));
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
