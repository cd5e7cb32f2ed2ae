/* What a two-person step would refuse whatever the second person does,
 * checked first, read only: the console and the command line ask for the
 * second person (or read a password) only when the step can go through.
 * Each returns 0 when it may, or -1 with the message the step itself
 * gives; the step checks everything again in its own transaction. */
#ifndef MYNA_OPS_PRECHECK_H
#define MYNA_OPS_PRECHECK_H

#include "domain/media.h"
#include "ops/session.h"

/* Confirming key's number: one waiting for confirmation, an identity
 * check that is complete (or not needed), and, when confirmer is given
 * (F2, the logged-in user), not the person who entered it. */
int ops_number_confirm_precheck(struct session *s, const char *key,
    const char *confirmer, char **err);
/* Recording step on medium id today: the medium exists and the step comes
 * next (an answer is received after shipping, a medium is disposed of
 * once its answer is imported, or while still packed). */
int ops_media_step_precheck(struct session *s, const char *id,
    enum media_step step, char **err);
/* Adding a user: the name (well formed, not taken), the role and the
 * password policy. */
int ops_user_add_precheck(struct session *s, const char *name,
    const char *role, const char *password, char **err);

#endif
