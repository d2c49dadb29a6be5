#define _GNU_SOURCE
#include "spawn.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char *executable_in(const char *dir, size_t dirlen, const char *name)
{
	char *p = xasprintf("%.*s/%s", (int)dirlen, dir, name);
	struct stat st;
	if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0)
		return p;
	free(p);
	return NULL;
}

char *spawn_find_tool(const char *name)
{
	if (strchr(name, '/'))
		return xstrdup(name);
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = 0;
		char *slash = strrchr(self, '/');
		char *p = slash ? executable_in(self, (size_t)(slash - self), name) : NULL;
		if (p)
			return p;
	}
	const char *path = getenv("PATH");
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *d = path;; ) {
		const char *end = strchr(d, ':');
		size_t len = end ? (size_t)(end - d) : strlen(d);
		char *p = len ? executable_in(d, len, name) : executable_in(".", 1, name);
		if (p)
			return p;
		if (!end)
			break;
		d = end + 1;
	}
	return NULL;
}

static void set_nonblock(int fd)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* Child side of one stage: wire stdin/stdout and exec; never returns. */
static void exec_stage(char *const *argv, int in_fd, int out_fd)
{
	if (in_fd >= 0 && in_fd != 0) {
		dup2(in_fd, 0);
		close(in_fd);
	}
	if (out_fd >= 0 && out_fd != 1) {
		dup2(out_fd, 1);
		close(out_fd);
	}
	char *path = spawn_find_tool(argv[0]);
	if (path)
		execv(path, argv);
	fprintf(stderr, "%s: %s: %s\n", progname, argv[0], path ? strerror(errno) : "command not found");
	_exit(127);
}

/* Feeds IN to fd `w` and drains fd `r` into OUT until both are done. */
static void pump(int w, const char *in, size_t inlen, int r, buf *out)
{
	size_t off = 0;
	if (w >= 0)
		set_nonblock(w);
	while (w >= 0 || r >= 0) {
		struct pollfd p[2];
		int np = 0, wi = -1, ri = -1;
		if (w >= 0) {
			if (off == inlen) {
				close(w);
				w = -1;
				continue;
			}
			wi = np;
			p[np++] = (struct pollfd){.fd = w, .events = POLLOUT};
		}
		if (r >= 0) {
			ri = np;
			p[np++] = (struct pollfd){.fd = r, .events = POLLIN};
		}
		if (poll(p, (nfds_t)np, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (wi >= 0 && p[wi].revents) {
			ssize_t k = write(w, in + off, inlen - off);
			if (k > 0)
				off += (size_t)k;
			else if (k < 0 && errno != EAGAIN && errno != EINTR)
				off = inlen; /* reader went away (EPIPE): stop feeding */
		}
		if (ri >= 0 && p[ri].revents) {
			char chunk[65536];
			ssize_t k = read(r, chunk, sizeof chunk);
			if (k > 0)
				buf_add(out, chunk, (size_t)k);
			else if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
				close(r);
				r = -1;
			}
		}
	}
	if (w >= 0)
		close(w);
	if (r >= 0)
		close(r);
}

int spawn_pipeline(char *const *const *argvs, size_t n, const char *in, size_t inlen, buf *out)
{
	if (n == 0)
		return 0;
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	sigaction(SIGPIPE, &ign, &old);
	fflush(NULL);

	pid_t *pids = xcalloc(n, sizeof *pids);
	int feed = -1, collect = -1;
	int prev_read = -1;
	if (in) {
		int p[2];
		if (pipe2(p, O_CLOEXEC) == 0) {
			prev_read = p[0];
			feed = p[1];
		}
	}
	for (size_t i = 0; i < n; i++) {
		int p[2] = {-1, -1};
		bool last = i + 1 == n;
		if ((!last || out) && pipe2(p, O_CLOEXEC) != 0)
			p[0] = p[1] = -1;
		pids[i] = fork();
		if (pids[i] == 0) {
			sigaction(SIGPIPE, &old, NULL);
			exec_stage(argvs[i], prev_read, p[1]);
		}
		if (pids[i] < 0)
			warnf("fork: %s", strerror(errno));
		if (prev_read >= 0)
			close(prev_read);
		if (p[1] >= 0)
			close(p[1]);
		prev_read = p[0];
	}
	collect = prev_read;
	if (feed >= 0 || collect >= 0) {
		buf sink = BUF_INIT;
		pump(feed, in, inlen, collect, out ? out : &sink);
		buf_free(&sink);
	}

	int status = 0;
	for (size_t i = 0; i < n; i++) {
		int st = 127;
		if (pids[i] > 0) {
			while (waitpid(pids[i], &st, 0) < 0 && errno == EINTR)
				;
			st = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 1;
		}
		if (st != 0)
			status = st;
	}
	free(pids);
	sigaction(SIGPIPE, &old, NULL);
	return status;
}

int spawn_run(char *const *argv, const char *in, size_t inlen, buf *out)
{
	char *const *argvs[1] = {argv};
	return spawn_pipeline(argvs, 1, in, inlen, out);
}
