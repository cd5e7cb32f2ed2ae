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

struct screen {
	const char *crumb;	/* breadcrumb part, e.g. N_("Home") */
	const char *help;	/* F1 text */
	const char *keybar;	/* key bar: pairs "KEY\tlabel" separated by '\n' */
	void (*enter)(struct tui *t);
	void (*draw)(struct tui *t, int top, int rows);
	int (*key)(struct tui *t, wint_t ch, int is_fkey);
	/* Before each draw (after a key, and once a second) while the screen
	 * is on top: reloads what it shows when the vault changed, so that
	 * draw never queries. NULL: nothing to reload. */
	void (*reload)(struct tui *t);
};

#define TUI_STACK 8

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
	int locked;		/* idle lock in force */
	int help_open;
	int quit_asked;
	void *screen_state[TUI_STACK];
	/* The login screen's fields; it also serves the idle lock. */
	struct field login_user, login_pw;
	int login_focus;
	int home_sel;
	/* The person the person and number screens work on (their key). */
	char person_key[96];
	/* The medium the timeline shows (its label). */
	char medium_id[16];
	/* The registration file whose refused rows are shown. */
	long long regfile_id;
	char regfile[128];
};

void tui_message(struct tui *t, enum draw_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void tui_push(struct tui *t, const struct screen *sc);
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

/* Help overlay for the current screen. */
void help_draw(struct tui *t);

#endif
