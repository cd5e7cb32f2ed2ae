/* Line breaking by display columns: a Japanese glyph takes two, and a
 * line ends before a glyph that would not fit. No word breaking: Japanese
 * has no spaces to break at, and the lines here are short. */
#include "config.h"

#include <stdlib.h>
#include <wchar.h>

#include "tui/wrap.h"
#include "util/xmalloc.h"

static wchar_t *
wrap_widen(const char *s)
{
	size_t n = mbstowcs(NULL, s, 0), i;
	wchar_t *w;

	if (n == (size_t)-1) {
		/* Not valid in this locale: ASCII kept, the rest as '?'. */
		n = 0;
		while (s[n] != '\0')
			n++;
		w = xcalloc(n + 1, sizeof *w);
		for (i = 0; i < n; i++)
			w[i] = (unsigned char)s[i] < 0x80 ? (wchar_t)s[i] : L'?';
		return w;
	}
	w = xcalloc(n + 1, sizeof *w);
	mbstowcs(w, s, n + 1);
	return w;
}

/* Characters of w that fit in cols columns (at least one, so a glyph wider
 * than the line still moves on). */
static size_t
wrap_fit(const wchar_t *w, int cols)
{
	size_t i;
	int used = 0;

	for (i = 0; w[i] != L'\0'; i++) {
		int cw = wcwidth(w[i]);

		if (cw < 0)
			cw = 0;
		if (used + cw > cols)
			break;
		used += cw;
	}
	return i > 0 ? i : (w[0] != L'\0');
}

/* Breaks s into lines of cols columns; draws those from line skip on, at
 * most maxrows of them, from row y. Returns the lines drawn (or, not
 * drawing, counted). */
static int
wrap_run(int y, int x, int cols, int skip, int maxrows, const char *s,
    enum draw_role role, int draw)
{
	wchar_t *w = wrap_widen(s), *p = w;
	int line = 0, rows = 0;

	if (cols < 1)
		cols = 1;
	while (rows < maxrows && (*p != L'\0' || line == 0)) {
		size_t n = wrap_fit(p, cols);
		wchar_t save = p[n];

		if (draw && line >= skip) {
			p[n] = L'\0';
			draw_wtext(y + rows, x, cols, p, role);
			p[n] = save;
		}
		p += n;
		/* A line broken at a space does not start the next with it. */
		if (*p == L' ')
			p++;
		if (line++ >= skip)
			rows++;
	}
	free(w);
	return rows;
}

int
draw_wrapped(int y, int x, int cols, int maxrows, const char *s,
    enum draw_role role)
{
	return draw_wrapped_from(y, x, cols, 0, maxrows, s, role);
}

int
draw_wrapped_from(int y, int x, int cols, int skip, int maxrows,
    const char *s, enum draw_role role)
{
	return maxrows < 1 ? 0 : wrap_run(y, x, cols, skip, maxrows, s, role, 1);
}

int
wrap_rows(int cols, const char *s)
{
	return wrap_run(0, 0, cols, 0, 1 << 20, s, ROLE_NORMAL, 0);
}
