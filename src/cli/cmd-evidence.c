/* mynadesk evidence add|list|get */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "ops/evidence.h"
#include "util/i18n.h"

int
cli_cmd_evidence_add(struct cli_args *a)
{
	struct evidence_add_request rq;
	struct evidence_meta m;
	char *err = NULL;
	int rc;

	rq.path = a->pos[0];
	rq.title = a->opt[O_TITLE];
	rq.about = a->opt[O_ABOUT];
	rc = ops_evidence_add(a->s, &rq, &m, &err);
	if (rc == 0)
		/* L10N: id, size in bytes, type, SHA-256 in hex. */
		printf(ngettext("evidence %lld added: %lld byte, %s, sha256 %s\n",
		    "evidence %lld added: %lld bytes, %s, sha256 %s\n",
		    (unsigned long)m.size), (long long)m.id, (long long)m.size,
		    m.type, m.sha256);
	return cli_done(rc, err);
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
	char *err = NULL;
	int rc, n = 0;

	rc = ops_evidence_list(a->s, evidence_line, &n, &err);
	if (rc == 0 && n == 0)
		fprintf(stderr, "%s\n", _("mynadesk: no evidence stored yet"));
	return cli_done(rc, err);
}

/* Before the login: an ID that is no ID is the script's mistake. */
int
cli_check_evidence_get(struct cli_args *a)
{
	char *err = NULL;
	int64_t id;

	return ops_evidence_id(a->pos[0], &id, &err) < 0 ?
	    cli_usage_error(err) : 0;
}

int
cli_cmd_evidence_get(struct cli_args *a)
{
	const char *out = a->opt[O_OUT];
	struct evidence_meta m;
	char *err = NULL;
	int64_t id;
	int rc;

	rc = ops_evidence_id(a->pos[0], &id, &err);
	if (rc == 0)
		rc = ops_evidence_get(a->s, id, out, &m, &err);
	if (rc == 0)
		printf(ngettext("evidence %lld written to %s: %lld byte, sha256 %s "
		    "checked\n", "evidence %lld written to %s: %lld bytes, sha256 %s "
		    "checked\n", (unsigned long)m.size), (long long)id, out,
		    (long long)m.size, m.sha256);
	return cli_done(rc, err);
}
