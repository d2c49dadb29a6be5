/* helm.h — what the helm dispatcher's command files share. */
#ifndef HELM_HELM_H
#define HELM_HELM_H

#include <stdbool.h>

#define HELM_CLIENT_VERSION "v2.17.0"

/* Helm v2's global flags and environment (settings.AddFlags / settings.Init). */
struct helm_settings {
	const char *home;             /* --home, $HELM_HOME, default $HOME/.helm */
	const char *host;             /* --host, $HELM_HOST */
	const char *kube_context;     /* --kube-context */
	const char *kubeconfig;       /* --kubeconfig, $KUBECONFIG */
	const char *tiller_namespace; /* --tiller-namespace, $TILLER_NAMESPACE, default kube-system */
	long tiller_connection_timeout;
	bool debug;                   /* --debug */
};
extern struct helm_settings settings;

/* One subcommand.  RUN gets argv with the global flags removed and argv[0] = the command's name;
 * it returns the exit status.  RUN == NULL marks a command of a later stage: it is listed in
 * help, and running it says "not implemented yet" and exits 2.
 * When HELP is non-NULL the dispatcher answers -h/--help itself with it (followed by the global
 * flags); a command with subcommands sets HELP to NULL and prints its own (helm_print_help). */
struct helm_cmd {
	const char *name;
	const char *summary;  /* the line in `helm --help` */
	const char *help;     /* long text, "Usage:" and "Flags:" sections, as Helm v2 prints them */
	int (*run)(int argc, char **argv);
	const char *aliases;  /* space-separated, or NULL */
};

extern const struct helm_cmd *const helm_commands[];
const struct helm_cmd *helm_find_command(const char *name);

/* Prints TEXT then the "Global Flags:" section, as cobra does for a subcommand. */
void helm_print_help(const char *text);
/* True when -h or --help appears in argv (before a "--"). */
bool helm_wants_help(int argc, char **argv);
/* Prints "Error: MESSAGE" on stderr as Helm does and returns 1. */
int helm_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error (wrong arguments, unknown flag): "Error: MESSAGE" and status 2 (the suite's
 * rule for usage errors). */
int helm_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Helm's LocateChart for a local chart: the absolute path of NAME (a directory or archive), or
 * NULL with *err ("path \"./x\" not found").  Charts from repositories are a later stage. */
char *helm_locate_chart(const char *name, char **err);

/* Command-line flags as cobra/pflag parse them: --name VALUE, --name=VALUE, -n VALUE, -nVALUE,
 * boolean --name / --name=false, flags and arguments in any order, "--" ends flags. */
enum flag_kind { FLAG_BOOL, FLAG_STRING, FLAG_STRINGS, FLAG_INT };
struct flag {
	const char *name;  /* long name without "--" */
	char shorthand;    /* or 0 */
	enum flag_kind kind;
	void *target;      /* bool *, const char **, struct strlist *, long * */
};
struct strlist {
	const char **v;
	int n;
};
/* Parses argv[1..]; positional arguments go to *args (malloc'd array, *nargs set).  On an
 * unknown flag or a missing value prints cobra's error and returns -1. */
int flags_parse(const struct flag *flags, int argc, char **argv, char ***args, int *nargs);

#endif
