/* The registration screen's forms: x writes the chosen kind's differential
 * into a typed folder, i imports a result file from a typed path, h asks
 * for a person key. What an export or import said stays on a result panel
 * until Esc, with the refused rows the clerk has to correct. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "domain/redact.h"
#include "ops/handover.h"
#include "tui/person-text.h"
#include "tui/reg-screen.h"
#include "tui/wrap.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/xmalloc.h"

void
rg_form(struct reg_screen *r, enum rg_mode mode)
{
	int i;

	for (i = 0; i < RG_F_COUNT; i++)
		field_clear(&r->f[i]);
	r->ffocus = RG_F_PATH;
	r->mode = mode;
}

int
rg_form_last(const struct reg_screen *r)
{
	return r->mode == RG_EXPORT && !reg_kind_from_vault((enum reg_kind)
	    r->ksel) ? RG_F_SOURCE : RG_F_PATH;
}

static const char *
rg_path_label(const struct reg_screen *r)
{
	switch (r->mode) {
	/* L10N: the fields of the registration forms. */
	case RG_EXPORT: return _("Folder");
	case RG_IMPORT: return _("Result file");
	default: return _("Person key");
	}
}

void
rg_draw_form(struct tui *t, struct reg_screen *r, int top)
{
	const char *labels[RG_F_COUNT] = { rg_path_label(r), _("Input CSV") };
	int last = rg_form_last(r), lw = 0, x, fw, i;
	char buf[320];

	(void)t;
	for (i = 0; i <= last; i++)
		if (text_width(labels[i]) > lw)
			lw = text_width(labels[i]);
	x = 4 + lw;
	fw = COLS - x - 2;
	if (r->mode == RG_EXPORT) {
		/* L10N: %s is a kind of dataset, e.g. persons. */
		snprintf(buf, sizeof buf, _("Write the changes of %s not yet sent "
		    "(differential):"), reg_kind_name((enum reg_kind)r->ksel));
		draw_text(top, 2, COLS - 4, buf, ROLE_NORMAL);
		draw_text(top + 1, 2, COLS - 4, _("The file and its manifest are "
		    "written into the folder; it must exist."), ROLE_NORMAL);
		if (last == RG_F_SOURCE)
			draw_text(top + 6, x, fw, _("this kind comes from the existing "
			    "system's CSV"), ROLE_NORMAL);
	} else if (r->mode == RG_IMPORT) {
		draw_text(top, 2, COLS - 4, _("Import the intermediate server's "
		    "result file:"), ROLE_NORMAL);
		draw_text(top + 1, 2, COLS - 4, _("all of it or nothing; refused "
		    "rows are listed for correction."), ROLE_NORMAL);
	} else {
		draw_text(top, 2, COLS - 4, _("Show what was registered for a "
		    "person:"), ROLE_NORMAL);
	}
	for (i = 0; i <= last; i++) {
		draw_text(top + 3 + 2 * i, 2, lw, labels[i], ROLE_NORMAL);
		field_draw(&r->f[i], top + 3 + 2 * i, x, fw, 0);
	}
	draw_text(top + 8, 2, COLS - 4, _("Enter goes on; Esc cancels."),
	    ROLE_NORMAL);
	/* The focused field last, so the cursor ends up in it. */
	field_draw(&r->f[r->ffocus], top + 3 + 2 * r->ffocus, x, fw, 1);
	curs_set(1);
}

void
rg_draw_result(struct reg_screen *r, int top, int rows)
{
	int y = top, i;

	y += draw_wrapped(y, 2, COLS - 4, 3, r->rtitle, r->rrole);
	if (r->rcounts[0] != '\0')
		y += draw_wrapped(y, 2, COLS - 4, 2, r->rcounts, ROLE_NORMAL);
	y++;
	for (i = 0; i < r->nr && y < top + rows - 1; i++)
		y += draw_wrapped(y, 4, COLS - 6, top + rows - 1 - y, r->rline[i],
		    ROLE_NORMAL);
	if (r->rmore > 0 && y < top + rows - 1) {
		char buf[128];

		/* L10N: %lld further refused rows not listed here. */
		snprintf(buf, sizeof buf, _("... and %lld more"), r->rmore);
		draw_text(y, 4, COLS - 6, buf, ROLE_NORMAL);
	}
	draw_text(top + rows - 1, 2, COLS - 4, _("Enter or Esc goes back to the "
	    "list."), ROLE_NORMAL);
}

/* Keeps the messages for the panel, with anything like a number masked. */
static void
rg_keep_lines(struct reg_screen *r, char *const *msg, int n, long long total)
{
	int i;

	r->nr = 0;
	for (i = 0; i < n && r->nr < RG_RESULT_LINES; i++) {
		char *m = redact_numbers(msg[i]);

		ptext_copy(r->rline[r->nr++], sizeof r->rline[0], m);
		free(m);
	}
	r->rmore = total > r->nr ? total - r->nr : 0;
}

/* A large result reads for seconds, then stores for longer: the wait
 * line says which, with the count read. */
static void
rg_results_progress(long long done, long long total, void *arg)
{
	struct tui *t = arg;
	char line[160];

	if (done < total)
		/* L10N: records of a result file read so far, of all. */
		snprintf(line, sizeof line, ngettext("importing the result: %lld "
		    "of %lld record read", "importing the result: %lld of %lld "
		    "records read", (unsigned long)total), done, total);
	else
		/* L10N: all records of a result file read. */
		snprintf(line, sizeof line, ngettext("importing the result: %lld "
		    "record read, storing...", "importing the result: %lld "
		    "records read, storing...", (unsigned long)done), done);
	tui_status_now(t, line);
}

/* The file's name without its folder: the folder was just typed. */
static const char *
rg_base(const char *path)
{
	const char *b = strrchr(path, '/');

	return b != NULL ? b + 1 : path;
}

static void
rg_export_done(struct tui *t, struct reg_screen *r,
    const struct reg_export_report *rep)
{
	if (rep->file == NULL) {
		snprintf(r->rtitle, sizeof r->rtitle, "%s", _("nothing to send"));
		/* L10N: the export found nothing to send. */
		snprintf(r->rcounts, sizeof r->rcounts, _("%lld unchanged, %lld "
		    "refused"), rep->unchanged, rep->refused);
	} else {
		/* L10N: %s the file written. */
		snprintf(r->rtitle, sizeof r->rtitle, _("wrote %s"),
		    rg_base(rep->file));
		/* L10N: counts of the export; %.16s the start of its SHA-256. */
		snprintf(r->rcounts, sizeof r->rcounts, ngettext("%lld record, "
		    "%lld refused, %lld unchanged, %lld without a confirmed "
		    "number; SHA-256 %.16s...", "%lld records, %lld refused, %lld "
		    "unchanged, %lld without a confirmed number; SHA-256 %.16s...",
		    (unsigned long)rep->records), rep->records, rep->refused,
		    rep->unchanged, rep->no_number, rep->sha256);
	}
	r->rrole = rep->refused > 0 ? ROLE_WARN : ROLE_OK;
	rg_keep_lines(r, rep->messages, rep->nmessages, rep->refused);
	tui_message(t, r->rrole, "%s", rep->file != NULL ? _("the file is "
	    "written: send it, then import the result with i") :
	    _("no file was written"));
	r->mode = RG_RESULT;
	r->stale = 1;
}

/* What ops would refuse in the command line's words (--out DIR, --file
 * INPUT.csv), said first in the form's: the field to correct, or -1 when
 * the form is ready. out is the folder to write into. */
static int
rg_export_precheck(struct tui *t, const struct reg_screen *r,
    const char *out, const char *src)
{
	struct stat st;

	if (stat(out, &st) != 0 || !S_ISDIR(st.st_mode)) {
		tui_message(t, ROLE_ERROR, "%s", _("no such folder: type a folder "
		    "that exists"));
		return RG_F_PATH;
	}
	if (rg_form_last(r) == RG_F_SOURCE && src[0] == '\0') {
		tui_message(t, ROLE_ERROR, "%s", _("the vault does not hold this "
		    "kind: type the existing system's records file (CSV)"));
		return RG_F_SOURCE;
	}
	return -1;
}

static int
rg_submit_export(struct tui *t, struct reg_screen *r)
{
	char *dir = field_text(&r->f[RG_F_PATH]), *src = field_text(&r->f[RG_F_SOURCE]);
	struct reg_export_request rq;
	struct reg_export_report rep;
	char *err = NULL, *out = NULL, *in = NULL;
	int focus;

	memset(&rq, 0, sizeof rq);
	rq.kind = (enum reg_kind)r->ksel;
	rq.mode = REG_MODE_DIFF;
	if (dir[0] == '\0') {
		tui_message(t, ROLE_ERROR, "%s", _("type the folder to write the "
		    "file into"));
		r->ffocus = RG_F_PATH;
	} else if ((out = ops_handover_path(dir, HANDOVER_WRITE_DIR, &err)) == NULL ||
	    (rg_form_last(r) == RG_F_SOURCE && src[0] != '\0' &&
	    (in = ops_handover_path(src, HANDOVER_READ, &err)) == NULL)) {
		/* Service mode: only names in the hand-over folders. */
		tui_message(t, ROLE_ERROR, "%s", err);
		r->ffocus = out == NULL ? RG_F_PATH : RG_F_SOURCE;
	} else if ((focus = rg_export_precheck(t, r, out, src)) >= 0) {
		r->ffocus = focus;
	} else {
		rq.out_dir = out;
		rq.source = in;
		tui_status_now(t, _("writing the file, please wait..."));
		if (ops_reg_export(t->s, &rq, &rep, &err) == 0) {
			rg_export_done(t, r, &rep);
		} else {
			tui_message(t, ROLE_ERROR, "%s", err);
			r->ffocus = rq.source != NULL &&
			    err_field_of(err) == ERR_FIELD_SOURCE ?
			    RG_F_SOURCE : RG_F_PATH;
		}
		reg_export_report_clear(&rep);
	}
	free(err);
	free(out);
	free(in);
	secret_free_str(dir);
	secret_free_str(src);
	return KEY_HANDLED;
}

static int
rg_submit_import(struct tui *t, struct reg_screen *r)
{
	char *typed = field_text(&r->f[RG_F_PATH]), *err = NULL;
	/* Service mode: a result file of the inbox. */
	char *path = ops_handover_path(typed, HANDOVER_READ, &err);
	struct reg_results_report rep;

	memset(&rep, 0, sizeof rep);
	tui_status_now(t, _("importing the result, please wait..."));
	if (path != NULL && ops_reg_results_progress(t->s, path, NULL,
	    rg_results_progress, t, &rep, &err) == 0) {
		/* L10N: %s the registration file answered; the result's counts. */
		snprintf(r->rtitle, sizeof r->rtitle, _("result for %s"), rep.file);
		/* L10N: counts of an imported result. */
		snprintf(r->rcounts, sizeof r->rcounts, ngettext("%lld record, "
		    "%lld accepted, %lld refused", "%lld records, %lld accepted, "
		    "%lld refused", (unsigned long)rep.records), rep.records,
		    rep.accepted,
		    rep.failed);
		r->rrole = rep.failed > 0 ? ROLE_WARN : ROLE_OK;
		rg_keep_lines(r, rep.messages, rep.nmessages, rep.failed);
		tui_message(t, r->rrole, "%s", rep.failed > 0 ? _("imported: "
		    "correct the refused rows and send them again") :
		    _("imported: every row was accepted"));
		r->mode = RG_RESULT;
		r->stale = 1;
	} else if (rep.nmessages > 0) {
		snprintf(r->rtitle, sizeof r->rtitle, "%s", err);
		r->rcounts[0] = '\0';
		r->rrole = ROLE_ERROR;
		rg_keep_lines(r, rep.messages, rep.nmessages, rep.nproblems);
		tui_message(t, ROLE_ERROR, "%s", _("nothing was imported"));
		r->mode = RG_RESULT;
	} else {
		tui_message(t, ROLE_ERROR, "%s", err);
	}
	reg_results_report_clear(&rep);
	free(err);
	free(path);
	secret_free_str(typed);
	return KEY_HANDLED;
}

static int
rg_count(const struct reghist_row *h, void *arg)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

static int
rg_submit_history(struct tui *t, struct reg_screen *r)
{
	char *key = field_text(&r->f[RG_F_PATH]), *err = NULL;
	int n = 0;

	if (ops_registration_history(t->s, key, rg_count, &n, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
	} else if (t->depth + 1 > TUI_STACK) {
		tui_message(t, ROLE_ERROR, "%s", _("too many screens open: go back "
		    "with Esc first"));
	} else {
		r->mode = RG_LIST;
		tui_push_arg(t, &screen_reg_history, key, 0);
	}
	free(err);
	secret_free_str(key);
	return KEY_HANDLED;
}

static int
rg_submit(struct tui *t, struct reg_screen *r)
{
	switch (r->mode) {
	case RG_EXPORT: return rg_submit_export(t, r);
	case RG_IMPORT: return rg_submit_import(t, r);
	default: return rg_submit_history(t, r);
	}
}

static int
rg_key_form_esc(struct tui *t, wint_t ch)
{
	(void)ch;
	rg_state(t)->mode = RG_LIST;
	tui_message(t, ROLE_NORMAL, "%s", _("nothing was changed"));
	return KEY_HANDLED;
}

static int
rg_key_form_enter(struct tui *t, wint_t ch)
{
	struct reg_screen *r = rg_state(t);

	(void)ch;
	if (r->ffocus < rg_form_last(r)) {
		r->ffocus++;
		return KEY_HANDLED;
	}
	return rg_submit(t, r);
}

static int
rg_key_form_move(struct tui *t, wint_t ch)
{
	struct reg_screen *r = rg_state(t);

	if (tui_form_single(t, rg_form_last(r) + 1))
		return KEY_HANDLED;
	r->ffocus = field_focus_step(r->ffocus, rg_form_last(r) + 1, ch);
	return KEY_HANDLED;
}

int
rg_key_form(struct tui *t, wint_t ch, int is_fkey)
{
	struct reg_screen *r = rg_state(t);

	return field_key(&r->f[r->ffocus], ch, is_fkey) ? KEY_HANDLED :
	    KEY_IGNORED;
}

const struct screen_key rg_form_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("next / run"), N_("moves on; on the last "
	    "field, runs it"), rg_key_form_enter },
	FORM_KEYS_MOVE(rg_key_form_move),
	{ 0x1b, 0x1b, 0, "Esc", N_("cancel"), N_("cancels; nothing is changed"),
	    rg_key_form_esc },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};
