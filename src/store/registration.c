/* SQL for registration. Exports and results touch every person: the
 * statements are prepared once per file, and the state after a result is
 * advanced set-wise in SQL rather than row by row. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/reg-answers.h"
#include "store/reg-scan.h"
#include "store/reg-sent.h"
#include "store/registration.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define REG_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t != NULL ? (const char *)t : "";
}

/* Runs sql with ?1 = id, ?2 = text and ?3 = the bit of the kind text names
 * in reg_dirty (any may be unused). */
int
regstore_exec_id(struct vault *v, const char *sql, long long id,
    const char *text, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, sql, &st, err) < 0)
		return -1;
	if (sqlite3_bind_parameter_count(st) >= 1)
		sqlite3_bind_int64(st, 1, id);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int(st, 3, text != NULL ? regstore_dirty_bit(text) : 0);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing registration"));
}

int
regstore_next_id(struct vault *v, long long *id, char **err)
{
	sqlite3 *db = v->db;

	if (db_get_int(db, "SELECT coalesce(max(id), 0) + 1 FROM reg_files",
	    NULL, id, err) < 0)
		return -1;
	return 0;
}

int
regstore_current(struct vault *v, long long *cutover, long long *extract,
    char **err)
{
	sqlite3 *db = v->db;

	if (db_get_int(db, "SELECT coalesce(max(id), 0) FROM cutovers", NULL,
	    cutover, err) < 0 ||
	    db_get_int(db, "SELECT coalesce(max(id), 0) FROM extracts", NULL,
	    extract, err) < 0)
		return -1;
	return 0;
}

int
regstore_file_add(struct vault *v, long long id, const char *file,
    const struct regfile_info *x, char **err)
{
	sqlite3 *db = v->db;
	long long cutover, extract;
	sqlite3_stmt *st;
	int rc;

	if (regstore_current(v, &cutover, &extract, err) < 0 ||
	    db_prepare(db, "INSERT INTO reg_files (id, kind, file, sha256, records, "
	    "layout, layout_version, mode, base_extract, cutover, source_sha256, "
	    "created, actor) VALUES (?, ?, ?, '', 0, ?, ?, ?, nullif(?, 0), "
	    "nullif(?, 0), ?, " REG_NOW ", ?)", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, x->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, x->layout, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, x->layout_version);
	sqlite3_bind_text(st, 6, x->mode, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, extract);
	sqlite3_bind_int64(st, 8, cutover);
	sqlite3_bind_text(st, 9, x->source_sha256 ? x->source_sha256 : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 10, x->actor, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("recording the file"));
	/* Marks made from now on are newer than this file. */
	return regstore_exec_id(v, "INSERT INTO reg_file_epochs (file_id, epoch) "
	    "SELECT ?1, epoch FROM reg_epoch", id, NULL, err) < 0 ? -1 :
	    db_exec(db, "UPDATE reg_epoch SET epoch = epoch + 1", err);
}

int
regstore_file_finish(struct vault *v, long long id, const char *sha256,
    long long records, const char *source_sha256, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "UPDATE reg_files SET sha256 = ?, records = ?, "
	    "source_sha256 = ? WHERE id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, records);
	sqlite3_bind_text(st, 3, source_sha256, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("recording the file"));
}

int
regstore_awaiting(struct vault *v, const char *kind, long long *n, char **err)
{
	sqlite3 *db = v->db;

	return db_get_int(db, "SELECT count(*) FROM reg_files WHERE kind = ? AND "
	    "resulted IS NULL", kind, n, err);
}

char *
regstore_newest_awaiting(struct vault *v, const char *kind)
{
	sqlite3 *db = v->db;

	return db_get_text(db, "SELECT file FROM reg_files WHERE kind = ? AND "
	    "resulted IS NULL ORDER BY id DESC LIMIT 1", kind);
}

struct regstore_writer {
	sqlite3 *db;
	struct vault *v;	/* for the store functions it calls */
	long long file, first;
	struct regpack p;
	regstore_sink_fn sink;
	void *sink_arg;
};

void
regstore_writer_sink(struct regstore_writer *w, regstore_sink_fn fn,
    void *arg)
{
	w->sink = fn;
	w->sink_arg = arg;
}

int
regstore_writer_open(struct vault *v, long long file_id,
    struct regstore_writer **out, char **err)
{
	sqlite3 *db = v->db;
	struct regstore_writer *w = xcalloc(1, sizeof *w);

	(void)err;
	w->db = db;
	w->v = v;
	w->file = file_id;
	w->first = 1;
	regpack_init(&w->p);
	*out = w;
	return 0;
}

int
regstore_writer_put(struct regstore_writer *w, const struct regrec *r,
    char **err)
{
	struct regpack_rec pr = { r->person, r->action, r->rkey,
	    strlen(r->rkey), r->sent, r->content, NULL, NULL };

	if (regpack_add(&w->p, &pr) < 0)
		return err_set(err, _("%s: record key longer than %d bytes"),
		    r->rkey, REGPACK_RKEY_MAX);
	if (w->p.n < REGPACK_CHUNK_RECORDS)
		return 0;
	return regstore_writer_flush(w, err);
}

int
regstore_writer_flush(struct regstore_writer *w, char **err)
{
	int n = w->p.n, rc;

	if (n == 0)
		return 0;
	rc = w->sink != NULL ? w->sink(w->sink_arg, w->file, w->first, &w->p,
	    err) : regsent_put(w->v, w->file, w->first, &w->p, err);
	w->first += n;
	regpack_reset(&w->p);
	return rc;
}

void
regstore_writer_close(struct regstore_writer *w)
{
	if (w == NULL)
		return;
	regpack_free(&w->p);
	free(w);
}

/* The persons export's selection; ?1 kind, ?3 the kind's bit in
 * reg_dirty. A differential starts from the marked persons (CROSS JOIN
 * keeps them the outer loop), everything else from all persons. Everyone
 * comes, with or without a number: the export counts those without. */
#define REGSRC_ALL "FROM persons p "
#define REGSRC_MARKED "FROM reg_dirty d CROSS JOIN persons p ON p.id = " \
	"d.person_id AND (d.kinds & ?3) != 0 "
#define REGSRC_NUMBERS \
	"LEFT JOIN numbers n ON n.person_id = p.id AND n.state = 'confirmed' "
#define REGSRC_JOINS \
	"LEFT JOIN branches b ON b.person_id = p.id " \
	"LEFT JOIN reg_state s ON s.kind = ?1 AND s.person_id = p.id WHERE 1 "
#define REGSRC_SQL_RETRY "AND EXISTS (SELECT 1 FROM reg_failed f WHERE " \
	"f.kind = ?1 AND f.rkey = p.key) "

/* The kind's bit in reg_dirty (0 for the kinds read from input files). */
int
regstore_dirty_bit(const char *kind)
{
	return strcmp(kind, "persons") == 0 ? 1 :
	    strcmp(kind, "qualification") == 0 ? 2 : 0;
}

/* The vault's column of each person field, in enum person_field order. */
static const char *const regsrc_cols[PF_COUNT] = { "p.key", "p.insurer",
	"p.symbol", "p.number", "p.relation", "p.member_key", "p.name",
	"p.kana", "p.birth", "p.sex", "p.address", "p.municipality",
	"p.resident", "p.employer", "p.acquired", "p.lost", "p.edaban",
	"p.extra" };

static void
regsrc_read(sqlite3_stmt *st, struct regsrc *p)
{
	int i;

	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	for (i = 0; i < PF_COUNT; i++) {
		p->f[i] = col_text(st, i + 1);
		p->flen[i] = (size_t)sqlite3_column_bytes(st, i + 1);
	}
	if (sqlite3_column_type(st, PF_COUNT + 1) != SQLITE_NULL)
		p->number = col_text(st, PF_COUNT + 1);
	if (sqlite3_column_type(st, PF_COUNT + 2) != SQLITE_NULL)
		p->branch = col_text(st, PF_COUNT + 2);
	p->state_content = db_col_hash(st, PF_COUNT + 3);
	p->has_state = sqlite3_column_int(st, PF_COUNT + 5);
	p->state_action = sqlite3_column_int(st, PF_COUNT + 4);
}

/* The SELECT for q: fields the file does not use come as '' (SQLite then
 * never decodes them), and numbers are joined only for the persons file. */
static char *
regsrc_sql(const struct regsrc_query *q)
{
	char cols[512] = "";
	size_t len = 0;
	int i;

	for (i = 0; i < PF_COUNT; i++)
		len += (size_t)snprintf(cols + len, sizeof cols - len, "%s, ",
		    (q->need & (1u << i)) ? regsrc_cols[i] : "''");
	return xasprintf("SELECT p.id, %s%s, b.branch, "
	    "s.content_hash, s.action, s.person_id IS NOT NULL %s%s"
	    REGSRC_JOINS "%s ORDER BY %s", cols,
	    q->numbers ? "n.number" : "NULL",
	    q->mode == REGSRC_CHANGED ? REGSRC_MARKED : REGSRC_ALL,
	    q->numbers ? REGSRC_NUMBERS : "",
	    q->mode == REGSRC_RETRY ? REGSRC_SQL_RETRY : "",
	    /* The marked persons come in id order already. */
	    q->mode == REGSRC_CHANGED ? "d.person_id" : "p.id");
}

int
regstore_persons(struct vault *v, const struct regsrc_query *q, regsrc_fn fn,
    void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	struct regsrc p;
	char *sql;
	int rc, stop = 0;

	if (q->mode == REGSRC_FULL)
		return regscan_full(v, q, fn, arg, err);
	sql = regsrc_sql(q);

	rc = db_prepare(db, sql, &st, err);
	free(sql);
	if (rc < 0)
		return -1;
	sqlite3_bind_text(st, 1, q->kind, -1, SQLITE_STATIC);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int(st, 3, regstore_dirty_bit(q->kind));
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		regsrc_read(st, &p);
		stop = fn(&p, arg);
	}
	sqlite3_finalize(st);
	if (stop < 0)
		return -1;
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err,
	    _("reading persons"));
}

int
regstore_count_diff(struct vault *v, const char *kind, int numbers_only,
    long long *n, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	/* Without numbers (the 副本), only persons with a branch number can
	 * be sent: the others wait for their registration. Only the table
	 * that decides is joined, by person id: every mark has its person
	 * (persons are never deleted), and a branch row always holds a
	 * branch, so neither persons nor anything else adds a page read to
	 * each of up to 400,000 marks. CROSS JOIN keeps the marks outside:
	 * the planner would otherwise walk every number and seek its mark. */
	if (db_prepare(db, numbers_only ? "SELECT count(*) FROM reg_dirty d "
	    "CROSS JOIN numbers n ON n.person_id = d.person_id AND n.state = "
	    "'confirmed' AND n.number IS NOT NULL WHERE (d.kinds & ?1) != 0" :
	    "SELECT count(*) FROM reg_dirty d CROSS JOIN branches b ON "
	    "b.person_id = d.person_id WHERE (d.kinds & ?1) != 0", &st,
	    err) < 0)
		return -1;
	sqlite3_bind_int(st, 1, regstore_dirty_bit(kind));
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, err, _("reading persons"));
}

int
regstore_dirty_clear(struct vault *v, const char *kind, const int64_t *ids,
    size_t n, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *upd, *del;
	size_t i;
	int rc = SQLITE_DONE;

	if (n == 0)
		return 0;
	if (db_prepare(db, "UPDATE reg_dirty SET kinds = kinds & ~? WHERE "
	    "person_id = ?", &upd, err) < 0)
		return -1;
	if (db_prepare(db, "DELETE FROM reg_dirty WHERE person_id = ? AND "
	    "kinds = 0", &del, err) < 0) {
		sqlite3_finalize(upd);
		return -1;
	}
	for (i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int(upd, 1, regstore_dirty_bit(kind));
		sqlite3_bind_int64(upd, 2, ids[i]);
		rc = sqlite3_step(upd);
		sqlite3_reset(upd);
		if (rc != SQLITE_DONE)
			break;
		sqlite3_bind_int64(del, 1, ids[i]);
		rc = sqlite3_step(del);
		sqlite3_reset(del);
	}
	sqlite3_finalize(upd);
	sqlite3_finalize(del);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing registration"));
}

struct regstore_lookup {
	sqlite3 *db;
	const char *kind;
	sqlite3_stmt *person, *state, *failed;
	sqlite3_stmt *qualified;	/* prepared on first use */
};

int
regstore_lookup_open(struct vault *v, const char *kind,
    struct regstore_lookup **out, char **err)
{
	sqlite3 *db = v->db;
	struct regstore_lookup *lk = xcalloc(1, sizeof *lk);

	lk->db = db;
	lk->kind = kind;
	if (db_prepare(db, "SELECT p.id, b.branch FROM persons p LEFT JOIN "
	    "branches b ON b.person_id = p.id WHERE p.key = ?", &lk->person,
	    err) < 0 ||
	    db_prepare(db, "SELECT content_hash, action FROM reg_state WHERE "
	    "kind = ? AND person_id = ? AND rkey = ?", &lk->state, err) < 0 ||
	    db_prepare(db, "SELECT 1 FROM reg_failed WHERE kind = ? AND rkey = ?",
	    &lk->failed, err) < 0) {
		regstore_lookup_close(lk);
		return -1;
	}
	*out = lk;
	return 0;
}

void
regstore_lookup_close(struct regstore_lookup *lk)
{
	if (lk == NULL)
		return;
	sqlite3_finalize(lk->person);
	sqlite3_finalize(lk->state);
	sqlite3_finalize(lk->failed);
	sqlite3_finalize(lk->qualified);
	free(lk);
}

int
regstore_lookup_qualified(struct regstore_lookup *lk, int64_t person,
    char **err)
{
	int rc;

	if (lk->qualified == NULL && db_prepare(lk->db, "SELECT 1 FROM "
	    "reg_state WHERE kind = 'qualification' AND person_id = ? LIMIT 1",
	    &lk->qualified, err) < 0)
		return -1;
	sqlite3_bind_int64(lk->qualified, 1, person);
	rc = sqlite3_step(lk->qualified);
	sqlite3_reset(lk->qualified);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(lk->db, err, _("reading registrations"));
	return rc == SQLITE_ROW;
}

int
regstore_lookup_person(struct regstore_lookup *lk, const char *key,
    int64_t *id, char *branch, size_t len, char **err)
{
	int rc;

	branch[0] = '\0';
	sqlite3_bind_text(lk->person, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(lk->person);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(lk->person, 0);
		snprintf(branch, len, "%s", col_text(lk->person, 1));
	}
	sqlite3_reset(lk->person);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(lk->db, err, _("reading persons"));
	return rc == SQLITE_ROW;
}

int
regstore_lookup_state(struct regstore_lookup *lk, int64_t person,
    const char *rkey, unsigned char content[32], int *action, char **err)
{
	int rc, found = 0;

	sqlite3_bind_text(lk->state, 1, lk->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(lk->state, 2, person);
	sqlite3_bind_text(lk->state, 3, rkey, -1, SQLITE_STATIC);
	rc = sqlite3_step(lk->state);
	if (rc == SQLITE_ROW && db_col_hash(lk->state, 0) != NULL) {
		memcpy(content, db_col_hash(lk->state, 0), 32);
		*action = sqlite3_column_int(lk->state, 1);
		found = 1;
	}
	sqlite3_reset(lk->state);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(lk->db, err, _("reading registration"));
	return found;
}

int
regstore_lookup_failed(struct regstore_lookup *lk, const char *rkey, char **err)
{
	int rc;

	sqlite3_bind_text(lk->failed, 1, lk->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(lk->failed, 2, rkey, -1, SQLITE_STATIC);
	rc = sqlite3_step(lk->failed);
	sqlite3_reset(lk->failed);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(lk->db, err, _("reading registration"));
	return rc == SQLITE_ROW;
}

int
regstore_file_get(struct vault *v, const char *file, struct regfile_row *r,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	if (db_prepare(db, "SELECT id, records, kind, sha256, coalesce(resulted, "
	    "'') FROM reg_files WHERE file = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, file, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->id = sqlite3_column_int64(st, 0);
		r->records = sqlite3_column_int64(st, 1);
		snprintf(r->kind, sizeof r->kind, "%s", col_text(st, 2));
		snprintf(r->sha256, sizeof r->sha256, "%s", col_text(st, 3));
		snprintf(r->resulted, sizeof r->resulted, "%s", col_text(st, 4));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading registration"));
	return rc == SQLITE_ROW;
}

int
regstore_failed_list(struct vault *v, long long file_id, regfailed_fn fn,
    void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT p.key, a.seq, f.file, coalesce(a.message, '') "
	    "FROM reg_answers a JOIN persons p ON p.id = a.person_id JOIN "
	    "reg_files f ON f.id = a.file_id WHERE a.file_id = ? AND a.status = "
	    "'failed' ORDER BY a.seq", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, file_id);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(col_text(st, 0), sqlite3_column_int64(st, 1),
		    col_text(st, 2), col_text(st, 3), arg);
	sqlite3_finalize(st);
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err,
	    _("reading registration"));
}

int
regstore_count_failed(struct vault *v, const char *kind, long long *n,
    char **err)
{
	sqlite3 *db = v->db;

	return db_get_int(db, "SELECT count(*) FROM reg_failed WHERE kind = ?",
	    kind, n, err);
}

struct reghist_walk {
	sqlite3_stmt *file;
	reghist_fn fn;
	void *arg;
};

/* The answer of a record that has no row in reg_answers, from the pack
 * of its file (columns 10, the pack's first seq, and 11, its data): a
 * packed answer is accepted with a branch number (copied to buf) and no
 * message. */
static void
reghist_packed(sqlite3_stmt *st, long long seq, struct reghist_row *h,
    char *buf)
{
	const char *b;
	size_t len;

	if (sqlite3_column_type(st, 11) == SQLITE_NULL ||
	    regans_find(sqlite3_column_blob(st, 11), (size_t)sqlite3_column_bytes(
	    st, 11), seq - sqlite3_column_int64(st, 10), &b, &len) != 1)
		return;
	memcpy(buf, b, len);
	buf[len] = '\0';
	h->status = "accepted";
	h->branch = buf;
}

/* One record of the person: the file it went in and the answer it got. */
static int
reghist_record(long long file_id, long long seq, const struct regpack_rec *r,
    void *arg)
{
	struct reghist_walk *w = arg;
	sqlite3_stmt *st = w->file;
	struct reghist_row h;
	char branch[REGANS_BRANCH_MAX + 1];
	int stop = 0;

	sqlite3_bind_int64(st, 1, file_id);
	sqlite3_bind_int64(st, 2, seq);
	sqlite3_bind_int64(st, 3, regans_first(seq));
	if (sqlite3_step(st) == SQLITE_ROW) {
		h.created = col_text(st, 0);
		h.kind = col_text(st, 1);
		h.file = col_text(st, 2);
		h.mode = col_text(st, 3);
		h.status = col_text(st, 4);
		h.branch = col_text(st, 5);
		h.message = col_text(st, 6);
		if (strcmp(h.status, "sent") == 0)
			reghist_packed(st, seq, &h, branch);
		/* A record the server registered but found to differ from
		 * the resident registry reads as such, not as accepted. */
		if (sqlite3_column_type(st, 12) != SQLITE_NULL)
			h.status = "jlis-mismatch";
		h.extract = col_text(st, 7);
		h.cutover_reason = col_text(st, 8);
		h.cutover = sqlite3_column_int64(st, 9);
		h.seq = seq;
		h.action = r->action;
		stop = w->fn(&h, w->arg);
	}
	sqlite3_reset(st);
	return stop;
}

int
regstore_history(struct vault *v, const char *key, reghist_fn fn, void *arg,
    char **err)
{
	sqlite3 *db = v->db;
	struct reghist_walk w = { NULL, fn, arg };
	long long person;
	int rc;

	if (db_get_int(db, "SELECT coalesce((SELECT id FROM persons WHERE key = "
	    "?), 0)", key, &person, err) < 0)
		return -1;
	if (person == 0)
		return 0;
	/* An answer is a row of reg_answers or in its file's pack (?3, the
	 * pack's first seq). */
	if (db_prepare(db, "SELECT f.created, f.kind, f.file, f.mode, "
	    "coalesce(a.status, 'sent'), coalesce(a.branch, ''), "
	    "coalesce(a.message, ''), coalesce(x.file, ''), coalesce(c.reason, "
	    "''), coalesce(f.cutover, 0), k.first_seq, k.data, m.seq FROM "
	    "reg_files f LEFT JOIN reg_answers a ON a.file_id = f.id AND a.seq = "
	    "?2 LEFT JOIN reg_answer_packs k ON a.seq IS NULL AND k.file_id = "
	    "f.id AND k.first_seq = ?3 LEFT JOIN reg_jlis_mismatches m ON "
	    "m.file_id = f.id AND m.seq = ?2 LEFT JOIN extracts x ON x.id = "
	    "f.base_extract LEFT JOIN cutovers c ON c.id = f.cutover WHERE f.id = "
	    "?1", &w.file, err) < 0)
		return -1;
	rc = regsent_of_person(v, person, reghist_record, &w, err);
	sqlite3_finalize(w.file);
	return rc < 0 ? -1 : 0;
}

int
regstore_cutover_add(struct vault *v, const char *actor, const char *reason,
    long long *id, long long *base_extract, char **err)
{
	sqlite3 *db = v->db;
	long long cutover;
	sqlite3_stmt *st;
	int rc;

	if (regstore_current(v, &cutover, base_extract, err) < 0 ||
	    db_prepare(db, "INSERT INTO cutovers (recorded, actor, reason, "
	    "base_extract) VALUES (" REG_NOW ", ?, ?, nullif(?, 0))", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, *base_extract);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("recording the cut-over"));
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}
