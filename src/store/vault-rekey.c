/* Changing the data key, so that a person who has been locked out cannot
 * open what is written afterwards with a key taken from an old slot.
 *
 * The order of writes makes a crash at any point recoverable:
 *   1. vault.keys.next: every holder's slot resealed to the new key, the
 *      signing seed rewrapped, under a MAC with the new key and one with
 *      the old (so only a holder of the old key can have written it);
 *   2. PRAGMA rekey: one write transaction (WAL), so the database is under
 *      the old key or the new, never half;
 *   3. the audit record of the change, under the new key;
 *   4. vault.keys.next renamed over vault.keys.
 * An open that finds vault.keys.next finishes the change (vault_rekey_settle):
 * it redoes step 2 if the database still opens with the old key, writes the
 * record if step 3 is missing, and does step 4. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/audit.h"
#include "store/lockout.h"
#include "store/vault-impl.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

#define REKEY_NEXT "vault.keys.next"

/* 1 (with the reason in err) when a holder's slot is from before sealed
 * slots: a new key could not reach it, so the change must wait. */
static int
rekey_all_sealed(const struct keyfile *kf, char **err)
{
	char *names = xstrdup("");
	size_t i;
	int old = 0;

	for (i = 0; i < kf->nslots; i++) {
		const struct keyslot *s = &kf->slots[i];
		char *t;

		if (s->kind == SLOT_SIGNKEY || s->sealed)
			continue;
		t = xasprintf("%s%s%s", names, old++ ? ", " : "",
		    s->kind == SLOT_RECOVERY ? _("the recovery key") : s->name);
		free(names);
		names = t;
	}
	if (old)
		err_set(err, _("the data key was not changed: the key slots of %s "
		    "are from an older version and cannot receive a new key; each "
		    "is converted at its next login (the recovery key's when it is "
		    "next used), then run 'vault rekey'"), names);
	free(names);
	return old ? 1 : 0;
}

/* Gives every holder the new key and rewraps the signing seed. */
static int
rekey_reseal(struct keyfile *kf, const unsigned char *old,
    const unsigned char *next, char **err)
{
	unsigned char *seed = secret_alloc(KEY_LEN);
	size_t i;
	int rc = 0;

	for (i = 0; i < kf->nslots && rc == 0; i++) {
		struct keyslot *s = &kf->slots[i];

		if (s->kind != SLOT_SIGNKEY)
			rc = keyslot_reseal(s, next, err);
		else if (keyslot_unwrap_signkey(s, old, seed) < 0)
			rc = err_set(err, _("the signing key in vault.keys does not "
			    "open with the data key"));
		else
			rc = keyslot_wrap_signkey(s, next, seed, err);
	}
	secret_free(seed, KEY_LEN);
	kf->generation++;
	return rc;
}

static int
rekey_swap(const char *dir, char **err)
{
	char *from = xasprintf("%s/%s", dir, REKEY_NEXT);
	char *to = xasprintf("%s/vault.keys", dir);
	int rc = rename(from, to), fd;

	if (rc < 0)
		err_set(err, _("cannot replace %s: %s"), to, strerror(errno));
	else if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(from);
	free(to);
	return rc;
}

int
vault_rekey(struct vault *v, vault_rekey_fn record, void *arg,
    int64_t *generation, char **err)
{
	unsigned char *next = secret_alloc(KEY_LEN);
	struct keyfile kf;
	char *text = NULL;
	size_t len;
	int lock = lockfile_acquire(v->dir), rc = -1;

	if (lock < 0) {
		secret_free(next, KEY_LEN);
		return err_set(err, _("cannot lock %s/vault.lock"), v->dir);
	}
	if (keyfile_load(v->dir, &kf, &text, &len, err) < 0)
		goto out_unloaded;
	if (keyfile_verify(&kf, text, v->key) < 0) {
		err_set(err, _("vault.keys has been altered (its MAC does not match)"));
		goto out;
	}
	if ((rc = rekey_all_sealed(&kf, err)) != 0)
		goto out;
	rc = -1;
	if (random_bytes(next, KEY_LEN, err) < 0 ||
	    rekey_reseal(&kf, v->key, next, err) < 0 ||
	    keyfile_store_named(v->dir, REKEY_NEXT, &kf, next, v->key, err) < 0)
		goto out;
	/* From here a failure leaves vault.keys.next for the next open. */
	if (db_rekey(v->db, next, err) < 0)
		goto out;
	memcpy(v->key, next, KEY_LEN);
	*generation = kf.generation;
	if (record(v, kf.generation, arg, err) < 0 || rekey_swap(v->dir, err) < 0)
		goto out;
	rc = 0;
out:
	keyfile_free(&kf);
out_unloaded:
	free(text);
	secret_free(next, KEY_LEN);
	lockfile_release(lock);
	return rc;
}

/* The record of a change that an open finished, unless it was written; on
 * the connection the settle opened (not yet v's). */
static int
rekey_settle_record(sqlite3 *db, const char *vault_id, int64_t gen, char **err)
{
	struct vault at = { .db = db };
	char *exact = xasprintf("generation=%lld", (long long)gen);
	char *prefix = xasprintf("generation=%lld %%", (long long)gen);
	char *sql = xasprintf("SELECT count(*) FROM audit WHERE action = "
	    "'vault.rekey' AND (detail = ? OR detail LIKE '%s')", prefix);
	char *detail = xasprintf("generation=%lld finished=at-open", (long long)gen);
	long long n = 0;
	int rc = db_get_int(db, sql, exact, &n, err);

	if (rc == 0 && n == 0 && (rc = db_begin(db, err)) == 0) {
		rc = audit_append(&at, "system", "", "vault.rekey", vault_id,
		    detail, NULL, err);
		rc = rc == 0 ? db_commit(db, err) : (db_rollback(db), -1);
	}
	free(exact);
	free(prefix);
	free(sql);
	free(detail);
	return rc;
}

/* With both keys in hand: brings the database under the new key (again, if
 * the first try did not commit) and records the change. */
static int
rekey_settle_db(struct vault *v, const struct keyfile *next_kf,
    const unsigned char *next, char **err)
{
	char *path = xasprintf("%s/vault.db", v->dir);
	sqlite3 *db = NULL;
	int rc;

	if (db_open(path, v->key, 0, &db, NULL) == 0)
		rc = db_rekey(db, next, err);
	else if ((rc = db_open(path, next, 0, &db, NULL)) < 0)
		err_set(err, _("%s opens neither with the old nor with the new key: "
		    "it is damaged"), path);
	if (rc == 0)
		rc = rekey_settle_record(db, next_kf->vault_id, next_kf->generation,
		    err);
	db_close(db);
	free(path);
	return rc;
}

int
vault_rekey_settle(struct vault *v, vault_unwrap_fn unwrap, const void *cred,
    char **err)
{
	unsigned char *next = secret_alloc(KEY_LEN);
	struct keyfile kf;
	char *text = NULL, *path = xasprintf("%s/%s", v->dir, REKEY_NEXT);
	size_t len;
	char *tmp = xasprintf("%s.tmp", path);
	int lock = lockfile_acquire(v->dir), rc = 0;

	/* A change killed while writing its pending file never began. */
	(void)unlink(tmp);
	free(tmp);
	if (access(path, F_OK) < 0)
		goto out_unloaded;
	rc = -1;
	if (keyfile_load_named(v->dir, REKEY_NEXT, &kf, &text, &len, err) < 0)
		goto out_unloaded;
	if (unwrap(&kf, cred, next) < 0)
		err_set(err, _("a change of the vault's key was interrupted, and "
		    "this key does not open the new key file: an administrator must "
		    "log in to finish it"));
	else if (keyfile_verify(&kf, text, next) < 0 ||
	    keyfile_verify_prev(&kf, text, v->key) < 0)
		err_set(err, _("%s is not genuine (its MACs do not hold with the "
		    "vault's keys): it was not written by this vault; move it away "
		    "and open again"), path);
	else if (rekey_settle_db(v, &kf, next, err) == 0 &&
	    rekey_swap(v->dir, err) == 0) {
		memcpy(v->key, next, KEY_LEN);
		rc = 1;
	}
	keyfile_free(&kf);
out_unloaded:
	free(text);
	free(path);
	secret_free(next, KEY_LEN);
	lockfile_release(lock);
	return rc;
}
