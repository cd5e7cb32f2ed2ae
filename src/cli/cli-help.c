/* Help from the command table: `mynadesk help [CMD]`, `CMD --help` (every
 * option the command takes, one line each) and a bare group word
 * (`mynadesk audit`) listing that group's commands. The option lines come
 * from the same entry the parser enforces, so help cannot name an option
 * the command refuses, nor miss one it takes. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/i18n.h"

/* "--name VALUE", or "--name" for a flag. */
static void
help_option(char *buf, size_t size, const struct cli_optspec *sp)
{
	snprintf(buf, size, "--%s%s%s", cli_option_get(sp->id)->name,
	    sp->arg ? " " : "", sp->arg ? sp->arg : "");
}

void
cli_help_usage(FILE *out, const struct cli_command *cmd)
{
	struct cli_optspec specs[CLI_MAX_OPTS];
	int n = cli_command_opts(cmd, specs, CLI_MAX_OPTS), i, req;
	char opt[96];

	fprintf(out, "mynadesk %s%s%s", cmd->name, cmd->operands[0] ? " " : "",
	    cmd->operands);
	/* Required options first, then the others in brackets. */
	for (req = 1; req >= 0; req--)
		for (i = 0; i < n; i++) {
			if (!(specs[i].flags & CLI_REQUIRED) != !req)
				continue;
			help_option(opt, sizeof opt, &specs[i]);
			fprintf(out, req ? " %s" : " [%s]", opt);
		}
	fputc('\n', out);
}

void
cli_help_command(FILE *out, const struct cli_command *cmd)
{
	struct cli_optspec specs[CLI_MAX_OPTS];
	int n = cli_command_opts(cmd, specs, CLI_MAX_OPTS), i;
	char opt[96];

	fprintf(out, _("usage: "));
	cli_help_usage(out, cmd);
	fprintf(out, "  %s\n", _(cmd->help));
	if (n > 0)
		fprintf(out, _("options:\n"));
	for (i = 0; i < n; i++) {
		help_option(opt, sizeof opt, &specs[i]);
		fprintf(out, "  %-30s %s%s\n", opt, _(specs[i].help),
		    (specs[i].flags & CLI_REQUIRED) ? _(" (required)") : "");
	}
	fprintf(out, _("see mynadesk(1) for the whole description.\n"));
}

int
cli_help_group(FILE *out, const char *word)
{
	size_t i, n, len = strlen(word);
	const struct cli_command *cmds = cli_command_list(&n);
	int found = 0;

	for (i = 0; i < n; i++) {
		if (strncmp(cmds[i].name, word, len) != 0 ||
		    cmds[i].name[len] != ' ')
			continue;
		if (found++ == 0)
			fprintf(out, _("%s commands:\n"), word);
		fprintf(out, "  mynadesk %-24s %s\n", cmds[i].name,
		    _(cmds[i].help));
	}
	if (found > 0)
		fprintf(out, _("'mynadesk help %s NAME' tells more of one.\n"), word);
	return found;
}
