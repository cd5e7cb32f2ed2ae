/* SQL for the overdue numbers. The condition is dashboard_numbers'
 * past_deadline, word for word, so the list has as many rows as home
 * counts (tests/e2e/tui-overdue.sh compares them). */
#include "config.h"

#include "store/numbers-overdue.h"
#include "store/vault-impl.h"
#include "util/i18n.h"

int
numbers_overdue(struct vault *v, const char *today, int deadline_days,
    overdue_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT p.key, p.name, n.state, n.received "
	    "FROM persons p JOIN numbers n ON n.person_id = p.id "
	    "WHERE p.lost = '' AND n.state IN ('entered', 'mismatch', 'held') "
	    "AND n.received < date(?1, '-' || ?2 || ' days') "
	    "ORDER BY n.received, p.key", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, today, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, deadline_days);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct overdue_row r = {
			(const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 1),
			(const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3) };

		stop = fn(&r, arg);
	}
	sqlite3_finalize(st);
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err,
	    _("reading numbers"));
}
