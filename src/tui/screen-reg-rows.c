/* Registration > Refused rows: the rows of one file the server refused,
 * with its message for the correction; and Registration > History: every
 * record sent for one person, with the file, extract and result. Both only
 * show; messages pass through the number mask before they are drawn. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/redact.h"
#include "ops/reg-view.h"
#include "ops/registration.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "tui/wrap.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define RR_MAX 500

struct rr_row {
	char key[96];
	long long seq;
	char message[320];
};

struct rr_screen {
	struct rr_row row[RR_MAX];
	int n, more, sel, scroll;
};

static void *
rr_slot(struct tui *t, size_t size)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, size);
	return *slot;
}

static void
rr_keep(char *dst, size_t len, const char *text)
{
	char *m = redact_numbers(text);

	ptext_copy(dst, len, m);
	free(m);
}

static int
rr_add(const char *key, long long seq, const char *file, const char *message,
    void *arg)
{
	struct rr_screen *d = arg;
	struct rr_row *r;

	(void)file;
	if (d->n == RR_MAX) {
		d->more = 1;
		return 1;
	}
	r = &d->row[d->n++];
	ptext_copy(r->key, sizeof r->key, key);
	r->seq = seq;
	rr_keep(r->message, sizeof r->message, message);
	return 0;
}

static void
rr_enter(struct tui *t)
{
	struct rr_screen *d = rr_slot(t, sizeof *d);
	char *err = NULL;

	d->n = d->more = 0;
	if (ops_reg_refused(t->s, t->regfile_id, rr_add, d, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
	} else if (d->n > 0) {
		tui_message(t, ROLE_WARN, "%s", _("correct these, then send them "
		    "again with 'bulk export --retry'"));
	}
}

static int
rr_scroll(int sel, int *scroll, int list_rows)
{
	if (sel < *scroll)
		*scroll = sel;
	if (list_rows > 0 && sel >= *scroll + list_rows)
		*scroll = sel - list_rows + 1;
	return *scroll;
}

static void
rr_draw(struct tui *t, int top, int rows)
{
	struct rr_screen *d = rr_slot(t, sizeof *d);
	int i, y, list_rows = rows - 6;
	char buf[256];

	/* L10N: %s is the registration file, %d how many rows it had refused. */
	snprintf(buf, sizeof buf, _("%s: %d refused rows%s"), t->regfile, d->n,
	    d->more ? "+" : "");
	draw_text(top, 2, COLS - 4, buf, ROLE_TITLE);
	if (d->n == 0) {
		draw_text(top + 2, 2, COLS - 4, _("The server refused no row of "
		    "this file."), ROLE_OK);
		return;
	}
	draw_text(top + 1, 2, 12, _("key"), ROLE_TITLE);
	draw_text(top + 1, 15, 7, _("record"), ROLE_TITLE);
	draw_text(top + 1, 23, COLS - 24, _("message"), ROLE_TITLE);
	rr_scroll(d->sel, &d->scroll, list_rows);
	for (i = d->scroll, y = top + 2; i < d->n && y < top + 2 + list_rows;
	    i++, y++) {
		enum draw_role role = i == d->sel ? ROLE_SELECTED : ROLE_NORMAL;

		if (role == ROLE_SELECTED)
			draw_line(y, role);
		snprintf(buf, sizeof buf, "#%lld", d->row[i].seq);
		draw_text(y, 2, 12, d->row[i].key, role);
		draw_text(y, 15, 7, buf, role);
		draw_text(y, 23, COLS - 24, d->row[i].message, role);
	}
	/* The chosen row's message in full, as the server wrote it. */
	y = top + rows - 3;
	draw_text(y, 2, COLS - 4, d->row[d->sel].key, ROLE_TITLE);
	draw_wrapped(y + 1, 4, COLS - 6, 2, d->row[d->sel].message, ROLE_NORMAL);
}

static int
rr_move(int *sel, int n, wint_t ch)
{
	int page = LINES - 12 > 1 ? LINES - 12 : 1;

	if (ch == KEY_DOWN || ch == KEY_NPAGE)
		*sel += ch == KEY_DOWN ? 1 : page;
	else
		*sel -= ch == KEY_UP ? 1 : page;
	if (*sel >= n)
		*sel = n > 0 ? n - 1 : 0;
	if (*sel < 0)
		*sel = 0;
	return KEY_HANDLED;
}

static int
rr_key_move(struct tui *t, wint_t ch)
{
	struct rr_screen *d = rr_slot(t, sizeof *d);

	if (tui_list_short(t, d->n))
		return KEY_HANDLED;
	return rr_move(&d->sel, d->n, ch);
}

/* Both lists here: arrows and pages move, Esc and q go back. */
#define RR_KEYS(action) \
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x91\xe2\x86\x93", N_("choose"), \
	    N_("chooses a row (PgUp/PgDn: a page)"), action }, \
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, NULL, action }, \
	{ KEY_NPAGE, KEY_NPAGE, 1, "PgDn", NULL, NULL, action }, \
	{ KEY_PPAGE, KEY_PPAGE, 1, "PgUp", NULL, NULL, action }, \
	KEYS_END

static const struct screen_key rr_keys[] = {
	RR_KEYS(rr_key_move)
};

const struct screen screen_reg_refused = {
	/* L10N: breadcrumb: the rows the server refused in one file. */
	.crumb = N_("Refused rows"),
	.help = N_("The rows of this file the intermediate server\n"
	    "refused, with its message. Correct each person's\n"
	    "data (in the existing system, then import the new\n"
	    "extract), and send the rows again with\n"
	    "'mynadesk bulk export --kind KIND --retry'.\n"
	    "The arrows choose; the chosen message is shown\n"
	    "in full below. Esc goes back."),
	.enter = rr_enter,
	.draw = rr_draw,
	.key = NULL,
	.keys = rr_keys,
};

/* ---- a person's registration history ---- */

#define RH_MAX 300

struct rh_row {
	char line1[256], line2[512];
	int refused;
};

struct rh_screen {
	struct rh_row row[RH_MAX];
	int n, more, sel, scroll;
};

static const char *
rh_action(int a)
{
	switch (a) {
	/* L10N: 処理区分 of a registration record. */
	case REG_ACTION_NEW: return _("new");
	case REG_ACTION_CHANGE: return _("change");
	case REG_ACTION_LOSS: return _("loss");
	default: return "?";
	}
}

static const char *
rh_status(const char *s)
{
	/* L10N: the state of a record sent to the intermediate server. */
	if (strcmp(s, "accepted") == 0)
		return _("accepted");
	if (strcmp(s, "failed") == 0)
		return _("refused");
	if (strcmp(s, "sent") == 0)
		return _("sent, no result yet");
	return s;
}

static int
rh_add(const struct reghist_row *h, void *arg)
{
	struct rh_screen *d = arg;
	struct rh_row *r;
	char l2[512];
	size_t n;

	if (d->n == RH_MAX) {
		d->more = 1;
		return 1;
	}
	r = &d->row[d->n++];
	snprintf(r->line1, sizeof r->line1, "%.10s  %-13s %-10s %-6s %s",
	    h->created, h->kind, h->mode, rh_action(h->action),
	    rh_status(h->status));
	r->refused = strcmp(h->status, "failed") == 0;
	/* L10N: second line of a history entry: the file and record, and the
	 * extract the record was built from. */
	snprintf(l2, sizeof l2, _("%s #%lld  extract %s"), h->file, h->seq,
	    h->extract[0] ? (strrchr(h->extract, '/') ? strrchr(h->extract, '/') +
	    1 : h->extract) : "-");
	n = strlen(l2);
	if (h->branch[0] != '\0')
		/* L10N: 被保険者枝番 given by the server. */
		snprintf(l2 + n, sizeof l2 - n, _("  branch %s"), h->branch);
	n = strlen(l2);
	if (h->cutover > 0)
		snprintf(l2 + n, sizeof l2 - n, _("  cut-over %lld"), h->cutover);
	n = strlen(l2);
	if (h->message[0] != '\0')
		snprintf(l2 + n, sizeof l2 - n, "  %s", h->message);
	rr_keep(r->line2, sizeof r->line2, l2);
	return 0;
}

static void
rh_enter(struct tui *t)
{
	struct rh_screen *d = rr_slot(t, sizeof *d);
	char *err = NULL;

	d->n = d->more = 0;
	if (ops_registration_history(t->s, t->person_key, rh_add, d, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
	}
}

static void
rh_draw(struct tui *t, int top, int rows)
{
	struct rh_screen *d = rr_slot(t, sizeof *d);
	char buf[256];
	/* The chosen entry's second line is shown whole at the bottom: file
	 * names, branch numbers and the server's words rarely fit the row. */
	int i, y, detail = 3, per_page = (rows - 3 - detail) / 2;

	/* L10N: %s is the person's key, %d the records sent for them. */
	snprintf(buf, sizeof buf, _("Registration history of %s: %d records%s"),
	    t->person_key, d->n, d->more ? "+" : "");
	draw_text(top, 2, COLS - 4, buf, ROLE_TITLE);
	if (d->n == 0) {
		draw_text(top + 2, 2, COLS - 4, _("Never sent to the intermediate "
		    "server."), ROLE_NORMAL);
		return;
	}
	rr_scroll(d->sel, &d->scroll, per_page);
	for (i = d->scroll, y = top + 2; i < d->n &&
	    y + 1 < top + rows - 1 - detail; i++, y += 2) {
		enum draw_role role = i == d->sel ? ROLE_SELECTED : ROLE_NORMAL;

		if (role == ROLE_SELECTED)
			draw_line(y, role);
		draw_text(y, 2, COLS - 4, d->row[i].line1, role);
		draw_text(y + 1, 6, COLS - 8, d->row[i].line2, d->row[i].refused ?
		    ROLE_WARN : ROLE_NORMAL);
	}
	if (rows > detail + 4)
		draw_wrapped(top + rows - detail, 2, COLS - 4, detail,
		    d->row[d->sel].line2, d->row[d->sel].refused ? ROLE_WARN :
		    ROLE_NORMAL);
}

static int
rh_key_move(struct tui *t, wint_t ch)
{
	struct rh_screen *d = rr_slot(t, sizeof *d);

	if (tui_list_short(t, d->n))
		return KEY_HANDLED;
	return rr_move(&d->sel, d->n, ch);
}

static const struct screen_key rh_keys[] = {
	RR_KEYS(rh_key_move)
};

const struct screen screen_reg_history = {
	/* L10N: breadcrumb: one person's registration history. */
	.crumb = N_("History"),
	.help = N_("Every record sent to the intermediate server for\n"
	    "this person, oldest first: date, kind, mode (full,\n"
	    "diff, retry, correction), action (new, change,\n"
	    "loss) and result; below each, the file and record\n"
	    "number, the extract it was built from, the branch\n"
	    "number given, the cut-over and the server's message.\n"
	    "Esc goes back."),
	.enter = rh_enter,
	.draw = rh_draw,
	.key = NULL,
	.keys = rh_keys,
};
