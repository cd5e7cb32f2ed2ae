/* Home > supervisor queue (責任者の判断待ち): every case waiting for a
 * supervisor in one list, read with the same ops functions the CLI uses
 * (number queue, jlis held): numbers whose two entries differed, numbers
 * another person holds, and J-LIS answers held because the five items
 * differ. Enter opens where the case is decided. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/jstday.h"
#include "ops/jlis.h"
#include "ops/numbers.h"
#include "tui/list.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define SQ_MAX 500

enum sq_kind { SQ_MISMATCH, SQ_DUPLICATE, SQ_HELD };

struct sq_row {
	enum sq_kind kind;
	char key[96];
	char since[20];		/* Japan time, minutes */
	char detail[200];	/* who entered; the other person; J-LIS's reason */
};

/* Read on entering and when the vault changed (a case decided here or
 * elsewhere); draw does not query. */
struct sq_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	struct sq_row row[SQ_MAX];
	int n, more;
	struct list_view v;
	char err[256];
};

static struct sq_screen *
sq_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct sq_screen));
	return *slot;
}

static struct sq_row *
sq_next(struct sq_screen *q)
{
	if (q->n == SQ_MAX) {
		q->more = 1;
		return NULL;
	}
	return &q->row[q->n++];
}

static int
sq_add_case(const struct queue_row *c, void *arg)
{
	struct sq_screen *q = arg;
	struct sq_row *r = sq_next(q);
	char jst[20];

	if (r == NULL)
		return 1;
	r->kind = strcmp(c->reason, "duplicate") == 0 ? SQ_DUPLICATE : SQ_MISMATCH;
	ptext_copy(r->key, sizeof r->key, c->key);
	jst_from_utc(c->created, jst);
	snprintf(r->since, sizeof r->since, "%.16s", jst);
	if (r->kind == SQ_DUPLICATE)
		/* L10N: a duplicate number's case: the person who holds it. */
		snprintf(r->detail, sizeof r->detail, _("held by %s; entered by %s"),
		    c->other[0] ? c->other : "-", c->actor);
	else
		/* L10N: a mismatch case: who keyed the number, and who again. */
		snprintf(r->detail, sizeof r->detail, _("keyed by %s and %s"),
		    c->actor, c->actor2[0] ? c->actor2 : "-");
	return 0;
}

static int
sq_add_held(const struct jlis_held_row *h, void *arg)
{
	struct sq_screen *q = arg;
	struct sq_row *r = sq_next(q);
	char jst[20];

	if (r == NULL)
		return 1;
	r->kind = SQ_HELD;
	ptext_copy(r->key, sizeof r->key, h->key);
	/* Stored in UTC like every record: shown in Japan time as the
	 * number cases are, so the column reads one way. */
	jst_from_utc(h->answered, jst);
	snprintf(r->since, sizeof r->since, "%.16s", jst);
	ops_jlis_reason_text(h->reason, r->detail, sizeof r->detail);
	return 0;
}

static void
sq_reload(struct tui *t)
{
	struct sq_screen *q = sq_state(t);
	char *err = NULL;

	if (!tui_vault_changed(t, &q->stamp))
		return;
	q->n = q->more = 0;
	q->err[0] = '\0';
	if (ops_number_queue(t->s, sq_add_case, q, &err) < 0 ||
	    ops_jlis_held(t->s, sq_add_held, q, &err) < 0)
		snprintf(q->err, sizeof q->err, "%s", err ? err : "?");
	free(err);
}

static const char *
sq_kind_text(enum sq_kind k)
{
	/* L10N: the kinds of case in the supervisor queue (番号不一致,
	 * 番号重複, J-LIS保留). */
	switch (k) {
	case SQ_MISMATCH: return _("numbers differ");
	case SQ_DUPLICATE: return _("duplicate number");
	default: return _("J-LIS held");
	}
}

static void
sq_line(int y, const char *kind, const char *key, const char *since,
    const char *detail, enum draw_role role)
{
	char *c[3], line[640];

	c[0] = text_pad(kind, 16);
	c[1] = text_pad(key, 12);
	c[2] = text_pad(since, 17);
	snprintf(line, sizeof line, "%s %s %s %s", c[0], c[1], c[2], detail);
	if (role == ROLE_SELECTED)
		draw_line(y, role);
	draw_text(y, 2, COLS - 4, line, role);
	free(c[0]);
	free(c[1]);
	free(c[2]);
}

static void
sq_row_draw(void *ctx, int i, int y, int selected)
{
	const struct sq_row *r = &((const struct sq_screen *)ctx)->row[i];

	sq_line(y, sq_kind_text(r->kind), r->key, r->since, r->detail,
	    selected ? ROLE_SELECTED : ROLE_NORMAL);
}

static void
sq_draw(struct tui *t, int top, int rows)
{
	struct sq_screen *q = sq_state(t);
	char head[128];

	if (q->err[0] != '\0') {
		draw_text(top, 2, COLS - 4, q->err, ROLE_ERROR);
		return;
	}
	/* L10N: %d cases waiting for a supervisor. */
	snprintf(head, sizeof head, _("Waiting for a supervisor: %d"), q->n);
	draw_text(top, 2, COLS - 4, head, ROLE_TITLE);
	if (q->n == 0) {
		draw_text(top + 2, 2, COLS - 4, _("Nothing is waiting for a "
		    "supervisor."), ROLE_OK);
		return;
	}
	/* L10N: the supervisor queue's column heads; the times are Japan
	 * time (at most 17 columns: 記録日(日本時間)). */
	sq_line(top + 1, _("case"), _("person"), _("since (Japan time)"), _("detail"),
	    ROLE_TITLE);
	list_show(&q->v, q->n, q->more, top + 2, rows - 3, top, sq_row_draw, q);
}

static int
sq_key_move(struct tui *t, wint_t ch)
{
	struct sq_screen *q = sq_state(t);

	return list_move(t, &q->v, q->n, (int)ch);
}

/* A held answer is decided on the J-LIS screen; a number case on the
 * person, where the number is entered again. */
static int
sq_key_open(struct tui *t, wint_t ch)
{
	struct sq_screen *q = sq_state(t);
	const struct sq_row *r;

	(void)ch;
	if (q->n == 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("nothing is waiting for a "
		    "supervisor"));
		return KEY_HANDLED;
	}
	if (t->depth + 2 > TUI_STACK) {
		tui_message(t, ROLE_ERROR, "%s", _("too many screens open: go back "
		    "with Esc first"));
		return KEY_HANDLED;
	}
	r = &q->row[q->v.sel];
	if (r->kind == SQ_HELD) {
		tui_push(t, &screen_jlis);
		return KEY_HANDLED;
	}
	return tui_open_person(t, r->key);
}

static const struct screen_key sq_keys[] = {
	LIST_KEYS_MOVE(N_("chooses a case (PgUp/PgDn: a page)"), sq_key_move),
	{ '\n', '\n', 0, "Enter", N_("open"), N_("opens the case: the person, "
	    "or the J-LIS answers for a held one"), sq_key_open },
	KEYS_END
};

const struct screen screen_supervisor = {
	/* L10N: breadcrumb: the supervisor queue (責任者の判断待ち). */
	.crumb = N_("Supervisor queue"),
	.help = N_("Every case waiting for a supervisor, oldest first:\n"
	    "numbers whose two entries differed (entered again\n"
	    "from the document), numbers another person already\n"
	    "holds, and J-LIS answers held because the five\n"
	    "items differ from the record (accepted or rejected\n"
	    "with a reason on the J-LIS screen)."),
	.draw = sq_draw,
	.reload = sq_reload,
	.keys = sq_keys,
};
