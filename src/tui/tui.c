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
#include "tui/screens.h"
#include "tui/tui.h"
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

void
tui_push(struct tui *t, const struct screen *sc)
{
	if (t->depth == TUI_STACK)
		return;
	t->stack[t->depth++] = sc;
	t->message[0] = '\0';
	if (sc->enter)
		sc->enter(t);
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

	draw_line(0, ROLE_TITLE);
	if (t->s != NULL)
		snprintf(left, sizeof left, " mynadesk  %s (%s)", t->s->vault_name,
		    t->s->v->insurer);
	else
		snprintf(left, sizeof left, " mynadesk");
	draw_text(0, 0, COLS, left, ROLE_TITLE);
	if (t->s == NULL || t->locked)
		return;
	remain = t->idle_seconds - (int)(time(NULL) - t->last_key);
	if (remain < 0)
		remain = 0;
	/* L10N: top right: user (role)  time until the idle lock. */
	snprintf(right, sizeof right, _("%s(%s)  lock in %d:%02d "), t->s->user,
	    account_role_label(t->s->role), remain / 60, remain % 60);
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

static void
tui_draw_keybar(const struct screen *sc)
{
	const char *p = _(sc->keybar);
	int x = 1;

	draw_line(LINES - 1, ROLE_KEYBAR);
	while (*p != '\0' && x < COLS) {
		const char *tab = strchr(p, '\t'), *nl;
		char key[32], label[128];

		if (tab == NULL)
			break;
		nl = strchr(tab, '\n');
		snprintf(key, sizeof key, "%.*s", (int)(tab - p), p);
		snprintf(label, sizeof label, "%.*s",
		    (int)(nl ? nl - tab - 1 : (long)strlen(tab + 1)), tab + 1);
		x += draw_text(LINES - 1, x, COLS - x, key, ROLE_KEY);
		x += draw_text(LINES - 1, x, COLS - x, " ", ROLE_KEYBAR);
		x += draw_text(LINES - 1, x, COLS - x, label, ROLE_KEYBAR);
		x += draw_text(LINES - 1, x, COLS - x, "  ", ROLE_KEYBAR);
		p = nl ? nl + 1 : tab + strlen(tab);
	}
}

static void
tui_draw(struct tui *t)
{
	const struct screen *sc = tui_top(t);

	erase();
	if (LINES < 10 || COLS < 40) {
		draw_text(0, 0, COLS, _("terminal too small"), ROLE_ERROR);
		refresh();
		return;
	}
	curs_set(0);
	tui_draw_status(t);
	tui_draw_crumbs(t);
	draw_rule(2);
	draw_rule(LINES - 3);
	draw_text(LINES - 2, 1, COLS - 2, t->message, t->message_role);
	tui_draw_keybar(sc);
	if (t->quit_asked) {
		const char *lines[] = { _("Quit mynadesk? (y/n)") };

		sc->draw(t, 3, LINES - 6);
		tui_dialog(_("Quit"), lines, 1);
	} else if (t->help_open) {
		sc->draw(t, 3, LINES - 6);
		help_draw(t);
	} else {
		sc->draw(t, 3, LINES - 6);
	}
	refresh();
}

void
tui_dialog(const char *title, const char *const *lines, int n)
{
	int w = text_width(title) + 8, h = n + 4, i, y, x;

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
	for (i = 0; i < n && i < h - 4; i++)
		draw_text(y + 2 + i, x + 3, w - 6, lines[i], ROLE_NORMAL);
	curs_set(0);
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
	tui_message(t, ROLE_WARN, _("locked after %d minutes without a key: "
	    "enter your password to go on"), (t->idle_seconds + 59) / 60);
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
	int r;

	if (is_fkey && ch == KEY_RESIZE)
		return KEY_HANDLED;
	if ((r = tui_frame_key(t, ch, is_fkey)) != KEY_IGNORED)
		return r;
	r = sc->key(t, ch, is_fkey);
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
	set_escdelay(50);
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
		int rc, r;

		if (t->s != NULL && !t->locked &&
		    time(NULL) - t->last_key >= t->idle_seconds)
			tui_idle_lock(t);
		tui_refresh(t);
		tui_draw(t);
		rc = get_wch(&ch);
		if (rc == ERR)
			continue;	/* a second passed: redraw the countdown */
		t->last_key = time(NULL);
		r = tui_key(t, ch, rc == KEY_CODE_YES);
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
	t.last_key = time(NULL);
	tui_signals();
	tui_setup();
	tui_push(&t, &screen_login);
	rc = tui_loop(&t);
	tui_restore();
	if (t.s != NULL)
		ops_logout(t.s);
	for (i = 0; i < TUI_STACK; i++)
		tui_free_state(&t, i);
	free(t.dir);
	return rc;
}
