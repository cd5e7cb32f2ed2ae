/* F1: the help text of the screen underneath, in a box; where the screen
 * has a key table, the list of its keys follows, made from the table. */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "tui/screens.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xmalloc.h"

#define HELP_MAX_LINES 40

/* The widest key name, so the help lines up its second column. */
static int
help_key_width(const struct screen_key *k)
{
	int w = 0;

	for (; k->name != NULL; k++)
		if (k->help != NULL && text_width(_(k->name)) > w)
			w = text_width(_(k->name));
	return w + 2;
}

/* "1-8   open a work area" for each key with a help line. */
static int
help_key_lines(const struct screen_key *keys, char **lines, int n, int max)
{
	const struct screen_key *k;
	int w;

	if (keys == NULL)
		return n;
	w = help_key_width(keys);
	if (n < max)
		lines[n++] = xstrdup("");
	for (k = keys; k->name != NULL && n < max; k++) {
		char *pad;

		if (k->help == NULL)
			continue;
		pad = text_pad(_(k->name), w);
		lines[n++] = xasprintf("%s%s", pad, _(k->help));
		free(pad);
	}
	return n;
}

void
help_draw(struct tui *t)
{
	const struct screen *sc = t->locked ? &screen_login : t->stack[t->depth - 1];
	char *text = xstrdup(_(sc->help)), *p = text, *lines[HELP_MAX_LINES + 2];
	int n = 0, i;

	while (p != NULL && n < HELP_MAX_LINES) {
		char *nl = strchr(p, '\n');

		if (nl != NULL)
			*nl = '\0';
		lines[n++] = xstrdup(p);
		p = nl ? nl + 1 : NULL;
	}
	n = help_key_lines(screen_keys(t, sc), lines, n, HELP_MAX_LINES);
	lines[n++] = xstrdup("");
	lines[n++] = xstrdup(_("Press any key to close this help."));
	tui_dialog(_("Help"), (const char *const *)lines, n);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(text);
}
