/* The full export's pass over persons (see reg-scan.c). */
#ifndef MYNA_STORE_REG_SCAN_H
#define MYNA_STORE_REG_SCAN_H

#include "store/registration.h"

/* regstore_persons for REGSRC_FULL: every person in id order. */
int regscan_full(struct vault *v, const struct regsrc_query *q, regsrc_fn fn,
    void *arg, char **err);

#endif
