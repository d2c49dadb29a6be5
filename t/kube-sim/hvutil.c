#define _GNU_SOURCE
/* hvutil.c — small helpers on values, time, identifiers and base64. */
#include "base64.h"
#include "ksim.h"
#include "util.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *hs(const hv *m, const char *dotted)
{
	const hv *v = hv_path(m, dotted);
	return v && hv_kind_of(v) == HV_STRING ? hv_get_str(v) : NULL;
}

hv *hchild(hv *m, const char *key)
{
	hv *c = hv_map_get(m, key);
	if (c && hv_kind_of(c) == HV_MAP)
		return c;
	c = hv_map();
	hv_map_set(m, key, c);
	return c;
}

void hset_str(hv *m, const char *key, const char *s) { hv_map_set(m, key, hv_str(s)); }
void hset_int(hv *m, const char *key, int64_t i) { hv_map_set(m, key, hv_int_typed(i, HV_GO_INT64)); }

bool hbool(const hv *m, const char *key)
{
	const hv *v = hv_kind_of(m) == HV_MAP ? hv_map_get(m, key) : NULL;
	return v && hv_kind_of(v) == HV_BOOL && hv_get_bool(v);
}

bool hnum(const hv *v, int64_t *out)
{
	if (!v)
		return false;
	switch (hv_kind_of(v)) {
	case HV_INT: case HV_UINT:
		*out = hv_get_int(v);
		return true;
	case HV_FLOAT: {
		double d = hv_get_float(v);
		if (d != floor(d))
			return false;
		*out = (int64_t)d;
		return true;
	}
	default:
		return false;
	}
}

char *ks_now_rfc3339(void)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	char s[32];
	strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(s);
}

int64_t ks_parse_time(const char *s)
{
	struct tm tm = {0};
	if (!s || !strptime(s, "%Y-%m-%dT%H:%M:%S", &tm))
		return -1;
	return (int64_t)timegm(&tm);
}

double ks_monotime(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void random_bytes(unsigned char *p, size_t n)
{
	static __thread unsigned int seed;
	if (!seed)
		seed = (unsigned)time(NULL) ^ (unsigned)(uintptr_t)&seed ^ (unsigned)getpid();
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t got = fd >= 0 ? read(fd, p, n) : -1;
	if (fd >= 0)
		close(fd);
	for (ssize_t i = got < 0 ? 0 : got; i < (ssize_t)n; i++)
		p[i] = (unsigned char)rand_r(&seed);
}

char *ks_uuid(void)
{
	unsigned char b[16];
	random_bytes(b, sizeof b);
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	return xasprintf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

char *ks_random_suffix(int n)
{
	/* Kubernetes' generator avoids vowels and look-alikes; any [a-z0-9] is valid. */
	static const char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
	unsigned char b[32];
	char *s = xmalloc((size_t)n + 1);
	random_bytes(b, (size_t)n);
	for (int i = 0; i < n; i++)
		s[i] = alphabet[b[i] % (sizeof alphabet - 1)];
	s[n] = 0;
	return s;
}

char *b64_encode(const unsigned char *p, size_t n)
{
	buf b = BUF_INIT;
	base64_encode(&b, p, n);
	return buf_detach(&b, NULL);
}

/* Go's base64.StdEncoding, stricter: padding required, no whitespace. */
static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
unsigned char *b64_decode(const char *s, size_t n, size_t *out_len)
{
	if (n % 4)
		return NULL;
	unsigned char *o = xmalloc(n / 4 * 3 + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i += 4) {
		unsigned v = 0;
		int pad = 0;
		for (int j = 0; j < 4; j++) {
			const char *c = s[i + j] ? strchr(b64, s[i + j]) : NULL;
			if (s[i + j] == '=' && i + 4 == n && j >= 2 && (j == 3 || s[i + 3] == '=')) {
				pad++;
				v <<= 6;
				continue;
			}
			if (!c || pad) {
				free(o);
				return NULL;
			}
			v = v << 6 | (unsigned)(c - b64);
		}
		o[k++] = (unsigned char)(v >> 16);
		if (pad < 2)
			o[k++] = (unsigned char)(v >> 8);
		if (pad < 1)
			o[k++] = (unsigned char)v;
	}
	o[k] = 0;
	*out_len = k;
	return o;
}
