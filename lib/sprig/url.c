/* url.c — Sprig's urlParse and urlJoin on a C rendering of Go's net/url (Parse, the escaping
 * rules of each URL part, URL.String), with net/url's error texts. */
#include <stdlib.h>
#include <string.h>

#include "gofmt.h"
#include "sprig/cast.h"
#include "sprig/ext.h"
#include "sprig/sprig.h"
#include "strconv.h"
#include "util.h"

enum mode { ENC_PATH, ENC_USER, ENC_QUERY, ENC_FRAGMENT, ENC_HOST, ENC_ZONE };

struct url {
	char *scheme, *opaque, *user, *pass, *host, *path, *raw_path, *query, *fragment;
	bool has_user, has_pass, omit_host, force_query;
};

static bool alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool should_escape(unsigned char c, enum mode m)
{
	if (alnum(c))
		return false;
	if ((m == ENC_HOST || m == ENC_ZONE) && strchr("!$&'()*+,;=:[]<>\"", c) && c)
		return false;
	if (c == '-' || c == '_' || c == '.' || c == '~')
		return false;
	if (c && strchr("$&+,/:;=?@", c)) {
		switch (m) {
		case ENC_PATH: return c == '?';
		case ENC_USER: return c == '@' || c == '/' || c == '?' || c == ':';
		case ENC_QUERY: return true;
		case ENC_FRAGMENT: return false;
		default: break;
		}
	}
	if (m == ENC_FRAGMENT && (c == '!' || c == '(' || c == ')' || c == '*'))
		return false;
	return true;
}

static void escape(buf *b, const char *s, enum mode m)
{
	buf_add(b, "", 0);
	for (; *s; s++) {
		unsigned char c = *s;
		if (!should_escape(c, m))
			buf_putc(b, (char)c);
		else if (c == ' ' && m == ENC_QUERY)
			buf_putc(b, '+');
		else
			buf_printf(b, "%%%02X", c);
	}
}

static char *escaped(const char *s, enum mode m)
{
	buf b = BUF_INIT;
	escape(&b, s, m);
	return buf_detach(&b, NULL);
}

/* unescape: a malloc'd decoded string, or NULL with *err. */
static char *unescape(const char *s, size_t n, enum mode m, char **err)
{
	buf b = BUF_INIT;
	buf_add(&b, "", 0);
	for (size_t i = 0; i < n;) {
		if (s[i] == '%') {
			if (i + 2 >= n || hex_digit(s[i + 1]) < 0 || hex_digit(s[i + 2]) < 0) {
				buf tmp = BUF_INIT;
				buf_puts(&tmp, "invalid URL escape ");
				go_strconv_quote(&tmp, s + i, n - i > 3 ? 3 : n - i);
				*err = buf_detach(&tmp, NULL);
				buf_free(&b);
				return NULL;
			}
			int v = hex_digit(s[i + 1]) << 4 | hex_digit(s[i + 2]);
			bool bad = (m == ENC_HOST && hex_digit(s[i + 1]) < 8 && memcmp(s + i, "%25", 3) != 0) ||
				(m == ENC_ZONE && memcmp(s + i, "%25", 3) != 0 && v != ' ' && should_escape((unsigned char)v, ENC_HOST));
			if (bad) {
				buf tmp = BUF_INIT;
				buf_puts(&tmp, "invalid URL escape ");
				go_strconv_quote(&tmp, s + i, 3);
				*err = buf_detach(&tmp, NULL);
				buf_free(&b);
				return NULL;
			}
			buf_putc(&b, (char)v);
			i += 3;
			continue;
		}
		if ((m == ENC_HOST || m == ENC_ZONE) && (unsigned char)s[i] < 0x80 && should_escape(s[i], m)) {
			buf tmp = BUF_INIT;
			buf_puts(&tmp, "invalid character ");
			go_strconv_quote(&tmp, s + i, 1);
			buf_puts(&tmp, " in host name");
			*err = buf_detach(&tmp, NULL);
			buf_free(&b);
			return NULL;
		}
		buf_putc(&b, s[i++]);
	}
	return buf_detach(&b, NULL);
}

static void url_free(struct url *u)
{
	free(u->scheme), free(u->opaque), free(u->user), free(u->pass), free(u->host);
	free(u->path), free(u->raw_path), free(u->query), free(u->fragment);
}

static bool valid_port(const char *p, size_t n)
{
	if (n == 0)
		return true;
	if (p[0] != ':')
		return false;
	for (size_t i = 1; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

static bool port_error(const char *p, size_t n, char **err)
{
	buf b = BUF_INIT;
	buf_puts(&b, "invalid port ");
	go_strconv_quote(&b, p, n);
	buf_puts(&b, " after host");
	*err = buf_detach(&b, NULL);
	return false;
}

static bool parse_host(const char *h, size_t n, char **out, char **err)
{
	if (n > 0 && h[0] == '[') {
		const char *close = NULL;
		for (size_t i = n; i > 0; i--)
			if (h[i - 1] == ']') {
				close = h + i - 1;
				break;
			}
		if (!close) {
			*err = xstrdup("missing ']' in host");
			return false;
		}
		if (!valid_port(close + 1, h + n - close - 1))
			return port_error(close + 1, h + n - close - 1, err);
		const char *zone = NULL;
		for (const char *q = h; q + 3 <= close; q++)
			if (memcmp(q, "%25", 3) == 0) {
				zone = q;
				break;
			}
		if (zone) {
			char *a = unescape(h, zone - h, ENC_HOST, err);
			char *b = a ? unescape(zone, close - zone, ENC_ZONE, err) : NULL;
			char *c = b ? unescape(close, h + n - close, ENC_HOST, err) : NULL;
			if (c)
				*out = xasprintf("%s%s%s", a, b, c);
			free(a), free(b), free(c);
			return c != NULL;
		}
	} else {
		for (size_t i = n; i > 0; i--)
			if (h[i - 1] == ':') {
				if (!valid_port(h + i - 1, n - i + 1))
					return port_error(h + i - 1, n - i + 1, err);
				break;
			}
	}
	*out = unescape(h, n, ENC_HOST, err);
	return *out != NULL;
}

static bool valid_userinfo(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!alnum(s[i]) && !strchr("-._:~!$&'()*+,;=%@", s[i]))
			return false;
	return true;
}

static bool parse_authority(struct url *u, const char *a, size_t n, char **err)
{
	const char *at = NULL;
	for (size_t i = n; i > 0; i--)
		if (a[i - 1] == '@') {
			at = a + i - 1;
			break;
		}
	const char *h = at ? at + 1 : a;
	if (!parse_host(h, a + n - h, &u->host, err))
		return false;
	if (!at)
		return true;
	if (!valid_userinfo(a, at - a)) {
		*err = xstrdup("net/url: invalid userinfo");
		return false;
	}
	const char *colon = memchr(a, ':', at - a);
	const char *uend = colon ? colon : at;
	u->has_user = true;
	u->user = unescape(a, uend - a, ENC_USER, err);
	if (!u->user)
		return false;
	if (colon) {
		u->has_pass = true;
		u->pass = unescape(colon + 1, at - colon - 1, ENC_USER, err);
		if (!u->pass)
			return false;
	}
	return true;
}

/* net/url's parse(rawURL, false), the part before '#'. */
static bool parse(struct url *u, const char *raw, size_t n, char **err)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)raw[i] < ' ' || raw[i] == 0x7f) {
			*err = xstrdup("net/url: invalid control character in URL");
			return false;
		}
	if (n == 1 && raw[0] == '*') {
		u->scheme = xstrdup("");
		u->path = xstrdup("*");
		return true;
	}
	const char *rest = raw;
	for (size_t i = 0; i < n; i++) {
		char c = raw[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			continue;
		if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
			if (i == 0)
				break;
			continue;
		}
		if (c == ':') {
			if (i == 0) {
				*err = xstrdup("missing protocol scheme");
				return false;
			}
			u->scheme = xstrndup(raw, i);
			for (char *p = u->scheme; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p += 'a' - 'A';
			rest = raw + i + 1;
		}
		break;
	}
	if (!u->scheme)
		u->scheme = xstrdup("");
	size_t rn = raw + n - rest;
	const char *q = memchr(rest, '?', rn);
	if (q && q == rest + rn - 1) {
		u->force_query = true;
		rn--;
		u->query = xstrdup("");
	} else if (q) {
		u->query = xstrndup(q + 1, rest + rn - q - 1);
		rn = q - rest;
	} else {
		u->query = xstrdup("");
	}
	if (rn == 0 || rest[0] != '/') {
		if (*u->scheme) {
			u->opaque = xstrndup(rest, rn);
			return true;
		}
		const char *slash = memchr(rest, '/', rn);
		if (memchr(rest, ':', (slash ? slash : rest + rn) - rest)) {
			*err = xstrdup("first path segment in URL cannot contain colon");
			return false;
		}
	}
	if (rn >= 2 && rest[0] == '/' && rest[1] == '/' && (*u->scheme || !(rn >= 3 && rest[2] == '/'))) {
		const char *a = rest + 2, *slash = memchr(a, '/', rest + rn - a);
		const char *aend = slash ? slash : rest + rn;
		if (!parse_authority(u, a, aend - a, err))
			return false;
		rn -= aend - rest;
		rest = aend;
	} else if (*u->scheme && rn > 0 && rest[0] == '/') {
		u->omit_host = true;
	}
	u->path = unescape(rest, rn, ENC_PATH, err);
	if (!u->path)
		return false;
	char *e = escaped(u->path, ENC_PATH);
	if (strlen(e) != rn || memcmp(e, rest, rn) != 0)
		u->raw_path = xstrndup(rest, rn);
	free(e);
	return true;
}

/* url.Parse: nil or the error text "parse \"RAW\": CAUSE". */
static bool url_parse(struct url *u, const char *raw, char **err)
{
	memset(u, 0, sizeof *u);
	const char *hash = strchr(raw, '#');
	size_t n = hash ? (size_t)(hash - raw) : strlen(raw);
	char *cause = NULL;
	bool ok = parse(u, raw, n, &cause);
	if (ok && hash && hash[1]) {
		u->fragment = unescape(hash + 1, strlen(hash + 1), ENC_FRAGMENT, &cause);
		ok = u->fragment != NULL;
		n = strlen(raw);
	}
	if (!ok) {
		buf b = BUF_INIT;
		buf_puts(&b, "parse ");
		go_strconv_quote(&b, raw, n);
		buf_printf(&b, ": %s", cause);
		free(cause);
		*err = buf_detach(&b, NULL);
		url_free(u);
		return false;
	}
	return true;
}

static void userinfo_string(buf *b, const struct url *u)
{
	escape(b, u->user ? u->user : "", ENC_USER);
	if (u->has_pass) {
		buf_putc(b, ':');
		escape(b, u->pass ? u->pass : "", ENC_USER);
	}
}

/* URL.String() */
static void url_string(buf *b, const struct url *u)
{
	buf_add(b, "", 0);
	const char *host = u->host ? u->host : "", *path = u->path ? u->path : "";
	if (*u->scheme) {
		buf_puts(b, u->scheme);
		buf_putc(b, ':');
	}
	if (u->opaque && *u->opaque) {
		buf_puts(b, u->opaque);
	} else {
		if (*u->scheme || *host || u->has_user) {
			if (!(u->omit_host && !*host && !u->has_user)) {
				if (*host || *path || u->has_user)
					buf_puts(b, "//");
				if (u->has_user) {
					userinfo_string(b, u);
					buf_putc(b, '@');
				}
				escape(b, host, ENC_HOST);
			}
		}
		char *p = strcmp(path, "*") == 0 ? xstrdup("*") : escaped(path, ENC_PATH);
		if (*p && *p != '/' && *host)
			buf_putc(b, '/');
		if (b->len == 0) {
			size_t seg = strcspn(p, "/");
			if (memchr(p, ':', seg))
				buf_puts(b, "./");
		}
		buf_puts(b, p);
		free(p);
	}
	if (u->force_query || (u->query && *u->query)) {
		buf_putc(b, '?');
		buf_puts(b, u->query ? u->query : "");
	}
	if (u->fragment && *u->fragment) {
		buf_putc(b, '#');
		escape(b, u->fragment, ENC_FRAGMENT);
	}
}

static hv *f_urlParse(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	struct url u;
	char *perr = NULL;
	if (!url_parse(&u, hv_get_str(argv[0]), &perr)) {
		*err = xasprintf("unable to parse url: %s", perr);
		free(perr);
		return NULL;
	}
	hv *m = hv_map();
	hv_map_set(m, "scheme", hv_str(u.scheme));
	hv_map_set(m, "host", hv_str(u.host ? u.host : ""));
	/* Hostname(): the host without a valid :port and without IPv6 brackets. */
	const char *h = u.host ? u.host : "";
	size_t hn = strlen(h);
	const char *colon = strrchr(h, ':');
	if (colon && valid_port(colon, h + hn - colon))
		hn = colon - h;
	if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']')
		hv_map_set(m, "hostname", hv_strn(h + 1, hn - 2));
	else
		hv_map_set(m, "hostname", hv_strn(h, hn));
	hv_map_set(m, "path", hv_str(u.path ? u.path : ""));
	hv_map_set(m, "query", hv_str(u.query ? u.query : ""));
	hv_map_set(m, "opaque", hv_str(u.opaque ? u.opaque : ""));
	hv_map_set(m, "fragment", hv_str(u.fragment ? u.fragment : ""));
	buf ui = BUF_INIT;
	if (u.has_user)
		userinfo_string(&ui, &u);
	hv_map_set(m, "userinfo", sprig_buf_value(&ui));
	url_free(&u);
	return m;
}

/* dictGetOrEmpty: the string under KEY, "" when absent; other types panic. */
static char *dict_string(const hv *d, const char *key, char **err)
{
	hv *v = hv_map_get(d, key);
	if (!v)
		return xstrdup("");
	if (hv_kind_of(v) == HV_NIL) {
		*err = xstrdup("runtime error: invalid memory address or nil pointer dereference");
		return NULL;
	}
	if (hv_kind_of(v) != HV_STRING) {
		*err = xasprintf("unable to parse %s key, must be of type string, but %s found", key, cast_kind(v));
		return NULL;
	}
	return xstrdup(hv_get_str(v));
}

static hv *f_urlJoin(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	static const char *const keys[] = {"scheme", "host", "path", "query", "opaque", "fragment", "userinfo"};
	char *val[7] = {NULL};
	for (int i = 0; i < 7; i++)
		if (!(val[i] = dict_string(argv[0], keys[i], err))) {
			for (int j = 0; j < i; j++)
				free(val[j]);
			return NULL;
		}
	struct url u = {.scheme = val[0], .host = val[1], .path = val[2], .query = val[3], .opaque = val[4], .fragment = val[5]};
	hv *r = NULL;
	bool ok = true;
	if (*val[6]) {
		char *raw = xasprintf("proto://%s@host", val[6]), *perr = NULL;
		struct url tmp;
		if (url_parse(&tmp, raw, &perr)) {
			u.has_user = tmp.has_user;
			u.has_pass = tmp.has_pass;
			u.user = tmp.user, tmp.user = NULL;
			u.pass = tmp.pass, tmp.pass = NULL;
			url_free(&tmp);
		} else {
			*err = xasprintf("unable to parse userinfo in dict: %s", perr);
			free(perr);
			ok = false;
		}
		free(raw);
	}
	if (ok) {
		buf b = BUF_INIT;
		url_string(&b, &u);
		r = sprig_buf_value(&b);
	}
	free(val[6]);
	url_free(&u);
	return r;
}

static const struct tmpl_func funcs[] = {
	{"urlParse", f_urlParse, "s", 0},
	{"urlJoin", f_urlJoin, "M", 0},
};

void sprig_register_url(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, sizeof funcs / sizeof funcs[0]);
}
