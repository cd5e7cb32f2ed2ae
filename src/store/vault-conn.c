/* The open vault's connection as ops see it: transactions, and readers (a
 * second, read-only connection handed out as a vault of its own, so that
 * store functions work on it too). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/vault-impl.h"
#include "store/vault.h"
#include "util/xmalloc.h"

int
vault_begin(struct vault *v, char **err)
{
	return db_begin(v->db, err);
}

int
vault_commit(struct vault *v, char **err)
{
	return db_commit(v->db, err);
}

void
vault_rollback(struct vault *v)
{
	db_rollback(v->db);
}

int
vault_in_tx(const struct vault *v)
{
	return !sqlite3_get_autocommit(v->db);
}

/* The checks are a seek into each parent table for every row written, and
 * under them this SQLite (3.15, SQLCipher 3.4) rewrites every index of a
 * table whose row an UPDATE touches; the larger cache means fewer pages
 * encrypted, spilled and decrypted again. */
int
vault_bulk(struct vault *v, int on, char **err)
{
	return db_exec(v->db, on ? "PRAGMA foreign_keys = OFF; PRAGMA "
	    "cache_size = -32768;" : "PRAGMA foreign_keys = ON; PRAGMA "
	    "cache_size = -2000;", err);
}

struct vault *
vault_reader(const struct vault *v)
{
	struct vault *r = vault_new(v->dir);

	memcpy(r->key, v->key, KEY_LEN);
	memcpy(r->insurer, v->insurer, sizeof r->insurer);
	memcpy(r->vault_id, v->vault_id, sizeof r->vault_id);
	r->reader = 1;
	return r;
}

int
vault_open_copy(const struct vault *v, const char *path,
    struct vault **out, char **err)
{
	*out = vault_reader(v);
	if (db_open(path, v->key, 0, &(*out)->db, err) == 0)
		return 0;
	vault_close(*out);
	*out = NULL;
	return -1;
}

int
vault_reader_connect(struct vault *r, char **err)
{
	char *path = xasprintf("%s/vault.db", r->dir);
	int rc = db_open(path, r->key, 0, &r->db, err);

	free(path);
	if (rc == 0 && db_exec(r->db, "PRAGMA query_only = ON;", err) < 0) {
		db_close(r->db);
		r->db = NULL;
		return -1;
	}
	return rc;
}

int
vault_open_reader(const struct vault *v, struct vault **out, char **err)
{
	*out = vault_reader(v);
	if (vault_reader_connect(*out, err) == 0)
		return 0;
	vault_close(*out);
	*out = NULL;
	return -1;
}

/* The snapshot test used to sit in ops/reg-source.c, which then spoke
 * SQLite itself; the rule is the same. */
int
vault_open_snapshot_reader(const struct vault *v, struct vault **out)
{
	char *mode;
	int wal;

	*out = NULL;
	if (!vault_in_tx(v) || vault_open_reader(v, out, NULL) < 0)
		return -1;
	mode = db_get_text((*out)->db, "PRAGMA journal_mode", NULL);
	wal = mode != NULL && strcmp(mode, "wal") == 0;
	free(mode);
	if (!wal) {
		vault_close(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int
vault_read_begin(struct vault *r, char **err)
{
	return db_exec(r->db, "BEGIN", err);
}

void
vault_interrupt(struct vault *r)
{
	if (r->db != NULL)
		db_interrupt(r->db);
}

const char *
vault_dir(const struct vault *v)
{
	return v->dir;
}

const char *
vault_insurer(const struct vault *v)
{
	return v->insurer;
}

const char *
vault_id(const struct vault *v)
{
	return v->vault_id;
}

const char *
vault_warning(const struct vault *v)
{
	return v->warning;
}
