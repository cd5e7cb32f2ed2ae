/* mynadesk pia [done]: the PIA level the vault's count requires, and the
 * record of an assessment done. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/pia.h"
#include "util/i18n.h"

/* One answer typed on the terminal (or piped); NULL at end of input. */
static char *
pia_ask(const char *question)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	fprintf(stderr, "%s ", question);
	fflush(stderr);
	if ((n = getline(&line, &cap, stdin)) <= 0) {
		free(line);
		return NULL;
	}
	line[strcspn(line, "\r\n")] = '\0';
	/* A piped answer is not echoed: end the prompt's line ourselves. */
	if (!isatty(STDIN_FILENO))
		fputc('\n', stderr);
	return line;
}

static int
pia_count(const char *s, long long *out)
{
	char *end;

	errno = 0;
	*out = s ? strtoll(s, &end, 10) : -1;
	return s != NULL && *s != '\0' && *end == '\0' && errno == 0 &&
	    *out >= 0 && *out <= 100000000 ? 0 : -1;
}

/* Staff and incidents from the options, else asked; only where they
 * decide the level. Returns 0, or an exit status. */
static int
pia_facts(struct cli_args *a, long long persons, struct pia_facts *f)
{
	char *answer = NULL;
	int rc = 0;

	f->staff = -1;
	f->incident = -1;
	if (a->opt[O_STAFF] != NULL && pia_count(a->opt[O_STAFF], &f->staff) < 0)
		return cli_error(_("--staff must be a whole number of persons"));
	if (a->opt[O_INCIDENTS] != NULL &&
	    (f->incident = pia_parse_yesno(a->opt[O_INCIDENTS])) < 0)
		return cli_error(_("--incidents must be yes or no"));
	if (!pia_needs_triggers(persons))
		return 0;
	if (f->staff < 0) {
		answer = pia_ask(_("How many staff handle the file of individual "
		    "numbers (including contractors)?"));
		if (answer == NULL || pia_count(answer, &f->staff) < 0)
			rc = cli_error(_("give the number of staff (--staff N)"));
		free(answer);
	}
	if (rc == 0 && f->incident < 0) {
		answer = pia_ask(_("Was there a serious incident with individual "
		    "numbers in the past year? (yes/no)"));
		if (answer == NULL || (f->incident = pia_parse_yesno(answer)) < 0)
			rc = cli_error(_("answer yes or no (--incidents yes|no)"));
		free(answer);
	}
	return rc;
}

/* Which rule of the guide's flow chart applied. */
static const char *
pia_rule(const struct pia_result *r)
{
	switch (r->band) {
	case 0: return _("fewer than 1,000 persons: no PIA is required");
	case 1: return _("1,000 to 9,999 persons");
	case 2: return r->triggered ? _("10,000 to 99,999 persons with 500 or "
	    "more staff or a serious incident in the past year") :
	    _("10,000 to 99,999 persons, fewer than 500 staff, no serious "
	    "incident");
	case 3: return r->triggered ? _("100,000 to 299,999 persons with 500 or "
	    "more staff or a serious incident in the past year") :
	    _("100,000 to 299,999 persons, fewer than 500 staff, no serious "
	    "incident");
	default: return _("300,000 persons or more");
	}
}

static void
pia_print(const struct pia_status *st)
{
	printf(_("persons on file: %lld\n"), st->persons);
	printf(_("required: %s (%s)\n"), pia_level_label(st->r.level),
	    pia_level_code(st->r.level));
	printf(_("rule: %s\n"), pia_rule(&st->r));
	if (st->r.next > 0)
		printf(_("next line: %lld persons, %lld more\n"), st->r.next,
		    st->r.to_next);
	else
		printf("%s\n", _("next line: none (the highest level applies)"));
	if (!st->have_last) {
		printf("%s\n", _("last PIA: none recorded (record one with 'pia done "
		    "--date YYYY-MM-DD')"));
		return;
	}
	printf(ngettext("last PIA: %s for %lld person (%s)\n",
	    "last PIA: %s for %lld persons (%s)\n",
	    (unsigned long)st->last.persons), st->last.done,
	    st->last.persons, st->last.level);
	printf(st->overdue ? _("review due: %s, OVERDUE\n") :
	    _("review due: %s\n"), st->due);
	if (st->crossed > 0)
		printf(_("the count crossed %lld since the last PIA: assess again "
		    "now\n"), st->crossed);
	else if (st->crossed < 0)
		printf(_("the count fell below %lld since the last PIA: assess "
		    "again\n"), -st->crossed);
	if (st->level_changed)
		printf(_("the level differs from the last PIA (%s): assess again "
		    "now\n"), st->last.level);
}

static long long
pia_persons(struct cli_args *a, struct session *s, int *status)
{
	long long n = -1;
	char *err = NULL;

	*status = 0;
	if (a->opt[O_PERSONS] != NULL)
		n = a->num[O_PERSONS];	/* a count, checked by the parser */
	else if (ops_pia_persons(s, &n, &err) < 0) {
		*status = cli_error(err);
		free(err);
	}
	return n;
}

int
cli_cmd_pia(struct cli_args *a)
{
	struct pia_status st;
	struct pia_facts f;
	char *err = NULL;
	int rc;

	f.persons = pia_persons(a, a->s, &rc);
	if (rc == 0 && (rc = pia_facts(a, f.persons, &f)) == 0) {
		if (ops_pia_status(a->s, &f, &st, &err) == 0)
			pia_print(&st);
		else
			rc = cli_error(err);
	}
	free(err);
	return rc;
}

int
cli_cmd_pia_done(struct cli_args *a)
{
	struct pia_status st;
	struct pia_facts f;
	char *err = NULL;
	long long n;
	int rc;

	n = pia_persons(a, a->s, &rc);
	if (rc == 0 && (rc = pia_facts(a, n, &f)) == 0) {
		f.persons = n;
		if (ops_pia_done(a->s, a->opt[O_DATE], &f, &st, &err) == 0) {
			printf(ngettext("PIA of %s recorded for %lld person (%s); "
			    "review due %s\n", "PIA of %s recorded for %lld persons "
			    "(%s); review due %s\n", (unsigned long)st.persons),
			    a->opt[O_DATE], st.persons,
			    pia_level_code(st.r.level), st.due);
		} else {
			rc = cli_error(err);
		}
	}
	free(err);
	return rc;
}
