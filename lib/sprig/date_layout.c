/* date_layout.c — Go's layouts (see date.h): Time.Format and time.ParseInLocation with
 * their ParseError texts. */
#include <stdlib.h>
#include <string.h>

#include "sprig/date_impl.h"
#include "util.h"

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
	go_time_quote(&b, p->value, p->vlen);
	if (message) {
		buf_puts(&b, message);
	} else {
		buf_puts(&b, " as ");
		go_time_quote(&b, p->layout, p->llen);
		buf_puts(&b, ": cannot parse ");
		go_time_quote(&b, velem, velen);
		buf_puts(&b, " as ");
		go_time_quote(&b, lelem, lelen);
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

/* go_loc_lookup(tab, val): case-insensitive prefix match. */
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
				go_time_quote(&m, v, vn);
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
				z = go_loc_utc();
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
				z = go_loc_utc();
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
		if (go_is_leap(year)) {
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
	if (day < 1 || day > go_days_in(month, year))
		return parse_error(&pe, "", 0, v, vn, ": day out of range", err);
	if (z) {
		*out = go_time_date(year, month, day, hour, min, sec, nsec, z);
		return true;
	}
	if (zone_offset != -1) {
		go_time t = go_time_date(year, month, day, hour, min, sec, nsec, go_loc_utc());
		t.sec -= zone_offset;
		int64_t s, e;
		const struct zone *lz = go_loc_lookup(loc, t.sec, &s, &e);
		if (lz->offset == zone_offset && (!*zone_name || strcmp(lz->abbr, zone_name) == 0))
			t.loc = loc;
		else
			t.loc = go_fixed_zone(zone_name, zone_offset);
		*out = t;
		return true;
	}
	if (*zone_name) {
		go_time t = go_time_date(year, month, day, hour, min, sec, nsec, go_loc_utc());
		/* lookupName: a zone of LOC with this abbreviation, preferring the one in effect. */
		int64_t s, e;
		for (int i = 0; i < loc->nzones; i++)
			if (strcmp(loc->zones[i].abbr, zone_name) == 0) {
				const struct zone *at = go_loc_lookup(loc, t.sec - loc->zones[i].offset, &s, &e);
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
		t.loc = go_fixed_zone(zone_name, offset);
		*out = t;
		return true;
	}
	*out = go_time_date(year, month, day, hour, min, sec, nsec, loc);
	return true;
}

