/* The transaction runner: the bookkeeping around every action in one place,
 * so no action can publish a file before its audit record is committed,
 * forget the rollback on an error path, or skip the head note that the
 * rollback guard in vault.keys depends on. */
#include "config.h"

#include <stdint.h>

#include "ops/checkpoint-daily.h"
#include "ops/tx.h"
#include "store/audit.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static int
tx_audit_seq(struct session *s, int64_t *seq, char **err)
{
	unsigned char hash[AUDIT_HASH_LEN];

	return audit_head(s->v, seq, hash, err);
}

/* The evidence rule checked where it cannot be forgotten: a change that
 * left no audit record is not saved. */
static int
tx_audited(struct session *s, int64_t before, char **err)
{
	int64_t after;

	if (tx_audit_seq(s, &after, err) < 0)
		return -1;
	if (after <= before)
		return err_set(err, _("internal error: the action wrote no audit "
		    "record, so nothing was saved"));
	return 0;
}

static int
tx_body(struct session *s, const struct ops_tx_def *def, void *arg,
    char **err)
{
	int64_t before;
	int rc;

	if (tx_audit_seq(s, &before, err) < 0)
		return -1;
	rc = def->body(s, arg, err);
	if (rc == 0)
		rc = tx_audited(s, before, err);
	return rc;
}

int
ops_tx(struct session *s, const struct ops_tx_def *def, void *arg,
    char **err)
{
	int rc = vault_begin(s->v, err);

	if (rc == 0)
		rc = tx_body(s, def, arg, err);
	if (rc == 0 && vault_commit(s->v, err) < 0)
		rc = -1;
	if (rc != 0) {
		/* Also after a failed COMMIT, which can leave it open. */
		vault_rollback(s->v);
		if (rc < 0 && def->discard != NULL)
			def->discard(arg);
		return rc;
	}
	/* Publish first: a process killed after the COMMIT then leaves the
	 * least behind. */
	if (def->publish != NULL)
		rc = def->publish(arg, err);
	/* The change is saved; a failure here only delays the rollback guard
	 * until the vault is next closed, so it is not an error of the action. */
	(void)vault_note_head(s->v, NULL);
	ops_daily_checkpoint(s);
	return rc;
}

struct tx_record {
	const char *actor2, *action, *subject, *detail;
};

static int
tx_record_body(struct session *s, void *arg, char **err)
{
	const struct tx_record *r = arg;

	return ops_audit(s, r->actor2, r->action, r->subject, r->detail, err);
}

int
ops_tx_bulk(struct session *s, const struct ops_tx_def *def, void *arg,
    char **err)
{
	int rc = vault_bulk(s->v, 1, err);

	if (rc == 0)
		rc = ops_tx(s, def, arg, err);
	if (vault_bulk(s->v, 0, rc < 0 ? NULL : err) < 0)
		rc = -1;
	return rc;
}

int
ops_tx_audit(struct session *s, const char *actor2, const char *action,
    const char *subject, const char *detail, char **err)
{
	static const struct ops_tx_def def = { tx_record_body, NULL, NULL };
	struct tx_record r = { actor2, action, subject, detail };

	return ops_tx(s, &def, &r, err);
}
