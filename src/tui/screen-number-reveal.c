/* Person > reveal: a reason first (audited), then the one screen in the
 * console that draws a full number, in large groups of four. It closes
 * itself after 30 seconds or on any key, wiping the number. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/numbers.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define SHOWN_SECONDS 30

struct reveal_screen {
	struct field reason;
};

static struct reveal_screen *
reveal_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct reveal_screen));
	return *slot;
}

static void
reveal_draw(struct tui *t, int top, int rows)
{
	struct reveal_screen *r = reveal_state(t);
	char *label = text_pad(_("Reason"), 10);
	int x;

	(void)rows;
	ptext_person_line(t, top, 1);
	draw_text(top + 4, 2, COLS - 4, _("Showing the full number is recorded in "
	    "the audit log, with your reason."), ROLE_WARN);
	draw_text(top + 5, 2, COLS - 4, _("It stays on screen for 30 seconds."),
	    ROLE_NORMAL);
	x = 2 + draw_text(top + 7, 2, COLS - 4, label, ROLE_NORMAL);
	free(label);
	draw_text(top + 9, x, COLS - x - 2, _("Say why it is needed, in a few "
	    "words; Enter shows the number."), ROLE_NORMAL);
	field_draw(&r->reason, top + 7, x, COLS - x - 4 > 50 ? 50 : COLS - x - 4, 1);
	curs_set(1);
}

struct shown_screen {
	char num[13];
	time_t opened;
};

static struct shown_screen *
shown_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct shown_screen));
	return *slot;
}

static int
reveal_submit(struct tui *t, struct reveal_screen *r)
{
	char *reason = field_text(&r->reason), *err = NULL, num[13], key[128];
	struct shown_screen *sh;

	if (ops_number_reveal(t->s, tui_arg_key(t), reason, num, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
	} else {
		/* The reason screen gives way to the number's own screen, on
		 * the same person; r and its argument go here and are not used
		 * after. */
		ptext_copy(key, sizeof key, tui_arg_key(t));
		tui_pop(t);
		tui_push_arg(t, &screen_number_shown, key, 0);
		sh = shown_state(t);
		memcpy(sh->num, num, sizeof sh->num);
		sh->opened = time(NULL);
		tui_message(t, ROLE_WARN, "%s", _("shown with your reason in the audit "
		    "log; any key hides it"));
	}
	secret_wipe(num, sizeof num);
	free(err);
	secret_free_str(reason);
	return KEY_HANDLED;
}

static int
reveal_key_enter(struct tui *t, wint_t ch)
{
	(void)ch;
	return reveal_submit(t, reveal_state(t));
}

static int
reveal_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct reveal_screen *r = reveal_state(t);

	return field_key(&r->reason, ch, is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

static const struct screen_key reveal_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("show"), N_("shows the number, with the "
	    "reason typed"), reveal_key_enter },
	{ 0x1b, 0x1b, 0, "Esc", N_("back"), N_("goes back without showing "
	    "anything"), NULL },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

const struct screen screen_number_reveal = {
	/* L10N: breadcrumb: showing the full number (with a reason). */
	.crumb = N_("Reveal number"),
	.help = N_("The full number is shown only for a reason,\n"
	    "which goes to the audit log with your name.\n"
	    "Type the reason and press Enter: the number appears\n"
	    "on its own screen for 30 seconds; any key hides it.\n"
	    "Esc goes back without showing anything."),
	.enter = NULL,
	.draw = reveal_draw,
	.key = reveal_key,
	.keys = reveal_keys,
	.reload = ptext_person_reload,
};

/* Digits five rows high and four columns wide, '#' drawn as a block. */
static const char *const shown_font[10][5] = {
	{ " ## ", "#  #", "#  #", "#  #", " ## " },
	{ "  # ", " ## ", "  # ", "  # ", " ###" },
	{ " ## ", "#  #", "  # ", " #  ", "####" },
	{ "### ", "   #", " ## ", "   #", "### " },
	{ "#  #", "#  #", "####", "   #", "   #" },
	{ "####", "#   ", "### ", "   #", "### " },
	{ " ## ", "#   ", "### ", "#  #", " ## " },
	{ "####", "   #", "  # ", " #  ", " #  " },
	{ " ## ", "#  #", " ## ", "#  #", " ## " },
	{ " ## ", "#  #", " ###", "   #", " ## " },
};
#define SHOWN_WIDTH 63	/* 3 groups of 4 digits (4 wide, 1 apart), 3 apart */

static void
shown_big(const char *num, int y)
{
	int attr = draw_attr(ROLE_WARN) | (int)A_REVERSE;
	int x0 = (COLS - SHOWN_WIDTH) / 2, i, row, c;

	for (i = 0; i < 12; i++) {
		int x = x0 + (i / 4) * 22 + (i % 4) * 5;
		const char *const *g = shown_font[num[i] - '0'];

		for (row = 0; row < 5; row++)
			for (c = 0; c < 4; c++)
				if (g[row][c] == '#') {
					attron(attr);
					mvaddch(y + row, x + c, ' ');
					attroff(attr);
				}
	}
}

static void
shown_draw(struct tui *t, int top, int rows)
{
	struct shown_screen *sh = shown_state(t);
	int remain = SHOWN_SECONDS - (int)(time(NULL) - sh->opened), y = top + 3;
	char line[128];

	if (remain <= 0 || strlen(sh->num) != 12) {
		/* Time is up: wipe now, and send a key so the main loop takes
		 * the screen away as if the clerk had pressed one. */
		secret_wipe(sh->num, sizeof sh->num);
		draw_text(top, 2, COLS - 4, _("hiding the number..."), ROLE_NORMAL);
		ungetch(KEY_F(60));
		return;
	}
	ptext_person_line(t, top, 0);
	if (COLS >= SHOWN_WIDTH + 4 && rows >= 13) {
		shown_big(sh->num, y);
		y += 6;
	}
	snprintf(line, sizeof line, "%.4s %.4s %.4s", sh->num, sh->num + 4,
	    sh->num + 8);
	draw_text(y + 1, (COLS - 14) / 2, 14, line, ROLE_WARN);
	secret_wipe(line, sizeof line);
	/* L10N: %d is the number of seconds left. */
	snprintf(line, sizeof line, _("hidden again in %d s; any key hides it now"),
	    remain);
	draw_text(y + 3, (COLS - text_width(line)) / 2 > 2 ?
	    (COLS - text_width(line)) / 2 : 2, COLS - 4, line, ROLE_NORMAL);
}

/* Any key but F1 hides the number (F1 is the frame's: the help). */
static int
shown_key_any(struct tui *t, wint_t ch)
{
	struct shown_screen *sh = shown_state(t);

	(void)ch;
	secret_wipe(sh, sizeof *sh);
	tui_message(t, ROLE_OK, "%s", _("the number is hidden again"));
	return KEY_BACK;
}

static const struct screen_key shown_keys[] = {
	{ 1, 0x10ffff, 0, N_("any key"), N_("hide"), N_("hides the number now"),
	    shown_key_any },
	{ 0, KEY_MAX, 1, "F-keys", NULL, NULL, shown_key_any },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

const struct screen screen_number_shown = {
	/* L10N: breadcrumb: the screen that shows the full number. */
	.crumb = N_("Number shown"),
	.help = N_("The full individual number, shown for the reason\n"
	    "you gave (recorded in the audit log).\n"
	    "It hides itself after 30 seconds;\n"
	    "any key hides it now."),
	.enter = NULL,
	.draw = shown_draw,
	.key = NULL,
	.keys = shown_keys,
	.reload = ptext_person_reload,
};
