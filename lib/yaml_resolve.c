/* yaml_resolve.c — go-yaml v2's resolution of plain scalars (resolve.go), with Go's literal rules. */
#include "yaml_resolve.h"
#include "strconv.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Whether S (of length N) is a word of LIST; none is longer than 5 bytes. */
static bool in_list(const char *s, size_t n, const char *const *list)
{
	if (n > 5)
		return false;
	for (; *list; list++)
		if (**list == *s && strcmp(s, *list) == 0)
			return true;
	return false;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* go-yaml's yamlStyleFloat: ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ */
static bool yaml_style_float(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (*s == '.') {
		s++;
		if (!is_digit(*s))
			return false;
		while (is_digit(*s))
			s++;
	} else {
		if (!is_digit(*s))
			return false;
		while (is_digit(*s))
			s++;
		if (*s == '.')
			for (s++; is_digit(*s);)
				s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!is_digit(*s))
			return false;
		while (is_digit(*s))
			s++;
	}
	return *s == 0;
}

/* Reads MIN to MAX digits (Go's getnum for 1 or 2) into *v. */
static bool digits(const char **s, int min, int max, int *v)
{
	int k = 0;
	*v = 0;
	while (is_digit(**s) && k < max)
		*v = *v * 10 + (*(*s)++ - '0'), k++;
	return k >= min;
}

/* time.Parse with go-yaml's layouts 2006-1-2, 2006-1-2 15:4:5.999999999 and
 * 2006-1-2T15:4:5.999999999Z07:00 (T or t), with Go's range checks. */
static bool go_timestamp(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int year, mon, day, h, m, sec, k;
	if (!digits(&s, 4, 4, &year) || *s++ != '-' || !digits(&s, 1, 2, &mon) || *s++ != '-' ||
	    !digits(&s, 1, 2, &day))
		return false;
	if (mon < 1 || mon > 12 || day < 1 || day > mdays[mon - 1])
		return false;
	if (mon == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
		return false;
	if (!*s)
		return true;
	char sep = *s++;
	if (sep != ' ' && sep != 'T' && sep != 't')
		return false;
	if (!digits(&s, 1, 2, &h) || *s++ != ':' || !digits(&s, 1, 2, &m) || *s++ != ':' || !digits(&s, 1, 2, &sec))
		return false;
	if (h > 23 || m > 59 || sec > 59)
		return false;
	if (*s == '.' && (s++, !digits(&s, 1, 9, &k)))
		return false;
	if (sep == ' ')
		return !*s;
	if (*s == 'Z')
		return !s[1];
	if (*s != '+' && *s != '-')
		return false;
	s++;
	return digits(&s, 2, 2, &h) && h <= 23 && *s++ == ':' && digits(&s, 2, 2, &m) && m <= 59 && !*s;
}

struct yaml_resolved yaml_resolve(const char *s, size_t n, bool timestamps)
{
	static const char *const yes[] = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", NULL};
	static const char *const no[] = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", NULL};
	static const char *const nul[] = {"", "~", "null", "Null", "NULL", NULL};
	static const char *const nan[] = {".nan", ".NaN", ".NAN", NULL};
	static const char *const inf[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", NULL};
	static const char *const ninf[] = {"-.inf", "-.Inf", "-.INF", NULL};
	struct yaml_resolved r = {YR_STR, false, 0, 0, 0};
	/* the first character tells which forms to try (resolveTable); "<<" is never looked up */
	char hint = *s == 0 || strchr("yYnNtTfFoO~", *s) ? 'M' : *s == '.' ? '.'
	          : (*s == '+' || *s == '-') ? 'S' : is_digit(*s) ? 'D' : 0;
	if (!hint)
		return r;
	/* each word's first character has the hint of its list */
	if (hint == 'M' && in_list(s, n, yes))
		r.type = YR_BOOL, r.b = true;
	else if (hint == 'M' && in_list(s, n, no))
		r.type = YR_BOOL, r.b = false;
	else if (hint == 'M' && in_list(s, n, nul))
		r.type = YR_NULL;
	else if (hint == '.' && in_list(s, n, nan))
		r.type = YR_FLOAT, r.f = NAN;
	else if ((hint == '.' || hint == 'S') && in_list(s, n, inf))
		r.type = YR_FLOAT, r.f = INFINITY;
	else if (hint == 'S' && in_list(s, n, ninf))
		r.type = YR_FLOAT, r.f = -INFINITY;
	if (r.type != YR_STR || hint == 'M')
		return r;
	if (hint == '.') {
		if (go_parse_float(s, n, &r.f) == GO_NUM_OK)
			r.type = YR_FLOAT;
		return r;
	}
	if (timestamps && go_timestamp(s)) {
		r.type = YR_TIMESTAMP;
		return r;
	}
	char small[64];
	char *plain = n < sizeof small ? small : xmalloc(n + 1);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] != '_')
			plain[m++] = s[i];
	plain[m] = 0;
	if (go_parse_int(plain, m, 0, &r.i) == GO_NUM_OK)
		r.type = YR_INT;
	else if (go_parse_uint(plain, m, 0, &r.u) == GO_NUM_OK)
		r.type = YR_UINT;
	else if (yaml_style_float(plain) && go_parse_float(plain, m, &r.f) == GO_NUM_OK)
		r.type = YR_FLOAT;
	if (plain != small)
		free(plain);
	return r;
}

/* ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ */
bool yaml_base60_float(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (!is_digit(*s))
		return false;
	while (is_digit(*s) || *s == '_')
		s++;
	int groups = 0;
	while (*s == ':') {
		s++;
		if (*s >= '0' && *s <= '5' && is_digit(s[1]))
			s += 2;
		else if (is_digit(*s))
			s++;
		else
			return false;
		groups++;
	}
	if (!groups)
		return false;
	if (*s == '.')
		for (s++; is_digit(*s) || *s == '_';)
			s++;
	return *s == 0;
}
