/* The dispatcher: finds the command in the table, parses and checks its
 * arguments (cli-parse.c), then logs in when the command needs it, runs
 * it and logs out. Nothing secret is read before the arguments are known
 * to be usable. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/service.h"
#include "util/err.h"
#include "util/i18n.h"

int
cli_error(const char *msg)
{
	fprintf(stderr, "mynadesk: %s\n", msg);
	return 1;
}

int
cli_done(int rc, char *err)
{
	int status = rc < 0 ? cli_exit_status(err) : 0;

	if (rc < 0)
		cli_error(err ? err : _("failed"));
	free(err);
	return status;
}

int
cli_input_error(char *err, const char *fallback)
{
	if (err == NULL)
		(void)err_set(&err, "%s", fallback);
	(void)err_mark(&err, ERR_INPUT, ERR_FIELD_SOURCE);
	return cli_done(-1, err);
}

int
cli_exit_status(const char *err)
{
	/* The man page's table: 1 refused or failed, 2 unusable input. A
	 * failure without a message is a failure, not a usage error. */
	switch (err_code_of(err)) {
	case ERR_INPUT:
		return 2;
	case ERR_NONE:
	case ERR_FAILED:
	case ERR_REFUSED:
		break;
	}
	return 1;
}

int
cli_usage_error(char *err)
{
	cli_error(err ? err : _("failed"));
	free(err);
	return 2;
}

void
cli_usage(FILE *out)
{
	const struct cli_command *cmds;
	size_t i, n;

	cmds = cli_command_list(&n);
	fprintf(out, _("usage: mynadesk [--vault DIR] [--idle-lock MINUTES|Ns]  "
	    "open the console\n"
	    "       mynadesk COMMAND [OPTIONS]       run one command\n"
	    "       mynadesk help COMMAND            its options, one a line\n"
	    "\ncommands:\n"));
	for (i = 0; i < n; i++)
		fprintf(out, "  %-24s %s\n", cmds[i].name, _(cmds[i].help));
	fprintf(out, _("\ncommon options: --vault DIR  --user NAME  --password-fd N  "
	    "--recovery-key-fd N\npasswords are read from the terminal or from the "
	    "given descriptor, never from arguments.\nsee mynadesk(1).\n"));
}

int
cli_opt_fd(const struct cli_args *a, enum cli_opt o)
{
	return a->opt[o] != NULL ? (int)a->num[o] : -1;
}

/* How many of the command's words argv starts with: all of them, or 0. */
static int
cli_words_match(const char *name, int argc, char **argv)
{
	int used = 0;

	while (*name != '\0') {
		size_t len = strcspn(name, " ");

		if (used == argc || strlen(argv[used]) != len ||
		    strncmp(argv[used], name, len) != 0)
			return 0;
		used++;
		name += len;
		name += *name == ' ';
	}
	return used;
}

const struct cli_command *
cli_find(int argc, char **argv, int *used)
{
	const struct cli_command *cmds, *best = NULL;
	size_t i, n;
	int u;

	cmds = cli_command_list(&n);
	*used = 0;
	for (i = 0; i < n; i++)
		if ((u = cli_words_match(cmds[i].name, argc, argv)) > *used) {
			*used = u;
			best = &cmds[i];
		}
	return best;
}

/* mynadesk help [WORD [WORD]]: everything, one command, or a group. */
static int
cli_help(int argc, char **argv)
{
	const struct cli_command *cmd;
	int used = 0;

	if (argc == 0) {
		cli_usage(stdout);
		return 0;
	}
	if ((cmd = cli_find(argc, argv, &used)) != NULL && used == argc) {
		cli_help_command(stdout, cmd);
		return 0;
	}
	if (argc == 1 && cli_help_group(stdout, argv[0]) > 0)
		return 0;
	fprintf(stderr, _("mynadesk: help: no command '%s%s%s': 'mynadesk help' "
	    "lists them\n"), argv[0], argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
	return 2;
}

/* No command by these words: a group's first word lists the group. */
static int
cli_unknown(int argc, char **argv)
{
	if (argc >= 1 && cli_help_group(stderr, argv[0]) > 0) {
		if (argc == 1)
			fprintf(stderr, _("mynadesk: %s: say which of these\n"), argv[0]);
		else
			fprintf(stderr, _("mynadesk: %s: no command '%s' in this "
			    "group\n"), argv[0], argv[1]);
		return 2;
	}
	fprintf(stderr, _("mynadesk: unknown command '%s': 'mynadesk help' "
	    "lists them\n"), argv[0]);
	return 2;
}

/* Logs in for a CLI_LOGIN command, runs it and logs out. */
static int
cli_run(const struct cli_command *cmd, struct cli_args *a)
{
	int rc;

	if (!(cmd->flags & CLI_LOGIN))
		return cmd->run(a);
	if ((a->s = cli_login(a)) == NULL)
		return 1;
	rc = cmd->run(a);
	ops_logout(a->s);
	a->s = NULL;
	return rc;
}

int
cli_main(int argc, char **argv)
{
	const struct cli_command *cmd;
	struct cli_args a;
	int used = 0, rc;

	if (strcmp(argv[0], "help") == 0)
		return cli_help(argc - 1, argv + 1);
	if ((cmd = cli_find(argc, argv, &used)) == NULL)
		return cli_unknown(argc, argv);
	if ((rc = cli_parse(cmd, argc - used, argv + used, &a)) != 0) {
		if (rc > 0)
			cli_help_command(stdout, cmd);
		return rc > 0 ? 0 : 2;
	}
	if (service_active() && service_args(cmd, &a) < 0)
		return 2;
	if (cmd->check != NULL && (rc = cmd->check(&a)) != 0)
		return rc;
	return cli_run(cmd, &a);
}
