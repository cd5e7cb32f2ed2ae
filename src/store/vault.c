/* Opening and creating vaults: key slots first, then the database, then the
 * freshness check that SQLCipher cannot do itself. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "store/audit.h"
#include "store/lockout.h"
#include "store/migrate.h"
#include "store/settings.h"
#include "store/users.h"
#include "store/vault-impl.h"
#include "store/vault-perm.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/secret.h"
#include "util/xmalloc.h"

static long long vault_db_generation(struct vault *v);

struct vault *
vault_new(const char *dir)
{
	struct vault *v = xcalloc(1, sizeof *v);

	v->dir = xstrdup(dir);
	v->key = secret_alloc(KEY_LEN);
	v->signkey = secret_alloc(KEY_LEN);
	return v;
}

void
vault_close(struct vault *v)
{
	if (v == NULL)
		return;
	if (v->db != NULL && !v->reader)
		(void)vault_note_head(v, NULL);
	db_close(v->db);
	secret_free(v->key, KEY_LEN);
	secret_free(v->signkey, KEY_LEN);
	free(v->warning);
	free(v->dir);
	free(v);
}

/* Refuses a vault.db whose audit log does not contain the head that
 * vault.keys remembers: it was replaced by an older copy. */
static int
vault_check_fresh(struct vault *v, const struct keyfile *kf, char **err)
{
	unsigned char head[32];
	int64_t seq;

	if (audit_head(v, &seq, head, err) < 0)
		return VAULT_ERROR;
	if (seq < kf->head_seq) {
		err_set(err, _("vault.db has been rolled back: its audit log ends at record "
		    "%lld but vault.keys remembers record %lld; refusing to open an "
		    "older copy (restore the newest vault.db)"), (long long)seq,
		    (long long)kf->head_seq);
		return VAULT_EROLLBACK;
	}
	if (kf->head_seq > 0 && audit_hash_at(v, kf->head_seq, head, err) < 0)
		return VAULT_ERROR;
	if (kf->head_seq > 0 && CRYPTO_memcmp(head, kf->head, 32) != 0) {
		err_set(err, _("vault.db has been rolled back or replaced: audit record "
		    "%lld differs from the head remembered in vault.keys; refusing to "
		    "open it"), (long long)kf->head_seq);
		return VAULT_EROLLBACK;
	}
	return VAULT_OK;
}

static int
vault_load_meta(struct vault *v, char **err)
{
	char *ins = db_get_text(v->db, "SELECT value FROM vault_meta WHERE key = ?",
	    "insurer");
	char *id = db_get_text(v->db, "SELECT value FROM vault_meta WHERE key = ?",
	    "vault_id");
	int rc = 0;

	if (ins == NULL || id == NULL)
		rc = err_set(err, _("the vault has no insurer or id: it is damaged"));
	else {
		snprintf(v->insurer, sizeof v->insurer, "%s", ins);
		snprintf(v->vault_id, sizeof v->vault_id, "%s", id);
	}
	free(ins);
	free(id);
	return rc;
}

/* SQLite reads a short last page as zeros and notices only when a query
 * needs that page: a vault.db that is not whole pages was cut short, and
 * saying so at open is clearer than a failure in the middle of some work. */
static int
vault_check_size(const char *path, char **err)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return err_set(err, _("cannot open %s: %s"), path, strerror(errno));
	if (st.st_size == 0 || st.st_size % 4096 != 0)
		return err_set(err, _("%s is truncated (%lld bytes, not whole pages): "
		    "restore it from a backup"), path, (long long)st.st_size);
	return 0;
}

/* With the data key in v->key: check the key file, open the database, check
 * freshness, bring the schema up to date. */
static int
vault_finish_open(struct vault *v, const struct keyfile *kf, const char *text,
    const char *actor, char **err)
{
	char *path, *migrations;
	int rc, applied;

	if (keyfile_verify(kf, text, v->key) < 0) {
		err_set(err, _("vault.keys has been altered (its MAC does not match): "
		    "refusing to trust its key slots"));
		return VAULT_ERROR;
	}
	{
		const struct keyslot *sk = keyfile_find_kind(kf, SLOT_SIGNKEY);

		v->has_signkey = sk != NULL &&
		    keyslot_unwrap_signkey(sk, v->key, v->signkey) == 0;
	}
	v->warning = vault_perm_check(v->dir);
	path = xasprintf("%s/vault.db", v->dir);
	rc = vault_check_size(path, err);
	if (rc == 0 && (rc = db_open(path, v->key, 0, &v->db, NULL)) < 0)
		/* vault.keys is authentic (its MAC held under this key), so the
		 * database is damaged or another vault's. */
		err_set(err, _("%s does not open with the key in vault.keys: "
		    "vault.keys is an older copy from before a change of the data "
		    "key (put back the current vault.keys), or the database is "
		    "damaged, or the two come from different vaults (restore both "
		    "from one backup)"), path);
	free(path);
	if (rc < 0)
		return VAULT_ERROR;
	if ((rc = vault_check_fresh(v, kf, err)) != VAULT_OK)
		return rc;
	if ((migrations = paths_data("vault")) == NULL)
		return err_set(err, _("schema migrations not found: is mynadesk installed?"));
	rc = migrate_apply(v, migrations, actor, &applied, err);
	free(migrations);
	if (rc < 0 || vault_load_meta(v, err) < 0)
		return VAULT_ERROR;
	if (strcmp(v->insurer, kf->insurer) != 0 ||
	    strcmp(v->vault_id, kf->vault_id) != 0)
		return err_set(err, _("vault.keys belongs to another vault"));
	if (vault_db_generation(v) > kf->generation) {
		err_set(err, _("vault.keys is an older copy: its key slots are from "
		    "before the last change of users (generation %lld, the vault has "
		    "seen %lld); refusing it, since it may still hold a removed "
		    "user's slot: put back the current vault.keys"),
		    (long long)kf->generation, vault_db_generation(v));
		return VAULT_EROLLBACK;
	}
	if (vault_ensure_signkey(v, err) < 0)
		return VAULT_ERROR;
	return VAULT_OK;
}

/* Counts a password attempt before it is made; VAULT_ELOCKED or
 * VAULT_ERROR when it must not be made. */
static int
vault_begin_attempt(const char *dir, const struct keyfile *kf, const char *user,
    char **err)
{
	switch (lockout_begin(dir, user, kf->admins, kf->nadmins)) {
	case LOCKOUT_GO:
		return VAULT_OK;
	case LOCKOUT_LOCKED:
		err_set(err, _("account '%s' is locked after %d failed logins: an "
		    "administrator must unlock it"), user, LOCKOUT_LIMIT);
		return VAULT_ELOCKED;
	default:
		err_set(err, _("cannot record the login attempt in %s/vault.lockout "
		    "(disk full or not writable?): the password is not tried"), dir);
		return VAULT_ERROR;
	}
}

static int
vault_fail_open(struct vault *v, int rc, struct vault **out)
{
	if (v->db != NULL) {
		db_close(v->db);
		v->db = NULL;
	}
	vault_close(v);
	*out = NULL;
	return rc;
}

/* Who is opening: a user's password, or the recovery key (user NULL). */
struct vault_cred {
	const char *user;
	const char *password;
	const unsigned char *recovery;
};

static const struct keyslot *
vault_cred_slot(const struct keyfile *kf, const struct vault_cred *c)
{
	return c->user != NULL ? keyfile_find_user(kf, c->user) :
	    keyfile_find_recovery(kf);
}

static int
vault_cred_unwrap(const struct keyfile *kf, const void *arg,
    unsigned char key[KEY_LEN])
{
	const struct vault_cred *c = arg;
	const struct keyslot *s = vault_cred_slot(kf, c);

	if (s == NULL)
		return -1;
	return c->user != NULL ? keyslot_unwrap_password(s, c->password, key) :
	    keyslot_unwrap_recovery(s, c->recovery, key);
}

/* Finishes a change of key that a crash interrupted, and makes sure v->key
 * is the key of vault.keys as it is now (another session may have just
 * changed it): the slot is opened again only when it changed. */
static int
vault_settle(struct vault *v, const struct vault_cred *c, struct keyfile *kf,
    char **text, char **err)
{
	struct keyfile now;
	char *now_text;
	const struct keyslot *was, *is;
	size_t len;
	int same;

	if (vault_rekey_settle(v, vault_cred_unwrap, c, err) < 0)
		return -1;
	if (keyfile_load(v->dir, &now, &now_text, &len, err) < 0)
		return -1;
	was = vault_cred_slot(kf, c);
	is = vault_cred_slot(&now, c);
	same = was != NULL && is != NULL && memcmp(was, is, sizeof *was) == 0;
	keyfile_free(kf);
	free(*text);
	*kf = now;
	*text = now_text;
	if (!same && vault_cred_unwrap(kf, c, v->key) < 0)
		return err_set(err, _("the vault's key was changed and this key "
		    "does not open the new key file"));
	return 0;
}

/* A slot from before sealed slots is rewritten sealed, now that its secret
 * is at hand, so that a later change of key can reach it. */
struct vault_upgrade {
	const struct vault_cred *c;
	const unsigned char *key;
};

static int
vault_upgrade_slot(struct keyfile *kf, void *arg, char **err)
{
	const struct vault_upgrade *u = arg;
	const struct keyslot *s = vault_cred_slot(kf, u->c);
	struct keyslot n;
	int rc;

	if (s == NULL || s->sealed)
		return 1;
	rc = u->c->user != NULL ? keyslot_wrap_password(&n, s->uid, s->name,
	    u->c->password, s->logn, u->key, err) :
	    keyslot_wrap_recovery(&n, u->c->recovery, u->key, err);
	if (rc == 0)
		keyfile_put_slot(kf, &n);
	OPENSSL_cleanse(&n, sizeof n);
	return rc;
}

static int
vault_open_cred(const char *dir, const struct vault_cred *c,
    struct vault **out, char **err)
{
	struct vault_upgrade up;
	struct keyfile kf;
	const struct keyslot *slot;
	struct vault *v;
	char *text;
	size_t len;
	int rc;

	*out = NULL;
	if (keyfile_load(dir, &kf, &text, &len, err) < 0)
		return VAULT_ERROR;
	slot = vault_cred_slot(&kf, c);
	/* Unknown users are not counted, so typos cannot fill the file. */
	if (c->user != NULL && slot != NULL &&
	    (rc = vault_begin_attempt(dir, &kf, c->user, err)) != 0) {
		keyfile_free(&kf);
		free(text);
		return rc;
	}
	v = vault_new(dir);
	if (slot == NULL || vault_cred_unwrap(&kf, c, v->key) < 0) {
		if (c->user != NULL && slot != NULL)
			lockout_fail(dir, c->user);
		keyfile_free(&kf);
		free(text);
		err_set(err, c->user != NULL ? _("wrong user name or password") :
		    _("the recovery key does not open this vault"));
		return vault_fail_open(v, VAULT_EAUTH, out);
	}
	if (c->user != NULL)
		lockout_reset(dir, c->user);
	rc = vault_settle(v, c, &kf, &text, err) < 0 ? VAULT_ERROR :
	    vault_finish_open(v, &kf, text, c->user ? c->user : "recovery", err);
	keyfile_free(&kf);
	free(text);
	if (rc != VAULT_OK)
		return vault_fail_open(v, rc, out);
	up.c = c;
	up.key = v->key;
	(void)vault_keys_update(v, vault_upgrade_slot, &up, NULL);
	*out = v;
	return VAULT_OK;
}

int
vault_open_password(const char *dir, const char *user, const char *password,
    struct vault **out, char **err)
{
	struct vault_cred c = { user, password, NULL };

	return vault_open_cred(dir, &c, out, err);
}

int
vault_open_recovery(const char *dir,
    const unsigned char recovery[RECOVERY_KEY_LEN], struct vault **out,
    char **err)
{
	struct vault_cred c = { NULL, NULL, recovery };

	return vault_open_cred(dir, &c, out, err);
}

int
vault_check_password(struct vault *v, const char *user, const char *password,
    char **err)
{
	struct keyfile kf;
	const struct keyslot *slot;
	unsigned char *key = secret_alloc(KEY_LEN);
	char *text;
	size_t len;
	int rc = VAULT_EAUTH;

	if (keyfile_load(v->dir, &kf, &text, &len, err) < 0) {
		secret_free(key, KEY_LEN);
		return VAULT_ERROR;
	}
	slot = keyfile_find_user(&kf, user);
	if (slot != NULL && (rc = vault_begin_attempt(v->dir, &kf, user, err)) != 0) {
		/* rc says why the password was not tried. */
	} else if (slot != NULL && keyslot_unwrap_password(slot, password, key) == 0 &&
	    CRYPTO_memcmp(key, v->key, KEY_LEN) == 0) {
		lockout_reset(v->dir, user);
		rc = VAULT_OK;
	} else {
		rc = VAULT_EAUTH;
		if (slot != NULL)
			lockout_fail(v->dir, user);
		err_set(err, _("wrong user name or password for the second person"));
	}
	keyfile_free(&kf);
	free(text);
	secret_free(key, KEY_LEN);
	return rc;
}

int
vault_keys_update(struct vault *v, vault_keys_fn fn, void *arg, char **err)
{
	struct keyfile kf;
	char *text = NULL;
	size_t len;
	int lock = lockfile_acquire(v->dir), rc = -1;

	if (keyfile_load(v->dir, &kf, &text, &len, err) < 0)
		goto out_unlocked;
	if (keyfile_verify(&kf, text, v->key) < 0) {
		err_set(err, _("vault.keys has been altered (its MAC does not match)"));
		goto out;
	}
	rc = fn(&kf, arg, err);
	if (rc == 0)
		rc = keyfile_store(v->dir, &kf, v->key, err);
	else if (rc > 0)
		rc = 0;
out:
	keyfile_free(&kf);
out_unlocked:
	free(text);
	lockfile_release(lock);
	return rc;
}

struct vault_head {
	int64_t seq;
	unsigned char hash[32];
	char (*admins)[64];
	size_t nadmins;
	int64_t generation;	/* out: the file's slot generation */
};

/* Returns 1 (nothing to write) when the file already knows this head and
 * these administrators. */
static int
vault_set_head(struct keyfile *kf, void *arg, char **err)
{
	struct vault_head *h = arg;
	int same;

	(void)err;
	h->generation = kf->generation;
	same = keyfile_set_admins(kf, h->admins, h->nadmins) == 1;
	/* Several sessions share a vault: only ever move the head forward. */
	if (h->seq <= kf->head_seq)
		return same ? 1 : 0;
	kf->head_seq = h->seq;
	memcpy(kf->head, h->hash, 32);
	return 0;
}

static long long
vault_db_generation(struct vault *v)
{
	char *g = db_get_text(v->db, "SELECT value FROM vault_meta WHERE key = ?",
	    "keys_generation");
	long long n = g ? strtoll(g, NULL, 10) : 0;

	free(g);
	return n;
}

/* The database remembers the highest slot generation it has seen, moved
 * forward only, in a small transaction of its own (outside one already
 * open, it waits for the next commit). */
static int
vault_note_generation(struct vault *v, int64_t gen, char **err)
{
	sqlite3_stmt *st;
	char buf[32];
	int rc;

	if (gen <= vault_db_generation(v) || !sqlite3_get_autocommit(v->db))
		return 0;
	snprintf(buf, sizeof buf, "%lld", (long long)gen);
	if (db_prepare(v->db, "INSERT OR REPLACE INTO vault_meta (key, value) "
	    "VALUES ('keys_generation', ?)", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, buf, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(v->db, err, _("writing vault settings"));
}

static int
vault_collect_admin(const struct user *u, void *arg)
{
	struct vault_head *h = arg;

	if (strcmp(u->role, "admin") != 0 || strcmp(u->status, "active") != 0)
		return 0;
	h->admins = xrealloc(h->admins, (h->nadmins + 1) * sizeof *h->admins);
	snprintf(h->admins[h->nadmins++], 64, "%s", u->name);
	return 0;
}

int
vault_note_head(struct vault *v, char **err)
{
	struct vault_head h;
	int rc;

	memset(&h, 0, sizeof h);
	if (audit_head(v, &h.seq, h.hash, err) < 0 ||
	    users_list(v, vault_collect_admin, &h, err) < 0) {
		free(h.admins);
		return -1;
	}
	rc = vault_keys_update(v, vault_set_head, &h, err);
	free(h.admins);
	if (rc == 0)
		rc = vault_note_generation(v, h.generation, err);
	return rc;
}

struct vault_sk {
	struct vault *v;
	char *old_hex;		/* the seed found in vault_meta, if any */
};

/* Under the vault lock: take the file's seed if it has one, else store the
 * one from vault_meta or a new one. */
static int
vault_put_signkey(struct keyfile *kf, void *arg, char **err)
{
	struct vault_sk *a = arg;
	const struct keyslot *have = keyfile_find_kind(kf, SLOT_SIGNKEY);
	struct keyslot slot;
	int rc;

	if (have != NULL) {
		if (keyslot_unwrap_signkey(have, a->v->key, a->v->signkey) < 0)
			return err_set(err, _("the signing key in vault.keys does not "
			    "open with the data key"));
		return 1;
	}
	if (a->old_hex != NULL ? hex_decode(a->old_hex, a->v->signkey, KEY_LEN) :
	    random_bytes(a->v->signkey, KEY_LEN, NULL))
		return err_set(err, _("the vault's signing key cannot be used"));
	rc = keyslot_wrap_signkey(&slot, a->v->key, a->v->signkey, err);
	if (rc == 0)
		keyfile_put_slot(kf, &slot);
	OPENSSL_cleanse(&slot, sizeof slot);
	return rc;
}

/* Deletes the seed from vault_meta once vault.keys holds it, with an audit
 * record, and pushes the freed page out of the WAL (secure_delete zeroes
 * it in the table). */
static int
vault_drop_meta_signkey(struct vault *v, char **err)
{
	int rc;

	if (db_begin(v->db, err) < 0)
		return -1;
	rc = db_exec(v->db, "DELETE FROM vault_meta WHERE key = 'signing_key';", err);
	if (rc == 0)
		rc = audit_append(v, "system", "", "vault.signkey-moved", v->vault_id,
		    "to=vault.keys", NULL, err);
	if (rc < 0) {
		db_rollback(v->db);
		return -1;
	}
	if (db_commit(v->db, err) < 0)
		return -1;
	(void)db_exec(v->db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL);
	return 0;
}

int
vault_ensure_signkey(struct vault *v, char **err)
{
	struct vault_sk a = { v, NULL };
	int rc;

	a.old_hex = db_get_text(v->db, "SELECT value FROM vault_meta WHERE key = ?",
	    "signing_key");
	if (v->has_signkey && a.old_hex == NULL)
		return 0;
	rc = vault_keys_update(v, vault_put_signkey, &a, err);
	if (a.old_hex != NULL) {
		OPENSSL_cleanse(a.old_hex, strlen(a.old_hex));
		free(a.old_hex);
		if (rc == 0)
			rc = vault_drop_meta_signkey(v, err);
	}
	if (rc == 0)
		v->has_signkey = 1;
	return rc;
}

static int
vault_create_dir(const char *dir, char **err)
{
	char *keys = xasprintf("%s/vault.keys", dir), *db = xasprintf("%s/vault.db", dir);
	struct stat st;
	int exists = stat(keys, &st) == 0 || stat(db, &st) == 0;

	free(keys);
	free(db);
	if (exists)
		return err_set(err, _("%s already holds a vault: choose another folder"), dir);
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return err_set(err, _("cannot create %s: %s"), dir, strerror(errno));
	if (chmod(dir, 0700) < 0)
		return err_set(err, _("cannot protect %s: %s"), dir, strerror(errno));
	return 0;
}

/* The first transaction: settings, the administrator, their audit records. */
static int
vault_create_rows(struct vault *v, const struct vault_init *in, int64_t *uid,
    char **err)
{
	unsigned char secret[32];
	char hex[65], *detail;
	int rc;

	if (random_bytes(secret, sizeof secret, err) < 0)
		return -1;
	hex_encode(secret, sizeof secret, hex);
	OPENSSL_cleanse(secret, sizeof secret);
	if (db_begin(v->db, err) < 0)
		return -1;
	detail = xasprintf("insurer=%s name=%s", in->insurer, in->name);
	rc = settings_meta_put(v, "insurer", in->insurer, err) < 0 ||
	    settings_meta_put(v, "name", in->name, err) < 0 ||
	    settings_meta_put(v, "vault_id", v->vault_id, err) < 0 ||
	    settings_meta_put(v, "idle_lock_minutes", "5", err) < 0 ||
	    settings_meta_put(v, "number_hmac_key", hex, err) < 0 ? -1 : 0;
	OPENSSL_cleanse(hex, sizeof hex);
	if (rc == 0)
		rc = audit_append(v, in->admin, "", "vault.init", v->vault_id,
		    detail, NULL, err);
	free(detail);
	if (rc == 0)
		rc = users_add(v, in->admin, "admin", uid, err);
	if (rc == 0)
		rc = audit_append(v, in->admin, "", "user.add", in->admin,
		    "role=admin", NULL, err);
	if (rc != 0) {
		db_rollback(v->db);
		return -1;
	}
	return db_commit(v->db, err);
}

static int
vault_create_keys(struct vault *v, const struct vault_init *in, int64_t uid,
    const unsigned char recovery[RECOVERY_KEY_LEN], char **err)
{
	struct keyfile kf;
	struct keyslot slot;
	int rc = -1;

	memset(&kf, 0, sizeof kf);
	snprintf(kf.vault_id, sizeof kf.vault_id, "%s", v->vault_id);
	snprintf(kf.insurer, sizeof kf.insurer, "%s", in->insurer);
	if (audit_head(v, &kf.head_seq, kf.head, err) < 0)
		return -1;
	{
		char admin[1][64];

		snprintf(admin[0], sizeof admin[0], "%s", in->admin);
		(void)keyfile_set_admins(&kf, admin, 1);
	}
	if (keyslot_wrap_password(&slot, uid, in->admin, in->admin_password,
	    in->logn, v->key, err) < 0)
		goto out;
	keyfile_put_slot(&kf, &slot);
	if (keyslot_wrap_recovery(&slot, recovery, v->key, err) < 0)
		goto out;
	keyfile_put_slot(&kf, &slot);
	rc = keyfile_store(v->dir, &kf, v->key, err);
out:
	OPENSSL_cleanse(&slot, sizeof slot);
	keyfile_free(&kf);
	return rc;
}

int
vault_create(const struct vault_init *in,
    unsigned char recovery[RECOVERY_KEY_LEN], struct vault **out, char **err)
{
	unsigned char id[16];
	char *path, *migrations = NULL;
	struct vault *v;
	int64_t uid = 0;
	int applied;

	*out = NULL;
	if (vault_create_dir(in->dir, err) < 0)
		return VAULT_ERROR;
	v = vault_new(in->dir);
	if (random_bytes(v->key, KEY_LEN, err) < 0 ||
	    random_bytes(recovery, RECOVERY_KEY_LEN, err) < 0 ||
	    random_bytes(id, sizeof id, err) < 0)
		goto bad;
	hex_encode(id, sizeof id, v->vault_id);
	snprintf(v->insurer, sizeof v->insurer, "%s", in->insurer);
	path = xasprintf("%s/vault.db", in->dir);
	if (db_open(path, v->key, 1, &v->db, err) < 0) {
		free(path);
		goto bad;
	}
	free(path);
	if ((migrations = paths_data("vault")) == NULL) {
		err_set(err, _("schema migrations not found: is mynadesk installed?"));
		goto bad;
	}
	if (migrate_apply(v, migrations, in->admin, &applied, err) < 0 ||
	    vault_create_rows(v, in, &uid, err) < 0 ||
	    vault_create_keys(v, in, uid, recovery, err) < 0 ||
	    vault_ensure_signkey(v, err) < 0)
		goto bad;
	free(migrations);
	*out = v;
	return VAULT_OK;
bad:
	free(migrations);
	db_close(v->db);
	v->db = NULL;
	vault_close(v);
	vault_files_remove(in->dir);
	OPENSSL_cleanse(recovery, RECOVERY_KEY_LEN);
	return VAULT_ERROR;
}
