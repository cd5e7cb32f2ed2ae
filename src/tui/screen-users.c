/* Admin: the account list the guidelines ask for. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "domain/account.h"
#include "ops/accounts.h"
#include "tui/screens.h"
#include "util/i18n.h"

struct users_draw {
	int y, end;
};

static int
users_row(const struct user *u, void *arg)
{
	struct users_draw *d = arg;
	char line[256];

	if (d->y >= d->end)
		return 1;
	snprintf(line, sizeof line, "%-16s %-16s %-8s %-20s %s", u->name,
	    account_role_label(u->role), u->status, u->created,
	    u->last_login[0] ? u->last_login : "-");
	draw_text(d->y++, 1, COLS - 2, line,
	    u->status[0] == 'l' ? ROLE_WARN : ROLE_NORMAL);
	return 0;
}

static void
users_draw(struct tui *t, int top, int rows)
{
	struct users_draw d = { top + 1, top + rows - 2 };
	char *err = NULL;

	draw_text(top, 1, COLS - 2, _("name             role             status   "
	    "created              last login"), ROLE_TITLE);
	if (ops_user_list(t->s, users_row, &d, &err) < 0) {
		draw_text(top + 1, 1, COLS - 2, err, ROLE_ERROR);
		free(err);
	}
	draw_text(top + rows - 1, 1, COLS - 2, _("Accounts are added and changed "
	    "with 'mynadesk user' (two persons)."), ROLE_TWO_PERSON);
}

static int
users_key(struct tui *t, wint_t ch, int is_fkey)
{
	(void)t;
	if (!is_fkey && ch == 0x1b)
		return KEY_BACK;
	return KEY_IGNORED;
}

const struct screen screen_users = {
	.crumb = N_("Admin"),
	.help = N_("The account list: name, role, status,\n"
	    "when it was created and last logged in.\n"
	    "Esc goes back."),
	.keybar = N_("Esc\tback\nF1\thelp"),
	.enter = NULL,
	.draw = users_draw,
	.key = users_key,
};
