/* Home > overdue numbers (o): the persons behind home's "past 5 days, not
 * confirmed", the longest waiting first, each with its state and how long
 * since the number was received. Enter opens the person, where the number
 * is confirmed (c) or its case decided. The list is read on entering and
 * again when the vault changes, never in draw. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/dashboard.h"
#include "ops/numbers-overdue.h"
#include "tui/list.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define OV_MAX 500

struct ov_row {
	char key[96], name[112], state[64], received[64];
};

struct ov_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	struct ov_row row[OV_MAX];
	int n, more;
	struct list_view v;
	char err[256];
};

static struct ov_screen *
ov_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct ov_screen));
	return *slot;
}

/* Calendar days from the received date (YYYY-MM-DD, local) to today:
 * both days are taken at noon, so the hour of the day does not count. */
static long
ov_days_since(const char *ymd)
{
	struct tm then = { 0 }, today;
	time_t now = time(NULL), a, b;

	if (sscanf(ymd, "%4d-%2d-%2d", &then.tm_year, &then.tm_mon,
	    &then.tm_mday) != 3)
		return -1;
	then.tm_year -= 1900;
	then.tm_mon--;
	then.tm_hour = 12;
	then.tm_isdst = -1;
	localtime_r(&now, &today);
	today.tm_hour = 12;
	today.tm_min = today.tm_sec = 0;
	today.tm_isdst = -1;
	a = mktime(&then);
	b = mktime(&today);
	return a == (time_t)-1 ? -1 : (long)((b - a + 43200) / 86400);
}

static int
ov_add(const struct overdue_row *o, void *arg)
{
	struct ov_screen *q = arg;
	struct ov_row *r;
	long days = ov_days_since(o->received);

	if (q->n == OV_MAX) {
		q->more = 1;
		return 1;
	}
	r = &q->row[q->n++];
	ptext_copy(r->key, sizeof r->key, o->key);
	ptext_copy(r->name, sizeof r->name, o->name);
	ptext_copy(r->state, sizeof r->state, ptext_state(o->state));
	/* L10N: the received date and the days since (受付日と経過日数). */
	snprintf(r->received, sizeof r->received, ngettext("%s (%ld day)",
	    "%s (%ld days)", (unsigned long)(days < 0 ? 0 : days)), o->received,
	    days);
	return 0;
}

static void
ov_reload(struct tui *t)
{
	struct ov_screen *q = ov_state(t);
	char *err = NULL;

	if (!tui_vault_changed(t, &q->stamp))
		return;
	q->n = q->more = 0;
	q->err[0] = '\0';
	if (ops_numbers_overdue(t->s, ov_add, q, &err) < 0)
		snprintf(q->err, sizeof q->err, "%s", err ? err : "?");
	free(err);
}

/* The name gives way first on a narrow terminal: the received date and
 * its days (22 columns) are what the list is about. */
static void
ov_line(int y, const char *key, const char *name, const char *state,
    const char *received, enum draw_role role)
{
	int wname = COLS - 3 - 15 - 11 - 22, x = 15;
	int most = 20 + (COLS > 80 ? (COLS - 80) / 2 : 0);

	if (wname > most)
		wname = most;
	if (wname < 8)
		wname = 8;
	if (role == ROLE_SELECTED)
		draw_line(y, role);
	draw_text(y, 2, 12, key, role);
	draw_text(y, x, wname, name, role);
	x += wname + 1;
	draw_text(y, x, 10, state, role);
	x += 11;
	if (x < COLS - 3)
		draw_text(y, x, COLS - 3 - x, received, role);
}

static void
ov_row_draw(void *ctx, int i, int y, int selected)
{
	const struct ov_row *r = &((const struct ov_screen *)ctx)->row[i];

	ov_line(y, r->key, r->name, r->state, r->received, selected ?
	    ROLE_SELECTED : ROLE_WARN);
}

static void
ov_draw(struct tui *t, int top, int rows)
{
	struct ov_screen *q = ov_state(t);
	char head[160];

	if (q->err[0] != '\0') {
		draw_text(top, 2, COLS - 4, q->err, ROLE_ERROR);
		return;
	}
	/* L10N: home's figure (受付後5日超過・未確認), as a list heading. */
	snprintf(head, sizeof head, _("Past %d days, not confirmed: %d%s"),
	    DASHBOARD_DEADLINE_DAYS, q->n, q->more ? "+" : "");
	draw_text(top, 2, COLS - 4, head, q->n > 0 ? ROLE_ERROR : ROLE_OK);
	if (q->n == 0) {
		draw_text(top + 2, 2, COLS - 4, _("Every number received is "
		    "confirmed within the deadline."), ROLE_OK);
		return;
	}
	/* L10N: the overdue list's column heads. */
	ov_line(top + 1, _("key"), _("name"), _("number's state"),
	    _("received on"),
	    ROLE_TITLE);
	list_show(&q->v, q->n, q->more, top + 2, rows - 3, top, ov_row_draw, q);
}

static int
ov_key_move(struct tui *t, wint_t ch)
{
	struct ov_screen *q = ov_state(t);

	return list_move(t, &q->v, q->n, (int)ch);
}

static int
ov_key_open(struct tui *t, wint_t ch)
{
	struct ov_screen *q = ov_state(t);

	(void)ch;
	if (q->n == 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("no number is past the "
		    "deadline"));
		return KEY_HANDLED;
	}
	return tui_open_person(t, q->row[q->v.sel].key);
}

static const struct screen_key ov_keys[] = {
	LIST_KEYS_MOVE(N_("chooses a person (PgUp/PgDn: a page)"), ov_key_move),
	{ '\n', '\n', 0, "Enter", N_("open"), N_("opens the person, where the "
	    "number is confirmed (c)"), ov_key_open },
	KEYS_END
};

const struct screen screen_number_overdue = {
	/* L10N: breadcrumb: numbers past the deadline (期限超過). */
	.crumb = N_("Past the deadline"),
	.help = N_("Numbers received more than five days ago and not\n"
	    "confirmed yet: the persons behind the figure on the\n"
	    "home screen, the longest waiting first. A number\n"
	    "waiting for a second person is confirmed on the\n"
	    "person (c); one that differed or is held is decided\n"
	    "by a supervisor. Enter opens the person."),
	.draw = ov_draw,
	.reload = ov_reload,
	.keys = ov_keys,
};
