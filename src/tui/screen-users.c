/* Admin: the account list the guidelines ask for. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/jstday.h"
#include "ops/accounts.h"
#include "tui/screens.h"
#include "util/text.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define USERS_MAX 200

/* The list as last read: read on entering and when the vault changed,
 * drawn every second without a query. */
struct users_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	char line[USERS_MAX][256];
	int locked[USERS_MAX];
	int n;
	char err[256];
};

static struct users_screen *
users_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct users_screen));
	return *slot;
}

/* Columns padded by display width, so Japanese labels line up. */
static void
users_line(char *out, size_t len, const char *name, const char *role,
    const char *status, const char *created, const char *last)
{
	char *c[4];

	c[0] = text_pad(name, 16);
	c[1] = text_pad(role, 14);
	c[2] = text_pad(status, 8);
	c[3] = text_pad(created, 17);
	snprintf(out, len, "%s %s %s %s %s", c[0], c[1], c[2], c[3], last);
	free(c[0]);
	free(c[1]);
	free(c[2]);
	free(c[3]);
}

static int
users_row(const struct user *u, void *arg)
{
	struct users_screen *us = arg;
	char created[20], last[20], jst[20];

	if (us->n >= USERS_MAX)
		return 1;
	/* Japan time as everywhere on screen; minutes are enough (the
	 * seconds stay in the vault). */
	jst_from_utc(u->created, jst);
	snprintf(created, sizeof created, "%.16s", jst);
	jst_from_utc(u->last_login, jst);
	snprintf(last, sizeof last, "%.16s", jst);
	us->locked[us->n] = u->status[0] == 'l';
	users_line(us->line[us->n++], sizeof us->line[0], u->name,
	    account_role_label(u->role), u->status[0] == 'l' ? _("locked") :
	    _("active"), created, u->last_login[0] ? last : "-");
	return 0;
}

static void
users_reload(struct tui *t)
{
	struct users_screen *us = users_state(t);
	char *err = NULL;

	if (!tui_vault_changed(t, &us->stamp))
		return;
	us->n = 0;
	us->err[0] = '\0';
	if (ops_user_list(t->s, users_row, us, &err) < 0)
		snprintf(us->err, sizeof us->err, "%s", err ? err : "?");
	free(err);
}

static void
users_draw(struct tui *t, int top, int rows)
{
	struct users_screen *us = users_state(t);
	char head[256];
	int i;

	/* L10N: the account list's column heads; a note under the list says
	 * the times are Japan time. */
	users_line(head, sizeof head, _("name"), _("role"), _("status"),
	    _("created"), _("last login"));
	draw_text(top, 1, COLS - 2, head, ROLE_TITLE);
	if (us->err[0] != '\0')
		draw_text(top + 1, 1, COLS - 2, us->err, ROLE_ERROR);
	for (i = 0; i < us->n && top + 1 + i < top + rows - 2; i++)
		draw_text(top + 1 + i, 1, COLS - 2, us->line[i], us->locked[i] ?
		    ROLE_WARN : ROLE_NORMAL);
	draw_text(top + rows - 1, 1, COLS - 2, _("Times are Japan time. a adds a "
	    "user; F1 tells how to change roles, locks and passwords."),
	    ROLE_NORMAL);
}

static int
users_key_add(struct tui *t, wint_t ch)
{
	char *err = NULL;

	(void)ch;
	if (ops_require_role(t->s, "admin", &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
		return KEY_HANDLED;
	}
	tui_push(t, &screen_user_add);
	return KEY_HANDLED;
}

/* The key bar and the help's key list come from here. */
static const struct screen_key users_keys[] = {
	{ 'a', 'a', 0, "a", N_("add user"), N_("adds a user (administrators; two "
	    "persons once two are active)"), users_key_add },
	{ 0x1b, 0x1b, 0, "Esc", N_("back"), N_("goes back (q too)"), NULL },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

const struct screen screen_users = {
	.crumb = N_("Admin"),
	.help = N_("The account list: name, role, status,\n"
	    "when it was created and last logged in (Japan time).\n"
	    "Role changes, locking, unlocking and passwords are\n"
	    "done on the command line by an administrator\n"
	    "(mynadesk user role|lock|unlock|passwd)."),
	.enter = NULL,
	.draw = users_draw,
	.key = NULL,
	.reload = users_reload,
	.keys = users_keys,
};
