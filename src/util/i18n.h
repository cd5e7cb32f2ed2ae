/* gettext shorthands used by every user-visible string. */
#ifndef MYNA_I18N_H
#define MYNA_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
