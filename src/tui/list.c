/* List scrolling arithmetic, kept apart from drawing so it is tested
 * without a terminal. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "tui/list.h"

void
list_clamp(struct list_view *v, int n, int rows)
{
	if (rows < 1)
		rows = 1;
	if (v->sel >= n)
		v->sel = n - 1;
	if (v->sel < 0)
		v->sel = 0;
	if (v->scroll > v->sel)
		v->scroll = v->sel;
	if (v->sel >= v->scroll + rows)
		v->scroll = v->sel - rows + 1;
	if (v->scroll > n - rows)
		v->scroll = n - rows;
	if (v->scroll < 0)
		v->scroll = 0;
}

int
list_key(struct list_view *v, int n, int rows, int ch, int is_fkey)
{
	int page = rows > 1 ? rows - 1 : 1;

	if (!is_fkey)
		return 0;
	switch (ch) {
	case KEY_DOWN: v->sel++; break;
	case KEY_UP: v->sel--; break;
	case KEY_NPAGE: v->sel += page; break;
	case KEY_PPAGE: v->sel -= page; break;
	case KEY_HOME: v->sel = 0; break;
	case KEY_END: v->sel = n - 1; break;
	default: return 0;
	}
	list_clamp(v, n, rows);
	return 1;
}

void
list_position(const struct list_view *v, int n, int more, int rows,
    char *out, int len)
{
	int last = v->scroll + rows < n ? v->scroll + rows : n;

	if (len < 1)
		return;
	if (n <= rows && !more) {
		out[0] = '\0';
		return;
	}
	/* U+2013, an en dash: ASCII mode draws it as '-'. */
	snprintf(out, (size_t)len, "%d\xe2\x80\x93%d / %d%s", v->scroll + 1, last,
	    n, more ? "+" : "");
}
