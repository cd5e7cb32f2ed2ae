/* mynadesk evidence add|list|get */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "ops/evidence.h"
#include "util/i18n.h"

static int
evidence_done(struct session *s, int rc, char *err)
{
	if (rc < 0)
		cli_error(err ? err : _("failed"));
	free(err);
	ops_logout(s);
	return rc < 0 ? 1 : 0;
}

int
cli_cmd_evidence_add(struct cli_args *a)
{
	struct evidence_add_request rq;
	struct evidence_meta m;
	struct session *s;
	char *err = NULL;
	int rc;

	if (a->npos != 1 || a->opt[O_TITLE] == NULL)
		return cli_error(_("usage: evidence add FILE --title TEXT "
		    "[--about person:KEY|medium:ID|test:NAME]"));
	if ((s = cli_login(a)) == NULL)
		return 1;
	rq.path = a->pos[0];
	rq.title = a->opt[O_TITLE];
	rq.about = a->opt[O_ABOUT];
	rc = ops_evidence_add(s, &rq, &m, &err);
	if (rc == 0)
		/* L10N: id, size in bytes, type, SHA-256 in hex. */
		printf(_("evidence %lld added: %lld bytes, %s, sha256 %s\n"),
		    (long long)m.id, (long long)m.size, m.type, m.sha256);
	return evidence_done(s, rc, err);
}

/* One tab-separated line: id, date, who, title, about, size, type, hash. */
static int
evidence_line(const struct evidence_meta *m, void *arg)
{
	(*(int *)arg)++;
	printf("%lld\t%.10s %.5s\t%s\t%s\t%s\t%lld\t%s\t%.12s\n", (long long)m->id,
	    m->added, m->added + 11, m->actor, m->title,
	    m->about[0] ? m->about : "-", (long long)m->size, m->type, m->sha256);
	return 0;
}

int
cli_cmd_evidence_list(struct cli_args *a)
{
	struct session *s;
	char *err = NULL;
	int rc, n = 0;

	if (a->npos != 0)
		return cli_error(_("usage: evidence list"));
	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_evidence_list(s, evidence_line, &n, &err);
	if (rc == 0 && n == 0)
		fprintf(stderr, "%s\n", _("mynadesk: no evidence stored yet"));
	return evidence_done(s, rc, err);
}

int
cli_cmd_evidence_get(struct cli_args *a)
{
	struct evidence_meta m;
	struct session *s;
	char *err = NULL;
	int64_t id;
	int rc;

	if (a->npos != 1 || a->opt[O_OUT] == NULL)
		return cli_error(_("usage: evidence get ID --out FILE"));
	if (ops_evidence_id(a->pos[0], &id, &err) < 0) {
		cli_error(err);
		free(err);
		return 2;
	}
	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_evidence_get(s, id, a->opt[O_OUT], &m, &err);
	if (rc == 0)
		printf(_("evidence %lld written to %s: %lld bytes, sha256 %s "
		    "checked\n"), (long long)id, a->opt[O_OUT], (long long)m.size, m.sha256);
	return evidence_done(s, rc, err);
}
