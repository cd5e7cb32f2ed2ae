/* The audit log, newest first, and a check of its chain. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/vault-admin.h"
#include "tui/screens.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct audit_view {
	int skip;	/* records scrolled past, from the newest */
	int y, rows, shown;
};

static struct audit_view *
audit_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct audit_view));
	return *slot;
}

static int
audit_draw_row(const struct auditrec *r, void *arg)
{
	struct audit_view *v = arg;
	char line[512];

	if (v->shown >= v->skip + v->rows)
		return 1;
	if (v->shown++ < v->skip)
		return 0;
	snprintf(line, sizeof line, "%7lld %.16s %-10s %-20s %-12s %s",
	    (long long)r->seq, r->ts, r->actor, r->action,
	    r->subject[0] ? r->subject : "-", r->detail);
	draw_text(v->y++, 1, COLS - 2, line, ROLE_NORMAL);
	return 0;
}

static void
audit_draw(struct tui *t, int top, int rows)
{
	struct audit_view *v = audit_state(t);
	struct audit_filter f;
	char *err = NULL;

	memset(&f, 0, sizeof f);
	f.newest_first = 1;
	f.limit = v->skip + rows - 1;
	draw_text(top, 1, COLS - 2, _("    seq time             actor      action"
	    "               subject      detail"), ROLE_TITLE);
	v->y = top + 1;
	v->rows = rows - 1;
	v->shown = 0;
	if (ops_audit_list(t->s, &f, audit_draw_row, v, &err) < 0) {
		draw_text(top + 1, 1, COLS - 2, err, ROLE_ERROR);
		free(err);
	}
}

static void
audit_screen_verify(struct tui *t)
{
	unsigned char head[32];
	char hex[65], *err = NULL;
	int64_t count;

	tui_message(t, ROLE_NORMAL, "%s", _("checking the audit chain..."));
	draw_text(LINES - 2, 1, COLS - 2, t->message, ROLE_NORMAL);
	refresh();
	if (ops_audit_verify(t->s, NULL, NULL, &count, head, &err) == 0) {
		hex_encode(head, 32, hex);
		tui_message(t, ROLE_OK, _("audit chain intact: %lld records, head "
		    "%.16s…"), (long long)count, hex);
	} else {
		tui_message(t, ROLE_ERROR, "%s", err);
	}
	free(err);
}

static int
audit_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct audit_view *v = audit_state(t);

	if (!is_fkey && ch == 0x1b)
		return KEY_BACK;
	if (!is_fkey && ch == 'v') {
		audit_screen_verify(t);
		v->skip = 0;
		return KEY_HANDLED;
	}
	if (is_fkey && (ch == KEY_DOWN || ch == KEY_NPAGE)) {
		v->skip += ch == KEY_DOWN ? 1 : v->rows;
		if (v->shown < v->skip + v->rows && v->skip > 0)
			v->skip -= ch == KEY_DOWN ? 1 : v->rows;
		if (v->skip < 0)
			v->skip = 0;
		return KEY_HANDLED;
	}
	if (is_fkey && (ch == KEY_UP || ch == KEY_PPAGE)) {
		v->skip -= ch == KEY_UP ? 1 : v->rows;
		if (v->skip < 0)
			v->skip = 0;
		return KEY_HANDLED;
	}
	return KEY_IGNORED;
}

const struct screen screen_audit = {
	.crumb = N_("Audit"),
	.help = N_("The audit log, newest record first.\n"
	    "Every action is recorded with who did it and when;\n"
	    "each record is chained to the one before by its hash.\n"
	    "Arrows and PgUp/PgDn scroll.\n"
	    "v re-checks the whole chain and shows its head.\n"
	    "Esc goes back."),
	.keybar = N_("v\tverify chain\nPgDn\tolder\nEsc\tback\nF1\thelp"),
	.enter = NULL,
	.draw = audit_draw,
	.key = audit_key,
};
