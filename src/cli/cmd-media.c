/* mynadesk media pack|ship|receive|imported|dispose|list|show|slip|register|
 * password. The witness of a two-person step is the usual second person:
 * --checker NAME with the password from the terminal or
 * --checker-password-fd. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/media.h"
#include "ops/precheck.h"
#include "ops/witness.h"
#include "ops/xlsx-out.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

/* The medium: the first argument, or --id. */
static const char *
media_id(const struct cli_args *a)
{
	return a->npos > 0 ? a->pos[0] : a->opt[O_ID];
}

/* Reads the witness's password and checks it: the handle, or NULL
 * (message in *err). */
static struct witness *
media_witness(struct cli_args *a, char **err)
{
	struct witness *w = NULL;
	char *prompt, *pw;

	if (a->opt[O_CHECKER] == NULL) {
		err_set(err, _("this step needs a witness: give --checker NAME (a "
		    "second user, who types their password)"));
		return NULL;
	}
	prompt = xasprintf(_("password for the witness %s"), a->opt[O_CHECKER]);
	pw = cli_read_secret(prompt, cli_opt_fd(a, O_CHECKER_PASSWORD_FD), err);
	free(prompt);
	/* Checked once here; the step takes the handle, not the password. */
	if (pw != NULL)
		(void)ops_witness_check(a->s, a->opt[O_CHECKER], pw, &w, err);
	secret_free_str(pw);
	return w;
}

/* text and csv go to the standard output; xlsx (every cell text, so codes
 * keep their leading zeros in a spreadsheet) into a new file named by
 * --out: *xlsx is set and the document is made as CSV first. */
static int
media_format(const struct cli_args *a, enum media_format *f, int *xlsx)
{
	const char *v = a->opt[O_FORMAT];

	*xlsx = 0;
	if (v == NULL || strcmp(v, "text") == 0)
		*f = MEDIA_TEXT;
	else if (strcmp(v, "csv") == 0)
		*f = MEDIA_CSV;
	else if (strcmp(v, "xlsx") == 0 && a->opt[O_OUT] != NULL)
		*f = MEDIA_CSV, *xlsx = 1;
	else if (strcmp(v, "xlsx") == 0)
		return cli_error(_("--format xlsx writes a file: name it with "
		    "--out FILE.xlsx"));
	else
		return cli_error(_("--format is text, csv or xlsx"));
	return 0;
}

/* The document to the standard output, or as a workbook into --out. */
static int
media_emit(const struct cli_args *a, const char *text, int xlsx,
    const char *sheet, char **err)
{
	if (!xlsx) {
		fputs(text, stdout);
		return 0;
	}
	if (xlsx_from_csv(text, strlen(text), sheet, a->opt[O_OUT], err) < 0)
		return -1;
	printf(_("wrote %s\n"), a->opt[O_OUT]);
	return 0;
}

/* The password goes to --password-out-fd when given, else to stdout once. */
static int
media_show_password(const struct cli_args *a, const char *label, const char *pw,
    int first)
{
	int fd = cli_opt_fd(a, O_PASSWORD_OUT_FD);
	size_t len = strlen(pw);
	ssize_t w;

	if (fd < 0) {
		printf("password %s\n", pw);
		if (first)
			fprintf(stderr, _("mynadesk: write down the password of %s "
			    "for the separate notification: it is not shown "
			    "again\n"), label);
		return 0;
	}
	do
		w = write(fd, pw, len);
	while (w < 0 && errno == EINTR);
	if (w != (ssize_t)len || write(fd, "\n", 1) != 1)
		return cli_error(_("cannot write the password to --password-out-fd"));
	return 0;
}

/* Before the login: the medium named, by operand or --id. */
int
cli_check_media_id(struct cli_args *a)
{
	if (media_id(a) != NULL)
		return 0;
	return cli_error(_("give the medium's ID (an operand, or --id ID)")) + 1;
}

int
cli_check_media_slip(struct cli_args *a)
{
	enum media_format f;
	int xlsx, rc = cli_check_media_id(a);

	return rc != 0 ? rc : media_format(a, &f, &xlsx) != 0 ? 2 : 0;
}

int
cli_check_media_register(struct cli_args *a)
{
	enum media_format f;
	int xlsx;

	return media_format(a, &f, &xlsx) != 0 ? 2 : 0;
}

int
cli_cmd_media_pack(struct cli_args *a)
{
	struct media_pack_result res;
	struct witness *w;
	char *err = NULL;
	int rc = -1;

	if ((w = media_witness(a, &err)) != NULL)
		rc = ops_media_pack(a->s, a->pos[0], a->opt[O_OUT], w, &res,
		    &err);
	ops_witness_free(w);
	if (rc == 0) {
		printf("%s %s %zu\n", res.label, res.sha256, res.nfiles);
		fflush(stdout);
		if (media_show_password(a, res.label, res.password, 1) != 0)
			rc = -1;
		secret_wipe(res.password, sizeof res.password);
		if (rc < 0)
			err = xstrdup(_("the medium is recorded, but its password was "
			    "not shown: use 'media password' with a witness"));
	}
	return cli_done(rc, err);
}

int
cli_cmd_media_carry(struct cli_args *a)
{
	struct media_carry_result res;
	struct witness *w;
	char *err = NULL;
	int rc = -1;

	if ((w = media_witness(a, &err)) != NULL)
		rc = ops_media_carry(a->s, a->pos[0], a->opt[O_MEDIUM], w,
		    &res, &err);
	ops_witness_free(w);
	if (rc == 0)
		printf(ngettext("%s: %zu file on %s, carried to the dedicated "
		    "terminal\n", "%s: %zu files on %s, carried to the dedicated "
		    "terminal\n", (unsigned long)res.nfiles),
		    res.label, res.nfiles, a->opt[O_MEDIUM]);
	return cli_done(rc, err);
}

static void
media_step_args(const struct cli_args *a, struct media_step_in *in)
{
	memset(in, 0, sizeof *in);
	in->date = a->opt[O_DATE];
	in->courier = a->opt[O_COURIER];
	in->tracking = a->opt[O_TRACKING];
	in->seal = a->opt[O_SEAL];
	in->notice_date = a->opt[O_NOTICE_DATE];
	in->answer_medium = a->opt[O_MEDIUM];
	in->file = a->opt[O_FILE];
	in->method = a->opt[O_METHOD];
}

int
cli_cmd_media_ship(struct cli_args *a)
{
	struct media_step_in in;
	char *err = NULL;
	int rc;

	media_step_args(a, &in);
	rc = ops_media_ship(a->s, media_id(a), &in, &err);
	if (rc == 0)
		printf(_("%s shipped\n"), media_id(a));
	return cli_done(rc, err);
}

/* receive and dispose: one person with a witness. */
static int
media_witnessed(struct cli_args *a, int dispose)
{
	struct media_step_in in;
	struct witness *w;
	char *err = NULL;
	int rc = -1;

	media_step_args(a, &in);
	/* A step out of order is refused before the witness's password. */
	if (ops_media_step_precheck(a->s, media_id(a), dispose ? MSTEP_DISPOSED :
	    MSTEP_RECEIVED, &err) < 0)
		return cli_done(-1, err);
	if ((w = media_witness(a, &err)) != NULL)
		rc = dispose ? ops_media_dispose(a->s, media_id(a), &in, w,
		    &err) :
		    ops_media_receive(a->s, media_id(a), &in, w, &err);
	ops_witness_free(w);
	if (rc == 0)
		printf(dispose ? _("%s disposed of\n") : _("%s: answer received\n"),
		    media_id(a));
	return cli_done(rc, err);
}

int
cli_cmd_media_receive(struct cli_args *a)
{
	return media_witnessed(a, 0);
}

int
cli_cmd_media_dispose(struct cli_args *a)
{
	return media_witnessed(a, 1);
}

int
cli_cmd_media_imported(struct cli_args *a)
{
	const char *files[1];
	char *err = NULL;
	int rc;

	files[0] = a->opt[O_FILE];
	rc = ops_media_answer_imported(a->s, media_id(a), files, 1, NULL, &err);
	if (rc == 0)
		printf(_("%s: answer imported\n"), media_id(a));
	return cli_done(rc, err);
}

static int
media_list_line(const struct media_row *m, long overdue, void *arg)
{
	char od[48];

	(*(int *)arg)++;
	if (overdue > 0)
		snprintf(od, sizeof od, "overdue=%ld", overdue);
	else
		snprintf(od, sizeof od, "-");
	printf("%-6s %-9s %.10s %-10s %s\n", m->label, m->state, m->created,
	    m->shipped[0] ? m->shipped : "-", od);
	return 0;
}

int
cli_cmd_media_list(struct cli_args *a)
{
	char *err = NULL;
	int rc, n = 0;

	rc = ops_media_list(a->s, media_list_line, &n, &err);
	if (rc == 0 && n == 0)
		printf("%s\n", _("no media"));
	return cli_done(rc, err);
}

static void
media_show_step(const struct media_step_view *sv)
{
	const struct media_event *e = &sv->ev;
	size_t i;

	printf("%s %-9s %s%s%s", e->date, e->step, e->actor,
	    e->witness[0] ? " / " : "", e->witness);
	if (e->courier[0])
		printf(" courier=%s tracking=%s seal=%s notice=%s", e->courier,
		    e->tracking, e->seal, e->notice_date);
	if (e->answer_medium[0])
		printf(" answer_medium=%s", e->answer_medium);
	if (e->method[0])
		printf(" method=%s", e->method);
	if (e->summary[0] && strcmp(e->step, "created") != 0)
		printf(" summary=%s", e->summary);
	printf("\n");
	for (i = 0; i < sv->nfiles; i++)
		printf("    %s %lld %s\n", sv->files[i].name, sv->files[i].bytes,
		    sv->files[i].sha256);
}

int
cli_cmd_media_show(struct cli_args *a)
{
	struct media_view v;
	char *err = NULL;
	size_t i;
	int rc;

	if ((rc = ops_media_view(a->s, media_id(a), &v, &err)) == 0) {
		printf("%s %s %s %s%s\n", v.m.label, v.m.state,
		    v.m.sha256[0] ? v.m.sha256 : "-", v.m.container,
		    strcmp(v.m.channel, "terminal") == 0 ?
		    _(" (USB medium, dedicated terminal)") : "");
		for (i = 0; i < v.nsteps; i++)
			media_show_step(&v.steps[i]);
		if (v.overdue > 0)
			printf(ngettext("answer overdue by %ld day (shipped %s, "
			    "limit %ld days)\n", "answer overdue by %ld days "
			    "(shipped %s, limit %ld days)\n",
			    (unsigned long)v.overdue), v.overdue, v.m.shipped,
			    ops_media_overdue_limit(a->s));
		media_view_clear(&v);
	}
	return cli_done(rc, err);
}

int
cli_cmd_media_slip(struct cli_args *a)
{
	enum media_format f;
	struct media_view v;
	char *err = NULL, *text, *assoc;
	int rc, xlsx;

	(void)media_format(a, &f, &xlsx);	/* checked before the login */
	if ((rc = ops_media_view(a->s, media_id(a), &v, &err)) == 0) {
		assoc = ops_association(a->s);
		text = media_slip(&v, assoc, f);
		/* L10N: sheet name of the hand-over slip (at most 31 chars). */
		rc = media_emit(a, text, xlsx, _("slip"), &err);
		free(text);
		free(assoc);
		media_view_clear(&v);
	}
	return cli_done(rc, err);
}

int
cli_cmd_media_register(struct cli_args *a)
{
	enum media_format f;
	char *err = NULL, *text;
	int rc = -1, xlsx;

	(void)media_format(a, &f, &xlsx);	/* checked before the login */
	/* L10N: sheet name of the disposal register (at most 31 chars). */
	if ((text = media_register(a->s, f, &err)) != NULL)
		rc = media_emit(a, text, xlsx, _("register"), &err);
	free(text);
	return cli_done(rc, err);
}

int
cli_cmd_media_password(struct cli_args *a)
{
	struct witness *w;
	char *err = NULL, *shown = NULL;
	int rc = -1;

	if ((w = media_witness(a, &err)) != NULL)
		rc = ops_media_password(a->s, media_id(a), w, &shown, &err);
	ops_witness_free(w);
	if (rc == 0 && media_show_password(a, media_id(a), shown, 0) != 0)
		rc = -1;
	secret_free_str(shown);
	return cli_done(rc, err);
}
