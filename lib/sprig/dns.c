/* dns.c — getHostByName as Sprig has it (net.LookupHost, then one of the addresses), for
 * Helm's --enable-dns.  A file of its own: only a tool that offers it links the resolver (a
 * statically linked helm-render has no use for glibc's NSS). */
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "sprig/ext.h"
#include "sprig/sprig.h"
#include "util.h"

/* net.LookupHost, then a random one of the addresses; with none Go's rand.Intn(0) panics. */
static hv *f_getHostByName(tmpl_ctx *c, hv **argv, int argc, char **err)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res = NULL;
	char **addrs = NULL;
	size_t n = 0;
	if (getaddrinfo(hv_get_str(argv[0]), NULL, &hints, &res) == 0) {
		for (struct addrinfo *a = res; a; a = a->ai_next) {
			char host[NI_MAXHOST];
			if (getnameinfo(a->ai_addr, a->ai_addrlen, host, sizeof host, NULL, 0, NI_NUMERICHOST))
				continue;
			bool seen = false;
			for (size_t i = 0; i < n && !seen; i++)
				seen = strcmp(addrs[i], host) == 0;
			if (!seen) {
				addrs = xrealloc(addrs, (n + 1) * sizeof *addrs);
				addrs[n++] = xstrdup(host);
			}
		}
		freeaddrinfo(res);
	}
	hv *r = n ? hv_str(addrs[(size_t)rand() % n]) : sprig_fail(err, "invalid argument to Intn");
	for (size_t i = 0; i < n; i++)
		free(addrs[i]);
	free(addrs);
	return r;
}

void sprig_register_dns(tmpl_funcs *fs)
{
	static const struct tmpl_func lookup = {"getHostByName", f_getHostByName, "s", 0};
	tmpl_funcs_add(fs, &lookup);
}
