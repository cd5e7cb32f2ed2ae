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

/* A column cut at the right edge: in a narrow terminal a column that
 * would run past it must not wrap onto the next line. */
static void
plist_cell(int y, int x, int w, const char *s, enum draw_role role)
{
	if (x + w > COLS - 1)
		w = COLS - 1 - x;
	if (w > 0)
		draw_text(y, x, w, s, role);
}

static void
plist_row(int y, const struct plist_cols *c, const char *key,
    const char *name, const char *kana, const char *birth, const char *symnum,
    enum draw_role role)
{
	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	plist_cell(y, c->key, 12, key, role);
	plist_cell(y, c->name, c->wname, name, role);
	plist_cell(y, c->kana, c->wkana, kana, role);
	plist_cell(y, c->birth, 11, birth, role);
	plist_cell(y, c->symnum, COLS, symnum, role);
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
	draw_text(top + 1, lx, COLS - lx - 1, _("kana or name, symbol/number, or "
	    "birth date (S47.9.25 too)"),
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
	return tui_open_person(t, l->hit[l->v.sel].key);
}

static int
plist_key_enter(struct tui *t, wint_t ch)
{
	struct plist_list *l = plist_state(t);

	(void)ch;
	if (!l->done || wcscmp(l->q.buf, l->searched) != 0 || l->n == 0) {
		plist_search(t, l);
		return KEY_HANDLED;
	}
	return plist_open(t, l);
}

/* Home and End are not here: they stay with the search field's cursor. */
static int
plist_key_move(struct tui *t, wint_t ch)
{
	struct plist_list *l = plist_state(t);

	if (tui_list_short(t, l->n))
		return KEY_HANDLED;

	list_key(&l->v, l->n, l->rows, (int)ch, 1);
	return KEY_HANDLED;
}

/* Whatever the table does not take is typed into the search field. */
static int
plist_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct plist_list *l = plist_state(t);

	return field_key(&l->q, ch, is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

/* On the number search, d opens the numbers due for deletion and j the
 * J-LIS answers while the search field is empty; once something is typed,
 * they are just letters (KEY_IGNORED passes them to the field). */
static int
nlist_key_open(struct tui *t, wint_t ch)
{
	struct plist_list *l = plist_state(t);

	if (l->q.len != 0)
		return KEY_IGNORED;
	if (t->depth + 1 > TUI_STACK) {
		tui_message(t, ROLE_ERROR, "%s", _("too many screens open: go "
		    "back with Esc first"));
		return KEY_HANDLED;
	}
	tui_push(t, ch == 'd' ? &screen_number_due : &screen_jlis);
	return KEY_HANDLED;
}

#define PLIST_KEYS_COMMON \
	{ '\n', '\n', 0, "Enter", N_("search / open"), N_("searches; on a " \
	    "result, opens the chosen person"), plist_key_enter }, \
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x91\xe2\x86\x93", N_("choose"), \
	    N_("choose a person (PgUp/PgDn: a page)"), plist_key_move }, \
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, NULL, plist_key_move }, \
	{ KEY_NPAGE, KEY_NPAGE, 1, "PgDn", NULL, NULL, plist_key_move }, \
	{ KEY_PPAGE, KEY_PPAGE, 1, "PgUp", NULL, NULL, plist_key_move }

#define PLIST_KEYS_END \
	{ 0x1b, 0x1b, 0, "Esc", N_("back"), N_("goes back"), NULL }, \
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL }, \
	{ 0, 0, 0, NULL, NULL, NULL, NULL }

static const struct screen_key plist_keys[] = {
	PLIST_KEYS_COMMON,
	PLIST_KEYS_END
};

static const struct screen_key nlist_keys[] = {
	PLIST_KEYS_COMMON,
	{ 'd', 'd', 0, "d", N_("due for deletion"), N_("with the field empty: "
	    "numbers due for deletion"), nlist_key_open },
	{ 'j', 'j', 0, "j", N_("J-LIS"), N_("with the field empty: J-LIS answers "
	    "held and inquiries open"), nlist_key_open },
	PLIST_KEYS_END
};

/* L10N: the search help; the lines of keys follow it. */
#define PLIST_HELP_TYPES N_("Type the beginning of the kana (hiragana,\n" \
	"katakana or half-width, either space) or of the name,\n" \
	"a symbol or symbol/number (12/345), or a birth date\n" \
	"(1972-09-25, 19720925, S47.9.25, 昭和47年9月25日).")

const struct screen screen_persons = {
	.crumb = N_("Insured"),
	.help = PLIST_HELP_TYPES,
	.enter = NULL,
	.draw = plist_draw,
	.key = plist_key,
	.keys = plist_keys,
};

/* Number work starts from the person too: the same search, its own crumb. */
const struct screen screen_numbers = {
	.crumb = N_("Numbers"),
	.help = N_("Find the person whose individual number you handle.\n"
	    "Type the beginning of the kana or the name, a symbol\n"
	    "or symbol/number, or a birth date (S47.9.25 too).\n"
	    "On the person: e enters the number, c confirms it\n"
	    "(a second person), m matches a later application,\n"
	    "r shows the number (with a reason)."),
	.enter = NULL,
	.draw = plist_draw,
	.key = plist_key,
	.keys = nlist_keys,
};
