/* Text broken over several lines by display width, for messages that do
 * not fit one line (a server's refusal, an address). */
#ifndef MYNA_WRAP_H
#define MYNA_WRAP_H

#include "tui/draw.h"

/* Draws s from (y, x) in lines of at most cols columns, using at most
 * maxrows lines; a glyph is never split. Returns the lines used (1 for an
 * empty string). */
int draw_wrapped(int y, int x, int cols, int maxrows, const char *s,
    enum draw_role role);
/* The same from its line skip on: the part of a long text that a
 * scrolled screen shows. Returns the lines drawn. */
int draw_wrapped_from(int y, int x, int cols, int skip, int maxrows,
    const char *s, enum draw_role role);
/* How many lines draw_wrapped would use, without a limit. */
int wrap_rows(int cols, const char *s);

#endif
