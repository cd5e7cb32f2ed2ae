/* Unit tests for the one table of settings (store/settings.c): an unset
 * setting reads as its default, limits are enforced both ways, and a name
 * the table does not know is refused. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/settings.h"
#include "store/vault-impl.h"

/* A bare vault_meta table is all the settings need. */
static int
setup(void **state)
{
	struct vault *v = calloc(1, sizeof *v);

	assert_non_null(v);
	assert_int_equal(sqlite3_open(":memory:", &v->db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(v->db,
	    "CREATE TABLE vault_meta (key TEXT "
	    "PRIMARY KEY, value TEXT NOT NULL)", NULL, NULL, NULL), SQLITE_OK);
	*state = v;
	return 0;
}

static int
teardown(void **state)
{
	struct vault *v = *state;

	sqlite3_close(v->db);
	free(v);
	return 0;
}

static void
store_text(sqlite3 *db, const char *key, const char *value)
{
	char *sql = sqlite3_mprintf("INSERT OR REPLACE INTO vault_meta VALUES "
	    "(%Q, %Q)", key, value);

	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
}

static long
get(struct vault *v, const char *name)
{
	char *err = NULL;
	long val = -12345;

	assert_int_equal(settings_get(v, name, &val, &err), 0);
	assert_null(err);
	return val;
}

static void
test_default_when_absent(void **state)
{
	static const struct { const char *name; long def; } t[] = {
		{ "idle-lock-minutes", 5 }, { "retention-days", 731 },
		{ "evidence-max-mb", 20 }, { "jlis-answer-days", 35 },
		{ "answer-overdue-days", 28 },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		assert_int_equal(get(*state, t[i].name), t[i].def);
}

/* Stored text and what it reads as: a value within the limits as itself;
 * one hand-edited out of range, or not a number, as the default. */
static void
test_stored_value_read(void **state)
{
	static const struct {
		const char *key, *text, *name;
		long want;
	} t[] = {
		{ "retention_days", "0", "retention-days", 0 },
		{ "idle_lock_minutes", "60", "idle-lock-minutes", 60 },
		{ "idle_lock_minutes", "240", "idle-lock-minutes", 5 },
		{ "retention_days", "-1", "retention-days", 731 },
		{ "jlis_answer_days", "35x", "jlis-answer-days", 35 },
		{ "answer_overdue_days", "", "answer-overdue-days", 28 },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		store_text(((struct vault *)*state)->db, t[i].key, t[i].text);
		assert_int_equal(get(*state, t[i].name), t[i].want);
	}
}

static void
test_limit_on_write(void **state)
{
	struct vault *vault = *state;
	const struct setting *st = settings_find("evidence-max-mb", NULL);
	char *err = NULL, *old = NULL;
	long v = 0;

	assert_non_null(st);
	assert_int_equal(settings_parse(st, "501", &v, &err), -1);
	assert_non_null(strstr(err, "from 1 to 500"));
	free(err);
	err = NULL;
	assert_int_equal(settings_parse(st, "0", &v, NULL), -1);
	assert_int_equal(settings_parse(st, "", &v, NULL), -1);
	assert_int_equal(settings_parse(st, "12 ", &v, NULL), -1);
	assert_int_equal(settings_put(vault, st, 501, NULL, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(get(vault, "evidence-max-mb"), 20);

	assert_int_equal(settings_parse(st, "500", &v, NULL), 0);
	assert_int_equal(settings_put(vault, st, v, &old, &err), 0);
	assert_null(old);
	assert_int_equal(get(vault, "evidence-max-mb"), 500);
	assert_int_equal(settings_put(vault, st, 7, &old, &err), 0);
	assert_string_equal(old, "500");
	free(old);
	assert_int_equal(get(vault, "evidence-max-mb"), 7);
}

static void
test_unknown_refused(void **state)
{
	struct vault *vault = *state;
	char *err = NULL;
	long v = 99;

	assert_null(settings_find("idle-lock", &err));
	assert_non_null(strstr(err, "idle-lock"));
	free(err);
	err = NULL;
	/* The vault key is not a name users type. */
	assert_null(settings_find("idle_lock_minutes", NULL));
	assert_null(settings_find(NULL, NULL));
	assert_int_equal(settings_get(vault, "number_hmac_key", &v, &err), -1);
	assert_non_null(err);
	assert_int_equal(v, 99);
	free(err);
}

static int
count_row(const struct setting *st, const char *stored, void *arg)
{
	(void)stored;
	assert_non_null(settings_find(st->name, NULL));
	assert_true(st->min <= st->def && st->def <= st->max);
	(*(int *)arg)++;
	return 0;
}

/* Every listed setting is found by its name and its default is in range. */
static void
test_each_consistent(void **state)
{
	int n = 0;

	assert_int_equal(settings_each(*state, count_row, &n), 0);
	assert_int_equal(n, 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_default_when_absent, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_stored_value_read, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_limit_on_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_refused, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_each_consistent, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
