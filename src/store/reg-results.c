/* Importing the server's result to a registration file: the file's records
 * are unpacked into memory, each answer is matched there, and the state
 * advances set-wise in SQL once the whole result has matched.
 *
 * Matching in memory, not by an UPDATE of a temporary table per row with a
 * seek of the person by key, took a result of 400,000 rows from about 2 s
 * of matching to a few hundredths: for the kinds built from persons a
 * record's key is the person's key (never changed once imported), so the
 * answer's key is compared with it as bytes; only the 副本 kinds, whose
 * record key is key/record, seek the person of the answer's key. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store/reg-sent.h"
#include "store/registration.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define REG_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

enum { RX_SENT, RX_ACCEPTED, RX_FAILED };

static char rx_empty[1];

struct rx_rec {
	int64_t person;
	char *rkey;
	char *branch, *message;	/* NULL when none */
	unsigned char content[32];
	unsigned char action, status;
};

struct regstore_results {
	sqlite3 *db;
	struct vault *v;	/* for the store functions it calls */
	long long file;
	int rkey_is_key;	/* the kind is built from persons */
	sqlite3_stmt *person;	/* 副本: the person of a key */
	struct rx_rec *recs;
	size_t n, cap;
};

static int
rx_fill(long long seq, const struct regpack_rec *r, void *arg)
{
	struct regstore_results *rs = arg;
	struct rx_rec *x;

	/* Records are numbered 1, 2, ... in file order: the index is seq - 1. */
	if (seq != (long long)rs->n + 1)
		return 1;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 1024;
		rs->recs = xrealloc(rs->recs, rs->cap * sizeof *rs->recs);
	}
	x = &rs->recs[rs->n++];
	memset(x, 0, sizeof *x);
	x->person = r->person;
	x->rkey = xstrndup(r->rkey, r->rkey_len);
	memcpy(x->content, r->content, 32);
	x->action = (unsigned char)r->action;
	return 0;
}

int
regstore_results_open(struct vault *v, long long file_id, const char *kind,
    struct regstore_results **out, char **err)
{
	sqlite3 *db = v->db;
	struct regstore_results *rs = xcalloc(1, sizeof *rs);
	int rc;

	rs->db = db;
	rs->v = v;
	rs->file = file_id;
	rs->rkey_is_key = regstore_dirty_bit(kind) != 0;
	rc = regsent_each(v, file_id, rx_fill, rs, err);
	if (rc == 0 && !rs->rkey_is_key && db_prepare(db, "SELECT id FROM "
	    "persons WHERE key = ?", &rs->person, err) < 0)
		rc = -1;
	if (rc != 0) {
		if (rc > 0)
			err_set(err, _("the vault's record of a registration file "
			    "is damaged (chunk at record %lld)"),
			    (long long)rs->n + 1);
		regstore_results_close(rs);
		return -1;
	}
	*out = rs;
	return 0;
}

/* Whether key names the person the record was sent for: 1 yes, 0 no,
 * -1 error. */
static int
rx_same_person(struct regstore_results *rs, const struct rx_rec *x,
    const char *key, char **err)
{
	int rc, same;

	if (rs->rkey_is_key)
		return strcmp(x->rkey, key) == 0;
	sqlite3_bind_text(rs->person, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(rs->person);
	same = rc == SQLITE_ROW && sqlite3_column_int64(rs->person, 0) ==
	    x->person;
	sqlite3_reset(rs->person);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(rs->db, err, _("recording the result"));
	return same;
}

int
regstore_results_put(struct regstore_results *rs, long seq, const char *key,
    int ok, const char *branch, const char *message, char **err)
{
	struct rx_rec *x;
	int same;

	/* Only a record still unanswered, of the person the row names: a row
	 * answered twice or for someone else changes nothing. */
	if (seq < 1 || (size_t)seq > rs->n)
		return 1;
	x = &rs->recs[seq - 1];
	if (x->status != RX_SENT)
		return 1;
	if ((same = rx_same_person(rs, x, key, err)) <= 0)
		return same < 0 ? -1 : 1;
	x->status = ok ? RX_ACCEPTED : RX_FAILED;
	x->branch = branch != NULL && branch[0] != '\0' ? xstrdup(branch) : NULL;
	/* Most rows have no message: they share one empty string. */
	x->message = message == NULL ? NULL : message[0] == '\0' ? rx_empty :
	    xstrdup(message);
	return 0;
}

void
regstore_results_close(struct regstore_results *rs)
{
	size_t i;

	if (rs == NULL)
		return;
	for (i = 0; i < rs->n; i++) {
		free(rs->recs[i].rkey);
		free(rs->recs[i].branch);
		if (rs->recs[i].message != rx_empty)
			free(rs->recs[i].message);
	}
	free(rs->recs);
	sqlite3_finalize(rs->person);
	free(rs);
}

/* The answered records, into a temporary table (in memory: the vault sets
 * temp_store) from which the statements below advance the state. */
static int
rx_table(struct regstore_results *rs, char **err)
{
	static const char *const status[] = { "sent", "accepted", "failed" };
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_DONE;

	if (db_exec(rs->db, "DROP TABLE IF EXISTS temp.reg_rx; CREATE TEMP "
	    "TABLE reg_rx (seq INTEGER PRIMARY KEY, person_id INTEGER NOT NULL, "
	    "rkey TEXT NOT NULL, action INTEGER NOT NULL, content_hash BLOB, "
	    "status TEXT NOT NULL, branch TEXT, message TEXT);", err) < 0 ||
	    db_prepare(rs->db, "INSERT INTO temp.reg_rx (seq, person_id, rkey, "
	    "action, content_hash, status, branch, message) VALUES (?, ?, ?, ?, "
	    "?, ?, ?, ?)", &st, err) < 0)
		return -1;
	for (i = 0; i < rs->n && rc == SQLITE_DONE; i++) {
		const struct rx_rec *x = &rs->recs[i];

		sqlite3_bind_int64(st, 1, (sqlite3_int64)i + 1);
		sqlite3_bind_int64(st, 2, x->person);
		sqlite3_bind_text(st, 3, x->rkey, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 4, x->action);
		sqlite3_bind_blob(st, 5, x->content, 32, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, status[x->status], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, x->branch, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, x->message, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(rs->db, err,
	    _("recording the result"));
}

/* The answers kept, the accepted state, refused rows and branch numbers,
 * from the marked records (?1 file, ?2 kind). */
static const char *const regstore_apply_sql[] = {
	"INSERT INTO reg_answers (file_id, seq, person_id, status, branch, "
	    "message) SELECT ?1, seq, person_id, status, branch, message FROM "
	    "temp.reg_rx WHERE status != 'sent'",
	"INSERT OR REPLACE INTO reg_state (kind, rkey, person_id, file_id, seq, "
	    "action, content_hash) SELECT ?2, rkey, person_id, ?1, seq, action, "
	    "content_hash FROM temp.reg_rx WHERE status = 'accepted'",
	/* From the refused rows' side (+rkey: not by seeking each accepted
	 * key): there are few, often none, where a full file accepts
	 * 400,000 keys, and a seek for each cost half a second. */
	"DELETE FROM reg_failed WHERE kind = ?2 AND +rkey IN (SELECT rkey FROM "
	    "temp.reg_rx WHERE status = 'accepted')",
	"INSERT OR REPLACE INTO reg_failed (kind, rkey, person_id, file_id, seq, "
	    "message) SELECT ?2, rkey, person_id, ?1, seq, coalesce(message, '') "
	    "FROM temp.reg_rx WHERE status = 'failed'",
	NULL
};

/* The change marks of the persons the file's accepted records are for,
 * in one pass (?1 file, ?2 the kind's mark bit, ?3 qualification's bit
 * when the result brings branch numbers). The marks made before the file
 * was written go (a change made since keeps its mark for the next
 * differential); a new or changed branch number, which comes with the
 * registration of persons, marks the person's qualification data with
 * the epoch now, compared with the branch as it was (so before the
 * branches are written). One row written per person where a clearing
 * UPDATE and a marking INSERT wrote a full file's rows twice. A person
 * twice in a file is one group: any record with a new branch marks. */
#define REGSTORE_MARKS(persons) \
	"INSERT OR REPLACE INTO reg_dirty (person_id, kinds, epoch) SELECT " \
	    "x.person_id, (coalesce(d.kinds, 0) & CASE WHEN d.epoch <= " \
	    REGSTORE_FILE_EPOCH " THEN ~?2 ELSE -1 END) | CASE WHEN x.nb THEN " \
	    "?3 ELSE 0 END, CASE WHEN x.nb THEN (SELECT epoch FROM reg_epoch) " \
	    "ELSE d.epoch END FROM (" persons ") x LEFT JOIN reg_dirty d ON " \
	    "d.person_id = x.person_id WHERE x.nb OR (d.kinds & ?2 != 0 AND " \
	    "d.epoch <= " REGSTORE_FILE_EPOCH ")"
#define REGSTORE_FILE_EPOCH \
	"(SELECT epoch FROM reg_file_epochs WHERE file_id = ?1)"
static const char regstore_marks_branch_sql[] = REGSTORE_MARKS(
	"SELECT r.person_id AS person_id, max(r.branch IS NOT NULL AND "
	    "b.branch IS NOT r.branch) AS nb FROM temp.reg_rx r LEFT JOIN "
	    "branches b ON b.person_id = r.person_id WHERE r.status = "
	    "'accepted' GROUP BY r.person_id");
static const char regstore_marks_sql[] = REGSTORE_MARKS(
	"SELECT person_id, 0 AS nb FROM temp.reg_rx WHERE status = "
	    "'accepted' GROUP BY person_id");

/* New and changed branch numbers (?1 file), after the marks, which
 * compare with the branch as it was. In record order: should a file hold
 * a person twice, the later record's branch number is the one kept. A
 * branch given again unchanged is left as first assigned. */
static const char regstore_branch_sql[] =
	"INSERT OR REPLACE INTO branches (person_id, branch, file_id, assigned) "
	    "SELECT r.person_id, r.branch, ?1, " REG_NOW " FROM temp.reg_rx r "
	    "LEFT JOIN branches b ON b.person_id = r.person_id WHERE r.status = "
	    "'accepted' AND r.branch IS NOT NULL AND b.branch IS NOT r.branch "
	    "ORDER BY r.seq";

int
regstore_results_marks(struct vault *v, long long file, const char *kind,
    char **err)
{
	sqlite3 *db = v->db;
	int branches = strcmp(kind, "persons") == 0;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, branches ? regstore_marks_branch_sql :
	    regstore_marks_sql, &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, file);
	sqlite3_bind_int(st, 2, regstore_dirty_bit(kind));
	sqlite3_bind_int(st, 3, branches ? regstore_dirty_bit("qualification") :
	    0);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("writing registration"));
	/* A row without marks is nobody's, whoever cleared it. */
	return db_exec(db, "DELETE FROM reg_dirty WHERE kinds = 0", err);
}

static int
rx_statements(struct regstore_results *rs, const char *kind, char **err)
{
	int i;

	for (i = 0; regstore_apply_sql[i] != NULL; i++)
		if (regstore_exec_id(rs->v, regstore_apply_sql[i], rs->file,
		    kind, err) < 0)
			return -1;
	if (regstore_results_marks(rs->v, rs->file, kind, err) < 0)
		return -1;
	/* Branch numbers come with the registration of persons only. */
	if (strcmp(kind, "persons") == 0 && regstore_exec_id(rs->v,
	    regstore_branch_sql, rs->file, NULL, err) < 0)
		return -1;
	return 0;
}

int
regstore_results_apply(struct regstore_results *rs, const char *kind,
    const char *result_file, const char *result_sha256, const char *actor,
    long long accepted, long long failed, char **err)
{
	sqlite3_stmt *st;
	int rc;

	rc = rx_table(rs, err) < 0 || rx_statements(rs, kind, err) < 0 ? -1 : 0;
	(void)db_exec(rs->db, "DROP TABLE IF EXISTS temp.reg_rx", NULL);
	if (rc < 0 || db_prepare(rs->db, "UPDATE reg_files SET result_file = ?, "
	    "result_sha256 = ?, accepted = ?, failed = ?, resulted = " REG_NOW
	    ", result_actor = ? WHERE id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, result_file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, result_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, accepted);
	sqlite3_bind_int64(st, 4, failed);
	sqlite3_bind_text(st, 5, actor, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, rs->file);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(rs->db, err,
	    _("recording the result"));
}

int
regstore_results_bulk(struct vault *v, int on, char **err)
{
	sqlite3 *db = v->db;

	/* Foreign keys: see ops_reg_results. A 32 MB page cache (as for an
	 * extract's import) instead of 2 MB: pages of the state, the answers
	 * and the branches are encrypted, spilled and read back less; about
	 * 15% less CPU at 400,000 records. */
	return db_exec(db, on ? "PRAGMA foreign_keys = OFF; PRAGMA cache_size = "
	    "-32768;" : "PRAGMA foreign_keys = ON; PRAGMA cache_size = -2000;",
	    err);
}
