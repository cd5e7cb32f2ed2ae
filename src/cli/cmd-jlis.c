/* mynadesk jlis request|receive|held|accept|reject|pending. Output names
 * files, counts and persons; never a number. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "domain/jlis.h"
#include "ops/jlis.h"
#include "ops/witness.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

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
	char *err = NULL;
	int rc, k;

	rc = ops_jlis_request(a->s, a->opt[O_OUT], a->opt[O_PERSONS], &rep, &err);
	jlis_print_problems(&rep.problems);
	if (rep.unsendable_persons > 0) {
		printf(ngettext("not sent, %lld person needs a spelling (jlis "
		    "unsendable):\n", "not sent, %lld persons need a spelling "
		    "(jlis unsendable):\n", (unsigned long)rep.unsendable_persons),
		    rep.unsendable_persons);
		jlis_print_problems(&rep.unsendable);
	}
	for (k = 0; rc == 0 && k < 2; k++)
		if (rep.file[k] != NULL)
			printf("%s %lld %s\n", rep.file[k], rep.rows[k],
			    rep.sha256[k]);
	if (rc == 0 && rep.reinquiries > 0)
		printf(_("re-inquiries: %lld\n"), rep.reinquiries);
	/* Since March 2017 the inquiry goes through the dedicated terminal;
	 * the courier remains for those who still ship media. */
	if (rc == 0 && a->opt[O_CHANNEL] != NULL &&
	    strcmp(a->opt[O_CHANNEL], "courier") == 0)
		printf(_("next: pack the folder for the courier: mynadesk media "
		    "pack %s --out FILE --checker NAME\n"), a->opt[O_OUT]);
	else if (rc == 0)
		printf(_("next: copy the folder onto a USB medium for the dedicated "
		    "terminal (統合専用端末): mynadesk media carry %s --medium "
		    "LABEL --checker NAME\n"), a->opt[O_OUT]);
	jlis_request_report_clear(&rep);
	return cli_done(rc, err);
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
			printf(ngettext("%s: %lld line: %lld confirmed, %lld held "
			    "for a supervisor, %lld not found (%lld to ask again)\n",
			    "%s: %lld lines: %lld confirmed, %lld held for a "
			    "supervisor, %lld not found (%lld to ask again)\n",
			    (unsigned long)rep[i].rows),
			    rep[i].request, rep[i].rows, rep[i].confirmed,
			    rep[i].held, rep[i].not_found, rep[i].reinquiry);
	}
}

static int
jlis_receive_zip(struct cli_args *a, struct session *s,
    const struct jlis_via *via, char **err)
{
	struct jlis_receive_report *reps = NULL;
	size_t n = 0;
	char *pw;
	int rc;

	pw = cli_read_secret(_("the answer container's password"),
	    cli_opt_fd(a, O_CONTAINER_PASSWORD_FD), err);
	if (pw == NULL)
		return -1;
	rc = ops_jlis_receive_container(s, a->pos[0], pw, via, &reps, &n, err);
	secret_free_str(pw);
	jlis_print_receipt(reps, n, rc == 0);
	jlis_receive_reports_free(reps, n);
	return rc;
}

/* One or more answer CSVs (the N and G answers brought back together),
 * imported as one. */
static int
jlis_receive_csvs(struct cli_args *a, struct session *s,
    const struct jlis_via *via, char **err)
{
	struct jlis_receive_report reps[CLI_MAX_POS];
	struct jlis_answer_in in[CLI_MAX_POS];
	int i, rc;

	for (i = 0; i < a->npos; i++) {
		in[i].path = a->pos[i];
		in[i].shown = NULL;
	}
	rc = ops_jlis_receive_files(s, in, (size_t)a->npos, via, NULL, reps, err);
	jlis_print_receipt(reps, (size_t)a->npos, rc == 0);
	for (i = 0; i < a->npos; i++)
		jlis_receive_report_clear(&reps[i]);
	return rc;
}

/* Before the login: CSVs, or one ZIP container alone. */
int
cli_check_jlis_receive(struct cli_args *a)
{
	int i, kind;

	for (i = 0; i < a->npos; i++)
		if ((kind = jlis_kind(a->pos[i])) == 0 || (kind == 'z' &&
		    a->npos > 1))
			return cli_error(_("give the answer CSVs, or their ZIP "
			    "container alone")) + 1;
	return 0;
}

int
cli_cmd_jlis_receive(struct cli_args *a)
{
	struct jlis_via via = { a->opt[O_MEDIUM], NULL };
	/* The check made them all CSVs, or one ZIP. */
	int rc, kind = jlis_kind(a->pos[0]);
	char *err = NULL;

	/* No --checker: no handle, and the import says what is missing. */
	if (cli_witness(a->s, a, &via.witness, &err) < 0)
		return cli_done(-1, err);
	rc = kind == 'z' ? jlis_receive_zip(a, a->s, &via, &err) :
	    jlis_receive_csvs(a, a->s, &via, &err);
	ops_witness_free(via.witness);
	return cli_done(rc, err);
}

static const char *const jlis_item_names[5] = { N_("name"), N_("kana"),
	N_("birth"), N_("sex"), N_("address") };

/* Each held person: the reason, then the five items side by side, the
 * differing ones marked with the first character that differs after the
 * normalisation. */
static int
jlis_held_line(const struct jlis_held_row *h, void *arg)
{
	int i, at;

	(*(int *)arg)++;
	printf("%s  %s  %s\n", h->key, h->reason, h->answered);
	for (i = 0; i < 5; i++) {
		at = jlis_first_difference(h->mine[i], h->theirs[i]);
		printf("  %s %-8s %s | %s", at ? "*" : " ",
		    _(jlis_item_names[i]), h->mine[i], h->theirs[i]);
		if (at)
			printf(_("  (character %d differs)"), at);
		printf("\n");
	}
	return 0;
}

/* A recorded spelling: what the next inquiry sends instead of the record. */
static int
jlis_name_line(const struct jlis_inquiry_name_row *r, void *arg)
{
	(void)arg;
	printf(_("%s: sent as %s%s%s (%s; %s, %.10s)\n"), r->key, r->name,
	    r->kana[0] ? " / " : "", r->kana, r->reason, r->actor, r->recorded);
	return 0;
}

int
cli_cmd_jlis_unsendable(struct cli_args *a)
{
	struct jlis_request_report rep;
	char *err = NULL;
	int rc;

	rc = ops_jlis_unsendable(a->s, &rep, &err);
	if (rc == 0 && rep.unsendable_persons == 0)
		printf("%s\n", _("every person asked about can be sent"));
	else if (rc == 0)
		printf(ngettext("%lld person needs a spelling before it can be "
		    "sent:\n", "%lld persons need a spelling before they can be "
		    "sent:\n", (unsigned long)rep.unsendable_persons),
		    rep.unsendable_persons);
	jlis_print_problems(&rep.unsendable);
	jlis_request_report_clear(&rep);
	if (rc == 0)
		rc = ops_jlis_inquiry_names(a->s, jlis_name_line, NULL, &err);
	return cli_done(rc, err);
}

int
cli_cmd_person_inquiry_name(struct cli_args *a)
{
	char *err = NULL;
	int rc;

	rc = ops_jlis_inquiry_name(a->s, a->pos[0], a->opt[O_NAME], a->opt[O_KANA],
	    a->opt[O_REASON], &err);
	if (rc == 0)
		printf(_("%s: the next inquiry sends this spelling; the record "
		    "is unchanged\n"), a->pos[0]);
	return cli_done(rc, err);
}

int
cli_cmd_jlis_held(struct cli_args *a)
{
	char *err = NULL;
	int rc, n = 0;

	rc = ops_jlis_held(a->s, jlis_held_line, &n, &err);
	if (rc == 0 && n == 0)
		printf("%s\n", _("no J-LIS answers are held"));
	else if (rc == 0)
		printf(_("(record | J-LIS; * differs)\n"));
	return cli_done(rc, err);
}

static int
jlis_decide(struct cli_args *a, int accept)
{
	char *err = NULL;
	int rc;

	rc = ops_jlis_decide(a->s, a->opt[O_PERSON], accept, a->opt[O_REASON],
	    &err);
	if (rc == 0)
		printf(accept ? _("accepted for %s: the number is confirmed\n") :
		    _("rejected for %s: no number was kept\n"), a->opt[O_PERSON]);
	return cli_done(rc, err);
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
	char *err = NULL;
	int rc, n = 0;

	rc = ops_jlis_pending(a->s, jlis_pending_line, &n, &err);
	if (rc == 0 && n == 0)
		printf("%s\n", _("no open inquiries"));
	return cli_done(rc, err);
}
