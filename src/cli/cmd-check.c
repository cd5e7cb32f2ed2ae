/* mynadesk check --layout NAME FILE: the format checker for every layout
 * the project knows (see domain/checkers.c). Problems go to stdout as
 * "file:line:field: message"; the exit status is 0 only for a clean file. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/regread.h"
#include "ops/check.h"
#include "ops/registration.h"
#include "util/err.h"
#include "util/i18n.h"

static void
check_print(const char *msg, void *arg)
{
	(void)arg;
	printf("%s\n", msg);
}

/* The registration layouts (reg-persons ... reg-tainou, reg-result) have
 * a checker of their own, the one 'bulk results' reads with. */
static int
check_registration(const char *name, const char *file)
{
	struct reg_read_summary sum;
	enum reg_kind k;
	char *err = NULL, *path = NULL;
	int rc;

	if (strcmp(name, "reg-result") == 0)
		path = reg_layout_path(-1);
	else if (reg_kind_parse(name + 4, &k, &err) == 0)
		path = reg_layout_path((int)k);
	if (path == NULL)
		return cli_input_error(err, _("layouts not found: is mynadesk "
		    "installed?"));
	rc = reg_check_file(path, file, stdout, &sum, &err);
	free(path);
	if (rc < 0)
		return cli_input_error(err, _("failed"));
	if (rc == 0) {
		printf(ngettext("%s: ok, %lld line, layout %s\n",
		    "%s: ok, %lld lines, layout %s\n", (unsigned long)sum.rows),
		    file, sum.rows, name);
	} else {
		/* L10N: "FILE: N problems" and then " in N lines": two
		 * messages, since each count takes its own plural. */
		fprintf(stderr, ngettext("%s: %lld problem", "%s: %lld problems",
		    (unsigned long)sum.bad), file, sum.bad);
		fprintf(stderr, ngettext(" in %lld line\n", " in %lld lines\n",
		    (unsigned long)sum.rows), sum.rows);
	}
	return rc == 0 ? 0 : 1;
}

int
cli_cmd_check(struct cli_args *a)
{
	const struct filecheck_rules *rules = NULL;
	struct check_run run = { check_print, NULL, NULL, NULL, 0, 0, "" };
	const char *name = a->opt[O_LAYOUT];
	struct layout l;
	char *err = NULL;
	int rc;

	if (strncmp(name, "reg-", 4) == 0 && strchr(name, '/') == NULL &&
	    strstr(name, ".layout") == NULL)
		return check_registration(name, a->pos[0]);
	if (ops_check_layout(name, &l, &rules, &err) < 0)
		return cli_input_error(err, _("failed"));
	/* The command shows no digest, so takes none. */
	rc = ops_check_file_nosum(&l, rules, a->pos[0], &run, &err);
	layout_free(&l);
	if (rc < 0)
		return cli_input_error(err, _("failed"));
	if (run.errors == 0) {
		printf(ngettext("%s: ok, %lld line, layout %s\n",
		    "%s: ok, %lld lines, layout %s\n", (unsigned long)run.rows),
		    a->pos[0], run.rows, rules->name);
	} else {
		/* L10N: "FILE: N problems" and then " in N lines": two
		 * messages, since each count takes its own plural. */
		fprintf(stderr, ngettext("%s: %lld problem", "%s: %lld problems",
		    (unsigned long)run.errors), a->pos[0], run.errors);
		fprintf(stderr, ngettext(" in %lld line\n", " in %lld lines\n",
		    (unsigned long)run.rows), run.rows);
	}
	return run.errors == 0 ? 0 : 1;
}
