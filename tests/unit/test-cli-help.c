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
		struct cli_optspec specs[CLI_MAX_OPTS];
		char *help = help_of(&cmds[i]);
		int k, nopts = cli_command_opts(&cmds[i], specs, CLI_MAX_OPTS);

		for (k = 0; k < nopts; k++) {
			const char *o = cli_option_get(specs[k].id)->name;
			char want[80];

			snprintf(want, sizeof want, "\n  --%s", o);
			if (strstr(help, want) == NULL || specs[k].help == NULL ||
			    specs[k].help[0] == '\0')
				fail_msg("%s: --%s missing from its help",
				    cmds[i].name, o);
		}
		assert_non_null(strstr(help, cmds[i].name));
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

/* The command with the most matching words wins, wherever it stands in
 * the table: "pia done" is not taken for "pia" with an operand. */
static void
test_lookup_takes_the_longest(void **st)
{
	char *pia_done[] = { "pia", "done", "--date", "2026-04-01" };
	char *pia[] = { "pia", "--staff", "3" };
	char *audit[] = { "audit" }, *audit_nosuch[] = { "audit", "nosuch" };
	int used = 0;

	(void)st;
	assert_string_equal(cli_find(4, pia_done, &used)->name, "pia done");
	assert_int_equal(used, 2);
	assert_string_equal(cli_find(3, pia, &used)->name, "pia");
	assert_int_equal(used, 1);
	assert_null(cli_find(1, audit, &used));
	assert_null(cli_find(2, audit_nosuch, &used));
}

/* Every value is checked by its type before the command runs. */
static void
test_parse_checks_types(void **st)
{
	char *ok[] = { "--limit", "5", "--from=2026-04-01", "--password-fd", "3" };
	char *bad_date[] = { "--from", "2026-13-45" };
	char *bad_fd[] = { "--password-fd", "x" }, *no_value[] = { "--to" };
	char *foreign[] = { "--role", "clerk" };
	char *word[1] = { "audit" }, *show[2] = { "audit", "show" };
	const struct cli_command *cmd;
	struct cli_args a;
	int used;

	(void)st;
	assert_null(cli_find(1, word, &used));
	cmd = cli_find(2, show, &used);
	assert_int_equal(cli_parse(cmd, 5, ok, &a), 0);
	assert_int_equal(a.num[O_LIMIT], 5);
	assert_string_equal(a.opt[O_FROM], "2026-04-01");
	assert_int_equal(cli_opt_fd(&a, O_PASSWORD_FD), 3);
	assert_int_equal(cli_opt_fd(&a, O_NUMBER_FD), -1);
	assert_int_equal(cli_parse(cmd, 2, bad_date, &a), -1);
	assert_int_equal(cli_parse(cmd, 2, bad_fd, &a), -1);
	assert_int_equal(cli_parse(cmd, 1, no_value, &a), -1);
	assert_int_equal(cli_parse(cmd, 2, foreign, &a), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_option_listed),
		cmocka_unit_test(test_group_lists_its_commands),
		cmocka_unit_test(test_lookup_takes_the_longest),
		cmocka_unit_test(test_parse_checks_types),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
