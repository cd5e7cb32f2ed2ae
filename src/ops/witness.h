/* A verified second person: one check of their name and password gives a
 * handle that one action of the same session accepts instead of the
 * password, so no face keeps the password and no action runs scrypt again. */
#ifndef MYNA_OPS_WITNESS_H
#define MYNA_OPS_WITNESS_H

#include "ops/session.h"

struct witness;

/* Checks that name is a second, different, active user with their own
 * password (a wrong one counts as that person's failed login) and wipes
 * password right after, whatever the result. On success *out is a handle
 * for one action of s within ops_witness_ttl seconds; free it with
 * ops_witness_free, used or not. */
int ops_witness_check(struct session *s, const char *name, char *password,
    struct witness **out, char **err);
/* The second person's user name (for messages and the audit record). */
const char *ops_witness_name(const struct witness *w);
void ops_witness_free(struct witness *w);

/* For the actions: takes the handle, refusing one that is missing, spent,
 * too old or from another session; *who (when not NULL) gets the witness's
 * name. The handle is spent from here on, whether the action then commits
 * or not. */
int ops_witness_use(struct session *s, struct witness *w, const char **who,
    char **err);

/* Seconds a handle lasts: long enough to key a number from a document,
 * short enough that a console left alone does not keep one. Tests change
 * it. */
extern int ops_witness_ttl;

#endif
