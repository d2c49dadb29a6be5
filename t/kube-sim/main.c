/* main.c — kube-sim: a Kubernetes API server stand-in that real kubectl and Helm 3 accept.
 * Parses the command line, replays the journal, serves until SIGTERM. */
#include "ksim.h"
#include "util.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct ks_config ks_cfg = {.controllers = true, .controller_delay = 0.5, .watch_history = 8192, .cert_user = "admin,system:masters"};
pthread_mutex_t ks_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ks_changed;
volatile int ks_stopping;


static const char usage[] =
	"usage: kube-sim --listen 127.0.0.1:PORT --kubeconfig PATH [options]\n"
	"\n"
	"A Kubernetes API server stand-in for tests: real kubectl and Helm 3 accept it.\n"
	"Writes PATH (with the real port) once ready, then serves until SIGTERM.\n"
	"\n"
	"  --listen ADDR:PORT       address to listen on (127.0.0.1:0 picks a free port)\n"
	"  --kubeconfig PATH        kubeconfig to write for clients\n"
	"  --tls                    serve https with a generated CA and certificate\n"
	"  --data DIR               persist state in DIR (journal, replayed at start)\n"
	"  --policy FILE            users, tokens and the verbs they are granted\n"
	"  --no-controllers         never update status (workloads never become ready)\n"
	"  --controller-delay SECS  time before a workload reports ready (default 0.5)\n"
	"  --namespace-delay SECS   time a deleted namespace stays Terminating (default 0)\n"
	"  --faults FILE            faults to inject (JSON; also PUT /kube-sim/faults)\n"
	"  --log FILE               append one JSON line per request\n"
	"  --watch-history N        events kept for watches resuming from a resourceVersion\n"
	"                           (default 8192; older ones get 410 Expired)\n"
	"  --cert-user NAME[,GROUP...]  user and groups of the kubeconfig's client certificate\n"
	"                           (default admin,system:masters)\n"
	"  --help                   show this help\n";

static int open_listener(const char *spec)
{
	const char *colon = strrchr(spec, ':');
	if (!colon)
		return -1;
	char *host = xstrndup(spec, (size_t)(colon - spec));
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
	int ok = inet_pton(AF_INET, host, &a.sin_addr);
	free(host);
	if (ok != 1)
		return -1;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);   /* inherited by accepted sockets */
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) < 0 || listen(fd, 512) < 0)
		die("cannot listen on %s: %s", spec, strerror(errno));
	socklen_t len = sizeof a;
	getsockname(fd, (struct sockaddr *)&a, &len);
	ks_cfg.port = ntohs(a.sin_port);
	return fd;
}

static void write_kubeconfig(const char *path)
{
	buf b = BUF_INIT;
	const struct tls_material *t = http_tls();
	buf_printf(&b, "apiVersion: v1\nkind: Config\nclusters:\n- name: kube-sim\n  cluster:\n"
		"    server: %s://127.0.0.1:%d\n", ks_cfg.tls ? "https" : "http", ks_cfg.port);
	if (ks_cfg.tls) {
		char *ca = b64_encode((const unsigned char *)t->ca_pem, strlen(t->ca_pem));
		buf_printf(&b, "    certificate-authority-data: %s\n", ca);
		free(ca);
	}
	buf_puts(&b, "contexts:\n- name: kube-sim\n  context:\n    cluster: kube-sim\n    user: fake\n    namespace: default\n");
	if (ks_cfg.tls)
		buf_puts(&b, "- name: kube-sim-cert\n  context:\n    cluster: kube-sim\n    user: cert\n    namespace: default\n");
	buf_puts(&b, "current-context: kube-sim\nusers:\n- name: fake\n  user:\n    token: fake-token\n");
	if (ks_cfg.tls) {
		char *c = b64_encode((const unsigned char *)t->client_cert_pem, strlen(t->client_cert_pem));
		char *k = b64_encode((const unsigned char *)t->client_key_pem, strlen(t->client_key_pem));
		buf_printf(&b, "- name: cert\n  user:\n    client-certificate-data: %s\n    client-key-data: %s\n", c, k);
		free(c);
		free(k);
	}
	char *err = NULL;
	if (write_file_atomic(path, buf_str(&b), b.len, 0600, &err) < 0)
		die("%s", err);
	buf_free(&b);
}

/* The namespaces every cluster has. */
static void seed_namespaces(void)
{
	static const char *const names[] = {"default", "kube-node-lease", "kube-public", "kube-system", NULL};
	rtype *rt = kinds_find("", "v1", "namespaces");
	for (int i = 0; names[i]; i++) {
		if (namespace_exists(names[i]))
			continue;
		hv *ns = hv_map();
		hset_str(hchild(ns, "metadata"), "name", names[i]);
		reply rp = {0};
		struct write_opts o = {0};
		hv *dry = NULL;
		object_create(rt, NULL, ns, &o, &rp, &dry);
		buf_free(&rp.body);
	}
}

static double number(const char *opt, const char *s)
{
	char *end;
	double d = strtod(s, &end);
	if (*end || d < 0) {
		fprintf(stderr, "kube-sim: %s: not a non-negative number: %s\n%s", opt, s, usage);
		exit(2);
	}
	return d;
}

int main(int argc, char **argv)
{
	progname = "kube-sim";
	enum { O_TLS = 256, O_DATA, O_POLICY, O_NOCTL, O_FAULTS, O_LOG, O_CDELAY, O_NSDELAY, O_CERTUSER, O_HISTORY, O_HELP };
	static const struct option opts[] = {
		{"listen", required_argument, 0, 'l'}, {"kubeconfig", required_argument, 0, 'k'},
		{"tls", no_argument, 0, O_TLS}, {"data", required_argument, 0, O_DATA},
		{"policy", required_argument, 0, O_POLICY}, {"no-controllers", no_argument, 0, O_NOCTL},
		{"faults", required_argument, 0, O_FAULTS}, {"log", required_argument, 0, O_LOG},
		{"controller-delay", required_argument, 0, O_CDELAY},
		{"namespace-delay", required_argument, 0, O_NSDELAY},
		{"cert-user", required_argument, 0, O_CERTUSER}, {"watch-history", required_argument, 0, O_HISTORY}, {"help", no_argument, 0, O_HELP}, {0, 0, 0, 0}};
	const char *listen_spec = NULL, *kubeconfig = NULL;
	int c;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l': listen_spec = optarg; break;
		case 'k': kubeconfig = optarg; break;
		case O_TLS: ks_cfg.tls = true; break;
		case O_DATA: ks_cfg.data_dir = optarg; break;
		case O_POLICY: ks_cfg.policy_file = optarg; break;
		case O_NOCTL: ks_cfg.controllers = false; break;
		case O_FAULTS: ks_cfg.faults_file = optarg; break;
		case O_LOG: ks_cfg.log_file = optarg; break;
		case O_CDELAY: ks_cfg.controller_delay = number("--controller-delay", optarg); break;
		case O_NSDELAY: ks_cfg.namespace_delay = number("--namespace-delay", optarg); break;
		case O_CERTUSER: ks_cfg.cert_user = optarg; break;
		case O_HISTORY:
			ks_cfg.watch_history = (size_t)number("--watch-history", optarg);
			if (ks_cfg.watch_history < 1)
				ks_cfg.watch_history = 1;
			break;
		case O_HELP: fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return 2;
		}
	}
	if (optind != argc || !listen_spec || !kubeconfig) {
		fputs(usage, stderr);
		return 2;
	}
	int fd = open_listener(listen_spec);
	if (fd < 0) {
		fprintf(stderr, "kube-sim: --listen: want ADDR:PORT with an IPv4 address: %s\n%s", listen_spec, usage);
		return 2;
	}

	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&ks_changed, &ca);

	kinds_init();
	store_init();
	auth_load(ks_cfg.policy_file);
	faults_load_file(ks_cfg.faults_file);
	reqlog_open(ks_cfg.log_file);
	journal_open(ks_cfg.data_dir);
	seed_namespaces();
	http_start(fd);
	controller_start();
	write_kubeconfig(kubeconfig);

	int sig;
	sigwait(&sigs, &sig);

	pthread_mutex_lock(&ks_lock);
	ks_stopping = 1;
	pthread_cond_broadcast(&ks_changed);
	pthread_mutex_unlock(&ks_lock);
	controller_stop();
	http_stop();
	close(fd);
	journal_close();
	reqlog_close();
	faults_free();
	auth_free();
	store_free();
	discovery_free();
	kinds_free();
	return 0;
}
