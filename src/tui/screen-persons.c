/* Insured > search: a name, kana, symbol/number or birth date, Enter to
 * search, the arrows to choose, Enter again to open the person. The same
 * screen is the way into number work (home "Numbers"). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/persons.h"
#include "tui/list.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define PLIST_MAX 200

struct plist_hit {
	char key[96];
	char name[112];
	char kana[112];
	char birth[16];
	char symnum[96];
};

struct plist_list {
	struct field q;
	wchar_t searched[FIELD_MAX + 1];	/* what the last search was for */
	int done;			/* a search has run */
	struct plist_hit hit[PLIST_MAX];
	int n, more;
	struct list_view v;
	int rows;			/* list rows at the last draw */
};

static struct plist_list *
plist_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct plist_list));
	return *slot;
}

static int
plist_add(int64_t id, const struct person *p, void *arg)
{
	struct plist_list *l = arg;
	struct plist_hit *h;

	(void)id;
	if (l->n == PLIST_MAX) {
		l->more = 1;
		return 1;
	}
	h = &l->hit[l->n++];
	ptext_copy(h->key, sizeof h->key, p->f[PF_KEY]);
	ptext_copy(h->name, sizeof h->name, p->f[PF_NAME]);
	ptext_copy(h->kana, sizeof h->kana, p->f[PF_KANA]);
	ptext_date(p->f[PF_BIRTH], 0, h->birth, sizeof h->birth);
	snprintf(h->symnum, sizeof h->symnum, "%.40s/%.40s", p->f[PF_SYMBOL],
	    p->f[PF_NUMBER]);
	return 0;
}

static void
plist_search(struct tui *t, struct plist_list *l)
{
	char *text = field_text(&l->q), *err = NULL;

	l->n = l->more = 0;
	memset(&l->v, 0, sizeof l->v);
	wmemcpy(l->searched, l->q.buf, FIELD_MAX + 1);
	if (ops_person_search(t->s, text, PLIST_MAX + 1, plist_add, l,
	    &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		l->done = 0;
	} else {
		l->done = 1;
		if (l->n == 0)
			/* L10N: %s is what the clerk searched for. */
			tui_message(t, ROLE_WARN, _("nobody matches '%s': try fewer "
			    "letters, or the birth date"), text);
		else if (l->more)
			tui_message(t, ROLE_WARN, _("only the first %d are shown: type "
			    "more to narrow the search"), PLIST_MAX);
		else
			/* L10N: %d is the number of persons found. */
			tui_message(t, ROLE_OK, ngettext("found: %d; Enter opens the "
			    "person", "found: %d; choose with the arrows, Enter opens "
			    "the person", (unsigned long)l->n), l->n);
	}
	free(err);
	secret_free_str(text);
}

/* Column positions: the name and kana columns take the room a wide
 * terminal gives. */
struct plist_cols {
	int key, name, kana, birth, symnum, wname, wkana;
};

static void
plist_cols(struct plist_cols *c)
{
	int extra = COLS > 80 ? (COLS - 80) / 2 : 0;

	c->wname = 16 + extra;
	c->wkana = 20 + extra;
	c->key = 2;
	c->name = c->key + 13;
	c->kana = c->name + c->wname + 1;
	c->birth = c->kana + c->wkana + 1;
	c->symnum = c->birth + 12;
}

static void
plist_row(int y, const struct plist_cols *c, const char *key,
    const char *name, const char *kana, const char *birth, const char *symnum,
    enum draw_role role)
{
	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	draw_text(y, c->key, 12, key, role);
	draw_text(y, c->name, c->wname, name, role);
	draw_text(y, c->kana, c->wkana, kana, role);
	draw_text(y, c->birth, 11, birth, role);
	if (c->symnum < COLS - 1)
		draw_text(y, c->symnum, COLS - 1 - c->symnum, symnum, role);
}

static void
plist_draw(struct tui *t, int top, int rows)
{
	struct plist_list *l = plist_state(t);
	struct plist_cols c;
	int lx, y, i, list_rows;
	char *label = text_pad(_("Search"), 8), pos[48];

	lx = 2 + draw_text(top, 2, COLS - 4, label, ROLE_NORMAL);
	free(label);
	draw_text(top + 1, lx, COLS - lx - 1, _("first letters of kana or name, "
	    "symbol[/number], or birth YYYYMMDD"),
	    ROLE_NORMAL);
	plist_cols(&c);
	plist_row(top + 3, &c, _("key"), _("name"), _("kana"), _("birth"),
	    _("symbol/number"), ROLE_TITLE);
	list_rows = rows - 4;
	l->rows = list_rows > 0 ? list_rows : 1;
	list_clamp(&l->v, l->n, l->rows);
	list_position(&l->v, l->n, l->more, l->rows, pos, sizeof pos);
	draw_text_right(top, COLS - 1, pos, ROLE_NORMAL);
	y = top + 4;
	if (l->done && l->n == 0)
		draw_text(y, 2, COLS - 4, _("Nobody matches this search."), ROLE_WARN);
	for (i = l->v.scroll; i < l->n && y < top + rows; i++, y++) {
		const struct plist_hit *h = &l->hit[i];

		plist_row(y, &c, h->key, h->name, h->kana, h->birth, h->symnum,
		    i == l->v.sel ? ROLE_SELECTED : ROLE_NORMAL);
	}
	field_draw(&l->q, top, lx, COLS - lx - 2 > 40 ? 40 : COLS - lx - 2, 1);
	curs_set(1);
}

static int
plist_open(struct tui *t, struct plist_list *l)
{
	if (t->depth + 2 > TUI_STACK) {
		tui_message(t, ROLE_ERROR, "%s", _("too many screens open: go back "
		    "with Esc first"));
		return KEY_HANDLED;
	}
	ptext_copy(t->person_key, sizeof t->person_key, l->hit[l->v.sel].key);
	tui_push(t, &screen_person);
	return KEY_HANDLED;
}

static int
plist_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct plist_list *l = plist_state(t);

	if (ptext_is_enter(ch, is_fkey)) {
		if (!l->done || wcscmp(l->q.buf, l->searched) != 0 || l->n == 0) {
			plist_search(t, l);
			return KEY_HANDLED;
		}
		return plist_open(t, l);
	}
	/* Home and End stay with the search field's cursor. */
	if (is_fkey && (ch == KEY_DOWN || ch == KEY_UP || ch == KEY_NPAGE ||
	    ch == KEY_PPAGE) && list_key(&l->v, l->n, l->rows, (int)ch, 1))
		return KEY_HANDLED;
	return field_key(&l->q, ch, is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

#define PLIST_KEYBAR N_("Enter\tsearch / open\n\xe2\x86\x91\xe2\x86\x93\t" \
	"choose\nEsc\tback\nF1\thelp")

/* On the number search, d opens the numbers due for deletion and j the
 * J-LIS answers while the search field is empty; once something is typed,
 * they are just letters. */
static int
nlist_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct plist_list *l = plist_state(t);

	if (!is_fkey && l->q.len == 0 && (ptext_key(ch) == 'd' ||
	    ptext_key(ch) == 'j')) {
		if (t->depth + 1 > TUI_STACK) {
			tui_message(t, ROLE_ERROR, "%s", _("too many screens open: go "
			    "back with Esc first"));
			return KEY_HANDLED;
		}
		tui_push(t, ptext_key(ch) == 'd' ? &screen_number_due : &screen_jlis);
		return KEY_HANDLED;
	}
	return plist_key(t, ch, is_fkey);
}

const struct screen screen_persons = {
	.crumb = N_("Insured"),
	.help = N_("Find an insured person.\n"
	    "Type the first letters of the kana or the name,\n"
	    "a symbol or symbol/number (12/345),\n"
	    "or a birth date as YYYYMMDD, then Enter.\n"
	    "Choose with the arrows; Enter opens the person.\n"
	    "Kana is full-width: use a full-width space.\n"
	    "Esc goes back."),
	.keybar = PLIST_KEYBAR,
	.enter = NULL,
	.draw = plist_draw,
	.key = plist_key,
};

/* Number work starts from the person too: the same search, its own crumb. */
const struct screen screen_numbers = {
	.crumb = N_("Numbers"),
	.help = N_("Find the person whose individual number you handle:\n"
	    "kana or name, symbol/number, or birth date YYYYMMDD,\n"
	    "then Enter; choose with the arrows and Enter again.\n"
	    "On the person: e enters the number, c confirms it\n"
	    "(a second person), m matches a later application,\n"
	    "r shows the number (with a reason).\n"
	    "d, with the search field empty, lists the numbers\n"
	    "due for deletion (erasing needs a second person);\n"
	    "j shows the J-LIS answers held for a supervisor\n"
	    "and the inquiries still open.\n"
	    "Esc goes back."),
	.keybar = N_("Enter\tsearch / open\n\xe2\x86\x91\xe2\x86\x93\tchoose\n"
	    "d\tdue for deletion\nj\tJ-LIS\nEsc\tback\nF1\thelp"),
	.enter = NULL,
	.draw = plist_draw,
	.key = nlist_key,
};
