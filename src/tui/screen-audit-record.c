/* Audit > one record: every field, its hash and the previous one, and its
 * place in the chain. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/jstday.h"
#include "ops/vault-admin.h"
#include "tui/audit-view.h"
#include "util/hex.h"
#include "util/i18n.h"

struct record_draw {
	int y, top, rows, found;
};

static void
record_line(struct record_draw *d, const char *label, const char *value,
    enum draw_role role)
{
	size_t len = strlen(value), used = 0, i;
	size_t w = COLS > 40 ? (size_t)COLS - 21 : 20;
	int ascii = 1;

	for (i = 0; i < len; i++)
		if ((unsigned char)value[i] >= 0x80)
			ascii = 0;
	draw_text(d->y, 2, 16, label, ROLE_TITLE);
	/* ASCII wraps (hashes, long details); other text is cut at the edge. */
	do {
		draw_text(d->y++, 19, (int)w, value + used, role);
		used += w;
	} while (ascii && used < len && d->y < d->top + d->rows - 2);
}

static int
record_show(const struct auditrec *r, void *arg)
{
	struct record_draw *d = arg;
	char seq[32], when[64], jst[20], prev[65], hash[65];

	d->found = 1;
	jst_from_utc(r->ts, jst);
	snprintf(seq, sizeof seq, "%lld", (long long)r->seq);
	/* One time zone on every screen: Japan time, labelled. */
	snprintf(when, sizeof when, _("%s (Japan time)"), jst);
	hex_encode(r->prev, 32, prev);
	hex_encode(r->hash, 32, hash);
	record_line(d, _("Record"), seq, ROLE_NORMAL);
	/* L10N: label of the time of an audit record (日時). */
	record_line(d, _("Time"), when, ROLE_NORMAL);
	record_line(d, _("User"), r->actor, ROLE_NORMAL);
	record_line(d, _("Second person"), r->actor2[0] ? r->actor2 : "-",
	    ROLE_NORMAL);
	record_line(d, _("Action"), r->action, ROLE_NORMAL);
	record_line(d, _("Subject"), r->subject[0] ? r->subject : "-", ROLE_NORMAL);
	record_line(d, _("Detail"), r->detail[0] ? r->detail : "-", ROLE_NORMAL);
	d->y++;
	record_line(d, _("Previous hash"), prev, ROLE_NORMAL);
	record_line(d, _("Hash"), hash, ROLE_NORMAL);
	return 1;
}

static void
record_draw(struct tui *t, int top, int rows)
{
	struct audit_view *v = audit_parent_view(t);
	struct record_draw d = { top + 1, top, rows, 0 };
	struct audit_filter f;
	char *err = NULL, pos[128];
	struct home_stats h;

	if (v == NULL)
		return;
	memset(&f, 0, sizeof f);
	f.seq_first = f.seq_last = v->open_seq;
	if (ops_audit_list(t->s, &f, record_show, &d, &err) < 0) {
		draw_text(top + 1, 2, COLS - 4, err, ROLE_ERROR);
		free(err);
		return;
	}
	if (!d.found) {
		draw_text(top + 1, 2, COLS - 4, _("no such record"), ROLE_ERROR);
		return;
	}
	memset(&h, 0, sizeof h);
	(void)ops_home_stats(t->s, &h, NULL);
	snprintf(pos, sizeof pos, _("Chain position: record %lld of %lld; its hash "
	    "is SHA-256(previous hash || leaf)"), (long long)v->open_seq,
	    h.audit_count);
	draw_text(d.y + 1, 2, COLS - 4, pos, ROLE_NORMAL);
}

const struct screen screen_audit_record = {
	.crumb = N_("Record"),
	.help = N_("One audit record with all its fields.\n"
	    "Its hash chains it to the record before (previous hash):\n"
	    "changing any field would change every hash after it.\n"
	    "Numbers never appear in full here: details are masked.\n"
	    "Esc goes back to the list."),
	.keybar = N_("Esc\tback\nF1\thelp"),
	.enter = NULL,
	.draw = record_draw,
	.key = NULL,	/* Esc and q: the frame goes back */
};
