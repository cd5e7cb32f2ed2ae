/* Registration > J-LIS mismatches: persons the collation of their
 * registration with the resident registry blocked (May 2024), oldest
 * first, with what is to be done; below, the selected person's five items
 * beside the registry's, '*' where they differ. Opened from home with m.
 * Enter shows the person's registration history. n records "no error,
 * with a reason" (理由付き疑いなし) for a supervisor or an administrator,
 * with a second person who types their name and password on the same
 * form, as `mynadesk registration no-error` does; the list then says it
 * is pending until a result registers it. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "ops/collation.h"
#include "tui/compare.h"
#include "tui/form.h"
#include "tui/list.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "tui/wrap.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define MM_MAX 500

/* The collation's items are the ones the compare drawer labels. */
_Static_assert(COLL_NITEMS == COMPARE_NITEMS, "five identity items");

struct mm_row {
	char key[96], reported[16], step[160], reason[200];
	char item[2][COLL_NITEMS][256];	/* [0] the record, [1] the registry */
	char differs[COLL_NITEMS];
	int no_error;
};

/* The no-error form's fields. */
enum { MM_REASON, MM_NAME, MM_PW, MM_NFIELDS };

/* The frame frees the state with free(): nothing here owns memory, and the
 * form's fields are wiped whenever it closes. */
struct mm_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	int stale, n, more;
	struct list_view v;
	struct mm_row rows[MM_MAX];
	int asking, focus;
	char target[96];
	struct field f[MM_NFIELDS];
};

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
	draw_text(y, 27, COLS - 30, step, role);
}

/* The five items, record | registry, and a no-error decision's reason. */
static void
mm_draw_compare(const struct mm_row *r, int y, int rows)
{
	struct compare_rows c = { .reason = r->reason };
	char head[256];
	int i;

	for (i = 0; i < COMPARE_NITEMS; i++) {
		c.value[0][i] = r->item[0][i];
		c.value[1][i] = r->item[1][i];
		c.differs[i] = r->differs[i];
	}
	/* L10N: %s is the person's key. */
	snprintf(head, sizeof head, _("%s: record | resident registry  "
	    "(* differs)"), r->key);
	compare_draw(head, &c, y, rows);
}

/* In place of the list while no error is being recorded. */
static void mm_draw_form(struct mm_screen *m, int y);

static void
mm_list_draw_row(void *ctx, int i, int y, int selected)
{
	const struct mm_row *r = &((const struct mm_screen *)ctx)->rows[i];

	mm_list_row(y, r->key, r->reported, r->step, selected ? ROLE_SELECTED :
	    r->no_error ? ROLE_NORMAL : ROLE_WARN);
}

static void
mm_draw(struct tui *t, int top, int rows)
{
	struct mm_screen *m = mm_state(t);
	/* Below the list: the five items, a reason and the footer. */
	int y, list_rows = rows - 12;
	char head[128];

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
	if (m->asking) {
		mm_draw_form(m, top + 2);
		return;
	}
	/* L10N: column heads of the J-LIS mismatches. */
	mm_list_row(top + 2, _("key"), _("reported"), _("to do"), ROLE_TITLE);
	list_show(&m->v, m->n, m->more, top + 3, list_rows, top, mm_list_draw_row,
	    m);
	y = top + 4 + list_rows;
	mm_draw_compare(&m->rows[m->v.sel], y, top + rows - 1 - y);
	draw_text(top + rows - 1, 2, COLS - 4, _("n: no error, with a reason "
	    "(a supervisor and a second person)"), ROLE_TWO_PERSON);
}

static void
mm_stop_asking(struct mm_screen *m)
{
	int i;

	for (i = 0; i < MM_NFIELDS; i++)
		field_clear(&m->f[i]);
	m->asking = 0;
	m->focus = MM_REASON;
}

/* L10N: the no-error form's labels. */
static const char *const mm_labels[MM_NFIELDS] = { N_("Reason"),
	N_("Second person"), N_("Their password") };

/* The form in place of the list: what is decided, then the fields. */
static void
mm_draw_form(struct mm_screen *m, int y)
{
	char head[256];

	/* L10N: %s is the person's key. */
	snprintf(head, sizeof head, _("No error, with a reason, for %s: sent "
	    "with the flag in the next differential."), m->target);
	draw_text(y, 2, COLS - 4, head, ROLE_TWO_PERSON);
	draw_text(y + 6, 2, COLS - 4, _("Enter on the password records it (in "
	    "the audit log); Esc cancels."), ROLE_NORMAL);
	form_draw_fields(m->f, mm_labels, MM_NFIELDS, m->focus, y + 2, 1, 0);
}

static int
mm_submit(struct tui *t, struct mm_screen *m)
{
	char *reason = field_text(&m->f[MM_REASON]), *err = NULL;
	struct witness *w;
	int focus = MM_PW, rc = -1;

	if ((w = form_witness(t, m->f, MM_NAME, MM_PW, &focus, &err)) != NULL)
		rc = ops_reg_no_error(t->s, m->target, reason, w, &err);
	ops_witness_free(w);
	if (rc < 0) {
		m->focus = text_chars(reason) < 4 ? MM_REASON : focus;
		tui_message(t, ROLE_ERROR, "%s", err);
	} else {
		/* L10N: %s is the person's key. */
		tui_message(t, ROLE_OK, _("%s: no error, with a reason: the next "
		    "differential registers it"), m->target);
		mm_stop_asking(m);
		mm_load(t, m);
	}
	free(err);
	secret_free_str(reason);
	return KEY_HANDLED;
}

static int
mm_key_ask_esc(struct tui *t, wint_t ch)
{
	(void)ch;
	mm_stop_asking(mm_state(t));
	tui_message(t, ROLE_NORMAL, "%s", _("nothing was decided"));
	return KEY_HANDLED;
}

static int
mm_key_ask_enter(struct tui *t, wint_t ch)
{
	struct mm_screen *m = mm_state(t);

	(void)ch;
	if (m->focus == MM_PW)
		return mm_submit(t, m);
	m->focus++;
	return KEY_HANDLED;
}

static int
mm_key_ask_move(struct tui *t, wint_t ch)
{
	struct mm_screen *m = mm_state(t);

	m->focus = field_focus_step(m->focus, MM_NFIELDS, ch);
	return KEY_HANDLED;
}

/* Only a blocked person not yet decided, by a supervisor or an
 * administrator: ops refuses the others too, this says it first. */
static int
mm_start_asking(struct tui *t, struct mm_screen *m)
{
	const struct mm_row *r = &m->rows[m->v.sel];

	if (strcmp(t->s->role, "supervisor") != 0 &&
	    strcmp(t->s->role, "admin") != 0) {
		/* L10N: %s is the user's role. */
		tui_message(t, ROLE_ERROR, _("no error is for a supervisor or an "
		    "administrator; you are logged in as %s"),
		    account_role_label(t->s->role));
		return KEY_HANDLED;
	}
	if (r->no_error) {
		tui_message(t, ROLE_WARN, _("%s: no error is already recorded"),
		    r->key);
		return KEY_HANDLED;
	}
	mm_stop_asking(m);
	m->f[MM_PW].secret = 1;
	m->asking = 1;
	ptext_copy(m->target, sizeof m->target, r->key);
	/* L10N: said before the two-person step starts. */
	tui_message(t, ROLE_TWO_PERSON, "%s", _("type the reason; a second "
	    "person then logs in below"));
	return KEY_HANDLED;
}

static int
mm_key_no_error(struct tui *t, wint_t ch)
{
	struct mm_screen *m = mm_state(t);

	(void)ch;
	if (m->n == 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("nobody is blocked by the "
		    "collation"));
		return KEY_HANDLED;
	}
	return mm_start_asking(t, m);
}

static int
mm_key_move(struct tui *t, wint_t ch)
{
	struct mm_screen *m = mm_state(t);

	return list_move(t, &m->v, m->n, (int)ch);
}

static int
mm_key_history(struct tui *t, wint_t ch)
{
	struct mm_screen *m = mm_state(t);

	(void)ch;
	if (m->n == 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("nobody is blocked by the "
		    "collation"));
		return KEY_HANDLED;
	}
	m->stale = 1;
	tui_push_arg(t, &screen_reg_history, m->rows[m->v.sel].key, 0);
	return KEY_HANDLED;
}

/* The no-error form types its reason, name and password. */
static int
mm_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct mm_screen *m = mm_state(t);

	if (!m->asking)
		return KEY_IGNORED;
	return field_key(&m->f[m->focus], ch, is_fkey) ? KEY_HANDLED :
	    KEY_IGNORED;
}

static const struct screen_key mm_list_keys[] = {
	LIST_KEYS_MOVE(N_("chooses a person (PgUp/PgDn: a page)"), mm_key_move),
	{ 'n', 'n', 0, "n", N_("no error"), N_("records no error, with a reason "
	    "(supervisor; a second person)"), mm_key_no_error },
	{ 'N', 'N', 0, "N", NULL, NULL, mm_key_no_error },
	{ '\n', '\n', 0, "Enter", N_("history"), N_("shows the person's "
	    "registration history"), mm_key_history },
	KEYS_END
};

static const struct screen_key mm_ask_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("next / record"), N_("moves on; on the "
	    "password, records it"), mm_key_ask_enter },
	FORM_KEYS_MOVE(mm_key_ask_move),
	{ 0x1b, 0x1b, 0, "Esc", N_("cancel"), N_("cancels; nothing is decided"),
	    mm_key_ask_esc },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

static const struct screen_key *
mm_keys_now(struct tui *t)
{
	return mm_state(t)->asking ? mm_ask_keys : mm_list_keys;
}

/* Read when entered (stale), and again when the vault changed since:
 * draw only draws what was read. */
static void
mm_reload(struct tui *t)
{
	struct mm_screen *m = mm_state(t);

	if (tui_vault_changed(t, &m->stamp) || m->stale)
		mm_load(t, m);
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
	    "with a reason\" (理由付き疑いなし): n, for a supervisor\n"
	    "or an administrator, with the reason; a second\n"
	    "person then types their name and password.\n"
	    "The items are shown side by side, '*' marking\n"
	    "each one that differs. Enter shows the person's\n"
	    "registration history. Esc goes back."),
	.enter = mm_enter,
	.draw = mm_draw,
	.key = mm_key,
	.keys = mm_list_keys,
	.keys_now = mm_keys_now,
	.reload = mm_reload,
};
