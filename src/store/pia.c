/* SQL for PIA records. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store/pia.h"
#include "store/vault-impl.h"
#include "util/i18n.h"

int
pia_store_persons(struct vault *v, long long *n, char **err)
{
	sqlite3 *db = v->db;

	return db_get_int(db, "SELECT count(*) FROM persons p LEFT JOIN numbers n "
	    "ON n.person_id = p.id WHERE n.state IS NOT 'deleted'", NULL, n, err);
}

int
pia_store_last(struct vault *v, struct pia_review *r, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	if (db_prepare(db, "SELECT done, persons, level, coalesce(staff, -1), "
	    "coalesce(incidents, -1), actor FROM pia_reviews ORDER BY done DESC, "
	    "id DESC LIMIT 1", &st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(r->done, sizeof r->done, "%s", sqlite3_column_text(st, 0));
		r->persons = sqlite3_column_int64(st, 1);
		snprintf(r->level, sizeof r->level, "%s", sqlite3_column_text(st, 2));
		r->staff = sqlite3_column_int64(st, 3);
		r->incident = sqlite3_column_int(st, 4);
		snprintf(r->actor, sizeof r->actor, "%s", sqlite3_column_text(st, 5));
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("reading PIA records"));
}

int
pia_store_add(struct vault *v, const struct pia_review *r, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "INSERT INTO pia_reviews (done, persons, level, staff, "
	    "incidents, actor, recorded) VALUES (?, ?, ?, ?, ?, ?, "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", &st, err) < 0)
		return -1;
	sqlite3_bind_text(st, 1, r->done, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, r->persons);
	sqlite3_bind_text(st, 3, r->level, -1, SQLITE_STATIC);
	if (r->staff >= 0)
		sqlite3_bind_int64(st, 4, r->staff);
	else
		sqlite3_bind_null(st, 4);
	if (r->incident >= 0)
		sqlite3_bind_int(st, 5, r->incident);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, r->actor, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("recording the PIA"));
}
