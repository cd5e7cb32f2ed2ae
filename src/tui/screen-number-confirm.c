/* Person > confirm number: a second person logs in on the same screen and
 * keys the number again from the document. Nothing of the first entry is
 * shown, before or after; a mismatch shows no digits either. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/mynumber.h"
#include "ops/numbers.h"
#include "ops/precheck.h"
#include "ops/vault-admin.h"
#include "tui/form.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/xmalloc.h"

enum { C_NAME, C_PW, C_NUMBER, C_COUNT };

struct confirm_screen {
	struct field f[C_COUNT];
	int focus;
	int stage;	/* 0: the second person logs in; 1: keys the number */
	int self;	/* the logged-in user confirms (someone else entered it) */
	/* The second person's login, checked once at stage 0: the screen
	 * keeps this handle, never their password. */
	struct witness *w;
};

static struct confirm_screen *
confirm_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct confirm_screen *c = xcalloc(1, sizeof *c);

		c->f[C_PW].secret = c->f[C_NUMBER].secret = 1;
		*slot = c;
	}
	return *slot;
}

static void
confirm_wipe(struct confirm_screen *c)
{
	ops_witness_free(c->w);
	secret_wipe(c, sizeof *c);
	c->f[C_PW].secret = c->f[C_NUMBER].secret = 1;
}

/* Back to the second person's login, forgetting password and digits. */
static void
confirm_restart(struct tui *t, struct confirm_screen *c)
{
	field_clear(&c->f[C_PW]);
	field_clear(&c->f[C_NUMBER]);
	ops_witness_free(c->w);
	c->w = NULL;
	c->stage = c->self = 0;
	c->focus = C_NAME;
	tui_message(t, ROLE_TWO_PERSON, "%s", _("this needs a second person: "
	    "they log in below, then key the number again"));
}

/* A second person's login does not outlive the idle lock: whoever unlocks
 * must not find it waiting. The screen is drawn every second, so it can end
 * the login on the draw before the lock (up to two seconds early, as
 * time() counts whole seconds). */
static void
confirm_check_lock(struct tui *t, struct confirm_screen *c)
{
	if (c->stage == 1 &&
	    time(NULL) - t->last_key >= (time_t)t->idle_seconds - 2) {
		confirm_restart(t, c);
		tui_message(t, ROLE_WARN, "%s", _("the second person's login ended "
		    "with the idle lock: they log in again"));
	}
}

static void
confirm_enter(struct tui *t)
{
	(void)confirm_state(t);
	/* L10N: said before the two-person step starts. */
	tui_message(t, ROLE_TWO_PERSON, "%s", _("this needs a second person: they "
	    "log in below, then key the number again"));
}

/* However the screen is left, the handle goes with it. */
static void
confirm_leave(struct tui *t)
{
	struct confirm_screen *c = confirm_state(t);

	ops_witness_free(c->w);
	c->w = NULL;
}

static const char *const confirm_labels[C_COUNT] = { N_("Second person"),
	N_("Their password"), N_("Number") };

static void
confirm_draw(struct tui *t, int top, int rows)
{
	struct confirm_screen *c = confirm_state(t);
	int lw = form_label_width(confirm_labels, C_COUNT), x = 2 + lw, y = top + 7;
	char buf[256];

	(void)rows;
	confirm_check_lock(t, c);
	/* No state row: nothing of the first entry, not even masked. */
	ptext_person_line(t, top, 0);
	draw_text(top + 3, 2, COLS - 4, _("This step needs a second person."),
	    ROLE_TWO_PERSON);
	draw_text(top + 4, 2, COLS - 4, _("They log in below, then key the number "
	    "again from the document."), ROLE_NORMAL);
	draw_text(top + 5, 2, COLS - 4, _("Nothing of the first entry is shown."),
	    ROLE_NORMAL);
	if (c->self) {
		/* L10N: %s is the logged-in user confirming without a second
		 * login. */
		snprintf(buf, sizeof buf, _("%s confirms: this works only if someone "
		    "else entered the number."), t->s->user);
		draw_text(y, 2, COLS - 4, buf, ROLE_TWO_PERSON);
	} else {
		draw_text(y, 2, lw, _(confirm_labels[C_NAME]), ROLE_NORMAL);
		field_draw(&c->f[C_NAME], y, x, 24, 0);
		draw_text(y + 2, 2, lw, _(confirm_labels[C_PW]), ROLE_NORMAL);
		field_draw(&c->f[C_PW], y + 2, x, 24, 0);
		if (c->stage == 1)
			draw_text(y, x + 26, COLS - x - 27, _("logged in"), ROLE_OK);
	}
	if (c->stage == 1) {
		draw_text(y + 4, 2, lw, _(confirm_labels[C_NUMBER]), ROLE_NORMAL);
		field_draw(&c->f[C_NUMBER], y + 4, x, 24, 1);
		draw_text(y + 6, 2, COLS - 4, _("Key the 12 digits from the document, "
		    "then Enter. The digits are not shown."), ROLE_NORMAL);
	} else {
		draw_text(y + 4, 2, COLS - 4, _("F2: you confirm yourself instead "
		    "(only if someone else entered the number)."), ROLE_NORMAL);
		field_draw(&c->f[c->focus], y + 2 * c->focus, x, 24, 1);
	}
	curs_set(1);
}

static int
confirm_login(struct tui *t, struct confirm_screen *c)
{
	char *err = NULL;

	ops_witness_free(c->w);
	c->w = form_witness(t, c->f, C_NAME, C_PW, &c->focus, &err);
	if (c->w == NULL) {
		tui_message(t, ROLE_ERROR, "%s", err);
	} else {
		c->stage = 1;
		c->focus = C_NUMBER;
		/* L10N: %s is the second person's user name. */
		tui_message(t, ROLE_TWO_PERSON, _("%s: key the number from the "
		    "document"), ops_witness_name(c->w));
	}
	free(err);
	return KEY_HANDLED;
}

struct confirm_who {
	const char *key;
	char entered[64], confirmed[64];
	int found;
};

static int
confirm_who_row(const struct auditrec *r, void *arg)
{
	struct confirm_who *w = arg;

	if (strcmp(r->subject, w->key) != 0)
		return 0;
	ptext_copy(w->confirmed, sizeof w->confirmed, r->actor);
	ptext_copy(w->entered, sizeof w->entered, r->actor2);
	w->found = 1;
	return 1;
}

/* Both names for the message, as the audit record just written has them:
 * who keyed the number first, and who confirmed it. */
static void
confirm_done_message(struct tui *t, const char *key, const char *confirmer)
{
	struct confirm_who w;
	struct audit_filter f;
	char *err = NULL;

	memset(&w, 0, sizeof w);
	memset(&f, 0, sizeof f);
	w.key = key;
	f.action = "number.confirm";
	f.newest_first = 1;
	f.limit = 50;
	if (ops_audit_list(t->s, &f, confirm_who_row, &w, &err) == 0 && w.found)
		/* L10N: %s are who entered the number and who confirmed it. */
		tui_message(t, ROLE_OK, _("number confirmed (entered by %s, "
		    "confirmed by %s)"), w.entered, w.confirmed);
	else
		tui_message(t, ROLE_OK, _("confirmed by %s"), confirmer);
	free(err);
}

static int
confirm_submit(struct tui *t, struct confirm_screen *c)
{
	char *num = field_text(&c->f[C_NUMBER]), *err = NULL, key[96], who[64];
	enum number_result res = NUMBER_OK;
	char check[13];
	int bad;

	tui_status_now(t, _("checking..."));
	ptext_copy(key, sizeof key, tui_arg_key(t));
	ptext_copy(who, sizeof who,
	    c->self ? t->s->user : ops_witness_name(c->w));
	if (ops_number_confirm(t->s, key, num, c->self ? NULL : c->w, &res,
	    &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		/* A number that is not well formed is keyed again (ops checks it
		 * before it takes the handle); anything else (the person, the
		 * state) starts over from the login, the handle being spent. */
		bad = mynumber_normalize(num, check, NULL) < 0;
		secret_wipe(check, sizeof check);
		field_clear(&c->f[C_NUMBER]);
		if (!bad) {
			ops_witness_free(c->w);
			c->w = NULL;
			c->stage = c->self = 0;
			c->focus = C_NAME;
		}
	} else {
		/* tui_pop frees c: it is wiped first and not used after. */
		confirm_wipe(c);
		tui_pop(t);
		if (res == NUMBER_MISMATCH)
			/* L10N: one line of at most 78 columns; no digits. */
			tui_message(t, ROLE_ERROR, "%s", _("the numbers differ: sent to "
			    "the supervisor; enter it again from the document"));
		else
			confirm_done_message(t, key, who);
	}
	free(err);
	secret_free_str(num);
	return KEY_HANDLED;
}

/* Esc goes back one step: from the number to the second person's login,
 * from the login out of the screen. */
static int
confirm_key_esc(struct tui *t, wint_t ch)
{
	struct confirm_screen *c = confirm_state(t);

	(void)ch;
	if (c->stage == 0)
		return KEY_BACK;
	confirm_restart(t, c);
	return KEY_HANDLED;
}

static int
confirm_key_enter(struct tui *t, wint_t ch)
{
	struct confirm_screen *c = confirm_state(t);

	(void)ch;
	if (c->stage == 1)
		return confirm_submit(t, c);
	if (c->focus == C_NAME) {
		c->focus = C_PW;
		return KEY_HANDLED;
	}
	return confirm_login(t, c);
}

static int
confirm_key_move(struct tui *t, wint_t ch)
{
	struct confirm_screen *c = confirm_state(t);

	(void)ch;
	if (c->stage == 0)
		c->focus = c->focus == C_NAME ? C_PW : C_NAME;
	return KEY_HANDLED;
}

static int
confirm_key_self(struct tui *t, wint_t ch)
{
	struct confirm_screen *c = confirm_state(t);

	char *err = NULL;

	(void)ch;
	if (c->stage == 1)
		return KEY_HANDLED;
	/* Who entered the number may not confirm it: said before the number
	 * is keyed, not after. */
	if (ops_number_confirm_precheck(t->s, tui_arg_key(t), t->s->user,
	    &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
		return KEY_HANDLED;
	}
	field_clear(&c->f[C_NAME]);
	field_clear(&c->f[C_PW]);
	c->self = c->stage = 1;
	c->focus = C_NUMBER;
	tui_message(t, ROLE_TWO_PERSON, _("%s: key the number from the "
	    "document"), t->s->user);
	return KEY_HANDLED;
}

static int
confirm_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct confirm_screen *c = confirm_state(t);

	return field_key(&c->f[c->stage == 1 ? C_NUMBER : c->focus], ch,
	    is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

static const struct screen_key confirm_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("next / confirm"), N_("moves on; on the "
	    "number, confirms it"), confirm_key_enter },
	FORM_KEYS_MOVE(confirm_key_move),
	{ KEY_F(2), KEY_F(2), 1, "F2", N_("confirm as me"), N_("you confirm "
	    "instead, when someone else entered the number"), confirm_key_self },
	{ 0x1b, 0x1b, 0, "Esc", N_("back"), N_("goes back one step and forgets "
	    "what was typed"), confirm_key_esc },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

const struct screen screen_number_confirm = {
	/* L10N: breadcrumb: confirming an entered number. */
	.crumb = N_("Confirm number"),
	.help = N_("Two persons: the number entered first is confirmed\n"
	    "by someone else keying it again from the document.\n"
	    "The second person types their user name and password\n"
	    "here, then the number; no digit of the first entry\n"
	    "is ever shown. If the two differ, neither is kept:\n"
	    "the case goes to the supervisor and the number is\n"
	    "entered again from the document.\n"
	    "F2: the logged-in user confirms instead, when\n"
	    "someone else entered the number.\n"
	    "Esc goes back one step and forgets what was typed."),
	.enter = confirm_enter,
	.leave = confirm_leave,
	.draw = confirm_draw,
	.key = confirm_key,
	.keys = confirm_keys,
	.reload = ptext_person_reload,
};
