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
#include "tui/list.h"
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
	int n, more;
	struct list_view v;
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
	if (ops_reg_refused(t->s, tui_arg(t)->id, rr_add, d, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
	} else if (d->n > 0) {
		/* The console does not resend: it says who does, not the
		 * command. */
		tui_message(t, ROLE_WARN, "%s", _("correct these in the existing "
		    "system; an administrator then sends them again (a resend)"));
	}
}

static void
rr_draw_row(void *ctx, int i, int y, int selected)
{
	const struct rr_row *r = &((const struct rr_screen *)ctx)->row[i];
	enum draw_role role = selected ? ROLE_SELECTED : ROLE_NORMAL;
	char buf[32];

	if (selected)
		draw_line(y, role);
	snprintf(buf, sizeof buf, "#%lld", r->seq);
	draw_text(y, 2, 12, r->key, role);
	draw_text(y, 15, 7, buf, role);
	draw_text(y, 23, COLS - 26, r->message, role);
}

static void
rr_draw(struct tui *t, int top, int rows)
{
	struct rr_screen *d = rr_slot(t, sizeof *d);
	int y, list_rows = rows - 6;
	char buf[256];

	/* L10N: %s is the registration file, %d how many rows it had refused. */
	snprintf(buf, sizeof buf, ngettext("%s: %d refused row%s",
	    "%s: %d refused rows%s", (unsigned long)d->n), tui_arg_key(t), d->n,
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
	list_show(&d->v, d->n, d->more, top + 2, list_rows, top, rr_draw_row, d);
	/* The chosen row's message in full, as the server wrote it. */
	y = top + rows - 3;
	draw_text(y, 2, COLS - 4, d->row[d->v.sel].key, ROLE_TITLE);
	draw_wrapped(y + 1, 4, COLS - 6, 2, d->row[d->v.sel].message,
	    ROLE_NORMAL);
}

static int
rr_key_move(struct tui *t, wint_t ch)
{
	struct rr_screen *d = rr_slot(t, sizeof *d);

	return list_move(t, &d->v, d->n, (int)ch);
}

/* Both lists here: arrows and pages move, Esc and q go back. */
#define RR_KEYS(action) \
	LIST_KEYS_MOVE(N_("chooses a row (PgUp/PgDn: a page)"), action), \
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
	    "extract); an administrator then sends the rows\n"
	    "again (a resend, from the command line).\n"
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
	int n, more;
	struct list_view v;
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
	if (ops_registration_history(t->s, tui_arg_key(t), rh_add, d, &err) < 0) {
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
	snprintf(buf, sizeof buf, ngettext("Registration history of %s: %d "
	    "record%s", "Registration history of %s: %d records%s",
	    (unsigned long)d->n), tui_arg_key(t), d->n, d->more ? "+" : "");
	draw_text(top, 2, COLS - 4, buf, ROLE_TITLE);
	if (d->n == 0) {
		draw_text(top + 2, 2, COLS - 4, _("Never sent to the intermediate "
		    "server."), ROLE_NORMAL);
		return;
	}
	/* Two lines an entry: the list widget's arithmetic in entries. */
	d->v.rows = per_page > 1 ? per_page : 1;
	list_clamp(&d->v, d->n, d->v.rows);
	for (i = d->v.scroll, y = top + 2; i < d->n &&
	    y + 1 < top + rows - 1 - detail; i++, y += 2) {
		enum draw_role role = i == d->v.sel ? ROLE_SELECTED : ROLE_NORMAL;

		if (role == ROLE_SELECTED)
			draw_line(y, role);
		draw_text(y, 2, COLS - 4, d->row[i].line1, role);
		draw_text(y + 1, 6, COLS - 8, d->row[i].line2, d->row[i].refused ?
		    ROLE_WARN : ROLE_NORMAL);
	}
	if (rows > detail + 4)
		draw_wrapped(top + rows - detail, 2, COLS - 4, detail,
		    d->row[d->v.sel].line2, d->row[d->v.sel].refused ? ROLE_WARN :
		    ROLE_NORMAL);
}

static int
rh_key_move(struct tui *t, wint_t ch)
{
	struct rh_screen *d = rr_slot(t, sizeof *d);

	return list_move(t, &d->v, d->n, (int)ch);
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
