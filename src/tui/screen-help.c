/* F1: the help text of the screen underneath, in a box. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/screens.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define HELP_MAX_LINES 20

void
help_draw(struct tui *t)
{
	const struct screen *sc = t->locked ? &screen_login : t->stack[t->depth - 1];
	char *text = xstrdup(_(sc->help)), *p = text, *lines[HELP_MAX_LINES + 2];
	int n = 0;

	while (p != NULL && n < HELP_MAX_LINES) {
		char *nl = strchr(p, '\n');

		if (nl != NULL)
			*nl = '\0';
		lines[n++] = p;
		p = nl ? nl + 1 : NULL;
	}
	lines[n++] = "";
	lines[n++] = _("Press any key to close this help.");
	tui_dialog(_("Help"), (const char *const *)lines, n);
	free(text);
}
