/* Home: the state of the office at a glance and the menu of work areas. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/figures.h"
#include "tui/form.h"
#include "tui/screens.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xmalloc.h"

struct home_area {
	char key;
	const char *label;
	const struct screen *screen;	/* NULL: not built yet */
};

static const struct home_area home_areas[] = {
	/* L10N: work areas on the home menu; keep them short. */
	{ '1', N_("Insured"), &screen_persons },
	{ '2', N_("Numbers"), &screen_numbers },
	{ '3', N_("ID check"), &screen_idproof_open },
	{ '4', N_("Media"), &screen_media },
	{ '5', N_("Registration"), &screen_registration },
	{ '6', N_("Evidence"), &screen_evidence },
	{ '7', N_("Audit"), &screen_audit },
	{ '8', N_("Admin"), &screen_users },
};
#define HOME_NAREAS ((int)(sizeof home_areas / sizeof home_areas[0]))

/* The label column of the dashboard: as wide as its widest label. */
static const char *const home_labels[] = {
	/* L10N: home screen row labels (加入者, 個人番号, 本人確認, 期限, 媒体,
	 * 登録, 利用者, 監査ログ). */
	N_("Insured"), N_("Numbers"), N_("ID checks"), N_("Deadline"),
	N_("Media"), N_("Registration"), N_("Accounts"), N_("Audit log")
};

/* A text bar of n out of total, scaled to cols columns: full blocks and
 * light shade under UTF-8, '#' and '.' otherwise. */
static void
home_bar(int y, int x, int cols, long long n, long long total,
    enum draw_role role)
{
	int utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0, full, i;

	if (cols < 1)
		return;
	full = total > 0 ? (int)((n * cols + total / 2) / total) : 0;
	/* Any count at all shows at least one block. */
	if (full == 0 && n > 0)
		full = 1;
	for (i = 0; i < cols; i++)
		draw_text(y, x + i, 1, i < full ? (utf8 ? "\xe2\x96\x88" : "#") :
		    (utf8 ? "\xe2\x96\x91" : "."), i < full ? role : ROLE_NORMAL);
}

/* One bar row: "confirmed   812 ████░░░░". */
static void
home_bar_row(int y, int x, const char *label, int label_w, long long n,
    long long total, enum draw_role role)
{
	char num[32];
	int cols;

	draw_text(y, x, label_w, label, ROLE_NORMAL);
	snprintf(num, sizeof num, "%7lld ", n);
	x += label_w;
	x += draw_text(y, x, COLS - 2 - x, num, n > 0 ? role : ROLE_NORMAL);
	cols = COLS - 3 - x;
	if (cols > 60)
		cols = 60;
	home_bar(y, x, cols, n, total, role);
}

/* Numbers of the insured: confirmed, awaiting confirmation, missing, each
 * with a bar scaled to the width; the supervisor's cases below. */
static int
home_draw_numbers(const struct dashboard *d, long long held, int y, int x)
{
	/* L10N: number states on the home screen (確認済, 確認待ち, 未取得). */
	/* L10N: numbers not obtained yet (未取得). */
	const char *l[] = { _("confirmed"), _("to confirm"),
	    P_("numbers", "missing") };
	int i, w = 0;
	char line[256];

	for (i = 0; i < 3; i++)
		if (text_width(l[i]) > w)
			w = text_width(l[i]);
	w += 1;
	home_bar_row(y, x, l[0], w, d->n.confirmed, d->n.insured, ROLE_OK);
	home_bar_row(y + 1, x, l[1], w, d->n.entered, d->n.insured, ROLE_WARN);
	home_bar_row(y + 2, x, l[2], w, d->n.missing, d->n.insured, ROLE_WARN);
	/* L10N: the cases waiting for a supervisor (責任者の判断待ち), all of
	 * them first as the queue counts them, then the numbers in mismatch
	 * or held and the J-LIS answers held (J-LIS保留) that make them up;
	 * s opens the list. */
	snprintf(line, sizeof line, _("supervisor queue %lld (numbers %lld, "
	    "J-LIS held %lld)  (s: list)"), d->n.supervisor + held,
	    d->n.supervisor, held);
	draw_text(y + 3, x, COLS - 2 - x, line, d->n.supervisor + held > 0 ?
	    ROLE_WARN : ROLE_NORMAL);
	return 4;
}

/* A count, or a dash for an area that is not built yet. */
static void
home_count(char *out, size_t len, long long n)
{
	if (n < 0)
		snprintf(out, len, "-");
	else
		snprintf(out, len, "%lld", n);
}

/* The rows after the numbers: checks, the five-day deadline, and the
 * slots of areas still to come (media, registration). */
static int
home_draw_work(const struct dashboard *d, int y, int lw)
{
	char line[256], a[24], b[24];

	draw_text(y, 2, lw, _("ID checks"), ROLE_NORMAL);
	/* L10N: identity checks recorded but not complete (未完了); i opens
	 * the list. */
	snprintf(line, sizeof line, _("incomplete %lld  (i: list)"),
	    d->idproof_open);
	draw_text(y, 2 + lw, COLS - 4 - lw, line, d->idproof_open > 0 ?
	    ROLE_WARN : ROLE_NORMAL);
	draw_text(y + 1, 2, lw, _("Deadline"), ROLE_NORMAL);
	/* L10N: numbers received more than 5 days ago and not confirmed
	 * (期限(5日)超過). %d is the number of days; o opens the list. */
	snprintf(line, sizeof line, _("past %d days, not confirmed %lld  "
	    "(o: list)"),
	    DASHBOARD_DEADLINE_DAYS, d->n.past_deadline);
	draw_text(y + 1, 2 + lw, COLS - 4 - lw, line, d->n.past_deadline > 0 ?
	    ROLE_ERROR : ROLE_NORMAL);
	draw_text(y + 2, 2, lw, _("Media"), ROLE_NORMAL);
	home_count(a, sizeof a, d->media_transit);
	home_count(b, sizeof b, d->media_overdue);
	/* L10N: media sent and not back (輸送中), and late (返送遅延); t opens
	 * the media list. */
	snprintf(line, sizeof line, _("in transit %s   overdue %s  (t: list)"),
	    a, b);
	draw_text(y + 2, 2 + lw, COLS - 4 - lw, line, ROLE_NORMAL);
	draw_text(y + 3, 2, lw, _("Registration"), ROLE_NORMAL);
	home_count(a, sizeof a, d->reg_pending);
	/* L10N: registrations waiting to be sent (差分待ち). */
	snprintf(line, sizeof line, _("pending %s"), a);
	draw_text(y + 3, 2 + lw, COLS - 4 - lw, line, ROLE_NORMAL);
	/* L10N: persons blocked by the J-LIS collation (本人確認不一致); m opens
	 * the list. */
	snprintf(line, sizeof line, _("J-LIS mismatch %lld  (m: list)"),
	    d->reg_blocked);
	draw_text(y + 4, 2 + lw, COLS - 4 - lw, line, d->reg_blocked > 0 ?
	    ROLE_WARN : ROLE_NORMAL);
	return 5;
}

/* The figures as last counted for the vault as it stands (tui_figures,
 * counted off the key path), copied here by reload: draw never queries. */
struct home_state {
	struct figures f;
	int have;		/* f is there to show */
	int stale;		/* f is from before the latest change */
	char err[256];		/* the count failed: this, not figures */
};

static struct home_state *
home_state(struct tui *t)
{
	void **slot = &t->screen_state[0];	/* home is the stack's bottom */

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct home_state));
	return *slot;
}

/* One PRAGMA when nothing changed; a count started when something did. */
static void
home_reload(struct tui *t)
{
	struct home_state *hs = home_state(t);
	const char *err = NULL;
	const struct figures *f = tui_figures(t, &err, &hs->stale);

	hs->have = f != NULL;
	if (f != NULL)
		hs->f = *f;
	snprintf(hs->err, sizeof hs->err, "%s", err != NULL ? err : "");
}

static void
home_enter(struct tui *t)
{
	home_reload(t);
}

static void
home_draw_stats(struct tui *t, int y)
{
	const struct home_state *hs = home_state(t);
	const struct dashboard *d = &hs->f.d;
	char line[256], hex[65];
	int lw = form_label_width(home_labels,
	    (int)(sizeof home_labels / sizeof home_labels[0]));

	if (hs->err[0] != '\0') {
		draw_text(y, 2, COLS - 4, hs->err, ROLE_ERROR);
		return;
	}
	if (!hs->have) {
		/* L10N: shown on home until its figures are counted (at
		 * 400,000 persons about a second); the menu works meanwhile. */
		draw_text(y, 2, COLS - 4, _("counting the figures..."),
		    ROLE_NORMAL);
		return;
	}
	if (hs->stale)
		/* L10N: above home's figures while they are counted again
		 * after a change: the figures shown are the last count's. */
		draw_text(y - 1, 2, COLS - 4, _("counting again: the figures "
		    "below are from before the latest change"), ROLE_WARN);
	draw_text(y, 2, lw, _("Insured"), ROLE_NORMAL);
	/* L10N: persons insured now, and those whose qualification was lost
	 * but who are still on file. */
	snprintf(line, sizeof line, ngettext("%lld person  (%lld former on "
	    "file)", "%lld persons  (%lld former on file)",
	    (unsigned long)d->n.insured), d->n.insured, d->n.former);
	draw_text(y, 2 + lw, COLS - 4 - lw, line, ROLE_NORMAL);
	draw_text(y + 1, 2, lw, _("Numbers"), ROLE_NORMAL);
	y += 1 + home_draw_numbers(d, hs->f.held, y + 1, 2 + lw);
	y += home_draw_work(d, y, lw);
	hex_encode(hs->f.head, 32, hex);
	draw_text(y, 2, lw, _("Accounts"), ROLE_NORMAL);
	/* L10N: active accounts (有効な利用者). */
	snprintf(line, sizeof line, _("%lld active"), hs->f.users_active);
	draw_text(y, 2 + lw, COLS - 4 - lw, line, ROLE_NORMAL);
	draw_text(y + 1, 2, lw, _("Audit log"), ROLE_NORMAL);
	/* L10N: audit log size and the first and last four hex digits of its head. */
	snprintf(line, sizeof line, ngettext("%lld record  head %.4s…%.4s",
	    "%lld records  head %.4s…%.4s", (unsigned long)hs->f.audit_count),
	    hs->f.audit_count, hex, hex + 60);
	draw_text(y + 1, 2 + lw, COLS - 4 - lw, line, ROLE_NORMAL);
}

/* The menu wraps onto a second line when the terminal is narrow. */
static void
home_draw_menu(struct tui *t, int y)
{
	int i, x = 2;

	for (i = 0; i < HOME_NAREAS; i++) {
		char item[64];
		enum draw_role role = i == t->home_sel ? ROLE_SELECTED : ROLE_NORMAL;

		snprintf(item, sizeof item, "%c %s%s", home_areas[i].key,
		    _(home_areas[i].label), home_areas[i].screen ? "" : "*");
		if (x > 2 && x + text_width(item) > COLS - 2) {
			y++;
			x = 2;
		}
		x += draw_text(y, x, COLS - 2 - x, item, role);
		x += draw_text(y, x, COLS - 2 - x, "  ", ROLE_NORMAL);
	}
	/* The footnote only while some area is still to come. */
	for (i = 0; i < HOME_NAREAS; i++)
		if (home_areas[i].screen == NULL) {
			draw_text(y + 1, 2, COLS - 4, _("* not built yet"), ROLE_NORMAL);
			break;
		}
}

static void
home_draw(struct tui *t, int top, int rows)
{
	home_draw_stats(t, top + 1);
	home_draw_menu(t, top + rows - 4);
}

static int
home_open(struct tui *t, int i)
{
	t->home_sel = i;
	if (home_areas[i].screen == NULL) {
		/* L10N: %s is a work area name from the home menu. */
		tui_message(t, ROLE_WARN, _("%s: not built yet in this version"),
		    _(home_areas[i].label));
		return KEY_HANDLED;
	}
	tui_push(t, home_areas[i].screen);
	return KEY_HANDLED;
}

static int
home_key_digit(struct tui *t, wint_t ch)
{
	return home_open(t, (int)(ch - '1'));
}

/* Each figure's list, one key from home (the key shows by the figure). */
static int
home_key_list(struct tui *t, wint_t ch)
{
	switch (ch) {
	case 's': tui_push(t, &screen_supervisor); break;
	case 'i': tui_push(t, &screen_idproof_open); break;
	case 't': tui_push(t, &screen_media); break;
	case 'o': tui_push(t, &screen_number_overdue); break;
	default: tui_push(t, &screen_reg_mismatches); break;
	}
	return KEY_HANDLED;
}

static int
home_key_enter(struct tui *t, wint_t ch)
{
	(void)ch;
	return home_open(t, t->home_sel);
}

static int
home_key_next(struct tui *t, wint_t ch)
{
	(void)ch;
	t->home_sel = (t->home_sel + 1) % HOME_NAREAS;
	return KEY_HANDLED;
}

static int
home_key_prev(struct tui *t, wint_t ch)
{
	(void)ch;
	t->home_sel = (t->home_sel + HOME_NAREAS - 1) % HOME_NAREAS;
	return KEY_HANDLED;
}

/* The home keys: the key bar and the help's key list come from here. */
static const struct screen_key home_keys[] = {
	{ '1', '0' + HOME_NAREAS, 0, "1-8", N_("work area"),
	    N_("opens that work area"), home_key_digit },
	{ '\n', '\n', 0, "Enter", N_("open"), N_("opens the chosen area"),
	    home_key_enter },
	{ KEY_RIGHT, KEY_RIGHT, 1, "\xe2\x86\x92", NULL,
	    N_("chooses the next area (Tab too)"), home_key_next },
	{ '\t', '\t', 0, "Tab", NULL, NULL, home_key_next },
	{ KEY_LEFT, KEY_LEFT, 1, "\xe2\x86\x90", NULL,
	    N_("chooses the one before"), home_key_prev },
	{ KEY_BTAB, KEY_BTAB, 1, "S-Tab", NULL, NULL, home_key_prev },
	{ 's', 's', 0, "s", NULL, N_("lists the cases waiting for a supervisor "
	    "(numbers that differ or are held by another person, J-LIS answers "
	    "held)"), home_key_list },
	{ 'i', 'i', 0, "i", NULL, N_("lists the incomplete identity checks"),
	    home_key_list },
	{ 't', 't', 0, "t", NULL, N_("lists the media (in transit, overdue)"),
	    home_key_list },
	{ 'm', 'm', 0, "m", NULL, N_("lists the persons J-LIS's collation "
	    "blocked"), home_key_list },
	{ 'o', 'o', 0, "o", NULL, N_("lists the numbers past the five-day "
	    "deadline, not confirmed"), home_key_list },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 'q', 'q', 0, "q", NULL, N_("quits (after asking), as F10 does"), NULL },
	{ KEY_F(10), KEY_F(10), 1, "F10", N_("quit"), N_("quits (after asking)"),
	    NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

const struct screen screen_home = {
	.crumb = N_("Home"),
	.help = N_("The home screen shows the vault at a glance: persons,\n"
	    "numbers by state, open identity checks, the five-day\n"
	    "deadline, media in transit, registrations to send.\n"
	    "The console locks itself when idle."),
	.enter = home_enter,
	.draw = home_draw,
	.key = NULL,
	.reload = home_reload,
	.keys = home_keys,
};
