/* SQL for persons. The import writer keeps its statements prepared for the
 * whole file: 400,000 rows must not be parsed 400,000 times. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/persons.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xbuf.h"
#include "util/xmalloc.h"

/* Vault columns in enum person_field order. */
static const char *const persons_cols[PF_COUNT] = {
	"key", "insurer", "symbol", "number", "relation", "member_key", "name",
	"kana", "birth", "sex", "address", "municipality", "resident", "employer",
	"acquired", "lost", "edaban", "extra" };

#define PERSONS_COLS "id, key, insurer, symbol, number, relation, " \
	"member_key, name, kana, birth, sex, address, municipality, resident, " \
	"employer, acquired, lost, edaban, extra"
#define PERSONS_SELECT "SELECT " PERSONS_COLS " FROM persons "
/* Whether a row of the extract changed: most of a daily re-import is
 * unchanged rows, and this reads them from the covering index (vault/0031)
 * instead of every wide row's table page, each decrypted. The planner
 * takes the key's own unique index (not covering) unless told. */
#define PERSONS_FIND "SELECT id, row_hash, last_extract FROM persons "

/* An UPDATE that sets only the columns whose bit is in mask (bit i: field
 * i), with row_hash and last_extract. SQLite rewrites the entry of every
 * index on a column the statement sets, equal or not: setting all columns
 * dirtied each of the six search indexes' pages for every changed row,
 * three quarters of the pages a 1% re-import wrote. A re-import brings few
 * distinct sets of changed columns, so a few statements serve it. */
#define PERSONS_UPDATES 8
struct persons_update {
	unsigned mask;		/* 0 when only the hash differs */
	sqlite3_stmt *st;
};

/* Persons id lo..hi, each added or changed by this import. */
struct persons_run {
	int64_t lo, hi;
};

struct persons_writer {
	sqlite3 *db;
	int64_t extract;
	int bulk;		/* secondary indexes dropped until close */
	int fresh;		/* the table was empty: every row is new */
	sqlite3_stmt *find, *wide, *insert, *history;
	struct persons_run *marks;	/* for the next registration differential */
	size_t nmarks, amarks;
	struct persons_update update[PERSONS_UPDATES];	/* by changed columns */
	unsigned next_update;	/* the slot a new statement takes */
	struct person_hasher *hasher;	/* row_hash, one context per import */
};

/* The search indexes, dropped during a bulk load and built again after:
 * building a B-tree from sorted data is far cheaper than 400,000 random
 * inserts through an encrypted page cache. Keep in step with vault/0002.
 * persons_key_hash (vault/0031) stays: an extract comes in key order, so
 * its entries are appended as the key's unique index's are, where building
 * it again read the whole encrypted table and sorted it (a sixth of a
 * 400,000 person first import). */
static const char persons_indexes[] =
	"CREATE INDEX persons_kana ON persons (kana);"
	"CREATE INDEX persons_name ON persons (name);"
	"CREATE INDEX persons_symbol ON persons (symbol, number);"
	"CREATE INDEX persons_birth ON persons (birth);"
	"CREATE INDEX persons_member ON persons (member_key);";
/* Building them, a 4 MB page cache instead of the bulk mode's 32 MB (the
 * connection's is set again when the transaction ends). Each build reads
 * the whole table, larger than either cache, so the pages cached did not
 * help, and SQLite sizes its sort runs by the cache: one 32 MB run sorted
 * as one list, where 4 MB runs are sorted and then merged. Peak memory of
 * a 400,000 person first import 66 MB -> 46 MB; time about the same
 * (CPU 8.9 s -> 8.5 s, medians of four alternating runs, loaded). */
static const char persons_index_cache[] = "PRAGMA cache_size = -4096;";
static const char persons_drop_indexes[] =
	"DROP INDEX persons_kana; "
	"DROP INDEX persons_name; DROP INDEX persons_symbol;"
	"DROP INDEX persons_birth; DROP INDEX persons_member;";

static int
persons_extract_row(sqlite3 *db, const struct extract_info *x, int64_t *id,
    char **err)
{
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "INSERT INTO extracts (file, sha256, layout, "
	    "layout_version, imported, actor, partial) VALUES (?, ?, ?, ?, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?)", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, x->file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, x->sha256, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, x->layout, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, x->layout_version);
	sqlite3_bind_text(st, 5, x->actor, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 6, x->partial);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("recording the extract"));
	*id = sqlite3_last_insert_rowid(db);
	return 0;
}

int
persons_writer_open(struct vault *v, const struct extract_info *x, int bulk,
    struct persons_writer **out, int64_t *extract_id, char **err)
{
	sqlite3 *db = v->db;
	struct persons_writer *w = xcalloc(1, sizeof *w);
	long long have = 1;

	w->db = db;
	/* The caller runs the import in the store's bulk mode (vault_bulk:
	 * a 32 MB page cache; with 2 MB a re-import's changed rows, touching
	 * the search indexes at random, spilled dirty pages and read them
	 * back). */
	if (bulk && db_exec(db, persons_drop_indexes, err) < 0) {
		free(w);
		return -1;
	}
	w->bulk = bulk;
	w->hasher = person_hasher_new();
	w->fresh = db_get_int(db, "SELECT count(*) FROM (SELECT 1 FROM persons "
	    "LIMIT 1)", NULL, &have, NULL) == 0 && have == 0;
	if (persons_extract_row(db, x, &w->extract, err) < 0 ||
	    db_prepare(db, PERSONS_FIND "INDEXED BY persons_key_hash WHERE "
	    "key = ?", &w->find, err) < 0 ||
	    db_prepare(db, PERSONS_SELECT "WHERE id = ?", &w->wide, err) < 0 ||
	    db_prepare(db, "INSERT INTO persons (key, insurer, symbol, number, "
	    "relation, member_key, name, kana, birth, sex, address, municipality, "
	    "resident, employer, acquired, lost, edaban, extra, row_hash, "
	    "first_extract, last_extract) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &w->insert, err) < 0 ||
	    db_prepare(db, "INSERT INTO person_history (person_id, extract_id, "
	    "field, old, new) VALUES (?, ?, ?, ?, ?)", &w->history, err) < 0) {
		/* The caller rolls back; only the statements need freeing. */
		persons_writer_close(w, NULL, NULL, NULL);
		return -1;
	}
	*extract_id = w->extract;
	*out = w;
	return 0;
}

static void
persons_bind_fields(sqlite3_stmt *st, const struct person *p)
{
	int i;

	for (i = 0; i < PF_COUNT; i++)
		sqlite3_bind_text(st, i + 1, p->f[i] ? p->f[i] : "", -1, SQLITE_STATIC);
}

static int
persons_step(sqlite3 *db, sqlite3_stmt *st, char **err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, err, _("writing persons"));
	return 0;
}

/* History rows for each tracked field that differs from the stored row,
 * read whole only now that it changed; *mask gets every differing field. */
static int
persons_write_history(struct persons_writer *w, int64_t id, const struct person *p,
    unsigned *mask, char **err)
{
	int i, rc = 0;

	*mask = 0;
	sqlite3_bind_int64(w->wide, 1, id);
	if (sqlite3_step(w->wide) != SQLITE_ROW) {
		sqlite3_reset(w->wide);
		return db_fail(w->db, err, _("reading persons"));
	}
	for (i = 0; i < PF_COUNT && rc == 0; i++) {
		const char *old = (const char *)sqlite3_column_text(w->wide, i + 1);
		const char *now = p->f[i] ? p->f[i] : "";

		if (strcmp(old ? old : "", now) == 0)
			continue;
		*mask |= 1u << i;
		if (!person_tracked((enum person_field)i))
			continue;
		sqlite3_bind_int64(w->history, 1, id);
		sqlite3_bind_int64(w->history, 2, w->extract);
		sqlite3_bind_text(w->history, 3, persons_cols[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(w->history, 4, old ? old : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(w->history, 5, now, -1, SQLITE_STATIC);
		rc = persons_step(w->db, w->history, err);
	}
	sqlite3_reset(w->wide);
	return rc;
}

/* The UPDATE for this set of changed columns, prepared once per import
 * while the slots last; then the oldest slot's gives way. Each field binds
 * ?(i+1), as persons_bind_fields does, whichever the statement sets. */
static sqlite3_stmt *
persons_update_for(struct persons_writer *w, unsigned mask, char **err)
{
	struct persons_update *u;
	struct xbuf sql = { 0 };
	char num[16];
	int i;

	for (i = 0; i < PERSONS_UPDATES; i++)
		if (w->update[i].st != NULL && w->update[i].mask == mask)
			return w->update[i].st;
	u = &w->update[w->next_update++ % PERSONS_UPDATES];
	sqlite3_finalize(u->st);
	u->st = NULL;
	xbuf_puts(&sql, "UPDATE persons SET ");
	for (i = 0; i < PF_COUNT; i++) {
		if (!(mask & (1u << i)))
			continue;
		snprintf(num, sizeof num, " = ?%d, ", i + 1);
		xbuf_puts(&sql, persons_cols[i]);
		xbuf_puts(&sql, num);
	}
	snprintf(num, sizeof num, "%d", PF_COUNT + 1);
	xbuf_puts(&sql, "row_hash = ?");
	xbuf_puts(&sql, num);
	snprintf(num, sizeof num, "%d", PF_COUNT + 2);
	xbuf_puts(&sql, ", last_extract = ?");
	xbuf_puts(&sql, num);
	snprintf(num, sizeof num, "%d", PF_COUNT + 3);
	xbuf_puts(&sql, " WHERE id = ?");
	xbuf_puts(&sql, num);
	xbuf_add(&sql, "", 1);
	u->mask = mask;
	(void)db_prepare(w->db, sql.data, &u->st, err);
	xbuf_free(&sql);
	return u->st;
}

/* A person added or changed: their registration records (persons and
 * qualification) are to be looked at in the next differential. The marks
 * are written at the end, a run of consecutive ids by one statement: a
 * first import's ids are one run, and 400,000 single-row INSERTs cost a
 * tenth of it. Nothing in the import reads reg_dirty before then. */
static int
persons_mark(struct persons_writer *w, int64_t id, char **err)
{
	struct persons_run *r = w->nmarks > 0 ? &w->marks[w->nmarks - 1] : NULL;

	(void)err;
	if (r != NULL && r->hi + 1 == id) {
		r->hi = id;
		return 0;
	}
	if (w->nmarks == w->amarks) {
		w->amarks = w->amarks ? 2 * w->amarks : 64;
		w->marks = xrealloc(w->marks, w->amarks * sizeof *w->marks);
	}
	w->marks[w->nmarks++] = (struct persons_run){ id, id };
	return 0;
}

static int
persons_write_marks(struct persons_writer *w, char **err)
{
	sqlite3_stmt *st;
	size_t i;
	int rc = 0;

	if (w->nmarks == 0)
		return 0;
	if (db_prepare(w->db, "WITH RECURSIVE r (id) AS (SELECT ?1 UNION ALL "
	    "SELECT id + 1 FROM r WHERE id < ?2) INSERT OR REPLACE INTO reg_dirty "
	    "(person_id, kinds, epoch) SELECT id, 3, (SELECT epoch FROM "
	    "reg_epoch) FROM r", &st, err) < 0)
		return -1;
	for (i = 0; i < w->nmarks && rc == 0; i++) {
		sqlite3_bind_int64(st, 1, w->marks[i].lo);
		sqlite3_bind_int64(st, 2, w->marks[i].hi);
		rc = persons_step(w->db, st, err);
	}
	sqlite3_finalize(st);
	return rc;
}

int
persons_writer_put(struct persons_writer *w, const struct person *p,
    enum persons_upsert *result, char **err)
{
	unsigned char hash[32];
	sqlite3_stmt *update;
	unsigned mask;
	int rc;
	int64_t id;

	person_hasher_run(w->hasher, p, hash);
	/* Into an empty table every row is new, and the key's unique index
	 * catches a key that repeats: no lookup needed. */
	rc = w->fresh ? SQLITE_DONE : (sqlite3_bind_text(w->find, 1, p->f[PF_KEY],
	    -1, SQLITE_STATIC), sqlite3_step(w->find));
	if (rc == SQLITE_DONE) {
		sqlite3_reset(w->find);
		persons_bind_fields(w->insert, p);
		sqlite3_bind_blob(w->insert, PF_COUNT + 1, hash, 32, SQLITE_STATIC);
		sqlite3_bind_int64(w->insert, PF_COUNT + 2, w->extract);
		sqlite3_bind_int64(w->insert, PF_COUNT + 3, w->extract);
		*result = PERSON_ADDED;
		rc = sqlite3_step(w->insert);
		sqlite3_reset(w->insert);
		if (rc == SQLITE_CONSTRAINT && w->fresh &&
		    sqlite3_extended_errcode(w->db) == SQLITE_CONSTRAINT_UNIQUE) {
			*result = PERSON_DUPLICATE;
			return 0;
		}
		if (rc != SQLITE_DONE)
			return db_fail(w->db, err, _("writing persons"));
		return persons_mark(w, sqlite3_last_insert_rowid(w->db), err);
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(w->find);
		return db_fail(w->db, err, _("reading persons"));
	}
	id = sqlite3_column_int64(w->find, 0);
	if (sqlite3_column_int64(w->find, 2) == w->extract) {
		sqlite3_reset(w->find);
		*result = PERSON_DUPLICATE;
		return 0;
	}
	if (sqlite3_column_bytes(w->find, 1) == 32 &&
	    memcmp(sqlite3_column_blob(w->find, 1), hash, 32) == 0) {
		sqlite3_reset(w->find);
		*result = PERSON_UNCHANGED;
		return 0;
	}
	rc = persons_write_history(w, id, p, &mask, err);
	sqlite3_reset(w->find);
	if (rc < 0 || (update = persons_update_for(w, mask, err)) == NULL)
		return -1;
	persons_bind_fields(update, p);
	sqlite3_bind_blob(update, PF_COUNT + 1, hash, 32, SQLITE_STATIC);
	sqlite3_bind_int64(update, PF_COUNT + 2, w->extract);
	sqlite3_bind_int64(update, PF_COUNT + 3, id);
	*result = PERSON_CHANGED;
	if (persons_step(w->db, update, err) < 0)
		return -1;
	return persons_mark(w, id, err);
}

int
persons_writer_close(struct persons_writer *w, const struct import_counts *c,
    const char *sha256, char **err)
{
	sqlite3_stmt *st;
	int i, rc = 0;

	sqlite3_finalize(w->find);
	sqlite3_finalize(w->wide);
	sqlite3_finalize(w->insert);
	for (i = 0; i < PERSONS_UPDATES; i++)
		sqlite3_finalize(w->update[i].st);
	sqlite3_finalize(w->history);
	person_hasher_free(w->hasher);
	if (c != NULL)
		rc = persons_write_marks(w, err);
	if (rc == 0 && w->bulk && c != NULL)
		rc = db_exec(w->db, persons_index_cache, err);
	if (rc == 0 && w->bulk && c != NULL)
		rc = db_exec(w->db, persons_indexes, err);
	if (rc == 0 && c != NULL) {
		rc = db_prepare(w->db, "UPDATE extracts SET added = ?, changed = ?, "
		    "unchanged = ?, rejected = ?, sha256 = ?, partial = ? WHERE id = ?", &st,
		    err);
		if (rc == 0) {
			sqlite3_bind_int64(st, 1, c->added);
			sqlite3_bind_int64(st, 2, c->changed);
			sqlite3_bind_int64(st, 3, c->unchanged);
			sqlite3_bind_int64(st, 4, c->rejected);
			sqlite3_bind_text(st, 5, sha256 ? sha256 : "", -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 6, c->rejected > 0);
			sqlite3_bind_int64(st, 7, w->extract);
			rc = sqlite3_step(st) == SQLITE_DONE ? 0 :
			    db_fail(w->db, err, _("recording the extract"));
			sqlite3_finalize(st);
		}
	}
	free(w->marks);
	free(w);
	return rc;
}

static void
persons_row(sqlite3_stmt *st, struct person *p)
{
	int i;

	for (i = 0; i < PF_COUNT; i++) {
		const unsigned char *t = sqlite3_column_text(st, i + 1);

		p->f[i] = xstrdup(t ? (const char *)t : "");
	}
}

static int
persons_one(sqlite3 *db, sqlite3_stmt *st, struct person *p, int64_t *id,
    char **err)
{
	int rc = sqlite3_step(st);

	memset(p, 0, sizeof *p);
	if (rc == SQLITE_ROW) {
		if (id != NULL)
			*id = sqlite3_column_int64(st, 0);
		persons_row(st, p);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading persons"));
	return rc == SQLITE_ROW;
}

int
persons_get(struct vault *v, const char *key, struct person *p, int64_t *id,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;

	if (db_prepare(db, PERSONS_SELECT "WHERE key = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	return persons_one(db, st, p, id, err);
}

int
persons_get_by_id(struct vault *v, int64_t id, struct person *p, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;

	if (db_prepare(db, PERSONS_SELECT "WHERE id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return persons_one(db, st, p, NULL, err);
}

int
persons_count(struct vault *v, long long *n, char **err)
{
	sqlite3 *db = v->db;

	return db_get_int(db, "SELECT count(*) FROM persons", NULL, n, err);
}

static enum persons_search_kind
persons_guess(const char *text)
{
	size_t n = strlen(text), digits = strspn(text, "0123456789");

	if (n == 8 && digits == 8)
		return SEARCH_BIRTH;
	if (digits > 0 && (digits == n || text[digits] == '/' || text[digits] == '-'))
		return SEARCH_SYMBOL;
	/* Katakana (E3 82 A0 .. E3 83 BF) first: a kana search. */
	if (n >= 3 && (unsigned char)text[0] == 0xe3 &&
	    ((unsigned char)text[1] == 0x82 || (unsigned char)text[1] == 0x83) &&
	    !((unsigned char)text[1] == 0x82 && (unsigned char)text[2] < 0xa0))
		return SEARCH_KANA;
	return SEARCH_NAME;
}

/* Prefix search by range (col >= p AND col < p + U+10FFFF), which uses the
 * index whatever the collation, unlike LIKE. */
static char *
persons_search_sql(enum persons_search_kind kind, const char *text,
    char **lo, char **hi, char **edaban)
{
	const char *col = kind == SEARCH_KANA ? "kana" : "name";
	const char *slash;

	switch (kind) {
	case SEARCH_BIRTH:
		*lo = xstrdup(text);
		*hi = NULL;
		return xstrdup(PERSONS_SELECT "WHERE birth = ?1 ORDER BY kana LIMIT ?3");
	case SEARCH_SYMBOL:
		slash = strpbrk(text, "/-");
		*lo = slash ? xstrndup(text, (size_t)(slash - text)) : xstrdup(text);
		*hi = slash ? xstrdup(slash + 1) : NULL;
		/* 記号/番号/枝番: the 枝番 names one person of the household. */
		if (slash != NULL && (*edaban = strpbrk(*hi, "/-")) != NULL)
			*(*edaban)++ = '\0';
		return xstrdup(*edaban != NULL ? PERSONS_SELECT "WHERE symbol = ?1 "
		    "AND number = ?2 AND edaban = ?4 ORDER BY relation, key LIMIT ?3" :
		    slash ? PERSONS_SELECT "WHERE symbol = ?1 AND number = ?2 "
		    "ORDER BY relation, key LIMIT ?3" : PERSONS_SELECT "WHERE symbol = ?1 "
		    "ORDER BY number, relation, key LIMIT ?3");
	default:
		*lo = xstrdup(text);
		*hi = xasprintf("%s\xf4\x8f\xbf\xbf", text);
		/* Names are stored with either space between family and given
		 * name: ?4/?5 are the same range with an ASCII space. */
		if (strstr(text, "\xe3\x80\x80") != NULL)
			return xasprintf(PERSONS_SELECT "WHERE (%s >= ?1 AND %s < ?2) "
			    "OR (%s >= ?4 AND %s < ?5) ORDER BY %s, key LIMIT ?3", col,
			    col, col, col, col);
		return xasprintf(PERSONS_SELECT "WHERE %s >= ?1 AND %s < ?2 ORDER BY "
		    "%s, key LIMIT ?3", col, col, col);
	}
}

/* Binds ?4 and ?5 as lo and hi with each U+3000 made an ASCII space. */
static void
persons_bind_ascii_space(sqlite3_stmt *st, const char *lo, const char *hi)
{
	const char *src[2] = { lo, hi };
	int i;

	for (i = 0; i < 2; i++) {
		char *a = xstrdup(src[i]), *p;
		size_t n;

		while ((p = strstr(a, "\xe3\x80\x80")) != NULL) {
			*p = ' ';
			n = strlen(p + 3);
			memmove(p + 1, p + 3, n + 1);
		}
		sqlite3_bind_text(st, 4 + i, a, -1, free);
	}
}

int
persons_search(struct vault *v, enum persons_search_kind kind, const char *text,
    int limit, persons_row_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	char *lo, *hi, *sql, *edaban = NULL;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (kind == SEARCH_AUTO)
		kind = persons_guess(text);
	sql = persons_search_sql(kind, text, &lo, &hi, &edaban);
	rc = db_prepare(db, sql, &st, err);
	free(sql);
	if (rc == 0) {
		sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
		if (hi != NULL)
			sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, limit > 0 ? limit : -1);
		if ((kind == SEARCH_KANA || kind == SEARCH_NAME) &&
		    strstr(text, "\xe3\x80\x80") != NULL)
			persons_bind_ascii_space(st, lo, hi);
		if (edaban != NULL)
			sqlite3_bind_text(st, 4, edaban, -1, SQLITE_STATIC);
		while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct person p;

			persons_row(st, &p);
			stop = fn(sqlite3_column_int64(st, 0), &p, arg);
			person_clear(&p);
		}
		sqlite3_finalize(st);
		rc = (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err,
		    _("searching persons"));
	}
	free(lo);
	free(hi);
	return rc;
}

int
persons_history(struct vault *v, int64_t id, history_row_fn fn, void *arg,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT h.field, h.old, h.new, x.file, x.imported FROM "
	    "person_history h JOIN extracts x ON x.id = h.extract_id WHERE "
	    "h.person_id = ? ORDER BY h.id", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_row h = {
			(const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3),
			(const char *)sqlite3_column_text(st, 4) };

		stop = fn(&h, arg);
	}
	sqlite3_finalize(st);
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err, _("reading history"));
}

int
persons_household(struct vault *v, const char *member_key, persons_row_fn fn,
    void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, PERSONS_SELECT "WHERE key = ?1 OR member_key = ?1 "
	    "ORDER BY relation, birth", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, member_key, -1, SQLITE_STATIC);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct person p;

		persons_row(st, &p);
		stop = fn(sqlite3_column_int64(st, 0), &p, arg);
		person_clear(&p);
	}
	sqlite3_finalize(st);
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err, _("reading persons"));
}

int
persons_jlis_last(struct vault *v, int64_t person, struct persons_jlis *j,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(j, 0, sizeof *j);
	if (db_prepare(db, "SELECT t.state, coalesce(t.held_reason, ''), r.kind, "
	    "r.seq, r.created, t.attempt FROM jlis_targets t JOIN jlis_requests "
	    "r ON r.id = t.request_id WHERE t.person_id = ? ORDER BY t.serial "
	    "DESC LIMIT 1", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(j->state, sizeof j->state, "%s",
		    (const char *)sqlite3_column_text(st, 0));
		snprintf(j->reason, sizeof j->reason, "%s",
		    (const char *)sqlite3_column_text(st, 1));
		j->kind = ((const char *)sqlite3_column_text(st, 2))[0];
		j->seq = (long)sqlite3_column_int64(st, 3);
		snprintf(j->created, sizeof j->created, "%s",
		    (const char *)sqlite3_column_text(st, 4));
		j->attempt = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, err, _("reading J-LIS inquiries"));
	return rc == SQLITE_ROW;
}
