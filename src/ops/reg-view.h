/* Registration as the console shows it: the newest files and the rows the
 * server refused in one of them. Read-only. */
#ifndef MYNA_OPS_REG_VIEW_H
#define MYNA_OPS_REG_VIEW_H

#include "ops/session.h"
#include "store/reg-recent.h"
#include "store/registration.h"

#define REG_RECENT_MAX 50

/* The newest files (at most limit, newest first). */
int ops_reg_recent(struct session *s, int limit, regrecent_fn fn, void *arg,
    char **err);
/* The refused rows of the file with this id, in record order: the person
 * key, the record number and the server's message for the correction. */
int ops_reg_refused(struct session *s, long long file_id, regfailed_fn fn,
    void *arg, char **err);

#endif
