/* SQL for the users table. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/users.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define USERS_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

int
users_add(struct vault *v, const char *name, const char *role, int64_t *id,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "INSERT INTO users (name, role, created, pw_changed) "
	    "VALUES (?, ?, " USERS_NOW ", " USERS_NOW ")", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, role, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_CONSTRAINT)
		return err_set(err, _("user '%s' already exists"), name);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("adding a user"));
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}

static char *
users_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return xstrdup(t ? (const char *)t : "");
}

static void
users_row(sqlite3_stmt *st, struct user *u)
{
	u->id = sqlite3_column_int64(st, 0);
	u->name = users_col(st, 1);
	u->role = users_col(st, 2);
	u->status = users_col(st, 3);
	u->created = users_col(st, 4);
	u->last_login = users_col(st, 5);
	u->must_change = sqlite3_column_int(st, 6);
}

#define USERS_COLS "id, name, role, status, created, last_login, must_change"

int
users_get(struct vault *v, const char *name, struct user *u, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(u, 0, sizeof *u);
	if (db_prepare(db, "SELECT " USERS_COLS " FROM users WHERE name = ?", &st,
	    err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		users_row(st, u);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading users"));
	return rc == SQLITE_ROW;
}

int
users_set(struct vault *v, const char *name, const char *column,
    const char *value, char **err)
{
	sqlite3 *db = v->db;
	static const char *const allowed[] = { "role", "status", "last_login",
	    "pw_changed", "must_change" };
	sqlite3_stmt *st;
	char *sql;
	size_t i;
	int rc, ok = 0;

	/* The column name is spliced into SQL, so only known names pass. */
	for (i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
		ok |= strcmp(column, allowed[i]) == 0;
	if (!ok)
		return err_set(err, "users_set: bad column %s", column);
	sql = xasprintf("UPDATE users SET %s = %s WHERE name = ?", column,
	    value ? "?" : USERS_NOW);
	rc = db_prepare(db, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	i = 1;
	if (value)
		sqlite3_bind_text(st, (int)i++, value, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, (int)i, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("updating a user"));
	return 0;
}

int
users_add_must_change(struct vault *v, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, found = 0;

	/* PRAGMA table_info as a table arrived after SQLite 3.15: step it. */
	if (db_prepare(db, "PRAGMA table_info(users)", &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *name = sqlite3_column_text(st, 1);

		if (name != NULL && strcmp((const char *)name, "must_change") == 0)
			found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("reading users"));
	if (found)
		return 0;
	return db_exec(db, "ALTER TABLE users ADD COLUMN must_change INTEGER NOT "
	    "NULL DEFAULT 0 CHECK (must_change IN (0, 1));", err);
}

int
users_count(struct vault *v, long long *n, char **err)
{
	sqlite3 *db = v->db;

	return db_get_int(db, "SELECT count(*) FROM users", NULL, n, err);
}

int
users_count_active(struct vault *v, const char *role, long long *n, char **err)
{
	sqlite3 *db = v->db;

	if (role == NULL)
		return db_get_int(db, "SELECT count(*) FROM users WHERE status = "
		    "'active'", NULL, n, err);
	return db_get_int(db, "SELECT count(*) FROM users WHERE status = 'active' "
	    "AND role = ?", role, n, err);
}

int
users_list(struct vault *v, users_row_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT " USERS_COLS " FROM users ORDER BY name", &st,
	    err) < 0)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct user u;

		users_row(st, &u);
		stop = fn(&u, arg);
		users_clear(&u);
	}
	sqlite3_finalize(st);
	if (!stop && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading users"));
	return 0;
}

void
users_clear(struct user *u)
{
	free(u->name);
	free(u->role);
	free(u->status);
	free(u->created);
	free(u->last_login);
	memset(u, 0, sizeof *u);
}
