/* Home: the state of the office at a glance and the menu of work areas. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/idproof.h"
#include "ops/media.h"
#include "ops/vault-admin.h"
#include "tui/screens.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/text.h"

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
	{ '5', N_("Registration"), NULL },
	{ '6', N_("Evidence"), NULL },
	{ '7', N_("Audit"), &screen_audit },
	{ '8', N_("Admin"), &screen_users },
};
#define HOME_NAREAS ((int)(sizeof home_areas / sizeof home_areas[0]))

/* Numbers: a bar of the confirmed share, then counts by state; cases for
 * the supervisor stand out. */
static void
home_draw_numbers(const struct home_stats *h, int y)
{
	long long missing = h->persons - h->numbers_confirmed - h->numbers_entered -
	    h->numbers_mismatch - h->numbers_held;
	int width = 20, full = h->persons > 0 ?
	    (int)(h->numbers_confirmed * width / h->persons) : 0, i, x;
	char line[256];

	x = 2 + draw_text(y, 2, COLS - 4, _("Numbers   confirmed "), ROLE_NORMAL);
	for (i = 0; i < width && x < COLS - 2; i++)
		x += draw_text(y, x, 1, i < full ? "#" : ".", i < full ? ROLE_OK :
		    ROLE_NORMAL);
	snprintf(line, sizeof line, _(" %lld  to confirm %lld  missing %lld"),
	    h->numbers_confirmed, h->numbers_entered, missing > 0 ? missing : 0);
	draw_text(y, x, COLS - 2 - x, line, ROLE_NORMAL);
	if (h->numbers_queue > 0) {
		snprintf(line, sizeof line, _("          supervisor queue %lld "
		    "(mismatch %lld, held %lld)"), h->numbers_queue,
		    h->numbers_mismatch, h->numbers_held);
		draw_text(y + 1, 2, COLS - 4, line, ROLE_WARN);
	}
}

static int
home_count_open(const char *key, const char *channel, const char *since,
    const char *missing, void *arg)
{
	(void)key;
	(void)channel;
	(void)since;
	(void)missing;
	(*(long long *)arg)++;
	return 0;
}

/* Identity checks recorded but not complete (area 3). */
static void
home_draw_idproof(struct tui *t, int y)
{
	long long n = 0;
	char line[256], *err = NULL;

	if (ops_idproof_open(t->s, NULL, home_count_open, &n, &err) < 0) {
		draw_text(y, 2, COLS - 4, err, ROLE_ERROR);
		free(err);
		return;
	}
	/* L10N: home screen: identity checks (本人確認) not complete (未完了). */
	snprintf(line, sizeof line, _("ID checks incomplete %lld"), n);
	draw_text(y, 2, COLS - 4, line, n > 0 ? ROLE_WARN : ROLE_NORMAL);
}

static int
home_count_media(const struct media_row *m, long overdue, void *arg)
{
	long long *n = arg;

	n[0] += strcmp(m->state, "shipped") == 0;
	n[1] += overdue > 0;
	return 0;
}

/* Media in transit and answers overdue (area 4). */
static void
home_draw_media(struct tui *t, int y)
{
	long long n[2] = { 0, 0 };
	char line[256], *err = NULL;

	if (ops_media_list(t->s, home_count_media, n, &err) < 0) {
		draw_text(y, 2, COLS - 4, err, ROLE_ERROR);
		free(err);
		return;
	}
	/* L10N: home screen: media shipped (輸送中) and answers overdue. */
	snprintf(line, sizeof line, _("Media     in transit %lld  answers overdue "
	    "%lld"), n[0], n[1]);
	draw_text(y, 2, COLS - 4, line, n[1] > 0 ? ROLE_WARN : ROLE_NORMAL);
}

static void
home_draw_stats(struct tui *t, int y)
{
	struct home_stats h;
	char line[256], hex[65], *err = NULL;

	if (ops_home_stats(t->s, &h, &err) < 0) {
		draw_text(y, 2, COLS - 4, err, ROLE_ERROR);
		free(err);
		return;
	}
	hex_encode(h.head, 32, hex);
	/* L10N: home screen: number of insured persons in the vault. */
	snprintf(line, sizeof line, _("Insured   %lld persons"), h.persons);
	draw_text(y, 2, COLS - 4, line, ROLE_NORMAL);
	home_draw_numbers(&h, y + 1);
	snprintf(line, sizeof line, _("Accounts  %lld active"), h.users_active);
	draw_text(y + 3, 2, COLS - 4, line, ROLE_NORMAL);
	/* L10N: audit log size and the first and last four hex digits of its head. */
	snprintf(line, sizeof line, _("Audit log %lld records  head %.4s…%.4s"),
	    h.audit_count, hex, hex + 60);
	draw_text(y + 4, 2, COLS - 4, line, ROLE_NORMAL);
	home_draw_idproof(t, y + 5);
	home_draw_media(t, y + 6);
	draw_text(y + 7, 2, COLS - 4, _("Registration is not built yet."),
	    ROLE_WARN);
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
	draw_text(y + 1, 2, COLS - 4, _("* not built yet"), ROLE_NORMAL);
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
home_key(struct tui *t, wint_t ch, int is_fkey)
{
	if (!is_fkey && ch >= '1' && ch < '1' + HOME_NAREAS)
		return home_open(t, (int)(ch - '1'));
	if (!is_fkey && (ch == 'q' || ch == 'Q'))
		return KEY_BACK;	/* on home, "back" asks to quit */
	if (!is_fkey && ch == 0x1b)
		return KEY_HANDLED;
	if ((is_fkey && ch == KEY_RIGHT) || (!is_fkey && ch == '\t')) {
		t->home_sel = (t->home_sel + 1) % HOME_NAREAS;
		return KEY_HANDLED;
	}
	if (is_fkey && (ch == KEY_LEFT || ch == KEY_BTAB)) {
		t->home_sel = (t->home_sel + HOME_NAREAS - 1) % HOME_NAREAS;
		return KEY_HANDLED;
	}
	if ((!is_fkey && (ch == '\n' || ch == '\r')) || (is_fkey && ch == KEY_ENTER))
		return home_open(t, t->home_sel);
	return KEY_IGNORED;
}

const struct screen screen_home = {
	.crumb = N_("Home"),
	.help = N_("The home screen shows the vault at a glance.\n"
	    "Choose a work area with its digit,\n"
	    "or with the arrows and Enter.\n"
	    "Areas marked * are not built yet.\n"
	    "q or F10 quits (after asking).\n"
	    "The console locks itself when idle."),
	.keybar = N_("1-8\twork area\nEnter\topen\nF1\thelp\nF10\tquit"),
	.enter = NULL,
	.draw = home_draw,
	.key = home_key,
};
