/* SQLCipher 3.4 with our own KDF in front: the database gets a raw 256-bit
 * key and 4 KiB pages; its own old defaults are never used. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store/db.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

int
db_fail(sqlite3 *db, char **err, const char *what)
{
	int code = db ? sqlite3_extended_errcode(db) & 0xff : SQLITE_ERROR;

	/* An open session meets NOTADB when another one changed the data key
	 * (an account was locked): restoring a backup would be the wrong cure. */
	if (code == SQLITE_NOTADB)
		return err_set(err, _("%s: the vault no longer opens with this "
		    "session's key: if an account was just locked, the data key "
		    "changed, so log out and log in again; otherwise the database is "
		    "damaged (restore it from a backup)"), what);
	if (code == SQLITE_CORRUPT)
		return err_set(err, _("%s: the vault database is damaged or the key "
		    "does not open it (restore it from a backup)"), what);
	if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
		return err_set(err, _("%s: the vault is busy in another session; try again"),
		    what);
	return err_set(err, "%s: %s", what, db ? sqlite3_errmsg(db) : "sqlite");
}

/* PRAGMA NAME = "x'<64 hex>'": the raw-key mode of key and rekey. */
static int
db_pragma_key(sqlite3 *db, const char *name, const unsigned char key[KEY_LEN],
    char **err)
{
	char *sql = secret_alloc(128);
	int n, rc;

	n = snprintf(sql, 128, "PRAGMA %s = \"x'", name);
	hex_encode(key, KEY_LEN, sql + n);
	memcpy(sql + n + 2 * KEY_LEN, "'\";", 4);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	secret_free(sql, 128);
	if (rc != SQLITE_OK)
		return db_fail(db, err, _("setting the vault key"));
	return 0;
}

static int
db_key(sqlite3 *db, const unsigned char key[KEY_LEN], char **err)
{
	return db_pragma_key(db, "key", key, err);
}

int
db_rekey(sqlite3 *db, const unsigned char key[KEY_LEN], char **err)
{
	long long n;

	/* SQLCipher rewrites every page in one write transaction: in WAL mode
	 * a crash before its commit leaves the old key, after it the new. */
	if (db_pragma_key(db, "rekey", key, err) < 0 ||
	    db_get_int(db, "SELECT count(*) FROM sqlite_master", NULL, &n, err) < 0)
		return -1;
	return db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE);", err);
}

int
db_open(const char *path, const unsigned char key[KEY_LEN], int create,
    sqlite3 **out, char **err)
{
	sqlite3 *db = NULL;
	/* One thread per connection (the export's worker never calls
	 * SQLite), so no mutex around every call: reading 400,000 persons
	 * made some ten million of them. */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    (create ? SQLITE_OPEN_CREATE : 0);
	long long n;

	*out = NULL;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		err_set(err, _("cannot open %s: %s"), path, db ? sqlite3_errmsg(db) : "");
		sqlite3_close(db);
		return -1;
	}
	if (create)
		(void)chmod(path, 0600);
	/* Writers take turns (BEGIN IMMEDIATE). The longest writer is a full
	 * import, about 10 s for 400,000 persons here, so a console waits for it
	 * rather than showing "busy" to the clerk. */
	sqlite3_busy_timeout(db, 60000);
	/* The page size must be set on every open, before the first read. */
	if (db_key(db, key, err) < 0 ||
	    db_exec(db, "PRAGMA cipher_page_size = 4096;", err) < 0)
		goto bad;
	/* A wrong key shows only when the schema is first read. */
	if (db_get_int(db, "SELECT count(*) FROM sqlite_master", NULL, &n, err) < 0)
		goto bad;
	if (db_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
	    "PRAGMA secure_delete = ON; PRAGMA foreign_keys = ON; "
	    "PRAGMA temp_store = MEMORY;", err) < 0)
		goto bad;
	*out = db;
	return 0;
bad:
	sqlite3_close(db);
	return -1;
}

void
db_close(sqlite3 *db)
{
	if (db != NULL)
		sqlite3_close(db);
}

void
db_interrupt(sqlite3 *db)
{
	sqlite3_interrupt(db);
}

int
db_exec(sqlite3 *db, const char *sql, char **err)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int code = sqlite3_extended_errcode(db) & 0xff;

		if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT ||
		    code == SQLITE_BUSY)
			db_fail(db, err, _("vault"));
		else
			err_set(err, _("vault: %s"), msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
db_begin(sqlite3 *db, char **err)
{
	return db_exec(db, "BEGIN IMMEDIATE", err);
}

int
db_commit(sqlite3 *db, char **err)
{
	if (db_exec(db, "COMMIT", err) < 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

void
db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		(void)sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

int
db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, char **err)
{
	if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
		return db_fail(db, err, _("reading the vault"));
	return 0;
}

int
db_step(sqlite3 *db, sqlite3_stmt *st, const char *what, char **err)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, what);
}

int
db_run(sqlite3 *db, const char *what, char **err, const char *sql, ...)
{
	sqlite3_stmt *st;
	const char *p;
	va_list ap;
	int i = 1, rc;

	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	va_start(ap, sql);
	while ((p = va_arg(ap, const char *)) != NULL)
		sqlite3_bind_text(st, i++, p, -1, SQLITE_TRANSIENT);
	va_end(ap);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_fail(db, err, what);
}

int
db_get_int(sqlite3 *db, const char *sql, const char *param, long long *out,
    char **err)
{
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	if (param != NULL)
		sqlite3_bind_text(st, 1, param, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the vault"));
	return 0;
}

int
db_text(sqlite3 *db, const char *sql, const char *param, char **out,
    char **err)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	if (param != NULL)
		sqlite3_bind_text(st, 1, param, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		*out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the vault"));
	return 0;
}

char *
db_get_text(sqlite3 *db, const char *sql, const char *param)
{
	char *out;

	(void)db_text(db, sql, param, &out, NULL);
	return out;
}

const unsigned char *
db_col_hash(sqlite3_stmt *st, int i)
{
	return sqlite3_column_bytes(st, i) == 32 ? sqlite3_column_blob(st, i) :
	    NULL;
}
