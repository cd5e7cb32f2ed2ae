/* Unit test of the change marks a registration result moves: the one
 * statement pass (regstore_results_marks) leaves reg_dirty exactly as the
 * statements it replaced did (an UPDATE clearing the kind's marks, the
 * DELETE of empty rows, and for persons an INSERT marking new branches),
 * over every combination of a person's mark, branch and answers. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/db.h"
#include "store/registration.h"
#include "store/vault-impl.h"

/* The file answered is 1 (written in epoch 3; file 2 has no epoch, as
 * files from before migration 0009); the epoch now is 7. */
static const char schema[] =
	"CREATE TABLE reg_dirty (person_id INTEGER PRIMARY KEY, kinds INTEGER "
	"NOT NULL, epoch INTEGER NOT NULL);"
	"CREATE TABLE reg_epoch (one INTEGER PRIMARY KEY, epoch INTEGER NOT NULL);"
	"INSERT INTO reg_epoch VALUES (1, 7);"
	"CREATE TABLE reg_file_epochs (file_id INTEGER PRIMARY KEY, epoch "
	"INTEGER NOT NULL);"
	"INSERT INTO reg_file_epochs VALUES (1, 3);"
	"CREATE TABLE branches (person_id INTEGER PRIMARY KEY, branch TEXT NOT "
	"NULL, file_id INTEGER, assigned TEXT);"
	"CREATE TEMP TABLE reg_rx (seq INTEGER PRIMARY KEY, person_id INTEGER "
	"NOT NULL, rkey TEXT NOT NULL, action INTEGER NOT NULL, content_hash "
	"BLOB, status TEXT NOT NULL, branch TEXT, message TEXT);";

/* The statements before the one pass, as they were in reg-results.c. */
static const char old_clear[] =
	"UPDATE reg_dirty SET kinds = kinds & ~?3 WHERE kinds & ?3 != 0 AND "
	"epoch <= (SELECT epoch FROM reg_file_epochs WHERE file_id = ?1) AND "
	"person_id IN (SELECT person_id FROM temp.reg_rx WHERE status = "
	"'accepted')";
static const char old_branch[] =
	"INSERT OR REPLACE INTO reg_dirty (person_id, kinds, epoch) SELECT "
	"r.person_id, ?3 | coalesce((SELECT kinds FROM reg_dirty d WHERE "
	"d.person_id = r.person_id), 0), (SELECT epoch FROM reg_epoch) FROM "
	"temp.reg_rx r LEFT JOIN branches b ON b.person_id = r.person_id WHERE "
	"r.status = 'accepted' AND r.branch IS NOT NULL AND b.branch IS NOT "
	"r.branch";

/* A person's answers in the file: none, one, or two records. */
static const char *const answers[][2] = {
	{ NULL, NULL }, { "accepted:", NULL }, { "accepted:B1", NULL },
	{ "accepted:B2", NULL }, { "failed:B2", NULL }, { "sent:", NULL },
	{ "accepted:B1", "accepted:B2" }, { "accepted:B2", "accepted:" },
};
#define NANSWERS ((int)(sizeof answers / sizeof answers[0]))
/* A person's mark before: none, or kinds 0-3 made before the file (epoch
 * 1) or since (epoch 5). */
#define NMARKS 9
#define NPERSONS (NMARKS * 2 * NANSWERS)

static void
exec_ok(sqlite3 *db, const char *sql)
{
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

static void
run_bound(sqlite3 *db, const char *sql, long long file, int bit)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, file);
	sqlite3_bind_int(st, 3, bit);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

static void
add_answer(sqlite3 *db, int person, const char *a, int *seq)
{
	char sql[256];
	const char *colon = strchr(a, ':');

	snprintf(sql, sizeof sql, "INSERT INTO temp.reg_rx VALUES (%d, %d, "
	    "'K%d', 1, NULL, '%.*s', %s%s%s, NULL)", ++*seq, person, person,
	    (int)(colon - a), a, colon[1] ? "'" : "", colon[1] ? colon + 1 :
	    "NULL", colon[1] ? "'" : "");
	exec_ok(db, sql);
}

/* Every combination, one person each. */
static sqlite3 *
fixture(void)
{
	sqlite3 *db;
	char sql[256];
	int p, seq = 0;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	exec_ok(db, schema);
	for (p = 0; p < NPERSONS; p++) {
		int mark = p % NMARKS, branch = p / NMARKS % 2,
		    ans = p / (NMARKS * 2);

		if (mark > 0) {
			snprintf(sql, sizeof sql, "INSERT INTO reg_dirty VALUES (%d, "
			    "%d, %d)", p + 1, (mark - 1) % 4, mark <= 4 ? 1 : 5);
			exec_ok(db, sql);
		}
		if (branch) {
			snprintf(sql, sizeof sql, "INSERT INTO branches VALUES (%d, "
			    "'B1', 9, '')", p + 1);
			exec_ok(db, sql);
		}
		if (answers[ans][0] != NULL)
			add_answer(db, p + 1, answers[ans][0], &seq);
		if (answers[ans][1] != NULL)
			add_answer(db, p + 1, answers[ans][1], &seq);
	}
	return db;
}

static char *
dump(sqlite3 *db)
{
	sqlite3_stmt *st;
	char *out;

	/* " ID:KINDS@EPOCH" for each row, each with its space. */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT coalesce(group_concat("
	    "' ' || person_id || ':' || kinds || '@' || epoch, ''), '') FROM "
	    "(SELECT * FROM reg_dirty ORDER BY person_id)", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return out;
}

/* The marks after the old statements and after the one pass, for a
 * result of kind for file. */
static void
compare_some(const char *kind, long long file, const char *keep)
{
	sqlite3 *a = fixture(), *b = fixture();
	struct vault vb = { .db = b };
	char *before, *want, *got, *err = NULL;

	if (keep != NULL) {
		exec_ok(a, keep);
		exec_ok(b, keep);
	}
	before = dump(a);

	run_bound(a, old_clear, file, regstore_dirty_bit(kind));
	exec_ok(a, "DELETE FROM reg_dirty WHERE kinds = 0");
	if (strcmp(kind, "persons") == 0)
		run_bound(a, old_branch, file, regstore_dirty_bit("qualification"));
	assert_int_equal(regstore_results_marks(&vb, file, kind, &err), 0);
	assert_null(err);
	want = dump(a);
	got = dump(b);
	assert_string_equal(got, want);
	/* Not a comparison of two fixtures left alone. */
	assert_string_not_equal(want, before);
	free(before);
	free(want);
	free(got);
	sqlite3_close(a);
	sqlite3_close(b);
}

static void
compare(const char *kind, long long file)
{
	compare_some(kind, file, NULL);
}

static void
test_persons(void **st)
{
	(void)st;
	compare("persons", 1);
}

static void
test_qualification(void **st)
{
	(void)st;
	compare("qualification", 1);
}

/* A kind from an input file has no mark bit: only empty rows go. */
static void
test_input_kind(void **st)
{
	(void)st;
	compare("kogaku", 1);
}

/* A file without an epoch clears nothing; new branches still mark. */
static void
test_file_without_epoch(void **st)
{
	(void)st;
	compare("persons", 2);
}

/* A few persons spread wide: their marks are sought one by one instead
 * of read in one pass over their span; the result is the same. */
static void
test_sparse(void **st)
{
	(void)st;
	compare_some("persons", 1, "DELETE FROM temp.reg_rx WHERE person_id "
	    "NOT IN (21, 55, 140)");
	compare_some("persons", 2, "DELETE FROM temp.reg_rx WHERE person_id "
	    "NOT IN (21, 55, 140)");
}

/* Two cases by hand, so that the reference itself is held to the rules:
 * an accepted person marked before the file loses the mark; one without
 * a mark whose branch is new gets qualification's with the epoch now. */
static void
test_cases_by_hand(void **st)
{
	sqlite3 *db = fixture();
	struct vault v = { .db = db };
	char *err = NULL, *got;

	(void)st;
	/* Person 2 (kinds 0 at epoch 1, no answer): an empty row, gone.
	 * Person 19 (no mark, no branch, accepted without one): nothing.
	 * Person 21 (persons mark 1@1, accepted): cleared, gone. Person 25
	 * (persons mark 1@5, made since the file, accepted): kept. Person 55 (no mark, no branch, accepted B2): marked 2@7. */
	assert_int_equal(regstore_results_marks(&v, 1, "persons", &err), 0);
	got = dump(db);
	assert_null(strstr(got, " 2:"));
	assert_null(strstr(got, " 19:"));
	assert_null(strstr(got, " 21:"));
	assert_non_null(strstr(got, " 25:1@5"));
	assert_non_null(strstr(got, " 55:2@7"));
	free(got);
	sqlite3_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_persons),
		cmocka_unit_test(test_qualification),
		cmocka_unit_test(test_input_kind),
		cmocka_unit_test(test_file_without_epoch),
		cmocka_unit_test(test_sparse),
		cmocka_unit_test(test_cases_by_hand),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
