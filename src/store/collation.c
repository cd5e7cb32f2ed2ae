/* SQL for the J-LIS collation of registrations. The tables are small (the
 * persons with a collation to settle), so the result import reads the
 * blocked keys once and touches these tables only for the rows that
 * concern them, never once per record. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/collation.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define COLL_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
/* Blocked: a mismatch, or a no-error decision the server has not yet
 * registered. */
#define COLL_BLOCKED "(c.state = 'mismatch' OR c.cleared IS NULL)"

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? (const char *)t : "";
}

int
coll_store_blocked_keys(struct vault *v, char ***keys, size_t *n, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*keys = NULL;
	*n = 0;
	/* BINARY collation orders as strcmp does on UTF-8. CROSS JOIN keeps
	 * the small reg_collation outside: left to the planner, which has no
	 * statistics, the join scanned all of persons and sought each id in
	 * reg_collation, 0.2-0.3 s of a result import at 400,000 persons
	 * however few were blocked. */
	if (db_prepare(db, "SELECT p.key FROM reg_collation c CROSS JOIN "
	    "persons p ON p.id = c.person_id WHERE " COLL_BLOCKED " ORDER BY "
	    "p.key", &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*keys = xrealloc(*keys, cap * sizeof **keys);
		}
		(*keys)[(*n)++] = xstrdup(col_text(st, 0));
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	coll_store_keys_free(*keys, *n);
	*keys = NULL;
	*n = 0;
	return db_fail(db, err, _("reading J-LIS collation"));
}

void
coll_store_keys_free(char **keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

int
coll_store_no_error_ids(struct vault *v, int64_t **ids, size_t *n, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (db_prepare(db, "SELECT person_id FROM reg_collation WHERE state = "
	    "'no-error' ORDER BY person_id", &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*ids = xrealloc(*ids, cap * sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 0;
	free(*ids);
	*ids = NULL;
	*n = 0;
	return db_fail(db, err, _("reading J-LIS collation"));
}

/* Runs a prepared statement to its end; SQLITE_DONE or the error. */
static int
coll_step(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	return rc;
}

int
coll_store_mismatch(struct vault *v, long long file_id, long long seq,
    const char *key, const struct coll_row *c, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int i;

	if (db_prepare(db, "INSERT OR REPLACE INTO reg_collation (person_id, "
	    "state, file_id, seq, items, j_name, j_kana, j_birth, j_sex, "
	    "j_address, reported) SELECT id, 'mismatch', ?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8, " COLL_NOW " FROM persons WHERE key = ?9", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int64(st, 2, seq);
	sqlite3_bind_text(st, 3, c->items, -1, SQLITE_STATIC);
	for (i = 0; i < COLL_NITEMS; i++)
		sqlite3_bind_text(st, 4 + i, c->value[i], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, key, -1, SQLITE_STATIC);
	if (coll_step(st) != SQLITE_DONE)
		return db_fail(db, err, _("recording a J-LIS mismatch"));
	if (db_prepare(db, "INSERT INTO reg_jlis_mismatches (file_id, seq, "
	    "person_id, items) SELECT ?1, ?2, id, ?3 FROM persons WHERE key = ?4",
	    &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int64(st, 2, seq);
	sqlite3_bind_text(st, 3, c->items, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, key, -1, SQLITE_STATIC);
	if (coll_step(st) != SQLITE_DONE)
		return db_fail(db, err, _("recording a J-LIS mismatch"));
	return 0;
}

int
coll_store_settle(struct vault *v, const char *key, char **err)
{
	sqlite3 *db = v->db;
	static const char *const sql[] = {
		"DELETE FROM reg_collation WHERE state = 'mismatch' AND "
		    "person_id = (SELECT id FROM persons WHERE key = ?)",
		"UPDATE reg_collation SET cleared = " COLL_NOW " WHERE state = "
		    "'no-error' AND cleared IS NULL AND person_id = (SELECT id "
		    "FROM persons WHERE key = ?)",
	};
	sqlite3_stmt *st;
	int i, changed = 0;

	for (i = 0; i < 2; i++) {
		if (db_prepare(db, sql[i], &st, err) < 0)
			return -1;
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		if (coll_step(st) != SQLITE_DONE)
			return db_fail(db, err, _("settling a J-LIS mismatch"));
		changed += sqlite3_changes(db);
	}
	return changed > 0;
}

int
coll_store_no_error(struct vault *v, const char *key, const char *reason,
    const char *actor, const char *checker, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	long long person;

	if (db_get_int(db, "SELECT coalesce((SELECT c.person_id FROM "
	    "reg_collation c JOIN persons p ON p.id = c.person_id WHERE p.key = "
	    "? AND c.state = 'mismatch'), 0)", key, &person, err) < 0)
		return -1;
	if (person == 0)
		return 0;
	if (db_prepare(db, "UPDATE reg_collation SET state = 'no-error', "
	    "reason = ?, decided = " COLL_NOW ", decided_by = ?, checker = ?, "
	    "cleared = NULL WHERE person_id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, checker, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, person);
	if (coll_step(st) != SQLITE_DONE)
		return db_fail(db, err, _("recording the decision"));
	/* The record now differs (its flag): the daily differential reads
	 * only marked persons. */
	if (db_prepare(db, "INSERT OR REPLACE INTO reg_dirty (person_id, kinds, "
	    "epoch) SELECT ?1, 1 | coalesce((SELECT kinds FROM reg_dirty WHERE "
	    "person_id = ?1), 0), (SELECT epoch FROM reg_epoch)", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	if (coll_step(st) != SQLITE_DONE)
		return db_fail(db, err, _("recording the decision"));
	return 1;
}

int
coll_store_list(struct vault *v, coll_list_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0, i;

	if (db_prepare(db, "SELECT p.key, c.state, c.reported, f.file, c.seq, "
	    "c.items, coalesce(c.reason, ''), coalesce(c.decided_by, ''), "
	    "coalesce(c.checker, ''), EXISTS (SELECT 1 FROM reg_dirty d WHERE "
	    "d.person_id = p.id AND (d.kinds & 1) != 0), p.name, p.kana, "
	    "p.birth, p.sex, p.address, c.j_name, c.j_kana, c.j_birth, c.j_sex, "
	    "c.j_address FROM reg_collation c JOIN persons p ON p.id = "
	    "c.person_id JOIN reg_files f ON f.id = c.file_id WHERE "
	    COLL_BLOCKED " ORDER BY c.reported, p.key", &st, err) < 0)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct coll_list_row r;

		r.key = col_text(st, 0);
		r.state = col_text(st, 1);
		r.reported = col_text(st, 2);
		r.file = col_text(st, 3);
		r.seq = sqlite3_column_int64(st, 4);
		r.items = col_text(st, 5);
		r.reason = col_text(st, 6);
		r.decided_by = col_text(st, 7);
		r.checker = col_text(st, 8);
		r.dirty = sqlite3_column_int(st, 9);
		for (i = 0; i < COLL_NITEMS; i++) {
			r.mine[i] = col_text(st, 10 + i);
			r.theirs[i] = col_text(st, 15 + i);
		}
		stop = fn(&r, arg);
	}
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : db_fail(db, err,
	    _("reading J-LIS collation"));
}

int
coll_store_count_blocked(struct vault *v, long long *n, char **err)
{
	sqlite3 *db = v->db;

	return db_get_int(db, "SELECT count(*) FROM reg_collation c WHERE "
	    COLL_BLOCKED, NULL, n, err);
}
