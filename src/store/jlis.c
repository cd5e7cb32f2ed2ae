/* SQL for 住基ネット inquiries. A held number lives in jlis_targets only
 * while a supervisor decides; it is cleared when they do. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/jlis.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define JLIS_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define JLIS_TODAY "strftime('%Y-%m-%d', 'now')"

/* With the spelling recorded for inquiries, joined here rather than
 * sought by a statement prepared for each person. */
#define JLIS_CANDIDATE_SQL \
	"SELECT p.id, p.key, p.name, p.kana, p.birth, p.sex, p.address, " \
	"p.municipality, p.resident, (SELECT count(*) FROM jlis_targets t " \
	"WHERE t.person_id = p.id), coalesce((SELECT t.state FROM " \
	"jlis_targets t WHERE t.person_id = p.id ORDER BY t.serial DESC " \
	"LIMIT 1), ''), EXISTS (SELECT 1 FROM numbers n WHERE n.person_id = " \
	"p.id AND n.state = 'confirmed'), i.name, i.kana FROM persons p LEFT " \
	"JOIN jlis_inquiry_names i ON i.person_id = p.id "

static int
jlis_store_each(sqlite3_stmt *st, jlis_candidate_fn fn, void *arg, int *n)
{
	struct jlis_candidate c;
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&c, 0, sizeof c);
		c.id = sqlite3_column_int64(st, 0);
		c.p.f[PF_KEY] = (char *)sqlite3_column_text(st, 1);
		c.p.f[PF_NAME] = (char *)sqlite3_column_text(st, 2);
		c.p.f[PF_KANA] = (char *)sqlite3_column_text(st, 3);
		c.p.f[PF_BIRTH] = (char *)sqlite3_column_text(st, 4);
		c.p.f[PF_SEX] = (char *)sqlite3_column_text(st, 5);
		c.p.f[PF_ADDRESS] = (char *)sqlite3_column_text(st, 6);
		c.p.f[PF_MUNICIPALITY] = (char *)sqlite3_column_text(st, 7);
		c.p.f[PF_RESIDENT] = (char *)sqlite3_column_text(st, 8);
		c.asked = sqlite3_column_int(st, 9);
		c.last = (const char *)sqlite3_column_text(st, 10);
		c.confirmed = sqlite3_column_int(st, 11);
		c.iname = (const char *)sqlite3_column_text(st, 12);
		c.ikana = (const char *)sqlite3_column_text(st, 13);
		(*n)++;
		stop = fn(&c, arg);
	}
	return stop || rc == SQLITE_DONE ? 0 : -1;
}

/* Sets the page cache to pages (negative: KiB) and gives the size it had. */
static int
jlis_cache_swap(sqlite3 *db, long long size, long long *was, char **err)
{
	char sql[64];

	if (db_get_int(db, "PRAGMA cache_size", NULL, was, err) < 0)
		return -1;
	snprintf(sql, sizeof sql, "PRAGMA cache_size = %lld", size);
	return db_exec(db, sql, err);
}

/* Every person is read once, in order, so a page read is not needed
 * again: through the bulk mode's 32 MB cache each page read took fresh
 * memory, a page fault on this machine (10,400 faults a 100,000-person
 * request, 4,900 with the 2 MB cache, which recycles its pages; about a
 * seventh of the request). The cache is given back for the writes. */
int
jlis_store_candidates(struct vault *v, jlis_candidate_fn fn, void *arg,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	long long was;
	int rc, n = 0;

	if (jlis_cache_swap(db, -2000, &was, err) < 0)
		return -1;
	if (db_prepare(db, JLIS_CANDIDATE_SQL "WHERE p.lost = '' AND NOT EXISTS "
	    "(SELECT 1 FROM numbers n WHERE n.person_id = p.id AND n.state = "
	    "'confirmed') ORDER BY p.id", &st, err) < 0)
		rc = -1;
	else {
		rc = jlis_store_each(st, fn, arg, &n);
		sqlite3_finalize(st);
		if (rc < 0)
			db_fail(db, err, _("reading persons"));
	}
	if (jlis_cache_swap(db, was, &was, rc < 0 ? NULL : err) < 0)
		rc = -1;
	return rc;
}

int
jlis_store_candidate(struct vault *v, const char *key, jlis_candidate_fn fn,
    void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, n = 0;

	if (db_prepare(db, JLIS_CANDIDATE_SQL "WHERE p.key = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = jlis_store_each(st, fn, arg, &n);
	sqlite3_finalize(st);
	if (rc < 0)
		return db_fail(db, err, _("reading persons"));
	return n > 0;
}

int
jlis_store_next_seq(struct vault *v, char kind, long *seq, char **err)
{
	sqlite3 *db = v->db;
	char k[2] = { kind, '\0' };
	long long last;

	if (db_get_int(db, "SELECT coalesce(max(seq), 0) + 1 FROM jlis_requests "
	    "WHERE kind = ?", k, &last, err) < 0)
		return -1;
	*seq = (long)last;
	return 0;
}

int
jlis_store_request_add(struct vault *v, char kind, long seq, const char *file,
    const char *actor, int64_t *id, char **err)
{
	sqlite3 *db = v->db;
	char k[2] = { kind, '\0' };
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "INSERT INTO jlis_requests (kind, seq, file, created, "
	    "actor) VALUES (?, ?, ?, " JLIS_TODAY ", ?)", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, seq);
	sqlite3_bind_text(st, 3, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, actor, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("writing the inquiry"));
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}

int
jlis_store_request_finish(struct vault *v, int64_t id, const char *sha256,
    long long rows, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "UPDATE jlis_requests SET sha256 = ?, rows = ? WHERE "
	    "id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, rows);
	sqlite3_bind_int64(st, 3, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing the inquiry"));
}

/* Targets are written JLIS_TARGET_BATCH to a statement, under serials
 * given here: one INSERT per target was most of a request's time, and its
 * AUTOINCREMENT rewrote sqlite_sequence at the end of every statement. The
 * serials are those AUTOINCREMENT would give (one more than any serial
 * ever used); the request's transaction holds the write lock, so nobody
 * else takes one meanwhile, and an explicit serial still moves
 * sqlite_sequence on. */
#define JLIS_TARGET_BATCH 64

struct jlis_target_writer {
	sqlite3 *db;
	int64_t request, next;
	sqlite3_stmt *full;	/* JLIS_TARGET_BATCH rows */
	int n;			/* rows waiting */
	int64_t row[JLIS_TARGET_BATCH][3];	/* serial, person, attempt */
};

/* "INSERT ... VALUES (?, ?, ?, ?), ..." with n rows. */
static int
jlis_targets_prepare(sqlite3 *db, int n, sqlite3_stmt **st, char **err)
{
	static const char head[] = "INSERT INTO jlis_targets (serial, "
	    "request_id, person_id, attempt) VALUES ";
	size_t len = sizeof head + (size_t)n * 14;
	char *sql = xmalloc(len), *p;
	int i, rc;

	memcpy(sql, head, sizeof head);
	p = sql + sizeof head - 1;
	for (i = 0; i < n; i++) {
		memcpy(p, i == 0 ? "(?,?,?,?)" : ",(?,?,?,?)", i == 0 ? 9 : 10);
		p += i == 0 ? 9 : 10;
	}
	*p = '\0';
	rc = db_prepare(db, sql, st, err);
	free(sql);
	return rc;
}

/* The waiting rows, by the full statement or one made for fewer. */
static int
jlis_targets_flush(struct jlis_target_writer *w, char **err)
{
	sqlite3_stmt *st = w->full;
	int i, rc;

	if (w->n == 0)
		return 0;
	if (w->n < JLIS_TARGET_BATCH &&
	    jlis_targets_prepare(w->db, w->n, &st, err) < 0)
		return -1;
	for (i = 0; i < w->n; i++) {
		sqlite3_bind_int64(st, 4 * i + 1, w->row[i][0]);
		sqlite3_bind_int64(st, 4 * i + 2, w->request);
		sqlite3_bind_int64(st, 4 * i + 3, w->row[i][1]);
		sqlite3_bind_int64(st, 4 * i + 4, w->row[i][2]);
	}
	rc = sqlite3_step(st);
	if (st == w->full)
		sqlite3_reset(st);
	else
		sqlite3_finalize(st);
	w->n = 0;
	return rc == SQLITE_DONE ? 0 : db_fail(w->db, err,
	    _("writing the inquiry"));
}

int
jlis_store_targets_open(struct vault *v, int64_t request,
    struct jlis_target_writer **out, char **err)
{
	sqlite3 *db = v->db;
	struct jlis_target_writer *w = xcalloc(1, sizeof *w);
	long long last;

	w->db = db;
	w->request = request;
	if (db_get_int(db, "SELECT max(coalesce((SELECT seq FROM sqlite_sequence "
	    "WHERE name = 'jlis_targets'), 0), coalesce((SELECT max(serial) "
	    "FROM jlis_targets), 0))", NULL, &last, err) < 0 ||
	    jlis_targets_prepare(db, JLIS_TARGET_BATCH, &w->full, err) < 0) {
		free(w);
		return -1;
	}
	w->next = last + 1;
	*out = w;
	return 0;
}

int
jlis_store_targets_put(struct jlis_target_writer *w, int64_t person,
    int attempt, int64_t *serial, char **err)
{
	*serial = w->next++;
	w->row[w->n][0] = *serial;
	w->row[w->n][1] = person;
	w->row[w->n][2] = attempt;
	if (++w->n == JLIS_TARGET_BATCH)
		return jlis_targets_flush(w, err);
	return 0;
}

int
jlis_store_targets_close(struct jlis_target_writer *w, int write, char **err)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	if (write)
		rc = jlis_targets_flush(w, err);
	sqlite3_finalize(w->full);
	free(w);
	return rc;
}

static void
jlis_copy(char *dst, size_t len, const unsigned char *src)
{
	snprintf(dst, len, "%s", src != NULL ? (const char *)src : "");
}

int
jlis_store_request_find(struct vault *v, char kind, long seq,
    struct jlis_request_row *r, char **err)
{
	sqlite3 *db = v->db;
	char k[2] = { kind, '\0' };
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	if (db_prepare(db, "SELECT id, rows, created, coalesce(answered, '') "
	    "FROM jlis_requests WHERE kind = ? AND seq = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, seq);
	if ((rc = db_step(db, st, _("reading inquiries"), err)) == 1) {
		r->id = sqlite3_column_int64(st, 0);
		r->rows = sqlite3_column_int64(st, 1);
		jlis_copy(r->created, sizeof r->created, sqlite3_column_text(st, 2));
		jlis_copy(r->answered, sizeof r->answered,
		    sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	return rc;
}

int
jlis_store_request_files(struct vault *v, jlis_file_fn fn, void *arg,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "SELECT file, sha256 FROM jlis_requests WHERE "
	    "sha256 <> '' ORDER BY id", &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (fn((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1), arg) != 0)
			break;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading inquiries"));
	return 0;
}

int
jlis_store_request_answered(struct vault *v, int64_t id, const char *file,
    const char *sha256, const char *user, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "UPDATE jlis_requests SET answer_file = ?, "
	    "answer_sha256 = ?, answered = " JLIS_NOW ", answered_by = ? WHERE "
	    "id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing inquiries"));
}

int
jlis_store_target_get(struct vault *v, int64_t serial,
    struct jlis_target_row *t, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(t, 0, sizeof *t);
	if (db_prepare(db, "SELECT request_id, person_id, attempt, state FROM "
	    "jlis_targets WHERE serial = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, serial);
	if ((rc = db_step(db, st, _("reading inquiries"), err)) == 1) {
		t->request = sqlite3_column_int64(st, 0);
		t->person = sqlite3_column_int64(st, 1);
		t->attempt = sqlite3_column_int(st, 2);
		jlis_copy(t->state, sizeof t->state, sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	return rc;
}

int
jlis_store_target_answer(struct vault *v, int64_t serial, const char *state,
    const char *number, const char *const items[5], const char *held_reason,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, i;

	if (db_prepare(db, "UPDATE jlis_targets SET state = ?, answered = "
	    JLIS_NOW ", number = ?, a_name = ?, a_kana = ?, a_birth = ?, "
	    "a_sex = ?, a_address = ?, held_reason = ? WHERE serial = ?", &st,
	    err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
	if (number != NULL)
		sqlite3_bind_text(st, 2, number, -1, SQLITE_STATIC);
	for (i = 0; i < 5; i++)
		if (items != NULL)
			sqlite3_bind_text(st, 3 + i, items[i], -1, SQLITE_STATIC);
	if (held_reason != NULL)
		sqlite3_bind_text(st, 8, held_reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, serial);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing answers"));
}

int
jlis_store_held(struct vault *v, jlis_held_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0, i;

	if (db_prepare(db, "SELECT p.key, coalesce(t.held_reason, ''), "
	    "t.answered, p.name, p.kana, p.birth, p.sex, p.address, "
	    "coalesce(t.a_name, ''), coalesce(t.a_kana, ''), coalesce(t.a_birth, "
	    "''), coalesce(t.a_sex, ''), coalesce(t.a_address, '') FROM "
	    "jlis_targets t JOIN persons p ON p.id = t.person_id WHERE t.state = "
	    "'held' ORDER BY t.serial", &st, err) < 0)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct jlis_held_row h;

		h.key = (const char *)sqlite3_column_text(st, 0);
		h.reason = (const char *)sqlite3_column_text(st, 1);
		h.answered = (const char *)sqlite3_column_text(st, 2);
		for (i = 0; i < 5; i++) {
			h.mine[i] = (const char *)sqlite3_column_text(st, 3 + i);
			h.theirs[i] = (const char *)sqlite3_column_text(st, 8 + i);
		}
		stop = fn(&h, arg);
	}
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : db_fail(db, err,
	    _("reading answers"));
}

int
jlis_store_held_get(struct vault *v, int64_t person, int64_t *serial,
    char number[13], char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	number[0] = '\0';
	if (db_prepare(db, "SELECT serial, coalesce(number, '') FROM jlis_targets "
	    "WHERE person_id = ? AND state = 'held'", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	if ((rc = db_step(db, st, _("reading answers"), err)) == 1) {
		*serial = sqlite3_column_int64(st, 0);
		jlis_copy(number, 13, sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return rc;
}

int
jlis_store_resolve(struct vault *v, int64_t serial, const char *state,
    const char *user, const char *reason, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	/* secure_delete is on: the held number's bytes are overwritten. */
	if (db_prepare(db, "UPDATE jlis_targets SET state = ?, number = NULL, "
	    "resolved_by = ?, resolved = " JLIS_NOW ", reason = ? WHERE serial = ?",
	    &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, user, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, serial);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing answers"));
}

int
jlis_store_pending(struct vault *v, int days, int media_days,
    jlis_pending_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	/* Outstanding: the latest inquiry of each person is unanswered, or
	 * answered "not found" on the first attempt (asked again next time). */
	/* The deadline runs from the shipping of the medium that carried the
	 * inquiry file (a sequence number is on one shipped medium at most),
	 * else from the inquiry's date. */
	if (db_prepare(db, "WITH ship AS (SELECT f.name, max(m.shipped) AS day "
	    "FROM media_files f JOIN media_events e ON e.id = f.event_id AND "
	    "e.step = 'created' JOIN media m ON m.id = e.medium_id WHERE "
	    "m.shipped != '' GROUP BY f.name), q AS (SELECT t.serial, t.person_id, "
	    "t.state, t.attempt, r.file, "
	    "r.created, coalesce(date(s.day, '+' || ?3 || ' days'), "
	    "date(r.created, '+' || ?1 || ' days')) AS dl FROM jlis_targets t "
	    "JOIN jlis_requests r ON r.id = t.request_id LEFT JOIN ship s ON "
	    "s.name = r.file) SELECT p.key, t.state, t.file, t.created, t.dl, "
	    "t.attempt, t.dl < " JLIS_TODAY " FROM q t JOIN "
	    "persons p ON p.id = t.person_id WHERE t.serial = (SELECT max(u.serial) "
	    "FROM jlis_targets u WHERE u.person_id = t.person_id) AND (t.state = "
	    "'sent' OR (t.state = 'not-found' AND t.attempt = 1)) ORDER BY dl, "
	    "p.key", &st, err) < 0)
		return -1;
	sqlite3_bind_int(st, 1, days);
	sqlite3_bind_int(st, 3, media_days);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct jlis_pending_row p;

		p.key = (const char *)sqlite3_column_text(st, 0);
		p.state = (const char *)sqlite3_column_text(st, 1);
		p.file = (const char *)sqlite3_column_text(st, 2);
		p.sent = (const char *)sqlite3_column_text(st, 3);
		p.deadline = (const char *)sqlite3_column_text(st, 4);
		p.attempt = sqlite3_column_int(st, 5);
		p.overdue = sqlite3_column_int(st, 6);
		stop = fn(&p, arg);
	}
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : db_fail(db, err,
	    _("reading inquiries"));
}

int
jlis_store_inquiry_name_get(struct vault *v, int64_t person, char **name,
    char **kana, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	*name = *kana = NULL;
	if (db_prepare(db, "SELECT name, kana FROM jlis_inquiry_names WHERE "
	    "person_id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	if ((rc = db_step(db, st, _("reading inquiries"), err)) == 1) {
		*name = xstrdup((const char *)sqlite3_column_text(st, 0));
		*kana = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return rc;
}

int
jlis_store_inquiry_name_put(struct vault *v, int64_t person, const char *name,
    const char *kana, const char *reason, const char *actor, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "INSERT OR REPLACE INTO jlis_inquiry_names (person_id, "
	    "name, kana, reason, actor, recorded) VALUES (?, ?, ?, ?, ?, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kana ? kana : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, actor, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("recording the "
	    "inquiry name"));
}

int
jlis_store_inquiry_names(struct vault *v, jlis_inquiry_name_fn fn, void *arg,
    char **err)
{
	sqlite3 *db = v->db;
	struct jlis_inquiry_name_row r;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "SELECT p.key, n.name, n.kana, n.reason, "
	    "n.actor, n.recorded FROM jlis_inquiry_names n JOIN persons p ON "
	    "p.id = n.person_id ORDER BY p.key", &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.key = (const char *)sqlite3_column_text(st, 0);
		r.name = (const char *)sqlite3_column_text(st, 1);
		r.kana = (const char *)sqlite3_column_text(st, 2);
		r.reason = (const char *)sqlite3_column_text(st, 3);
		r.actor = (const char *)sqlite3_column_text(st, 4);
		r.recorded = (const char *)sqlite3_column_text(st, 5);
		if (fn(&r, arg) != 0)
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading inquiries"));
	return 0;
}
