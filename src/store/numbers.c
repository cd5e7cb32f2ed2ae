/* SQL for individual numbers. The number column lives only inside the
 * encrypted database; comparisons use the keyed hash. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store/numbers.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define NUMBERS_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static void
numbers_copy(char *dst, size_t len, const unsigned char *src)
{
	snprintf(dst, len, "%s", src ? (const char *)src : "");
}

int
numbers_get(struct vault *v, int64_t person, struct number_row *r, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	if (db_prepare(db, "SELECT state, number, hmac, channel, received, "
	    "entered_by, confirmed_by FROM numbers WHERE person_id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	if ((rc = db_step(db, st, _("reading numbers"), err)) == 1) {
		numbers_copy(r->state, sizeof r->state, sqlite3_column_text(st, 0));
		numbers_copy(r->number, sizeof r->number, sqlite3_column_text(st, 1));
		if (sqlite3_column_bytes(st, 2) == 32) {
			memcpy(r->hmac, sqlite3_column_blob(st, 2), 32);
			r->has_hmac = 1;
		}
		numbers_copy(r->channel, sizeof r->channel, sqlite3_column_text(st, 3));
		numbers_copy(r->received, sizeof r->received, sqlite3_column_text(st, 4));
		numbers_copy(r->entered_by, sizeof r->entered_by, sqlite3_column_text(st, 5));
		numbers_copy(r->confirmed_by, sizeof r->confirmed_by,
		    sqlite3_column_text(st, 6));
	}
	sqlite3_finalize(st);
	return rc;
}

int
numbers_holder(struct vault *v, const unsigned char hmac[32], int64_t *person,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "SELECT person_id FROM numbers WHERE hmac = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_blob(st, 1, hmac, 32, SQLITE_STATIC);
	if ((rc = db_step(db, st, _("reading numbers"), err)) == 1)
		*person = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc;
}

int
numbers_enter(struct vault *v, int64_t person, const char *number,
    const unsigned char hmac[32], const char *channel, const char *received,
    const char *doc, const char *user, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	/* INSERT OR REPLACE: a re-entry after a mismatch starts over. */
	if (db_prepare(db, "INSERT OR REPLACE INTO numbers (person_id, state, number, "
	    "hmac, channel, received, doc, entered_by, entered) VALUES (?, "
	    "'entered', ?, ?, ?, ?, ?, ?, " NUMBERS_NOW ")", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_text(st, 2, number, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, hmac, 32, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, received, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, doc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing numbers"));
}

int
numbers_hold(struct vault *v, int64_t person, const char *channel,
    const char *received, const char *doc, const char *user, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "INSERT OR REPLACE INTO numbers (person_id, state, number, "
	    "hmac, channel, received, doc, entered_by, entered) VALUES (?, 'held', "
	    "NULL, NULL, ?, ?, ?, ?, " NUMBERS_NOW ")", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_text(st, 2, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, received, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, doc, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing numbers"));
}

int
numbers_confirm(struct vault *v, int64_t person, const char *user, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "UPDATE numbers SET state = 'confirmed', confirmed_by = ?, "
	    "confirmed = " NUMBERS_NOW " WHERE person_id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, user, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, person);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing numbers"));
}

int
numbers_clear(struct vault *v, int64_t person, const char *state, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	/* secure_delete is on: the old value's page bytes are overwritten. */
	if (db_prepare(db, "UPDATE numbers SET state = ?, number = NULL, hmac = NULL, "
	    "deleted = CASE WHEN ? = 'deleted' THEN " NUMBERS_NOW " END "
	    "WHERE person_id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, person);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing numbers"));
}

int
numbers_queue(struct vault *v, int64_t person, const char *reason,
    int64_t other, const char *actor, const char *actor2, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "INSERT INTO number_queue (person_id, reason, other_person, "
	    "created, actor, actor2) VALUES (?, ?, ?, " NUMBERS_NOW ", ?, ?)", &st,
	    err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
	if (other > 0)
		sqlite3_bind_int64(st, 3, other);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, actor2 ? actor2 : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing the queue"));
}

int
numbers_counts(struct vault *v, struct number_counts *c, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(c, 0, sizeof *c);
	if (db_prepare(db, "SELECT state, count(*) FROM numbers GROUP BY state", &st,
	    err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		long long n = sqlite3_column_int64(st, 1);

		if (strcmp(s, "entered") == 0)
			c->entered = n;
		else if (strcmp(s, "confirmed") == 0)
			c->confirmed = n;
		else if (strcmp(s, "mismatch") == 0)
			c->mismatch = n;
		else if (strcmp(s, "held") == 0)
			c->held = n;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("reading numbers"));
	return db_get_int(db, "SELECT count(*) FROM number_queue WHERE resolved IS "
	    "NULL", NULL, &c->queue, err);
}

int
numbers_due(struct vault *v, int retention_days, numbers_due_fn fn, void *arg,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	/* lost is YYYYMMDD; compare with today minus the retention, same form. */
	if (db_prepare(db, "SELECT p.id, p.key, p.lost FROM numbers n JOIN persons p "
	    "ON p.id = n.person_id WHERE n.state = 'confirmed' AND p.lost != '' AND "
	    "p.lost <= strftime('%Y%m%d', 'now', '-' || ? || ' days') ORDER BY p.lost",
	    &st, err) < 0)
		return -1;
	sqlite3_bind_int(st, 1, retention_days);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2), arg);
	sqlite3_finalize(st);
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err, _("reading numbers"));
}

int
numbers_queue_list(struct vault *v, numbers_queue_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT p.key, q.reason, coalesce(o.key, ''), q.created, "
	    "q.actor, q.actor2 FROM number_queue q JOIN persons p ON p.id = "
	    "q.person_id LEFT JOIN persons o ON o.id = q.other_person WHERE "
	    "q.resolved IS NULL ORDER BY q.id", &st, err) < 0)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct queue_row q = {
			(const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4),
			(const char *)sqlite3_column_text(st, 5) };

		stop = fn(&q, arg);
	}
	sqlite3_finalize(st);
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err, _("reading the queue"));
}
