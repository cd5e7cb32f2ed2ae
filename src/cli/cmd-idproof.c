/* mynadesk idproof record|status|rules-check|open|patterns */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "ops/idproof.h"
#include "util/i18n.h"

static void
idproof_print(const struct idresult *res)
{
	if (res->complete)
		printf("complete\n");
	else
		printf("incomplete: %s\n", res->missing);
}

/* Before the login: a record needs something seen, a document or an
 * exemption. */
int
cli_check_idproof_record(struct cli_args *a)
{
	if (a->ndocs > 0 || a->nexemptions > 0)
		return 0;
	fprintf(stderr, _("mynadesk: idproof record: give --doc KIND or "
	    "--exemption NAME (see: mynadesk help idproof record)\n"));
	return 2;
}

int
cli_cmd_idproof_record(struct cli_args *a)
{
	struct idproof_request rq;
	struct idresult res;
	char *err = NULL;
	int rc;

	rq.channel = a->opt[O_CHANNEL];
	rq.mode = a->opt[O_MODE];
	rq.docs = a->docs;
	rq.ndocs = (size_t)a->ndocs;
	rq.exemptions = a->exemptions;
	rq.nexemptions = (size_t)a->nexemptions;
	rc = ops_idproof_record(a->s, a->opt[O_PERSON], &rq, &res, &err);
	if (rc == 0)
		idproof_print(&res);
	idresult_clear(&res);
	return cli_done(rc, err);
}

int
cli_cmd_idproof_status(struct cli_args *a)
{
	struct idresult res;
	char *err = NULL;
	int rc;

	rc = ops_idproof_status(a->s, a->opt[O_PERSON], &res, &err);
	if (rc == 0)
		idproof_print(&res);
	idresult_clear(&res);
	return cli_done(rc, err);
}

int
cli_cmd_idproof_rules_check(struct cli_args *a)
{
	struct idrules r;
	char *err = NULL;
	int rc;

	rc = ops_idproof_rules(a->npos == 1 ? a->pos[0] : NULL, &r, &err);
	if (rc == 0) {
		/* L10N: one line in four messages, since each of the three
		 * counts takes its own plural: "consistent: " "N document
		 * kinds" ", N exemptions" ", N channels\n". */
		printf("%s", _("consistent: "));
		printf(ngettext("%zu document kind", "%zu document kinds",
		    (unsigned long)r.ndocs), r.ndocs);
		printf(ngettext(", %zu exemption", ", %zu exemptions",
		    (unsigned long)r.nexemptions), r.nexemptions);
		printf(ngettext(", %zu channel\n", ", %zu channels\n",
		    (unsigned long)r.nchannels), r.nchannels);
		idrules_free(&r);
		return 0;
	}
	cli_error(err);
	free(err);
	return 1;
}

static int
idproof_open_line(const char *key, const char *channel, const char *since,
    const char *missing, void *arg)
{
	(*(int *)arg)++;
	printf("%-12s %-15s %.10s  %s\n", key, channel, since, missing);
	return 0;
}

int
cli_cmd_idproof_open(struct cli_args *a)
{
	char *err = NULL;
	int rc, n = 0;

	rc = ops_idproof_open(a->s, a->opt[O_CHANNEL], idproof_open_line, &n,
	    &err);
	if (rc == 0 && n == 0)
		printf("%s\n", _("no incomplete identity checks"));
	return cli_done(rc, err);
}

static int
idproof_pattern_line(const char *pattern, long long n, void *arg)
{
	(void)arg;
	printf("%-28s %lld\n", pattern, n);
	return 0;
}

int
cli_cmd_idproof_patterns(struct cli_args *a)
{
	char *err = NULL;
	int rc;

	rc = ops_idproof_patterns(a->s, idproof_pattern_line, NULL, &err);
	return cli_done(rc, err);
}
