/* Account administration: each function is one audited action. */
#ifndef MYNA_ACCOUNTS_H
#define MYNA_ACCOUNTS_H

#include "ops/session.h"
#include "ops/witness.h"
#include "store/users.h"

/* The second person for two-person account changes (ops/witness.h): NULL
 * when the vault has a single account. */

int ops_user_add(struct session *s, const char *name, const char *role,
    const char *password, struct witness *c, char **err);
int ops_user_role(struct session *s, const char *name, const char *role,
    struct witness *c, char **err);
/* Locks an account, removes its key slot and changes the data key: 0 when
 * all is done, 1 when the account is locked but the key could not change
 * yet (err says why: an older holder's slot), -1 on error. */
int ops_user_lock(struct session *s, const char *name, char **err);
/* Unlocks with a new, temporary password (the old slot is gone or no
 * longer trusted); a second person once two accounts exist. */
int ops_user_unlock(struct session *s, const char *name, const char *password,
    struct witness *c, char **err);
/* Changes the session user's own password, or (administrator) another's,
 * which is then temporary: its owner must change it at the next login. */
int ops_user_passwd(struct session *s, const char *name, const char *password,
    struct witness *c, char **err);
int ops_user_list(struct session *s, users_row_fn fn, void *arg, char **err);
/* Whether an account change now needs a second person. */
int ops_needs_checker(struct session *s, char **err);

/* scrypt cost for new slots; tests lower it to keep unit tests quick. */
extern int ops_slot_logn;

#endif
