/* Numbers > due for deletion: persons whose qualification was lost longer
 * ago than the retention period and whose number is confirmed. Erasing one
 * is a two-person step: the second person logs in on the same screen. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/numbers.h"
#include "ops/persons.h"
#include "tui/form.h"
#include "tui/list.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define DUE_MAX 500

enum { D_NAME, D_PW, D_COUNT };

struct due_row {
	char key[96];
	char name[112];
	char lost[64];		/* "2020-03-31 (令和2年)" */
};

struct due_screen {
	struct due_row row[DUE_MAX];
	int n, more;
	struct list_view v;
	int loaded;		/* the last reading of the list succeeded */
	int asking;		/* the second person logs in to erase target */
	struct due_row target;
	struct field f[D_COUNT];
	int focus;
};

static struct due_screen *
due_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct due_screen *d = xcalloc(1, sizeof *d);

		d->f[D_PW].secret = 1;
		*slot = d;
	}
	return *slot;
}

static int
due_add(const char *key, const char *lost, void *arg)
{
	struct due_screen *d = arg;
	struct due_row *r;

	if (d->n == DUE_MAX) {
		d->more = 1;
		return 1;
	}
	r = &d->row[d->n++];
	ptext_copy(r->key, sizeof r->key, key);
	ptext_date(lost, 1, r->lost, sizeof r->lost);
	r->name[0] = '\0';
	return 0;
}

/* Reads the list again; the names are looked up once the list is read, so
 * no lookup runs while the due query is still open. */
static void
due_load(struct tui *t, struct due_screen *d)
{
	char *err = NULL;
	int i;

	d->n = d->more = d->loaded = 0;
	if (ops_number_due(t->s, due_add, d, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
		d->n = d->more = 0;
		return;
	}
	d->loaded = 1;
	for (i = 0; i < d->n; i++) {
		struct person_view v;

		if (ops_person_view(t->s, d->row[i].key, &v, &err) == 0)
			ptext_copy(d->row[i].name, sizeof d->row[i].name,
			    v.p.f[PF_NAME]);
		person_view_clear(&v);
		free(err);
		err = NULL;
	}
}

/* What the list says on the message line after it was read. */
static void
due_list_message(struct tui *t, const struct due_screen *d)
{
	if (!d->loaded)
		return;
	if (d->n == 0)
		tui_message(t, ROLE_OK, "%s", _("no numbers are due for deletion"));
	else if (d->more)
		/* L10N: %d is how many are listed; more follow once these are
		 * erased. */
		tui_message(t, ROLE_WARN, _("only the first %d are shown: the rest "
		    "appear as these are erased"), DUE_MAX);
	else
		/* L10N: %d is the number of persons listed. */
		tui_message(t, ROLE_NORMAL, _("due for deletion: %d; choose with the "
		    "arrows, Enter to erase"), d->n);
}

static void
due_enter(struct tui *t)
{
	struct due_screen *d = due_state(t);

	due_load(t, d);
	due_list_message(t, d);
}

/* Back to the list, forgetting what the second person typed. */
static void
due_stop_asking(struct due_screen *d)
{
	field_clear(&d->f[D_NAME]);
	field_clear(&d->f[D_PW]);
	d->asking = 0;
	d->focus = D_NAME;
}

struct due_cols {
	int key, name, lost, wname;
};

static void
due_cols(struct due_cols *c)
{
	int extra = COLS > 80 ? (COLS - 80) / 2 : 0;

	c->wname = 26 + extra;
	c->key = 2;
	c->name = c->key + 13;
	c->lost = c->name + c->wname + 1;
}

static void
due_row_draw(int y, const struct due_cols *c, const char *key,
    const char *name, const char *lost, enum draw_role role)
{
	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	draw_text(y, c->key, 12, key, role);
	draw_text(y, c->name, c->wname, name, role);
	if (c->lost < COLS - 3)
		draw_text(y, c->lost, COLS - 3 - c->lost, lost, role);
}

static void
due_list_row(void *ctx, int i, int y, int selected)
{
	const struct due_screen *d = ctx;
	struct due_cols c;

	due_cols(&c);
	due_row_draw(y, &c, d->row[i].key, d->row[i].name, d->row[i].lost,
	    selected ? ROLE_SELECTED : ROLE_NORMAL);
}

static void
due_draw_list(struct tui *t, struct due_screen *d, int top, int rows)
{
	struct due_cols c;

	(void)t;
	draw_text(top, 2, COLS - 4, _("Qualification lost longer ago than the "
	    "retention period."), ROLE_NORMAL);
	draw_text(top + 1, 2, COLS - 4, _("Enter erases the chosen number; a "
	    "second person must log in."), ROLE_TWO_PERSON);
	if (!d->loaded)
		return;
	if (d->n == 0) {
		draw_text(top + 3, 2, COLS - 4, _("No numbers are due for deletion."),
		    ROLE_OK);
		return;
	}
	due_cols(&c);
	due_row_draw(top + 3, &c, _("key"), _("name"),
	    _("qualification lost"), ROLE_TITLE);
	list_show(&d->v, d->n, d->more, top + 4, rows - 4, top + 3,
	    due_list_row, d);
}

static const char *const due_labels[D_COUNT] = { N_("Second person"),
	N_("Their password") };

static void
due_draw_ask(struct tui *t, struct due_screen *d, int top)
{
	struct due_cols c;
	char buf[256];

	(void)t;
	/* L10N: %s is the person's key, e.g. P0001. */
	snprintf(buf, sizeof buf, _("Erase the individual number of %s:"),
	    d->target.key);
	draw_text(top, 2, COLS - 4, buf, ROLE_NORMAL);
	due_cols(&c);
	due_row_draw(top + 1, &c, _("key"), _("name"), _("qualification lost"),
	    ROLE_TITLE);
	due_row_draw(top + 2, &c, d->target.key, d->target.name, d->target.lost,
	    ROLE_NORMAL);
	draw_text(top + 4, 2, COLS - 4, _("This step needs a second person."),
	    ROLE_TWO_PERSON);
	draw_text(top + 5, 2, COLS - 4, _("They log in below; the number is then "
	    "erased for good."), ROLE_NORMAL);
	draw_text(top + 6, 2, COLS - 4, _("The audit log keeps a record of the "
	    "deletion, without the number."), ROLE_NORMAL);
	draw_text(top + 12, 2, COLS - 4, _("Enter on the password erases the "
	    "number; Esc goes back to the list."), ROLE_NORMAL);
	form_draw_fields(d->f, due_labels, D_COUNT, d->focus, top + 8, 2, 24);
}

static void
due_draw(struct tui *t, int top, int rows)
{
	struct due_screen *d = due_state(t);

	if (d->asking)
		due_draw_ask(t, d, top);
	else
		due_draw_list(t, d, top, rows);
}

static int
due_listed(const struct due_screen *d, const char *key)
{
	int i;

	for (i = 0; i < d->n; i++)
		if (strcmp(d->row[i].key, key) == 0)
			return 1;
	return 0;
}

static int
due_submit(struct tui *t, struct due_screen *d)
{
	char *err = NULL, key[96];
	struct witness *w;
	int focus = D_PW, rc = -1;

	ptext_copy(key, sizeof key, d->target.key);
	if ((w = form_witness(t, d->f, D_NAME, D_PW, &focus, &err)) != NULL)
		rc = ops_number_delete(t->s, key, w, &err);
	ops_witness_free(w);
	if (rc < 0) {
		/* Someone else may have erased it meanwhile, or the person's
		 * dates changed: if it left the list, go back to the list. */
		due_load(t, d);
		if (d->loaded && !due_listed(d, key))
			due_stop_asking(d);
		else
			d->focus = focus;
		tui_message(t, ROLE_ERROR, "%s", err);
	} else {
		due_stop_asking(d);
		due_load(t, d);
		/* L10N: %s is the person's key; the number itself is never
		 * shown. */
		tui_message(t, ROLE_OK, _("the number of %s was erased"), key);
	}
	free(err);
	return KEY_HANDLED;
}

static int
due_key_ask_esc(struct tui *t, wint_t ch)
{
	(void)ch;
	due_stop_asking(due_state(t));
	tui_message(t, ROLE_NORMAL, "%s", _("nothing was erased"));
	return KEY_HANDLED;
}

static int
due_key_ask_enter(struct tui *t, wint_t ch)
{
	struct due_screen *d = due_state(t);

	(void)ch;
	if (d->focus == D_NAME) {
		d->focus = D_PW;
		return KEY_HANDLED;
	}
	return due_submit(t, d);
}

static int
due_key_ask_move(struct tui *t, wint_t ch)
{
	struct due_screen *d = due_state(t);

	d->focus = field_focus_step(d->focus, D_COUNT, ch);
	return KEY_HANDLED;
}

static int
due_key_erase(struct tui *t, wint_t ch)
{
	struct due_screen *d = due_state(t);

	(void)ch;
	if (d->n == 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("no number is due for deletion"));
		return KEY_HANDLED;
	}
	d->target = d->row[d->v.sel];
	due_stop_asking(d);
	d->asking = 1;
	/* L10N: said before the two-person step starts. */
	tui_message(t, ROLE_TWO_PERSON, "%s", _("this needs a second person: "
	    "they log in below to erase the number"));
	return KEY_HANDLED;
}

static int
due_key_move(struct tui *t, wint_t ch)
{
	struct due_screen *d = due_state(t);

	return list_move(t, &d->v, d->n, (int)ch);
}

/* The second person's name and password take what the table leaves. */
static int
due_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct due_screen *d = due_state(t);

	if (!d->asking)
		return KEY_IGNORED;
	return field_key(&d->f[d->focus], ch, is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

static const struct screen_key due_list_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("erase"), N_("erases the chosen number "
	    "(a second person logs in)"), due_key_erase },
	LIST_KEYS_MOVE(N_("chooses a number (PgUp/PgDn: a page)"),
	    due_key_move),
	KEYS_END
};

static const struct screen_key due_ask_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("next / erase"), N_("moves to the "
	    "password; on it, erases the number"), due_key_ask_enter },
	FORM_KEYS_MOVE(due_key_ask_move),
	{ 0x1b, 0x1b, 0, "Esc", N_("cancel"), N_("back to the list; nothing is "
	    "erased"), due_key_ask_esc },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

static const struct screen_key *
due_keys_now(struct tui *t)
{
	return due_state(t)->asking ? due_ask_keys : due_list_keys;
}

const struct screen screen_number_due = {
	/* L10N: breadcrumb: numbers due for deletion. */
	.crumb = N_("Due for deletion"),
	.help = N_("Numbers due for deletion: the person's qualification\n"
	    "was lost longer ago than the retention period set for\n"
	    "the vault, and the number is confirmed. Oldest first.\n"
	    "Choose with the arrows; Enter erases the number.\n"
	    "Erasing needs a second person: they type their user\n"
	    "name and password here. The number is erased for\n"
	    "good; the audit log records who erased it and who\n"
	    "checked, without the number.\n"
	    "Esc goes back one step and forgets what was typed."),
	.enter = due_enter,
	.draw = due_draw,
	.key = due_key,
	.keys = due_list_keys,
	.keys_now = due_keys_now,
};
