/* path.c — Sprig's path functions: base, dir, clean, ext, isAbs (Go's path) and the os*
 * variants (Go's path/filepath, the same on Unix); also getHostByName: "" as Helm has it
 * without --enable-dns (dns.c has the lookup). */
#include <stdlib.h>
#include <string.h>

#include "sprig/ext.h"
#include "sprig/sprig.h"
#include "util.h"

/* path.Clean of S[0..n) appended to OUT. */
static void clean(buf *out, const char *p, size_t n)
{
	if (n == 0) {
		buf_puts(out, ".");
		return;
	}
	bool rooted = p[0] == '/';
	char *o = xmalloc(n + 2);
	size_t w = 0, r = 0, dotdot = 0;
	if (rooted) {
		o[w++] = '/';
		r = dotdot = 1;
	}
	while (r < n) {
		if (p[r] == '/') {
			r++;
		} else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
			r++;
		} else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				w--;
				while (w > dotdot && o[w] != '/')
					w--;
			} else if (!rooted) {
				if (w > 0)
					o[w++] = '/';
				o[w++] = '.';
				o[w++] = '.';
				dotdot = w;
			}
		} else {
			if ((rooted && w != 1) || (!rooted && w != 0))
				o[w++] = '/';
			for (; r < n && p[r] != '/'; r++)
				o[w++] = p[r];
		}
	}
	if (w == 0)
		buf_puts(out, ".");
	else
		buf_add(out, o, w);
	free(o);
}

static hv *f_base(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	const char *p = hv_get_str(argv[0]);
	size_t n = hv_str_len(argv[0]);
	if (n == 0)
		return hv_str(".");
	while (n > 0 && p[n - 1] == '/')
		n--;
	size_t i = n;
	while (i > 0 && p[i - 1] != '/')
		i--;
	return n - i ? hv_strn(p + i, n - i) : hv_str("/");
}

static hv *f_dir(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	const char *p = hv_get_str(argv[0]);
	size_t i = hv_str_len(argv[0]);
	while (i > 0 && p[i - 1] != '/')
		i--;
	buf b = BUF_INIT;
	clean(&b, p, i);
	return sprig_buf_value(&b);
}

static hv *f_clean(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	buf b = BUF_INIT;
	clean(&b, hv_get_str(argv[0]), hv_str_len(argv[0]));
	return sprig_buf_value(&b);
}

static hv *f_ext(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	const char *p = hv_get_str(argv[0]);
	size_t n = hv_str_len(argv[0]);
	for (size_t i = n; i > 0 && p[i - 1] != '/'; i--)
		if (p[i - 1] == '.')
			return hv_strn(p + i - 1, n - i + 1);
	return hv_str("");
}

static hv *f_isAbs(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return hv_bool(hv_str_len(argv[0]) > 0 && hv_get_str(argv[0])[0] == '/');
}

/* Helm (3.11 and later) without --enable-dns: no lookup at all. */
static hv *f_getHostByName_off(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	return hv_str("");
}

static const struct tmpl_func funcs[] = {
	{"base", f_base, "s", 0},
	{"dir", f_dir, "s", 0},
	{"clean", f_clean, "s", 0},
	{"ext", f_ext, "s", 0},
	{"isAbs", f_isAbs, "s", 0},
	{"osBase", f_base, "s", 0},
	{"osClean", f_clean, "s", 0},
	{"osDir", f_dir, "s", 0},
	{"osExt", f_ext, "s", 0},
	{"osIsAbs", f_isAbs, "s", 0},
	{"getHostByName", f_getHostByName_off, "s", 0},
};

void sprig_register_path(tmpl_funcs *fs)
{
	tmpl_funcs_add_all(fs, funcs, sizeof funcs / sizeof funcs[0]);
}
