/* The numbers past the five-day registration deadline, as a list: what
 * home counts, for the console to open. */
#ifndef MYNA_OPS_NUMBERS_OVERDUE_H
#define MYNA_OPS_NUMBERS_OVERDUE_H

#include "ops/session.h"
#include "store/numbers-overdue.h"

/* Today's overdue numbers, the longest waiting first (no number is read:
 * only the person, the state and the received date). */
int ops_numbers_overdue(struct session *s, overdue_fn fn, void *arg,
    char **err);

#endif
