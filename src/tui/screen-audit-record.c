/* Audit > one record: every field, its hash and the previous one, and its
 * place in the chain. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/actionname.h"
#include "domain/jstday.h"
#include "ops/vault-admin.h"
#include "tui/audit-view.h"
#include "tui/wrap.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Values start at column 19 and wrap within the screen's width. */
static int
record_value_width(void)
{
	return COLS > 40 ? COLS - 21 : 20;
}

enum { R_SEQ, R_TIME, R_USER, R_SECOND, R_ACTION, R_SUBJECT, R_DETAIL,
	R_PREV, R_HASH, R_COUNT };

/* The record as read on entering (and again when the vault changed: the
 * chain grew); draw runs every second and does not query. */
struct record_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	int found;
	char val[R_COUNT][1024];
	char pos[256];
	char err[256];
	int scroll;	/* first row shown, of the record's wrapped rows */
	int page;	/* rows shown at the last draw, for PgUp/PgDn */
};

static struct record_screen *
record_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct record_screen));
	return *slot;
}

static int
record_keep(const struct auditrec *r, void *arg)
{
	struct record_screen *rs = arg;
	char jst[20];

	rs->found = 1;
	jst_from_utc(r->ts, jst);
	snprintf(rs->val[R_SEQ], sizeof rs->val[0], "%lld", (long long)r->seq);
	/* One time zone on every screen: Japan time, labelled. */
	snprintf(rs->val[R_TIME], sizeof rs->val[0], _("%s (Japan time)"), jst);
	snprintf(rs->val[R_USER], sizeof rs->val[0], "%s", r->actor);
	snprintf(rs->val[R_SECOND], sizeof rs->val[0], "%s", r->actor2[0] ?
	    r->actor2 : "-");
	/* The clerk's words, and the log's own name for searches and exports. */
	snprintf(rs->val[R_ACTION], sizeof rs->val[0], "%s (%s)",
	    action_label(r->action), r->action);
	snprintf(rs->val[R_SUBJECT], sizeof rs->val[0], "%s", r->subject[0] ?
	    r->subject : "-");
	if (r->detail[0] != '\0')
		action_detail_text(r->detail, rs->val[R_DETAIL], sizeof rs->val[0]);
	else
		snprintf(rs->val[R_DETAIL], sizeof rs->val[0], "-");
	hex_encode(r->prev, 32, rs->val[R_PREV]);
	hex_encode(r->hash, 32, rs->val[R_HASH]);
	return 1;
}

static void
record_reload(struct tui *t)
{
	struct record_screen *rs = record_state(t);
	struct audit_view *v = audit_parent_view(t);
	struct audit_filter f;
	struct home_stats h;
	char *err = NULL;

	if (v == NULL || !tui_vault_changed(t, &rs->stamp))
		return;
	rs->found = 0;
	rs->err[0] = '\0';
	memset(&f, 0, sizeof f);
	f.seq_first = f.seq_last = v->open_seq;
	if (ops_audit_list(t->s, &f, record_keep, rs, &err) < 0) {
		snprintf(rs->err, sizeof rs->err, "%s", err ? err : "?");
		free(err);
		return;
	}
	memset(&h, 0, sizeof h);
	(void)ops_home_stats(t->s, &h, NULL);
	snprintf(rs->pos, sizeof rs->pos, _("Chain position: record %lld of %lld; "
	    "its hash is SHA-256(previous hash || leaf)"), (long long)v->open_seq,
	    h.audit_count);
}

/* The record is drawn as rows of a taller page, scrolled: a detail can
 * run to many lines (a medium's files with their SHA-256), and the hashes
 * below it must still be readable. */
struct record_page {
	int y0, avail;		/* screen rows for the page */
	int scroll, row;	/* first page row shown; the next row to place */
	int draw;
};

/* One labelled value (label NULL: a line of its own from column 2). */
static void
record_place(struct record_page *pg, const char *label, const char *value)
{
	int x = label != NULL ? 19 : 2;
	int w = label != NULL ? record_value_width() : COLS - 4;
	int n = wrap_rows(w, value), first = pg->scroll - pg->row, y;

	if (first < 0)
		first = 0;
	y = pg->y0 + pg->row + first - pg->scroll;
	if (pg->draw && first < n && y < pg->y0 + pg->avail) {
		if (first == 0 && label != NULL)
			draw_text(y, 2, 16, label, ROLE_TITLE);
		draw_wrapped_from(y, x, w, first, pg->y0 + pg->avail - y, value,
		    ROLE_NORMAL);
	}
	pg->row += n;
}

/* Every field, a blank row before the hashes and before the position;
 * returns the page's height. */
static int
record_walk(struct record_screen *rs, struct record_page *pg)
{
	/* L10N: label of the time of an audit record (日時). */
	const char *label[R_COUNT] = { _("Record"), _("Time"), _("User"),
	    _("Second person"), _("Action"), _("Subject"), _("Detail"),
	    _("Previous hash"), _("Hash") };
	int i;

	for (i = 0; i < R_COUNT; i++) {
		if (i == R_PREV)
			pg->row++;
		record_place(pg, label[i], rs->val[i]);
	}
	pg->row++;
	record_place(pg, NULL, rs->pos);
	return pg->row;
}

static void
record_draw(struct tui *t, int top, int rows)
{
	struct record_screen *rs = record_state(t);
	struct record_page pg = { top + 1, rows - 2, 0, 0, 0 };
	int height;

	if (rs->err[0] != '\0' || !rs->found) {
		draw_text(top + 1, 2, COLS - 4, rs->err[0] ? rs->err :
		    _("no such record"), ROLE_ERROR);
		return;
	}
	height = record_walk(rs, &pg);
	if (rs->scroll > height - pg.avail)
		rs->scroll = height - pg.avail;
	if (rs->scroll < 0)
		rs->scroll = 0;
	rs->page = pg.avail > 1 ? pg.avail - 1 : 1;
	pg = (struct record_page){ top + 1, rows - 2, rs->scroll, 0, 1 };
	(void)record_walk(rs, &pg);
	if (height > pg.avail)
		draw_text(top + rows - 1, 2, COLS - 4, rs->scroll + pg.avail <
		    height ? _("more below: Down or PgDn") :
		    _("the end: Up or PgUp goes back"), ROLE_WARN);
}

/* The page's height against the rows it is drawn in (the frame gives the
 * screen LINES - 6, as record_draw gets them). */
static int
record_scrolls(struct record_screen *rs)
{
	struct record_page pg = { 0, LINES - 8, 0, 0, 0 };

	return rs->found && record_walk(rs, &pg) > pg.avail;
}

static int
record_key_scroll(struct tui *t, wint_t ch)
{
	struct record_screen *rs = record_state(t);

	rs->scroll += ch == KEY_DOWN ? 1 : ch == KEY_UP ? -1 :
	    ch == KEY_NPAGE ? rs->page : -rs->page;
	if (rs->scroll < 0)
		rs->scroll = 0;
	return KEY_HANDLED;	/* the draw stops it at the end */
}

static const struct screen_key record_keys[] = {
	KEYS_END
};

/* Only a record longer than the screen has the keys that scroll it. */
static const struct screen_key record_scroll_keys[] = {
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x91\xe2\x86\x93", N_("scroll"),
	    N_("scrolls a long record (PgUp/PgDn: a page)"), record_key_scroll },
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, NULL, record_key_scroll },
	{ KEY_NPAGE, KEY_NPAGE, 1, "PgDn", NULL, NULL, record_key_scroll },
	{ KEY_PPAGE, KEY_PPAGE, 1, "PgUp", NULL, NULL, record_key_scroll },
	KEYS_END
};

static const struct screen_key *
record_keys_now(struct tui *t)
{
	return record_scrolls(record_state(t)) ? record_scroll_keys :
	    record_keys;
}

const struct screen screen_audit_record = {
	.crumb = N_("Record"),
	.help = N_("One audit record with all its fields.\n"
	    "Its hash chains it to the record before (previous hash):\n"
	    "changing any field would change every hash after it.\n"
	    "Numbers never appear in full here: details are masked.\n"
	    "Esc goes back to the list."),
	.enter = NULL,
	.draw = record_draw,
	.reload = record_reload,
	.key = NULL,
	.keys = record_keys,
	.keys_now = record_keys_now,
};
