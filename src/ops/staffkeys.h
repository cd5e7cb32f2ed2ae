/* Staff keys of the service account: who may reach the vault over SSH.
 * Adding and removing are administrator actions for two persons, audited,
 * and the authorized_keys file is replaced only after the record commits. */
#ifndef MYNA_OPS_STAFFKEYS_H
#define MYNA_OPS_STAFFKEYS_H

#include "domain/staffkey.h"
#include "domain/svcconf.h"
#include "ops/accounts.h"
#include "ops/session.h"
#include "ops/witness.h"

/* name must be an active account; keytext is a public key file's text. */
int ops_staffkey_add(struct session *s, const struct svcconf *c,
    const char *name, const char *keytext, struct witness *chk,
    struct staffkey *added, char **err);
/* Removes every key of name; *removed says how many. */
int ops_staffkey_remove(struct session *s, const struct svcconf *c,
    const char *name, struct witness *chk, int *removed, char **err);
/* After a lock: removes the locked account's keys without a second person
 * (it only takes rights away), audited; *removed may be 0. */
int ops_staffkey_drop_locked(struct session *s, const struct svcconf *c,
    const char *name, int *removed, char **err);
/* Calls fn for each key the program wrote. */
int ops_staffkey_list(struct session *s, const struct svcconf *c,
    void (*fn)(const char *name, const struct staffkey *k, void *arg),
    void *arg, char **err);

#endif
