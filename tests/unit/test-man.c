/* The man page against the command table: every command has an entry
 * (".Cm NAME" or ".It Cm NAME") and every option a command takes is
 * described somewhere ("Fl -NAME"), so a command or option added to the
 * table without its page fails here. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cli/cli.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

#define MANPAGE MYNA_SRCDIR "/man/mynadesk.1"

/* Whether a line of page starts with ".Cm NAME" or ".It Cm NAME", the
 * name followed by a space or the line's end. */
static int
man_has_command(const char *page, const char *name)
{
	static const char *const lead[] = { "\n.Cm ", "\n.It Cm " };
	size_t i, n = strlen(name);

	for (i = 0; i < 2; i++) {
		const char *p = page;

		while ((p = strstr(p, lead[i])) != NULL) {
			p += strlen(lead[i]);
			if (strncmp(p, name, n) == 0 && (p[n] == ' ' || p[n] == '\n'))
				return 1;
		}
	}
	return 0;
}

static void
test_every_command_and_option_on_the_page(void **st)
{
	const struct cli_command *cmds;
	struct cli_optspec specs[CLI_MAX_OPTS];
	char *page, want[80];
	size_t n, i, len;
	int missing = 0, nopts, k;

	(void)st;
	assert_int_equal(readfile_all(MANPAGE, 1 << 22, &page, &len, NULL), 0);
	cmds = cli_command_list(&n);
	for (i = 0; i < n; i++) {
		if (!man_has_command(page, cmds[i].name)) {
			print_error("man page: no entry for '%s'\n", cmds[i].name);
			missing++;
		}
		nopts = cli_command_opts(&cmds[i], specs, CLI_MAX_OPTS);
		for (k = 0; k < nopts; k++) {
			const char *o = cli_option_get(specs[k].id)->name;

			snprintf(want, sizeof want, "Fl -%s", o);
			if (strstr(page, want) == NULL) {
				print_error("man page: --%s of '%s' is not described\n",
				    o, cmds[i].name);
				missing++;
			}
		}
	}
	free(page);
	assert_int_equal(missing, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_command_and_option_on_the_page),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
