/* Person > identity check (本人確認): the channel, in person or by post, the
 * documents seen and the exemptions, recorded and decided by the rule table;
 * and Home > ID checks, the incomplete ones, oldest first. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ops/idproof.h"
#include "ops/persons.h"
#include "tui/form.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define IDS_DOCS 32
#define IDS_EXEMPTIONS 16

/* The rule table is copied into the screen's state: the frame frees state
 * with free() and has no leave callback, so nothing in it may own memory. */
struct ids_item {
	char id[48];
	char label[160];
};

enum { IDS_CHANNEL, IDS_MODE, IDS_LIST };	/* focus; IDS_LIST + i: item i */

struct ids_screen {
	struct ids_item doc[IDS_DOCS];
	unsigned char seen[IDS_DOCS], proxy[IDS_DOCS];
	int ndocs;
	struct ids_item ex[IDS_EXEMPTIONS];
	unsigned char waived[IDS_EXEMPTIONS];
	int nex;
	unsigned char needs_proxy[8];	/* by ptext_channels index */
	int channel, mode, focus, doc_scroll, ex_scroll;
	int loaded;			/* the rule table was read */
	/* The decision over everything recorded: -1 unknown (before_missing
	 * holds the error), 0 incomplete, 1 complete. */
	int before;
	char before_missing[512];
};

/* L10N: how the documents were seen (来所/郵送). */
static const char *const ids_modes[] = { N_("in person"), N_("by post") };
static const char *const ids_mode_codes[] = { "in-person", "post" };

static struct ids_screen *
ids_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct ids_screen *is = xcalloc(1, sizeof *is);

		is->before = -1;
		*slot = is;
	}
	return *slot;
}

static void
ids_load_rules(struct tui *t, struct ids_screen *is)
{
	struct idrules r;
	char *err = NULL;
	size_t i;
	int c;

	if (ops_idproof_rules(NULL, &r, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
		return;
	}
	for (i = 0; i < r.ndocs && i < IDS_DOCS; i++) {
		ptext_copy(is->doc[i].id, sizeof is->doc[i].id, r.docs[i].id);
		ptext_copy(is->doc[i].label, sizeof is->doc[i].label,
		    r.docs[i].label && r.docs[i].label[0] ? r.docs[i].label :
		    r.docs[i].id);
	}
	is->ndocs = (int)i;
	for (i = 0; i < r.nexemptions && i < IDS_EXEMPTIONS; i++) {
		ptext_copy(is->ex[i].id, sizeof is->ex[i].id, r.exemptions[i].id);
		ptext_copy(is->ex[i].label, sizeof is->ex[i].label,
		    r.exemptions[i].label && r.exemptions[i].label[0] ?
		    r.exemptions[i].label : r.exemptions[i].id);
	}
	is->nex = (int)i;
	for (c = 0; c < ptext_nchannels && c < 8; c++) {
		const struct idchannel *ch = idrules_channel(&r,
		    ptext_channels[c].code);

		is->needs_proxy[c] = ch != NULL && ch->needs_proxy;
	}
	if (r.ndocs > IDS_DOCS || r.nexemptions > IDS_EXEMPTIONS)
		tui_message(t, ROLE_WARN, "%s", _("the rule table has more entries "
		    "than this screen shows: use 'mynadesk idproof record'"));
	idrules_free(&r);
	is->loaded = 1;
}

static void
ids_load_status(struct tui *t, struct ids_screen *is)
{
	struct idresult res;
	char *err = NULL;

	if (ops_idproof_status(t->s, tui_arg_key(t), &res, &err) < 0) {
		is->before = -1;
		ptext_copy(is->before_missing, sizeof is->before_missing, err);
		free(err);
		return;
	}
	is->before = res.complete ? 1 : 0;
	ptext_copy(is->before_missing, sizeof is->before_missing,
	    res.missing ? res.missing : "");
	idresult_clear(&res);
}

static void
ids_enter(struct tui *t)
{
	struct ids_screen *is = ids_state(t);

	ids_load_rules(t, is);
	ids_load_status(t, is);
	is->focus = IDS_CHANNEL;
}

static int
ids_nitems(const struct ids_screen *is)
{
	return IDS_LIST + is->ndocs + is->nex;
}

static int
ids_proxy_shown(const struct ids_screen *is)
{
	return is->channel < 8 && is->needs_proxy[is->channel];
}

/* Draws s from (y, x) on at most maxrows lines of cols columns, breaking
 * after a space or a Japanese comma near the end of a line when there is
 * one. Returns the lines used. */
static int
ids_draw_wrapped(int y, int x, int cols, int maxrows, const char *s,
    enum draw_role role)
{
	wchar_t w[600], *p = w;
	size_t n = mbstowcs(w, s, sizeof w / sizeof w[0] - 1);
	int used = 0;

	if (n == (size_t)-1 || cols < 8) {
		draw_text(y, x, cols, s, role);
		return 1;
	}
	w[n] = L'\0';
	while (*p != L'\0' && used < maxrows) {
		int width = 0, cut, i;
		wchar_t keep;

		for (i = 0; p[i] != L'\0'; i++) {
			int cw = wcwidth(p[i]) > 0 ? wcwidth(p[i]) : 1;

			if (width + cw > cols)
				break;
			width += cw;
		}
		cut = i;
		if (p[i] != L'\0' && used < maxrows - 1) {
			for (cut = i; cut > i - 24 && cut > 0; cut--)
				if (p[cut - 1] == L' ' || p[cut - 1] == 0x3001 ||
				    p[cut - 1] == L',' || p[cut - 1] == L';')
					break;
			if (cut <= i - 24 || cut == 0)
				cut = i;
		}
		keep = p[cut];
		p[cut] = L'\0';
		draw_wtext(y + used++, x, cols, p, role);
		p[cut] = keep;
		p += cut;
		while (*p == L' ')
			p++;
	}
	return used > 0 ? used : 1;
}

static void
ids_draw_choice(int y, int lw, int x, const char *label, const char *value,
    int focus)
{
	char buf[256];

	draw_text(y, 2, lw, label, ROLE_NORMAL);
	snprintf(buf, sizeof buf, "< %s >", value);
	x += draw_text(y, x, COLS - x - 1, buf, focus ? ROLE_SELECTED :
	    ROLE_NORMAL);
	if (focus)
		draw_text(y, x + 2, COLS - x - 3, _("\xe2\x86\x90\xe2\x86\x92 "
		    "choose"), ROLE_NORMAL);
}

/* One checklist row: "> [x] [P] label"; the mark ">" and the colour show
 * where the cursor is. */
static void
ids_draw_row(int y, int x, int cols, int focus, int ticked, int proxy_col,
    int proxy, const char *label)
{
	char buf[256];
	enum draw_role role = focus ? ROLE_SELECTED : ROLE_NORMAL;

	if (proxy_col)
		snprintf(buf, sizeof buf, "%s [%s] [%s] %s", focus ? ">" : " ",
		    ticked ? "x" : " ", proxy ? "P" : " ", label);
	else
		snprintf(buf, sizeof buf, "%s [%s] %s", focus ? ">" : " ",
		    ticked ? "x" : " ", label);
	draw_text(y, x, cols, buf, role);
}

static void
ids_scroll(int *scroll, int sel, int n, int rows)
{
	if (sel >= 0 && sel < *scroll)
		*scroll = sel;
	if (sel >= 0 && rows > 0 && sel >= *scroll + rows)
		*scroll = sel - rows + 1;
	if (*scroll > n - rows)
		*scroll = n - rows;
	if (*scroll < 0)
		*scroll = 0;
}

static const char *const ids_labels[] = { N_("Channel"), N_("Mode"),
	N_("So far") };

/* The decision over everything recorded so far (before this visit, then
 * after each Enter): "So far  incomplete", what is missing below it. */
static void
ids_draw_decision(struct ids_screen *is, int y, int x, int cols, int rows)
{
	char line[768];
	int w;

	if (rows < 1)
		return;
	/* L10N: label: the decision over what was recorded (これまでの判定). */
	w = draw_text(y, x, cols, _("So far"), ROLE_TITLE) + 2;
	if (is->before < 0) {
		ids_draw_wrapped(y + 1, x, cols, rows - 1, is->before_missing,
		    ROLE_ERROR);
		return;
	}
	/* L10N: identity check states (完了/未完了). */
	draw_text(y, x + w, cols - w, is->before ? _("complete") :
	    _("incomplete"), is->before ? ROLE_OK : ROLE_WARN);
	if (is->before || rows < 2)
		return;
	/* L10N: what is still missing (不足); %s: words from the rule engine. */
	snprintf(line, sizeof line, _("missing: %s"), is->before_missing);
	ids_draw_wrapped(y + 1, x, cols, rows - 1, line, ROLE_WARN);
}

/* The documents on the left; the exemptions and the decision on the right.
 * On a narrow terminal the decision is above (see ids_draw) and the
 * exemptions under the documents. */
static void
ids_draw_lists(struct ids_screen *is, int y, int rows)
{
	int two = COLS >= 72, dx = 2, dcols, ex, ecols, drows, erows, ey, i, sel;
	int pc = ids_proxy_shown(is);

	dcols = two ? COLS / 2 - 3 : COLS - 4;
	ex = two ? COLS / 2 + 1 : 2;
	ecols = two ? COLS - ex - 2 : COLS - 4;
	if (two) {
		drows = rows - 1;
		erows = is->nex < rows - 4 ? is->nex : rows - 4;
		ey = y;
	} else {
		erows = is->nex < rows / 3 ? is->nex : rows / 3;
		if (erows < 1)
			erows = 1;
		drows = rows - erows - 2;
		ey = y + drows + 1;
	}
	/* L10N: checklist header for the employer as proxy: x marks the
	 * person's document, P the proxy's own (代理人). Keep it short. */
	draw_text(y, dx, dcols, pc ? _("Documents (x person, P proxy)") :
	    _("Documents seen"), ROLE_TITLE);
	/* L10N: checklist header: the grounds on which a document is not
	 * needed (免除事由). */
	draw_text(ey, ex, ecols, _("Exemption grounds"), ROLE_TITLE);
	sel = is->focus - IDS_LIST;
	ids_scroll(&is->doc_scroll, sel < is->ndocs ? sel : -1, is->ndocs, drows);
	for (i = is->doc_scroll; i < is->ndocs && i < is->doc_scroll + drows; i++)
		ids_draw_row(y + 1 + i - is->doc_scroll, dx, dcols, i == sel,
		    is->seen[i], pc, is->proxy[i], is->doc[i].label);
	if (is->doc_scroll > 0 || is->doc_scroll + drows < is->ndocs)
		/* L10N: the document list scrolls: more above or below. */
		draw_text(y, dx + dcols - 6, 6, _("more"), ROLE_WARN);
	sel -= is->ndocs;
	ids_scroll(&is->ex_scroll, sel, is->nex, erows);
	for (i = is->ex_scroll; i < is->nex && i < is->ex_scroll + erows; i++)
		ids_draw_row(ey + 1 + i - is->ex_scroll, ex, ecols, i == sel,
		    is->waived[i], 0, 0, is->ex[i].label);
	if (two)
		ids_draw_decision(is, ey + erows + 2, ex, ecols, y + rows -
		    (ey + erows + 2));
}

static void
ids_draw(struct tui *t, int top, int rows)
{
	struct ids_screen *is = ids_state(t);
	int lw = form_label_width(ids_labels,
	    (int)(sizeof ids_labels / sizeof ids_labels[0])), y;

	y = top + ptext_person_line(t, top, 0);
	if (COLS < 72) {
		ids_draw_decision(is, y, 2, COLS - 4, 3);
		y += 3;
	}
	ids_draw_choice(y, lw, 2 + lw, _("Channel"),
	    _(ptext_channels[is->channel].label), is->focus == IDS_CHANNEL);
	/* L10N: label: in person or by post. */
	ids_draw_choice(y + 1, lw, 2 + lw, _("Mode"), _(ids_modes[is->mode]),
	    is->focus == IDS_MODE);
	y += 3;
	if (!is->loaded) {
		draw_text(y, 2, COLS - 4, _("The rule table could not be read: "
		    "see the message below."), ROLE_ERROR);
		return;
	}
	ids_draw_lists(is, y, top + rows - y);
}

/* What is ticked, as the ids ops takes. The proxy's own documents count only
 * on a channel with a proxy. */
static size_t
ids_collect(const struct ids_screen *is, char docs[][56], const char **dp,
    const char **ep, size_t *nex)
{
	size_t nd = 0;
	int i;

	for (i = 0; i < is->ndocs; i++) {
		if (is->seen[i]) {
			snprintf(docs[nd], 56, "%s", is->doc[i].id);
			dp[nd] = docs[nd];
			nd++;
		}
		if (is->proxy[i] && ids_proxy_shown(is)) {
			snprintf(docs[nd], 56, "proxy:%s", is->doc[i].id);
			dp[nd] = docs[nd];
			nd++;
		}
	}
	*nex = 0;
	for (i = 0; i < is->nex; i++)
		if (is->waived[i])
			ep[(*nex)++] = is->ex[i].id;
	return nd;
}

static int
ids_submit(struct tui *t, struct ids_screen *is)
{
	char docs[2 * IDS_DOCS][56], *err = NULL;
	const char *dp[2 * IDS_DOCS], *ep[IDS_EXEMPTIONS];
	struct idproof_request rq;
	struct idresult res;

	if (!is->loaded) {
		tui_message(t, ROLE_ERROR, "%s", _("the rule table could not be "
		    "read: ask the administrator to check forms/idproof.rules"));
		return KEY_HANDLED;
	}
	memset(&rq, 0, sizeof rq);
	rq.channel = ptext_channels[is->channel].code;
	rq.mode = ids_mode_codes[is->mode];
	rq.docs = dp;
	rq.exemptions = ep;
	rq.ndocs = ids_collect(is, docs, dp, ep, &rq.nexemptions);
	if (rq.ndocs == 0 && rq.nexemptions == 0) {
		tui_message(t, ROLE_ERROR, "%s", _("tick at least one document or "
		    "exemption (Space), then press Enter"));
		is->focus = IDS_LIST;
		return KEY_HANDLED;
	}
	if (ops_idproof_record(t->s, tui_arg_key(t), &rq, &res, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
		return KEY_HANDLED;
	}
	is->before = res.complete ? 1 : 0;
	ptext_copy(is->before_missing, sizeof is->before_missing,
	    res.missing ? res.missing : "");
	idresult_clear(&res);
	/* Recorded items stay recorded: the ticks are cleared so a second
	 * Enter does not add them again. */
	memset(is->seen, 0, sizeof is->seen);
	memset(is->proxy, 0, sizeof is->proxy);
	memset(is->waived, 0, sizeof is->waived);
	if (is->before)
		/* L10N: %s is the person key. */
		tui_message(t, ROLE_OK, _("identity check recorded for %s: complete"),
		    tui_arg_key(t));
	else
		tui_message(t, ROLE_WARN, _("recorded for %s, still incomplete: add "
		    "what is missing"), tui_arg_key(t));
	return KEY_HANDLED;
}

static int
ids_toggle(struct tui *t, struct ids_screen *is, int proxy)
{
	int i = is->focus - IDS_LIST;

	if (i < 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("move down to the documents "
		    "to tick them"));
		return KEY_HANDLED;
	}
	if (proxy) {
		if (i >= is->ndocs) {
			tui_message(t, ROLE_WARN, "%s", _("p marks a document of the "
			    "proxy; exemptions are ticked with Space"));
		} else if (!ids_proxy_shown(is)) {
			tui_message(t, ROLE_WARN, "%s", _("p marks the proxy's own "
			    "document: only when the employer is the proxy"));
		} else {
			is->proxy[i] = !is->proxy[i];
		}
		return KEY_HANDLED;
	}
	if (i < is->ndocs)
		is->seen[i] = !is->seen[i];
	else
		is->waived[i - is->ndocs] = !is->waived[i - is->ndocs];
	return KEY_HANDLED;
}

static int
ids_key_enter(struct tui *t, wint_t ch)
{
	(void)ch;
	return ids_submit(t, ids_state(t));
}

static int
ids_key_move(struct tui *t, wint_t ch)
{
	struct ids_screen *is = ids_state(t);

	is->focus = field_focus_step(is->focus, ids_nitems(is), ch);
	return KEY_HANDLED;
}

/* Left and right choose the channel or the mode, and in the lists jump
 * between the documents and the exemptions. */
static int
ids_key_side(struct tui *t, wint_t ch)
{
	struct ids_screen *is = ids_state(t);
	int right = ch == KEY_RIGHT;

	if (is->focus == IDS_CHANNEL)
		is->channel = (is->channel + (right ? 1 : ptext_nchannels - 1)) %
		    ptext_nchannels;
	else if (is->focus == IDS_MODE)
		is->mode = !is->mode;
	else if (is->focus - IDS_LIST < is->ndocs && is->nex > 0)
		is->focus = IDS_LIST + is->ndocs;	/* to the exemptions */
	else
		is->focus = IDS_LIST;	/* back to the documents */
	return KEY_HANDLED;
}

static int
ids_key_tick(struct tui *t, wint_t ch)
{
	return ids_toggle(t, ids_state(t), ch == 'p');
}

/* Space comes folded from a full-width one too (keys_fold). */
static const struct screen_key ids_keys[] = {
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x91\xe2\x86\x93", N_("move"),
	    N_("moves through the fields and lists (Tab, S-Tab too)"),
	    ids_key_move },
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, NULL, ids_key_move },
	{ '\t', '\t', 0, "Tab", NULL, NULL, ids_key_move },
	{ KEY_BTAB, KEY_BTAB, 1, "S-Tab", NULL, NULL, ids_key_move },
	{ ' ', ' ', 0, "Space", N_("tick"), N_("ticks a document seen or an "
	    "exemption that applies"), ids_key_tick },
	{ 'p', 'p', 0, "p", N_("proxy's"), N_("marks a document as the proxy's "
	    "own"), ids_key_tick },
	{ KEY_RIGHT, KEY_RIGHT, 1, "\xe2\x86\x90\xe2\x86\x92", N_("choose"),
	    N_("chooses the channel or the mode; in the lists, goes between "
	    "documents and exemptions"), ids_key_side },
	{ KEY_LEFT, KEY_LEFT, 1, "\xe2\x86\x90", NULL, NULL, ids_key_side },
	{ '\n', '\n', 0, "Enter", N_("record"), N_("records what is ticked "
	    "and shows what is missing"), ids_key_enter },
	KEYS_END
};

const struct screen screen_idproof = {
	/* L10N: breadcrumb: the identity check of one person (本人確認). */
	.crumb = N_("ID check"),
	.help = N_("Record the identity check: what was seen to prove\n"
	    "the number and who the person is.\n"
	    "Channel: how the number reached the association;\n"
	    "Mode: in person, or copies by post (left/right).\n"
	    "Up/Down move through the lists; Space ticks a\n"
	    "document seen or an exemption that applies.\n"
	    "For the employer as the person's proxy, p marks\n"
	    "a document as the proxy's own (its identity),\n"
	    "with the letter of attorney ticked with Space.\n"
	    "Enter records what is ticked, adds it to what was\n"
	    "recorded before and shows complete or incomplete\n"
	    "with what is missing. Esc goes back."),
	.enter = ids_enter,
	.draw = ids_draw,
	.key = NULL,
	.keys = ids_keys,
	.reload = ptext_person_reload,
};

/* Home > ID checks: incomplete checks, oldest first. */
#define IDL_MAX 200

struct idl_row {
	char key[96];
	char name[112];
	char channel[24];
	char since[16];
	char missing[256];
};

struct idl_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	struct idl_row row[IDL_MAX];
	int n, more, sel, scroll;
	int stale;		/* reload before the next draw */
	int failed;
};

static struct idl_screen *
idl_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct idl_screen *l = xcalloc(1, sizeof *l);

		l->stale = 1;
		*slot = l;
	}
	return *slot;
}

static int
idl_add(const char *key, const char *channel, const char *since,
    const char *missing, void *arg)
{
	struct idl_screen *l = arg;
	struct idl_row *r;

	if (l->n == IDL_MAX) {
		l->more = 1;
		return 1;
	}
	r = &l->row[l->n++];
	ptext_copy(r->key, sizeof r->key, key);
	ptext_copy(r->channel, sizeof r->channel, channel);
	ptext_copy(r->since, sizeof r->since, since ? since : "");
	if (strlen(r->since) > 10)
		r->since[10] = '\0';
	ptext_copy(r->missing, sizeof r->missing, missing ? missing : "");
	r->name[0] = '\0';
	return 0;
}

static void
idl_load(struct tui *t, struct idl_screen *l)
{
	char *err = NULL;
	int i;

	l->n = l->more = 0;
	l->stale = l->failed = 0;
	if (ops_idproof_open(t->s, NULL, idl_add, l, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
		l->failed = 1;
		return;
	}
	/* The names after the walk, not inside it: one statement at a time. */
	for (i = 0; i < l->n; i++) {
		struct person_view v;

		if (ops_person_view(t->s, l->row[i].key, &v, &err) < 0) {
			free(err);
			err = NULL;
			continue;
		}
		ptext_copy(l->row[i].name, sizeof l->row[i].name, v.p.f[PF_NAME]);
		person_view_clear(&v);
	}
	if (l->sel >= l->n)
		l->sel = l->n > 0 ? l->n - 1 : 0;
}

static const char *
idl_channel(const char *code)
{
	int i;

	for (i = 0; i < ptext_nchannels; i++)
		if (strcmp(ptext_channels[i].code, code) == 0)
			return _(ptext_channels[i].label);
	return code;
}

static void
idl_line(int y, const char *key, const char *name, const char *since,
    const char *channel, const char *missing, enum draw_role role)
{
	int wide = COLS >= 100, wch = wide ? 30 : 16, x = 2;

	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	draw_text(y, x, 10, key, role);
	x += 11;
	draw_text(y, x, 14, name, role);
	x += 15;
	draw_text(y, x, 10, since, role);
	x += 11;
	draw_text(y, x, wch, channel, role);
	x += wch + 1;
	if (x < COLS - 1)
		draw_text(y, x, COLS - 1 - x, missing, role);
}

static void
idl_draw(struct tui *t, int top, int rows)
{
	struct idl_screen *l = idl_state(t);
	char head[160];
	int i, y, list_rows = rows - 3;

	if (l->failed)
		return;
	if (l->more)
		/* L10N: %d is how many rows are shown. */
		snprintf(head, sizeof head, _("Incomplete identity checks, oldest "
		    "first (the first %d)"), IDL_MAX);
	else
		/* L10N: %d is the number of incomplete identity checks (未完了). */
		snprintf(head, sizeof head, _("Incomplete identity checks, oldest "
		    "first: %d"), l->n);
	draw_text(top, 2, COLS - 4, head, ROLE_TITLE);
	/* L10N: column heads: key, name, since, channel, missing (不足). */
	idl_line(top + 2, _("key"), _("name"), _("since"), _("channel"),
	    _("missing"), ROLE_TITLE);
	if (l->n == 0) {
		draw_text(top + 3, 2, COLS - 4, _("Every recorded identity check is "
		    "complete."), ROLE_OK);
		return;
	}
	if (l->sel < l->scroll)
		l->scroll = l->sel;
	if (list_rows > 0 && l->sel >= l->scroll + list_rows)
		l->scroll = l->sel - list_rows + 1;
	for (i = l->scroll, y = top + 3; i < l->n && y < top + rows; i++, y++) {
		const struct idl_row *r = &l->row[i];
		char since[16];

		ptext_date(r->since, 0, since, sizeof since);
		idl_line(y, r->key, r->name, since, idl_channel(r->channel),
		    r->missing, i == l->sel ? ROLE_SELECTED : ROLE_NORMAL);
	}
}

static int
idl_key_enter(struct tui *t, wint_t ch)
{
	struct idl_screen *l = idl_state(t);

	(void)ch;
	if (l->n == 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("no incomplete identity check"));
		return KEY_HANDLED;
	}
	/* Back from the person, the list is read again. */
	l->stale = 1;
	return tui_open_person(t, l->row[l->sel].key);
}

static int
idl_key_move(struct tui *t, wint_t ch)
{
	struct idl_screen *l = idl_state(t);
	int page = LINES - 10 > 1 ? LINES - 10 : 1;

	if (tui_list_short(t, l->n))
		return KEY_HANDLED;

	if (ch == KEY_DOWN || ch == KEY_NPAGE) {
		l->sel += ch == KEY_DOWN ? 1 : page;
		if (l->sel >= l->n)
			l->sel = l->n > 0 ? l->n - 1 : 0;
	} else {
		l->sel -= ch == KEY_UP ? 1 : page;
		if (l->sel < 0)
			l->sel = 0;
	}
	return KEY_HANDLED;
}

static const struct screen_key idl_keys[] = {
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x91\xe2\x86\x93", N_("choose"),
	    N_("chooses a person (PgUp/PgDn: a page)"), idl_key_move },
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, NULL, idl_key_move },
	{ KEY_NPAGE, KEY_NPAGE, 1, "PgDn", NULL, NULL, idl_key_move },
	{ KEY_PPAGE, KEY_PPAGE, 1, "PgUp", NULL, NULL, idl_key_move },
	{ '\n', '\n', 0, "Enter", N_("open person"), N_("opens the person, "
	    "where i records more"), idl_key_enter },
	KEYS_END
};

/* Read when entered (stale), and again when the vault changed since:
 * draw only draws what was read. */
static void
idl_reload(struct tui *t)
{
	struct idl_screen *l = idl_state(t);

	if (tui_vault_changed(t, &l->stamp) || l->stale)
		idl_load(t, l);
}

const struct screen screen_idproof_open = {
	/* L10N: breadcrumb and home area: identity checks (本人確認). */
	.crumb = N_("ID checks"),
	.help = N_("Identity checks that are not complete yet,\n"
	    "the oldest first, with what is still missing.\n"
	    "Choose with the arrows; Enter opens the person,\n"
	    "where i records more documents or an exemption.\n"
	    "Esc goes back."),
	.enter = NULL,
	.draw = idl_draw,
	.key = NULL,
	.keys = idl_keys,
	.reload = idl_reload,
};
