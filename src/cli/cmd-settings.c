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
	struct session *s;
	char *err = NULL;
	int rc;

	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_settings_list(s, settings_line, NULL, &err);
	if (rc < 0)
		cli_error(err);
	free(err);
	ops_logout(s);
	return rc == 0 ? 0 : 1;
}

int
cli_cmd_settings_set(struct cli_args *a)
{
	struct session *s;
	char *err = NULL;
	int rc;

	if (a->npos != 2)
		return cli_error(_("usage: settings set NAME VALUE"));
	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_settings_set(s, a->pos[0], a->pos[1], &err);
	if (rc == 0)
		printf(_("%s is now %s\n"), a->pos[0], a->pos[1]);
	else
		cli_error(err);
	free(err);
	ops_logout(s);
	return rc == 0 ? 0 : 1;
}
