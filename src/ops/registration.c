/* Registration: what is pending for the home screen, a person's history,
 * and the cut-overs of the existing system. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/registration.h"
#include "ops/tx.h"
#include "store/audit.h"
#include "store/dashboard.h"
#include "store/persons.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The counts walk the change marks: about half a second with 400,000
 * persons marked (after the first import, or a result that gave every
 * branch). Home counts them, and the registration area opened from home
 * asked again for the same figures. So the last counts are kept while the
 * vault is unchanged: the same vault, the same audit head (every change
 * is audited, by this process or another, and each login adds a record,
 * so a new session never takes an old session's figures) and the same
 * stamp (a commit by another connection, a row written by this one). */
static struct {
	char vault_id[VAULT_ID_SIZE];
	int64_t seq;
	unsigned long long stamp;
	struct reg_pending p;
	int valid;
} pending_kept;

int
ops_registration_count(struct session *s, struct reg_pending *p, char **err)
{
	int k;

	memset(p, 0, sizeof *p);
	for (k = 0; k < REG_NKINDS; k++) {
		const char *kind = reg_kind_name((enum reg_kind)k);

		if (regstore_awaiting(s->v, kind, &p->awaiting[k], err) < 0 ||
		    regstore_count_failed(s->v, kind, &p->failed[k], err) < 0)
			return -1;
		p->changes[k] = -1;
		if (k == REG_PERSONS && regstore_count_diff(s->v, kind, 1,
		    &p->changes[k], err) < 0)
			return -1;
		if (k == REG_QUALIFICATION && regstore_count_diff(s->v, kind,
		    0, &p->changes[k], err) < 0)
			return -1;
	}
	return 0;
}

int
ops_registration_pending(struct session *s, struct reg_pending *p, char **err)
{
	unsigned char hash[AUDIT_HASH_LEN];
	unsigned long long stamp;
	int64_t seq;

	if (dashboard_stamp(s->v, &stamp, err) < 0 ||
	    audit_head(s->v, &seq, hash, err) < 0)
		return -1;
	if (pending_kept.valid && pending_kept.seq == seq &&
	    pending_kept.stamp == stamp &&
	    strcmp(pending_kept.vault_id, vault_id(s->v)) == 0) {
		*p = pending_kept.p;
		return 0;
	}
	pending_kept.valid = 0;
	if (ops_registration_count(s, p, err) < 0)
		return -1;
	memcpy(pending_kept.vault_id, vault_id(s->v),
	    sizeof pending_kept.vault_id);
	pending_kept.seq = seq;
	pending_kept.stamp = stamp;
	pending_kept.p = *p;
	pending_kept.valid = 1;
	return 0;
}

int
ops_registration_history(struct session *s, const char *key, reghist_fn fn,
    void *arg, char **err)
{
	struct person p;
	int64_t id;
	int found = persons_get(s->v, key ? key : "", &p, &id, err);

	person_clear(&p);
	if (found < 0)
		return -1;
	if (found == 0)
		return err_set(err, _("no person with key '%s'"), key ? key : "");
	return regstore_history(s->v, key, fn, arg, err);
}

struct cutover_new {
	const char *reason;
	long long *id, *base_extract;
};

static int
cutover_record_tx(struct session *s, void *arg, char **err)
{
	const struct cutover_new *c = arg;
	char *detail;
	int rc;

	rc = regstore_cutover_add(s->v, s->user, c->reason, c->id,
	    c->base_extract, err);
	detail = xasprintf("cutover=%lld base-extract=%lld reason=%s", *c->id,
	    *c->base_extract, c->reason);
	if (rc == 0)
		rc = ops_audit(s, "", "cutover.record", "", detail, err);
	free(detail);
	return rc;
}

int
ops_cutover_record(struct session *s, const char *reason, long long *id,
    long long *base_extract, char **err)
{
	static const struct ops_tx_def def = { cutover_record_tx, NULL, NULL };
	struct cutover_new c = { reason, id, base_extract };

	if (reason == NULL || strlen(reason) < 4 || strlen(reason) > 500)
		return err_set(err, _("give --reason: why the existing system was "
		    "switched (4 to 500 characters)"));
	return ops_tx(s, &def, &c, err);
}

int
ops_cutover_diff(struct session *s, const char *out_dir, int force,
    struct reg_export_report rep[2], char **err)
{
	static const enum reg_kind kinds[2] = { REG_PERSONS, REG_QUALIFICATION };
	struct reg_export_request rq;
	long long cutover, extract;
	int i;

	memset(rep, 0, 2 * sizeof *rep);
	if (regstore_current(s->v, &cutover, &extract, err) < 0)
		return -1;
	if (cutover == 0)
		return err_set(err, _("no cut-over is recorded: run 'cutover "
		    "record' after importing the new system's extract"));
	for (i = 0; i < 2; i++) {
		memset(&rq, 0, sizeof rq);
		rq.kind = kinds[i];
		rq.mode = REG_MODE_CORRECTION;
		rq.out_dir = out_dir;
		rq.force = force;
		if (ops_reg_export(s, &rq, &rep[i], err) < 0)
			return -1;
	}
	return 0;
}
