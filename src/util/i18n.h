/* gettext shorthands used by every user-visible string. */
#ifndef MYNA_I18N_H
#define MYNA_I18N_H

#include <libintl.h>
#include <string.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* A message that prints a count goes through ngettext(one, many,
 * (unsigned long)n) from <libintl.h>, so English says "1 record" and
 * "2 records"; Japanese has one form (ja.po: nplurals=1, msgstr[0]). */

/* A message whose English is shared by two meanings, told apart by a
 * context (xgettext: --keyword=P_:1c,2), as gettext's pgettext does. */
#define P_(ctx, s) i18n_pgettext(ctx "\004" s, s)

/* The same for a table: NP_ marks the pair for xgettext (NP_:1c,2) and
 * keeps both in one string; i18n_ctx translates it at run time. */
#define NP_(ctx, s) (ctx "\004" s)

static inline const char *
i18n_pgettext(const char *full, const char *s)
{
	const char *t = gettext(full);

	return t == full ? s : t;
}

static inline const char *
i18n_ctx(const char *full)
{
	const char *t = gettext(full), *eot;

	if (t != full)
		return t;
	eot = strchr(full, '\004');
	return eot != NULL ? eot + 1 : full;
}

#endif
