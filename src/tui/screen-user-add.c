/* Admin > add a user: the form, and the second person's login on the same
 * screen once the vault has two active users. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/pwpolicy.h"
#include "ops/accounts.h"
#include "ops/precheck.h"
#include "tui/form.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

enum { F_NAME, F_ROLE, F_PW, F_PW2, F_CHECKER, F_CHECKER_PW, F_COUNT };

static const char *const add_roles[] = { "clerk", "supervisor", "admin" };

struct user_add {
	struct field f[F_COUNT];
	int focus;
	int role;
	int need_checker;
	/* The new user's part passed ops_user_add_precheck: only then the
	 * second person's fields show. */
	int checked;
};

static struct user_add *
add_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct user_add *a = xcalloc(1, sizeof *a);

		a->f[F_PW].secret = a->f[F_PW2].secret = a->f[F_CHECKER_PW].secret = 1;
		*slot = a;
	}
	return *slot;
}

static void
add_enter(struct tui *t)
{
	struct user_add *a = add_state(t);
	char *err = NULL;

	a->need_checker = ops_needs_checker(t->s, &err) > 0;
	free(err);
	if (a->need_checker)
		/* L10N: said before a two-person step starts. */
		tui_message(t, ROLE_TWO_PERSON, "%s", _("this needs a second person: "
		    "they enter their name and password below"));
}

static int
add_last_field(const struct user_add *a)
{
	return a->need_checker && a->checked ? F_CHECKER_PW : F_PW2;
}

static void
add_draw(struct tui *t, int top, int rows)
{
	static const char *const labels[F_COUNT] = { N_("User name"), N_("Role"),
	    N_("Password"), N_("Password again"), N_("Second person"),
	    N_("Their password") };
	struct user_add *a = add_state(t);
	int i, y = top + 1, x = 2, lx = 22, cursor_y = y, cursor_x = lx;

	(void)rows;
	for (i = 0; i <= add_last_field(a); i++, y += 2) {
		if (i == F_CHECKER) {
			draw_text(y, x, COLS - 4, _("Second person (at this console):"),
			    ROLE_TWO_PERSON);
			y += 2;
		}
		draw_text(y, x, lx - x, _(labels[i]), ROLE_NORMAL);
		if (i == F_ROLE) {
			char role[64];

			snprintf(role, sizeof role, "< %s >",
			    account_role_label(add_roles[a->role]));
			draw_text(y, lx, 30, role, a->focus == i ? ROLE_SELECTED :
			    ROLE_NORMAL);
		} else {
			field_draw(&a->f[i], y, lx, 30, a->focus == i);
		}
		if (a->focus == i)
			cursor_y = y;
	}
	/* Redraw the focused field so the cursor ends up inside it. */
	if (a->focus != F_ROLE)
		field_draw(&a->f[a->focus], cursor_y, cursor_x, 30, 1);
	curs_set(a->focus != F_ROLE);
}

static void
add_clear_secrets(struct user_add *a)
{
	field_clear(&a->f[F_PW]);
	field_clear(&a->f[F_PW2]);
	field_clear(&a->f[F_CHECKER_PW]);
}

/* Adds the user once the passwords agree: with the second person's
 * handle when the vault needs one, checked here once. */
static int
add_run(struct tui *t, struct user_add *a, const char *name, const char *pw,
    char **err)
{
	struct witness *w = NULL;
	int rc;

	if (a->need_checker && (w = form_witness(t, a->f, F_CHECKER,
	    F_CHECKER_PW, &a->focus, err)) == NULL)
		return -1;
	tui_status_now(t, _("checking..."));
	rc = ops_user_add(t->s, name, add_roles[a->role], pw, w, err);
	ops_witness_free(w);
	if (rc < 0) {
		/* The cursor goes to the field in error, found with the same
		 * domain checks, never by reading translated text. */
		if (account_name_check(name, NULL) < 0)
			a->focus = F_NAME;
		else if (pwpolicy_check(name, pw, NULL) < 0)
			a->focus = F_PW;
		else
			a->focus = a->need_checker ? F_CHECKER : F_NAME;
	}
	return rc;
}

static int
add_submit(struct tui *t, struct user_add *a)
{
	char *name = field_text(&a->f[F_NAME]), *pw = field_text(&a->f[F_PW]);
	char *pw2 = field_text(&a->f[F_PW2]), *err = NULL;
	int rc = -1;

	if (strcmp(pw, pw2) != 0) {
		tui_message(t, ROLE_ERROR, "%s", _("the two passwords differ: type "
		    "them again"));
		a->focus = F_PW;
	} else if ((rc = add_run(t, a, name, pw, &err)) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
	}
	add_clear_secrets(a);
	if (rc == 0) {
		const char *role = add_roles[a->role];

		/* tui_pop frees a: nothing of it is used after this line. */
		tui_pop(t);
		tui_message(t, ROLE_OK, _("user %s added (%s)"), name,
		    account_role_label(role));
	}
	free(err);
	secret_free_str(name);
	secret_free_str(pw);
	secret_free_str(pw2);
	return KEY_HANDLED;
}

/* Everything that does not depend on the second person is checked before
 * their fields show: the name, the two passwords, the policy. */
static int
add_precheck(struct tui *t, struct user_add *a)
{
	char *name = field_text(&a->f[F_NAME]), *pw = field_text(&a->f[F_PW]);
	char *pw2 = field_text(&a->f[F_PW2]), *err = NULL;

	if (strcmp(pw, pw2) != 0) {
		tui_message(t, ROLE_ERROR, "%s", _("the two passwords differ: type "
		    "them again"));
		a->focus = F_PW;
	} else if (ops_user_add_precheck(t->s, name, add_roles[a->role], pw,
	    &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		a->focus = pwpolicy_check(name, pw, NULL) < 0 ? F_PW : F_NAME;
	} else {
		a->checked = 1;
		a->focus = F_CHECKER;
		tui_message(t, ROLE_TWO_PERSON, "%s", _("a second person logs in "
		    "below to confirm the new user"));
	}
	free(err);
	secret_free_str(name);
	secret_free_str(pw);
	secret_free_str(pw2);
	return KEY_HANDLED;
}

static int
add_key_enter(struct tui *t, wint_t ch)
{
	struct user_add *a = add_state(t);

	(void)ch;
	if (a->focus == F_PW2 && a->need_checker && !a->checked)
		return add_precheck(t, a);
	if (a->focus < add_last_field(a)) {
		a->focus++;
		return KEY_HANDLED;
	}
	return add_submit(t, a);
}

static int
add_key_move(struct tui *t, wint_t ch)
{
	struct user_add *a = add_state(t);

	a->focus = field_focus_step(a->focus, add_last_field(a) + 1, ch);
	return KEY_HANDLED;
}

/* On the role, the side arrows choose it; elsewhere they move the cursor
 * in the field (declined here, the field takes them). */
static int
add_key_role(struct tui *t, wint_t ch)
{
	struct user_add *a = add_state(t);

	if (a->focus != F_ROLE && a->f[a->focus].len > 0)
		return KEY_IGNORED;
	if (a->focus != F_ROLE) {
		tui_message(t, ROLE_NORMAL, "%s", _("the side arrows choose the "
		    "role on its line"));
		return KEY_HANDLED;
	}
	a->role = (a->role + (ch == KEY_RIGHT ? 1 : 2)) % 3;
	a->checked = 0;
	return KEY_HANDLED;
}

static int
add_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct user_add *a = add_state(t);

	if (a->focus == F_ROLE)
		return KEY_IGNORED;
	if (!field_key(&a->f[a->focus], ch, is_fkey))
		return KEY_IGNORED;
	/* A change to the new user's part is checked again. */
	if (a->focus < F_CHECKER)
		a->checked = 0;
	return KEY_HANDLED;
}

static const struct screen_key add_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("next / add"), N_("moves on; on the last "
	    "field, adds the user"), add_key_enter },
	FORM_KEYS_MOVE(add_key_move),
	{ KEY_LEFT, KEY_LEFT, 1, "\xe2\x86\x90\xe2\x86\x92", N_("role"),
	    N_("on the role: chooses it"), add_key_role },
	{ KEY_RIGHT, KEY_RIGHT, 1, "\xe2\x86\x92", NULL, NULL, add_key_role },
	FORM_KEYS_END
};

const struct screen screen_user_add = {
	.crumb = N_("Add user"),
	.help = N_("Type the new user's name and choose the role\n"
	    "with the left and right arrows.\n"
	    "The new user types their password twice.\n"
	    "Once two users are active, a second person\n"
	    "logs in below to confirm the change.\n"
	    "Enter on the last field adds the user; Esc cancels."),
	.enter = add_enter,
	.draw = add_draw,
	.key = add_key,
	.keys = add_keys,
};
