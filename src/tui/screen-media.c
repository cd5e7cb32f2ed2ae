/* Media (媒体): the list of media with their state and a mark on answers
 * that are overdue, and one medium's timeline, from which the custody
 * steps are recorded and the hand-over slip written (screen-media-steps.c).
 * Packing and the answer import stay with 'mynadesk media ...'. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/media.h"
#include "ops/precheck.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define MEDIA_ROWS 300

struct media_line {
	char label[16];
	char state[12];
	char created[11];
	char shipped[11];
	long overdue;
};

struct media_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	struct media_line row[MEDIA_ROWS];
	int n, more, sel, scroll;
};

static struct media_screen *
media_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct media_screen));
	return *slot;
}

/* The state's words as on the timeline. */
static const char *
media_state_text(const char *state)
{
	int s = media_step_parse(state);

	return s < 0 ? state : media_step_label((enum media_step)s);
}

static int
media_add(const struct media_row *m, long overdue, void *arg)
{
	struct media_screen *d = arg;
	struct media_line *r;

	if (d->n == MEDIA_ROWS) {
		d->more = 1;
		return 1;
	}
	r = &d->row[d->n++];
	ptext_copy(r->label, sizeof r->label, m->label);
	ptext_copy(r->state, sizeof r->state, m->state);
	ptext_copy(r->created, sizeof r->created, m->created);
	ptext_copy(r->shipped, sizeof r->shipped, m->shipped);
	r->overdue = overdue;
	return 0;
}

static int
media_load(struct tui *t, struct media_screen *d)
{
	char *err = NULL;

	(void)tui_vault_changed(t, &d->stamp);
	d->n = d->more = 0;
	if (ops_media_list(t->s, media_add, d, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
		return -1;
	}
	if (d->sel >= d->n)
		d->sel = d->n > 0 ? d->n - 1 : 0;
	return 0;
}

/* Back from a timeline where a step was recorded, or after another
 * console's step, the list follows without a word. */
static void
media_reload(struct tui *t)
{
	struct media_screen *d = media_state(t);
	unsigned long long stamp = d->stamp;

	if (tui_vault_changed(t, &stamp))
		(void)media_load(t, d);
}

static void
media_enter(struct tui *t)
{
	struct media_screen *d = media_state(t);
	int i, late = 0;

	if (media_load(t, d) < 0)
		return;
	for (i = 0; i < d->n; i++)
		late += d->row[i].overdue > 0;
	if (late > 0)
		/* L10N: %d media whose answer has not come back in time. */
		tui_message(t, ROLE_WARN, _("answers overdue: %d"), late);
	else if (d->n > 0)
		tui_message(t, ROLE_NORMAL, "%s", _("choose with the arrows, Enter "
		    "shows the timeline"));
}

static void
media_row_draw(int y, const char *label, const char *state,
    const char *created, const char *shipped, const char *note,
    enum draw_role role, enum draw_role note_role)
{
	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	draw_text(y, 2, 7, label, role);
	draw_text(y, 10, 18, state, role);
	draw_text(y, 29, 11, created, role);
	draw_text(y, 41, 11, shipped, role);
	if (COLS > 56)
		draw_text(y, 53, COLS - 54, note, role == ROLE_SELECTED ? role :
		    note_role);
}

static void
media_draw(struct tui *t, int top, int rows)
{
	struct media_screen *d = media_state(t);
	char note[96];
	int y, i, list_rows = rows - 2;

	(void)t;
	if (d->n == 0) {
		draw_text(top + 1, 2, COLS - 4, _("No media yet: pack the checked "
		    "inquiry files with 'mynadesk media pack'."), ROLE_NORMAL);
		return;
	}
	media_row_draw(top, _("medium"), _("state"), _("created"), _("shipped"),
	    _("answer"), ROLE_TITLE, ROLE_TITLE);
	if (d->sel < d->scroll)
		d->scroll = d->sel;
	if (list_rows > 0 && d->sel >= d->scroll + list_rows)
		d->scroll = d->sel - list_rows + 1;
	y = top + 1;
	for (i = d->scroll; i < d->n && y < top + rows; i++, y++) {
		const struct media_line *r = &d->row[i];

		note[0] = '\0';
		if (r->overdue > 0)
			/* L10N: the answer mark on the media list. */
			snprintf(note, sizeof note, ngettext("! overdue %ld day",
			    "! overdue %ld days", (unsigned long)r->overdue),
			    r->overdue);
		media_row_draw(y, r->label, media_state_text(r->state), r->created,
		    r->shipped[0] ? r->shipped : "-", note,
		    i == d->sel ? ROLE_SELECTED : ROLE_NORMAL, ROLE_WARN);
	}
}

static int
media_key_enter(struct tui *t, wint_t ch)
{
	struct media_screen *d = media_state(t);

	(void)ch;
	if (d->n == 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("no medium to show yet"));
		return KEY_HANDLED;
	}
	tui_push_arg(t, &screen_media_timeline, d->row[d->sel].label, 0);
	return KEY_HANDLED;
}

static int
media_key_move(struct tui *t, wint_t ch)
{
	struct media_screen *d = media_state(t);

	if (tui_list_short(t, d->n))
		return KEY_HANDLED;

	if (ch == KEY_DOWN && d->sel + 1 < d->n)
		d->sel++;
	else if (ch == KEY_UP && d->sel > 0)
		d->sel--;
	return KEY_HANDLED;
}

static const struct screen_key media_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("timeline"), N_("shows the medium's "
	    "timeline (its steps are recorded there)"), media_key_enter },
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x91\xe2\x86\x93", N_("choose"),
	    N_("chooses a medium"), media_key_move },
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, NULL, media_key_move },
	KEYS_END
};

const struct screen screen_media = {
	/* L10N: breadcrumb: the media area (媒体). */
	.crumb = N_("Media"),
	.help = N_("Media exchanged with J-LIS, newest first.\n"
	    "Each medium goes: packed (with a witness), shipped,\n"
	    "answer received (with a witness), answer imported,\n"
	    "disposed of (with a witness). '! overdue' marks an\n"
	    "answer not received in time (28 days after\n"
	    "shipping, unless an administrator set another).\n"
	    "Enter shows the medium's timeline.\n"
	    "Enter, then s, r, d record the steps and p writes\n"
	    "the slip; packing and the import are commands.\n"
	    "Esc goes back."),
	.enter = media_enter,
	.draw = media_draw,
	.reload = media_reload,
	.key = NULL,
	.keys = media_keys,
};

/* ---- the timeline of one medium ---- */

static void
timeline_step(const struct media_step_view *sv, const char *channel, int y,
    int rows_left, int *used)
{
	const struct media_event *e = &sv->ev;
	int s = media_step_parse(e->step);
	char line[512];
	size_t i;

	snprintf(line, sizeof line, "%s  %-10s %s%s%s%s", e->date,
	    s < 0 ? e->step : media_step_label_on((enum media_step)s, channel),
	    e->actor,
	    e->witness[0] ? " / " : "", e->witness[0] ? _("witness ") : "",
	    e->witness);
	draw_text(y, 2, COLS - 4, line, ROLE_NORMAL);
	*used = 1;
	line[0] = '\0';
	if (e->courier[0])
		snprintf(line, sizeof line, _("%s  tracking %s  seal %s  notice %s"),
		    e->courier, e->tracking, e->seal, e->notice_date);
	else if (e->answer_medium[0])
		snprintf(line, sizeof line, _("answer medium %s"), e->answer_medium);
	else if (e->method[0])
		snprintf(line, sizeof line, _("method %s"), e->method);
	if (line[0] != '\0' && *used < rows_left)
		draw_text(y + (*used)++, 16, COLS - 18, line, ROLE_NORMAL);
	for (i = 0; i < sv->nfiles && *used < rows_left; i++) {
		snprintf(line, sizeof line, "%s  SHA-256 %.12s…", sv->files[i].name,
		    sv->files[i].sha256);
		draw_text(y + (*used)++, 16, COLS - 18, line, ROLE_NORMAL);
	}
}

/* The medium as last read: on entering, and when the vault changed (a
 * step recorded on a form, or elsewhere); draw does not query. */
struct timeline_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	struct media_view v;
	int loaded;
	char err[256];
};

static struct timeline_screen *
timeline_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct timeline_screen));
	return *slot;
}

static void
timeline_leave(struct tui *t)
{
	struct timeline_screen *ts = timeline_state(t);

	if (ts->loaded)
		media_view_clear(&ts->v);
	ts->loaded = 0;
}

static void
timeline_reload(struct tui *t)
{
	struct timeline_screen *ts = timeline_state(t);
	char *err = NULL;

	if (!tui_vault_changed(t, &ts->stamp))
		return;
	timeline_leave(t);
	ts->err[0] = '\0';
	if (ops_media_view(t->s, tui_arg_key(t), &ts->v, &err) < 0)
		snprintf(ts->err, sizeof ts->err, "%s", err ? err : "?");
	else
		ts->loaded = 1;
	free(err);
}

static void
timeline_draw(struct tui *t, int top, int rows)
{
	struct timeline_screen *ts = timeline_state(t);
	const struct media_view *v = &ts->v;
	char line[512];
	int y = top, used;
	size_t i;

	if (!ts->loaded) {
		draw_text(top, 2, COLS - 4, ts->err, ROLE_ERROR);
		return;
	}
	snprintf(line, sizeof line, "%s  %s  SHA-256 %.16s…", v->m.label,
	    media_state_text(v->m.state), v->m.sha256);
	draw_text(y++, 2, COLS - 4, line, ROLE_TITLE);
	if (v->overdue > 0) {
		/* L10N: %ld days past answer-overdue-days since shipping. */
		snprintf(line, sizeof line, ngettext("the answer is overdue by %ld "
		    "day: ask J-LIS or the courier", "the answer is overdue by %ld "
		    "days: ask J-LIS or the courier", (unsigned long)v->overdue),
		    v->overdue);
		draw_text(y++, 2, COLS - 4, line, ROLE_WARN);
	}
	y++;
	for (i = 0; i < v->nsteps && y < top + rows; i++) {
		timeline_step(&v->steps[i], v->m.channel, y, top + rows - y, &used);
		y += used;
	}
	if (strcmp(v->m.state, "disposed") != 0 && y < top + rows)
		draw_text(y, 2, COLS - 4, _("----------  not disposed of yet"),
		    ROLE_NORMAL);
}

/* ops says whether the step may come next, with a message that says what
 * must come first; the form's own values are checked when recorded. */
static int
timeline_push(struct tui *t, wint_t ch)
{
	enum media_step step = ch == 's' ? MSTEP_SHIPPED : ch == 'r' ?
	    MSTEP_RECEIVED : MSTEP_DISPOSED;
	char *err = NULL;

	/* A step out of order is refused before its form, and so before a
	 * witness logs in for it. */
	if (ch != 'p' && ops_media_step_precheck(t->s, tui_arg_key(t), step,
	    &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
		return KEY_HANDLED;
	}
	tui_push_arg(t, ch == 's' ? &screen_media_ship : ch == 'r' ?
	    &screen_media_receive : ch == 'd' ? &screen_media_dispose :
	    &screen_media_slip, tui_arg_key(t), 0);
	return KEY_HANDLED;
}

/* The key bar and the help's key list come from here. */
static const struct screen_key timeline_keys[] = {
	{ 's', 's', 0, "s", N_("ship"), N_("records the shipping (courier, "
	    "tracking, seal, notice date)"), timeline_push },
	{ 'r', 'r', 0, "r", N_("received"), N_("records the answer received "
	    "(a witness logs in on the form)"), timeline_push },
	{ 'd', 'd', 0, "d", N_("disposed"), N_("records the disposal (with a "
	    "witness)"), timeline_push },
	{ 'p', 'p', 0, "p", N_("slip"), N_("writes the hand-over slip (授受票) "
	    "to a text file"), timeline_push },
	{ 0x1b, 0x1b, 0, "Esc", N_("back"), N_("goes back to the list (q too)"),
	    NULL },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

const struct screen screen_media_timeline = {
	/* L10N: breadcrumb: one medium's timeline. */
	.crumb = N_("Timeline"),
	.help = N_("One medium's life, step by step: the date, who did\n"
	    "it and who witnessed, the courier's details, the\n"
	    "answer medium, the disposal method, and the SHA-256\n"
	    "of the files of each step.\n"
	    "A step out of order is refused with the reason.\n"
	    "The full record is in the audit log."),
	.enter = NULL,
	.draw = timeline_draw,
	.reload = timeline_reload,
	.leave = timeline_leave,
	.key = NULL,
	.keys = timeline_keys,
};
