/* Packing 0008's per-record rows into 0009's chunks. A file's records get
 * the chunk boundaries a new export would give them, so both read alike. */
#include "config.h"

#include <string.h>

#include "store/reg-legacy.h"
#include "store/reg-sent.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct legacy {
	sqlite3 *db;
	struct vault *v;	/* for the store functions it calls */
	struct regpack p;
	long long file, first;
};

static int
legacy_flush(struct legacy *l, char **err)
{
	int rc = regsent_put(l->v, l->file, l->first, &l->p, err);

	regpack_reset(&l->p);
	return rc;
}

/* One row: a new chunk at a new file, a gap in seq or a full chunk. */
static int
legacy_row(struct legacy *l, sqlite3_stmt *st, char **err)
{
	long long file = sqlite3_column_int64(st, 0);
	long long seq = sqlite3_column_int64(st, 1);
	struct regpack_rec r;

	if (l->p.n > 0 && (file != l->file || seq != l->first + l->p.n ||
	    l->p.n == REGPACK_CHUNK_RECORDS) && legacy_flush(l, err) < 0)
		return -1;
	if (l->p.n == 0) {
		l->file = file;
		l->first = seq;
	}
	memset(&r, 0, sizeof r);
	r.person = sqlite3_column_int64(st, 2);
	r.rkey = (const char *)sqlite3_column_text(st, 3);
	r.rkey_len = (size_t)sqlite3_column_bytes(st, 3);
	r.action = sqlite3_column_int(st, 4);
	r.sent = db_col_hash(st, 5);
	r.content = db_col_hash(st, 6);
	r.src = db_col_hash(st, 7);
	r.hmac = db_col_hash(st, 8);
	if (r.rkey == NULL || r.sent == NULL || r.content == NULL ||
	    regpack_add(&l->p, &r) < 0)
		return err_set(err, _("record %lld of registration file %lld "
		    "cannot be kept: its hashes or key are malformed"), seq, file);
	return 0;
}

int
reg_legacy_pack(struct vault *v, char **err)
{
	sqlite3 *db = v->db;
	struct legacy l;
	sqlite3_stmt *st;
	int rc, bad = 0;

	memset(&l, 0, sizeof l);
	l.db = db;
	l.v = v;
	regpack_init(&l.p);
	if (db_prepare(db, "SELECT file_id, seq, person_id, rkey, action, "
	    "sent_hash, content_hash, src_hash, num_hmac FROM reg_records "
	    "ORDER BY file_id, seq", &st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((bad = legacy_row(&l, st, err)) < 0)
			break;
	sqlite3_finalize(st);
	if (bad == 0 && rc != SQLITE_DONE)
		bad = db_fail(db, err, _("reading registration"));
	if (bad == 0)
		bad = legacy_flush(&l, err);
	regpack_free(&l.p);
	if (bad < 0)
		return -1;
	return db_exec(db, "DROP INDEX reg_records_person; DROP TABLE "
	    "reg_records;", err);
}
