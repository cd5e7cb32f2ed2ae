/* Audit > filter and Audit > export: two small forms over the list's
 * state. Tab and the arrows move between fields, Enter applies, Esc leaves
 * without change. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/dates.h"
#include "domain/jstday.h"
#include "ops/export.h"
#include "ops/handover.h"
#include "tui/audit-view.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

enum { EF_FROM, EF_TO, EF_DIR, EF_COUNT };

struct audit_form {
	struct field f[AF_COUNT];	/* the filter uses 6, the export 3 */
	int focus, ready;
};

static struct audit_form *
form_state(struct tui *t)
{
	void **slot = &t->screen_state[t->depth - 1];

	if (*slot == NULL)
		*slot = xcalloc(1, sizeof(struct audit_form));
	return *slot;
}

static void
form_draw_fields(struct audit_form *a, const char *const *labels, int n,
    int top)
{
	int i, y = top + 1, cy = y;

	for (i = 0; i < n; i++, y += 2) {
		draw_text(y, 2, 20, _(labels[i]), ROLE_NORMAL);
		field_draw(&a->f[i], y, 24, 40, a->focus == i);
		if (a->focus == i)
			cy = y;
	}
	field_draw(&a->f[a->focus], cy, 24, 40, 1);
	curs_set(1);
}

static int
form_key_move(struct tui *t, wint_t ch, int n)
{
	struct audit_form *a = form_state(t);

	a->focus = field_focus_step(a->focus, n, ch);
	return KEY_HANDLED;
}

/* What the tables leave is typed into the focused field. */
static int
form_key(struct tui *t, wint_t ch, int is_fkey)
{
	struct audit_form *a = form_state(t);

	return field_key(&a->f[a->focus], ch, is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

static const char *const filter_labels[AF_COUNT] = { N_("From (YYYY-MM-DD)"),
    N_("To (YYYY-MM-DD)"), N_("User"), N_("Action (x.* family)"),
    N_("Person (key)"), N_("Medium (name)") };

static void
filter_draw(struct tui *t, int top, int rows)
{
	struct audit_form *a = form_state(t);
	struct audit_view *v = audit_parent_view(t);

	(void)rows;
	if (!a->ready && v != NULL) {
		memcpy(a->f, v->flt, sizeof a->f);
		a->ready = 1;
	}
	form_draw_fields(a, filter_labels, AF_COUNT, top);
	draw_text(top + 2 * AF_COUNT + 2, 2, COLS - 4, _("Empty fields do not "
	    "filter. Days are Japan time. Enter applies, Esc cancels."),
	    ROLE_NORMAL);
}

/* Both dates real days, or empty. */
static int
form_dates_ok(struct tui *t, struct audit_form *a, int from, int to)
{
	int idx[2] = { from, to }, i;

	for (i = 0; i < 2; i++) {
		char *s = field_text(&a->f[idx[i]]), *err = NULL;
		int bad = s[0] != '\0' && date_check(s, &err) < 0;

		if (bad) {
			tui_message(t, ROLE_ERROR, "%s", err);
			a->focus = idx[i];
		}
		free(err);
		free(s);
		if (bad)
			return 0;
	}
	return 1;
}

static int
filter_key_move(struct tui *t, wint_t ch)
{
	return form_key_move(t, ch, AF_COUNT);
}

static int
filter_key_enter(struct tui *t, wint_t ch)
{
	struct audit_form *a = form_state(t);
	struct audit_view *v = audit_parent_view(t);

	(void)ch;
	if (v == NULL || !form_dates_ok(t, a, AF_FROM, AF_TO))
		return KEY_HANDLED;
	memcpy(v->flt, a->f, sizeof v->flt);
	v->skip = v->sel = 0;
	curs_set(0);
	tui_message(t, ROLE_OK, "%s", _("filter applied"));
	return KEY_BACK;
}

static const struct screen_key filter_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("apply"), N_("applies the filter"),
	    filter_key_enter },
	FORM_KEYS_MOVE(filter_key_move),
	FORM_KEYS_END
};

const struct screen screen_audit_filter = {
	.crumb = N_("Filter"),
	.help = N_("Narrow the audit list.\n"
	    "From/To: Japan-local days, both included.\n"
	    "User: the user or the second person of a record.\n"
	    "Action: exact, or a family such as login.* or number.\n"
	    "Person, Medium: text found in the subject or the detail.\n"
	    "Tab moves, Enter applies, Esc cancels."),
	.enter = NULL,
	.draw = filter_draw,
	.key = form_key,
	.keys = filter_keys,
};

static const char *const export_labels[EF_COUNT] = { N_("From (YYYY-MM-DD)"),
    N_("To (YYYY-MM-DD)"), N_("New folder") };

static void
field_set(struct field *f, const char *s)
{
	field_clear(f);
	while (*s != '\0')
		field_key(f, (wint_t)(unsigned char)*s++, 0);
}

static void
export_draw(struct tui *t, int top, int rows)
{
	struct audit_form *a = form_state(t);

	(void)rows;
	if (!a->ready) {
		char today[11];

		jst_date_of(time(NULL), today);
		field_set(&a->f[EF_FROM], today);
		field_set(&a->f[EF_TO], today);
		a->ready = 1;
	}
	form_draw_fields(a, export_labels, EF_COUNT, top);
	draw_text(top + 2 * EF_COUNT + 2, 2, COLS - 4, _("The package gets the "
	    "period's audit records, a signed checkpoint, the account list and "
	    "counts, with a README for the auditor."), ROLE_NORMAL);
	draw_text(top + 2 * EF_COUNT + 3, 2, COLS - 4, _("The folder must be new "
	    "or empty. Enter writes it; the export is audited."), ROLE_NORMAL);
}

static void
export_progress(const char *file, void *arg)
{
	(void)arg;
	move(LINES - 2, 1);
	clrtoeol();
	draw_text(LINES - 2, 1, COLS - 2, file, ROLE_NORMAL);
	refresh();
}

static int
export_key_move(struct tui *t, wint_t ch)
{
	return form_key_move(t, ch, EF_COUNT);
}

static int
export_key_enter(struct tui *t, wint_t ch)
{
	struct audit_form *a = form_state(t);
	struct export_result res;
	char *from, *to, *dir, *err = NULL, *path = NULL;
	int rc;

	(void)ch;
	from = field_text(&a->f[EF_FROM]);
	to = field_text(&a->f[EF_TO]);
	dir = field_text(&a->f[EF_DIR]);
	if (dir[0] == '\0') {
		tui_message(t, ROLE_ERROR, "%s", _("give a new folder for the package"));
		a->focus = EF_DIR;
		rc = -1;
	} else {
		/* Service mode: a new folder in the outbox. */
		path = ops_handover_path(dir, HANDOVER_WRITE_DIR, &err);
		rc = path == NULL ? -1 : ops_audit_export(t->s, from, to, path,
		    export_progress, NULL, &res, &err);
		if (rc < 0) {
			tui_message(t, ROLE_ERROR, "%s", err);
			a->focus = date_check(from, NULL) < 0 ? EF_FROM :
			    date_check(to, NULL) < 0 ? EF_TO : EF_DIR;
		} else {
			tui_message(t, ROLE_OK, ngettext("exported %d file to %s: "
			    "records %lld-%lld, signed checkpoint of %lld",
			    "exported %d files to %s: records %lld-%lld, signed "
			    "checkpoint of %lld", (unsigned long)res.files),
			    res.files, dir,
			    (long long)res.first, (long long)res.last,
			    (long long)res.tree_size);
		}
	}
	free(err);
	free(from);
	free(to);
	free(dir);
	free(path);
	if (rc == 0)
		curs_set(0);
	return rc == 0 ? KEY_BACK : KEY_HANDLED;
}

static const struct screen_key export_keys[] = {
	{ '\n', '\n', 0, "Enter", N_("export"), N_("writes the package"),
	    export_key_enter },
	FORM_KEYS_MOVE(export_key_move),
	FORM_KEYS_END
};

const struct screen screen_audit_export = {
	.crumb = N_("Export"),
	.help = N_("Write an export package for an auditor or the commission.\n"
	    "From/To: Japan-local days, both included.\n"
	    "The folder must not exist yet, or be empty.\n"
	    "Check the package later with: mynadesk export verify FOLDER\n"
	    "Tab moves, Enter writes, Esc cancels."),
	.enter = NULL,
	.draw = export_draw,
	.key = form_key,
	.keys = export_keys,
};
