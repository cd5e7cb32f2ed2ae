/* A full export's reading of the vault: persons in id order, with their
 * confirmed number, branch number and accepted state found by walking
 * those tables alongside in the same order (a merge join), instead of one
 * B-tree seek per person and table. At 400,000 persons the seeks cost as
 * much as reading the persons themselves. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/reg-scan.h"
#include "store/vault-impl.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* A table read alongside: its current row is for person id, or has is 0
 * at its end. */
struct side {
	sqlite3_stmt *st;
	int64_t id;
	int has;
};

static int
side_open(sqlite3 *db, struct side *s, const char *sql, const char *kind,
    char **err)
{
	memset(s, 0, sizeof *s);
	if (db_prepare(db, sql, &s->st, err) < 0)
		return -1;
	if (kind != NULL)
		sqlite3_bind_text(s->st, 1, kind, -1, SQLITE_STATIC);
	s->has = 1;
	s->id = INT64_MIN;
	return 0;
}

/* Moves to the first row at or after person id; 1 when it is id's. */
static int
side_seek(struct side *s, int64_t id, int *rc)
{
	while (s->st != NULL && s->has && s->id < id) {
		*rc = sqlite3_step(s->st);
		if (*rc != SQLITE_ROW) {
			s->has = 0;
			break;
		}
		s->id = sqlite3_column_int64(s->st, 0);
	}
	return s->st != NULL && s->has && s->id == id;
}

static const char *
side_text(struct side *s, int i)
{
	return sqlite3_column_type(s->st, i) == SQLITE_NULL ? NULL :
	    (const char *)sqlite3_column_text(s->st, i);
}

static const char *const scan_cols[PF_COUNT] = { "key", "insurer",
	"symbol", "number", "relation", "member_key", "name", "kana", "birth",
	"sex", "address", "municipality", "resident", "employer", "acquired",
	"lost", "edaban", "extra" };

struct scan {
	sqlite3_stmt *persons;
	struct side numbers, branches, state;
	unsigned int need;
};

/* The person's own columns: only those the file uses are fetched. */
static void
scan_person(struct scan *sc, struct regsrc *p)
{
	sqlite3_stmt *st = sc->persons;
	int i;

	memset(p, 0, sizeof *p);
	p->id = sqlite3_column_int64(st, 0);
	for (i = 0; i < PF_COUNT; i++) {
		if (!(sc->need & (1u << i))) {
			p->f[i] = "";
			continue;
		}
		p->f[i] = (const char *)sqlite3_column_text(st, i + 1);
		if (p->f[i] == NULL)
			p->f[i] = "";
		p->flen[i] = (size_t)sqlite3_column_bytes(st, i + 1);
	}
}

/* The other tables' parts of person p; rc reports a failed step. */
static void
scan_sides(struct scan *sc, struct regsrc *p, int *rc)
{
	if (side_seek(&sc->numbers, p->id, rc))
		p->number = side_text(&sc->numbers, 1);
	if (side_seek(&sc->branches, p->id, rc))
		p->branch = side_text(&sc->branches, 1);
	if (side_seek(&sc->state, p->id, rc)) {
		p->has_state = 1;
		p->state_action = sqlite3_column_int(sc->state.st, 1);
	}
}

static int
scan_open(sqlite3 *db, struct scan *sc, const struct regsrc_query *q,
    char **err)
{
	char cols[512] = "", *sql;
	size_t len = 0;
	int i, rc;

	memset(sc, 0, sizeof *sc);
	sc->need = q->need;
	for (i = 0; i < PF_COUNT; i++)
		len += (size_t)snprintf(cols + len, sizeof cols - len, ", %s",
		    (q->need & (1u << i)) ? scan_cols[i] : "NULL");
	sql = xasprintf("SELECT id%s FROM persons ORDER BY id", cols);
	rc = db_prepare(db, sql, &sc->persons, err);
	free(sql);
	if (rc < 0)
		return -1;
	if (q->numbers != REGSRC_NO_NUMBER && side_open(db, &sc->numbers,
	    "SELECT person_id, number FROM numbers WHERE state = "
	    "'confirmed' ORDER BY person_id", NULL, err) < 0)
		return -1;
	if (side_open(db, &sc->branches, "SELECT person_id, branch FROM "
	    "branches ORDER BY person_id", NULL, err) < 0)
		return -1;
	return side_open(db, &sc->state, "SELECT person_id, action FROM "
	    "reg_state WHERE kind = ? ORDER BY person_id", q->kind, err);
}

static void
scan_close(struct scan *sc)
{
	sqlite3_finalize(sc->persons);
	sqlite3_finalize(sc->numbers.st);
	sqlite3_finalize(sc->branches.st);
	sqlite3_finalize(sc->state.st);
}

int
regscan_full(struct vault *v, const struct regsrc_query *q, regsrc_fn fn,
    void *arg, char **err)
{
	sqlite3 *db = v->db;
	struct scan sc;
	struct regsrc p;
	int rc = SQLITE_ROW, side_rc = SQLITE_ROW, stop = 0;

	if (scan_open(db, &sc, q, err) < 0) {
		scan_close(&sc);
		return -1;
	}
	while (!stop && (rc = sqlite3_step(sc.persons)) == SQLITE_ROW) {
		scan_person(&sc, &p);
		scan_sides(&sc, &p, &side_rc);
		if (side_rc != SQLITE_ROW && side_rc != SQLITE_DONE)
			break;
		stop = fn(&p, arg);
	}
	scan_close(&sc);
	if (stop < 0)
		return -1;
	if (side_rc != SQLITE_ROW && side_rc != SQLITE_DONE)
		return db_fail(db, err, _("reading persons"));
	return (stop || rc == SQLITE_DONE) ? 0 : db_fail(db, err,
	    _("reading persons"));
}
