/* Drawing helpers: text cut by display width, colours by meaning. */
#ifndef MYNA_DRAW_H
#define MYNA_DRAW_H

#include <wchar.h>

enum draw_role {
	ROLE_NORMAL = 0,
	ROLE_TITLE,		/* top status line */
	ROLE_KEYBAR,		/* bottom key bar text */
	ROLE_KEY,		/* a key name in the key bar */
	ROLE_ERROR,		/* message line: something went wrong */
	ROLE_OK,		/* message line: done */
	ROLE_WARN,		/* overdue, pending, attention */
	ROLE_MASKED,		/* a masked number */
	ROLE_TWO_PERSON,	/* a second person is needed */
	ROLE_SELECTED,		/* the highlighted row or field */
	ROLE_COUNT
};

void draw_init_colours(void);
/* Attribute for a role (colour pair plus bold/reverse where it helps). */
int draw_attr(enum draw_role role);

/* Writes s at (y, x) using at most cols columns; never splits a wide glyph.
 * Returns the columns used. */
int draw_text(int y, int x, int cols, const char *s, enum draw_role role);
/* Same for a wide string. */
int draw_wtext(int y, int x, int cols, const wchar_t *s, enum draw_role role);
/* Fills a whole line with a role's background. */
void draw_line(int y, enum draw_role role);
/* A horizontal rule, in line-drawing characters or ASCII. */
void draw_rule(int y);
/* A framed box. */
void draw_box(int y, int x, int h, int w);
/* Text right-aligned so it ends at column x_end. */
void draw_text_right(int y, int x_end, const char *s, enum draw_role role);

#endif
