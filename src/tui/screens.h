/* The console's screens and the state they share. A screen is a table of
 * callbacks; only the main loop draws the frame and reads keys. */
#ifndef MYNA_SCREENS_H
#define MYNA_SCREENS_H

#include <time.h>
#include <wchar.h>

#include "ops/demo.h"
#include "ops/session.h"
#include "tui/draw.h"

#define FIELD_MAX 128

/* A one-line editor for wide text. */
struct field {
	wchar_t buf[FIELD_MAX + 1];
	int len, cur;
	int secret;		/* shown as '*' */
};

enum key_result {
	KEY_IGNORED = 0,	/* not for this screen; the loop may use it */
	KEY_HANDLED,		/* done, redraw */
	KEY_BACK,		/* leave this screen */
	KEY_QUIT		/* leave the console */
};

struct tui;

/* One row of a screen's key table: the key bar and the F1 help are made
 * from it, and the main loop calls its action (neomutt's menus and htop's
 * panels keep their keys the same way). Keys lo..hi, characters after
 * keys_fold, or curses KEY_ codes when fkey is set. */
struct screen_key {
	wint_t lo, hi;
	int fkey;
	const char *name;	/* as shown: "1-8", "Enter", "F1"; N_() where words */
	const char *label;	/* N_() key bar word; NULL: only in the help */
	const char *help;	/* N_() help line */
	/* NULL: the frame's own key (F1, F10, Esc, q). */
	int (*action)(struct tui *t, wint_t ch);
};

/* The rows that end every table: Esc (and q) back, F1 help; the frame
 * does both. */
#define KEYS_END \
	{ 0x1b, 0x1b, 0, "Esc", N_("back"), N_("goes back"), NULL }, \
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL }, \
	{ 0, 0, 0, NULL, NULL, NULL, NULL }

/* The same for a form: Esc cancels it, and what was typed is wiped with
 * the screen's state. */
#define FORM_KEYS_END \
	{ 0x1b, 0x1b, 0, "Esc", N_("cancel"), N_("cancels and forgets what " \
	    "was typed"), NULL }, \
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL }, \
	{ 0, 0, 0, NULL, NULL, NULL, NULL }

/* A form's rows for moving between its fields: Tab and the down arrow go
 * to the next, the up arrow and Shift-Tab to the one before (see
 * field_focus_step). */
#define FORM_KEYS_MOVE(action) \
	{ '\t', '\t', 0, "Tab", N_("next field"), N_("moves to the next field "\
	    "(\xe2\x86\x93 too; \xe2\x86\x91 and S-Tab go back)"), action }, \
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x93", NULL, NULL, action }, \
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, NULL, action }, \
	{ KEY_BTAB, KEY_BTAB, 1, "S-Tab", NULL, NULL, action }

struct screen {
	const char *crumb;	/* breadcrumb part, e.g. N_("Home") */
	const char *help;	/* F1 text */
	void (*enter)(struct tui *t);
	void (*draw)(struct tui *t, int top, int rows);
	int (*key)(struct tui *t, wint_t ch, int is_fkey);
	/* Before each draw (after a key, and once a second) while the screen
	 * is on top: reloads what it shows when the vault changed, so that
	 * draw never queries. NULL: nothing to reload. */
	void (*reload)(struct tui *t);
	/* The key table (ends with a NULL name): the key bar and the help's
	 * key list come from it. What no row takes goes to key (a text
	 * field), then to the frame (Esc and q go back). */
	const struct screen_key *keys;
	/* Before the screen's state is wiped and freed, for what it holds
	 * outside it (a view's arrays). NULL: nothing. */
	void (*leave)(struct tui *t);
	/* A screen with steps (a list, then a second person's login) gives
	 * the table of the step it is in; NULL: keys always. */
	const struct screen_key *(*keys_now)(struct tui *t);
};

/* The key table sc uses now. */
const struct screen_key *screen_keys(struct tui *t, const struct screen *sc);
/* The row of sc's key table for a key, or NULL. */
const struct screen_key *screen_key_find(struct tui *t, const struct screen *sc,
    wint_t ch, int is_fkey);

#define TUI_STACK 8

/* What a screen is opened on, given as it is pushed and kept with its
 * place on the stack: a screen reads its own, so the person a number
 * screen works on cannot change under it when another screen opens on
 * someone else. */
struct screen_arg {
	char key[128];		/* a person's key, a medium's label, a file name */
	long long id;		/* a registration file's id; 0: none */
};

struct tui {
	char *dir;
	const struct demo_info *demo;
	struct session *s;
	const struct screen *stack[TUI_STACK];
	int depth;
	char message[512];
	enum draw_role message_role;
	time_t last_key;
	int idle_seconds;
	const char *fixed_user;	/* service mode: only the password is asked */
	int service;
	int locked;		/* idle lock in force */
	int help_open;
	int quit_asked;
	void *screen_state[TUI_STACK];
	struct screen_arg arg[TUI_STACK];	/* each screen's, by its place */
	/* The login screen's fields; it also serves the idle lock. */
	struct field login_user, login_pw;
	int login_focus;
	int home_sel;
	/* The person summary line as last read (person-text.c), a cache
	 * the number screens share. */
	void *person_head;
	/* The figures of home and the registration area (figures.c). */
	struct tui_figures *figures;
};

struct figures;
/* For a screen's reload and draw: the figures for the vault as it stands,
 * or NULL while they are being counted (a count then runs, off the key
 * path) or when counting failed (*err then says why, else NULL). With
 * stale not NULL, while a count runs the last figures counted are given
 * instead, and *stale says they are from before the vault's latest
 * change: a screen that takes them must say so. */
const struct figures *tui_figures(struct tui *t, const char **err,
    int *stale);
/* 1 while a count runs: the main loop then looks for it more often. */
int tui_figures_counting(struct tui *t);
/* Before the session ends: stops a count and forgets the figures. */
void tui_figures_stop(struct tui *t);

/* For a screen's reload: 1 when the vault was written (by this console or
 * another) since *stamp was taken, or it never was; *stamp then follows.
 * One PRAGMA when nothing changed. */
int tui_vault_changed(struct tui *t, unsigned long long *stamp);

/* For a list's arrow keys: with fewer than two rows there is nothing to
 * move to; says so (a key that does nothing looks broken) and returns 1. */
int tui_list_short(struct tui *t, int n);
/* The same for moving between a form's n fields. */
int tui_form_single(struct tui *t, int n);

void tui_message(struct tui *t, enum draw_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Says text on the message line at once: the work that follows (a
 * password check, a long file) may take a while, and the screen is not
 * redrawn until it ends. */
void tui_status_now(struct tui *t, const char *text);
/* Opens sc on nothing in particular (a list, a form of its own). */
void tui_push(struct tui *t, const struct screen *sc);
/* Opens sc on key (cut to fit) and id: what it works on, read back with
 * tui_arg while it is on the stack. */
void tui_push_arg(struct tui *t, const struct screen *sc, const char *key,
    long long id);
/* What the screen on top was opened on ("" and 0 when nothing). */
const struct screen_arg *tui_arg(const struct tui *t);
/* Its key, the common case. */
const char *tui_arg_key(const struct tui *t);
/* Opens the person whose key is given (open-person.c); KEY_HANDLED. */
int tui_open_person(struct tui *t, const char *key);
void tui_pop(struct tui *t);
/* Draws a dialog box centred on screen with lines of text. */
void tui_dialog(const char *title, const char *const *lines, int n);

/* Line editor. */
void field_clear(struct field *f);
int field_key(struct field *f, wint_t ch, int is_fkey);
/* A second person's name (f[0]) and password (f[1]) on one form: Enter on
 * the name moves on, Tab and the arrows switch, other keys edit. Returns
 * FIELD_SUBMIT for Enter on the password, else a key_result. */
#define FIELD_SUBMIT 100
int field_login_key(struct field *f, int *focus, wint_t ch, int is_fkey);
/* The field a form moves to for Tab/Down (next) or Up/Shift-Tab (the one
 * before), round from the last to the first: n fields. */
int field_focus_step(int focus, int n, wint_t ch);
void field_draw(const struct field *f, int y, int x, int cols, int focus);
/* UTF-8 copy (secret fields: the caller wipes and frees with secret_free_str). */
char *field_text(const struct field *f);

extern const struct screen screen_login;
extern const struct screen screen_home;
extern const struct screen screen_audit;
extern const struct screen screen_users;
extern const struct screen screen_user_add;
extern const struct screen screen_persons;
extern const struct screen screen_numbers;
extern const struct screen screen_person;
extern const struct screen screen_number_enter;
extern const struct screen screen_number_confirm;
extern const struct screen screen_number_match;
extern const struct screen screen_number_reveal;
extern const struct screen screen_number_shown;
extern const struct screen screen_number_due;
extern const struct screen screen_number_overdue;
extern const struct screen screen_idproof;
extern const struct screen screen_idproof_open;
extern const struct screen screen_evidence;
extern const struct screen screen_media;
extern const struct screen screen_media_timeline;
extern const struct screen screen_media_ship;
extern const struct screen screen_media_receive;
extern const struct screen screen_media_dispose;
extern const struct screen screen_media_slip;
extern const struct screen screen_registration;
extern const struct screen screen_reg_refused;
extern const struct screen screen_reg_history;
extern const struct screen screen_jlis;
extern const struct screen screen_reg_mismatches;
extern const struct screen screen_supervisor;

/* Help overlay for the current screen. */
void help_draw(struct tui *t);

#endif
