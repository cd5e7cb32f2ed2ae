/* A one-line editor that works in display columns, for names typed through
 * a Japanese input method as well as for passwords. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "tui/screens.h"
#include "util/secret.h"
#include "util/xmalloc.h"

void
field_clear(struct field *f)
{
	int secret = f->secret;

	secret_wipe(f, sizeof *f);
	f->secret = secret;
}

int
field_key(struct field *f, wint_t ch, int is_fkey)
{
	if (is_fkey) {
		switch (ch) {
		case KEY_LEFT: if (f->cur > 0) f->cur--; return 1;
		case KEY_RIGHT: if (f->cur < f->len) f->cur++; return 1;
		case KEY_HOME: f->cur = 0; return 1;
		case KEY_END: f->cur = f->len; return 1;
		case KEY_BACKSPACE:
			break;
		case KEY_DC:
			if (f->cur < f->len) {
				memmove(f->buf + f->cur, f->buf + f->cur + 1,
				    (size_t)(f->len - f->cur) * sizeof *f->buf);
				f->len--;
			}
			return 1;
		default:
			return 0;
		}
	}
	if ((is_fkey && ch == KEY_BACKSPACE) || ch == 0x7f || ch == 0x08) {
		if (f->cur > 0) {
			memmove(f->buf + f->cur - 1, f->buf + f->cur,
			    (size_t)(f->len - f->cur + 1) * sizeof *f->buf);
			f->cur--;
			f->len--;
		}
		return 1;
	}
	if (ch == 0x15) {	/* Ctrl-U clears the field, as in a shell. */
		field_clear(f);
		return 1;
	}
	if (ch < 0x20 || !iswprint((wint_t)ch))
		return 0;
	/* A full field still takes the key (and drops it): a letter typed
	 * into it must never fall through to the frame as q for "back". */
	if (f->len >= FIELD_MAX) {
		beep();
		return 1;
	}
	memmove(f->buf + f->cur + 1, f->buf + f->cur,
	    (size_t)(f->len - f->cur + 1) * sizeof *f->buf);
	f->buf[f->cur++] = (wchar_t)ch;
	f->len++;
	return 1;
}

void
field_draw(const struct field *f, int y, int x, int cols, int focus)
{
	wchar_t shown[FIELD_MAX + 1];
	int i, start = 0, width = 0, cx = x;

	for (i = 0; i < f->len; i++)
		shown[i] = f->secret ? L'*' : f->buf[i];
	shown[f->len] = L'\0';
	/* Scroll so the cursor stays visible in a narrow field. */
	for (i = f->cur - 1; i >= 0; i--) {
		int w = wcwidth(shown[i]);

		if (width + (w > 0 ? w : 0) >= cols)
			break;
		width += w > 0 ? w : 0;
		start = i;
	}
	if (f->cur == 0)
		start = 0;
	attron(draw_attr(focus ? ROLE_SELECTED : ROLE_NORMAL) | A_UNDERLINE);
	mvhline(y, x, ' ', cols);
	attroff(draw_attr(focus ? ROLE_SELECTED : ROLE_NORMAL) | A_UNDERLINE);
	draw_wtext(y, x, cols, shown + start, focus ? ROLE_SELECTED : ROLE_NORMAL);
	for (i = start; i < f->cur; i++) {
		int w = wcwidth(shown[i]);

		cx += w > 0 ? w : 0;
	}
	if (focus)
		move(y, cx < x + cols ? cx : x + cols - 1);
	secret_wipe(shown, sizeof shown);
}

char *
field_text(const struct field *f)
{
	size_t n = wcstombs(NULL, f->buf, 0);
	char *out;

	if (n == (size_t)-1)
		return secret_strdup("");
	out = secret_alloc(n + 1);
	wcstombs(out, f->buf, n + 1);
	return out;
}

int
field_login_key(struct field *f, int *focus, wint_t ch, int is_fkey)
{
	if ((!is_fkey && (ch == '\n' || ch == '\r')) || (is_fkey && ch == KEY_ENTER)) {
		if (*focus == 0) {
			*focus = 1;
			return KEY_HANDLED;
		}
		return FIELD_SUBMIT;
	}
	if ((!is_fkey && ch == '\t') || (is_fkey && (ch == KEY_DOWN ||
	    ch == KEY_UP || ch == KEY_BTAB))) {
		*focus = !*focus;
		return KEY_HANDLED;
	}
	return field_key(&f[*focus], ch, is_fkey) ? KEY_HANDLED : KEY_IGNORED;
}

int
field_focus_step(int focus, int n, wint_t ch)
{
	if (ch == KEY_UP || ch == KEY_BTAB)
		return (focus + n - 1) % n;
	return (focus + 1) % n;
}
