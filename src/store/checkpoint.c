/* Checkpoints: a Merkle root over the audit log's leaf hashes, written into
 * a short note and signed with the vault's own Ed25519 key, so anyone given
 * the note, the signature and the public key can check it with openssl. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "domain/auditrec.h"
#include "domain/merkle.h"
#include "store/checkpoint.h"
#include "store/keyslot.h"
#include "store/vault-impl.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
checkpoint_leaves(const struct vault *v, int64_t size,
    unsigned char (**out)[32], char **err)
{
	sqlite3 *db = v->db;
	unsigned char (*leaves)[32] = xcalloc((size_t)(size > 0 ? size : 1), 32);
	sqlite3_stmt *st;
	int64_t n = 0;
	int rc;

	*out = NULL;
	if (db_prepare(db, "SELECT seq, ts, actor, actor2, action, subject, detail "
	    "FROM audit WHERE seq <= ? ORDER BY seq", &st, err) < 0) {
		free(leaves);
		return -1;
	}
	sqlite3_bind_int64(st, 1, size);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < size) {
		struct auditrec r;

		memset(&r, 0, sizeof r);
		r.seq = sqlite3_column_int64(st, 0);
		r.ts = (char *)sqlite3_column_text(st, 1);
		r.actor = (char *)sqlite3_column_text(st, 2);
		r.actor2 = (char *)sqlite3_column_text(st, 3);
		r.action = (char *)sqlite3_column_text(st, 4);
		r.subject = (char *)sqlite3_column_text(st, 5);
		r.detail = (char *)sqlite3_column_text(st, 6);
		auditrec_leaf(&r, leaves[n++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(leaves);
		return db_fail(db, err, _("reading the audit log"));
	}
	if (n != size) {
		free(leaves);
		return err_set(err, _("the audit log has %lld records, fewer than the "
		    "checkpoint's %lld"), (long long)n, (long long)size);
	}
	*out = leaves;
	return 0;
}

int
checkpoint_root(const struct vault *v, int64_t size, unsigned char root[32],
    char **err)
{
	unsigned char (*leaves)[32];

	if (checkpoint_leaves(v, size, &leaves, err) < 0)
		return -1;
	merkle_root((const unsigned char (*)[32])leaves, (size_t)size, root);
	free(leaves);
	return 0;
}

static char *
checkpoint_pem(EVP_PKEY *key)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data, *out = NULL;
	long n;

	if (b != NULL && PEM_write_bio_PUBKEY(b, key) == 1 &&
	    (n = BIO_get_mem_data(b, &data)) > 0)
		out = xstrndup(data, (size_t)n);
	BIO_free(b);
	return out;
}

/* The vault's signing key: its seed comes from vault.keys (see
 * vault_ensure_signkey), never from the database. */
static EVP_PKEY *
checkpoint_key(const struct vault *v, char **err)
{
	EVP_PKEY *key = NULL;

	if (v->has_signkey)
		key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, v->signkey,
		    32);
	if (key == NULL)
		err_set(err, _("the vault's signing key cannot be used"));
	return key;
}

char *
checkpoint_pubkey_pem(const struct vault *v)
{
	EVP_PKEY *key = checkpoint_key(v, NULL);
	char *pem = key ? checkpoint_pem(key) : NULL;

	EVP_PKEY_free(key);
	return pem;
}

static int
checkpoint_sign(EVP_PKEY *key, const char *note, unsigned char sig[64])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t len = 64;
	int ok = ctx != NULL && EVP_DigestSignInit(ctx, NULL, NULL, NULL, key) == 1 &&
	    EVP_DigestSign(ctx, sig, &len, (const unsigned char *)note,
	    strlen(note)) == 1 && len == 64;

	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

static int
checkpoint_store(sqlite3 *db, const struct checkpoint *cp, const char *actor,
    char **err)
{
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "INSERT INTO checkpoints (tree_size, root, note, "
	    "signature, created, actor) VALUES (?, ?, ?, ?, strftime("
	    "'%Y-%m-%dT%H:%M:%SZ', 'now'), ?)", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, cp->tree_size);
	sqlite3_bind_blob(st, 2, cp->root, 32, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, cp->note, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, cp->sig, 64, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, actor, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing a checkpoint"));
}

int
checkpoint_make(const struct vault *v, const char *origin, const char *actor,
    struct checkpoint *cp, char **err)
{
	sqlite3 *db = v->db;
	unsigned char b64[64];
	long long size;
	EVP_PKEY *key;
	int rc;

	memset(cp, 0, sizeof *cp);
	if (db_get_int(db, "SELECT coalesce(max(seq), 0) FROM audit", NULL, &size,
	    err) < 0 || (key = checkpoint_key(v, err)) == NULL)
		return -1;
	cp->tree_size = size;
	rc = checkpoint_root(v, size, cp->root, err);
	if (rc == 0) {
		EVP_EncodeBlock(b64, cp->root, 32);
		/* The note: origin, tree size, base64 root, one a line. */
		cp->note = xasprintf("%s\n%lld\n%s\n", origin, size, b64);
		if (checkpoint_sign(key, cp->note, cp->sig) < 0)
			rc = err_set(err, _("signing the checkpoint failed"));
	}
	if (rc == 0)
		rc = checkpoint_store(db, cp, actor, err);
	if (rc == 0 && (cp->pubkey_pem = checkpoint_pem(key)) == NULL)
		rc = err_set(err, _("the vault has no public key"));
	EVP_PKEY_free(key);
	if (rc < 0)
		checkpoint_clear(cp);
	return rc;
}

static int
checkpoint_verify_one(const struct vault *v, EVP_PKEY *pub, sqlite3_stmt *st,
    char **err)
{
	int64_t size = sqlite3_column_int64(st, 0);
	const char *note = (const char *)sqlite3_column_text(st, 2);
	unsigned char root[32];
	EVP_MD_CTX *ctx;
	int ok;

	if (sqlite3_column_bytes(st, 1) != 32 || sqlite3_column_bytes(st, 3) != 64)
		return err_set(err, _("checkpoint of size %lld is damaged"),
		    (long long)size);
	if (checkpoint_root(v, size, root, err) < 0)
		return -1;
	if (memcmp(root, sqlite3_column_blob(st, 1), 32) != 0)
		return err_set(err, _("the audit log no longer matches the checkpoint "
		    "of its first %lld records: records were changed"), (long long)size);
	ctx = EVP_MD_CTX_new();
	ok = ctx != NULL && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pub) == 1 &&
	    EVP_DigestVerify(ctx, sqlite3_column_blob(st, 3), 64,
	    (const unsigned char *)note, strlen(note)) == 1;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return err_set(err, _("the signature of the checkpoint of %lld records "
		    "does not verify"), (long long)size);
	return 0;
}

int
checkpoint_verify_all(const struct vault *v, int64_t *count, char **err)
{
	sqlite3 *db = v->db;

	/* The key from vault.keys (under its MAC), not a copy someone with SQL
	 * access could have replaced. */
	EVP_PKEY *pub = checkpoint_key(v, NULL);
	sqlite3_stmt *st;
	int rc = 0;

	*count = 0;
	if (db_prepare(db, "SELECT tree_size, root, note, signature FROM checkpoints "
	    "ORDER BY id", &st, err) < 0) {
		EVP_PKEY_free(pub);
		return -1;
	}
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		rc = pub == NULL ? err_set(err, _("checkpoints exist but the vault has "
		    "no public key")) : checkpoint_verify_one(v, pub, st, err);
		if (rc == 0)
			(*count)++;
	}
	sqlite3_finalize(st);
	EVP_PKEY_free(pub);
	return rc;
}

int
checkpoint_sign_data(const struct vault *v, const char *data,
    unsigned char sig[64], char **pubkey_pem, char **err)
{
	EVP_PKEY *key = checkpoint_key(v, err);
	int rc;

	if (key == NULL)
		return -1;
	rc = checkpoint_sign(key, data, sig);
	if (rc == 0 && pubkey_pem != NULL && (*pubkey_pem = checkpoint_pem(key)) ==
	    NULL)
		rc = -1;
	EVP_PKEY_free(key);
	if (rc < 0)
		return err_set(err, _("signing failed"));
	return 0;
}

void
checkpoint_clear(struct checkpoint *cp)
{
	free(cp->note);
	free(cp->pubkey_pem);
	memset(cp, 0, sizeof *cp);
}
