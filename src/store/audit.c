/* Audit records are written in the same transaction as the change they
 * describe; each links to the one before by its hash. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/redact.h"
#include "store/audit.h"
#include "store/vault-impl.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static void
audit_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
audit_head(struct vault *v, int64_t *seq, unsigned char hash[AUDIT_HASH_LEN],
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	*seq = 0;
	memset(hash, 0, AUDIT_HASH_LEN);
	if (db_prepare(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
	    &st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == AUDIT_HASH_LEN)
			memcpy(hash, sqlite3_column_blob(st, 1), AUDIT_HASH_LEN);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the audit log"));
	return 0;
}

int
audit_hash_at(struct vault *v, int64_t seq, unsigned char hash[AUDIT_HASH_LEN],
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, found = 0;

	if (db_prepare(db, "SELECT hash FROM audit WHERE seq = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, seq);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == AUDIT_HASH_LEN) {
		memcpy(hash, sqlite3_column_blob(st, 0), AUDIT_HASH_LEN);
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the audit log"));
	return found ? 0 : err_set(err, _("audit record %lld is missing"),
	    (long long)seq);
}

/* Appends with detail as it is to be kept (already masked); takes it. */
static int
audit_insert(struct vault *v, const char *actor, const char *actor2,
    const char *action, const char *subject, char *detail,
    int64_t *seq_out, char **err)
{
	sqlite3 *db = v->db;
	struct auditrec r;
	char ts[32];
	sqlite3_stmt *st;
	int rc;

	memset(&r, 0, sizeof r);
	r.detail = detail;
	if (audit_head(v, &r.seq, r.prev, err) < 0) {
		free(r.detail);
		return -1;
	}
	r.seq++;
	audit_now(ts);
	r.ts = ts;
	r.actor = (char *)actor;
	r.actor2 = (char *)(actor2 ? actor2 : "");
	r.action = (char *)action;
	r.subject = (char *)(subject ? subject : "");
	auditrec_chain(&r, r.hash);
	if (db_prepare(db, "INSERT INTO audit (seq, ts, actor, actor2, action, "
	    "subject, detail, prev, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    &st, err) < 0) {
		free(r.detail);
		return -1;
	}
	sqlite3_bind_int64(st, 1, r.seq);
	sqlite3_bind_text(st, 2, r.ts, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r.actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, r.actor2, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, r.action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, r.subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, r.detail, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 8, r.prev, AUDIT_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 9, r.hash, AUDIT_HASH_LEN, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	free(r.detail);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("writing the audit log"));
	if (seq_out != NULL)
		*seq_out = r.seq;
	return 0;
}

int
audit_append(struct vault *v, const char *actor, const char *actor2,
    const char *action, const char *subject, const char *detail,
    int64_t *seq_out, char **err)
{
	return audit_insert(v, actor, actor2, action, subject,
	    redact_numbers(detail ? detail : ""), seq_out, err);
}

int
audit_append_fields(struct vault *v, const char *actor, const char *actor2,
    const char *action, const char *subject, const struct audit_field *f,
    size_t n, int64_t *seq_out, char **err)
{
	return audit_insert(v, actor, actor2, action, subject,
	    auditdetail_format(f, n), seq_out, err);
}

static char *
audit_col(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return xstrdup(t ? (const char *)t : "");
}

static void
audit_row(sqlite3_stmt *st, struct auditrec *r)
{
	memset(r, 0, sizeof *r);
	r->seq = sqlite3_column_int64(st, 0);
	r->ts = audit_col(st, 1);
	r->actor = audit_col(st, 2);
	r->actor2 = audit_col(st, 3);
	r->action = audit_col(st, 4);
	r->subject = audit_col(st, 5);
	r->detail = audit_col(st, 6);
	if (sqlite3_column_bytes(st, 7) == AUDIT_HASH_LEN)
		memcpy(r->prev, sqlite3_column_blob(st, 7), AUDIT_HASH_LEN);
	if (sqlite3_column_bytes(st, 8) == AUDIT_HASH_LEN)
		memcpy(r->hash, sqlite3_column_blob(st, 8), AUDIT_HASH_LEN);
}

int
audit_verify(struct vault *v, audit_progress_fn progress, void *arg,
    int64_t *count, unsigned char head[AUDIT_HASH_LEN], char **err)
{
	sqlite3 *db = v->db;
	static const unsigned char zero[AUDIT_HASH_LEN];
	unsigned char prev[AUDIT_HASH_LEN], h[AUDIT_HASH_LEN];
	struct auditrec_hasher *hasher;
	long long total;
	int64_t n = 0;
	sqlite3_stmt *st;
	int rc, bad = 0;

	memset(prev, 0, sizeof prev);
	if (db_get_int(db, "SELECT count(*) FROM audit", NULL, &total, err) < 0 ||
	    db_prepare(db, "SELECT seq, ts, actor, actor2, action, subject, detail, "
	    "prev, hash FROM audit ORDER BY seq", &st, err) < 0)
		return -1;
	/* The record is checked where SQLite holds it, not copied out field
	 * by field, and hashed with one digest context for the walk: at
	 * 1,000,000 records the copies and a digest set up twice per record
	 * were most of the time beside the hashing itself. */
	hasher = auditrec_hasher_new();
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *fields[6];
		int64_t seq = sqlite3_column_int64(st, 0);
		int i;

		if (seq != n + 1) {
			bad = err_set(err, _("audit chain broken: record %lld is "
			    "missing (found %lld next)"), (long long)(n + 1),
			    (long long)seq);
			break;
		}
		/* A prev of another length reads as zeros, as it always has. */
		if (memcmp(sqlite3_column_bytes(st, 7) == AUDIT_HASH_LEN ?
		    sqlite3_column_blob(st, 7) : zero, prev, AUDIT_HASH_LEN) != 0) {
			bad = err_set(err, _("audit chain broken at record %lld: it "
			    "does not link to the record before"), (long long)seq);
			break;
		}
		for (i = 0; i < 6; i++)
			fields[i] = (const char *)sqlite3_column_text(st, i + 1);
		auditrec_hasher_chain(hasher, seq, fields, prev, h);
		if (sqlite3_column_bytes(st, 8) != AUDIT_HASH_LEN ||
		    memcmp(sqlite3_column_blob(st, 8), h, AUDIT_HASH_LEN) != 0) {
			bad = err_set(err, _("audit chain broken at record %lld: its "
			    "content was altered"), (long long)seq);
			break;
		}
		memcpy(prev, h, AUDIT_HASH_LEN);
		n++;
		if (progress != NULL && (n % 1000 == 0 || n == total))
			progress(n, total, arg);
	}
	auditrec_hasher_free(hasher);
	sqlite3_finalize(st);
	if (bad < 0)
		return -1;
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the audit log"));
	*count = n;
	memcpy(head, prev, AUDIT_HASH_LEN);
	return 0;
}

/* Builds the WHERE clause; parameters are bound in the same order. Days
 * are Japan-local: a day starts at 15:00 UTC the day before. */
static char *
audit_where(const struct audit_filter *f)
{
	char *w = xstrdup("1");
	const char *parts[8];
	size_t n = 0, i;

	if (f->from)
		parts[n++] = " AND ts >= strftime('%Y-%m-%dT%H:%M:%SZ', ?, '-9 hours')";
	if (f->to)
		parts[n++] = " AND ts < strftime('%Y-%m-%dT%H:%M:%SZ', ?, '+1 day', "
		    "'-9 hours')";
	if (f->actor)
		parts[n++] = " AND (actor = ? OR actor2 = ?)";
	if (f->action)
		parts[n++] = " AND action GLOB ?";
	if (f->person)
		parts[n++] = " AND (instr(subject, ?) > 0 OR instr(detail, ?) > 0)";
	if (f->medium)
		parts[n++] = " AND (instr(subject, ?) > 0 OR instr(detail, ?) > 0)";
	if (f->seq_first)
		parts[n++] = " AND seq >= ?";
	if (f->seq_last)
		parts[n++] = " AND seq <= ?";
	for (i = 0; i < n; i++) {
		char *t = xasprintf("%s%s", w, parts[i]);

		free(w);
		w = t;
	}
	return w;
}

/* The parameters after the action's: text matches and sequence bounds. */
static void
audit_bind_rest(sqlite3_stmt *st, const struct audit_filter *f, int i)
{
	if (f->person) {
		sqlite3_bind_text(st, i++, f->person, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, i++, f->person, -1, SQLITE_STATIC);
	}
	if (f->medium) {
		sqlite3_bind_text(st, i++, f->medium, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, i++, f->medium, -1, SQLITE_STATIC);
	}
	if (f->seq_first)
		sqlite3_bind_int64(st, i++, f->seq_first);
	if (f->seq_last)
		sqlite3_bind_int64(st, i++, f->seq_last);
}

int
audit_list(struct vault *v, const struct audit_filter *f, audit_row_fn fn,
    void *arg, char **err)
{
	sqlite3 *db = v->db;
	char *where = audit_where(f), *sql, *glob = NULL;
	sqlite3_stmt *st;
	int rc, i = 1, stop = 0;

	sql = xasprintf("SELECT seq, ts, actor, actor2, action, subject, detail, "
	    "prev, hash FROM audit WHERE %s ORDER BY seq %s LIMIT %lld", where,
	    f->newest_first ? "DESC" : "ASC", (long long)(f->limit > 0 ? f->limit : -1));
	free(where);
	rc = db_prepare(db, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	if (f->from)
		sqlite3_bind_text(st, i++, f->from, -1, SQLITE_STATIC);
	if (f->to)
		sqlite3_bind_text(st, i++, f->to, -1, SQLITE_STATIC);
	if (f->actor) {
		sqlite3_bind_text(st, i++, f->actor, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, i++, f->actor, -1, SQLITE_STATIC);
	}
	if (f->action) {
		size_t l = strlen(f->action);

		/* "login." or "user*" select a family of actions. */
		glob = (l > 0 && (f->action[l - 1] == '.' || f->action[l - 1] == '*')) ?
		    xasprintf("%.*s*", (int)(f->action[l - 1] == '*' ? l - 1 : l),
		    f->action) : xstrdup(f->action);
		sqlite3_bind_text(st, i++, glob, -1, SQLITE_STATIC);
	}
	audit_bind_rest(st, f, i);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct auditrec r;

		audit_row(st, &r);
		stop = fn(&r, arg);
		auditrec_clear(&r);
	}
	sqlite3_finalize(st);
	free(glob);
	if (!stop && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading the audit log"));
	return 0;
}
