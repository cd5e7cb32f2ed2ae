/* Changing the vault's data key: after an account is locked, or on request. */
#ifndef MYNA_OPS_REKEY_H
#define MYNA_OPS_REKEY_H

#include "ops/session.h"

/* Gives every remaining key holder a new data key and re-encrypts the
 * vault, audited with reason ("user.lock", "request") and the account it
 * concerns (or NULL). Administrators only. Returns 0 when changed, 1 when
 * an older holder's slot must be converted first (err says whose), -1 on
 * error. */
int ops_vault_rekey(struct session *s, const char *reason, const char *account,
    char **err);

#endif
