/* A person: identity items, household, number state, history of changes;
 * the keys that start number work (enter, confirm, match, reveal). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/idproof.h"
#include "ops/numbers.h"
#include "ops/persons.h"
#include "ops/precheck.h"
#include "tui/form.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define HH_MAX 16

struct hh_row {
	char key[96];
	char name[112];
	char birth[16];
	char relation[4];
	char state[16];
};

#define HIST_MAX 400

struct person_screen {
	char key[96];
	/* What draw shows, read on entering and when the vault changed
	 * (pscr_reload); draw runs every second and does not query. */
	unsigned long long stamp;	/* tui_vault_changed */
	struct person_view v;
	int loaded;
	char err[256];			/* the person could not be read */
	char idline[768];		/* the identity check, or its error */
	int id_complete;
	char hh_err[256];
	char hist[HIST_MAX][512];	/* the newest HIST_MAX changes */
	int hist_n;
	char hist_err[256];
	struct hh_row hh[HH_MAX];
	int hh_n, hh_more, hh_sel;	/* hh_sel -1: no household row chosen */
	int hist_back;			/* history rows scrolled back */
	int hist_total, hist_rows;	/* for the scroll keys */
};

static struct person_screen *
pscr_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct person_screen *ps = xcalloc(1, sizeof *ps);

		ps->hh_sel = -1;
		*slot = ps;
	}
	return *slot;
}

static void
pscr_enter(struct tui *t)
{
	struct person_screen *ps = pscr_state(t);

	ptext_copy(ps->key, sizeof ps->key, tui_arg_key(t));
}

/* One labelled item; returns the column after the value. */
static int
pscr_item(int y, int x, int lw, int cols, const char *label,
    const char *value, enum draw_role role)
{
	if (cols <= lw)
		return x;
	draw_text(y, x, lw, label, ROLE_NORMAL);
	return x + lw + draw_text(y, x + lw, cols - lw, value, role);
}

static void
pscr_draw_identity(const struct person_view *v, int y)
{
	static const char *const left[] = { N_("Name"), N_("Kana"),
	    N_("Birth date"), N_("Sex"), N_("Address") };
	static const char *const right[] = { N_("Key"), N_("Symbol/number"),
	    N_("Relation"), N_("Qualification") };
	const struct person *p = &v->p;
	int lw = form_label_width(left, 5), rw = form_label_width(right, 4);
	int rx = COLS >= 70 ? COLS / 2 + 2 : COLS, lcols = rx - 4;
	char buf[256], d1[64], d2[64];

	pscr_item(y, 2, lw, lcols, _("Name"), p->f[PF_NAME], ROLE_NORMAL);
	pscr_item(y + 1, 2, lw, lcols, _("Kana"), p->f[PF_KANA], ROLE_NORMAL);
	ptext_date(p->f[PF_BIRTH], 1, d1, sizeof d1);
	pscr_item(y + 2, 2, lw, lcols, _("Birth date"), d1, ROLE_NORMAL);
	pscr_item(y + 3, 2, lw, lcols, _("Sex"), ptext_sex(p->f[PF_SEX]),
	    ROLE_NORMAL);
	pscr_item(y + 4, 2, lw, COLS - 4, _("Address"), p->f[PF_ADDRESS],
	    ROLE_NORMAL);
	if (rx >= COLS)
		return;	/* narrow: the right column does not fit */
	pscr_item(y, rx, rw, COLS - rx - 1, _("Key"), p->f[PF_KEY], ROLE_NORMAL);
	ptext_insured_number(p, buf, sizeof buf);
	pscr_item(y + 1, rx, rw, COLS - rx - 1, _("Symbol, number"), buf,
	    ROLE_NORMAL);
	if (p->f[PF_RELATION][0] == '2')
		/* L10N: relation of a family member; %s is the member's key. */
		snprintf(buf, sizeof buf, _("family of %s"), p->f[PF_MEMBER]);
	else
		snprintf(buf, sizeof buf, "%s", ptext_relation(p->f[PF_RELATION]));
	pscr_item(y + 2, rx, rw, COLS - rx - 1, _("Relation"), buf, ROLE_NORMAL);
	ptext_date(p->f[PF_ACQUIRED], 0, d1, sizeof d1);
	ptext_date(p->f[PF_LOST], 0, d2, sizeof d2);
	if (p->f[PF_LOST][0] == '\0')
		/* L10N: qualification dates: since when the person is insured. */
		snprintf(buf, sizeof buf, _("since %s"), d1);
	else
		/* L10N: qualification dates: acquired, lost. */
		snprintf(buf, sizeof buf, _("%s to %s (lost)"), d1, d2);
	pscr_item(y + 3, rx, rw, COLS - rx - 1, _("Qualification"), buf,
	    p->f[PF_LOST][0] ? ROLE_WARN : ROLE_NORMAL);
}

/* The number state in words, the masked number once confirmed, and what
 * to do next. Never a digit more than the mask's last four. */
static void
pscr_draw_number(const struct person_view *v, int y)
{
	char *label = text_pad(_("Number"), 10);
	int x = 2 + draw_text(y, 2, COLS - 4, label, ROLE_TITLE);
	const char *hint = ptext_state_hint(v->number_state);

	free(label);
	x += 1;
	x += draw_text(y, x, COLS - 2 - x, ptext_state(v->number_state),
	    strcmp(v->number_state, "confirmed") == 0 ? ROLE_OK : ROLE_WARN);
	if (v->masked[0] != '\0') {
		x += draw_text(y, x, COLS - 2 - x, "   ", ROLE_NORMAL);
		draw_text(y, x, COLS - 2 - x, v->masked, ROLE_MASKED);
	}
	if (hint[0] != '\0')
		draw_text(y + 1, 13, COLS - 15, hint, ROLE_NORMAL);
}

/* The identity check in one line: complete, or what is still missing. */
static void
pscr_load_idproof(struct tui *t, struct person_screen *ps)
{
	struct idresult res;
	char *err = NULL;

	ps->id_complete = -1;
	if (ops_idproof_status(t->s, ps->key, &res, &err) < 0) {
		snprintf(ps->idline, sizeof ps->idline, "%s", err ? err : "?");
		free(err);
		return;
	}
	ps->id_complete = res.complete;
	if (res.complete)
		snprintf(ps->idline, sizeof ps->idline, "%s", _("complete"));
	else
		/* L10N: identity check state (未完了) and what is missing (不足);
		 * i is the key that records documents. */
		snprintf(ps->idline, sizeof ps->idline, _("incomplete: missing %s "
		    "(i)"), res.missing ? res.missing : "");
	idresult_clear(&res);
}

static void
pscr_draw_idproof(const struct person_screen *ps, int y)
{
	char *label = text_pad(_("ID check"), 10);
	int x = 2 + draw_text(y, 2, COLS - 4, label, ROLE_TITLE) + 1;

	free(label);
	draw_text(y, x, COLS - 2 - x, ps->idline, ps->id_complete < 0 ?
	    ROLE_ERROR : ps->id_complete ? ROLE_OK : ROLE_WARN);
}

static int
pscr_hh_add(int64_t id, const struct person *p, void *arg)
{
	struct person_screen *ps = arg;
	struct hh_row *r;

	(void)id;
	if (ps->hh_n == HH_MAX) {
		ps->hh_more = 1;
		return 1;
	}
	r = &ps->hh[ps->hh_n++];
	ptext_copy(r->key, sizeof r->key, p->f[PF_KEY]);
	ptext_copy(r->name, sizeof r->name, p->f[PF_NAME]);
	ptext_copy(r->relation, sizeof r->relation, p->f[PF_RELATION]);
	ptext_date(p->f[PF_BIRTH], 0, r->birth, sizeof r->birth);
	return 0;
}

static int
pscr_load_household(struct tui *t, struct person_screen *ps,
    const struct person_view *v, char **err)
{
	int i;

	ps->hh_n = ps->hh_more = 0;
	if (ops_person_household(t->s, v, pscr_hh_add, ps, err) < 0)
		return -1;
	/* After the walk, not inside it: one statement at a time. */
	for (i = 0; i < ps->hh_n; i++)
		if (ops_number_status(t->s, ps->hh[i].key, ps->hh[i].state, err) < 0)
			return -1;
	if (ps->hh_sel >= ps->hh_n)
		ps->hh_sel = ps->hh_n - 1;
	return 0;
}

static void
pscr_draw_household(struct person_screen *ps, int y, int nrows)
{
	char line[512], head[128];
	int first = 0, i;

	snprintf(head, sizeof head, _("Household (%d)"), ps->hh_n);
	draw_text(y++, 2, COLS - 4, head, ROLE_TITLE);
	if (ps->hh_sel >= nrows)
		first = ps->hh_sel - nrows + 1;
	for (i = first; i < ps->hh_n && i < first + nrows; i++, y++) {
		const struct hh_row *r = &ps->hh[i];
		int self = strcmp(r->key, ps->key) == 0;
		char *key = text_pad(r->key, 12), *rel = text_pad(
		    ptext_relation(r->relation), 8), *name = text_pad(r->name, 16);

		/* L10N: a household row: mark, key, relation, name, birth date,
		 * number state. */
		snprintf(line, sizeof line, _("%s %s %s %s %s  number: %s"),
		    self ? "*" : " ", key, rel, name, r->birth, ptext_state(r->state));
		if (i == ps->hh_sel)
			draw_line(y, ROLE_SELECTED);
		draw_text(y, 3, COLS - 5, line, i == ps->hh_sel ? ROLE_SELECTED :
		    ROLE_NORMAL);
		free(key);
		free(rel);
		free(name);
	}
}

struct hist_load {
	struct person_screen *ps;
	int index, from;
};

static int
pscr_hist_count(const struct history_row *h, void *arg)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

static int
pscr_hist_row(const struct history_row *h, void *arg)
{
	struct hist_load *d = arg;
	char old[256], new_value[256], when[16];
	const char *file;

	if (d->index++ < d->from || d->ps->hist_n >= HIST_MAX)
		return 0;
	ptext_value(h->field, h->old, old, sizeof old);
	ptext_value(h->field, h->new_value, new_value, sizeof new_value);
	file = strrchr(h->file, '/') ? strrchr(h->file, '/') + 1 : h->file;
	snprintf(when, sizeof when, "%.10s", h->imported);
	/* L10N: a history row: date of the import, the extract file it came
	 * from, item, old -> new value. */
	snprintf(d->ps->hist[d->ps->hist_n++], sizeof d->ps->hist[0],
	    _("%s %s  %s: %s \xe2\x86\x92 %s"), when, file, ptext_field(h->field),
	    old, new_value);
	return 0;
}

/* The newest HIST_MAX changes, oldest first. */
static void
pscr_load_history(struct tui *t, struct person_screen *ps)
{
	struct hist_load d = { ps, 0, 0 };
	char *err = NULL;

	ps->hist_n = ps->hist_total = 0;
	ps->hist_err[0] = '\0';
	if (ops_person_history(t->s, &ps->v, pscr_hist_count, &ps->hist_total,
	    &err) == 0) {
		d.from = ps->hist_total > HIST_MAX ? ps->hist_total - HIST_MAX : 0;
		if (ops_person_history(t->s, &ps->v, pscr_hist_row, &d, &err) == 0)
			return;
	}
	snprintf(ps->hist_err, sizeof ps->hist_err, "%s", err ? err : "?");
	free(err);
}

static void
pscr_draw_history(struct person_screen *ps, int y, int nrows)
{
	char head[128];
	int from, to, i;

	ps->hist_rows = nrows;
	if (ps->hist_err[0] != '\0') {
		draw_text(y, 2, COLS - 4, ps->hist_err, ROLE_ERROR);
		return;
	}
	if (ps->hist_back > ps->hist_n - nrows)
		ps->hist_back = ps->hist_n - nrows;
	if (ps->hist_back < 0)
		ps->hist_back = 0;
	/* The newest changes at the bottom; PgUp shows older ones. */
	to = ps->hist_n - ps->hist_back;
	from = to - nrows > 0 ? to - nrows : 0;
	if (ps->hist_total == 0)
		snprintf(head, sizeof head, "%s", _("History: no changes since the "
		    "first import"));
	else if (from > 0 || to < ps->hist_total)
		/* L10N: history header when not all rows fit: first, last, total. */
		snprintf(head, sizeof head, _("History (%d-%d of %d; PgUp/PgDn)"),
		    ps->hist_total - ps->hist_n + from + 1,
		    ps->hist_total - ps->hist_n + to, ps->hist_total);
	else
		snprintf(head, sizeof head, _("History (%d)"), ps->hist_total);
	draw_text(y, 2, COLS - 4, head, ROLE_TITLE);
	for (i = from; i < to; i++)
		draw_text(y + 1 + i - from, 3, COLS - 5, ps->hist[i], ROLE_NORMAL);
}

static void
pscr_leave(struct tui *t)
{
	struct person_screen *ps = pscr_state(t);

	if (ps->loaded)
		person_view_clear(&ps->v);
	ps->loaded = 0;
}

static void
pscr_reload(struct tui *t)
{
	struct person_screen *ps = pscr_state(t);
	char *err = NULL;

	if (!tui_vault_changed(t, &ps->stamp))
		return;
	pscr_leave(t);
	ps->err[0] = ps->hh_err[0] = '\0';
	if (ops_person_view(t->s, ps->key, &ps->v, &err) < 0) {
		snprintf(ps->err, sizeof ps->err, "%s", err ? err : "?");
		free(err);
		return;
	}
	ps->loaded = 1;
	pscr_load_idproof(t, ps);
	if (pscr_load_household(t, ps, &ps->v, &err) < 0) {
		snprintf(ps->hh_err, sizeof ps->hh_err, "%s", err ? err : "?");
		free(err);
	}
	pscr_load_history(t, ps);
}

static void
pscr_draw(struct tui *t, int top, int rows)
{
	struct person_screen *ps = pscr_state(t);
	int rem, hh_rows;

	if (!ps->loaded) {
		draw_text(top, 2, COLS - 4, ps->err, ROLE_ERROR);
		return;
	}
	pscr_draw_identity(&ps->v, top);
	pscr_draw_number(&ps->v, top + 6);
	pscr_draw_idproof(ps, top + 8);
	rem = rows - 9;
	if (ps->hh_err[0] != '\0') {
		draw_text(top + 9, 2, COLS - 4, ps->hh_err, ROLE_ERROR);
	} else if (rem >= 2) {
		/* The household gets what it needs up to half the room left;
		 * the history gets the rest. */
		hh_rows = ps->hh_n < rem / 2 ? ps->hh_n : rem / 2;
		if (hh_rows < 1)
			hh_rows = 1;
		pscr_draw_household(ps, top + 9, hh_rows);
		if (rem - hh_rows - 2 >= 1)
			pscr_draw_history(ps, top + 10 + hh_rows + 1,
			    rem - hh_rows - 3);
	}
}

/* The state decides which number steps make sense now; ops checks again. */
static int
pscr_number_step(struct tui *t, struct person_screen *ps, int what)
{
	const struct screen *next = NULL;
	char state[16], *err = NULL;

	if (ops_number_status(t->s, ps->key, state, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
		return KEY_HANDLED;
	}
	switch (what) {
	case 'e':
		if (strcmp(state, "confirmed") == 0)
			tui_message(t, ROLE_WARN, _("%s already has a confirmed number"),
			    ps->key);
		else
			next = &screen_number_enter;
		break;
	case 'c':
		if (strcmp(state, "entered") != 0)
			tui_message(t, ROLE_WARN, _("%s has no number waiting for "
			    "confirmation (state: %s)"), ps->key, ptext_state(state));
		else if (ops_number_confirm_precheck(t->s, ps->key, NULL, &err) < 0)
			/* Said before a second person logs in for nothing. */
			tui_message(t, ROLE_ERROR, "%s", err);
		else
			next = &screen_number_confirm;
		break;
	case 'm':
		if (strcmp(state, "confirmed") != 0)
			tui_message(t, ROLE_WARN, _("%s has no confirmed number to match "
			    "against"), ps->key);
		else
			next = &screen_number_match;
		break;
	default:
		if (strcmp(state, "confirmed") != 0 && strcmp(state, "entered") != 0)
			tui_message(t, ROLE_WARN, _("%s has no stored number"), ps->key);
		else
			next = &screen_number_reveal;
		break;
	}
	free(err);
	if (next != NULL)
		tui_push_arg(t, next, ps->key, 0);
	return KEY_HANDLED;
}

static int
pscr_open_member(struct tui *t, struct person_screen *ps)
{
	if (ps->hh_sel < 0 || ps->hh_sel >= ps->hh_n) {
		tui_message(t, ROLE_NORMAL, "%s", _("choose a household member "
		    "with the arrows first"));
		return KEY_HANDLED;
	}
	if (strcmp(ps->hh[ps->hh_sel].key, ps->key) == 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("this is the person shown"));
		return KEY_HANDLED;
	}
	if (t->depth + 2 > TUI_STACK) {
		tui_message(t, ROLE_ERROR, "%s", _("too many screens open: go back "
		    "with Esc first"));
		return KEY_HANDLED;
	}
	tui_push_arg(t, &screen_person, ps->hh[ps->hh_sel].key, 0);
	return KEY_HANDLED;
}

static int
pscr_key_number(struct tui *t, wint_t ch)
{
	return pscr_number_step(t, pscr_state(t), (int)ch);
}

static int
pscr_key_idproof(struct tui *t, wint_t ch)
{
	(void)ch;
	tui_push_arg(t, &screen_idproof, pscr_state(t)->key, 0);
	return KEY_HANDLED;
}

static int
pscr_key_enter(struct tui *t, wint_t ch)
{
	(void)ch;
	return pscr_open_member(t, pscr_state(t));
}

static int
pscr_key_member(struct tui *t, wint_t ch)
{
	struct person_screen *ps = pscr_state(t);

	if (tui_list_short(t, ps->hh_n))
		return KEY_HANDLED;

	if (ch == KEY_DOWN && ps->hh_sel < ps->hh_n - 1)
		ps->hh_sel++;
	else if (ch == KEY_UP && ps->hh_sel >= 0)
		ps->hh_sel--;	/* from the first member: none chosen again */
	return KEY_HANDLED;
}

static int
pscr_key_history(struct tui *t, wint_t ch)
{
	struct person_screen *ps = pscr_state(t);
	int step = ps->hist_rows > 1 ? ps->hist_rows - 1 : 1;

	if (ps->hist_n <= ps->hist_rows) {
		tui_message(t, ROLE_NORMAL, "%s", _("the whole history is shown"));
		return KEY_HANDLED;
	}
	ps->hist_back += ch == KEY_PPAGE ? step : -step;
	return KEY_HANDLED;
}

static const struct screen_key pscr_keys[] = {
	{ 'e', 'e', 0, "e", N_("enter number"), N_("enters the number from a "
	    "document"), pscr_key_number },
	{ 'c', 'c', 0, "c", N_("confirm"), N_("confirms it: a second person "
	    "keys it again"), pscr_key_number },
	{ 'm', 'm', 0, "m", N_("match"), N_("checks a number from a later "
	    "application"), pscr_key_number },
	{ 'r', 'r', 0, "r", N_("reveal"), N_("shows the full number, with a "
	    "reason (audited)"), pscr_key_number },
	{ 'i', 'i', 0, "i", N_("ID check"), N_("records the identity check "
	    "(documents seen)"), pscr_key_idproof },
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x91\xe2\x86\x93", NULL,
	    N_("chooses a household member (* this person)"), pscr_key_member },
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, NULL, pscr_key_member },
	{ '\n', '\n', 0, "Enter", NULL, N_("opens the chosen member"),
	    pscr_key_enter },
	{ KEY_PPAGE, KEY_PPAGE, 1, "PgUp", NULL, N_("scrolls the history back"),
	    pscr_key_history },
	{ KEY_NPAGE, KEY_NPAGE, 1, "PgDn", NULL, N_("scrolls the history on"),
	    pscr_key_history },
	KEYS_END
};

const struct screen screen_person = {
	.crumb = N_("Person"),
	.help = N_("An insured person as the last extract shows them,\n"
	    "the household, the state of the individual number\n"
	    "(masked: only the last four digits once confirmed),\n"
	    "and every change of the identity items and dates\n"
	    "with the extract it came from (PgUp/PgDn scroll).\n"
	    "e enters the number from a document.\n"
	    "c confirms it: a second person keys it again.\n"
	    "m checks a number from a later application.\n"
	    "r shows the full number, with a reason (audited).\n"
	    "i records the identity check (documents seen).\n"
	    "Up/Down choose a household member (* this person);\n"
	    "Enter opens them. Esc goes back."),
	.enter = pscr_enter,
	.draw = pscr_draw,
	.reload = pscr_reload,
	.leave = pscr_leave,
	.key = NULL,
	.keys = pscr_keys,
};
