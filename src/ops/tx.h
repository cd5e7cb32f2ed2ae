/* The one transaction runner every ops action goes through: begin, the
 * action's body, rollback on any error, commit, the audit head noted, the
 * day's checkpoint, and the publish of files written under a dot-name. */
#ifndef MYNA_OPS_TX_H
#define MYNA_OPS_TX_H

#include "ops/session.h"

/* Returned by a body that found nothing to record: the transaction is
 * rolled back quietly and ops_tx returns it, with no error. */
#define OPS_TX_NOTHING 1

struct ops_tx_def {
	/* The action inside the transaction: its rows and its audit record(s).
	 * Returns 0, OPS_TX_NOTHING, or -1 with err. */
	int (*body)(struct session *s, void *arg, char **err);
	/* Optional: names the files the body wrote under dot-names. Runs only
	 * after the COMMIT, so a file is visible only once its audit record is
	 * saved; its failure is reported but the action stands. */
	int (*publish)(void *arg, char **err);
	/* Optional: removes what the body left outside the vault when the
	 * transaction does not commit. */
	void (*discard)(void *arg);
};

/* Runs def's body in a transaction of its own. A body that returns 0 must
 * have appended an audit record ("nothing happens without evidence"):
 * otherwise the transaction is rolled back and -1 returned. Returns -1 when
 * nothing was saved (discard has run), else publish's result (0 without
 * one) or OPS_TX_NOTHING. */
int ops_tx(struct session *s, const struct ops_tx_def *def, void *arg,
    char **err);

/* ops_tx in the store's bulk mode (vault_bulk), for the large imports and
 * the J-LIS inquiry: switched on before and off after, whatever the
 * outcome; a failure to switch back fails a transaction that succeeded. */
int ops_tx_bulk(struct session *s, const struct ops_tx_def *def, void *arg,
    char **err);

/* For the one-line actions: a transaction that only appends one audit
 * record (actor2 may be ""). */
int ops_tx_audit(struct session *s, const char *actor2, const char *action,
    const char *subject, const char *detail, char **err);

#endif
