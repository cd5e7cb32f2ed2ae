/* mynadesk bulk export|results|pending|check, cutover record|diff,
 * registration history */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "domain/regread.h"
#include "ops/registration.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static void
bulk_print_export(const struct reg_export_report *rep)
{
	int i;

	for (i = 0; i < rep->nmessages; i++)
		fprintf(stderr, "%s\n", rep->messages[i]);
	if (rep->refused > rep->nmessages)
		fprintf(stderr, _("... and %lld more refused\n"),
		    rep->refused - rep->nmessages);
	if (rep->file == NULL)
		printf(_("nothing to send: %lld unchanged, %lld refused\n"),
		    rep->unchanged, rep->refused);
	else
		printf(ngettext("wrote %s: %lld record, %lld refused, %lld "
		    "unchanged, %lld without a confirmed number\nsha256 %s\n",
		    "wrote %s: %lld records, %lld refused, %lld unchanged, "
		    "%lld without a confirmed number\nsha256 %s\n",
		    (unsigned long)rep->records), rep->file,
		    rep->records, rep->refused, rep->unchanged, rep->no_number,
		    rep->sha256);
}

/* Before the login: a kind that exists, and one mode. */
int
cli_check_bulk_export(struct cli_args *a)
{
	enum reg_kind kind;
	char *err = NULL;

	if (a->opt[O_DIFF] != NULL && a->opt[O_RETRY] != NULL)
		return cli_error(_("--diff and --retry exclude each other")) + 1;
	if (reg_kind_parse(a->opt[O_KIND], &kind, &err) < 0)
		return cli_usage_error(err);
	return 0;
}

int
cli_cmd_bulk_export(struct cli_args *a)
{
	struct reg_export_request rq;
	struct reg_export_report rep;
	char *err = NULL;
	int rc;

	memset(&rq, 0, sizeof rq);
	if (reg_kind_parse(a->opt[O_KIND], &rq.kind, &err) < 0)
		return cli_usage_error(err);
	rq.mode = a->opt[O_DIFF] ? REG_MODE_DIFF :
	    a->opt[O_RETRY] ? REG_MODE_RETRY : REG_MODE_FULL;
	rq.out_dir = a->opt[O_OUT];
	rq.layout = a->opt[O_LAYOUT];
	rq.source = a->opt[O_FILE];
	rq.force = a->opt[O_FORCE] != NULL;
	rc = ops_reg_export(a->s, &rq, &rep, &err);
	if (rc == 0)
		bulk_print_export(&rep);
	/* Nothing written because every record was refused is not success:
	 * a script must not go on to send a file that is not there. */
	if (rc == 0 && rep.file == NULL && rep.refused > 0)
		rc = err_typed(&err, ERR_REFUSED, ERR_FIELD_NONE, "%s",
		    _("nothing was written: every record was refused"));
	reg_export_report_clear(&rep);
	/* The code decides: 1 refused or failed, 2 a source not usable. */
	return cli_done(rc, err);
}

/* On a terminal: records read, then that the result is being stored,
 * which takes most of the time of a large result. */
static void
results_progress(long long done, long long total, void *arg)
{
	(void)arg;
	if (!isatty(STDERR_FILENO))
		return;
	fputc('\r', stderr);
	if (done < total)
		fprintf(stderr, ngettext("%lld of %lld record read",
		    "%lld of %lld records read", (unsigned long)total), done,
		    total);
	else
		fprintf(stderr, ngettext("%lld record read; storing the "
		    "result...", "%lld records read; storing the result...",
		    (unsigned long)done), done);
}

int
cli_cmd_bulk_results(struct cli_args *a)
{
	struct reg_results_report rep;
	char *err = NULL;
	int rc, i;

	rc = ops_reg_results_progress(a->s, a->pos[0], a->opt[O_LAYOUT],
	    results_progress, NULL, &rep, &err);
	if (isatty(STDERR_FILENO))
		fputc('\n', stderr);
	if (rc == 0) {
		printf(ngettext("%s: %lld record, %lld accepted, %lld refused\n",
		    "%s: %lld records, %lld accepted, %lld refused\n",
		    (unsigned long)rep.records), rep.file, rep.records, rep.accepted,
		    rep.failed);
		/* The rows to correct, for the clerk: key, record, message. */
		for (i = 0; i < rep.nmessages; i++)
			printf(_("refused %s\n"), rep.messages[i]);
		if (rep.failed > rep.nmessages)
			printf(_("... and %lld more refused: see 'bulk pending'\n"),
			    rep.failed - rep.nmessages);
		if (rep.jlis_mismatch > 0)
			printf(_("J-LIS mismatch %lld: registered, but blocked "
			    "until resolved: see 'registration mismatches'\n"),
			    rep.jlis_mismatch);
		if (rep.jlis_settled > 0)
			printf(_("J-LIS mismatches settled: %lld\n"),
			    rep.jlis_settled);
	} else {
		for (i = 0; i < rep.nmessages; i++)
			fprintf(stderr, "%s\n", rep.messages[i]);
		cli_error(err);
	}
	reg_results_report_clear(&rep);
	free(err);
	return rc == 0 ? 0 : 1;
}

int
cli_cmd_bulk_pending(struct cli_args *a)
{
	struct reg_pending p;
	char *err = NULL;
	int rc, k;

	rc = ops_registration_pending(a->s, &p, &err);
	for (k = 0; rc == 0 && k < REG_NKINDS; k++) {
		char changes[24];

		if (p.changes[k] < 0)
			snprintf(changes, sizeof changes, "-");
		else
			snprintf(changes, sizeof changes, "%lld", p.changes[k]);
		printf("%-14s awaiting %lld  refused %lld  changes %s\n",
		    reg_kind_name((enum reg_kind)k), p.awaiting[k], p.failed[k],
		    changes);
	}
	return cli_done(rc, err);
}

int
cli_cmd_bulk_check(struct cli_args *a)
{
	struct reg_read_summary sum;
	enum reg_kind k;
	char *err = NULL, *layout;
	int rc;

	if (a->opt[O_KIND] == NULL && a->opt[O_LAYOUT] == NULL)
		return cli_error(_("usage: bulk check --kind KIND|result FILE "
		    "[--layout FILE]")) + 1;
	if (a->opt[O_LAYOUT] != NULL)
		layout = xstrdup(a->opt[O_LAYOUT]);
	else if (strcmp(a->opt[O_KIND], "result") == 0)
		layout = reg_layout_path(-1);
	else if (reg_kind_parse(a->opt[O_KIND], &k, &err) == 0)
		layout = reg_layout_path((int)k);
	else
		return cli_input_error(err, _("failed"));
	/* A layout or file that cannot be checked at all is unusable input
	 * (2), as for check; problems found in the file are 1. */
	if (layout == NULL)
		return cli_input_error(NULL, _("layouts not found: is mynadesk "
		    "installed?"));
	rc = reg_check_file(layout, a->pos[0], stdout, &sum, &err);
	free(layout);
	if (rc < 0)
		return cli_input_error(err, _("failed"));
	printf("%s %s: %lld records, %lld with problems\n", rc == 0 ? "PASS" :
	    "FAIL", a->pos[0], sum.rows, sum.bad);
	return rc;
}

int
cli_cmd_cutover_record(struct cli_args *a)
{
	long long id = 0, base = 0;
	char *err = NULL;
	int rc;

	rc = ops_cutover_record(a->s, a->opt[O_REASON], &id, &base, &err);
	if (rc == 0)
		printf(_("cut-over %lld recorded; base extract %lld\n"), id, base);
	return cli_done(rc, err);
}

int
cli_cmd_cutover_diff(struct cli_args *a)
{
	struct reg_export_report rep[2];
	char *err = NULL;
	int rc, i;

	rc = ops_cutover_diff(a->s, a->opt[O_OUT], a->opt[O_FORCE] != NULL, rep,
	    &err);
	for (i = 0; i < 2; i++) {
		if (rc == 0 || rep[i].file != NULL)
			bulk_print_export(&rep[i]);
		reg_export_report_clear(&rep[i]);
	}
	return cli_done(rc, err);
}

static const char *
bulk_action(int a)
{
	switch (a) {
	case REG_ACTION_NEW: return "new";
	case REG_ACTION_CHANGE: return "change";
	case REG_ACTION_LOSS: return "loss";
	default: return "?";
	}
}

static int
bulk_history_line(const struct reghist_row *h, void *arg)
{
	(*(int *)arg)++;
	printf("%.10s %-13s %-10s %-6s %s#%lld %s", h->created, h->kind, h->mode,
	    bulk_action(h->action), h->file, h->seq, h->status);
	if (h->branch[0] != '\0')
		printf(" branch=%s", h->branch);
	printf(" extract=%s", h->extract[0] ? h->extract : "-");
	if (h->cutover > 0)
		printf(" cutover=%lld", h->cutover);
	if (h->message[0] != '\0')
		printf(" message=%s", h->message);
	putchar('\n');
	return 0;
}

int
cli_cmd_registration_history(struct cli_args *a)
{
	char *err = NULL;
	int rc, n = 0;

	rc = ops_registration_history(a->s, a->opt[O_PERSON], bulk_history_line,
	    &n, &err);
	if (rc == 0 && n == 0)
		printf(_("%s was never sent to the intermediate server\n"),
		    a->opt[O_PERSON]);
	return cli_done(rc, err);
}
