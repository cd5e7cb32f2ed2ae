/* gettext shorthands used by every user-visible string. */
#ifndef MYNA_I18N_H
#define MYNA_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)
/* A message whose English is shared by two meanings, told apart by a
 * context (xgettext: --keyword=P_:1c,2), as gettext's pgettext does. */
#define P_(ctx, s) i18n_pgettext(ctx "\004" s, s)

static inline const char *
i18n_pgettext(const char *full, const char *s)
{
	const char *t = gettext(full);

	return t == full ? s : t;
}

#endif
