/* Labelled fields, drawn the same on every form: the label column is as
 * wide as the longest translated label, so Japanese and English line up. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/form.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/text.h"

int
form_label_width(const char *const *labels, int n)
{
	int i, w = 0;

	for (i = 0; i < n; i++)
		if (text_width(_(labels[i])) > w)
			w = text_width(_(labels[i]));
	return w + 2;
}

void
form_draw_fields(const struct field *f, const char *const *labels, int n,
    int focus, int y, int step, int cols)
{
	int lw = form_label_width(labels, n), x = 2 + lw, i;

	if (cols <= 0)
		cols = COLS - 2 - x;

	for (i = 0; i < n; i++) {
		draw_text(y + step * i, 2, lw, _(labels[i]), ROLE_NORMAL);
		field_draw(&f[i], y + step * i, x, cols, 0);
	}
	field_draw(&f[focus], y + step * focus, x, cols, 1);
	curs_set(1);
}

int
form_refused_focus(const char *name, const char *user, int name_field,
    int pw_field)
{
	return name[0] == '\0' || strcmp(name, user) == 0 ? name_field :
	    pw_field;
}

struct witness *
form_witness(struct tui *t, struct field *f, int name_field, int pw_field,
    int *focus, char **err)
{
	char *name = field_text(&f[name_field]), *pw = field_text(&f[pw_field]);
	struct witness *w = NULL;

	field_clear(&f[pw_field]);
	tui_status_now(t, _("checking the password..."));
	/* ops_witness_check wipes pw: only the handle outlives this call. */
	if (ops_witness_check(t->s, name, pw, &w, err) < 0)
		*focus = form_refused_focus(name, t->s->user, name_field,
		    pw_field);
	secret_free_str(name);
	secret_free_str(pw);
	return w;
}
