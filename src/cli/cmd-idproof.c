/* mynadesk idproof record|status|rules-check|open|patterns */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "ops/idproof.h"
#include "util/i18n.h"

static int
idproof_done(struct session *s, int rc, char *err)
{
	if (rc < 0)
		cli_error(err ? err : _("failed"));
	free(err);
	ops_logout(s);
	return rc < 0 ? 1 : 0;
}

static void
idproof_print(const struct idresult *res)
{
	if (res->complete)
		printf("complete\n");
	else
		printf("incomplete: %s\n", res->missing);
}

int
cli_cmd_idproof_record(struct cli_args *a)
{
	struct idproof_request rq;
	struct idresult res;
	struct session *s;
	char *err = NULL;
	int rc;

	if (a->opt[O_PERSON] == NULL || a->opt[O_CHANNEL] == NULL || a->opt[O_MODE] == NULL ||
	    (a->ndocs == 0 && a->nexemptions == 0))
		return cli_error(_("usage: idproof record --person KEY --channel CH "
		    "--mode in-person|post --doc KIND [--doc KIND ...] "
		    "[--exemption ID]"));
	if ((s = cli_login(a)) == NULL)
		return 1;
	rq.channel = a->opt[O_CHANNEL];
	rq.mode = a->opt[O_MODE];
	rq.docs = a->docs;
	rq.ndocs = (size_t)a->ndocs;
	rq.exemptions = a->exemptions;
	rq.nexemptions = (size_t)a->nexemptions;
	rc = ops_idproof_record(s, a->opt[O_PERSON], &rq, &res, &err);
	if (rc == 0)
		idproof_print(&res);
	idresult_clear(&res);
	return idproof_done(s, rc, err);
}

int
cli_cmd_idproof_status(struct cli_args *a)
{
	struct idresult res;
	struct session *s;
	char *err = NULL;
	int rc;

	if (a->opt[O_PERSON] == NULL)
		return cli_error(_("usage: idproof status --person KEY"));
	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_idproof_status(s, a->opt[O_PERSON], &res, &err);
	if (rc == 0)
		idproof_print(&res);
	idresult_clear(&res);
	return idproof_done(s, rc, err);
}

int
cli_cmd_idproof_rules_check(struct cli_args *a)
{
	struct idrules r;
	char *err = NULL;
	int rc;

	if (a->npos > 1)
		return cli_error(_("usage: idproof rules-check [FILE]"));
	rc = ops_idproof_rules(a->npos == 1 ? a->pos[0] : NULL, &r, &err);
	if (rc == 0) {
		printf(_("consistent: %zu document kinds, %zu exemptions, %zu "
		    "channels\n"), r.ndocs, r.nexemptions, r.nchannels);
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
	struct session *s;
	char *err = NULL;
	int rc, n = 0;

	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_idproof_open(s, a->opt[O_CHANNEL], idproof_open_line, &n, &err);
	if (rc == 0 && n == 0)
		printf("%s\n", _("no incomplete identity checks"));
	return idproof_done(s, rc, err);
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
	struct session *s;
	char *err = NULL;
	int rc;

	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_idproof_patterns(s, idproof_pattern_line, NULL, &err);
	return idproof_done(s, rc, err);
}
