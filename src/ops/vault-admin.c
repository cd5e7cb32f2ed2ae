/* Vault-wide actions: creation, chain verification, the log. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/account.h"
#include "domain/dates.h"
#include "domain/pwpolicy.h"
#include "ops/tx.h"
#include "ops/vault-admin.h"
#include "store/checkpoint.h"
#include "store/migrate.h"
#include "store/numbers.h"
#include "store/pagecheck.h"
#include "store/persons.h"
#include "store/users.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
ops_vault_init(const struct vault_init *in,
    unsigned char recovery[RECOVERY_KEY_LEN], char **err)
{
	struct vault *v;

	if (account_insurer_check(in->insurer, err) < 0 ||
	    account_name_check(in->admin, err) < 0 ||
	    pwpolicy_check(in->admin, in->admin_password, err) < 0)
		return -1;
	if (in->name == NULL || in->name[0] == '\0' || strlen(in->name) > 200)
		return err_set(err, _("give the association's name (at most 200 bytes)"));
	if (vault_create(in, recovery, &v, err) != VAULT_OK)
		return -1;
	vault_close(v);
	return 0;
}

int
ops_audit_verify(struct session *s, audit_progress_fn progress, void *arg,
    int64_t *count, unsigned char head[32], char **err)
{
	char hex[65], *detail, *where = NULL;
	int rc = audit_verify(s->v, progress, arg, count, head, err), pages = 0;

	/* The chain covers the audit table only: damage elsewhere (an index,
	 * another table) is found by reading every page. */
	if (rc == 0 && (pages = pagecheck_run(s->v, &where, err)) != 0) {
		if (pages > 0)
			err_set(err, _("the vault's pages are damaged: %s does not "
			    "read (a page does not decrypt or does not fit); "
			    "restore the last good backup"), where);
		rc = -1;
	}
	/* The check itself is evidence, whatever it found. */
	if (rc == 0) {
		hex_encode(head, 32, hex);
		detail = xasprintf("records=%lld head=%s", (long long)*count, hex);
	} else {
		detail = xasprintf(pages > 0 ? "result=pages-damaged" :
		    "result=broken");
	}
	free(where);
	(void)ops_tx_audit(s, "", "audit.verify", "", detail, NULL);
	free(detail);
	return rc;
}

int
ops_audit_list(struct session *s, const struct audit_filter *f,
    audit_row_fn fn, void *arg, char **err)
{
	if ((f->from != NULL && date_check(f->from, err) < 0) ||
	    (f->to != NULL && date_check(f->to, err) < 0))
		return -1;
	return audit_list(s->v, f, fn, arg, err);
}

static int
audit_checkpoint_tx(struct session *s, void *arg, char **err)
{
	struct checkpoint *cp = arg;
	char *origin, hex[65], *detail;
	int rc;

	origin = xasprintf("mynadesk/%s/%s", vault_insurer(s->v),
	    vault_id(s->v));
	rc = checkpoint_make(s->v, origin, s->user, cp, err);
	free(origin);
	if (rc == 0) {
		hex_encode(cp->root, 32, hex);
		detail = xasprintf("size=%lld root=%s", (long long)cp->tree_size, hex);
		rc = ops_audit(s, "", "audit.checkpoint", "", detail, err);
		free(detail);
	}
	if (rc < 0)
		checkpoint_clear(cp);
	return rc;
}

int
ops_audit_checkpoint(struct session *s, struct checkpoint *cp, char **err)
{
	static const struct ops_tx_def def = { audit_checkpoint_tx, NULL, NULL };

	return ops_tx(s, &def, cp, err);
}

void
ops_checkpoint_clear(struct checkpoint *cp)
{
	checkpoint_clear(cp);
}

int
ops_audit_verify_checkpoints(struct session *s, int64_t *count, char **err)
{
	return checkpoint_verify_all(s->v, count, err);
}

int
ops_home_stats(struct session *s, struct home_stats *h, char **err)
{
	struct number_counts c;
	int64_t seq;

	memset(h, 0, sizeof *h);
	if (persons_count(s->v, &h->persons, err) < 0 ||
	    numbers_counts(s->v, &c, err) < 0)
		return -1;
	h->numbers_confirmed = c.confirmed;
	h->numbers_entered = c.entered;
	h->numbers_mismatch = c.mismatch;
	h->numbers_held = c.held;
	h->numbers_queue = c.queue;
	if (users_count_active(s->v, NULL, &h->users_active, err) < 0 ||
	    audit_head(s->v, &seq, h->head, err) < 0 ||
	    migrate_version(s->v, &h->schema_version, err) < 0)
		return -1;
	h->audit_count = seq;
	return 0;
}
