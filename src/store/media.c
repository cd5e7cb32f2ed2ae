/* SQL for the media tables. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/media.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

#define MEDIA_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static void
media_col(sqlite3_stmt *st, int i, char *out, size_t n)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	snprintf(out, n, "%s", v ? v : "");
}

static int
media_done(sqlite3 *db, sqlite3_stmt *st, int want, const char *what, char **err)
{
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	return rc == want ? 0 : db_fail(db, err, what);
}

int
media_insert(struct vault *v, const char *container, const char *sha256,
    long long *id, char label[16], char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;

	/* The label is made from the row id: a random placeholder holds its
	 * place (a terminal medium has no container hash to stand in). */
	if (db_prepare(db, "INSERT INTO media (label, state, container, sha256, "
	    "created) VALUES ('?' || hex(randomblob(16)), 'packed', ?1, ?2, "
	    MEDIA_NOW ")", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, container, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sha256, -1, SQLITE_STATIC);
	if (media_done(db, st, SQLITE_DONE, _("recording the medium"), err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(db);
	snprintf(label, 16, "M%04lld", *id);
	if (db_prepare(db, "UPDATE media SET label = ? WHERE id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, label, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, *id);
	return media_done(db, st, SQLITE_DONE, _("recording the medium"), err);
}

int
media_set_channel(struct vault *v, long long id, const char *channel,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;

	if (db_prepare(db, "UPDATE media SET channel = ? WHERE id = ?", &st,
	    err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, channel, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	return media_done(db, st, SQLITE_DONE, _("recording the medium"), err);
}

int
media_set_state(struct vault *v, long long id, const char *state,
    const char *shipped, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;

	if (db_prepare(db, "UPDATE media SET state = ?1, shipped = coalesce(?2, "
	    "shipped) WHERE id = ?3", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
	if (shipped != NULL)
		sqlite3_bind_text(st, 2, shipped, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, id);
	return media_done(db, st, SQLITE_DONE, _("recording the medium"), err);
}

int
media_event_add(struct vault *v, long long medium, struct media_event *ev,
    char **err)
{
	sqlite3 *db = v->db;
	const char *vals[11] = { ev->step, ev->date, ev->actor, ev->witness,
		ev->courier, ev->tracking, ev->seal, ev->notice_date,
		ev->answer_medium, ev->method, ev->summary };
	sqlite3_stmt *st;
	int i;

	if (db_prepare(db, "INSERT INTO media_events (step, date, actor, witness, "
	    "courier, tracking, seal, notice_date, answer_medium, method, summary, "
	    "medium_id, recorded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    MEDIA_NOW ")", &st, err) < 0)
		return -1;
	for (i = 0; i < 11; i++)
		sqlite3_bind_text(st, i + 1, vals[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 12, medium);
	if (media_done(db, st, SQLITE_DONE, _("recording the medium's step"),
	    err) < 0)
		return -1;
	ev->id = sqlite3_last_insert_rowid(db);
	return 0;
}

int
media_file_add(struct vault *v, long long event, const struct media_file *f,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;

	if (db_prepare(db, "INSERT INTO media_files (event_id, name, sha256, bytes) "
	    "VALUES (?, ?, ?, ?)", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, event);
	sqlite3_bind_text(st, 2, f->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, f->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, f->bytes);
	return media_done(db, st, SQLITE_DONE, _("recording the medium's files"),
	    err);
}

#define MEDIA_COLS "id, label, state, container, sha256, created, shipped, " \
	"channel"

static void
media_read_row(sqlite3_stmt *st, struct media_row *m)
{
	m->id = sqlite3_column_int64(st, 0);
	media_col(st, 1, m->label, sizeof m->label);
	media_col(st, 2, m->state, sizeof m->state);
	media_col(st, 3, m->container, sizeof m->container);
	media_col(st, 4, m->sha256, sizeof m->sha256);
	media_col(st, 5, m->created, sizeof m->created);
	media_col(st, 6, m->shipped, sizeof m->shipped);
	media_col(st, 7, m->channel, sizeof m->channel);
}

int
media_find(struct vault *v, const char *label, struct media_row *out,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	/* "M0001", "m1" and "1" all name the first medium. */
	if (db_prepare(db, "SELECT " MEDIA_COLS " FROM media WHERE label = ?1 OR "
	    "(?1 GLOB '[Mm][0-9]*' AND id = CAST(substr(?1, 2) AS INTEGER)) OR "
	    "(?1 GLOB '[0-9]*' AND id = CAST(?1 AS INTEGER))", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, label ? label : "", -1, SQLITE_STATIC);
	if ((rc = db_step(db, st, _("reading media"), err)) == 1)
		media_read_row(st, out);
	sqlite3_finalize(st);
	return rc;
}

int
media_list(struct vault *v, media_row_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	struct media_row m;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT " MEDIA_COLS " FROM media ORDER BY id DESC",
	    &st, err) < 0)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		media_read_row(st, &m);
		stop = fn(&m, arg);
	}
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 : db_fail(db, err, _("reading media"));
}

int
media_events(struct vault *v, long long medium, media_event_fn fn, void *arg,
    char **err)
{
	sqlite3 *db = v->db;
	struct media_event ev;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT id, step, date, actor, witness, courier, "
	    "tracking, seal, notice_date, answer_medium, method, summary, recorded "
	    "FROM media_events WHERE medium_id = ? ORDER BY id", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, medium);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		ev.id = sqlite3_column_int64(st, 0);
		media_col(st, 1, ev.step, sizeof ev.step);
		media_col(st, 2, ev.date, sizeof ev.date);
		media_col(st, 3, ev.actor, sizeof ev.actor);
		media_col(st, 4, ev.witness, sizeof ev.witness);
		media_col(st, 5, ev.courier, sizeof ev.courier);
		media_col(st, 6, ev.tracking, sizeof ev.tracking);
		media_col(st, 7, ev.seal, sizeof ev.seal);
		media_col(st, 8, ev.notice_date, sizeof ev.notice_date);
		media_col(st, 9, ev.answer_medium, sizeof ev.answer_medium);
		media_col(st, 10, ev.method, sizeof ev.method);
		media_col(st, 11, ev.summary, sizeof ev.summary);
		media_col(st, 12, ev.recorded, sizeof ev.recorded);
		stop = fn(&ev, arg);
	}
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 :
	    db_fail(db, err, _("reading the medium's steps"));
}

int
media_event_files(struct vault *v, long long event, media_file_fn fn, void *arg,
    char **err)
{
	sqlite3 *db = v->db;
	struct media_file f;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT name, sha256, bytes FROM media_files WHERE "
	    "event_id = ? ORDER BY id", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, event);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		media_col(st, 0, f.name, sizeof f.name);
		media_col(st, 1, f.sha256, sizeof f.sha256);
		f.bytes = sqlite3_column_int64(st, 2);
		stop = fn(&f, arg);
	}
	sqlite3_finalize(st);
	return stop || rc == SQLITE_DONE ? 0 :
	    db_fail(db, err, _("reading the medium's files"));
}

char *
media_name_in_use(struct vault *v, const char *name)
{
	sqlite3 *db = v->db;

	return db_get_text(db, "SELECT m.label FROM media_files f JOIN "
	    "media_events e ON e.id = f.event_id JOIN media m ON m.id = "
	    "e.medium_id WHERE e.step = 'created' AND f.name = ? AND "
	    "(m.state <> 'disposed' OR m.shipped <> '') ORDER BY m.id LIMIT 1",
	    name);
}

int
media_secret_put(struct vault *v, long long id, const char *password,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;

	if (db_prepare(db, "INSERT INTO media_secrets (medium_id, password) VALUES "
	    "(?, ?)", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, password, -1, SQLITE_STATIC);
	return media_done(db, st, SQLITE_DONE, _("keeping the container password"),
	    err);
}

char *
media_secret_get(struct vault *v, long long id)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	char *pw = NULL;

	if (db_prepare(db, "SELECT password FROM media_secrets WHERE medium_id = ?",
	    &st, NULL) < 0)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		pw = secret_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return pw;
}

int
media_secret_drop(struct vault *v, long long id, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;

	/* secure_delete is on: the page is overwritten, not just unlinked. */
	if (db_prepare(db, "DELETE FROM media_secrets WHERE medium_id = ?", &st,
	    err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return media_done(db, st, SQLITE_DONE, _("erasing the container password"),
	    err);
}

int
media_step_has_file(struct vault *v, long long medium, const char *step,
    const char *sha256, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "SELECT 1 FROM media_files f JOIN media_events e ON "
	    "e.id = f.event_id WHERE e.medium_id = ? AND e.step = ? AND "
	    "f.sha256 = ? LIMIT 1", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, medium);
	sqlite3_bind_text(st, 2, step, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, sha256, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("reading the medium"));
}
