/* Importing the server's result to a registration file: the file's records
 * are unpacked into memory, each answer is matched there, and once the
 * whole result has matched the state, answers, marks and branch numbers
 * are written from those records, in record (or person) order.
 *
 * Matching in memory, not by an UPDATE of a temporary table per row with a
 * seek of the person by key, took a result of 400,000 rows from about 2 s
 * of matching to a few hundredths: for the kinds built from persons a
 * record's key is the person's key (never changed once imported), so the
 * answer's key is compared with it as bytes; only the 副本 kinds, whose
 * record key is key/record, seek the person of the answer's key. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/reg-answers.h"
#include "store/reg-sent.h"
#include "store/registration.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define REG_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

enum { RX_SENT, RX_ACCEPTED, RX_FAILED };

int regstore_scan_ratio = 16;

static char rx_empty[1];

/* The records' strings (keys, branch numbers, messages) live in large
 * blocks freed together: a malloc and a free for each of 400,000 keys
 * and as many branch numbers were about a sixth of a result import's
 * time, in libc and in the kernel's first touches of scattered pages. */
#define RX_BLOCK (256 * 1024)

struct rx_block {
	struct rx_block *next;
	size_t used, size;
	char text[];
};

static char *
rx_strndup(struct rx_block **arena, const char *s, size_t len)
{
	struct rx_block *b = *arena;
	char *p;

	if (b == NULL || b->size - b->used < len + 1) {
		size_t size = len + 1 > RX_BLOCK ? len + 1 : RX_BLOCK;

		b = xmalloc(sizeof *b + size);
		b->next = *arena;
		b->used = 0;
		b->size = size;
		*arena = b;
	}
	p = b->text + b->used;
	memcpy(p, s, len);
	p[len] = '\0';
	b->used += len + 1;
	return p;
}

struct rx_rec {
	int64_t person;
	char *rkey;
	char *branch, *message;	/* NULL when none */
	unsigned char content[32];
	unsigned char action, status;
	unsigned char new_branch;	/* differs from the person's branch */
};

struct regstore_results {
	struct vault *v;
	sqlite3 *db;
	long long file;
	int rkey_is_key;	/* the kind is built from persons */
	sqlite3_stmt *person;	/* 副本: the person of a key */
	struct rx_rec *recs;
	size_t n, cap;
	struct rx_block *arena;	/* the records' strings */
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
	x->rkey = rx_strndup(&rs->arena, r->rkey, r->rkey_len);
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

	rs->v = v;
	rs->db = db;
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
	x->branch = branch != NULL && branch[0] != '\0' ?
	    rx_strndup(&rs->arena, branch, strlen(branch)) : NULL;
	/* Most rows have no message: they share one empty string. */
	x->message = message == NULL ? NULL : message[0] == '\0' ? rx_empty :
	    rx_strndup(&rs->arena, message, strlen(message));
	return 0;
}

void
regstore_results_close(struct regstore_results *rs)
{
	struct rx_block *b;

	if (rs == NULL)
		return;
	while ((b = rs->arena) != NULL) {
		rs->arena = b->next;
		free(b);
	}
	free(rs->recs);
	sqlite3_finalize(rs->person);
	free(rs);
}

/* What the file's accepted records replace of the kind's refused rows
 * (?1 kind): there are few, often none, where a full file accepts 400,000
 * keys, so the refused keys are read first and each accepted key is looked
 * for among them in memory; a delete is run only for one found. */
static int
rkey_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
rx_failed_clear(struct regstore_results *rs, const char *kind, char **err)
{
	sqlite3_stmt *st = NULL;
	char **keys = NULL;
	size_t n = 0, cap = 0, i;
	int rc;

	if (db_prepare(rs->db, "SELECT rkey FROM reg_failed WHERE kind = ?",
	    &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			keys = xrealloc(keys, cap * sizeof *keys);
		}
		keys[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE)
		rc = db_fail(rs->db, err, _("recording the result"));
	else if (n == 0)
		rc = 0;
	else if (db_prepare(rs->db, "DELETE FROM reg_failed WHERE kind = ? AND "
	    "rkey = ?", &st, err) < 0)
		rc = -1;
	else {
		qsort(keys, n, sizeof *keys, rkey_cmp);
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
		rc = SQLITE_DONE;
		for (i = 0; i < rs->n && rc == SQLITE_DONE; i++) {
			const struct rx_rec *x = &rs->recs[i];

			if (x->status != RX_ACCEPTED || bsearch(&x->rkey, keys, n,
			    sizeof *keys, rkey_cmp) == NULL)
				continue;
			sqlite3_bind_text(st, 2, x->rkey, -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
		}
		rc = rc == SQLITE_DONE ? 0 : db_fail(rs->db, err,
		    _("recording the result"));
	}
	sqlite3_finalize(st);
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	return rc;
}

/* Whether a record's answer goes in a pack (accepted, without a message,
 * with a branch number a pack holds) rather than a row of reg_answers. */
static int
rx_packable(const struct rx_rec *x)
{
	return x->status == RX_ACCEPTED && (x->message == NULL ||
	    x->message[0] == '\0') && (x->branch == NULL ||
	    strlen(x->branch) <= REGANS_BRANCH_MAX);
}

/* Adds record i's answer to the pack, storing the pack first when i
 * starts the next. */
static int
rx_pack(struct regstore_results *rs, struct regans_pack *p, size_t i,
    char **err)
{
	const struct rx_rec *x = &rs->recs[i];
	long long seq = (long long)i + 1;

	if (seq >= p->first_seq + REGANS_CHUNK && regans_flush(rs->v, rs->file,
	    p, regans_first(seq), err) < 0)
		return -1;
	if (rx_packable(x))
		regans_add(p, x->branch, x->branch ? strlen(x->branch) : 0);
	else
		regans_add(p, NULL, 0);
	return 0;
}

/* The answers kept, the accepted state and the refused rows, written
 * straight from the matched records in record order (?1 file, ?2 kind).
 * Accepted answers go in packs (store/reg-answers.c), the others in rows
 * of reg_answers.
 * Writing every answered record into one wide temporary table first and
 * reading it back with four INSERT ... SELECTs cost a fifth of a result
 * import. */
enum { RX_ANSWER, RX_STATE, RX_FAILED_ROW, RX_STATE_SET, RX_NSTMT };

static const char *const rx_sql[RX_NSTMT] = {
	"INSERT INTO reg_answers (file_id, seq, person_id, status, branch, "
	    "message) VALUES (?1, ?3, ?4, ?5, ?6, ?7)",
	/* A key's earlier state is replaced by an UPDATE when the INSERT
	 * finds it (RX_STATE_SET), not by INSERT OR REPLACE: with this
	 * SQLite a REPLACE opens a statement journal for each row, and the
	 * state's write was seven times as long by it. */
	"INSERT OR IGNORE INTO reg_state (kind, person_id, rkey, file_id, seq, "
	    "action, content_hash) VALUES (?2, ?4, ?8, ?1, ?3, ?9, ?10)",
	"INSERT OR REPLACE INTO reg_failed (kind, rkey, person_id, file_id, seq, "
	    "message) VALUES (?2, ?8, ?4, ?1, ?3, coalesce(?7, ''))",
	"UPDATE reg_state SET file_id = ?1, seq = ?3, action = ?9, "
	    "content_hash = ?10 WHERE kind = ?2 AND person_id = ?4 AND rkey = ?8",
};

/* Binds record i's values to a statement of rx_sql (par: its parameters'
 * numbers, 0 after the last). */
static void
rx_bind(const struct regstore_results *rs, sqlite3_stmt *s, const int *par,
    const char *kind, size_t i)
{
	static const char *const status[] = { "sent", "accepted", "failed" };
	const struct rx_rec *x = &rs->recs[i];
	int k;

	for (k = 1; par[k - 1] != 0; k++) {
		switch (par[k - 1]) {
		case 1: sqlite3_bind_int64(s, k, rs->file); break;
		case 2: sqlite3_bind_text(s, k, kind, -1, SQLITE_STATIC); break;
		case 3: sqlite3_bind_int64(s, k, (sqlite3_int64)i + 1); break;
		case 4: sqlite3_bind_int64(s, k, x->person); break;
		case 5: sqlite3_bind_text(s, k, status[x->status], -1,
		    SQLITE_STATIC); break;
		case 6: sqlite3_bind_text(s, k, x->branch, -1, SQLITE_STATIC);
		    break;
		case 7: sqlite3_bind_text(s, k, x->message, -1, SQLITE_STATIC);
		    break;
		case 8: sqlite3_bind_text(s, k, x->rkey, -1, SQLITE_STATIC);
		    break;
		case 9: sqlite3_bind_int(s, k, x->action); break;
		case 10: sqlite3_bind_blob(s, k, x->content, 32, SQLITE_STATIC);
		    break;
		}
	}
}

static int
rx_write(struct regstore_results *rs, const char *kind, char **err)
{
	sqlite3_stmt *st[RX_NSTMT] = { NULL };
	int par[RX_NSTMT][12];	/* each statement's parameters, as numbered */
	struct regans_pack pack;
	size_t i;
	int j, k, np, rc = SQLITE_DONE;

	if (rx_failed_clear(rs, kind, err) < 0)
		return -1;
	regans_init(&pack, 1);
	for (j = 0; j < RX_NSTMT; j++)
		if (db_prepare(rs->db, rx_sql[j], &st[j], err) < 0) {
			while (j-- > 0)
				sqlite3_finalize(st[j]);
			regans_free(&pack);
			return -1;
		} else {
			/* ?NNN: parameter k is number k, unused ones unnamed */
			np = sqlite3_bind_parameter_count(st[j]);
			for (k = 1; k <= np && k < 12; k++)
				par[j][k - 1] = sqlite3_bind_parameter_name(st[j],
				    k) != NULL ? k : -1;
			par[j][k - 1] = 0;
		}
	for (i = 0; i < rs->n && rc == SQLITE_DONE; i++) {
		const struct rx_rec *x = &rs->recs[i];
		int use[RX_NSTMT] = { !rx_packable(x), x->status == RX_ACCEPTED,
		    x->status == RX_FAILED, 0 };

		if (rx_pack(rs, &pack, i, err) < 0) {
			rc = -1;
			break;
		}
		if (x->status == RX_SENT)
			continue;
		for (j = 0; j < RX_NSTMT && rc == SQLITE_DONE; j++) {
			sqlite3_stmt *s = st[j];

			if (!use[j])
				continue;
			rx_bind(rs, s, par[j], kind, i);
			rc = sqlite3_step(s);
			sqlite3_reset(s);
			if (j == RX_STATE && rc == SQLITE_DONE &&
			    sqlite3_changes(rs->db) == 0)
				use[RX_STATE_SET] = 1;	/* the key had a state */
		}
	}
	for (j = 0; j < RX_NSTMT; j++)
		sqlite3_finalize(st[j]);
	if (rc == SQLITE_DONE && regans_flush(rs->v, rs->file, &pack, 0,
	    err) < 0)
		rc = -1;
	regans_free(&pack);
	if (rc == -1)
		return -1;	/* err set by the pack's store */
	return rc == SQLITE_DONE ? 0 : db_fail(rs->db, err,
	    _("recording the result"));
}

/* The change marks of the persons the file's accepted records are for,
 * in one pass (?1 file, ?2 the kind's mark bit, ?3 qualification's bit
 * when the result brings branch numbers). The marks made before the file
 * was written go (a change made since keeps its mark for the next
 * differential); a new or changed branch number, which comes with the
 * registration of persons, marks the person's qualification data with
 * the epoch now, compared with the branch as it was (so before the
 * branches are written). One row written per person where a clearing
 * UPDATE and a marking INSERT wrote a full file's rows twice. A person
 * twice in a file is one group: any record with a new branch marks.
 * (regstore_results_marks, below.) */
/* New and changed branch numbers, written after the marks, which depend
 * on the branch as it was. Each accepted record's branch is first
 * compared with the person's as it was (rx_branch_compare, before the
 * marks: one ordered pass for a full file, a seek by rowid each for a
 * few persons spread wide), then the ones that differ are
 * written in record order (rx_branch_write): should a file hold a person
 * twice,
 * the later record's branch number is the one kept. A branch given again
 * unchanged is left as first assigned. One INSERT ... SELECT joining the
 * temporary table with branches did the same at several times the cost
 * (its source read the table it wrote, so SQLite copied it all first). */

/* Whether persons lo..hi, n of them, are close enough together for one
 * ordered pass over their span to cost less than n seeks. */
static int
rx_span_dense(int64_t lo, int64_t hi, size_t n)
{
	return n > 0 && (unsigned long long)(hi - lo) <=
	    (unsigned long long)n * (unsigned)regstore_scan_ratio;
}

/* Whether the accepted records with a branch number come in person
 * order and close together (a full file does), so that the branches are
 * best read in one ordered pass over their span: 1, 0 not. */
static int
rx_branch_dense(const struct regstore_results *rs, int64_t *lo, int64_t *hi)
{
	size_t i, n = 0;

	for (i = 0; i < rs->n; i++) {
		const struct rx_rec *x = &rs->recs[i];

		if (x->status != RX_ACCEPTED || x->branch == NULL)
			continue;
		if (n > 0 && x->person < *hi)
			return 0;
		if (n++ == 0)
			*lo = x->person;
		*hi = x->person;
	}
	return rx_span_dense(*lo, *hi, n);
}

/* Compares the records of person id (from *i on, in person order) with
 * the branch b that person has (NULL none), and moves *i past them. */
static void
rx_branch_merge(struct regstore_results *rs, size_t *i, int64_t id,
    const unsigned char *b)
{
	for (; *i < rs->n; (*i)++) {
		struct rx_rec *x = &rs->recs[*i];

		if (x->status != RX_ACCEPTED || x->branch == NULL)
			continue;
		if (x->person > id)
			break;
		x->new_branch = x->person < id || strcmp((const char *)b,
		    x->branch) != 0;
	}
}

/* The branches of a full file's persons in one ordered pass: a seek for
 * each of 400,000 records was 0.05 s of statement time. */
static int
rx_branch_scan(struct regstore_results *rs, int64_t lo, int64_t hi,
    char **err)
{
	sqlite3_stmt *st;
	size_t i = 0;
	int rc;

	if (db_prepare(rs->db, "SELECT person_id, branch FROM branches WHERE "
	    "person_id BETWEEN ? AND ? ORDER BY person_id", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, lo);
	sqlite3_bind_int64(st, 2, hi);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rx_branch_merge(rs, &i, sqlite3_column_int64(st, 0),
		    sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	/* The persons after the last branch found have none. */
	rx_branch_merge(rs, &i, INT64_MAX, NULL);
	return rc == SQLITE_DONE ? 0 : db_fail(rs->db, err,
	    _("writing registration"));
}

static int
rx_branch_compare(struct regstore_results *rs, char **err)
{
	sqlite3_stmt *get;
	int64_t lo = 0, hi = 0;
	size_t i;
	int rc = SQLITE_DONE;

	if (rx_branch_dense(rs, &lo, &hi))
		return rx_branch_scan(rs, lo, hi, err);
	if (db_prepare(rs->db, "SELECT branch FROM branches WHERE person_id = ?",
	    &get, err) < 0)
		return -1;
	for (i = 0; i < rs->n && rc == SQLITE_DONE; i++) {
		struct rx_rec *x = &rs->recs[i];
		const unsigned char *b;

		if (x->status != RX_ACCEPTED || x->branch == NULL)
			continue;
		sqlite3_bind_int64(get, 1, x->person);
		rc = sqlite3_step(get);
		b = rc == SQLITE_ROW ? sqlite3_column_text(get, 0) : NULL;
		x->new_branch = b == NULL || strcmp((const char *)b, x->branch) != 0;
		sqlite3_reset(get);
		if (rc == SQLITE_ROW)
			rc = SQLITE_DONE;
	}
	sqlite3_finalize(get);
	return rc == SQLITE_DONE ? 0 : db_fail(rs->db, err,
	    _("writing registration"));
}

static int
rx_branch_step(sqlite3_stmt *st, const struct rx_rec *x, long long file,
    const char *now)
{
	int rc;

	sqlite3_bind_int64(st, 1, x->person);
	sqlite3_bind_text(st, 2, x->branch, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, file);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc;
}

/* The new branch numbers are inserted, and a person's earlier one is
 * updated when the INSERT finds it, not replaced by INSERT OR REPLACE:
 * as with the state, this SQLite made the REPLACE the costlier (0.67 s of
 * statement time for 400,000 new branch numbers, loaded). */
static int
rx_branch_write(struct regstore_results *rs, char **err)
{
	sqlite3_stmt *put = NULL, *set = NULL;
	char *now = NULL;
	size_t i;
	int rc = SQLITE_DONE;

	if (db_text(rs->db, "SELECT " REG_NOW, NULL, &now, err) < 0)
		return -1;
	if (db_prepare(rs->db, "INSERT OR IGNORE INTO branches (person_id, "
	    "branch, file_id, assigned) VALUES (?1, ?2, ?3, ?4)", &put, err) < 0 ||
	    db_prepare(rs->db, "UPDATE branches SET branch = ?2, file_id = ?3, "
	    "assigned = ?4 WHERE person_id = ?1", &set, err) < 0) {
		sqlite3_finalize(put);
		free(now);
		return -1;
	}
	for (i = 0; i < rs->n && rc == SQLITE_DONE; i++) {
		const struct rx_rec *x = &rs->recs[i];

		if (x->status != RX_ACCEPTED || !x->new_branch)
			continue;
		rc = rx_branch_step(put, x, rs->file, now);
		/* The person had a branch number: update it. */
		if (rc == SQLITE_DONE && sqlite3_changes(rs->db) == 0)
			rc = rx_branch_step(set, x, rs->file, now);
	}
	sqlite3_finalize(put);
	sqlite3_finalize(set);
	free(now);
	return rc == SQLITE_DONE ? 0 : db_fail(rs->db, err,
	    _("writing registration"));
}

/* An epoch read with one statement: 1 and *out, 0 none (no row or NULL),
 * -1 error. */
static int
rx_epoch(sqlite3 *db, const char *sql, long long id, long long *out,
    char **err)
{
	sqlite3_stmt *st;
	int rc, found = 0;

	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*out = sqlite3_column_int64(st, 0);
		found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("writing registration"));
	return found;
}

/* A person of the file's accepted records, and whether any of them
 * brings a new branch number. */
struct rx_person {
	int64_t person;
	int nb;
};

/* A person's row of reg_dirty as it was before the result. */
struct rx_mark {
	long long kinds, epoch;
	unsigned char had, epoch_null;
};

static void
rx_mark_read(sqlite3_stmt *st, struct rx_mark *m)
{
	m->had = 1;
	m->kinds = sqlite3_column_int64(st, 1);
	m->epoch_null = sqlite3_column_type(st, 2) == SQLITE_NULL;
	m->epoch = m->epoch_null ? 0 : sqlite3_column_int64(st, 2);
}

/* The marks of p (in person order) read in one ordered pass over the
 * persons' span of reg_dirty, merged with p: a seek for each of 400,000
 * persons of a full file was 0.13 s of statement time, the pass reads
 * the same pages once. A few persons spread wide are sought instead. */
static int
rx_marks_get(sqlite3 *db, const struct rx_person *p, size_t n,
    struct rx_mark *m, char **err)
{
	int scan = n > 0 && rx_span_dense(p[0].person, p[n - 1].person, n);
	sqlite3_stmt *st;
	size_t i = 0;
	int rc;

	memset(m, 0, n * sizeof *m);
	if (db_prepare(db, scan ? "SELECT person_id, kinds, epoch FROM reg_dirty "
	    "WHERE person_id BETWEEN ?1 AND ?2 ORDER BY person_id" : "SELECT "
	    "person_id, kinds, epoch FROM reg_dirty WHERE person_id = ?1", &st,
	    err) < 0)
		return -1;
	if (scan) {
		sqlite3_bind_int64(st, 1, n > 0 ? p[0].person : 0);
		sqlite3_bind_int64(st, 2, n > 0 ? p[n - 1].person : -1);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(st, 0);

			while (i < n && p[i].person < id)
				i++;
			if (i < n && p[i].person == id)
				rx_mark_read(st, &m[i]);
		}
	} else
		for (rc = SQLITE_DONE; i < n && rc == SQLITE_DONE; i++) {
			sqlite3_bind_int64(st, 1, p[i].person);
			if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				rx_mark_read(st, &m[i]);
				rc = SQLITE_DONE;
			}
			sqlite3_reset(st);
		}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err,
	    _("writing registration"));
}

/* The marks are read (rx_marks_get) and written one person at a time:
 * one INSERT OR REPLACE ... SELECT that joined reg_dirty read the table
 * it wrote, so SQLite copied its whole source first, and its grouped
 * source (the temporary table sorted by person, joined with branches)
 * cost as much again; at 400,000 persons together the largest statement
 * of a result import. The import groups its records in memory; p is in
 * person order, each person once. */
static int
rx_marks_apply(sqlite3 *db, long long file, const char *kind,
    const struct rx_person *p, size_t n, char **err)
{
	int branches = strcmp(kind, "persons") == 0;
	long long bit = regstore_dirty_bit(kind), qbit = branches ?
	    regstore_dirty_bit("qualification") : 0, fepoch = 0, now = 0;
	sqlite3_stmt *put = NULL;
	struct rx_mark *m;
	int has_fepoch, has_now, rc = SQLITE_DONE;
	size_t i;

	if ((has_fepoch = rx_epoch(db, "SELECT epoch FROM reg_file_epochs "
	    "WHERE file_id = ?", file, &fepoch, err)) < 0 ||
	    (has_now = rx_epoch(db, "SELECT epoch FROM reg_epoch", 0, &now,
	    err)) < 0)
		return -1;
	m = xmalloc((n ? n : 1) * sizeof *m);
	if (rx_marks_get(db, p, n, m, err) < 0 || db_prepare(db, "INSERT OR "
	    "REPLACE INTO reg_dirty (person_id, kinds, epoch) VALUES (?, ?, ?)",
	    &put, err) < 0) {
		free(m);
		return -1;
	}
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		int nb = p[i].nb;
		long long kinds = m[i].kinds;
		/* A mark made before the file was written. */
		int old = m[i].had && !m[i].epoch_null && has_fepoch &&
		    m[i].epoch <= fepoch;

		if (!nb && !(old && (kinds & bit) != 0))
			continue;
		kinds = (kinds & (old ? ~bit : -1)) | (nb ? qbit : 0);
		sqlite3_bind_int64(put, 1, p[i].person);
		sqlite3_bind_int64(put, 2, kinds);
		if (nb ? has_now : !m[i].epoch_null)
			sqlite3_bind_int64(put, 3, nb ? now : m[i].epoch);
		else
			sqlite3_bind_null(put, 3);
		rc = sqlite3_step(put);
		sqlite3_reset(put);
	}
	free(m);
	sqlite3_finalize(put);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("writing registration"));
	/* A row without marks is nobody's, whoever cleared it. */
	return db_exec(db, "DELETE FROM reg_dirty WHERE kinds = 0", err);
}

/* The marks from a table temp.reg_rx (seq, person_id, status, branch),
 * with the new branch numbers compared with branches as they are: the
 * same marks as the import's, for tests/unit/test-reg-marks.c, which
 * holds them to the statements they replaced. */
int
regstore_results_marks(struct vault *v, long long file, const char *kind,
    char **err)
{
	sqlite3 *db = v->db;
	int branches = strcmp(kind, "persons") == 0;
	struct rx_person *p = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *grp;
	int rc;

	if (db_prepare(db, branches ? "SELECT r.person_id, max(r.branch IS NOT "
	    "NULL AND b.branch IS NOT r.branch) FROM temp.reg_rx r LEFT JOIN "
	    "branches b ON b.person_id = r.person_id WHERE r.status = "
	    "'accepted' GROUP BY r.person_id" : "SELECT person_id, 0 FROM "
	    "temp.reg_rx WHERE status = 'accepted' GROUP BY person_id", &grp,
	    err) < 0)
		return -1;
	while ((rc = sqlite3_step(grp)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			p = xrealloc(p, cap * sizeof *p);
		}
		p[n].person = sqlite3_column_int64(grp, 0);
		p[n++].nb = sqlite3_column_int(grp, 1) != 0;
	}
	sqlite3_finalize(grp);
	rc = rc != SQLITE_DONE ? db_fail(db, err, _("writing registration")) :
	    rx_marks_apply(db, file, kind, p, n, err);
	free(p);
	return rc;
}

static int
rx_person_cmp(const void *a, const void *b)
{
	const struct rx_person *x = a, *y = b;

	return (x->person > y->person) - (x->person < y->person);
}

/* The import's marks: its accepted records grouped by person in memory
 * (new_branch set by rx_branch_compare). */
static int
rx_marks(struct regstore_results *rs, const char *kind, char **err)
{
	struct rx_person *p = xmalloc((rs->n ? rs->n : 1) * sizeof *p);
	size_t n = 0, m = 0, i;
	int rc;

	for (i = 0; i < rs->n; i++)
		if (rs->recs[i].status == RX_ACCEPTED) {
			p[n].person = rs->recs[i].person;
			p[n++].nb = rs->recs[i].new_branch;
		}
	/* Records of a full file come in person order: sort only if not. */
	for (i = 1; i < n && p[i - 1].person <= p[i].person; i++)
		;
	if (i < n)
		qsort(p, n, sizeof *p, rx_person_cmp);
	for (i = 0; i < n; i++) {
		if (m > 0 && p[m - 1].person == p[i].person)
			p[m - 1].nb |= p[i].nb;
		else
			p[m++] = p[i];
	}
	rc = rx_marks_apply(rs->db, rs->file, kind, p, m, err);
	free(p);
	return rc;
}

static int
rx_statements(struct regstore_results *rs, const char *kind, char **err)
{
	/* Branch numbers come with the registration of persons only. */
	int persons = strcmp(kind, "persons") == 0;

	if (rx_write(rs, kind, err) < 0 ||
	    (persons && rx_branch_compare(rs, err) < 0) ||
	    rx_marks(rs, kind, err) < 0 ||
	    (persons && rx_branch_write(rs, err) < 0))
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

	rc = rx_statements(rs, kind, err) < 0 ? -1 : 0;
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

