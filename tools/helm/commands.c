/* The command table of helm, in the order `helm --help` lists them.
 *
 * To add a command NAME: write tools/helm/cmd_NAME.c defining
 *	const struct helm_cmd cmd_NAME = {"NAME", "Summary line", help_text, run_function, "aliases"};
 * (see helm.h) and add one line `X(NAME) \` below, in alphabetical order.  Commands of later
 * stages live in cmd_later.c until someone implements them: then move the definition into
 * cmd_NAME.c (the table line stays). */
#include "helm.h"

#include <stddef.h>

#define HELM_COMMANDS(X) \
	X(completion) \
	X(create) \
	X(delete) \
	X(dependency) \
	X(fetch) \
	X(get) \
	X(history) \
	X(home) \
	X(init) \
	X(inspect) \
	X(install) \
	X(lint) \
	X(list) \
	X(package) \
	X(plugin) \
	X(repo) \
	X(reset) \
	X(rollback) \
	X(search) \
	X(serve) \
	X(status) \
	X(template) \
	X(test) \
	X(upgrade) \
	X(verify) \
	X(version)

#define DECLARE(name) extern const struct helm_cmd cmd_##name;
HELM_COMMANDS(DECLARE)
#define ENTRY(name) &cmd_##name,
const struct helm_cmd *const helm_commands[] = {HELM_COMMANDS(ENTRY) NULL};
