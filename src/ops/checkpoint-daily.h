/* The automatic checkpoint at the first audited action of each day. */
#ifndef MYNA_CHECKPOINT_DAILY_H
#define MYNA_CHECKPOINT_DAILY_H

#include "ops/session.h"

/* Called after each commit and login. Days are Japan-local. Cheap after
 * the first call of the day: the session remembers the day it checked.
 * Failures are not the action's: they are left for the next day's try and
 * for `audit verify`. */
void ops_daily_checkpoint(struct session *s);

#endif
