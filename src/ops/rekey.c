/* The data key changes when someone loses access, so that a copy of their
 * old slot (in a kept vault.keys or a backup) no longer opens what is
 * written afterwards. The crypto and the order of writes are in
 * store/vault-rekey.c; this adds who may do it and the audit record. */
#include "config.h"

#include <stdlib.h>

#include "ops/rekey.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct rekey_why {
	struct session *s;
	const char *reason;
	const char *account;
};

/* Written under the new key before vault.keys is replaced: the open that
 * finishes an interrupted change sees whether it is there. Not through
 * ops_tx: store/vault-rekey.c calls this between its own crash-safe steps
 * on a connection under the new key, and notes the head when done. */
static int
rekey_record(struct vault *v, int64_t generation, void *arg, char **err)
{
	struct rekey_why *w = arg;
	char *detail = w->account != NULL ?
	    xasprintf("generation=%lld reason=%s user=%s", (long long)generation,
	    w->reason, w->account) :
	    xasprintf("generation=%lld reason=%s", (long long)generation, w->reason);
	int rc = vault_begin(v, err);

	if (rc == 0)
		rc = ops_audit(w->s, "", "vault.rekey", vault_id(v), detail,
		    err);
	if (rc == 0)
		rc = vault_commit(v, err);
	else
		vault_rollback(v);
	free(detail);
	return rc;
}

int
ops_vault_rekey(struct session *s, const char *reason, const char *account,
    char **err)
{
	struct rekey_why w = { s, reason, account };
	int64_t generation = 0;
	int rc;

	if (ops_require_role(s, "admin", err) < 0)
		return -1;
	rc = vault_rekey(s->v, rekey_record, &w, &generation, err);
	if (rc == 0)
		(void)vault_note_head(s->v, NULL);
	return rc;
}
