/* The newest registration files with their result state. Read-only: the
 * console lists them; what was sent is in store/registration.c. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store/reg-recent.h"
#include "store/vault-impl.h"
#include "util/i18n.h"

static void
rr_text(char *dst, size_t len, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	snprintf(dst, len, "%s", t != NULL ? (const char *)t : "");
}

int
regstore_recent(struct vault *v, int limit, regrecent_fn fn, void *arg,
    char **err)
{
	sqlite3 *db = v->db;
	struct regfile_recent r;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT id, records, coalesce(accepted, -1), "
	    "coalesce(failed, -1), kind, file, mode, created, coalesce(resulted, "
	    "'') FROM reg_files ORDER BY id DESC LIMIT ?", &st, err) < 0)
		return -1;
	sqlite3_bind_int(st, 1, limit);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		memset(&r, 0, sizeof r);
		r.id = sqlite3_column_int64(st, 0);
		r.records = sqlite3_column_int64(st, 1);
		r.accepted = sqlite3_column_int64(st, 2);
		r.failed = sqlite3_column_int64(st, 3);
		rr_text(r.kind, sizeof r.kind, st, 4);
		rr_text(r.file, sizeof r.file, st, 5);
		rr_text(r.mode, sizeof r.mode, st, 6);
		rr_text(r.created, sizeof r.created, st, 7);
		rr_text(r.resulted, sizeof r.resulted, st, 8);
		stop = fn(&r, arg);
	}
	sqlite3_finalize(st);
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err,
	    _("reading registration"));
}
