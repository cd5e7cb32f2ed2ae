/* Numbers > J-LIS (住基ネット): answers held because the five identity
 * items differ from the record (a possible wrong link), shown side by side
 * for a supervisor who accepts or rejects each with a reason; and, on the
 * second tab, the inquiries still open with their deadlines. A clerk sees
 * both but cannot decide. Opened with j from the number search. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "ops/jlis.h"
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

#define JL_HELD_MAX 200
#define JL_PEND_MAX 1000
#define JL_SPELL_MAX 500

struct jl_held {
	char key[96], reason[160], answered[32];
	char item[2][COMPARE_NITEMS][256];	/* [0] the record, [1] J-LIS */
};

/* A line of the "needs a spelling" tab: a reason a person is not sent,
 * or a spelling recorded for the next inquiry. */
struct jl_spell {
	char text[320];
	int recorded;
};

struct jl_pend {
	char key[96], state[16], file[40], sent[16], deadline[16];
	int attempt, overdue;
};

/* The frame frees the state with free(): nothing here owns memory. */
struct jl_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	int tab;		/* 0: held answers, 1: open inquiries,
				 * 2: needs a spelling */
	int stale;
	struct jl_held held[JL_HELD_MAX];
	int nheld, hmore;
	struct list_view hv;
	struct jl_pend pend[JL_PEND_MAX];
	int npend, pmore;
	struct list_view pv;
	struct jl_spell spell[JL_SPELL_MAX];
	int nspell, nwaiting;
	struct list_view sv;
	int deciding;		/* 0, or 'a' / 'r' while the reason is typed */
	char target[96];
	struct field reason;
};

static struct jl_screen *
jl_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct jl_screen *j = xcalloc(1, sizeof *j);

		j->stale = 1;
		*slot = j;
	}
	return *slot;
}

/* Birth dates and sex in words, the rest as stored. */
static void
jl_item_text(int i, const char *v, char *out, size_t len)
{
	if (i == 2)
		ptext_date(v, 0, out, len);
	else if (i == 3)
		ptext_copy(out, len, ptext_sex(v));
	else
		ptext_copy(out, len, v);
}

static int
jl_add_held(const struct jlis_held_row *h, void *arg)
{
	struct jl_screen *j = arg;
	struct jl_held *r;
	int i;

	if (j->nheld == JL_HELD_MAX) {
		j->hmore = 1;
		return 1;
	}
	r = &j->held[j->nheld++];
	ptext_copy(r->key, sizeof r->key, h->key);
	ops_jlis_reason_text(h->reason, r->reason, sizeof r->reason);
	ptext_copy(r->answered, sizeof r->answered, h->answered);
	for (i = 0; i < 5; i++) {
		jl_item_text(i, h->mine[i] ? h->mine[i] : "", r->item[0][i],
		    sizeof r->item[0][i]);
		jl_item_text(i, h->theirs[i] ? h->theirs[i] : "", r->item[1][i],
		    sizeof r->item[1][i]);
	}
	return 0;
}

static int
jl_add_pend(const struct jlis_pending_row *p, void *arg)
{
	struct jl_screen *j = arg;
	struct jl_pend *r;

	if (j->npend == JL_PEND_MAX) {
		j->pmore = 1;
		return 1;
	}
	r = &j->pend[j->npend++];
	ptext_copy(r->key, sizeof r->key, p->key);
	ptext_copy(r->state, sizeof r->state, p->state);
	ptext_copy(r->file, sizeof r->file, p->file);
	snprintf(r->sent, sizeof r->sent, "%.10s", p->sent ? p->sent : "");
	snprintf(r->deadline, sizeof r->deadline, "%.10s", p->deadline ?
	    p->deadline : "");
	r->attempt = p->attempt;
	r->overdue = p->overdue;
	return 0;
}

static void
jl_add_spell(struct jl_screen *j, const char *text, int recorded)
{
	if (j->nspell == JL_SPELL_MAX)
		return;
	ptext_copy(j->spell[j->nspell].text, sizeof j->spell[0].text, text);
	j->spell[j->nspell++].recorded = recorded;
}

static int
jl_add_name(const struct jlis_inquiry_name_row *r, void *arg)
{
	char line[320];

	/* L10N: a spelling recorded for the next J-LIS inquiry: key, name
	 * (and kana), reason. */
	snprintf(line, sizeof line, _("%s sent as %s%s%s (%s)"), r->key, r->name,
	    r->kana[0] ? " / " : "", r->kana, r->reason);
	jl_add_spell(arg, line, 1);
	return 0;
}

/* Who the next request leaves out, and the spellings already recorded. */
static int
jl_load_spell(struct tui *t, struct jl_screen *j, char **err)
{
	struct jlis_request_report rep;
	int i, rc;

	j->nspell = 0;
	rc = ops_jlis_unsendable(t->s, &rep, err);
	j->nwaiting = (int)rep.unsendable_persons;
	for (i = 0; rc == 0 && i < rep.unsendable.n; i++)
		jl_add_spell(j, rep.unsendable.msg[i], 0);
	jlis_request_report_clear(&rep);
	if (rc == 0)
		rc = ops_jlis_inquiry_names(t->s, jl_add_name, j, err);
	return rc;
}

static void
jl_load(struct tui *t, struct jl_screen *j)
{
	char *err = NULL;

	j->stale = 0;
	j->nheld = j->hmore = j->npend = j->pmore = 0;
	if (ops_jlis_held(t->s, jl_add_held, j, &err) < 0 ||
	    ops_jlis_pending(t->s, jl_add_pend, j, &err) < 0 ||
	    jl_load_spell(t, j, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
	}
	/* The chosen rows stay within the lists read (list_show keeps them
	 * in view when drawn). */
	list_clamp(&j->hv, j->nheld, j->hv.rows);
	list_clamp(&j->pv, j->npend, j->pv.rows);
	list_clamp(&j->sv, j->nspell, j->sv.rows);
}

static void
jl_enter(struct tui *t)
{
	struct jl_screen *j = jl_state(t);

	jl_load(t, j);
	if (j->nheld > 0)
		/* L10N: %d answers held for a supervisor's decision. */
		tui_message(t, ROLE_WARN, _("held for a decision: %d"), j->nheld);
}

static void
jl_draw_tabs(struct jl_screen *j, int y)
{
	char a[96], b[96];
	int x = 2;

	/* L10N: the two tabs of the J-LIS screen, with their counts. */
	snprintf(a, sizeof a, _(" Held answers %d%s "), j->nheld, j->hmore ? "+" :
	    "");
	snprintf(b, sizeof b, _(" Open inquiries %d%s "), j->npend, j->pmore ?
	    "+" : "");
	x += draw_text(y, x, COLS - x - 1, a, j->tab == 0 ? ROLE_SELECTED :
	    ROLE_NORMAL);
	x += 2;
	x += draw_text(y, x, COLS - x - 1, b, j->tab == 1 ? ROLE_SELECTED :
	    ROLE_NORMAL);
	x += 2;
	/* L10N: the third tab: persons an inquiry cannot send yet. */
	snprintf(a, sizeof a, _(" Needs a spelling %d "), j->nwaiting);
	if (x < COLS - 2)
		draw_text(y, x, COLS - x - 1, a, j->tab == 2 ? ROLE_SELECTED :
		    j->nwaiting > 0 ? ROLE_WARN : ROLE_NORMAL);
}

static void
jl_spell_row(void *ctx, int i, int y, int selected)
{
	const struct jl_spell *r = &((const struct jl_screen *)ctx)->spell[i];

	draw_text(y, 2, COLS - 4, r->text, selected ? ROLE_SELECTED :
	    r->recorded ? ROLE_OK : ROLE_NORMAL);
}

static void
jl_draw_spell(struct jl_screen *j, int top, int rows)
{
	if (j->nspell == 0) {
		draw_text(top, 2, COLS - 4, _("Every person asked about can be "
		    "sent."), ROLE_OK);
		return;
	}
	list_show(&j->sv, j->nspell, 0, top, rows, top - 1, jl_spell_row, j);
}

/* The five items, record | J-LIS answer. Returns the rows used. */
static int
jl_draw_compare(const struct jl_held *h, int y, int rows)
{
	struct compare_rows c = { .reason = NULL };
	char head[256];
	int i;

	for (i = 0; i < COMPARE_NITEMS; i++) {
		c.value[0][i] = h->item[0][i];
		c.value[1][i] = h->item[1][i];
		c.differs[i] = strcmp(h->item[0][i], h->item[1][i]) != 0;
	}
	/* L10N: %s is the person's key. */
	snprintf(head, sizeof head, _("%s: record | J-LIS answer  (* differs)"),
	    h->key);
	return compare_draw(head, &c, y, rows);
}

static void
jl_held_row(int y, const char *key, const char *when, const char *why,
    enum draw_role role)
{
	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	draw_text(y, 2, 12, key, role);
	draw_text(y, 15, 10, when, role);
	draw_text(y, 27, COLS - 28, why, role);
}

static void
jl_draw_decide(struct tui *t, struct jl_screen *j, int y)
{
	char buf[256];
	int lw = text_width(_("Reason")) + 2;

	(void)t;
	if (j->deciding == 'a')
		/* L10N: %s is the person's key. */
		snprintf(buf, sizeof buf, _("Accept the answer for %s: the number "
		    "becomes confirmed."), j->target);
	else
		snprintf(buf, sizeof buf, _("Reject the answer for %s: no number is "
		    "kept."), j->target);
	draw_text(y, 2, COLS - 4, buf, j->deciding == 'a' ? ROLE_OK : ROLE_WARN);
	draw_text(y + 2, 2, lw, _("Reason"), ROLE_NORMAL);
	draw_text(y + 3, 2 + lw, COLS - 4 - lw, _("Enter decides (recorded in "
	    "the audit log); Esc cancels."), ROLE_NORMAL);
}

static void
jl_held_draw_row(void *ctx, int i, int y, int selected)
{
	const struct jl_held *h = &((const struct jl_screen *)ctx)->held[i];
	char when[16];

	snprintf(when, sizeof when, "%.10s", h->answered);
	jl_held_row(y, h->key, when, h->reason, selected ? ROLE_SELECTED :
	    ROLE_NORMAL);
}

static void
jl_draw_held(struct tui *t, struct jl_screen *j, int top, int rows)
{
	int y, list_rows = rows - 12;

	if (j->nheld == 0) {
		draw_text(top, 2, COLS - 4, _("No J-LIS answer is held: nothing to "
		    "decide."), ROLE_OK);
		return;
	}
	if (list_rows < 2)
		list_rows = 2;
	if (j->deciding) {
		jl_draw_decide(t, j, top);
	} else {
		/* L10N: column heads of the held answers. */
		jl_held_row(top, _("key"), _("answered"), _("why held"), ROLE_TITLE);
		list_show(&j->hv, j->nheld, j->hmore, top + 1, list_rows, top,
		    jl_held_draw_row, j);
	}
	y = top + list_rows + 2;
	y += jl_draw_compare(&j->held[j->hv.sel], y, top + rows - 1 - y);
	if (!j->deciding)
		draw_text(top + rows - 1, 2, COLS - 4, _("a accept / r reject, with "
		    "a reason: for a supervisor or an administrator"), ROLE_TWO_PERSON);
}

static void
jl_pend_row(int y, const char *key, const char *state, const char *attempt,
    const char *file, const char *sent, const char *deadline,
    const char *mark, enum draw_role role)
{
	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	draw_text(y, 2, 11, key, role);
	draw_text(y, 14, 14, state, role);
	draw_text(y, 29, 3, attempt, role);
	draw_text(y, 33, 16, file, role);
	draw_text(y, 50, 10, sent, role);
	draw_text(y, 61, 10, deadline, role);
	if (COLS > 74)
		draw_text(y, 72, COLS - 73, mark, role == ROLE_SELECTED ? role :
		    ROLE_ERROR);
}

static const char *
jl_pend_state(const char *s)
{
	/* L10N: states of an open J-LIS inquiry. */
	if (strcmp(s, "sent") == 0)
		return _("no answer yet");
	if (strcmp(s, "not-found") == 0)
		return _("ask again");
	return s;
}

static void
jl_pend_draw_row(void *ctx, int i, int y, int selected)
{
	const struct jl_pend *p = &((const struct jl_screen *)ctx)->pend[i];
	char att[8];

	snprintf(att, sizeof att, "%d", p->attempt);
	/* L10N: an inquiry past its answer deadline. */
	jl_pend_row(y, p->key, jl_pend_state(p->state), att, p->file, p->sent,
	    p->deadline, p->overdue ? _("overdue") : "", selected ?
	    ROLE_SELECTED : ROLE_NORMAL);
}

static void
jl_draw_pending(struct jl_screen *j, int top, int rows)
{
	if (j->npend == 0) {
		draw_text(top, 2, COLS - 4, _("No inquiry is open."), ROLE_OK);
		return;
	}
	/* L10N: column heads of the open inquiries. */
	jl_pend_row(top, _("key"), _("state"), _("try"), _("file"), _("sent"),
	    _("deadline"), "", ROLE_TITLE);
	list_show(&j->pv, j->npend, j->pmore, top + 1, rows - 1, top,
	    jl_pend_draw_row, j);
}

static void
jl_draw(struct tui *t, int top, int rows)
{
	struct jl_screen *j = jl_state(t);

	jl_draw_tabs(j, top);
	if (j->tab == 0)
		jl_draw_held(t, j, top + 2, rows - 2);
	else if (j->tab == 1)
		jl_draw_pending(j, top + 2, rows - 2);
	else
		jl_draw_spell(j, top + 2, rows - 2);
	if (j->tab == 0 && j->deciding) {
		int lw = text_width(_("Reason")) + 2;

		field_draw(&j->reason, top + 4, 2 + lw, COLS - 4 - lw, 1);
		curs_set(1);
	}
}

static int
jl_may_decide(struct tui *t, int accept)
{
	if (strcmp(t->s->role, "supervisor") == 0 ||
	    strcmp(t->s->role, "admin") == 0)
		return 1;
	/* L10N: %s is the user's role. ops refuses too; this says it first. */
	tui_message(t, ROLE_ERROR, accept ? _("accepting is for a supervisor or "
	    "an administrator; you are logged in as %s") : _("rejecting is for a "
	    "supervisor or an administrator; you are logged in as %s"),
	    account_role_label(t->s->role));
	return 0;
}

static int
jl_submit(struct tui *t, struct jl_screen *j)
{
	char *reason = field_text(&j->reason), *err = NULL;
	int accept = j->deciding == 'a';

	if (text_chars(reason) < 4) {
		tui_message(t, ROLE_ERROR, "%s", _("give a reason of at least 4 "
		    "characters"));
	} else if (ops_jlis_decide(t->s, j->target, accept, reason, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
	} else {
		tui_message(t, ROLE_OK, accept ? _("accepted for %s: the number is "
		    "confirmed") : _("rejected for %s: no number was kept"),
		    j->target);
		j->deciding = 0;
		field_clear(&j->reason);
		jl_load(t, j);
	}
	free(err);
	secret_free_str(reason);
	return KEY_HANDLED;
}

static int
jl_key_decide_esc(struct tui *t, wint_t ch)
{
	struct jl_screen *j = jl_state(t);

	(void)ch;
	j->deciding = 0;
	field_clear(&j->reason);
	tui_message(t, ROLE_NORMAL, "%s", _("nothing was decided"));
	return KEY_HANDLED;
}

static int
jl_key_decide_enter(struct tui *t, wint_t ch)
{
	(void)ch;
	return jl_submit(t, jl_state(t));
}

static int
jl_key_tab(struct tui *t, wint_t ch)
{
	struct jl_screen *j = jl_state(t);

	j->tab = (j->tab + (ch == KEY_BTAB || ch == KEY_LEFT ? 2 : 1)) % 3;
	return KEY_HANDLED;
}

static int
jl_key_move(struct tui *t, wint_t ch)
{
	struct jl_screen *j = jl_state(t);

	return j->tab == 0 ? list_move(t, &j->hv, j->nheld, (int)ch) :
	    j->tab == 1 ? list_move(t, &j->pv, j->npend, (int)ch) :
	    list_move(t, &j->sv, j->nspell, (int)ch);
}

static int
jl_key_decide(struct tui *t, wint_t ch)
{
	struct jl_screen *j = jl_state(t);

	if (j->tab != 0 || j->nheld == 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("a and r decide a held answer: "
		    "choose one on the first tab"));
		return KEY_HANDLED;
	}
	if (!jl_may_decide(t, ch == 'a'))
		return KEY_HANDLED;
	j->deciding = (int)ch;
	ptext_copy(j->target, sizeof j->target, j->held[j->hv.sel].key);
	field_clear(&j->reason);
	tui_message(t, ROLE_NORMAL, "%s", _("type the reason: what was "
	    "checked, and against which record"));
	return KEY_HANDLED;
}

/* Only the reason is typed. */
static int
jl_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct jl_screen *j = jl_state(t);

	if (!j->deciding)
		return KEY_IGNORED;
	return field_key(&j->reason, ch, is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

static const struct screen_key jl_list_keys[] = {
	{ '\t', '\t', 0, "Tab", N_("held / open / spelling"), N_("shows the "
	    "next list (\xe2\x86\x90\xe2\x86\x92 and S-Tab too)"),
	    jl_key_tab },
	{ KEY_BTAB, KEY_BTAB, 1, "S-Tab", NULL, NULL, jl_key_tab },
	{ KEY_LEFT, KEY_LEFT, 1, "\xe2\x86\x90", NULL, NULL, jl_key_tab },
	{ KEY_RIGHT, KEY_RIGHT, 1, "\xe2\x86\x92", NULL, NULL, jl_key_tab },
	LIST_KEYS_MOVE(N_("chooses a row (PgUp/PgDn: a page)"), jl_key_move),
	{ 'a', 'a', 0, "a", N_("accept"), N_("accepts the held answer: the "
	    "number is confirmed (supervisor)"), jl_key_decide },
	{ 'r', 'r', 0, "r", N_("reject"), N_("rejects it: no number is kept "
	    "(supervisor)"), jl_key_decide },
	KEYS_END
};

static const struct screen_key jl_decide_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("decide"), N_("decides, with the reason "
	    "typed"), jl_key_decide_enter },
	{ 0x1b, 0x1b, 0, "Esc", N_("cancel"), N_("cancels; nothing is decided"),
	    jl_key_decide_esc },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

static const struct screen_key *
jl_keys_now(struct tui *t)
{
	return jl_state(t)->deciding ? jl_decide_keys : jl_list_keys;
}

/* Read when entered (stale), and again when the vault changed since:
 * draw only draws what was read. */
static void
jl_reload(struct tui *t)
{
	struct jl_screen *j = jl_state(t);

	if (tui_vault_changed(t, &j->stamp) || j->stale)
		jl_load(t, j);
}

const struct screen screen_jlis = {
	/* L10N: breadcrumb: J-LIS answers held and inquiries open (住基ネット). */
	.crumb = N_("J-LIS"),
	.help = N_("Answers from J-LIS (住基ネット) and open inquiries.\n"
	    "Held answers: J-LIS found a person whose five\n"
	    "items (name, kana, birth, sex, address) differ\n"
	    "from the record, so the number was not linked.\n"
	    "They are shown side by side, '*' marking each\n"
	    "item that differs. A supervisor or administrator\n"
	    "checks the resident record, then accepts (a: the\n"
	    "number is confirmed) or rejects (r: no number is\n"
	    "kept), typing the reason; both are audited.\n"
	    "A clerk sees the list but cannot decide.\n"
	    "Tab shows the open inquiries with their answer\n"
	    "deadline (set by an administrator), then the\n"
	    "persons an inquiry cannot send yet (外字,\n"
	    "sex code 3, ...) with each reason, and the usual\n"
	    "spellings recorded for them for the inquiry.\n"
	    "Esc goes back."),
	.enter = jl_enter,
	.draw = jl_draw,
	.key = jl_key,
	.keys = jl_list_keys,
	.keys_now = jl_keys_now,
	.reload = jl_reload,
};
