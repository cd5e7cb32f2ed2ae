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

struct record_draw {
	int y, top, rows, found;
};

static void
record_line(struct record_draw *d, const char *label, const char *value,
    enum draw_role role)
{
	int w = COLS > 40 ? COLS - 21 : 20;
	int room = d->top + d->rows - 2 - d->y;

	draw_text(d->y, 2, 16, label, ROLE_TITLE);
	/* Every value wraps, hashes and details alike: in Japanese a detail
	 * is words and a path, and cutting it at the edge lost its end. */
	d->y += draw_wrapped(d->y, 19, w, room > 1 ? room : 1, value, role);
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

static void
record_draw(struct tui *t, int top, int rows)
{
	struct record_screen *rs = record_state(t);
	struct record_draw d = { top + 1, top, rows, 0 };
	/* L10N: label of the time of an audit record (日時). */
	const char *label[R_COUNT] = { _("Record"), _("Time"), _("User"),
	    _("Second person"), _("Action"), _("Subject"), _("Detail"),
	    _("Previous hash"), _("Hash") };
	int i;

	if (rs->err[0] != '\0' || !rs->found) {
		draw_text(top + 1, 2, COLS - 4, rs->err[0] ? rs->err :
		    _("no such record"), ROLE_ERROR);
		return;
	}
	for (i = 0; i < R_COUNT; i++) {
		if (i == R_PREV)
			d.y++;
		record_line(&d, label[i], rs->val[i], ROLE_NORMAL);
	}
	draw_text(d.y + 1, 2, COLS - 4, rs->pos, ROLE_NORMAL);
}

static const struct screen_key record_keys[] = {
	KEYS_END
};

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
};
