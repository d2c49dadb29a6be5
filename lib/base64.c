/* base64.c — Go's base64.StdEncoding, shared by the JSON and YAML encoders of []byte, Sprig
 * and kube-sim. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base64.h"
#include "util.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void base64_encode(buf *out, const unsigned char *s, size_t n)
{
	buf_add(out, "", 0);
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		buf_putc(out, b64[v >> 18 & 63]);
		buf_putc(out, b64[v >> 12 & 63]);
		buf_putc(out, i + 1 < n ? b64[v >> 6 & 63] : '=');
		buf_putc(out, i + 2 < n ? b64[v & 63] : '=');
	}
}

static int b64_value(unsigned char c)
{
	const char *p = c ? strchr(b64, c) : NULL;
	return p ? (int)(p - b64) : -1;
}

/* One quantum of base64.StdEncoding.Decode (decodeQuantum): reads from S at *SI, appends up to
 * 3 bytes.  Returns -1 when the input is done, else 0; *bad >= 0 is the offending offset. */
static int b64_quantum(const char *s, size_t n, size_t *si, buf *out, long *bad)
{
	int d[4] = {0, 0, 0, 0}, dlen = 4;
	for (int j = 0; j < 4; j++) {
		if (*si == n) {
			if (j == 0)
				return -1;
			*bad = (long)(*si - j);
			return 0;
		}
		unsigned char in = s[(*si)++];
		int v = b64_value(in);
		if (v >= 0) {
			d[j] = v;
			continue;
		}
		if (in == '\n' || in == '\r') {
			j--;
			continue;
		}
		if (in != '=' || j < 2) {
			*bad = (long)(*si - 1);
			return 0;
		}
		if (j == 2) {
			while (*si < n && (s[*si] == '\n' || s[*si] == '\r'))
				(*si)++;
			if (*si == n) {
				*bad = (long)n;
				return 0;
			}
			if (s[*si] != '=') {
				*bad = (long)(*si - 1);
				return 0;
			}
			(*si)++;
		}
		while (*si < n && (s[*si] == '\n' || s[*si] == '\r'))
			(*si)++;
		if (*si < n)
			*bad = (long)*si;
		dlen = j;
		break;
	}
	uint32_t v = (uint32_t)d[0] << 18 | (uint32_t)d[1] << 12 | (uint32_t)d[2] << 6 | (uint32_t)d[3];
	unsigned char bytes[3] = {v >> 16 & 255, v >> 8 & 255, v & 255};
	buf_add(out, (char *)bytes, dlen - 1);
	return *bad >= 0 ? 0 : 1;
}

long base64_decode(buf *out, const char *s, size_t n)
{
	size_t si = 0;
	long bad = -1;
	buf_add(out, "", 0);
	while (si < n && b64_quantum(s, n, &si, out, &bad) > 0)
		;
	return bad;
}

void base64_encode_list(buf *out, const hv *bytes)
{
	size_t n = hv_len(bytes);
	unsigned char *raw = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		raw[i] = (unsigned char)(hv_get_int(hv_list_get(bytes, i)) & 0xff);
	base64_encode(out, raw, n);
	free(raw);
}
