/* The help made from the command table: every command's --help names every
 * option the parser lets it take, each with its line of words, and a group
 * word lists its commands. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/cli.h"

static char *
help_of(const struct cli_command *cmd)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	cli_help_command(f, cmd);
	fclose(f);
	return buf;
}

/* For each option in the command's allowed list: "--name" at a line's
 * start in its help, and a line of words for it. */
static void
test_every_option_listed(void **st)
{
	size_t n, i;
	const struct cli_command *cmds = cli_command_list(&n);

	(void)st;
	assert_true(n > 40);
	for (i = 0; i < n; i++) {
		char *help = help_of(&cmds[i]), *opts = strdup(cmds[i].opts);
		char *save = NULL, *o;

		for (o = strtok_r(opts, " ", &save); o != NULL;
		    o = strtok_r(NULL, " ", &save)) {
			char want[80];

			snprintf(want, sizeof want, "\n  --%s", o);
			if (strstr(help, want) == NULL || !cli_help_known(o))
				fail_msg("%s: --%s missing from its help",
				    cmds[i].name, o);
		}
		assert_non_null(strstr(help, cmds[i].name));
		free(opts);
		free(help);
	}
}

static void
test_group_lists_its_commands(void **st)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)st;
	assert_true(cli_help_group(f, "audit") >= 5);
	assert_int_equal(cli_help_group(f, "aud"), 0);
	assert_int_equal(cli_help_group(f, "nosuch"), 0);
	fclose(f);
	assert_non_null(strstr(buf, "mynadesk audit verify"));
	assert_non_null(strstr(buf, "mynadesk audit show"));
	assert_null(strstr(buf, "mynadesk user"));
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_option_listed),
		cmocka_unit_test(test_group_lists_its_commands),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
