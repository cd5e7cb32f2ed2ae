/* Registration > J-LIS mismatches: persons the collation of their
 * registration with the resident registry blocked (May 2024), oldest
 * first, with what is to be done; below, the selected person's five items
 * beside the registry's, '*' where they differ. Opened from home with m.
 * Enter shows the person's registration history. The decision "no error,
 * with a reason" needs a supervisor and a second person: it is taken with
 * `mynadesk registration no-error`, and the list says when it is pending. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/collation.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "tui/wrap.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define MM_MAX 500

struct mm_row {
	char key[96], reported[16], step[160], reason[200];
	char item[2][COLL_NITEMS][256];	/* [0] the record, [1] the registry */
	char differs[COLL_NITEMS];
	int no_error;
};

/* The frame frees the state with free(): nothing here owns memory. */
struct mm_screen {
	int stale, n, more, sel, scroll;
	struct mm_row rows[MM_MAX];
};

/* L10N: the five items of the J-LIS collation (氏名, カナ, 生年月日, 性別,
 * 住所). */
static const char *const mm_items[COLL_NITEMS] = { N_("name"), N_("kana"),
	N_("birth"), N_("sex"), N_("address") };

static struct mm_screen *
mm_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct mm_screen *m = xcalloc(1, sizeof *m);

		m->stale = 1;
		*slot = m;
	}
	return *slot;
}

/* Birth dates and sex in words, the rest as given. */
static void
mm_item_text(int i, const char *v, char *out, size_t len)
{
	if (*v == '\0')
		ptext_copy(out, len, "");
	else if (i == COLL_BIRTH)
		ptext_date(v, 0, out, len);
	else if (i == COLL_SEX)
		ptext_copy(out, len, ptext_sex(v));
	else
		ptext_copy(out, len, v);
}

static void
mm_step(const struct coll_list_row *r, char *out, size_t len)
{
	if (strcmp(r->state, "no-error") == 0)
		/* L10N: a no-error decision waits for the next differential. */
		ptext_copy(out, len, _("no error: sent in the next differential"));
	else if (r->dirty)
		/* L10N: the record was corrected since the mismatch. */
		ptext_copy(out, len, _("corrected: sent in the next differential"));
	else
		/* L10N: what the association does about a mismatch. */
		ptext_copy(out, len, _("correct the record, or no error with a "
		    "reason"));
}

static int
mm_add(const struct coll_list_row *r, void *arg)
{
	struct mm_screen *m = arg;
	struct mm_row *row;
	int i;

	if (m->n == MM_MAX) {
		m->more = 1;
		return 1;
	}
	row = &m->rows[m->n++];
	ptext_copy(row->key, sizeof row->key, r->key);
	snprintf(row->reported, sizeof row->reported, "%.10s", r->reported);
	mm_step(r, row->step, sizeof row->step);
	ptext_copy(row->reason, sizeof row->reason, r->reason);
	row->no_error = strcmp(r->state, "no-error") == 0;
	for (i = 0; i < COLL_NITEMS; i++) {
		row->differs[i] = r->items[i] == '1';
		mm_item_text(i, r->mine[i], row->item[0][i],
		    sizeof row->item[0][i]);
		/* L10N: the server did not give the registry's value. */
		mm_item_text(i, !row->differs[i] ? "" : r->theirs[i][0] ?
		    r->theirs[i] : _("(not given)"), row->item[1][i],
		    sizeof row->item[1][i]);
	}
	return 0;
}

static void
mm_load(struct tui *t, struct mm_screen *m)
{
	char *err = NULL;

	m->stale = 0;
	m->n = m->more = 0;
	if (ops_reg_mismatches(t->s, mm_add, m, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
	}
	if (m->sel >= m->n)
		m->sel = m->n > 0 ? m->n - 1 : 0;
}

static void
mm_enter(struct tui *t)
{
	mm_load(t, mm_state(t));
}

static void
mm_list_row(int y, const char *key, const char *when, const char *step,
    enum draw_role role)
{
	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	draw_text(y, 2, 12, key, role);
	draw_text(y, 15, 10, when, role);
	draw_text(y, 27, COLS - 28, step, role);
}

static int
mm_label_width(void)
{
	int i, w = 0;

	for (i = 0; i < COLL_NITEMS; i++)
		if (text_width(_(mm_items[i])) > w)
			w = text_width(_(mm_items[i]));
	return w;
}

/* The five items, record | registry; returns the rows used. */
static int
mm_draw_compare(const struct mm_row *r, int y, int rows)
{
	int lw = mm_label_width(), x0 = 5 + lw, cw = (COLS - x0 - 4) / 2;
	int i, used = 1;
	char head[256];

	/* L10N: %s is the person's key. */
	snprintf(head, sizeof head, _("%s: record | resident registry  "
	    "(* differs)"), r->key);
	draw_text(y, 2, COLS - 4, head, ROLE_TITLE);
	for (i = 0; i < COLL_NITEMS && used < rows; i++, used++) {
		enum draw_role role = r->differs[i] ? ROLE_WARN : ROLE_NORMAL;

		draw_text(y + used, 2, 1, r->differs[i] ? "*" : " ", role);
		draw_text(y + used, 4, lw, _(mm_items[i]), role);
		draw_wrapped(y + used, x0, cw, 1, r->item[0][i], role);
		draw_text(y + used, x0 + cw + 1, 1, "|", ROLE_NORMAL);
		draw_wrapped(y + used, x0 + cw + 3, cw, 1, r->item[1][i], role);
	}
	if (r->reason[0] != '\0' && used < rows) {
		char line[300];

		/* L10N: the reason of a no-error decision. */
		snprintf(line, sizeof line, _("reason: %s"), r->reason);
		draw_text(y + used++, 2, COLS - 4, line, ROLE_NORMAL);
	}
	return used;
}

static void
mm_draw(struct tui *t, int top, int rows)
{
	struct mm_screen *m = mm_state(t);
	/* Below the list: the five items, a reason and the footer. */
	int i, y, list_rows = rows - 12;
	char head[128];

	if (m->stale)
		mm_load(t, m);
	/* L10N: %d persons blocked; + when the list is cut short. */
	snprintf(head, sizeof head, _("Blocked by the J-LIS collation: %d%s"),
	    m->n, m->more ? "+" : "");
	draw_text(top, 2, COLS - 4, head, m->n > 0 ? ROLE_WARN : ROLE_OK);
	if (m->n == 0) {
		draw_text(top + 2, 2, COLS - 4, _("No person is blocked: every "
		    "registration matched the resident registry."), ROLE_OK);
		return;
	}
	if (list_rows < 2)
		list_rows = 2;
	/* L10N: column heads of the J-LIS mismatches. */
	mm_list_row(top + 2, _("key"), _("reported"), _("to do"), ROLE_TITLE);
	if (m->sel < m->scroll)
		m->scroll = m->sel;
	if (m->sel >= m->scroll + list_rows)
		m->scroll = m->sel - list_rows + 1;
	for (i = m->scroll, y = top + 3; i < m->n && y < top + 3 + list_rows;
	    i++, y++)
		mm_list_row(y, m->rows[i].key, m->rows[i].reported,
		    m->rows[i].step, i == m->sel ? ROLE_SELECTED :
		    m->rows[i].no_error ? ROLE_NORMAL : ROLE_WARN);
	y = top + 4 + list_rows;
	mm_draw_compare(&m->rows[m->sel], y, top + rows - 1 - y);
	draw_text(top + rows - 1, 2, COLS - 4, _("no error, with a reason: "
	    "mynadesk registration no-error (supervisor and a second person)"),
	    ROLE_TWO_PERSON);
}

static int
mm_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct mm_screen *m = mm_state(t);
	int page = LINES - 12 > 1 ? LINES - 12 : 1;

	if (!is_fkey && ch == 0x1b)
		return KEY_BACK;
	if (is_fkey && (ch == KEY_DOWN || ch == KEY_UP || ch == KEY_NPAGE ||
	    ch == KEY_PPAGE)) {
		m->sel += ch == KEY_DOWN ? 1 : ch == KEY_UP ? -1 :
		    ch == KEY_NPAGE ? page : -page;
		if (m->sel >= m->n)
			m->sel = m->n > 0 ? m->n - 1 : 0;
		if (m->sel < 0)
			m->sel = 0;
		return KEY_HANDLED;
	}
	if (ptext_is_enter(ch, is_fkey) && m->n > 0) {
		ptext_copy(t->person_key, sizeof t->person_key,
		    m->rows[m->sel].key);
		m->stale = 1;
		tui_push(t, &screen_reg_history);
		return KEY_HANDLED;
	}
	return KEY_IGNORED;
}

const struct screen screen_reg_mismatches = {
	/* L10N: breadcrumb: persons blocked by the J-LIS collation (本人確認
	 * 不一致). */
	.crumb = N_("J-LIS mismatches"),
	.help = N_("Since May 2024 the intermediate server compares\n"
	    "every registered person with the resident registry.\n"
	    "A person whose items differ is registered but\n"
	    "blocked until the association either corrects the\n"
	    "record in the existing system (the next\n"
	    "differential sends it) or registers \"no error,\n"
	    "with a reason\" (理由付き疑いなし): a supervisor with\n"
	    "a second person, mynadesk registration no-error.\n"
	    "The items are shown side by side, '*' marking\n"
	    "each one that differs. Enter shows the person's\n"
	    "registration history. Esc goes back."),
	.keybar = N_("\xe2\x86\x91\xe2\x86\x93\tchoose\nEnter\thistory\n"
	    "Esc\tback\nF1\thelp"),
	.enter = mm_enter,
	.draw = mm_draw,
	.key = mm_key,
};
