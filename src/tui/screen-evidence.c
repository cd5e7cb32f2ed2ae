/* Home > Evidence: the files kept in the vault (test screenshots, scanned
 * forms, result files). Enter shows one; a adds a file from a typed path,
 * g writes a copy to a typed path. Both are audited by ops. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "domain/evidence.h"
#include "domain/jstday.h"
#include "ops/evidence.h"
#include "ops/handover.h"
#include "ops/settings.h"
#include "tui/form.h"
#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define EV_MAX 300

enum ev_mode { EV_LIST, EV_DETAIL, EV_ADD, EV_GET };
enum { EF_PATH, EF_TITLE, EF_ABOUT, EF_COUNT };

/* The frame frees the state with free(): nothing here owns memory. */
struct ev_screen {
	unsigned long long stamp;	/* tui_vault_changed */
	struct evidence_meta row[EV_MAX];
	int n, more, sel, scroll;
	int stale;
	enum ev_mode mode;
	struct field f[EF_COUNT];
	int focus;
	long max_mb;		/* the size limit, read when the add form opens */
};

static struct ev_screen *
ev_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL) {
		struct ev_screen *e = xcalloc(1, sizeof *e);

		e->stale = 1;
		*slot = e;
	}
	return *slot;
}

static int
ev_add_row(const struct evidence_meta *m, void *arg)
{
	struct ev_screen *e = arg;

	if (e->n == EV_MAX) {
		e->more = 1;
		return 1;
	}
	e->row[e->n++] = *m;
	return 0;
}

static void
ev_load(struct tui *t, struct ev_screen *e)
{
	char *err = NULL;

	e->n = e->more = e->stale = 0;
	if (ops_evidence_list(t->s, ev_add_row, e, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
		free(err);
	}
	if (e->sel >= e->n)
		e->sel = e->n > 0 ? e->n - 1 : 0;
}

/* "12.3 KB": sizes for people; the exact count is on the detail view. */
static void
ev_size(long long n, char *out, size_t len)
{
	if (n < 1024)
		snprintf(out, len, "%lld B", n);
	else if (n < 1024 * 1024)
		snprintf(out, len, "%.1f KB", n / 1024.0);
	else
		snprintf(out, len, "%.1f MB", n / 1048576.0);
}

static void
ev_line(int y, const char *id, const char *date, const char *who,
    const char *title, const char *about, const char *size, const char *type,
    enum draw_role role)
{
	int wide = COLS >= 100, x = 2, tw;

	if (role == ROLE_SELECTED)
		draw_line(y, ROLE_SELECTED);
	draw_text(y, x, 5, id, role);
	x += 6;
	draw_text(y, x, 10, date, role);
	x += 11;
	draw_text(y, x, 10, who, role);
	x += 11;
	/* The title takes what the fixed columns leave. */
	tw = COLS - x - (wide ? 47 : 29);
	if (tw < 10)
		tw = 10;
	draw_text(y, x, tw, title, role);
	x += tw + 1;
	if (wide) {
		draw_text(y, x, 16, about, role);
		x += 17;
	}
	draw_text(y, x, 9, size, role);
	x += 10;
	if (x < COLS - 1)
		draw_text(y, x, COLS - 1 - x, type, role);
}

static void
ev_draw_list(struct tui *t, struct ev_screen *e, int top, int rows)
{
	char head[128], id[16], size[24];
	int i, y, list_rows = rows - 2;

	(void)t;
	if (e->more)
		/* L10N: %d is how many of the newest files are listed. */
		snprintf(head, sizeof head, _("Evidence in the vault, newest first "
		    "(the first %d)"), EV_MAX);
	else
		/* L10N: %d is the number of evidence files. */
		snprintf(head, sizeof head, _("Evidence in the vault, newest first: "
		    "%d"), e->n);
	draw_text(top, 2, COLS - 4, head, ROLE_TITLE);
	/* L10N: column heads of the evidence list. */
	ev_line(top + 1, _("id"), _("date"), _("who"), _("title"), _("about"),
	    _("size"), _("type"), ROLE_TITLE);
	if (e->n == 0) {
		draw_text(top + 2, 2, COLS - 4, _("No evidence yet: press a to add a "
		    "file."), ROLE_NORMAL);
		return;
	}
	if (e->sel < e->scroll)
		e->scroll = e->sel;
	if (list_rows > 0 && e->sel >= e->scroll + list_rows)
		e->scroll = e->sel - list_rows + 1;
	for (i = e->scroll, y = top + 2; i < e->n && y < top + rows; i++, y++) {
		const struct evidence_meta *m = &e->row[i];
		char date[11];

		snprintf(id, sizeof id, "%lld", (long long)m->id);
		snprintf(date, sizeof date, "%.10s", m->added);
		ev_size(m->size, size, sizeof size);
		ev_line(y, id, date, m->actor, m->title, m->about[0] ? m->about : "-",
		    size, m->type, i == e->sel ? ROLE_SELECTED : ROLE_NORMAL);
	}
}

static void
ev_draw_detail(struct ev_screen *e, int top)
{
	const struct evidence_meta *m = &e->row[e->sel];
	/* L10N: labels of the evidence detail view. */
	const char *labels[] = { N_("Id"), N_("Title"), N_("About"), N_("Added"),
	    N_("By"), N_("File name"), N_("Size"), N_("Type"), N_("SHA-256") };
	char v[9][320], jst[20];
	int i, lw = 0;

	snprintf(v[0], sizeof v[0], "%lld", (long long)m->id);
	snprintf(v[1], sizeof v[1], "%s", m->title);
	snprintf(v[2], sizeof v[2], "%s", m->about[0] ? m->about : "-");
	jst_from_utc(m->added, jst);
	/* L10N: a time shown in Japan time; %s is YYYY-MM-DD HH:MM:SS. */
	snprintf(v[3], sizeof v[3], _("%s (Japan time)"), jst);
	snprintf(v[4], sizeof v[4], "%s", m->actor);
	snprintf(v[5], sizeof v[5], "%s", m->file);
	/* L10N: %lld is a size in bytes. */
	snprintf(v[6], sizeof v[6], ngettext("%lld byte", "%lld bytes",
	    (unsigned long)m->size), (long long)m->size);
	snprintf(v[7], sizeof v[7], "%s", m->type);
	snprintf(v[8], sizeof v[8], "%s", m->sha256);
	for (i = 0; i < 9; i++)
		if (text_width(_(labels[i])) > lw)
			lw = text_width(_(labels[i]));
	for (i = 0; i < 9; i++) {
		draw_text(top + i, 2, lw, _(labels[i]), ROLE_TITLE);
		draw_text(top + i, 4 + lw, COLS - 6 - lw, v[i], ROLE_NORMAL);
	}
	draw_text(top + 10, 2, COLS - 4, _("g writes a copy to a new file; the "
	    "SHA-256 is checked on the way out."), ROLE_NORMAL);
}

static const char *const ev_labels[EF_COUNT] = { N_("File path"), N_("Title"),
	N_("About") };

static void
ev_draw_form(struct ev_screen *e, int top)
{
	int lw = form_label_width(ev_labels, EF_COUNT), x = 2 + lw;
	int fw = COLS - x - 2, i, last;
	char buf[320];

	if (e->mode == EV_ADD) {
		/* L10N: %ld is the size limit in megabytes. */
		snprintf(buf, sizeof buf, _("Add a file to the vault (up to %ld MB)."),
		    e->max_mb);
		draw_text(top, 2, COLS - 4, buf, ROLE_NORMAL);
		last = EF_ABOUT;
	} else {
		/* L10N: %lld is the evidence id, %s its title. */
		snprintf(buf, sizeof buf, _("Write a copy of evidence %lld (%s) to "
		    "a new file:"), (long long)e->row[e->sel].id,
		    e->row[e->sel].title);
		draw_text(top, 2, COLS - 4, buf, ROLE_NORMAL);
		last = EF_PATH;
	}
	for (i = 0; i <= last; i++) {
		draw_text(top + 2 + 2 * i, 2, lw, _(ev_labels[i]), ROLE_NORMAL);
		field_draw(&e->f[i], top + 2 + 2 * i, x, fw, 0);
	}
	if (e->mode == EV_ADD)
		draw_text(top + 7, x, fw, _("optional: person:KEY, medium:ID or "
		    "test:NAME"), ROLE_NORMAL);
	draw_text(top + 9, 2, COLS - 4, e->mode == EV_ADD ? _("Enter on the last "
	    "field adds the file; Esc cancels.") : _("Enter writes the copy (never "
	    "over an existing file); Esc cancels."), ROLE_NORMAL);
	/* The focused field last, so the cursor ends up in it. */
	field_draw(&e->f[e->focus], top + 2 + 2 * e->focus, x, fw, 1);
	curs_set(1);
}

static void
ev_draw(struct tui *t, int top, int rows)
{
	struct ev_screen *e = ev_state(t);

	switch (e->mode) {
	case EV_DETAIL:
		if (e->n > 0) {
			ev_draw_detail(e, top);
			break;
		}
		e->mode = EV_LIST;
		/* FALLTHROUGH */
	case EV_LIST:
		ev_draw_list(t, e, top, rows);
		break;
	default:
		ev_draw_form(e, top);
	}
}

static void
ev_form(struct ev_screen *e, enum ev_mode mode)
{
	int i;

	for (i = 0; i < EF_COUNT; i++)
		field_clear(&e->f[i]);
	e->focus = EF_PATH;
	e->mode = mode;
}

/* The field in error gets the cursor: the same checks ops makes first. */
static int
ev_field_in_error(const char *path, const char *title, const char *about)
{
	enum evidence_about_kind kind;
	char value[EVIDENCE_ABOUT_MAX];

	if (evidence_title_check(title, NULL) < 0)
		return EF_TITLE;
	if (evidence_about_parse(about, &kind, value, NULL) < 0)
		return EF_ABOUT;
	/* A readable file and a person: the key is not in the vault. */
	if (kind == ABOUT_PERSON && access(path, R_OK) == 0)
		return EF_ABOUT;
	return EF_PATH;
}

/* Why ops refused the file, in the form's own words where its message
 * speaks the command line's (the setting's name, --about): a file over
 * the limit, or a person or medium the vault does not have. */
static void
ev_add_refused(struct tui *t, struct ev_screen *e, const char *path,
    const char *title, const char *about, const char *err)
{
	struct stat sb;

	e->focus = ev_field_in_error(path, title, about);
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size > (off_t)e->max_mb * 1048576) {
		/* L10N: %.1f the file's size in MB, %ld the limit. */
		tui_message(t, ROLE_ERROR, _("the file is %.1f MB; evidence is "
		    "kept up to %ld MB. Shrink or split it, or ask an "
		    "administrator to raise the limit."), (double)sb.st_size /
		    1048576, e->max_mb);
		e->focus = EF_PATH;
	} else if (about[0] != '\0' && access(path, R_OK) == 0 &&
	    evidence_title_check(title, NULL) == 0 &&
	    strncmp(about, "test:", 5) != 0) {
		tui_message(t, ROLE_ERROR, "%s", _("About: the vault has no such "
		    "person or medium. Type the key or the ID as the lists show "
		    "it."));
		e->focus = EF_ABOUT;
	} else {
		tui_message(t, ROLE_ERROR, "%s", err);
	}
}

static int
ev_submit_add(struct tui *t, struct ev_screen *e)
{
	char *typed = field_text(&e->f[EF_PATH]), *title = field_text(&e->f[EF_TITLE]);
	char *about = field_text(&e->f[EF_ABOUT]), *err = NULL;
	/* Service mode: only a file of the inbox. */
	char *path = ops_handover_path(typed, HANDOVER_READ, &err);
	struct evidence_add_request rq = { path, title, about[0] ? about : NULL };
	struct evidence_meta m;
	enum evidence_about_kind kind;
	char value[EVIDENCE_ABOUT_MAX];

	/* The store's message names the command line's --about; the form
	 * says it in its own words and keeps the cursor there. */
	if (path != NULL && evidence_about_parse(about, &kind, value, NULL) < 0) {
		tui_message(t, ROLE_ERROR, "%s", _("About: person:KEY, medium:ID or "
		    "test:NAME after the colon, or leave it empty"));
		e->focus = EF_ABOUT;
	} else if (path == NULL) {
		tui_message(t, ROLE_ERROR, "%s", err);
		e->focus = EF_PATH;
	} else if (ops_evidence_add(t->s, &rq, &m, &err) < 0) {
		ev_add_refused(t, e, path, title, about, err);
	} else {
		/* L10N: %lld id, %s type, %.12s the start of the SHA-256. */
		tui_message(t, ROLE_OK, _("evidence %lld added: %s, sha256 %.12s…"),
		    (long long)m.id, m.type, m.sha256);
		e->mode = EV_LIST;
		e->stale = 1;
		e->sel = 0;	/* newest first: the new file is on top */
	}
	free(err);
	free(path);
	secret_free_str(typed);
	secret_free_str(title);
	secret_free_str(about);
	return KEY_HANDLED;
}

static int
ev_submit_get(struct tui *t, struct ev_screen *e)
{
	char *typed = field_text(&e->f[EF_PATH]), *err = NULL;
	char *path = ops_handover_path(typed, HANDOVER_WRITE_FILE, &err);
	struct evidence_meta m;

	/* ops asks the command line for --out; the form asks for its field. */
	if (typed[0] == '\0') {
		tui_message(t, ROLE_ERROR, "%s", _("type the file to write the "
		    "copy to"));
	} else if (path == NULL ||
	    ops_evidence_get(t->s, e->row[e->sel].id, path, &m, &err) < 0) {
		tui_message(t, ROLE_ERROR, "%s", err);
	} else {
		/* L10N: %lld id, %s the file written. */
		tui_message(t, ROLE_OK, _("evidence %lld written to %s, SHA-256 "
		    "checked"), (long long)m.id, typed);
		e->mode = EV_DETAIL;
	}
	free(err);
	free(path);
	secret_free_str(typed);
	return KEY_HANDLED;
}

static int
ev_form_last(const struct ev_screen *e)
{
	return e->mode == EV_ADD ? EF_ABOUT : EF_PATH;
}

static int
ev_key_form_esc(struct tui *t, wint_t ch)
{
	struct ev_screen *e = ev_state(t);

	(void)ch;
	e->mode = e->mode == EV_GET ? EV_DETAIL : EV_LIST;
	tui_message(t, ROLE_NORMAL, "%s", _("nothing was changed"));
	return KEY_HANDLED;
}

static int
ev_key_form_enter(struct tui *t, wint_t ch)
{
	struct ev_screen *e = ev_state(t);

	(void)ch;
	if (e->focus < ev_form_last(e)) {
		e->focus++;
		return KEY_HANDLED;
	}
	return e->mode == EV_ADD ? ev_submit_add(t, e) : ev_submit_get(t, e);
}

static int
ev_key_form_move(struct tui *t, wint_t ch)
{
	struct ev_screen *e = ev_state(t);

	if (tui_form_single(t, ev_form_last(e) + 1))
		return KEY_HANDLED;
	e->focus = field_focus_step(e->focus, ev_form_last(e) + 1, ch);
	return KEY_HANDLED;
}

static int
ev_key_move(struct tui *t, wint_t ch)
{
	struct ev_screen *e = ev_state(t);
	int page = LINES - 10 > 1 ? LINES - 10 : 1;

	if (tui_list_short(t, e->n))
		return KEY_HANDLED;

	if (ch == KEY_DOWN || ch == KEY_NPAGE)
		e->sel += ch == KEY_DOWN ? 1 : page;
	else
		e->sel -= ch == KEY_UP ? 1 : page;
	if (e->sel >= e->n)
		e->sel = e->n > 0 ? e->n - 1 : 0;
	if (e->sel < 0)
		e->sel = 0;
	return KEY_HANDLED;
}

static int
ev_key_add(struct tui *t, wint_t ch)
{
	struct ev_screen *e = ev_state(t);

	(void)ch;
	e->max_mb = ops_settings_get(t->s, "evidence-max-mb",
	    EVIDENCE_MAX_MB_DEFAULT);
	ev_form(e, EV_ADD);
	return KEY_HANDLED;
}

/* Enter shows the chosen file, g writes a copy of it. */
static int
ev_key_file(struct tui *t, wint_t ch)
{
	struct ev_screen *e = ev_state(t);

	if (e->n == 0) {
		tui_message(t, ROLE_NORMAL, "%s", _("no evidence file yet: a adds "
		    "one"));
		return KEY_HANDLED;
	}
	if (ch == 'g')
		ev_form(e, EV_GET);
	else
		e->mode = EV_DETAIL;
	return KEY_HANDLED;
}

static int
ev_key_detail_esc(struct tui *t, wint_t ch)
{
	(void)ch;
	ev_state(t)->mode = EV_LIST;
	return KEY_HANDLED;
}

/* The add and copy forms type into their fields. */
static int
ev_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct ev_screen *e = ev_state(t);

	if (e->mode != EV_ADD && e->mode != EV_GET)
		return KEY_IGNORED;
	return field_key(&e->f[e->focus], ch, is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

#define EV_KEYS_FILE \
	{ 'a', 'a', 0, "a", N_("add"), N_("adds a file"), ev_key_add }, \
	{ 'g', 'g', 0, "g", N_("copy out"), N_("writes a copy of the chosen " \
	    "file to a new path"), ev_key_file }

static const struct screen_key ev_list_keys[] = {
	{ KEY_DOWN, KEY_DOWN, 1, "\xe2\x86\x91\xe2\x86\x93", N_("choose"),
	    N_("chooses a file (PgUp/PgDn: a page)"), ev_key_move },
	{ KEY_UP, KEY_UP, 1, "\xe2\x86\x91", NULL, NULL, ev_key_move },
	{ KEY_NPAGE, KEY_NPAGE, 1, "PgDn", NULL, NULL, ev_key_move },
	{ KEY_PPAGE, KEY_PPAGE, 1, "PgUp", NULL, NULL, ev_key_move },
	{ '\n', '\n', 0, "Enter", N_("show"), N_("shows the chosen file with "
	    "its SHA-256"), ev_key_file },
	EV_KEYS_FILE,
	KEYS_END
};

static const struct screen_key ev_detail_keys[] = {
	EV_KEYS_FILE,
	{ 0x1b, 0x1b, 0, "Esc", N_("back"), N_("back to the list"),
	    ev_key_detail_esc },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

static const struct screen_key ev_form_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("next / save"), N_("moves on; on the last "
	    "field, adds or writes the file"), ev_key_form_enter },
	FORM_KEYS_MOVE(ev_key_form_move),
	{ 0x1b, 0x1b, 0, "Esc", N_("cancel"), N_("cancels; nothing is changed"),
	    ev_key_form_esc },
	{ KEY_F(1), KEY_F(1), 1, "F1", N_("help"), N_("this help"), NULL },
	{ 0, 0, 0, NULL, NULL, NULL, NULL }
};

static const struct screen_key *
ev_keys_now(struct tui *t)
{
	struct ev_screen *e = ev_state(t);

	if (e->mode == EV_ADD || e->mode == EV_GET)
		return ev_form_keys;
	return e->mode == EV_DETAIL ? ev_detail_keys : ev_list_keys;
}

/* Read when entered (stale), and again when the vault changed since:
 * draw only draws what was read. */
static void
ev_reload(struct tui *t)
{
	struct ev_screen *e = ev_state(t);

	if (tui_vault_changed(t, &e->stamp) || e->stale)
		ev_load(t, e);
}

const struct screen screen_evidence = {
	/* L10N: breadcrumb and home area: evidence files (証跡). */
	.crumb = N_("Evidence"),
	.help = N_("Files kept as evidence in the encrypted vault:\n"
	    "test screenshots, scanned forms, result files.\n"
	    "Up/Down choose; Enter shows one with its SHA-256.\n"
	    "a adds a file: type its path, a title and, if\n"
	    "it concerns one, person:KEY, medium:ID or test:NAME.\n"
	    "g writes a copy of the chosen file to a new path;\n"
	    "an existing file is never overwritten, and the\n"
	    "SHA-256 is checked again on the way out.\n"
	    "Adding and copying are recorded in the audit log.\n"
	    "The size limit (20 MB unless an administrator\n"
	    "changed it) shows on the add form.\n"
	    "Esc goes back one step."),
	.enter = NULL,
	.draw = ev_draw,
	.key = ev_key,
	.keys = ev_list_keys,
	.keys_now = ev_keys_now,
	.reload = ev_reload,
};
