/* One place where keys are normalised before any screen sees them. */
#include "config.h"

#include <curses.h>

#include "tui/keys.h"

void
keys_fold(wint_t *ch, int *is_fkey)
{
	if (*is_fkey) {
		if (*ch == KEY_ENTER) {
			*ch = L'\n';
			*is_fkey = 0;
		}
		return;
	}
	if (*ch == L'\r')
		*ch = L'\n';
	else if (*ch >= 0xff01 && *ch <= 0xff5e)
		*ch -= 0xfee0;
	else if (*ch == 0x3000)
		*ch = L' ';
}

void
keys_define_extra(void)
{
	static const char *const vt[] = { "\033[11~", "\033[12~", "\033[13~",
	    "\033[14~", "\033[15~" };
	static const char *const pf[] = { "\033OP", "\033OQ", "\033OR", "\033OS" };
	int i;

	/* Only where the terminal's own description has no meaning for them. */
	for (i = 0; i < 5; i++)
		if (key_defined(vt[i]) == 0)
			define_key(vt[i], KEY_F(i + 1));
	for (i = 0; i < 4; i++)
		if (key_defined(pf[i]) == 0)
			define_key(pf[i], KEY_F(i + 1));
}
