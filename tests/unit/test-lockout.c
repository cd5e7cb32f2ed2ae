/* Unit tests for the failed-login counter file. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/lockout.h"
#include "util/xmalloc.h"

static char dir[64];

static int
setup(void **st)
{
	(void)st;
	strcpy(dir, "/tmp/myna-lockout-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int
teardown(void **st)
{
	char *cmd = xasprintf("rm -rf %s", dir);

	(void)st;
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return 0;
}

static void
test_empty_dir_counts_zero(void **st)
{
	(void)st;
	assert_int_equal(lockout_count(dir, "nobody"), 0);
}

static void
test_count_and_reset(void **st)
{
	int i;

	(void)st;
	for (i = 1; i <= LOCKOUT_LIMIT; i++)
		assert_int_equal(lockout_record(dir, "sato", "failed"), i);
	assert_int_equal(lockout_count(dir, "sato"), LOCKOUT_LIMIT);
	assert_int_equal(lockout_count(dir, "yamada"), 0);
	/* A refused attempt is an event but not another failure. */
	assert_int_equal(lockout_record(dir, "sato", "refused"), LOCKOUT_LIMIT);
	lockout_reset(dir, "sato");
	assert_int_equal(lockout_count(dir, "sato"), 0);
}

static void
test_peek_and_drop(void **st)
{
	struct lockout_event *ev;
	int n;

	(void)st;
	lockout_record(dir, "a", "failed");
	lockout_record(dir, "b", "failed");
	lockout_peek(dir, &ev, &n);
	assert_int_equal(n, 2);
	assert_string_equal(ev[0].name, "a");
	assert_string_equal(ev[1].kind, "failed");
	free(ev);
	/* An event recorded after the peek survives the drop. */
	lockout_record(dir, "c", "failed");
	lockout_drop(dir, 2);
	lockout_peek(dir, &ev, &n);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].name, "c");
	free(ev);
	assert_int_equal(lockout_count(dir, "a"), 1);
}

static void
test_parse_garbage(void **st)
{
	struct lockout_state s;
	static const char *inputs[] = {
		"", "\n\n", "count\n", "count x\n", "count x -3\n", "count x 99999999\n",
		"event\n", "event a b\n", "zzz\x01\x02\n", "count a 2\ncount a 3",
		"event 2026 a failed\nevent 2026 b\n",
	};
	size_t i;

	(void)st;
	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		lockout_parse(inputs[i], &s);
		assert_true(s.ncounts <= 1);
		assert_true(s.nevents <= 1);
		lockout_state_free(&s);
	}
	lockout_parse("count a 2\ncount a 3\n", &s);
	assert_int_equal(s.ncounts, 1);
	assert_int_equal(s.counts[0].n, 3);
	lockout_state_free(&s);
}

static void
test_format_roundtrip(void **st)
{
	struct lockout_state s, back;
	char *text, *again;

	(void)st;
	lockout_parse("count a 2\ncount b 0\nevent 2026-01-01T00:00:00Z a failed\n", &s);
	text = lockout_format(&s);
	/* Zero counts are dropped; the rest survives a round trip. */
	assert_string_equal(text, "count a 2\nevent 2026-01-01T00:00:00Z a failed\n");
	lockout_parse(text, &back);
	again = lockout_format(&back);
	assert_string_equal(text, again);
	free(text);
	free(again);
	lockout_state_free(&s);
	lockout_state_free(&back);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_empty_dir_counts_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_count_and_reset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_peek_and_drop, setup, teardown),
		cmocka_unit_test(test_parse_garbage),
		cmocka_unit_test(test_format_roundtrip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
