/* Opening a person from a list: every list that names persons (search,
 * incomplete ID checks, supervisor queue, overdue numbers) opens them the
 * same way, with room for one more screen from the person (a number
 * step), and gives the person's key as the screen is pushed. */
#include "config.h"

#include "tui/person-text.h"
#include "tui/screens.h"
#include "util/i18n.h"

int
tui_open_person(struct tui *t, const char *key)
{
	if (t->depth + 2 > TUI_STACK) {
		tui_message(t, ROLE_ERROR, "%s", _("too many screens open: go back "
		    "with Esc first"));
		return KEY_HANDLED;
	}
	tui_push_arg(t, &screen_person, key, 0);
	return KEY_HANDLED;
}
