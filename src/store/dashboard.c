/* SQL for the home screen's counts. */
#include "config.h"

#include <string.h>

#include "store/dashboard.h"
#include "store/vault-impl.h"
#include "util/i18n.h"

int
dashboard_numbers(struct vault *v, const char *today, int deadline_days,
    struct dashboard_numbers *c, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(c, 0, sizeof *c);
	/* One pass over persons with their number row, if any. A person with
	 * no row, or (should it happen) a deleted one, still needs a number. */
	if (db_prepare(db, "SELECT "
	    "coalesce(sum(p.lost = ''), 0), "
	    "coalesce(sum(p.lost != ''), 0), "
	    "coalesce(sum(p.lost = '' AND n.state = 'confirmed'), 0), "
	    "coalesce(sum(p.lost = '' AND n.state = 'entered'), 0), "
	    "coalesce(sum(p.lost = '' AND n.state IN ('mismatch', 'held')), 0), "
	    "coalesce(sum(p.lost = '' AND n.state IN ('entered', 'mismatch', "
	    "'held') AND n.received < date(?1, '-' || ?2 || ' days')), 0) "
	    "FROM persons p LEFT JOIN numbers n ON n.person_id = p.id", &st,
	    err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, deadline_days);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->insured = sqlite3_column_int64(st, 0);
		c->former = sqlite3_column_int64(st, 1);
		c->confirmed = sqlite3_column_int64(st, 2);
		c->entered = sqlite3_column_int64(st, 3);
		c->supervisor = sqlite3_column_int64(st, 4);
		c->past_deadline = sqlite3_column_int64(st, 5);
		c->missing = c->insured - c->confirmed - c->entered - c->supervisor;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, err, _("counting numbers"));
}

int
dashboard_idproof_open(struct vault *v, long long *n, char **err)
{
	sqlite3 *db = v->db;

	return db_get_int(db, "SELECT count(*) FROM idproof_status WHERE "
	    "complete = 0", NULL, n, err);
}

int
dashboard_stamp(struct vault *v, unsigned long long *stamp, char **err)
{
	sqlite3 *db = v->db;
	long long version;

	if (db_get_int(db, "PRAGMA data_version", NULL, &version, err) < 0)
		return -1;
	*stamp = (unsigned long long)version << 32 ^
	    (unsigned int)sqlite3_total_changes(db);
	return 0;
}
