/* `mynadesk completion bash`: a bash completion script made from the
 * command table, so it offers exactly the commands and the options the
 * parser takes, as help does (cli-help.c). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/i18n.h"

/* The part that does not depend on the table: the first word, a group's
 * second word, then the options of the command those words name; any
 * other word is a file name. */
static const char completion_main[] =
    "_mynadesk() {\n"
    "\tlocal cur=${COMP_WORDS[COMP_CWORD]} w1=${COMP_WORDS[1]}\n"
    "\tlocal w2=${COMP_WORDS[2]} opts next\n"
    "\tCOMPREPLY=()\n"
    "\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n"
    "\t\tnext=$(_mynadesk_next '')\n"
    "\telif [ \"$w1\" = help ]; then\n"
    "\t\t[ \"$COMP_CWORD\" -eq 2 ] && next=$(_mynadesk_next '')\n"
    "\t\t[ \"$COMP_CWORD\" -eq 3 ] && next=$(_mynadesk_next \"$w2\")\n"
    "\telif [ \"$COMP_CWORD\" -eq 2 ] && [ \"${cur#-}\" = \"$cur\" ]; then\n"
    "\t\tnext=$(_mynadesk_next \"$w1\")\n"
    "\tfi\n"
    "\tif [ -n \"$next\" ] || [ \"$w1\" = help ] || [ \"$COMP_CWORD\" -eq 1 ]; then\n"
    "\t\tCOMPREPLY=($(compgen -W \"$next\" -- \"$cur\"))\n"
    "\t\treturn 0\n"
    "\tfi\n"
    "\tif [ \"${cur#-}\" != \"$cur\" ]; then\n"
    "\t\topts=$(_mynadesk_opts \"$w1 $w2\")\n"
    "\t\t[ -n \"$opts\" ] || opts=$(_mynadesk_opts \"$w1\")\n"
    "\t\tCOMPREPLY=($(compgen -W \"$opts --help\" -- \"$cur\"))\n"
    "\telse\n"
    "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
    "\tfi\n"
    "}\n"
    "complete -F _mynadesk mynadesk\n";

/* Whether the first word of cmds[i] appeared in an earlier entry. */
static int
completion_seen(const struct cli_command *cmds, size_t i)
{
	size_t len = strcspn(cmds[i].name, " "), j;

	for (j = 0; j < i; j++)
		if (strncmp(cmds[j].name, cmds[i].name, len) == 0 &&
		    (cmds[j].name[len] == ' ' || cmds[j].name[len] == '\0'))
			return 1;
	return 0;
}

/* _mynadesk_next WORD: the words that may follow WORD ('' for the first). */
static void
completion_next(FILE *out, const struct cli_command *cmds, size_t n)
{
	size_t i, j;

	fputs("_mynadesk_next() {\n\tcase $1 in\n\t'') echo 'help", out);
	for (i = 0; i < n; i++)
		if (!completion_seen(cmds, i))
			fprintf(out, " %.*s", (int)strcspn(cmds[i].name, " "),
			    cmds[i].name);
	fputs("' ;;\n\tcompletion) echo 'bash' ;;\n", out);
	for (i = 0; i < n; i++) {
		size_t len = strcspn(cmds[i].name, " ");
		int any = 0;

		if (completion_seen(cmds, i))
			continue;
		for (j = i; j < n; j++) {
			if (strncmp(cmds[j].name, cmds[i].name, len) != 0 ||
			    cmds[j].name[len] != ' ')
				continue;
			if (any++ == 0)
				fprintf(out, "\t%.*s) echo '", (int)len, cmds[i].name);
			fprintf(out, "%s%s", any > 1 ? " " : "", cmds[j].name + len + 1);
		}
		if (any > 0)
			fputs("' ;;\n", out);
	}
	fputs("\tesac\n}\n", out);
}

/* _mynadesk_opts 'WORD [WORD]': the options of that command. */
static void
completion_opts(FILE *out, const struct cli_command *cmds, size_t n)
{
	size_t i;

	fputs("_mynadesk_opts() {\n\tcase $1 in\n", out);
	for (i = 0; i < n; i++) {
		struct cli_optspec specs[CLI_MAX_OPTS];
		int k, nopts = cli_command_opts(&cmds[i], specs, CLI_MAX_OPTS);

		fprintf(out, "\t'%s') echo '", cmds[i].name);
		for (k = 0; k < nopts; k++)
			fprintf(out, "%s--%s", k ? " " : "",
			    cli_option_get(specs[k].id)->name);
		fputs("' ;;\n", out);
	}
	fputs("\tesac\n}\n", out);
}

int
cli_cmd_completion(struct cli_args *a)
{
	const struct cli_command *cmds;
	size_t n;

	if (a->npos != 1 || strcmp(a->pos[0], "bash") != 0) {
		cli_error(_("usage: completion bash (the one shell supported)"));
		return 2;
	}
	cmds = cli_command_list(&n);
	fputs("# bash completion for mynadesk, made by 'mynadesk completion "
	    "bash'\n# from its command table: regenerate it after an "
	    "upgrade.\n", stdout);
	completion_next(stdout, cmds, n);
	completion_opts(stdout, cmds, n);
	fputs(completion_main, stdout);
	return 0;
}
