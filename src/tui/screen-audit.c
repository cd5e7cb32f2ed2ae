/* The audit log, newest record first, with a filter (days, user, action,
 * person, medium), the chain's status, and the way to a record's details
 * and to an export. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/actionname.h"
#include "domain/jstday.h"
#include "ops/vault-admin.h"
#include "tui/ambi.h"
#include "tui/audit-view.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xmalloc.h"

static struct audit_view *
audit_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct audit_view));
	return *slot;
}

struct audit_view *
audit_parent_view(struct tui *t)
{
	return t->depth >= 2 ? t->screen_state[t->depth - 2] : NULL;
}

/* The list's columns. Below 110 columns the action's name and the subject
 * are capped (cut with "…"; a file name as subject took the whole row)
 * and the time leaves out the year, so that at 80 columns the detail
 * keeps about 16 columns instead of 4. The record screen shows all. */
struct audit_cols {
	int time_from, time_len, action, cap_subject;
};

static struct audit_cols
audit_cols(void)
{
	struct audit_cols c = { 0, 16, 24, 0 };

	if (COLS < 110) {
		c.time_from = 5;	/* "2026-12-07 09:15" -> "12-07 09:15" */
		c.time_len = 11;
		c.action = 16;
		c.cap_subject = 1;
	}
	return c;
}

/* One row in the clerk's words: the action's name and the detail's items
 * translated, the columns fitted by display width (Japanese is two
 * columns a character). */
static void
audit_line(const struct auditrec *r, const char *when, char *out, size_t len)
{
	struct audit_cols c = audit_cols();
	char detail[400];
	const char *subj = r->subject[0] ? r->subject : "-";
	char *actor = text_pad(r->actor, 10), *action = text_fit(
	    action_label(r->action), c.action), *subject = c.cap_subject ?
	    text_fit(subj, 12) : text_pad(subj, 12);

	action_detail_text(r->detail, detail, sizeof detail);
	snprintf(out, len, "%7lld %.*s %s %s %s %s", (long long)r->seq,
	    c.time_len, strlen(when) > (size_t)c.time_from ? when + c.time_from :
	    when, actor, action, subject, detail);
	free(actor);
	free(action);
	free(subject);
}

/* The column heads, padded as audit_line pads the rows. */
static void
audit_col_heads(int y)
{
	struct audit_cols c = audit_cols();
	/* L10N: the audit list's column heads; each is padded to its column,
	 * so keep them short (the time's column is 11 wide at 80 columns). */
	char *seq = text_pad("", 7 - text_width(_("seq"))), *time = text_fit(
	    _("time (JST)"), c.time_len), *actor = text_fit(_("actor"), 10);
	char *action = text_fit(P_("audit column", "action"), c.action);
	char *subject = text_fit(_("subject"), 12), line[512];

	snprintf(line, sizeof line, "%s%s %s %s %s %s %s", seq, _("seq"), time,
	    actor, action, subject, P_("audit column", "detail"));
	draw_text(y, 1, COLS - 2, line, ROLE_TITLE);
	free(seq);
	free(time);
	free(actor);
	free(action);
	free(subject);
}

static int
audit_load_row(const struct auditrec *r, void *arg)
{
	struct audit_view *v = arg;
	char when[20];
	int i = v->shown;

	if (v->hide_sessions && action_is_session(r->action))
		return 0;
	if (v->shown >= v->skip + v->rows)
		return 1;
	if (v->shown++ < v->skip)
		return 0;
	if (i - v->skip >= AUDIT_PAGE_MAX)
		return 1;
	jst_from_utc(r->ts, when);
	audit_line(r, when, v->line[i - v->skip], sizeof v->line[0]);
	v->seqs[i - v->skip] = r->seq;
	return 0;
}

/* Field text or NULL when empty; the caller frees. */
static char *
audit_opt(const struct field *f)
{
	char *s = field_text(f);

	if (s[0] == '\0') {
		free(s);
		return NULL;
	}
	return s;
}

static void
audit_filter_line(struct audit_view *v, int y)
{
	static const char *const names[AF_COUNT] = { N_("from"), N_("to"),
	    N_("user"), N_("action"), N_("person"), N_("medium") };
	char line[512];
	size_t o = 0;
	int i;

	o += (size_t)snprintf(line, sizeof line, "%s", _("Filter:"));
	for (i = 0; i < AF_COUNT && o < sizeof line; i++) {
		char *s = audit_opt(&v->flt[i]);

		if (s != NULL)
			o += (size_t)snprintf(line + o, sizeof line - o, " %s=%s",
			    _(names[i]), s);
		free(s);
	}
	if (o == strlen(_("Filter:")))
		snprintf(line + o, sizeof line - o, " %s", _("none (f to filter)"));
	draw_text(y, 1, COLS - 2, line, ROLE_NORMAL);
}

static void
audit_chain_line(struct audit_view *v, int y)
{
	draw_text(y, 1, COLS - 2, v->chain[0] ? v->chain : _("Chain: not checked "
	    "in this view (v checks it)"), v->chain[0] == '\0' ? ROLE_NORMAL :
	    v->chain_bad ? ROLE_ERROR : ROLE_OK);
}

static void
audit_load(struct tui *t, struct audit_view *v, int rows)
{
	struct audit_filter f;
	char *s[AF_COUNT], *err = NULL;
	int i;

	memset(&f, 0, sizeof f);
	for (i = 0; i < AF_COUNT; i++)
		s[i] = audit_opt(&v->flt[i]);
	f.from = s[AF_FROM];
	f.to = s[AF_TO];
	f.actor = s[AF_USER];
	f.action = s[AF_ACTION];
	f.person = s[AF_PERSON];
	f.medium = s[AF_MEDIUM];
	f.newest_first = 1;
	v->rows = rows;
	/* Hidden logins do not count: the rows stop the walk instead. */
	f.limit = v->hide_sessions ? 0 : v->skip + v->rows;
	v->shown = 0;
	v->err[0] = '\0';
	if (ops_audit_list(t->s, &f, audit_load_row, v, &err) < 0)
		snprintf(v->err, sizeof v->err, "%s", err ? err : "?");
	free(err);
	for (i = 0; i < AF_COUNT; i++)
		free(s[i]);
	memcpy(v->loaded_flt, v->flt, sizeof v->flt);
	v->loaded_skip = v->skip;
	v->loaded_rows = rows;
	v->loaded_cols = COLS;	/* the columns' widths follow the terminal */
	v->loaded_hide = v->hide_sessions;
	v->loaded = 1;
}

/* The page is read again when the vault (a new record), the filter, the
 * scroll or the terminal's size changed. */
static void
audit_reload(struct tui *t)
{
	struct audit_view *v = audit_state(t);
	int rows = LINES - 9, changed = tui_vault_changed(t, &v->stamp);

	if (rows > AUDIT_PAGE_MAX)
		rows = AUDIT_PAGE_MAX;
	if (rows < 1)
		rows = 1;
	if (!changed && v->loaded && v->loaded_skip == v->skip &&
	    v->loaded_rows == rows && v->loaded_cols == COLS &&
	    v->loaded_hide == v->hide_sessions &&
	    memcmp(v->loaded_flt, v->flt, sizeof v->flt) == 0)
		return;
	audit_load(t, v, rows);
	/* A filter that leaves fewer rows: keep the selection on one. */
	if (v->shown > 0 && v->sel >= v->shown) {
		v->sel = v->shown - 1;
		v->skip = v->sel >= v->rows ? v->sel - v->rows + 1 : 0;
		audit_load(t, v, rows);
	}
}

static void
audit_draw(struct tui *t, int top, int rows)
{
	struct audit_view *v = audit_state(t);
	int i;

	(void)rows;
	audit_chain_line(v, top);
	audit_filter_line(v, top + 1);
	audit_col_heads(top + 2);
	if (v->err[0] != '\0') {
		draw_text(top + 3, 1, COLS - 2, v->err, ROLE_ERROR);
		return;
	}
	if (v->shown == 0)
		draw_text(top + 3, 1, COLS - 2, _("no records match the filter"),
		    ROLE_NORMAL);
	for (i = v->skip; i < v->shown && i - v->skip < v->rows; i++)
		draw_text(top + 3 + i - v->skip, 1, COLS - 2, v->line[i - v->skip],
		    i == v->sel ? ROLE_SELECTED : ROLE_NORMAL);
}

static void
audit_progress(int64_t done, int64_t total, void *arg)
{
	char line[128];
	int w = COLS - 30, fill = total > 0 ? (int)(done * w / total) : w;

	(void)arg;
	if (w < 10)
		return;
	snprintf(line, sizeof line, "%lld / %lld ", (long long)done,
	    (long long)total);
	move(LINES - 2, 1);
	clrtoeol();
	draw_text(LINES - 2, 1, 24, line, ROLE_NORMAL);
	mvhline(LINES - 2, 26, ambi_ascii_on() ? '#' : ACS_CKBOARD, fill);
	refresh();
}

static void
audit_screen_verify(struct tui *t, struct audit_view *v)
{
	unsigned char head[32];
	char hex[65], *err = NULL;
	int64_t count;

	tui_status_now(t, _("checking the audit chain..."));
	v->chain_bad = ops_audit_verify(t->s, audit_progress, NULL, &count, head,
	    &err) < 0;
	if (!v->chain_bad) {
		hex_encode(head, 32, hex);
		snprintf(v->chain, sizeof v->chain, ngettext("Chain intact: %lld "
		    "record verified, head %.16s…", "Chain intact: %lld records "
		    "verified, head %.16s…", (unsigned long)count),
		    (long long)count, hex);
		tui_message(t, ROLE_OK, ngettext("audit chain intact: %lld record, "
		    "head %.16s…", "audit chain intact: %lld records, head "
		    "%.16s…", (unsigned long)count), (long long)count, hex);
	} else {
		snprintf(v->chain, sizeof v->chain, _("Chain BROKEN: %s"), err);
		tui_message(t, ROLE_ERROR, "%s", err);
	}
	free(err);
	v->skip = v->sel = 0;
}

static void
audit_move(struct audit_view *v, int by)
{
	v->sel += by;
	if (v->shown < v->skip + v->rows && v->sel >= v->shown)
		v->sel = v->shown - 1;	/* past the oldest record */
	if (v->sel < 0)
		v->sel = 0;
	if (v->sel < v->skip)
		v->skip = v->sel;
	if (v->sel >= v->skip + v->rows)
		v->skip = v->sel - v->rows + 1;
}

static int
audit_key_verify(struct tui *t, wint_t ch)
{
	(void)ch;
	audit_screen_verify(t, audit_state(t));
	return KEY_HANDLED;
}

static int
audit_key_sessions(struct tui *t, wint_t ch)
{
	struct audit_view *v = audit_state(t);

	(void)ch;
	v->hide_sessions = !v->hide_sessions;
	v->skip = v->sel = 0;
	tui_message(t, ROLE_NORMAL, "%s", v->hide_sessions ?
	    _("login and logout records hidden (l shows them)") :
	    _("login and logout records shown"));
	return KEY_HANDLED;
}

static int
audit_key_push(struct tui *t, wint_t ch)
{
	tui_push(t, ch == 'f' ? &screen_audit_filter : &screen_audit_export);
	return KEY_HANDLED;
}

static int
audit_key_open(struct tui *t, wint_t ch)
{
	struct audit_view *v = audit_state(t);

	(void)ch;
	if (v->sel - v->skip >= 0 && v->sel < v->shown) {
		v->open_seq = v->seqs[v->sel - v->skip];
		tui_push(t, &screen_audit_record);
	}
	return KEY_HANDLED;
}

static int
audit_key_move(struct tui *t, wint_t ch)
{
	struct audit_view *v = audit_state(t);

	audit_move(v, ch == KEY_DOWN ? 1 : ch == KEY_UP ? -1 :
	    ch == KEY_NPAGE ? v->rows : -v->rows);
	return KEY_HANDLED;
}

/* The key bar and the help's key list come from here. */
static const struct screen_key audit_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("open"), N_("opens the record with its "
	    "hashes"), audit_key_open },
	{ 'f', 'f', 0, "f", N_("filter"), N_("filters by days, user, action, "
	    "person or medium"), audit_key_push },
	{ 'l', 'l', 0, "l", N_("logins"), N_("hides or shows the login and "
	    "logout records that every command adds"), audit_key_sessions },
	{ 'v', 'v', 0, "v", N_("verify chain"), N_("re-checks the whole chain: "
	    "its head, or the first broken record"), audit_key_verify },
	{ 'e', 'e', 0, "e", N_("export"), N_("writes an export package for an "
	    "auditor"), audit_key_push },
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x93", NULL, N_("moves down (PgDn: "
	    "a page)"), audit_key_move },
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, N_("moves up (PgUp: a page)"),
	    audit_key_move },
	{ KEY_NPAGE, KEY_NPAGE, 1, "PgDn", NULL, NULL, audit_key_move },
	{ KEY_PPAGE, KEY_PPAGE, 1, "PgUp", NULL, NULL, audit_key_move },
	{ 0x1b, 0x1b, 0, "Esc", N_("back"), N_("goes back (q too)"), NULL },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

const struct screen screen_audit = {
	.crumb = N_("Audit"),
	.help = N_("The audit log, newest record first, in Japan time.\n"
	    "Every action is recorded with who did it and when;\n"
	    "each record is chained to the one before by its hash."),
	.enter = NULL,
	.draw = audit_draw,
	.reload = audit_reload,
	.key = NULL,
	.keys = audit_keys,
};
