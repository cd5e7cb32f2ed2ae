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

/* Work the console leaves to the command line, one line each, shown in the
 * help of the screen nearest to it and, all of them, on home: a clerk who
 * looks for it in the console learns where it is done. */
struct help_cli {
	const struct screen *sc;
	const char *cmd;	/* as typed; not translated */
	const char *what;	/* N_() */
};

static const struct help_cli help_cli[] = {
	{ &screen_persons, "mynadesk person import FILE",
	    N_("imports the existing system's extract") },
	{ &screen_idproof_open, "mynadesk idproof rules-check FILE",
	    N_("checks an edited rule file") },
	{ &screen_media, "mynadesk media pack DIR --out FILE",
	    N_("packs a medium (two persons)") },
	{ &screen_audit, "mynadesk export verify DIR",
	    N_("checks an export package") },
};
#define HELP_NCLI (sizeof help_cli / sizeof help_cli[0])

/* The command-line lines for sc, under a heading; n lines so far. */
static int
help_cli_lines(const struct screen *sc, char **lines, int n, int max)
{
	size_t i, w = 0;
	int head = 0;

	for (i = 0; i < HELP_NCLI; i++)
		if ((sc == &screen_home || help_cli[i].sc == sc) &&
		    strlen(help_cli[i].cmd) > w)
			w = strlen(help_cli[i].cmd);
	for (i = 0; i < HELP_NCLI && n + 2 < max; i++) {
		if (sc != &screen_home && help_cli[i].sc != sc)
			continue;
		/* Right under the keys, without a blank line: at 80x24 the
		 * media help has just the room. */
		if (!head++)
			lines[n++] = xstrdup(_("Done on the command line, not here:"));
		lines[n++] = xasprintf("  %-*s  %s", (int)w, help_cli[i].cmd,
		    _(help_cli[i].what));
	}
	return n;
}

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
	n = help_cli_lines(sc, lines, n, HELP_MAX_LINES);
	/* The blank line before the last goes first when the box is short
	 * (tui_dialog keeps LINES - 6 lines). */
	if (n + 2 <= LINES - 6)
		lines[n++] = xstrdup("");
	lines[n++] = xstrdup(_("Press any key to close this help."));
	tui_dialog(_("Help"), (const char *const *)lines, n);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(text);
}
