/* SQL for evidence files. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/evidence.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define EVIDENCE_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

struct evidence_body {
	sqlite3 *db;		/* for the error text */
	sqlite3_blob *blob;
};

/* Opens row id's body for reading or writing. */
static int
evidence_body_open(sqlite3 *db, int64_t id, int write,
    struct evidence_body **out, char **err)
{
	sqlite3_blob *blob;

	*out = NULL;
	if (sqlite3_blob_open(db, "main", "evidence", "body", id, write, &blob) !=
	    SQLITE_OK)
		return db_fail(db, err, write ? _("storing evidence") :
		    _("reading evidence"));
	*out = xmalloc(sizeof **out);
	(*out)->db = db;
	(*out)->blob = blob;
	return 0;
}

int
evidence_insert(struct vault *v, struct evidence_meta *m,
    struct evidence_body **body, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	*body = NULL;
	if (m->size < 0 || m->size > 0x7fffffff)
		return err_set(err, _("the file is too large for the vault"));
	if (db_prepare(db, "INSERT INTO evidence (added, actor, title, about, file, "
	    "size, type, sha256, body) VALUES (" EVIDENCE_NOW ", ?, ?, ?, ?, ?, ?, "
	    "'', ?)", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, m->actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, m->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, m->about, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, m->file, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, m->size);
	sqlite3_bind_text(st, 6, m->type, -1, SQLITE_STATIC);
	/* Room for the body, filled chunk by chunk below. */
	sqlite3_bind_zeroblob(st, 7, (int)m->size);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("storing evidence"));
	m->id = sqlite3_last_insert_rowid(db);
	return evidence_body_open(db, m->id, 1, body, err);
}

int
evidence_set_hash(struct vault *v, int64_t id, const char *sha256, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "UPDATE evidence SET sha256 = ? WHERE id = ?", &st,
	    err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("storing evidence"));
}

static void
evidence_col(sqlite3_stmt *st, int i, char *out, size_t len)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	snprintf(out, len, "%s", v ? v : "");
}

static void
evidence_row(sqlite3_stmt *st, struct evidence_meta *m)
{
	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	evidence_col(st, 1, m->added, sizeof m->added);
	evidence_col(st, 2, m->actor, sizeof m->actor);
	evidence_col(st, 3, m->title, sizeof m->title);
	evidence_col(st, 4, m->about, sizeof m->about);
	evidence_col(st, 5, m->file, sizeof m->file);
	m->size = sqlite3_column_int64(st, 6);
	evidence_col(st, 7, m->type, sizeof m->type);
	evidence_col(st, 8, m->sha256, sizeof m->sha256);
}

/* The body is left out: listing never reads the blobs' overflow pages. */
#define EVIDENCE_COLS "id, added, actor, title, about, file, size, type, sha256"

int
evidence_get(struct vault *v, int64_t id, struct evidence_meta *m, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(m, 0, sizeof *m);
	if (db_prepare(db, "SELECT " EVIDENCE_COLS " FROM evidence WHERE id = ?",
	    &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		evidence_row(st, m);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("reading evidence"));
}

int
evidence_open_body(struct vault *v, int64_t id, struct evidence_body **body,
    char **err)
{
	sqlite3 *db = v->db;

	return evidence_body_open(db, id, 0, body, err);
}

int64_t
evidence_body_size(const struct evidence_body *b)
{
	return sqlite3_blob_bytes(b->blob);
}

int
evidence_body_write(struct evidence_body *b, const void *buf, size_t n,
    int64_t off, char **err)
{
	if (sqlite3_blob_write(b->blob, buf, (int)n, (int)off) != SQLITE_OK)
		return db_fail(b->db, err, _("storing evidence"));
	return 0;
}

int
evidence_body_read(struct evidence_body *b, void *buf, size_t n, int64_t off,
    char **err)
{
	if (sqlite3_blob_read(b->blob, buf, (int)n, (int)off) != SQLITE_OK)
		return db_fail(b->db, err, _("reading evidence"));
	return 0;
}

int
evidence_body_close(struct evidence_body *b, char **err)
{
	int rc = 0;

	if (b == NULL)
		return 0;
	if (sqlite3_blob_close(b->blob) != SQLITE_OK)
		rc = db_fail(b->db, err, _("storing evidence"));
	free(b);
	return rc;
}

int
evidence_list(struct vault *v, evidence_row_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	struct evidence_meta m;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT " EVIDENCE_COLS " FROM evidence ORDER BY id "
	    "DESC", &st, err) < 0)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		evidence_row(st, &m);
		stop = fn(&m, arg);
	}
	sqlite3_finalize(st);
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err,
	    _("reading evidence"));
}
