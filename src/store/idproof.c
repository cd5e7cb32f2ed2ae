/* SQL for identity verification. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/idproof.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define IDPROOF_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

int
idproof_add(struct vault *v, int64_t person, const char *channel,
    const char *mode, const char *kind, const char *item, const char *user,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "INSERT INTO idproof (person_id, channel, mode, kind, "
	    "item, checked_by, recorded) VALUES (?, ?, ?, ?, ?, ?, " IDPROOF_NOW ")",
	    &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_text(st, 2, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, mode, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, item, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, user, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing identity checks"));
}

static void
idproof_push(char ***arr, size_t *n, const char *v)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp((*arr)[i], v) == 0)
			return;
	*arr = xrealloc(*arr, (*n + 1) * sizeof **arr);
	(*arr)[(*n)++] = xstrdup(v);
}

int
idproof_items(struct vault *v, int64_t person, struct idproof_items *it,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	memset(it, 0, sizeof *it);
	if (db_prepare(db, "SELECT channel, mode, kind, item FROM idproof WHERE "
	    "person_id = ? ORDER BY id", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 2);
		const char *item = (const char *)sqlite3_column_text(st, 3);

		/* The latest record says which channel and mode apply. */
		snprintf(it->channel, sizeof it->channel, "%s",
		    (const char *)sqlite3_column_text(st, 0));
		snprintf(it->mode, sizeof it->mode, "%s",
		    (const char *)sqlite3_column_text(st, 1));
		if (strcmp(kind, "doc") == 0)
			idproof_push(&it->docs, &it->ndocs, item);
		else
			idproof_push(&it->exemptions, &it->nexemptions, item);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		idproof_items_free(it);
		return db_fail(db, err, _("reading identity checks"));
	}
	return 0;
}

void
idproof_items_free(struct idproof_items *it)
{
	size_t i;

	for (i = 0; i < it->ndocs; i++)
		free(it->docs[i]);
	for (i = 0; i < it->nexemptions; i++)
		free(it->exemptions[i]);
	free(it->docs);
	free(it->exemptions);
	memset(it, 0, sizeof *it);
}

int
idproof_set_status(struct vault *v, int64_t person, const char *channel,
    const char *mode, int complete, const char *pattern, const char *missing,
    char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, "INSERT OR REPLACE INTO idproof_status (person_id, "
	    "channel, mode, complete, pattern, missing, first_recorded, updated) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, coalesce((SELECT first_recorded FROM "
	    "idproof_status WHERE person_id = ?1), " IDPROOF_NOW "), " IDPROOF_NOW ")",
	    &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_text(st, 2, channel, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, mode, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, complete);
	sqlite3_bind_text(st, 5, pattern, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, missing, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, err, _("writing identity checks"));
}

int
idproof_get_status(struct vault *v, int64_t person, int *complete,
    char **missing, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc;

	*missing = NULL;
	if (db_prepare(db, "SELECT complete, missing FROM idproof_status WHERE "
	    "person_id = ?", &st, err) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	if ((rc = db_step(db, st, _("reading identity checks"), err)) == 1) {
		*complete = sqlite3_column_int(st, 0);
		*missing = xstrdup((const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return rc;
}

int
idproof_open(struct vault *v, const char *channel, idproof_open_fn fn,
    void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT p.key, s.channel, s.first_recorded, s.missing FROM "
	    "idproof_status s JOIN persons p ON p.id = s.person_id WHERE "
	    "s.complete = 0 AND (?1 IS NULL OR s.channel = ?1) ORDER BY "
	    "s.first_recorded", &st, err) < 0)
		return -1;
	if (channel != NULL)
		sqlite3_bind_text(st, 1, channel, -1, SQLITE_STATIC);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (const char *)sqlite3_column_text(st, 2),
		    (const char *)sqlite3_column_text(st, 3), arg);
	sqlite3_finalize(st);
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err,
	    _("reading identity checks"));
}

int
idproof_patterns(struct vault *v, idproof_count_fn fn, void *arg, char **err)
{
	sqlite3 *db = v->db;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (db_prepare(db, "SELECT pattern, count(*) FROM idproof_status GROUP BY "
	    "pattern ORDER BY count(*) DESC, pattern", &st, err) < 0)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn((const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_int64(st, 1), arg);
	sqlite3_finalize(st);
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err,
	    _("reading identity checks"));
}
