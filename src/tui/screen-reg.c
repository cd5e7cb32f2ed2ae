/* Home > Registration (登録): per kind of dataset, the files waiting for
 * the intermediate server's result, refused rows to correct and changes
 * not yet sent; below, the newest files with their result. Enter on a file
 * lists its refused rows; x writes the kind's differential, i imports a
 * result file, h shows a person's registration history. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/figures.h"
#include "tui/person-text.h"
#include "tui/reg-screen.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct reg_screen *
rg_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct reg_screen *r = xcalloc(1, sizeof *r);

		r->stale = 1;
		*slot = r;
	}
	return *slot;
}

static int
rg_add_file(const struct regfile_recent *f, void *arg)
{
	struct reg_screen *r = arg;

	if (r->nfiles == REG_RECENT_MAX)
		return 1;
	r->file[r->nfiles++] = *f;
	return 0;
}

/* The newest files: one short query, read on entry and when the vault
 * changed. */
void
rg_load(struct tui *t, struct reg_screen *r)
{
	char *err = NULL;

	r->stale = 0;
	r->nfiles = 0;
	if (ops_reg_recent(t->s, REG_RECENT_MAX, rg_add_file, r, &err) < 0)
		r->nfiles = 0;
	if (err != NULL) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
	}
	list_clamp(&r->fv, r->nfiles, r->fv.rows);
}

/* The counts per kind walk the change marks (half a second at 400,000
 * persons): they come from the frame's figures, counted off the key path,
 * and show as "..." until they are in. */
static void
rg_figures(struct tui *t, struct reg_screen *r)
{
	const char *err = NULL;
	const struct figures *f = tui_figures(t, &err, NULL);

	r->pending_ok = f != NULL;
	if (f != NULL)
		r->p = f->p;
	snprintf(r->perr, sizeof r->perr, "%s", err != NULL ? err : "");
}

/* Read when entered (stale), and again when the vault changed since:
 * draw only draws what was read. */
static void
rg_reload(struct tui *t)
{
	struct reg_screen *r = rg_state(t);

	rg_figures(t, r);
	if (tui_vault_changed(t, &r->stamp) || r->stale)
		rg_load(t, r);
}

static void
rg_enter(struct tui *t)
{
	rg_reload(t);
	tui_message(t, ROLE_NORMAL, "%s", _("Tab: kinds or files; x writes "
	    "the chosen kind's changes"));
}

static void
rg_kind_row(int y, const char *kind, const char *a, const char *f,
    const char *c, const char *about, enum draw_role role, enum draw_role frole)
{
	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	draw_text(y, 2, 14, kind, role);
	draw_text_right(y, 26, a, role);
	draw_text_right(y, 36, f, role == ROLE_SELECTED ? role : frole);
	draw_text_right(y, 46, c, role);
	if (COLS > 50)
		draw_text(y, 49, COLS - 50, about, role);
}

/* A count, or "..." while the figures are being counted. */
static void
rg_count(char *out, size_t len, const struct reg_screen *r, long long n)
{
	if (r->pending_ok)
		snprintf(out, len, "%lld", n);
	else
		snprintf(out, len, "...");
}

static void
rg_draw_kinds(struct reg_screen *r, int top)
{
	char a[24], f[24], c[24];
	int k;

	/* L10N: column heads of the registration kinds (待ち, エラー, 差分). */
	rg_kind_row(top, _("kind"), _("awaiting"), _("refused"), _("changes"), "",
	    ROLE_TITLE, ROLE_TITLE);
	for (k = 0; k < REG_NKINDS; k++) {
		enum draw_role role = r->focus == 0 && k == r->ksel ? ROLE_SELECTED :
		    ROLE_NORMAL;

		rg_count(a, sizeof a, r, r->p.awaiting[k]);
		rg_count(f, sizeof f, r, r->p.failed[k]);
		if (!r->pending_ok)
			rg_count(c, sizeof c, r, 0);
		else if (r->p.changes[k] < 0)
			snprintf(c, sizeof c, "-");
		else
			snprintf(c, sizeof c, "%lld", r->p.changes[k]);
		/* The chosen kind stays marked while the files have the focus. */
		if (r->focus != 0 && k == r->ksel)
			draw_text(top + 1 + k, 0, 1, ">", ROLE_NORMAL);
		rg_kind_row(top + 1 + k, reg_kind_name((enum reg_kind)k), a, f, c,
		    reg_kind_label(k), role, r->pending_ok && r->p.failed[k] > 0 ?
		    ROLE_WARN : ROLE_NORMAL);
	}
}

/* "awaiting the result" or "2 accepted, 1 refused". */
static void
rg_result_text(const struct regfile_recent *f, char *out, size_t len,
    enum draw_role *role)
{
	*role = ROLE_NORMAL;
	if (f->resulted[0] == '\0') {
		/* L10N: a registration file whose result is not imported yet. */
		snprintf(out, len, "%s", _("awaiting result"));
		*role = ROLE_WARN;
	} else if (f->failed > 0) {
		/* L10N: the result of a registration file. */
		snprintf(out, len, _("%lld ok, %lld refused"), f->accepted, f->failed);
		*role = ROLE_WARN;
	} else {
		snprintf(out, len, _("%lld ok"), f->accepted);
		*role = ROLE_OK;
	}
}

static void
rg_file_row(int y, const char *date, const char *file, const char *records,
    const char *result, enum draw_role role, enum draw_role rrole)
{
	int fw = COLS - 2 - 11 - 8 - 18;

	if (fw > 44)
		fw = 44;
	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	draw_text(y, 2, 10, date, role);
	draw_text(y, 13, fw, file, role);
	draw_text_right(y, 13 + fw + 7, records, role);
	if (13 + fw + 8 < COLS - 1)
		draw_text(y, 13 + fw + 9, COLS - 14 - fw - 9, result,
		    role == ROLE_SELECTED ? role : rrole);
}

/* The list widget's ctx is the screen; the files' rows are chosen only
 * while the focus is on them. */
static void
rg_file_draw_row(void *ctx, int i, int y, int selected)
{
	const struct reg_screen *r = ctx;
	const struct regfile_recent *f = &r->file[i];
	char rec[24], res[96], date[11];
	enum draw_role rrole;

	snprintf(date, sizeof date, "%.10s", f->created);
	snprintf(rec, sizeof rec, "%lld", f->records);
	rg_result_text(f, res, sizeof res, &rrole);
	rg_file_row(y, date, f->file, rec, res, r->focus == 1 && selected ?
	    ROLE_SELECTED : ROLE_NORMAL, rrole);
}

static void
rg_draw_files(struct reg_screen *r, int top, int rows)
{
	draw_text(top, 2, COLS - 4, _("Registration files, newest first"),
	    ROLE_TITLE);
	if (r->nfiles == 0) {
		draw_text(top + 1, 2, COLS - 4, _("No file written yet: x writes "
		    "the chosen kind's changes."), ROLE_NORMAL);
		return;
	}
	/* L10N: column heads of the registration file list. */
	rg_file_row(top + 1, _("date"), _("file"), _("records"), _("result"),
	    ROLE_TITLE, ROLE_TITLE);
	list_show(&r->fv, r->nfiles, 0, top + 2, rows - 2, top,
	    rg_file_draw_row, r);
}

static void
rg_draw(struct tui *t, int top, int rows)
{
	struct reg_screen *r = rg_state(t);

	switch (r->mode) {
	case RG_LIST:
		if (r->perr[0] != '\0') {
			draw_text(top, 2, COLS - 4, r->perr, ROLE_ERROR);
			return;
		}
		rg_draw_kinds(r, top);
		rg_draw_files(r, top + REG_NKINDS + 2, rows - REG_NKINDS - 2);
		break;
	case RG_RESULT:
		rg_draw_result(r, top, rows);
		break;
	default:
		rg_draw_form(t, r, top);
	}
}

static int
rg_open_file(struct tui *t, struct reg_screen *r)
{
	const struct regfile_recent *f;

	if (r->nfiles == 0)
		return KEY_HANDLED;
	f = &r->file[r->fv.sel];
	if (f->resulted[0] == '\0') {
		tui_message(t, ROLE_WARN, "%s", _("this file waits for its result: "
		    "import it with i first"));
		return KEY_HANDLED;
	}
	tui_push_arg(t, &screen_reg_refused, f->file, f->id);
	return KEY_HANDLED;
}

/* The kinds are a short list that always fits: only the selection. */
static int
rg_key_move(struct tui *t, struct reg_screen *r, wint_t ch)
{
	struct list_view kv = { r->ksel, 0, REG_NKINDS };

	if (r->focus == 1)
		return list_move(t, &r->fv, r->nfiles, (int)ch);
	list_key(&kv, REG_NKINDS, REG_NKINDS, (int)ch, 1);
	r->ksel = kv.sel;
	return KEY_HANDLED;
}

static int
rg_key_switch(struct tui *t, wint_t ch)
{
	struct reg_screen *r = rg_state(t);

	(void)ch;
	r->focus = !r->focus;
	return KEY_HANDLED;
}

static int
rg_key_enter(struct tui *t, wint_t ch)
{
	struct reg_screen *r = rg_state(t);

	(void)ch;
	if (r->focus == 0) {
		r->focus = 1;
		return KEY_HANDLED;
	}
	return rg_open_file(t, r);
}

static int
rg_key_arrow(struct tui *t, wint_t ch)
{
	return rg_key_move(t, rg_state(t), ch);
}

static int
rg_key_open_form(struct tui *t, wint_t ch)
{
	rg_form(rg_state(t), ch == 'x' ? RG_EXPORT : ch == 'i' ? RG_IMPORT :
	    RG_HISTORY);
	t->message[0] = '\0';
	return KEY_HANDLED;
}

static int
rg_key_result_close(struct tui *t, wint_t ch)
{
	(void)ch;
	rg_state(t)->mode = RG_LIST;
	return KEY_HANDLED;
}

/* Only the forms type: the list and the result panel have no field. */
static int
rg_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct reg_screen *r = rg_state(t);

	if (r->mode == RG_LIST || r->mode == RG_RESULT)
		return KEY_IGNORED;
	return rg_key_form(t, ch, is_fkey);
}

static const struct screen_key rg_list_keys[] = {
	{ '\t', '\t', 0, "Tab", N_("switch"), N_("switches between the kinds "
	    "and the files"), rg_key_switch },
	{ KEY_BTAB, KEY_BTAB, 1, "S-Tab", NULL, NULL, rg_key_switch },
	LIST_KEYS_MOVE_AS(NULL, N_("chooses a kind or a file (PgUp/PgDn: a "
	    "page)"), rg_key_arrow),
	{ '\n', '\n', 0, "Enter", N_("refused"), N_("on a file: lists its "
	    "refused rows"), rg_key_enter },
	{ 'x', 'x', 0, "x", N_("export"), N_("writes the chosen kind's changes "
	    "into a folder"), rg_key_open_form },
	{ 'i', 'i', 0, "i", N_("import"), N_("imports a result file"),
	    rg_key_open_form },
	{ 'h', 'h', 0, "h", N_("history"), N_("shows what was registered for "
	    "one person"), rg_key_open_form },
	KEYS_END
};

static const struct screen_key rg_result_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("close"), N_("closes the result, back "
	    "to the list (Esc too)"), rg_key_result_close },
	{ 0x1b, 0x1b, 0, "Esc", NULL, NULL, rg_key_result_close },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

static const struct screen_key *
rg_keys_now(struct tui *t)
{
	switch (rg_state(t)->mode) {
	case RG_LIST: return rg_list_keys;
	case RG_RESULT: return rg_result_keys;
	default: return rg_form_keys;
	}
}

const struct screen screen_registration = {
	/* L10N: breadcrumb and home area: registration with the intermediate
	 * server (登録). */
	.crumb = N_("Registration"),
	.help = N_("Registration with the intermediate server.\n"
	    "Top: per kind, files awaiting their result, rows the\n"
	    "server refused (to correct and send again) and\n"
	    "changes not yet sent ('-': from an input file).\n"
	    "Below: the newest files and their result.\n"
	    "Tab switches between kinds and files; arrows choose.\n"
	    "Enter on a file lists its refused rows with the\n"
	    "server's messages for the correction.\n"
	    "x writes the chosen kind's changes (differential)\n"
	    "into a folder you type; i imports a result file;\n"
	    "h shows what was registered for one person.\n"
	    "Refused rows are sent again by an administrator\n"
	    "(a resend, from the command line).\n"
	    "Esc goes back."),
	.enter = rg_enter,
	.draw = rg_draw,
	.key = rg_key,
	.keys = rg_list_keys,
	.keys_now = rg_keys_now,
	.reload = rg_reload,
};
