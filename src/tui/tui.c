/* The console's frame and main loop: status line, breadcrumbs, message line,
 * key bar, idle lock, help, resize, and restoring the terminal on any exit. */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "domain/account.h"
#include "ops/dashboard.h"
#include "tui/ambi.h"
#include "tui/keyclock.h"
#include "tui/keys.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "tui/tui.h"
#include "tui/wrap.h"
#include "util/text.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static volatile sig_atomic_t tui_active;

static void
tui_restore(void)
{
	if (tui_active) {
		tui_active = 0;
		endwin();
	}
}

/* A fatal signal must not leave the terminal in raw mode. */
static void
tui_on_signal(int sig)
{
	tui_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
tui_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGABRT,
	    SIGBUS, SIGFPE, SIGILL };
	size_t i;

	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], tui_on_signal);
	signal(SIGINT, SIG_IGN);
	atexit(tui_restore);
}

void
tui_message(struct tui *t, enum draw_role role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->message, sizeof t->message, fmt, ap);
	va_end(ap);
	t->message_role = role;
}

int
tui_vault_changed(struct tui *t, unsigned long long *stamp)
{
	unsigned long long now = 0;
	char *err = NULL;

	if (ops_dashboard_stamp(t->s, &now, &err) < 0) {
		/* Read again: the screen's own query then says what failed. */
		free(err);
		*stamp = 0;
		return 1;
	}
	if (*stamp != 0 && *stamp == now)
		return 0;
	*stamp = now;
	return 1;
}

void
tui_status_now(struct tui *t, const char *text)
{
	tui_message(t, ROLE_NORMAL, "%s", text);
	move(LINES - 2, 0);
	clrtoeol();
	draw_text(LINES - 2, 1, COLS - 2, t->message, ROLE_NORMAL);
	refresh();
}

int
tui_list_short(struct tui *t, int n)
{
	if (n >= 2)
		return 0;
	tui_message(t, ROLE_NORMAL, "%s", n == 0 ? _("the list is empty") :
	    _("only one row: nothing else to choose"));
	return 1;
}

int
tui_form_single(struct tui *t, int n)
{
	if (n >= 2)
		return 0;
	tui_message(t, ROLE_NORMAL, "%s", _("this form has one field"));
	return 1;
}

void
tui_push_arg(struct tui *t, const struct screen *sc, const char *key,
    long long id)
{
	struct screen_arg *a;

	if (t->depth == TUI_STACK)
		return;
	/* Set before enter, which may load what the argument names. */
	a = &t->arg[t->depth];
	ptext_copy(a->key, sizeof a->key, key != NULL ? key : "");
	a->id = id;
	t->stack[t->depth++] = sc;
	t->message[0] = '\0';
	if (sc->enter)
		sc->enter(t);
}

void
tui_push(struct tui *t, const struct screen *sc)
{
	tui_push_arg(t, sc, NULL, 0);
}

const struct screen_arg *
tui_arg(const struct tui *t)
{
	static const struct screen_arg none;

	return t->depth > 0 ? &t->arg[t->depth - 1] : &none;
}

const char *
tui_arg_key(const struct tui *t)
{
	return tui_arg(t)->key;
}

/* Screen state may hold typed numbers and passwords: wipe it whole before
 * freeing, whichever way the screen is left. */
static void
tui_free_state(struct tui *t, int i)
{
	void *p = t->screen_state[i];

	if (p != NULL) {
		OPENSSL_cleanse(p, malloc_usable_size(p));
		free(p);
		t->screen_state[i] = NULL;
	}
}

void
tui_pop(struct tui *t)
{
	if (t->depth > 1) {
		if (t->stack[t->depth - 1]->leave != NULL)
			t->stack[t->depth - 1]->leave(t);
		t->depth--;
		tui_free_state(t, t->depth);
	}
}

static const struct screen *
tui_top(struct tui *t)
{
	return t->locked ? &screen_login : t->stack[t->depth - 1];
}

static void
tui_draw_status(struct tui *t)
{
	char left[512], right[256];
	int remain;

	/* L10N: the mode on the status line: reached over SSH as the service
	 * account, or a vault of the user's own. */
	const char *mode = t->service ? _("[service]") : _("[single-user]");

	draw_line(0, ROLE_TITLE);
	if (t->s != NULL) {
		char *assoc = ops_association(t->s);

		snprintf(left, sizeof left, " mynadesk %s  %s", mode, assoc);
		free(assoc);
	} else
		snprintf(left, sizeof left, " mynadesk %s", mode);
	if (t->s == NULL || t->locked) {
		draw_text(0, 0, COLS, left, ROLE_TITLE);
		return;
	}
	remain = t->idle_seconds - (int)(time(NULL) - t->last_key);
	if (remain < 0)
		remain = 0;
	/* L10N: top right: user (role)  time until the idle lock. */
	snprintf(right, sizeof right, _("%s(%s)  lock in %d:%02d "), t->s->user,
	    account_role_label(t->s->role), remain / 60, remain % 60);
	/* Who is logged in and the countdown win; the vault's name is cut. */
	draw_text(0, 0, COLS - text_width(right) - 1, left, ROLE_TITLE);
	draw_text_right(0, COLS, right, ROLE_TITLE);
}

static void
tui_draw_crumbs(struct tui *t)
{
	char buf[512] = " ";
	int i;

	if (t->locked)
		return;
	for (i = 0; i < t->depth; i++) {
		size_t l = strlen(buf);

		snprintf(buf + l, sizeof buf - l, "%s%s", i ? " > " : "",
		    _(t->stack[i]->crumb));
	}
	draw_text(1, 0, COLS, buf, ROLE_NORMAL);
}

const struct screen_key *
screen_keys(struct tui *t, const struct screen *sc)
{
	return sc->keys_now != NULL ? sc->keys_now(t) : sc->keys;
}

const struct screen_key *
screen_key_find(struct tui *t, const struct screen *sc, wint_t ch, int is_fkey)
{
	const struct screen_key *k;

	for (k = screen_keys(t, sc); k != NULL && k->name != NULL; k++)
		if (!k->fkey == !is_fkey && ch >= k->lo && ch <= k->hi)
			return k;
	return NULL;
}

/* One key bar item: the key, its word, and room before the next. An item
 * that does not fit whole is left out (F1 lists every key), so no word is
 * ever cut in half at the edge. */
static int
tui_keybar_item(int x, const char *key, const char *label)
{
	if (x + text_width(key) + 1 + text_width(label) > COLS - 1)
		return COLS;
	x += draw_text(LINES - 1, x, COLS - x, key, ROLE_KEY);
	x += draw_text(LINES - 1, x, COLS - x, " ", ROLE_KEYBAR);
	x += draw_text(LINES - 1, x, COLS - x, label, ROLE_KEYBAR);
	x += draw_text(LINES - 1, x, COLS - x, "  ", ROLE_KEYBAR);
	return x;
}

static void
tui_draw_keybar(struct tui *t, const struct screen *sc)
{
	const struct screen_key *k;
	int x = 1;

	draw_line(LINES - 1, ROLE_KEYBAR);
	for (k = screen_keys(t, sc); k != NULL && k->name != NULL; k++)
		if (k->label != NULL)
			x = tui_keybar_item(x, _(k->name), _(k->label));
}

/* The message line above the key bar. A message too long for it (a
 * refusal that ends with what to do) takes more lines, over the bottom of
 * the screen, instead of losing its end; the cursor a screen placed in a
 * field stays where it was. */
static void
tui_draw_message(struct tui *t)
{
	int rows = wrap_rows(COLS - 2, t->message), max = (LINES - 4) / 2, y, x;
	int i;

	getyx(stdscr, y, x);
	if (rows > max)
		rows = max;
	for (i = 0; i < rows; i++)
		mvhline(LINES - 1 - rows + i, 0, ' ', COLS);
	draw_rule(LINES - 2 - rows);
	draw_wrapped(LINES - 1 - rows, 1, COLS - 2, rows, t->message,
	    t->message_role);
	move(y, x);
}

static void
tui_draw(struct tui *t)
{
	const struct screen *sc = tui_top(t);

	erase();
	if (LINES < 10 || COLS < 40) {
		/* Wrapped: in a narrow terminal the size it needs must show. */
		draw_wrapped(0, 0, COLS, LINES, _("terminal too small: widen it to "
		    "at least 40 columns and 10 lines"), ROLE_ERROR);
		refresh();
		return;
	}
	curs_set(0);
	tui_draw_status(t);
	tui_draw_crumbs(t);
	draw_rule(2);
	tui_draw_keybar(t, sc);
	sc->draw(t, 3, LINES - 6);
	if (t->quit_asked) {
		const char *lines[] = { _("Quit mynadesk? (y/n)") };

		tui_draw_message(t);
		tui_dialog(_("Quit"), lines, 1);
	} else if (t->help_open) {
		tui_draw_message(t);
		help_draw(t);
	} else {
		tui_draw_message(t);
	}
	refresh();
}

void
tui_dialog(const char *title, const char *const *lines, int n)
{
	int w = text_width(title) + 8, h = n + 4, i, y, x, shown;

	for (i = 0; i < n; i++)
		if (text_width(lines[i]) + 6 > w)
			w = text_width(lines[i]) + 6;
	if (w > COLS - 2)
		w = COLS - 2;
	if (h > LINES - 2)
		h = LINES - 2;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	draw_box(y, x, h, w);
	draw_text(y, x + 2, w - 4, title, ROLE_TITLE);
	/* Cut short, the box still ends with its last line (how to close),
	 * on a row of its own: drawn over a longer line, that line's tail
	 * would show after it. */
	shown = n > h - 4 ? h - 5 : n;
	for (i = 0; i < shown; i++)
		draw_text(y + 2 + i, x + 3, w - 6, lines[i], ROLE_NORMAL);
	if (n > h - 4 && h > 4)
		draw_text(y + h - 3, x + 3, w - 6, lines[n - 1], ROLE_NORMAL);
	curs_set(0);
}

/* The lock says the time it really waited: --idle-lock 10s is ten
 * seconds, not "1 minute". */
static void
tui_idle_message(struct tui *t)
{
	int sec = t->idle_seconds;
	char span[64];

	if (sec % 60 != 0)
		/* L10N: the idle time when it is not whole minutes. */
		snprintf(span, sizeof span, ngettext("%d second", "%d seconds",
		    (unsigned long)sec), sec);
	else
		snprintf(span, sizeof span, ngettext("%d minute", "%d minutes",
		    (unsigned long)(sec / 60)), sec / 60);
	/* L10N: %s is the idle time, e.g. "5 minutes". */
	tui_message(t, ROLE_WARN, _("locked after %s without a key: enter your "
	    "password to go on"), span);
}

static void
tui_idle_lock(struct tui *t)
{
	char *err = NULL;

	if (t->s == NULL || t->locked)
		return;
	t->locked = 1;
	t->help_open = 0;
	t->quit_asked = 0;
	/* Nothing typed or shown stays behind the lock: back to home. */
	while (t->depth > 1)
		tui_pop(t);
	(void)ops_idle_lock(t->s, &err);
	free(err);
	screen_login.enter(t);
	tui_idle_message(t);
}

/* Keys the frame handles for every screen: F1, F10/q on home, resize. */
static int
tui_frame_key(struct tui *t, wint_t ch, int is_fkey)
{
	if (t->quit_asked) {
		t->quit_asked = 0;
		return ch == 'y' || ch == 'Y' ? KEY_QUIT : KEY_HANDLED;
	}
	if (t->help_open) {
		t->help_open = 0;
		return KEY_HANDLED;
	}
	if (is_fkey && ch == KEY_F(1)) {
		t->help_open = 1;
		return KEY_HANDLED;
	}
	if (is_fkey && ch == KEY_F(10) && t->s != NULL && !t->locked) {
		t->quit_asked = 1;
		return KEY_HANDLED;
	}
	return KEY_IGNORED;
}

static int
tui_key(struct tui *t, wint_t ch, int is_fkey)
{
	const struct screen *sc = tui_top(t);
	const struct screen_key *k;
	int r;

	if (is_fkey && ch == KEY_RESIZE)
		return KEY_HANDLED;
	if ((r = tui_frame_key(t, ch, is_fkey)) != KEY_IGNORED)
		return r;
	r = KEY_IGNORED;
	if ((k = screen_key_find(t, sc, ch, is_fkey)) != NULL && k->action != NULL)
		r = k->action(t, ch);
	/* A table's action may decline (a letter meant for a field). */
	if (r == KEY_IGNORED && sc->key != NULL)
		r = sc->key(t, ch, is_fkey);
	/* What a screen leaves alone means the same everywhere: Esc, and q
	 * where no text field took it, go back one step; on home, q asks to
	 * quit and Esc (pressed once too often on the way back) does nothing. */
	if (r == KEY_IGNORED && !is_fkey && (ch == 0x1b || ch == 'q' ||
	    ch == 'Q'))
		r = t->locked || (ch == 0x1b && t->depth == 1) ? KEY_HANDLED :
		    KEY_BACK;
	if (r == KEY_BACK && !t->locked) {
		if (t->depth > 1)
			tui_pop(t);
		else if (t->s != NULL)
			t->quit_asked = 1;
		return KEY_HANDLED;
	}
	return r;
}

static void
tui_setup(void)
{
	initscr();
	tui_active = 1;
	raw();
	noecho();
	keypad(stdscr, TRUE);
	/* A lone Esc byte could begin a function key's sequence, so ncurses
	 * waits to see. A terminal sends a sequence in one write, and ssh and
	 * sshd pass it on in one packet, so its bytes are already there
	 * together: 10 ms is tmux's own default since 3.5 (it was 500), and
	 * keeps "back" by Esc under a frame. ncurses' ESCDELAY variable,
	 * when set, is the user's choice and wins. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(10);
	keys_define_extra();
	timeout(1000);
	draw_init_colours();
}

/* The top screen's figures follow the vault: reloaded when it changed,
 * which costs a PRAGMA when it did not (see screen.reload). */
static void
tui_refresh(struct tui *t)
{
	const struct screen *sc = tui_top(t);

	if (t->s != NULL && !t->locked && sc->reload != NULL)
		sc->reload(t);
}

static int
tui_loop(struct tui *t)
{
	for (;;) {
		wint_t ch;
		int rc, r, is_fkey;

		if (t->s != NULL && !t->locked &&
		    time(NULL) - t->last_key >= t->idle_seconds)
			tui_idle_lock(t);
		tui_refresh(t);
		tui_draw(t);
		keyclock_stop();
		/* While figures are counted, look for them often enough that
		 * they show as soon as they are in; otherwise once a second
		 * for the lock countdown. */
		timeout(tui_figures_counting(t) ? 40 : 1000);
		rc = get_wch(&ch);
		if (rc == ERR)
			continue;	/* a second passed: redraw the countdown */
		keyclock_start();
		t->last_key = time(NULL);
		is_fkey = rc == KEY_CODE_YES;
		keys_fold(&ch, &is_fkey);
		r = tui_key(t, ch, is_fkey);
		if (r == KEY_QUIT)
			return 0;
	}
}

int
tui_run(const char *dir, const struct demo_info *demo,
    const struct tui_options *opt)
{
	struct tui t;
	int rc, i;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("mynadesk: the console needs a terminal; use the "
		    "subcommands in scripts (see mynadesk --help)\n"));
		return 1;
	}
	if (access(dir, F_OK) != 0) {
		fprintf(stderr, _("mynadesk: no vault in %s: create one with "
		    "'mynadesk init' or try 'mynadesk demo'\n"), dir);
		return 1;
	}
	memset(&t, 0, sizeof t);
	t.dir = xstrdup(dir);
	t.demo = demo;
	/* The vault's setting applies at login; an option may only shorten it. */
	t.idle_seconds = opt && opt->idle_seconds > 0 ? opt->idle_seconds : INT_MAX;
	t.fixed_user = opt ? opt->fixed_user : NULL;
	t.service = opt ? opt->service : 0;
	t.last_key = time(NULL);
	/* Decided before the first glyph is drawn: a terminal that draws
	 * ambiguous-width glyphs two cells wide gets ASCII throughout. */
	ambi_set_ascii((opt != NULL && opt->ascii) || ambi_from_env());
	tui_signals();
	tui_setup();
	tui_push(&t, &screen_login);
	keyclock_open();
	rc = tui_loop(&t);
	keyclock_close();
	tui_restore();
	while (t.depth > 1)
		tui_pop(&t);
	/* A count borrows the session: stopped before it ends. */
	tui_figures_stop(&t);
	if (t.s != NULL)
		ops_logout(t.s);
	for (i = 0; i < TUI_STACK; i++)
		tui_free_state(&t, i);
	if (t.person_head != NULL) {
		OPENSSL_cleanse(t.person_head, malloc_usable_size(t.person_head));
		free(t.person_head);
	}
	free(t.dir);
	return rc;
}
