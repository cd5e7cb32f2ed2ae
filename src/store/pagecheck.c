/* SQLCipher authenticates each page when it is read, but a check that reads
 * only the audit table never reads the others: eight bytes changed in an
 * index pass unnoticed. PRAGMA integrity_check walks every b-tree; when it
 * finds damage, the tables and indexes are read one by one to say where. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/pagecheck.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* "name" with quotes doubled, for an identifier in SQL. */
static char *
pc_ident(const char *name)
{
	size_t n = strlen(name), i, o = 0;
	char *q = xmalloc(2 * n + 3);

	q[o++] = '"';
	for (i = 0; i < n; i++) {
		if (name[i] == '"')
			q[o++] = '"';
		q[o++] = name[i];
	}
	q[o++] = '"';
	q[o] = '\0';
	return q;
}

/* Steps sql to its end, reading every column; 0 when all rows read. */
static int
pc_read_all(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	int rc, i, n;

	/* A statement that cannot be planned (a partial index that INDEXED BY
	 * cannot use) says nothing about the pages: not a finding. */
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	n = sqlite3_column_count(st);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (i = 0; i < n; i++)
			(void)sqlite3_column_blob(st, i);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* The columns of index, joined by commas, or NULL for an index on
 * expressions only. */
static char *
pc_index_columns(sqlite3 *db, const char *index)
{
	char *id = pc_ident(index), *sql = xasprintf("PRAGMA index_info(%s)", id);
	char *cols = NULL, *t, *c;
	sqlite3_stmt *st;

	free(id);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(st, 2);

			if (name == NULL)
				continue;
			c = pc_ident(name);
			t = xasprintf("%s%s%s", cols ? cols : "", cols ? "," : "", c);
			free(c);
			free(cols);
			cols = t;
		}
	}
	sqlite3_finalize(st);
	free(sql);
	return cols;
}

/* 0 when every row of the table (or every entry of the index, scanned as a
 * covering index) reads. */
static int
pc_object_reads(sqlite3 *db, const char *type, const char *name,
    const char *table)
{
	char *tid = pc_ident(table), *iid, *cols, *sql;
	int rc;

	if (strcmp(type, "table") == 0) {
		sql = xasprintf("SELECT * FROM %s", tid);
	} else {
		if ((cols = pc_index_columns(db, name)) == NULL) {
			free(tid);
			return 0;
		}
		iid = pc_ident(name);
		sql = xasprintf("SELECT %s FROM %s INDEXED BY %s", cols, tid, iid);
		free(iid);
		free(cols);
	}
	rc = pc_read_all(db, sql);
	free(sql);
	free(tid);
	return rc;
}

/* Names the first table or index, in page order, that does not read, or
 * NULL. Only the first: after a page fails to decrypt, SQLCipher refuses
 * every later read on the connection, so what follows would be named too. */
static char *
pc_locate(sqlite3 *db)
{
	sqlite3_stmt *st;
	char *where = NULL;

	if (sqlite3_prepare_v2(db, "SELECT type, name, tbl_name FROM "
	    "sqlite_master WHERE rootpage > 0 ORDER BY rootpage", -1, &st,
	    NULL) != SQLITE_OK)
		return NULL;
	while (where == NULL && sqlite3_step(st) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *table = (const char *)sqlite3_column_text(st, 2);

		if (type == NULL || name == NULL || table == NULL ||
		    pc_object_reads(db, type, name, table) == 0)
			continue;
		where = xasprintf(strcmp(type, "table") == 0 ? _("table %s") :
		    _("index %s"), name);
	}
	sqlite3_finalize(st);
	return where;
}

int
pagecheck_run(struct vault *v, char **where, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	char *found = NULL;
	int rc;

	*where = NULL;
	if (sqlite3_prepare_v2(db, "PRAGMA integrity_check(10)", -1, &st,
	    NULL) != SQLITE_OK)
		return db_fail(db, err, "integrity_check");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);

		if (found == NULL && line != NULL && strcmp(line, "ok") != 0)
			found = xstrdup(line);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE && found == NULL)
		return 0;
	*where = pc_locate(db);
	if (*where == NULL)
		*where = found != NULL ? found : xstrdup(sqlite3_errstr(rc));
	else
		free(found);
	return 1;
}
