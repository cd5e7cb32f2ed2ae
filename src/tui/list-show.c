/* The list widget's drawing and keys: every list screen shows its rows,
 * its position and its "more" marks the same way, and moves the same
 * way, so none of them keeps its own copy of the scrolling. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "tui/list.h"
#include "tui/screens.h"

void
list_show(struct list_view *v, int n, int more, int top, int rows,
    int pos_y, list_row_fn row, void *ctx)
{
	char pos[64];
	int i;

	v->rows = rows > 1 ? rows : 1;
	list_clamp(v, n, v->rows);
	list_position(v, n, more, v->rows, pos, sizeof pos);
	if (pos[0] != '\0')
		draw_text_right(pos_y, COLS - 2, pos, ROLE_NORMAL);
	for (i = v->scroll; i < n && i < v->scroll + v->rows; i++)
		row(ctx, i, top + i - v->scroll, i == v->sel);
	/* The marks sit in the column the rows leave free (they are drawn
	 * at most to COLS - 3), so they never hide a row's text. */
	if (v->scroll > 0)
		draw_text(top, COLS - 2, 2, "\xe2\x96\xb2", ROLE_TITLE);
	if (v->scroll + v->rows < n)
		draw_text(top + v->rows - 1, COLS - 2, 2, "\xe2\x96\xbc",
		    ROLE_TITLE);
}

int
list_move(struct tui *t, struct list_view *v, int n, int ch)
{
	if (tui_list_short(t, n))
		return KEY_HANDLED;
	list_key(v, n, v->rows, ch, 1);
	return KEY_HANDLED;
}
