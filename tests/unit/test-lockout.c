/* Unit tests for the failed-login counter file. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
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

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
test_delay_doubles_to_a_cap(void **st)
{
	(void)st;
	lockout_delay_ms = 250;
	assert_int_equal(lockout_delay_for(0), 0);
	assert_int_equal(lockout_delay_for(1), 250);
	assert_int_equal(lockout_delay_for(2), 500);
	assert_int_equal(lockout_delay_for(4), 2000);
	assert_int_equal(lockout_delay_for(100), LOCKOUT_DELAY_MAX_MS);
	assert_int_equal(lockout_delay_for(1000000), LOCKOUT_DELAY_MAX_MS);
}

/* Each attempt after a failure waits longer than the one before. */
static void
test_begin_waits_longer(void **st)
{
	long long t0, t1, t2, t3;

	(void)st;
	/* Lower bounds from the start only: each wait runs from the attempt
	 * before it, which was recorded after t0, so a loaded machine can only
	 * make the gaps longer. The first attempt waits for nothing. */
	lockout_delay_ms = 300;
	t0 = now_ms();
	assert_int_equal(lockout_begin(dir, "sato", NULL, 0), LOCKOUT_GO);
	t1 = now_ms();
	assert_int_equal(lockout_begin(dir, "sato", NULL, 0), LOCKOUT_GO);
	t2 = now_ms();
	assert_int_equal(lockout_begin(dir, "sato", NULL, 0), LOCKOUT_GO);
	t3 = now_ms();
	assert_true(t1 - t0 < 300);
	assert_true(t2 - t0 >= 300);
	assert_true(t3 - t0 >= 900);
	assert_int_equal(lockout_count(dir, "sato"), 3);
	lockout_delay_ms = 0;
}

static void
test_begin_locks_but_keeps_last_admin(void **st)
{
	char one[1][64] = { "boss" }, two[2][64] = { "boss", "deputy" };
	int i;

	(void)st;
	lockout_delay_ms = 0;
	for (i = 0; i < LOCKOUT_LIMIT; i++) {
		assert_int_equal(lockout_begin(dir, "sato", NULL, 0), LOCKOUT_GO);
		assert_int_equal(lockout_begin(dir, "boss", one, 1), LOCKOUT_GO);
	}
	assert_int_equal(lockout_begin(dir, "sato", NULL, 0), LOCKOUT_LOCKED);
	/* The only administrator goes on being tried (and delayed). */
	assert_int_equal(lockout_begin(dir, "boss", one, 1), LOCKOUT_GO);
	/* With another administrator who can still log in, boss is locked. */
	assert_int_equal(lockout_begin(dir, "boss", two, 2), LOCKOUT_LOCKED);
	for (i = 0; i < LOCKOUT_LIMIT; i++)
		assert_int_equal(lockout_begin(dir, "deputy", two, 2), LOCKOUT_GO);
	/* Both at the limit: neither is locked out by the counter. */
	assert_int_equal(lockout_begin(dir, "boss", two, 2), LOCKOUT_GO);
	assert_int_equal(lockout_begin(dir, "deputy", two, 2), LOCKOUT_GO);
}

static void
test_begin_unwritable_refuses(void **st)
{
	char *tmp = xasprintf("%s/vault.lockout.tmp", dir);

	(void)st;
	lockout_delay_ms = 0;
	assert_int_equal(mkdir(tmp, 0700), 0);
	assert_int_equal(lockout_begin(dir, "sato", NULL, 0), LOCKOUT_EWRITE);
	assert_int_equal(rmdir(tmp), 0);
	assert_int_equal(lockout_begin(dir, "sato", NULL, 0), LOCKOUT_GO);
	free(tmp);
}

/* Twelve processes at once: only the limit's worth are let through. */
static void
test_begin_parallel(void **st)
{
	int i, go = 0, status;

	(void)st;
	lockout_delay_ms = 0;
	for (i = 0; i < 12; i++) {
		pid_t pid = fork();

		assert_true(pid >= 0);
		if (pid == 0)
			_exit(lockout_begin(dir, "kato", NULL, 0) == LOCKOUT_GO ? 0 : 1);
	}
	for (i = 0; i < 12; i++) {
		assert_true(wait(&status) > 0);
		if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			go++;
	}
	assert_int_equal(go, LOCKOUT_LIMIT);
}

static void
test_fail_adds_event_not_count(void **st)
{
	struct lockout_event *ev;
	int n;

	(void)st;
	lockout_delay_ms = 0;
	assert_int_equal(lockout_begin(dir, "sato", NULL, 0), LOCKOUT_GO);
	lockout_fail(dir, "sato");
	assert_int_equal(lockout_count(dir, "sato"), 1);
	lockout_peek(dir, &ev, &n);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].kind, "failed");
	free(ev);
}

static void
test_parse_times(void **st)
{
	struct lockout_state s;
	char *text;

	(void)st;
	lockout_parse("count a 2 1700000000000\ncount b 1 -5\ncount c 1 x\n", &s);
	assert_int_equal(s.ncounts, 3);
	assert_true(s.counts[0].last_ms == 1700000000000LL);
	assert_true(s.counts[1].last_ms == 0);
	text = lockout_format(&s);
	assert_string_equal(text, "count a 2 1700000000000\ncount b 1\ncount c 1\n");
	free(text);
	lockout_state_free(&s);
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
		cmocka_unit_test(test_delay_doubles_to_a_cap),
		cmocka_unit_test_setup_teardown(test_begin_waits_longer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_begin_locks_but_keeps_last_admin,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_begin_unwritable_refuses, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_begin_parallel, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fail_adds_event_not_count, setup,
		    teardown),
		cmocka_unit_test(test_parse_times),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
