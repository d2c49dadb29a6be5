#define _GNU_SOURCE
#include "pipeline.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <spawn.h>
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

/* Starts one stage with stdin, stdout and stderr wired to IN_FD, OUT_FD and ERR_FD (-1: ours),
 * and SIGPIPE as it was; returns its pid, or -1 after saying why on stderr.  posix_spawn, not
 * fork: the child does not copy our page tables only to replace them. */
static pid_t start_stage(char *const *argv, int in_fd, int out_fd, int err_fd)
{
	extern char **environ;
	char *path = spawn_find_tool(argv[0]);
	if (!path) {
		fprintf(stderr, "%s: %s: command not found\n", progname, argv[0]);
		return -1;
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	int fds[3] = {in_fd, out_fd, err_fd};
	for (int i = 0; i < 3; i++)
		if (fds[i] >= 0 && fds[i] != i)
			posix_spawn_file_actions_adddup2(&fa, fds[i], i);
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	sigset_t pipe_only;
	sigemptyset(&pipe_only);
	sigaddset(&pipe_only, SIGPIPE);
	posix_spawnattr_setsigdefault(&at, &pipe_only);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF);
	pid_t pid;
	int e = posix_spawn(&pid, path, &fa, &at, argv, environ);
	if (e)
		fprintf(stderr, "%s: %s: %s\n", progname, argv[0], strerror(e));
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	free(path);
	return e ? -1 : pid;
}

/* A pipe the parent drains into a buffer. */
struct drain {
	int fd;
	buf *into;
};

/* Feeds IN to fd `w` and drains every reader into its buffer until all are done. */
static void pump(int w, const char *in, size_t inlen, struct drain *r, size_t nr)
{
	size_t off = 0;
	struct pollfd *p = xcalloc(nr + 1, sizeof *p);
	if (w >= 0)
		set_nonblock(w);
	for (;;) {
		if (w >= 0 && off == inlen) {
			close(w);
			w = -1;
		}
		nfds_t np = 0;
		p[np++] = (struct pollfd){.fd = w, .events = POLLOUT}; /* fd -1 is skipped by poll */
		bool open = w >= 0;
		for (size_t i = 0; i < nr; i++) {
			p[np++] = (struct pollfd){.fd = r[i].fd, .events = POLLIN};
			open |= r[i].fd >= 0;
		}
		if (!open)
			break;
		if (poll(p, np, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents) {
			ssize_t k = write(w, in + off, inlen - off);
			if (k > 0)
				off += (size_t)k;
			else if (k < 0 && errno != EAGAIN && errno != EINTR)
				off = inlen; /* reader went away (EPIPE): stop feeding */
		}
		for (size_t i = 0; i < nr; i++) {
			if (!p[i + 1].revents)
				continue;
			char chunk[65536];
			ssize_t k = read(r[i].fd, chunk, sizeof chunk);
			if (k > 0) {
				buf_add(r[i].into, chunk, (size_t)k);
			} else if (k == 0 || (errno != EAGAIN && errno != EINTR)) {
				close(r[i].fd);
				r[i].fd = -1;
			}
		}
	}
	if (w >= 0)
		close(w);
	for (size_t i = 0; i < nr; i++) /* left open only when poll failed */
		if (r[i].fd >= 0)
			close(r[i].fd);
	free(p);
}

static int wait_status(pid_t pid)
{
	int st;
	if (pid <= 0)
		return 127;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 127;
	return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 1;
}

int spawn_pipeline(char *const *const *argvs, size_t n, const char *in, size_t inlen, buf *out)
{
	if (n == 0)
		return 0;
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	sigaction(SIGPIPE, &ign, &old);
	fflush(NULL);

	pid_t *pids = xcalloc(n, sizeof *pids);
	buf *errs = xcalloc(n, sizeof *errs);
	struct drain *drains = xcalloc(n + 1, sizeof *drains);
	size_t ndrains = 0;
	int feed = -1, first_read = -1;
	if (in) {
		int p[2];
		if (pipe2(p, O_CLOEXEC) == 0) {
			first_read = p[0];
			feed = p[1];
		}
	}
	/* The pipes first: stage i writes link[i], which stage i + 1 reads (the last stage's is OUT's,
	 * when collected).  Then the stages, the last one first: in `helm template` it has the most
	 * to do before its input is of use (loading the chart), and the others are soon done. */
	int (*link)[2] = xmalloc(n * sizeof *link), (*err)[2] = xmalloc(n * sizeof *err);
	for (size_t i = 0; i < n; i++) {
		if ((i + 1 == n && !out) || pipe2(link[i], O_CLOEXEC) != 0)
			link[i][0] = link[i][1] = -1;
		if (i == 0 || pipe2(err[i], O_CLOEXEC) != 0)
			err[i][0] = err[i][1] = -1;
	}
	for (size_t i = n; i-- > 0;) {
		int rd = i ? link[i - 1][0] : first_read;
		pids[i] = start_stage(argvs[i], rd, link[i][1], err[i][1]);
		if (rd >= 0)
			close(rd);
		if (link[i][1] >= 0)
			close(link[i][1]);
		if (err[i][1] >= 0) {
			close(err[i][1]);
			drains[ndrains++] = (struct drain){err[i][0], &errs[i]};
		}
	}
	if (link[n - 1][0] >= 0)
		drains[ndrains++] = (struct drain){link[n - 1][0], out};
	free(link);
	free(err);
	pump(feed, in, inlen, drains, ndrains);

	/* The first stage that failed decides; a stage before it killed by SIGPIPE only lost its
	 * reader.  Standard error of the stages after it is dropped: their failure follows from it. */
	int status = 0;
	for (size_t i = 0; i < n; i++) {
		int st = wait_status(pids[i]);
		if (status == 0 && errs[i].len)
			fwrite(errs[i].s, 1, errs[i].len, stderr);
		if (status == 0 && st != 0 && !(st == 128 + SIGPIPE && i + 1 < n))
			status = st;
		buf_free(&errs[i]);
	}
	fflush(stderr);
	free(drains);
	free(errs);
	free(pids);
	sigaction(SIGPIPE, &old, NULL);
	return status;
}

int spawn_run(char *const *argv, const char *in, size_t inlen, buf *out)
{
	char *const *argvs[1] = {argv};
	return spawn_pipeline(argvs, 1, in, inlen, out);
}
