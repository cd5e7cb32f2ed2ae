/* SQL for exports and reports: all read-only, all by index (audit.ts,
 * audit.seq, audit.hash has no index: a paper head is looked up rarely). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/exportq.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
exportq_seq_range(struct vault *v, const char *start, const char *end,
    int64_t *first, int64_t *last, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	*first = *last = 0;
	if (db_prepare(db, "SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) "
	    "FROM audit WHERE ts >= ? AND ts < ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, start, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, end, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*first = sqlite3_column_int64(st, 0);
		*last = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, err, _("reading the audit log"));
}

int
exportq_head_before(struct vault *v, const char *end, int64_t *seq,
    unsigned char hash[32], char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	*seq = 0;
	memset(hash, 0, 32);
	if (db_prepare(db, "SELECT seq, hash FROM audit WHERE ts < ? "
	    "ORDER BY seq DESC LIMIT 1", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, end, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 1) == 32) {
		*seq = sqlite3_column_int64(st, 0);
		memcpy(hash, sqlite3_column_blob(st, 1), 32);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the audit log"));
	return 0;
}

int
exportq_find_hash(struct vault *v, const unsigned char hash[32], int64_t *seq,
    char **ts, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, found = 0;

	*seq = 0;
	*ts = NULL;
	if (db_prepare(db, "SELECT seq, ts FROM audit WHERE hash = ?", &st,
	    err) < 0)
		return -1;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		*ts = xstrdup((const char *)sqlite3_column_text(st, 1));
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the audit log"));
	return found;
}

int
exportq_checkpoints_since(struct vault *v, const char *since, long long *n,
    char **err)
{
	sqlite3 *db = v->db;

	return db_get_int(db, "SELECT count(*) FROM checkpoints WHERE created >= ?",
	    since, n, err);
}

int
exportq_numbers(struct vault *v, exportq_count_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT channel, state, count(*) FROM numbers "
	    "GROUP BY channel, state ORDER BY channel, state", &st, err) < 0)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int64(st, 2), arg);
	sqlite3_finalize(st);
	if (!stop && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading numbers"));
	return 0;
}
