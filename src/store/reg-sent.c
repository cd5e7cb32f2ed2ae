/* Chunks of sent records: one row per REGPACK_CHUNK_RECORDS records. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/reg-sent.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
regsent_put(struct vault *v, long long file_id, long long first_seq,
    const struct regpack *p, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (p->n == 0)
		return 0;
	/* A chunk holds a thousand records: preparing per chunk is noise. */
	if (db_prepare(db, "INSERT INTO reg_sent (file_id, first_seq, n, "
	    "min_person, max_person, data) VALUES (?, ?, ?, ?, ?, ?)", &st,
	    err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int64(st, 2, first_seq);
	sqlite3_bind_int(st, 3, p->n);
	sqlite3_bind_int64(st, 4, p->min_person);
	sqlite3_bind_int64(st, 5, p->max_person);
	sqlite3_bind_blob(st, 6, p->buf, (int)p->len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err,
	    _("recording the file's records"));
}

/* Walks one chunk; the chunk must hold exactly n records. */
static int
regsent_chunk(sqlite3_stmt *st, regsent_fn fn, void *arg, char **err)
{
	const unsigned char *buf = sqlite3_column_blob(st, 1);
	size_t len = (size_t)sqlite3_column_bytes(st, 1), off = 0;
	long long seq = sqlite3_column_int64(st, 0), n = 0;
	long long want = sqlite3_column_int64(st, 2);
	struct regpack_rec r;
	int rc, stop;

	while ((rc = regpack_next(buf, len, &off, &r)) == 1) {
		if ((stop = fn(seq + n, &r, arg)) != 0)
			return stop;
		n++;
	}
	if (rc < 0 || n != want)
		return err_set(err, _("the vault's record of a registration file "
		    "is damaged (chunk at record %lld)"), seq);
	return 0;
}

int
regsent_each(struct vault *v, long long file_id, regsent_fn fn, void *arg,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT first_seq, data, n FROM reg_sent WHERE "
	    "file_id = ? ORDER BY first_seq", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, file_id);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = regsent_chunk(st, fn, arg, err);
	sqlite3_finalize(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : db_fail(db, err,
	    _("reading the file's records"));
}

struct regsent_who {
	int64_t person;
	long long file;
	regsent_person_fn fn;
	void *arg;
};

static int
regsent_match(long long seq, const struct regpack_rec *r, void *arg)
{
	struct regsent_who *w = arg;

	return r->person == w->person ? w->fn(w->file, seq, r, w->arg) : 0;
}

int
regsent_of_person(struct vault *v, int64_t person_id, regsent_person_fn fn,
    void *arg, char **err)
{
	sqlite3 *db = v->db;
	struct regsent_who w = { person_id, 0, fn, arg };
	sqlite3_stmt *st;
	int rc, stop = 0;

	/* Files list persons in id order, so a full file's chunks cover
	 * disjoint ranges and only one of them is read. */
	if (db_prepare(db, "SELECT first_seq, data, n, file_id FROM reg_sent "
	    "WHERE min_person <= ?1 AND max_person >= ?1 ORDER BY file_id, "
	    "first_seq", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	while (stop == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		w.file = sqlite3_column_int64(st, 3);
		stop = regsent_chunk(st, regsent_match, &w, err);
	}
	sqlite3_finalize(st);
	if (stop != 0)
		return stop;
	return rc == SQLITE_DONE ? 0 : db_fail(db, err,
	    _("reading the file's records"));
}

int
regsent_count(struct vault *v, long long file_id, long long *n, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "SELECT coalesce(sum(n), 0) FROM reg_sent WHERE "
	    "?1 = 0 OR file_id = ?1", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, file_id);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, err,
	    _("reading the file's records"));
}
