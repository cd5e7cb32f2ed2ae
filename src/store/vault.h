/* A vault on disk: vault.db (SQLCipher) and vault.keys (key slots). */
#ifndef MYNA_VAULT_H
#define MYNA_VAULT_H

#include <stdint.h>

#include "store/keyfile.h"

/* A vault id's text with its NUL. */
#define VAULT_ID_SIZE 33

/* Opaque outside src/store (its fields: store/vault-impl.h). */
struct vault;

enum vault_status {
	VAULT_OK = 0,
	VAULT_ERROR = -1,	/* anything else: message in *err */
	VAULT_EAUTH = -2,	/* wrong user name, password or recovery key */
	VAULT_ELOCKED = -3,	/* too many failures: an administrator must unlock */
	VAULT_EROLLBACK = -4,	/* vault.db older than vault.keys remembers */
};

struct vault_init {
	const char *dir;
	const char *insurer;
	const char *name;
	const char *admin;
	const char *admin_password;
	int logn;			/* scrypt cost of the admin slot */
};

/* Creates a new vault; recovery receives the recovery key to print once. */
int vault_create(const struct vault_init *in,
    unsigned char recovery[RECOVERY_KEY_LEN], struct vault **out, char **err);
/* Opens with a user's password; *uid gets the slot's user id. */
int vault_open_password(const char *dir, const char *user, const char *password,
    struct vault **out, char **err);
int vault_open_recovery(const char *dir,
    const unsigned char recovery[RECOVERY_KEY_LEN], struct vault **out,
    char **err);
/* Checks a second person's password against their slot without opening
 * anything else; counts failures like a login. */
int vault_check_password(struct vault *v, const char *user, const char *password,
    char **err);

/* Remembers the current audit head in vault.keys (never moves it back). */
int vault_note_head(struct vault *v, char **err);

typedef int (*vault_keys_fn)(struct keyfile *kf, void *arg, char **err);
/* Re-reads vault.keys under the vault lock, checks its MAC, lets fn change
 * it, and writes it back. */
int vault_keys_update(struct vault *v, vault_keys_fn fn, void *arg, char **err);

/* Transactions on the open vault (store/vault-conn.c): vault_begin is
 * BEGIN IMMEDIATE, so two sessions never both plan a write on stale data. */
int vault_begin(struct vault *v, char **err);
int vault_commit(struct vault *v, char **err);
void vault_rollback(struct vault *v);
/* Whether a transaction is open on v. */
int vault_in_tx(const struct vault *v);
/* Bulk mode around one large write (on 1, then 0, outside a transaction):
 * no foreign key checks and a 32 MB page cache instead of 2 MB. Only for
 * writes whose ids all come from the vault's own rows; persons are never
 * deleted. */
int vault_bulk(struct vault *v, int on, char **err);

/* Readers: a second connection to the open vault's database, handed out as
 * a vault of its own for reading on a thread of its own (a connection
 * serves one thread); store functions work on it, writes are refused on it.
 * Close it with vault_close, which writes nothing for a reader.
 * vault_reader copies what the reader needs from v on the caller's thread;
 * vault_reader_connect then opens its connection (on the reading thread). */
struct vault *vault_reader(const struct vault *v);
int vault_reader_connect(struct vault *r, char **err);
/* Both steps at once; *out NULL on failure. */
int vault_open_reader(const struct vault *v, struct vault **out, char **err);
/* The same, only when it reads the snapshot v's open transaction started
 * from: v holds a transaction and the vault is in WAL mode (otherwise v's
 * writes would wait for the reader). -1 and *out NULL when not. */
int vault_open_snapshot_reader(const struct vault *v, struct vault **out);
/* A read transaction on a reader (one snapshot); ends with vault_rollback. */
int vault_read_begin(struct vault *r, char **err);
/* Makes the statement running on r (on another thread) stop with an
 * error: for a count that is no longer wanted. */
void vault_interrupt(struct vault *r);

/* Adds or replaces a user's password slot in vault.keys, wrapping the data
 * key under password at scrypt cost logn. */
int vault_put_password_slot(struct vault *v, int64_t uid, const char *name,
    const char *password, int logn, char **err);

/* What ops may know of an open vault. */
const char *vault_dir(const struct vault *v);
const char *vault_insurer(const struct vault *v);
const char *vault_id(const struct vault *v);
/* Loosened file modes found at open, or NULL. */
const char *vault_warning(const struct vault *v);

/* The signing seed lives in vault.keys, wrapped under the data key, never
 * in the database: creates it on first use, and moves an older vault's
 * copy out of vault_meta (deleting the row) in the same step. */
int vault_ensure_signkey(struct vault *v, char **err);

/* Changing the data key (store/vault-rekey.c). record runs once the
 * database is under the new key, before vault.keys is replaced, to write the
 * change's audit record (generation: the new slot generation); it runs
 * under the vault lock, so it must not update vault.keys. Returns 0 when
 * changed, 1 (reason in err) when a holder's slot is too old to receive a
 * new key, -1 on error (an interrupted change is finished at the next open). */
typedef int (*vault_rekey_fn)(struct vault *v, int64_t generation, void *arg,
    char **err);
int vault_rekey(struct vault *v, vault_rekey_fn record, void *arg,
    int64_t *generation, char **err);
/* At open, with the old key in v->key: finishes a change that a crash
 * interrupted; unwrap opens the opener's slot in the new key file. Returns
 * 1 when it finished one (v->key is then the new key), 0 when none was
 * pending, -1 on error. */
typedef int (*vault_unwrap_fn)(const struct keyfile *kf, const void *cred,
    unsigned char key[KEY_LEN]);
int vault_rekey_settle(struct vault *v, vault_unwrap_fn unwrap, const void *cred,
    char **err);

void vault_close(struct vault *v);

#endif
