/* helm completion bash|zsh: a completion script built from the command table. */
#include "helm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"\n"
	"Generate autocompletions script for Helm for the specified shell (bash or zsh).\n"
	"\n"
	"This command can generate shell autocompletions. e.g.\n"
	"\n"
	"\t$ helm completion bash\n"
	"\n"
	"Can be sourced as such\n"
	"\n"
	"\t$ source <(helm completion bash)\n"
	"\n"
	"Usage:\n"
	"  helm completion SHELL [flags]\n"
	"\n"
	"Flags:\n"
	"  -h, --help   help for completion\n";

static void print_command_names(void)
{
	for (int i = 0; helm_commands[i]; i++)
		printf("%s%s", i ? " " : "", helm_commands[i]->name);
}

static void bash(void)
{
	fputs("# bash completion for helm\n"
	      "__helm_complete()\n"
	      "{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]}\n"
	      "\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"", stdout);
	print_command_names();
	fputs("\" -- \"$cur\"))\n"
	      "\telse\n"
	      "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	      "\tfi\n"
	      "}\n"
	      "complete -o default -F __helm_complete helm\n", stdout);
}

static void zsh(void)
{
	fputs("#compdef helm\n"
	      "# zsh completion for helm\n"
	      "_helm()\n"
	      "{\n"
	      "\tif (( CURRENT == 2 )); then\n"
	      "\t\tcompadd -- ", stdout);
	print_command_names();
	fputs("\n"
	      "\telse\n"
	      "\t\t_files\n"
	      "\tfi\n"
	      "}\n"
	      "compdef _helm helm\n", stdout);
}

static int run(int argc, char **argv)
{
	const struct flag flags[] = {{0}};
	char **args;
	int nargs, status = 0;
	if (flags_parse(flags, argc, argv, &args, &nargs) < 0)
		return 2;
	if (nargs == 0)
		status = helm_usage_error("shell not specified");
	else if (nargs > 1)
		status = helm_usage_error("too many arguments, expected only the shell type");
	else if (strcmp(args[0], "bash") == 0)
		bash();
	else if (strcmp(args[0], "zsh") == 0)
		zsh();
	else
		status = helm_usage_error("unsupported shell type \"%s\"", args[0]);
	free(args);
	return status;
}

const struct helm_cmd cmd_completion = {"completion",
	"Generate autocompletions script for the specified shell (bash or zsh)", help, run, NULL};
