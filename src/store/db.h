/* The SQLCipher connection: opening with a raw key, pragmas, small helpers. */
#ifndef MYNA_DB_H
#define MYNA_DB_H

#define SQLITE_HAS_CODEC 1
#include <sqlite3.h>

#include "store/keyslot.h"

/* Opens (creating when create is set) path with the raw data key, applies the
 * vault pragmas and checks that the key opens the file. */
/* Re-encrypts the whole database under key (no transaction may be open). */
int db_rekey(sqlite3 *db, const unsigned char key[KEY_LEN], char **err);
int db_open(const char *path, const unsigned char key[KEY_LEN], int create,
    sqlite3 **out, char **err);
void db_close(sqlite3 *db);
/* Makes the statement running on db (on another thread) stop with
 * SQLITE_INTERRUPT: for a count that is no longer wanted. */
void db_interrupt(sqlite3 *db);

int db_exec(sqlite3 *db, const char *sql, char **err);
/* BEGIN IMMEDIATE, so two sessions never both plan a write on stale data. */
int db_begin(sqlite3 *db, char **err);
int db_commit(sqlite3 *db, char **err);
void db_rollback(sqlite3 *db);
int db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st, char **err);
/* Error text for a failing SQLite call, in words for the user. */
int db_fail(sqlite3 *db, char **err, const char *what);

/* Runs sql once with its text parameters (a NULL ends the list): 0, or -1
 * with err naming what failed. */
int db_run(sqlite3 *db, const char *what, char **err, const char *sql, ...);

/* Steps st, which the caller then finalizes: 1 at a row, 0 past the last,
 * -1 with err naming what failed. */
int db_step(sqlite3 *db, sqlite3_stmt *st, const char *what, char **err);

/* Single-value helpers: run sql with one optional text parameter. */
int db_get_int(sqlite3 *db, const char *sql, const char *param, long long *out,
    char **err);
char *db_get_text(sqlite3 *db, const char *sql, const char *param);
/* The same, telling a failing read (-1, err) from no row (0, *out NULL). */
int db_text(sqlite3 *db, const char *sql, const char *param, char **out,
    char **err);
/* Column i of the current row as a 32-byte hash, or NULL when it is NULL
 * or of another length. */
const unsigned char *db_col_hash(sqlite3_stmt *st, int i);

#endif
