/* mynadesk settings show|set */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "ops/settings.h"
#include "util/i18n.h"

static int
settings_line(const char *name, const char *value, const char *help, void *arg)
{
	(void)arg;
	printf("%-20s %-8s %s\n", name, value, help);
	return 0;
}

int
cli_cmd_settings_show(struct cli_args *a)
{
	char *err = NULL;
	int rc;

	rc = ops_settings_list(a->s, settings_line, NULL, &err);
	return cli_done(rc, err);
}

int
cli_cmd_settings_set(struct cli_args *a)
{
	char *err = NULL;
	int rc;

	rc = ops_settings_set(a->s, a->pos[0], a->pos[1], &err);
	if (rc == 0)
		printf(_("%s is now %s\n"), a->pos[0], a->pos[1]);
	return cli_done(rc, err);
}
