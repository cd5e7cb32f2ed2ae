/* Login, and the idle lock that asks the same user's password again. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "ops/accounts.h"
#include "ops/handover.h"
#include "ops/login-tries.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

/* A login whose password an administrator set: the session waits here
 * until its owner has typed a new password twice (one console a process). */
static struct session *login_pending;
static char *login_first;

static void
login_forget_pending(void)
{
	secret_free_str(login_first);
	login_first = NULL;
	if (login_pending != NULL)
		ops_logout(login_pending);
	login_pending = NULL;
}

static void
login_enter(struct tui *t)
{
	field_clear(&t->login_user);
	t->login_pw.secret = 1;
	field_clear(&t->login_pw);
	t->login_focus = 0;
	if (t->s != NULL || t->fixed_user != NULL) {
		/* Idle lock, or service mode (the SSH key named the user): only
		 * the password is asked. */
		mbstowcs(t->login_user.buf, t->s ? t->s->user : t->fixed_user,
		    FIELD_MAX);
		t->login_user.len = t->login_user.cur = (int)wcslen(t->login_user.buf);
		t->login_focus = 1;
	}
}

static void
login_draw(struct tui *t, int top, int rows)
{
	int x = COLS > 60 ? (COLS - 50) / 2 : 2, y = top + 2;
	char buf[256];

	(void)rows;
	if (t->locked) {
		draw_text(y, x, COLS - x, _("The console is locked."), ROLE_WARN);
	} else {
		draw_text(y, x, COLS - x, _("Log in"), ROLE_TITLE);
		draw_text(y + 1, x, COLS - x, t->dir, ROLE_NORMAL);
	}
	draw_text(y + 3, x, 14, _("User"), ROLE_NORMAL);
	draw_text(y + 5, x, 14, login_pending == NULL ? _("Password") :
	    login_first == NULL ? _("New password") : _("Again"), ROLE_NORMAL);
	if (login_pending != NULL)
		draw_text(y + 7, x, COLS - x, _("Your password was set by an "
		    "administrator: choose your own."), ROLE_WARN);
	if (t->demo != NULL && !t->locked) {
		draw_text(y + 8, x, COLS - x, _("Demo accounts:"), ROLE_WARN);
		snprintf(buf, sizeof buf, "  %s / %s  (%s)", t->demo->user[0],
		    t->demo->password[0], account_role_label(t->demo->role[0]));
		draw_text(y + 9, x, COLS - x, buf, ROLE_NORMAL);
		snprintf(buf, sizeof buf, "  %s / %s  (%s)", t->demo->user[1],
		    t->demo->password[1], account_role_label(t->demo->role[1]));
		draw_text(y + 10, x, COLS - x, buf, ROLE_NORMAL);
	}
	field_draw(&t->login_user, y + 3, x + 14, 30, t->login_focus == 0);
	field_draw(&t->login_pw, y + 5, x + 14, 30, t->login_focus == 1);
	/* Draw the focused field last so the cursor stays in it. */
	if (t->login_focus == 0)
		field_draw(&t->login_user, y + 3, x + 14, 30, 1);
	curs_set(1);
}

/* After a successful login or unlock: on to the home screen. */
static void
login_done(struct tui *t, struct session *s)
{
	if (s != NULL) {
		t->s = s;
		if (t->idle_seconds > s->idle_minutes * 60)
			t->idle_seconds = s->idle_minutes * 60;
		t->depth = 0;
		tui_push(t, &screen_home);
		tui_message(t, ROLE_OK, _("welcome, %s"), s->user);
		if (ops_vault_warning(s) != NULL)
			tui_message(t, ROLE_WARN, "%s", ops_vault_warning(s));
		/* Put and get since the last login go into the audit log. */
		if (ops_handover_seal(s, NULL) < 0)
			tui_message(t, ROLE_WARN, "%s", _("hand-overs not yet in the "
			    "audit log"));
	} else {
		t->locked = 0;
		tui_message(t, ROLE_OK, _("unlocked"));
	}
	field_clear(&t->login_pw);
}

/* A wrong password: on the idle lock the user is fixed, so only the
 * password can be wrong; either way the clerk learns how many tries are
 * left before the account locks (as the store counts them). */
static void
login_refused(struct tui *t)
{
	char *user = field_text(&t->login_user);
	int left = ops_login_tries_left(t->dir, t->locked ? t->s->user : user);
	const char *what = t->locked ? _("wrong password") :
	    _("wrong user name or password");

	if (left > 0)
		/* L10N: %s is "wrong password" or "wrong user name or password";
		 * %d the tries left. */
		tui_message(t, ROLE_ERROR, ngettext("%s (%d more try before the "
		    "account locks)", "%s (%d more tries before the account "
		    "locks)", (unsigned long)left), what, left);
	else if (left == 0)
		tui_message(t, ROLE_ERROR, _("%s: the account is now locked; an "
		    "administrator must unlock it"), what);
	else
		tui_message(t, ROLE_ERROR, "%s", what);
	secret_free_str(user);
}

/* The new password, typed twice, replaces the temporary one. */
static int
login_new_password(struct tui *t)
{
	char *pw = field_text(&t->login_pw), *err = NULL;

	field_clear(&t->login_pw);
	if (login_first == NULL) {
		login_first = pw;
		tui_message(t, ROLE_NORMAL, "%s", _("type the new password again"));
		return KEY_HANDLED;
	}
	if (strcmp(pw, login_first) != 0) {
		tui_message(t, ROLE_ERROR, "%s", _("the two entries differ"));
	} else if (ops_user_passwd(login_pending, NULL, pw, NULL, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err ? err : _("failed"));
	} else {
		struct session *s = login_pending;

		login_pending = NULL;
		login_done(t, s);
	}
	secret_free_str(login_first);
	login_first = NULL;
	secret_free_str(pw);
	free(err);
	return KEY_HANDLED;
}

static int
login_submit(struct tui *t)
{
	char *user = field_text(&t->login_user), *pw = field_text(&t->login_pw);
	char *err = NULL;
	struct session *s = NULL;
	int rc;

	tui_status_now(t, _("checking the password..."));
	if (t->locked)
		rc = ops_reauth(t->s, pw, &err);
	else
		rc = ops_login(t->dir, t->fixed_user ? t->fixed_user : user, pw, &s,
		    &err);
	secret_free_str(pw);
	secret_free_str(user);
	if (rc == OPS_LOGIN_OK && s != NULL && s->must_change) {
		login_pending = s;
		field_clear(&t->login_pw);
		t->login_focus = 1;
		tui_message(t, ROLE_WARN, "%s", _("type a new password of your own"));
	} else if (rc == OPS_LOGIN_OK) {
		login_done(t, s);
	} else if (rc == OPS_LOGIN_EAUTH) {
		login_refused(t);
		field_clear(&t->login_pw);
		t->login_focus = 1;
	} else {
		tui_message(t, ROLE_ERROR, "%s", err ? err : _("login failed"));
		field_clear(&t->login_pw);
		t->login_focus = 1;
		if (t->locked && rc == OPS_LOGIN_ELOCKED) {
			free(err);
			return KEY_QUIT;
		}
	}
	free(err);
	return KEY_HANDLED;
}

/* Leaving the new-password step logs out: nothing was done yet. */
static int
login_leave_pending(struct tui *t)
{
	login_forget_pending();
	login_enter(t);
	return KEY_HANDLED;
}

/* Esc leaves the console, except under the idle lock (only the password
 * opens it) and on the new-password step (back to the login). */
static int
login_key_esc(struct tui *t, wint_t ch)
{
	(void)ch;
	if (login_pending != NULL)
		return login_leave_pending(t);
	return t->locked ? KEY_HANDLED : KEY_QUIT;
}

static int
login_key_quit(struct tui *t, wint_t ch)
{
	(void)ch;
	if (login_pending != NULL)
		login_leave_pending(t);
	return KEY_QUIT;
}

static int
login_key_enter(struct tui *t, wint_t ch)
{
	(void)ch;
	if (login_pending != NULL)
		return login_new_password(t);
	if (t->login_focus == 0) {
		t->login_focus = 1;
		return KEY_HANDLED;
	}
	return login_submit(t);
}

/* The name is fixed under the idle lock, in service mode and on the
 * new-password step: the focus stays on the password. */
static int
login_key_next(struct tui *t, wint_t ch)
{
	(void)ch;
	if (!t->locked && t->fixed_user == NULL && login_pending == NULL)
		t->login_focus = !t->login_focus;
	else
		tui_message(t, ROLE_NORMAL, "%s", _("only the password is asked "
		    "here"));
	return KEY_HANDLED;
}

/* Everything else is typed into the focused field. */
static int
login_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct field *f = t->login_focus ? &t->login_pw : &t->login_user;

	return field_key(f, ch, is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

static const struct screen_key login_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("log in"), N_("moves to the password; on "
	    "it, logs in"), login_key_enter },
	FORM_KEYS_MOVE(login_key_next),
	{ 0x1b, 0x1b, 0, "Esc", NULL, N_("leaves the console (at the idle lock: "
	    "nothing)"), login_key_esc },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ KEY_F(10), KEY_F(10), 1, "F10", N_("quit"), N_("leaves the console"),
	    login_key_quit },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

const struct screen screen_login = {
	/* L10N: breadcrumb of the login screen. */
	.crumb = N_("Log in"),
	.help = N_("Type your user name, Tab, your password, Enter.\n"
	    "Five wrong passwords lock the account\n"
	    "until an administrator unlocks it.\n"
	    "After the idle lock only your password is asked.\n"
	    "F10 leaves the console (logging out)."),
	.enter = login_enter,
	.draw = login_draw,
	.key = login_key,
	.keys = login_keys,
};
