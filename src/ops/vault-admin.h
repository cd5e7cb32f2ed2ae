/* Creating a vault, checking its audit chain, reading its log. */
#ifndef MYNA_VAULT_ADMIN_H
#define MYNA_VAULT_ADMIN_H

#include "ops/session.h"
#include "store/audit.h"
#include "store/checkpoint.h"

/* Checks the insurer code, account name and password, then creates the
 * vault; recovery receives the key to print once. */
int ops_vault_init(const struct vault_init *in,
    unsigned char recovery[RECOVERY_KEY_LEN], char **err);

/* Walks the chain and records that it was checked (or where it broke). */
int ops_audit_verify(struct session *s, audit_progress_fn progress, void *arg,
    int64_t *count, unsigned char head[32], char **err);
int ops_audit_list(struct session *s, const struct audit_filter *f,
    audit_row_fn fn, void *arg, char **err);

/* Signs a checkpoint of the whole audit log and records it; the caller
 * frees cp with ops_checkpoint_clear. */
int ops_audit_checkpoint(struct session *s, struct checkpoint *cp, char **err);
void ops_checkpoint_clear(struct checkpoint *cp);
/* Re-checks every stored checkpoint against the log and its signature. */
int ops_audit_verify_checkpoints(struct session *s, int64_t *count, char **err);

/* Figures for the home screen. */
struct home_stats {
	long long persons;
	long long numbers_confirmed, numbers_entered, numbers_mismatch,
	    numbers_held, numbers_queue;
	long long users_active;
	long long audit_count;
	unsigned char head[32];
	int schema_version;
};
int ops_home_stats(struct session *s, struct home_stats *h, char **err);

#endif
