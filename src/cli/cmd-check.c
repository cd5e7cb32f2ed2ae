/* mynadesk check --layout NAME FILE: the format checker for every layout
 * the project knows (see domain/checkers.c). Problems go to stdout as
 * "file:line:field: message"; the exit status is 0 only for a clean file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "ops/check.h"
#include "util/i18n.h"

static void
check_print(const char *msg, void *arg)
{
	(void)arg;
	printf("%s\n", msg);
}

int
cli_cmd_check(struct cli_args *a)
{
	const struct filecheck_rules *rules = NULL;
	struct check_run run = { check_print, NULL, NULL, NULL, 0, 0, "" };
	struct layout l;
	char *err = NULL;
	int rc;

	if (a->layout == NULL || a->npos != 1) {
		fprintf(stderr, _("usage: mynadesk check --layout NAME FILE (NAME: "
		    "%s, or a layout file)\n"), filecheck_names());
		return 2;
	}
	if (ops_check_layout(a->layout, &l, &rules, &err) < 0) {
		cli_error(err);
		free(err);
		return 2;
	}
	rc = ops_check_file(&l, rules, a->pos[0], &run, &err);
	layout_free(&l);
	if (rc < 0) {
		cli_error(err);
		free(err);
		return 2;
	}
	if (run.errors == 0)
		printf(_("%s: ok, %lld lines, layout %s\n"), a->pos[0], run.rows,
		    rules->name);
	else
		fprintf(stderr, _("%s: %lld problems in %lld lines\n"), a->pos[0],
		    run.errors, run.rows);
	return run.errors == 0 ? 0 : 1;
}
