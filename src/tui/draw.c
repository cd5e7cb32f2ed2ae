/* Text by display width: Japanese glyphs take two columns, and a string is
 * cut before a glyph that would not fit, never through it. */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/ambi.h"
#include "tui/draw.h"
#include "util/text.h"
#include "util/xmalloc.h"

static int draw_has_colour;
static int draw_utf8;

void
draw_init_colours(void)
{
	draw_utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	/* https://no-color.org: set and not empty means no colour; the roles
	 * fall back to bold and reverse video. */
	if (!has_colors() || (getenv("NO_COLOR") != NULL &&
	    getenv("NO_COLOR")[0] != '\0'))
		return;
	start_color();
	use_default_colors();
	draw_has_colour = 1;
	init_pair(ROLE_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(ROLE_KEYBAR, COLOR_BLACK, COLOR_CYAN);
	init_pair(ROLE_KEY, COLOR_WHITE, -1);
	init_pair(ROLE_ERROR, COLOR_RED, -1);
	init_pair(ROLE_OK, COLOR_GREEN, -1);
	init_pair(ROLE_WARN, COLOR_YELLOW, -1);
	init_pair(ROLE_MASKED, COLOR_CYAN, -1);
	init_pair(ROLE_TWO_PERSON, COLOR_MAGENTA, -1);
	init_pair(ROLE_SELECTED, COLOR_BLACK, COLOR_WHITE);
}

int
draw_attr(enum draw_role role)
{
	int a = draw_has_colour && role != ROLE_NORMAL ? (int)COLOR_PAIR(role) : 0;

	switch (role) {
	case ROLE_TITLE:
	case ROLE_ERROR:
	case ROLE_KEY:
	case ROLE_TWO_PERSON:
		return a | (int)A_BOLD;
	case ROLE_SELECTED:
	case ROLE_KEYBAR:
		return draw_has_colour ? a : (int)A_REVERSE;
	default:
		return a;
	}
}

static wchar_t *
draw_widen(const char *s)
{
	size_t n = mbstowcs(NULL, s, 0);
	wchar_t *w;

	if (n == (size_t)-1) {
		/* Not valid in this locale: show it byte by byte as '?'. */
		size_t i, len = strlen(s);

		w = xcalloc(len + 1, sizeof *w);
		for (i = 0; i < len; i++)
			w[i] = (unsigned char)s[i] < 0x80 ? (wchar_t)s[i] : L'?';
		return w;
	}
	w = xcalloc(n + 1, sizeof *w);
	mbstowcs(w, s, n + 1);
	return w;
}

int
draw_wtext(int y, int x, int cols, const wchar_t *s, enum draw_role role)
{
	int used = 0, attr = draw_attr(role);
	size_t i;

	attron(attr);
	move(y, x);
	for (i = 0; s[i] != L'\0'; i++) {
		int cw = wcwidth(s[i]);
		wchar_t one[2] = { s[i], L'\0' };
		const char *ascii = ambi_ascii_on() ? ambi_ascii(s[i]) : NULL;

		if (ascii != NULL) {
			/* The stand-in goes whole or not at all. */
			if (used + (int)strlen(ascii) > cols)
				break;
			addstr(ascii);
			used += (int)strlen(ascii);
			continue;
		}
		if (cw < 0)
			continue;
		if (used + cw > cols)
			break;
		addnwstr(one, 1);
		used += cw;
	}
	attroff(attr);
	return used;
}

int
draw_text(int y, int x, int cols, const char *s, enum draw_role role)
{
	wchar_t *w = draw_widen(s);
	int used = draw_wtext(y, x, cols, w, role);

	free(w);
	return used;
}

void
draw_text_right(int y, int x_end, const char *s, enum draw_role role)
{
	int w = text_width(s), x = x_end - w;

	if (x < 0)
		x = 0;
	draw_text(y, x, x_end - x, s, role);
}

void
draw_line(int y, enum draw_role role)
{
	int attr = draw_attr(role);

	attron(attr);
	mvhline(y, 0, ' ', COLS);
	attroff(attr);
}

/* Line-drawing glyphs only where every terminal agrees on their width. */
static int
draw_lines_ok(void)
{
	return draw_utf8 && !ambi_ascii_on();
}

void
draw_rule(int y)
{
	if (draw_lines_ok())
		mvhline_set(y, 0, WACS_HLINE, COLS);
	else
		mvhline(y, 0, '-', COLS);
}

void
draw_box(int y, int x, int h, int w)
{
	int i;

	for (i = 0; i < h; i++)
		mvhline(y + i, x, ' ', w);
	if (draw_lines_ok()) {
		mvhline_set(y, x + 1, WACS_HLINE, w - 2);
		mvhline_set(y + h - 1, x + 1, WACS_HLINE, w - 2);
		mvvline_set(y + 1, x, WACS_VLINE, h - 2);
		mvvline_set(y + 1, x + w - 1, WACS_VLINE, h - 2);
		mvadd_wch(y, x, WACS_ULCORNER);
		mvadd_wch(y, x + w - 1, WACS_URCORNER);
		mvadd_wch(y + h - 1, x, WACS_LLCORNER);
		mvadd_wch(y + h - 1, x + w - 1, WACS_LRCORNER);
	} else {
		mvhline(y, x, '-', w);
		mvhline(y + h - 1, x, '-', w);
		mvvline(y + 1, x, '|', h - 2);
		mvvline(y + 1, x + w - 1, '|', h - 2);
		mvaddch(y, x, '+');
		mvaddch(y, x + w - 1, '+');
		mvaddch(y + h - 1, x, '+');
		mvaddch(y + h - 1, x + w - 1, '+');
	}
}
