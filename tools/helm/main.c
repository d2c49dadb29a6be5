/* helm — the dispatcher: Helm v2's command line; each subcommand runs in-process for chart
 * tooling or spawns the suite's tools (helm-package, helm-render, ...) as a pipeline. */
#include "helm.h"
#include "util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct helm_settings settings;

static const char global_usage[] =
	"The Kubernetes package manager\n"
	"\n"
	"To begin working with Helm, run the 'helm init' command:\n"
	"\n"
	"\t$ helm init\n"
	"\n"
	"This will install Tiller to your running Kubernetes cluster.\n"
	"It will also set up any necessary local configuration.\n"
	"\n"
	"Common actions from this point include:\n"
	"\n"
	"- helm search:    search for charts\n"
	"- helm fetch:     download a chart to your local directory to view\n"
	"- helm install:   upload the chart to Kubernetes\n"
	"- helm list:      list releases of charts\n"
	"\n"
	"Environment:\n"
	"  $HELM_HOME           set an alternative location for Helm files. By default, these are stored in ~/.helm\n"
	"  $HELM_HOST           set an alternative Tiller host. The format is host:port\n"
	"  $HELM_NO_PLUGINS     disable plugins. Set HELM_NO_PLUGINS=1 to disable plugins.\n"
	"  $TILLER_NAMESPACE    set an alternative Tiller namespace (default \"kube-system\")\n"
	"  $KUBECONFIG          set an alternative Kubernetes configuration file (default \"~/.kube/config\")\n"
	"\n";

static char *default_home;

static void print_global_flags(FILE *f, bool with_help)
{
	fprintf(f, "      --debug                           enable verbose output\n");
	if (with_help)
		fprintf(f, "  -h, --help                            help for helm\n");
	fprintf(f, "      --home string                     location of your Helm config. Overrides $HELM_HOME (default \"%s\")\n"
	           "      --host string                     address of Tiller. Overrides $HELM_HOST\n"
	           "      --kube-context string             name of the kubeconfig context to use\n"
	           "      --kubeconfig string               absolute path to the kubeconfig file to use\n"
	           "      --tiller-connection-timeout int   the duration (in seconds) Helm will wait to establish a connection to tiller (default 300)\n"
	           "      --tiller-namespace string         namespace of Tiller (default \"kube-system\")\n",
		default_home);
}

static void print_root_help(void)
{
	fputs(global_usage, stdout);
	fputs("Usage:\n  helm [command]\n\nAvailable Commands:\n", stdout);
	bool help_listed = false; /* cobra's own "help" command, in its alphabetical place */
	for (int i = 0; helm_commands[i]; i++) {
		if (!help_listed && strcmp(helm_commands[i]->name, "help") > 0) {
			printf("  %-11s %s\n", "help", "Help about any command");
			help_listed = true;
		}
		printf("  %-11s %s\n", helm_commands[i]->name, helm_commands[i]->summary);
	}
	fputs("\nFlags:\n", stdout);
	print_global_flags(stdout, true);
	fputs("\nUse \"helm [command] --help\" for more information about a command.\n", stdout);
}

void helm_print_help(const char *text)
{
	fputs(text, stdout);
	fputs("\nGlobal Flags:\n", stdout);
	print_global_flags(stdout, false);
}

bool helm_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return true;
	}
	return false;
}

int helm_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout); /* what was printed comes first, as Go's unbuffered output has it */
	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int helm_usage_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 2;
}

const struct helm_cmd *helm_find_command(const char *name)
{
	for (int i = 0; helm_commands[i]; i++) {
		const struct helm_cmd *c = helm_commands[i];
		if (strcmp(c->name, name) == 0)
			return c;
		for (const char *a = c->aliases; a && *a;) {
			size_t n = strcspn(a, " ");
			if (n == strlen(name) && strncmp(a, name, n) == 0)
				return c;
			a += n + (a[n] == ' ');
		}
	}
	return NULL;
}

/* Global flags may appear anywhere before "--" (cobra's persistent flags); this takes them out
 * of argv and returns the new argc. */
static int take_global_flags(int argc, char **argv)
{
	static const struct { const char *name; const char **target; } str[] = {
		{"home", &settings.home},
		{"host", &settings.host},
		{"kube-context", &settings.kube_context},
		{"kubeconfig", &settings.kubeconfig},
		{"tiller-namespace", &settings.tiller_namespace},
		{"tiller-connection-timeout", NULL},
	};
	int out = 1;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		if (strcmp(a, "--debug") == 0 || strcmp(a, "--debug=true") == 0) {
			settings.debug = true;
			continue;
		}
		if (strcmp(a, "--debug=false") == 0) {
			settings.debug = false;
			continue;
		}
		bool taken = false;
		for (size_t k = 0; k < sizeof str / sizeof *str && !taken; k++) {
			size_t n = strlen(str[k].name);
			if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, str[k].name, n) != 0)
				continue;
			const char *val;
			if (a[2 + n] == '=')
				val = a + 3 + n;
			else if (a[2 + n] == 0 && i + 1 < argc)
				val = argv[++i];
			else if (a[2 + n] == 0)
				exit(helm_usage_error("flag needs an argument: --%s", str[k].name));
			else
				continue;
			if (str[k].target)
				*str[k].target = val;
			else {
				char *end;
				settings.tiller_connection_timeout = strtol(val, &end, 10);
				if (*end || !*val)
					exit(helm_usage_error("invalid argument \"%s\" for \"--%s\" flag: strconv.ParseInt: parsing \"%s\": invalid syntax",
						val, str[k].name, val));
			}
			taken = true;
		}
		if (!taken)
			argv[out++] = a;
	}
	argv[out] = NULL;
	return out;
}

static const char *env_or(const char *flag, const char *env, const char *dflt)
{
	if (flag)
		return flag;
	const char *e = getenv(env);
	return e && *e ? e : dflt;
}

int main(int argc, char **argv)
{
	progname = "helm";
	const char *home = getenv("HOME");
	default_home = xasprintf("%s/.helm", home ? home : "");
	settings.tiller_connection_timeout = 300;
	argc = take_global_flags(argc, argv);
	settings.home = env_or(settings.home, "HELM_HOME", default_home);
	settings.host = env_or(settings.host, "HELM_HOST", "");
	settings.kubeconfig = env_or(settings.kubeconfig, "KUBECONFIG", "");
	settings.tiller_namespace = env_or(settings.tiller_namespace, "TILLER_NAMESPACE", "kube-system");
	if (!settings.kube_context)
		settings.kube_context = "";

	int status;
	if (argc < 2 || (argv[1][0] == '-' && helm_wants_help(argc, argv))) {
		print_root_help();
		status = 0;
	} else if (strcmp(argv[1], "help") == 0) {
		const struct helm_cmd *c = argc > 2 ? helm_find_command(argv[2]) : NULL;
		char *hargv[] = {argv[argc > 2 ? 2 : 1], "--help", NULL};
		status = 0;
		if (c && c->help)
			helm_print_help(c->help);
		else if (c && c->run)
			status = c->run(2, hargv);
		else
			print_root_help();
	} else if (argv[1][0] == '-') {
		status = helm_usage_error("unknown flag: %s", argv[1]);
	} else {
		const struct helm_cmd *c = helm_find_command(argv[1]);
		if (!c) {
			fprintf(stderr, "Error: unknown command \"%s\" for \"helm\"\nRun 'helm --help' for usage.\n", argv[1]);
			status = 2;
		} else if (c->help && helm_wants_help(argc - 1, argv + 1)) {
			helm_print_help(c->help);
			status = 0;
		} else if (!c->run) {
			fprintf(stderr, "helm: %s: not implemented yet\n", c->name);
			status = 2;
		} else {
			status = c->run(argc - 1, argv + 1);
		}
	}
	free(default_home);
	return status;
}
