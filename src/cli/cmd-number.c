/* mynadesk number enter|confirm|match|status|due|delete. The number is read
 * from the terminal (echo off) or --number-fd, never from arguments, and is
 * never printed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/numbers.h"
#include "ops/precheck.h"
#include "ops/persons.h"
#include "ops/witness.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

static char *
number_read(struct cli_args *a, char **err)
{
	/* L10N: prompt for the 12-digit individual number. */
	return cli_read_secret(_("individual number"), cli_opt_fd(a, O_NUMBER_FD),
	    err);
}

int
cli_cmd_number_enter(struct cli_args *a)
{
	struct number_entry e = { a->opt[O_CHANNEL], a->opt[O_RECEIVED],
	    a->opt[O_DOC] };
	enum number_result res;
	char *err = NULL, *typed;
	int rc = -1;

	/* A number that may not be collected is refused before it is read. */
	if (ops_number_may_collect(a->s, a->opt[O_PERSON], a->opt[O_RECEIVED],
	    &err) < 0)
		return cli_done(-1, err);
	if ((typed = number_read(a, &err)) != NULL)
		rc = ops_number_enter(a->s, a->opt[O_PERSON], typed, &e, &res, &err);
	secret_free_str(typed);
	if (rc == 0 && res == NUMBER_DUPLICATE) {
		err = xstrdup(_("this number is already held by another person: it "
		    "was refused and flagged to the supervisor"));
		rc = -1;
	} else if (rc == 0) {
		printf(_("entered for %s: a second person must confirm it\n"),
		    a->opt[O_PERSON]);
	}
	return cli_done(rc, err);
}

int
cli_cmd_number_confirm(struct cli_args *a)
{
	enum number_result res;
	char *err = NULL, *typed;
	int rc = -1;

	/* What would be refused anyway is said before the number is read. */
	if (ops_number_confirm_precheck(a->s, a->opt[O_PERSON], a->s->user, &err) < 0)
		return cli_done(-1, err);
	if ((typed = number_read(a, &err)) != NULL)
		rc = ops_number_confirm(a->s, a->opt[O_PERSON], typed, NULL, &res, &err);
	secret_free_str(typed);
	if (rc == 0 && res == NUMBER_MISMATCH) {
		err = xstrdup(_("the numbers do not match: neither is kept; the case "
		    "went to the supervisor and the number must be entered again from "
		    "the document"));
		rc = -1;
	} else if (rc == 0) {
		printf(_("confirmed for %s\n"), a->opt[O_PERSON]);
	}
	return cli_done(rc, err);
}

int
cli_cmd_number_match(struct cli_args *a)
{
	enum number_result res = NUMBER_MISMATCH;
	struct session *s;
	char *err = NULL, *typed;
	int rc = -1;

	/* Exit 1 means "no match", so every failure here exits 2. */
	if ((s = cli_login(a)) == NULL)
		return 2;
	if ((typed = number_read(a, &err)) != NULL)
		rc = ops_number_match(s, a->opt[O_PERSON], typed, &res, &err);
	secret_free_str(typed);
	if (rc == 0)
		printf("%s\n", res == NUMBER_OK ? _("match") : _("no match"));
	rc = cli_done(rc, err);
	ops_logout(s);
	return rc != 0 ? 2 : res == NUMBER_OK ? 0 : 1;
}

int
cli_cmd_number_status(struct cli_args *a)
{
	struct number_status st;
	char *err = NULL;
	int rc;

	/* The code first, for scripts; then the words, when it needs them. */
	rc = ops_person_number_status(a->s, a->opt[O_PERSON], &st, &err);
	if (rc == 0)
		printf("%s%s%s\n", st.code, st.words[0] ? ": " : "", st.words);
	return cli_done(rc, err);
}

static int
number_due_line(const char *key, const char *lost, void *arg)
{
	(*(int *)arg)++;
	printf("%-20s %s\n", key, lost);
	return 0;
}

int
cli_cmd_number_due(struct cli_args *a)
{
	char *err = NULL;
	int rc, n = 0;

	rc = ops_number_due(a->s, number_due_line, &n, &err);
	if (rc == 0 && n == 0)
		printf("%s\n", _("no numbers are due for deletion"));
	return cli_done(rc, err);
}

int
cli_cmd_number_delete(struct cli_args *a)
{
	struct witness *w;
	char *err = NULL;
	int rc = -1;

	if (cli_witness(a->s, a, &w, &err) == 0)
		rc = ops_number_delete(a->s, a->opt[O_PERSON], w, &err);
	ops_witness_free(w);
	if (rc == 0)
		printf(_("the number of %s was erased\n"), a->opt[O_PERSON]);
	return cli_done(rc, err);
}

static int
number_queue_line(const struct queue_row *q, void *arg)
{
	(*(int *)arg)++;
	printf("%-12s %-10s %-12s %s  %s%s%s\n", q->key, q->reason,
	    q->other[0] ? q->other : "-", q->created, q->actor,
	    q->actor2[0] ? " / " : "", q->actor2);
	return 0;
}

int
cli_cmd_number_queue(struct cli_args *a)
{
	char *err = NULL;
	int rc, n = 0;

	rc = ops_number_queue(a->s, number_queue_line, &n, &err);
	if (rc == 0 && n == 0)
		printf("%s\n", _("no open cases"));
	return cli_done(rc, err);
}
