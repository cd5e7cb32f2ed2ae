/* The five identity items, record | other source, side by side. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "tui/compare.h"
#include "tui/draw.h"
#include "tui/form.h"
#include "tui/wrap.h"
#include "util/i18n.h"

/* L10N: the five identity items compared with J-LIS or the resident
 * registry (氏名, カナ, 生年月日, 性別, 住所). */
static const char *const compare_items[COMPARE_NITEMS] = { N_("name"),
	N_("kana"), N_("birth"), N_("sex"), N_("address") };

/* The rows item i takes: two when a value wraps, but one when the items
 * still to come would otherwise lose their rows. */
static int
compare_need(const struct compare_rows *c, int i, int cw, int left)
{
	int need = wrap_rows(cw, c->value[0][i]), n2 = wrap_rows(cw,
	    c->value[1][i]);

	if (n2 > need)
		need = n2;
	if (need > 2)
		need = 2;
	if (need > left - (COMPARE_NITEMS - 1 - i))
		need = 1;
	return need;
}

int
compare_draw(const char *head, const struct compare_rows *c, int y, int rows)
{
	int lw = form_label_width(compare_items, COMPARE_NITEMS) - 2;
	int x0 = 5 + lw, cw = (COLS - x0 - 4) / 2, used = 1, i;

	if (rows < 1)
		return 0;
	draw_text(y, 2, COLS - 4, head, ROLE_TITLE);
	for (i = 0; i < COMPARE_NITEMS && used < rows; i++) {
		enum draw_role role = c->differs[i] ? ROLE_WARN : ROLE_NORMAL;
		int need = compare_need(c, i, cw, rows - used);

		draw_text(y + used, 2, 1, c->differs[i] ? "*" : " ", role);
		draw_text(y + used, 4, lw, _(compare_items[i]), role);
		draw_wrapped(y + used, x0, cw, need, c->value[0][i], role);
		draw_text(y + used, x0 + cw + 1, 1, "|", ROLE_NORMAL);
		draw_wrapped(y + used, x0 + cw + 3, cw, need, c->value[1][i], role);
		used += need;
	}
	if (c->reason != NULL && c->reason[0] != '\0' && used < rows) {
		char line[300];

		/* L10N: the reason of a no-error decision. */
		snprintf(line, sizeof line, _("reason: %s"), c->reason);
		draw_text(y + used++, 2, COLS - 4, line, ROLE_NORMAL);
	}
	return used;
}
