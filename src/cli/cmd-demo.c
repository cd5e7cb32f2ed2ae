/* mynadesk demo: a throw-away vault with two demo users, then the console. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/accounts.h"
#include "ops/demo.h"
#include "tui/tui.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
cli_cmd_demo(struct cli_args *a)
{
	struct demo_info d;
	char *err = NULL, *dir;
	int rc;

	if (a->vault != NULL) {
		dir = xstrdup(a->vault);
	} else {
		char tmpl[] = "/tmp/mynadesk-demo-XXXXXX";

		if (mkdtemp(tmpl) == NULL)
			return cli_error(_("cannot make a temporary folder"));
		dir = xasprintf("%s/vault", tmpl);
	}
	printf(_("building a demo vault in %s ...\n"), dir);
	fflush(stdout);
	if (ops_demo_create(dir, &d, &err) < 0) {
		rc = cli_error(err);
		free(err);
		free(dir);
		return rc;
	}
	printf(_("demo users (passwords are for this demo only):\n"
	    "  %-8s %s  (%s)\n  %-8s %s  (%s)\n"), d.user[0], d.password[0],
	    d.role[0], d.user[1], d.password[1], d.role[1]);
	fflush(stdout);
	rc = tui_run(dir, &d, NULL);
	demo_info_clear(&d);
	free(dir);
	return rc;
}
