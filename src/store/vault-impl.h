/* struct vault's fields: for src/store only (and unit tests that need raw
 * SQL); everyone else reaches the vault through store functions. */
#ifndef MYNA_VAULT_IMPL_H
#define MYNA_VAULT_IMPL_H

#include "store/db.h"
#include "store/vault.h"

struct vault {
	char *dir;
	sqlite3 *db;
	unsigned char *key;	/* data key, secret_alloc'd */
	unsigned char *signkey;	/* Ed25519 seed from vault.keys, secret_alloc'd */
	int has_signkey;
	char insurer[9];
	char vault_id[VAULT_ID_SIZE];
	char *warning;		/* loosened file modes, found at open */
	int reader;		/* a read-only second connection (vault-conn.c) */
};

/* A vault for dir with its secrets allocated, not yet open. */
struct vault *vault_new(const char *dir);
/* Another database file under v's data key (a backup's copy), opened as a
 * vault that vault_close closes without touching vault.keys. */
int vault_open_copy(const struct vault *v, const char *path,
    struct vault **out, char **err);

#endif
