/* mynadesk jlis request|receive|held|accept|reject|pending. Output names
 * files, counts and persons; never a number. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "ops/jlis.h"
#include "util/i18n.h"
#include "util/secret.h"

static int
jlis_done(struct session *s, int rc, char *err)
{
	if (rc < 0)
		cli_error(err ? err : _("failed"));
	free(err);
	ops_logout(s);
	return rc < 0 ? 1 : 0;
}

static void
jlis_print_problems(const struct jlis_problems *p)
{
	int i;

	for (i = 0; i < p->n; i++)
		printf("%s\n", p->msg[i]);
	if (p->total > p->n)
		printf(_("... and %lld more\n"), p->total - p->n);
}

int
cli_cmd_jlis_request(struct cli_args *a)
{
	struct jlis_request_report rep;
	struct session *s;
	char *err = NULL;
	int rc, k;

	if (a->out == NULL)
		return cli_error(_("usage: jlis request --out DIR [--persons FILE]"));
	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_jlis_request(s, a->out, a->x[X_PERSONS], &rep, &err);
	jlis_print_problems(&rep.problems);
	for (k = 0; rc == 0 && k < 2; k++)
		if (rep.file[k] != NULL)
			printf("%s %lld %s\n", rep.file[k], rep.rows[k],
			    rep.sha256[k]);
	if (rc == 0 && rep.reinquiries > 0)
		printf(_("re-inquiries: %lld\n"), rep.reinquiries);
	jlis_request_report_clear(&rep);
	return jlis_done(s, rc, err);
}

/* A ZIP container by its first bytes (whatever its name), else a CSV by
 * its name; 0 for neither. */
static int
jlis_kind(const char *file)
{
	size_t n = strlen(file);
	unsigned char magic[4] = { 0 };
	FILE *f;
	int zip = 0;

	if ((f = fopen(file, "rb")) != NULL) {
		zip = fread(magic, 1, 4, f) == 4 && memcmp(magic, "PK\3\4", 4) == 0;
		fclose(f);
	}
	if (zip || (n > 4 && strcasecmp(file + n - 4, ".zip") == 0))
		return 'z';
	return n > 4 && strcasecmp(file + n - 4, ".csv") == 0 ? 'c' : 0;
}

static void
jlis_print_receipt(const struct jlis_receive_report *rep, size_t n, int ok)
{
	size_t i;

	for (i = 0; i < n; i++) {
		jlis_print_problems(&rep[i].problems);
		if (ok)
			printf(_("%s: %lld lines: %lld confirmed, %lld held for a "
			    "supervisor, %lld not found (%lld to ask again)\n"),
			    rep[i].request, rep[i].rows, rep[i].confirmed,
			    rep[i].held, rep[i].not_found, rep[i].reinquiry);
	}
}

static int
jlis_receive_zip(struct cli_args *a, struct session *s, char **err)
{
	struct jlis_receive_report *reps = NULL;
	size_t n = 0;
	char *pw;
	int rc;

	pw = cli_read_secret(_("the answer container's password"),
	    cli_opt_fd(a, X_CONTAINER_PASSWORD_FD), err);
	if (pw == NULL)
		return -1;
	rc = ops_jlis_receive_container(s, a->pos[0], pw, a->x[X_MEDIUM], &reps,
	    &n, err);
	secret_free_str(pw);
	jlis_print_receipt(reps, n, rc == 0);
	jlis_receive_reports_free(reps, n);
	return rc;
}

int
cli_cmd_jlis_receive(struct cli_args *a)
{
	struct jlis_receive_report rep;
	struct jlis_answer_in in;
	struct session *s;
	char *err = NULL;
	int rc, kind;

	if (a->npos != 1)
		return cli_error(_("usage: jlis receive FILE [--medium ID] "
		    "[--container-password-fd N]"));
	if ((kind = jlis_kind(a->pos[0])) == 0)
		return cli_error(_("give the answer CSV or its ZIP container"));
	if ((s = cli_login(a)) == NULL)
		return 1;
	if (kind == 'z') {
		rc = jlis_receive_zip(a, s, &err);
		return jlis_done(s, rc, err);
	}
	in.path = a->pos[0];
	in.shown = NULL;
	rc = ops_jlis_receive_files(s, &in, 1, a->x[X_MEDIUM], &rep, &err);
	jlis_print_receipt(&rep, 1, rc == 0);
	jlis_receive_report_clear(&rep);
	return jlis_done(s, rc, err);
}

static const char *const jlis_item_names[5] = { N_("name"), N_("kana"),
	N_("birth"), N_("sex"), N_("address") };

/* Each held person: the reason, then the five items side by side, the
 * differing ones marked. */
static int
jlis_held_line(const struct jlis_held_row *h, void *arg)
{
	int i;

	(*(int *)arg)++;
	printf("%s  %s  %s\n", h->key, h->reason, h->answered);
	for (i = 0; i < 5; i++)
		printf("  %s %-8s %s | %s\n", strcmp(h->mine[i], h->theirs[i]) ?
		    "*" : " ", _(jlis_item_names[i]), h->mine[i], h->theirs[i]);
	return 0;
}

int
cli_cmd_jlis_held(struct cli_args *a)
{
	struct session *s;
	char *err = NULL;
	int rc, n = 0;

	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_jlis_held(s, jlis_held_line, &n, &err);
	if (rc == 0 && n == 0)
		printf("%s\n", _("no J-LIS answers are held"));
	else if (rc == 0)
		printf(_("(record | J-LIS; * differs)\n"));
	return jlis_done(s, rc, err);
}

static int
jlis_decide(struct cli_args *a, int accept)
{
	struct session *s;
	char *err = NULL;
	int rc;

	if (a->person == NULL || a->x[X_REASON] == NULL)
		return cli_error(accept ? _("usage: jlis accept --person KEY "
		    "--reason TEXT") : _("usage: jlis reject --person KEY "
		    "--reason TEXT"));
	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_jlis_decide(s, a->person, accept, a->x[X_REASON], &err);
	if (rc == 0)
		printf(accept ? _("accepted for %s: the number is confirmed\n") :
		    _("rejected for %s: no number was kept\n"), a->person);
	return jlis_done(s, rc, err);
}

int
cli_cmd_jlis_accept(struct cli_args *a)
{
	return jlis_decide(a, 1);
}

int
cli_cmd_jlis_reject(struct cli_args *a)
{
	return jlis_decide(a, 0);
}

static int
jlis_pending_line(const struct jlis_pending_row *p, void *arg)
{
	(*(int *)arg)++;
	printf("%-12s %-9s %d %-16s %s %s%s\n", p->key, p->state, p->attempt,
	    p->file, p->sent, p->deadline, p->overdue ? _(" overdue") : "");
	return 0;
}

int
cli_cmd_jlis_pending(struct cli_args *a)
{
	struct session *s;
	char *err = NULL;
	int rc, n = 0;

	if ((s = cli_login(a)) == NULL)
		return 1;
	rc = ops_jlis_pending(s, jlis_pending_line, &n, &err);
	if (rc == 0 && n == 0)
		printf("%s\n", _("no open inquiries"));
	return jlis_done(s, rc, err);
}
