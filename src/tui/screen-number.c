/* Person > number entry (channel, received date, document, the number) and
 * Person > match (a number from a later application: match or no match).
 * A typed number lives only in a field, wiped on every way out. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/dates.h"
#include "domain/mynumber.h"
#include "ops/numbers.h"
#include "tui/form.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/xmalloc.h"

enum { E_CHANNEL, E_RECEIVED, E_DOC, E_NUMBER, E_COUNT };

/* Shows or masks again the digits being typed. */
#define NUMBER_SHOW_KEY KEY_F(3)

struct entry_screen {
	struct field f[E_COUNT];	/* f[E_CHANNEL] is not used */
	int channel, focus;
	int refused;		/* the collection limit's reason is on show */
};

static struct entry_screen *
entry_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct entry_screen));
	return *slot;
}

static void
entry_wipe(struct entry_screen *es)
{
	secret_wipe(es, sizeof *es);
}

/* The collection limit (番号法第20条), before anything more is asked: a
 * former insured who lost the qualification on or before the day
 * received, or one whose number was erased, is refused here with the
 * reason, and the cursor goes to the day received, where an earlier day
 * may be typed when the number came while the person was insured.
 * received NULL: today. Returns 0 when the entry may go on. */
static int
entry_limit(struct tui *t, struct entry_screen *es, const char *received)
{
	char *err = NULL;

	if (ops_number_may_collect(t->s, tui_arg_key(t), received, &err) == 0) {
		/* An earlier day passed: the reason no longer applies. */
		if (es->refused)
			t->message[0] = '\0';
		es->refused = 0;
		return 0;
	}
	tui_message(t, ROLE_ERROR, "%s", err);
	free(err);
	es->focus = E_RECEIVED;
	es->refused = 1;
	return -1;
}

/* Leaving the day received forward checks the limit on the day typed; a
 * day that is no date is left to the entry's own check. */
static int
entry_received_ok(struct tui *t, struct entry_screen *es)
{
	char *rec = field_text(&es->f[E_RECEIVED]);
	int ok = date_check(rec, NULL) < 0 || entry_limit(t, es, rec) == 0;

	secret_free_str(rec);
	return ok;
}

static void
entry_enter(struct tui *t)
{
	struct entry_screen *es = entry_state(t);
	char today[11];

	ptext_today(today);
	/* The typed number is masked as on the confirm screen: a clerk's
	 * screen is seen by whoever stands behind them. F3 shows it. */
	es->f[E_NUMBER].secret = 1;
	mbstowcs(es->f[E_RECEIVED].buf, today, FIELD_MAX);
	es->f[E_RECEIVED].len = es->f[E_RECEIVED].cur = (int)wcslen(
	    es->f[E_RECEIVED].buf);
	es->focus = E_CHANNEL;
	entry_limit(t, es, NULL);
}

static const char *const entry_labels[E_COUNT] = { N_("Channel"),
	/* L10N: the office's own number for the application form (受付番号),
	 * not to be read as the individual number. */
	N_("Received"), N_("Reception no."), N_("Number") };

static void
entry_draw(struct tui *t, int top, int rows)
{
	static const int widths[E_COUNT] = { 0, 12, 30, 20 };
	struct entry_screen *es = entry_state(t);
	int lw = form_label_width(entry_labels, E_COUNT), i, y, x = 2 + lw;
	char buf[256];

	(void)rows;
	ptext_person_line(t, top, 1);
	for (i = 0; i < E_COUNT; i++) {
		y = top + 4 + 2 * i;
		draw_text(y, 2, lw, _(entry_labels[i]), ROLE_NORMAL);
		if (i == E_CHANNEL) {
			snprintf(buf, sizeof buf, "< %s >",
			    _(ptext_channels[es->channel].label));
			draw_text(y, x, COLS - x - 1, buf, es->focus == i ?
			    ROLE_SELECTED : ROLE_NORMAL);
			draw_text(y, x + text_width(buf) + 2, COLS - x - text_width(buf) -
			    3, _("\xe2\x86\x90\xe2\x86\x92 choose"), ROLE_NORMAL);
			continue;
		}
		field_draw(&es->f[i], y, x, widths[i], 0);
		if (i == E_RECEIVED)
			snprintf(buf, sizeof buf, "%s", _("YYYY-MM-DD"));
		else if (i == E_DOC)
			snprintf(buf, sizeof buf, "%s", _("the office's number for "
			    "the application form"));
		else
			/* L10N: how many digits of the 12 have been typed. */
			snprintf(buf, sizeof buf, _("%d of 12 digits"),
			    ptext_digits(es->f[E_NUMBER].buf));
		draw_text(y, x + widths[i] + 2, COLS - x - widths[i] - 3, buf,
		    ROLE_NORMAL);
	}
	y = top + 4 + 2 * E_COUNT;
	draw_text(y, 2, COLS - 4, _("12 digits from the document; full-width "
	    "digits, spaces and hyphens are fine."), ROLE_NORMAL);
	draw_text(y + 1, 2, COLS - 4, _("Afterwards a second person confirms the "
	    "number by keying it again (c)."), ROLE_TWO_PERSON);
	if (es->focus != E_CHANNEL)
		field_draw(&es->f[es->focus], top + 4 + 2 * es->focus, x,
		    widths[es->focus], 1);
	curs_set(es->focus != E_CHANNEL);
}

/* Which field the error is about, so that field gets the cursor. ops
 * checks the channel, the date, the document, then the number; the same
 * domain checks, and the field ops names beside its message, tell which
 * of them failed. */
static int
entry_error_field(const char *received, const char *typed, const char *err,
    int current)
{
	char num[13];
	int bad;

	if (date_check(received, NULL) < 0)
		return E_RECEIVED;
	if (err_field_of(err) == ERR_FIELD_DOC)
		return E_DOC;
	if (err_field_of(err) == ERR_FIELD_RECEIVED)
		return E_RECEIVED;
	bad = mynumber_normalize(typed, num, NULL) < 0;
	secret_wipe(num, sizeof num);
	return bad ? E_NUMBER : current;
}

static int
entry_submit(struct tui *t, struct entry_screen *es)
{
	char *rec = field_text(&es->f[E_RECEIVED]), *doc = field_text(&es->f[E_DOC]);
	char *num = field_text(&es->f[E_NUMBER]), *err = NULL, key[96];
	struct number_entry e = { ptext_channels[es->channel].code, rec, doc };
	enum number_result res = NUMBER_OK;

	es->f[E_NUMBER].secret = 1;
	if (ops_number_enter(t->s, tui_arg_key(t), num, &e, &res, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		es->focus = entry_error_field(rec, num, err, es->focus);
	} else {
		ptext_copy(key, sizeof key, tui_arg_key(t));
		/* tui_pop frees es: it is wiped first and not used after. */
		entry_wipe(es);
		tui_pop(t);
		if (res == NUMBER_DUPLICATE)
			/* L10N: one line of at most 78 columns. */
			tui_message(t, ROLE_ERROR, "%s", _("this number is held by another "
			    "person: refused and flagged to the supervisor"));
		else
			/* L10N: %s is the person key. */
			tui_message(t, ROLE_OK, _("entered for %s: a second person must "
			    "confirm it (c)"), key);
	}
	free(err);
	secret_free_str(rec);
	secret_free_str(doc);
	secret_free_str(num);
	return KEY_HANDLED;
}

static int
entry_key_enter(struct tui *t, wint_t ch)
{
	struct entry_screen *es = entry_state(t);

	(void)ch;
	if (es->focus == E_RECEIVED && !entry_received_ok(t, es))
		return KEY_HANDLED;
	if (es->focus < E_NUMBER) {
		es->focus++;
		return KEY_HANDLED;
	}
	return entry_submit(t, es);
}

/* F3 says what it did: on an empty field nothing else would show. */
static void
number_show_said(struct tui *t, int masked)
{
	tui_message(t, ROLE_NORMAL, "%s", masked ? _("the digits are masked") :
	    _("the digits show as they are typed; F3 masks them again"));
}

static int
entry_key_show(struct tui *t, wint_t ch)
{
	struct entry_screen *es = entry_state(t);

	(void)ch;
	es->f[E_NUMBER].secret = !es->f[E_NUMBER].secret;
	number_show_said(t, es->f[E_NUMBER].secret);
	return KEY_HANDLED;
}

static int
entry_key_move(struct tui *t, wint_t ch)
{
	struct entry_screen *es = entry_state(t);
	int next = field_focus_step(es->focus, E_COUNT, ch);

	if (es->focus == E_RECEIVED && next > es->focus &&
	    !entry_received_ok(t, es))
		return KEY_HANDLED;
	es->focus = next;
	return KEY_HANDLED;
}

/* On the channel, the side arrows choose it; in a text field they move
 * the cursor (declined here, the field takes them). */
static int
entry_key_channel(struct tui *t, wint_t ch)
{
	struct entry_screen *es = entry_state(t);

	if (es->focus != E_CHANNEL)
		return KEY_IGNORED;
	es->channel = (es->channel + (ch == KEY_RIGHT ? 1 : ptext_nchannels - 1)) %
	    ptext_nchannels;
	return KEY_HANDLED;
}

static int
entry_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct entry_screen *es = entry_state(t);

	if (es->focus == E_CHANNEL)
		return KEY_IGNORED;
	return field_key(&es->f[es->focus], ch, is_fkey) ? KEY_HANDLED :
	    KEY_IGNORED;
}

#define NUMBER_SHOW_ROW(action) \
	{ NUMBER_SHOW_KEY, NUMBER_SHOW_KEY, 1, "F3", N_("show digits"), \
	    N_("shows the digits while typing; again masks them"), action }

static const struct screen_key entry_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("next / enter"), N_("moves on; on the "
	    "number, enters it"), entry_key_enter },
	FORM_KEYS_MOVE(entry_key_move),
	{ KEY_LEFT, KEY_LEFT, 1, "\xe2\x86\x90\xe2\x86\x92", N_("channel"),
	    N_("on the channel: chooses it"), entry_key_channel },
	{ KEY_RIGHT, KEY_RIGHT, 1, "\xe2\x86\x92", NULL, NULL, entry_key_channel },
	NUMBER_SHOW_ROW(entry_key_show),
	FORM_KEYS_END
};

const struct screen screen_number_enter = {
	/* L10N: breadcrumb: entering an individual number. */
	.crumb = N_("Enter number"),
	.help = N_("Enter the individual number from the document.\n"
	    "Channel: how the number reached the association\n"
	    "(left and right arrows choose).\n"
	    "Received: the day the document arrived (YYYY-MM-DD).\n"
	    "Reception no.: the office's number for the form.\n"
	    "Number: 12 digits; full-width digits, spaces and\n"
	    "hyphens are accepted. A check digit error means the\n"
	    "number was misread: read it again from the document.\n"
	    "A number held by another person is refused and\n"
	    "goes to the supervisor.\n"
	    "Enter moves on and, on the number, enters it.\n"
	    "The digits are masked as they are typed;\n"
	    "F3 shows them, F3 again masks them.\n"
	    "Esc cancels and forgets what was typed."),
	.enter = entry_enter,
	.draw = entry_draw,
	.key = entry_key,
	.keys = entry_keys,
	.reload = ptext_person_reload,
};

/* Matching: the answer only, never the stored number. */
struct match_screen {
	struct field num;
	int result;	/* -1 none yet, else enum number_result */
};

static struct match_screen *
match_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct match_screen *m = xcalloc(1, sizeof *m);

		m->result = -1;
		m->num.secret = 1;
		*slot = m;
	}
	return *slot;
}

static void
match_draw(struct tui *t, int top, int rows)
{
	struct match_screen *m = match_state(t);
	char buf[128], *label = text_pad(_("Number"), 10);
	int x;

	(void)rows;
	/* No state row: it would show the last four digits of the stored
	 * number, and this screen shows nothing of it. */
	ptext_person_line(t, top, 0);
	draw_text(top + 3, 2, COLS - 4, _("Key the number from the later "
	    "application. The answer is match or no match;"), ROLE_NORMAL);
	draw_text(top + 4, 2, COLS - 4, _("the stored number is never shown."),
	    ROLE_NORMAL);
	x = 2 + draw_text(top + 6, 2, COLS - 4, label, ROLE_NORMAL);
	free(label);
	snprintf(buf, sizeof buf, _("%d of 12 digits"), ptext_digits(m->num.buf));
	draw_text(top + 6, x + 22, COLS - x - 23, buf, ROLE_NORMAL);
	if (m->result == NUMBER_OK)
		draw_text(top + 8, 2, COLS - 4, _("Result: match"), ROLE_OK);
	else if (m->result >= 0)
		draw_text(top + 8, 2, COLS - 4, _("Result: no match"), ROLE_WARN);
	field_draw(&m->num, top + 6, x, 20, 1);
	curs_set(1);
}

static int
match_submit(struct tui *t, struct match_screen *m)
{
	char *num = field_text(&m->num), *err = NULL;
	enum number_result res = NUMBER_MISMATCH;

	if (ops_number_match(t->s, tui_arg_key(t), num, &res, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		m->result = -1;
	} else {
		m->result = (int)res;
		field_clear(&m->num);
		if (res == NUMBER_OK)
			tui_message(t, ROLE_OK, _("match: this is the confirmed number of "
			    "%s"), tui_arg_key(t));
		else
			tui_message(t, ROLE_WARN, _("no match: this is not the confirmed "
			    "number of %s; check the application"), tui_arg_key(t));
	}
	free(err);
	secret_free_str(num);
	return KEY_HANDLED;
}

static int
match_key_enter(struct tui *t, wint_t ch)
{
	struct match_screen *m = match_state(t);

	(void)ch;
	m->num.secret = 1;
	return match_submit(t, m);
}

static int
match_key_show(struct tui *t, wint_t ch)
{
	struct match_screen *m = match_state(t);

	(void)ch;
	m->num.secret = !m->num.secret;
	number_show_said(t, m->num.secret);
	return KEY_HANDLED;
}

static int
match_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct match_screen *m = match_state(t);

	if (field_key(&m->num, ch, is_fkey)) {
		m->result = -1;	/* a new number: the last answer no longer applies */
		return KEY_HANDLED;
	}
	return KEY_IGNORED;
}

static const struct screen_key match_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("check"), N_("checks the typed number"),
	    match_key_enter },
	NUMBER_SHOW_ROW(match_key_show),
	{ 0x1b, 0x1b, 0, "Esc", N_("back"), N_("goes back and forgets what was "
	    "typed"), NULL },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

const struct screen screen_number_match = {
	/* L10N: breadcrumb: matching a number from a later application. */
	.crumb = N_("Match number"),
	.help = N_("Check a number from a later application\n"
	    "against the confirmed one.\n"
	    "Type it (full-width digits, spaces, hyphens are fine)\n"
	    "and press Enter: the answer is match or no match.\n"
	    "The stored number is never shown; every check\n"
	    "is recorded in the audit log.\n"
	    "The digits are masked; F3 shows them while typing.\n"
	    "Esc goes back and forgets what was typed."),
	.enter = NULL,
	.draw = match_draw,
	.key = match_key,
	.keys = match_keys,
	.reload = ptext_person_reload,
};
