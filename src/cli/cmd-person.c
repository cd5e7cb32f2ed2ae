/* mynadesk person import|show|search */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/numbers.h"
#include "ops/person-import.h"
#include "ops/persons.h"
#include "util/i18n.h"
#include "util/text.h"

static volatile int person_interrupted;

static void
person_on_sigint(int sig)
{
	(void)sig;
	person_interrupted = 1;
}

static void
person_progress(long long rows, long long bytes, long long total, void *arg)
{
	(void)arg;
	if (isatty(STDERR_FILENO) && total > 0) {
		fputc('\r', stderr);
		fprintf(stderr, ngettext("%lld line  %3lld%%", "%lld lines  %3lld%%",
		    (unsigned long)rows), rows, bytes * 100 / total);
	}
}

int
cli_cmd_person_import(struct cli_args *a)
{
	struct import_request rq = { 0 };
	struct import_report rep;
	char *err = NULL;
	int rc, i;

	rq.file = a->pos[0];
	rq.layout = a->opt[O_LAYOUT];
	rq.accept_valid = (a->opt[O_ACCEPT_VALID] != NULL);
	rq.progress = person_progress;
	rq.cancel = &person_interrupted;
	signal(SIGINT, person_on_sigint);
	rc = ops_person_import(a->s, &rq, &rep, &err);
	signal(SIGINT, SIG_DFL);
	if (isatty(STDERR_FILENO))
		fputc('\n', stderr);
	for (i = 0; i < rep.nmessages; i++)
		fprintf(stderr, "%s\n", rep.messages[i]);
	if (rep.counts.rejected > rep.nmessages)
		fprintf(stderr, ngettext("... and %lld more rejected line\n",
		    "... and %lld more rejected lines\n",
		    (unsigned long)(rep.counts.rejected - rep.nmessages)),
		    rep.counts.rejected - rep.nmessages);
	if (rc == 0)
		printf(_("imported %s: %lld added, %lld changed, %lld unchanged, "
		    "%lld rejected\n"), rq.file, rep.counts.added, rep.counts.changed,
		    rep.counts.unchanged, rep.counts.rejected);
	else
		cli_error(err);
	free(err);
	import_report_clear(&rep);
	return rc == 0 ? 0 : 1;
}

static const char *const person_labels[PF_COUNT] = {
	N_("key"), N_("insurer"), N_("symbol"), N_("number"), N_("relation"),
	N_("member"), N_("name"), N_("kana"), N_("birth"), N_("sex"), N_("address"),
	N_("municipality"), N_("resident"), N_("employer"), N_("acquired"),
	N_("lost"), N_("branch (枝番)"), NULL };

/* The extract's columns mynadesk has no role for, one a line by name. */
static void
person_extra_lines(const char *extra)
{
	const char *p = extra;

	while (*p != '\0') {
		const char *us = strchr(p, PERSON_EXTRA_US), *rs;

		if (us == NULL)
			return;
		rs = strchr(us, PERSON_EXTRA_RS);
		printf("%-14.*s %.*s\n", (int)(us - p), p,
		    (int)(rs != NULL ? rs - us - 1 : (long)strlen(us + 1)), us + 1);
		if (rs == NULL)
			return;
		p = rs + 1;
	}
}

static int
person_history_line(const struct history_row *h, void *arg)
{
	(void)arg;
	printf("  %.10s  %-9s %s -> %s  (%s)\n", h->imported, h->field, h->old,
	    h->new_value, h->file);
	return 0;
}

static int
person_household_line(int64_t id, const struct person *p, void *arg)
{
	(void)id;
	(void)arg;
	printf("  %-12s %s  %s  %s\n", p->f[PF_KEY], p->f[PF_RELATION][0] == '1' ?
	    _("member") : _("family"), p->f[PF_NAME], p->f[PF_BIRTH]);
	return 0;
}

int
cli_cmd_person_show(struct cli_args *a)
{
	struct person_view v;
	char *err = NULL;
	int rc, i;

	rc = ops_person_view(a->s, a->opt[O_PERSON], &v, &err);
	if (rc == 0) {
		for (i = 0; i < PF_ROLES; i++) {
			char *label = text_pad(_(person_labels[i]), 14);

			printf("%s %s\n", label, v.p.f[i]);
			free(label);
		}
		person_extra_lines(v.p.f[PF_EXTRA]);
		printf("%s %s\n", _("number state  "), v.number_state);
		printf("%s\n", _("household:"));
		rc = ops_person_household(a->s, &v, person_household_line, NULL, &err);
		printf("%s\n", _("history:"));
		if (rc == 0)
			rc = ops_person_history(a->s, &v, person_history_line, NULL, &err);
		person_view_clear(&v);
	}
	return cli_done(rc, err);
}

static int
person_search_line(int64_t id, const struct person *p, void *arg)
{
	char *name = text_pad(p->f[PF_NAME], 16), *kana = text_pad(p->f[PF_KANA], 20);

	(void)id;
	(*(int *)arg)++;
	printf("%-12s %s %s %s  %s/%s%s%s\n", p->f[PF_KEY], name, kana,
	    p->f[PF_BIRTH], p->f[PF_SYMBOL], p->f[PF_NUMBER],
	    p->f[PF_EDABAN][0] ? "/" : "", p->f[PF_EDABAN]);
	free(name);
	free(kana);
	return 0;
}

int
cli_cmd_person_search(struct cli_args *a)
{
	char *err = NULL;
	int rc, n = 0;

	rc = ops_person_search(a->s, a->pos[0],
	    a->num[O_LIMIT] > 0 ? (int)a->num[O_LIMIT] : 50,
	    person_search_line, &n, &err);
	if (rc < 0)
		cli_error(err);
	else if (n == 0)
		fprintf(stderr, _("mynadesk: no person matches '%s'\n"), a->pos[0]);
	free(err);
	return rc == 0 && n > 0 ? 0 : 1;
}
