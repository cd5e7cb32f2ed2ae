/* The console's figures as home and the registration area take them
 * (tui_figures): counted off the key path, a count overtaken by a change
 * is not dropped, and home, which asks for them, is given the last count
 * marked as older while the next one runs. Before, each change dropped
 * the running count, so a vault changing faster than a count took kept
 * home at "counting" for good. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "ops/accounts.h"
#include "ops/figures.h"
#include "testutil.h"
#include "tui/screens.h"

/* Waits (up to ten seconds) until no count runs. */
static void
settle(struct tui *t)
{
	struct timespec ms = { 0, 1000000 };
	int i;

	for (i = 0; i < 10000 && tui_figures_counting(t); i++)
		nanosleep(&ms, NULL);
	assert_false(tui_figures_counting(t));
}

#define PW "Clerk-pass-2026-q"

/* A clerk added; from the second on, sato is the second person. */
static void
add_user(struct test_fixture *f, const char *name)
{
	struct witness *w = NULL;
	char *err = NULL;

	if (strcmp(name, "sato") != 0) {
		test_settle_password(f->vault, "sato", PW);
		w = test_witness(f->s, "sato", PW);
	}
	if (ops_user_add(f->s, name, "clerk", PW, w, &err) != 0)
		fail_msg("%s", err);
}

/* Figures for the vault as it stands, once counted. */
static const struct figures *
counted(struct tui *t)
{
	const struct figures *g;
	const char *err = NULL;
	int stale = -1;

	settle(t);
	g = tui_figures(t, &err, &stale);
	assert_null(err);
	assert_non_null(g);
	assert_int_equal(stale, 0);
	return g;
}

static void
test_first_count(void **st)
{
	struct test_fixture *f = *st;
	struct tui t = { .s = f->s };
	const char *err = NULL;
	int stale = -1;

	/* Nothing counted yet: nothing to show, old or new. */
	assert_null(tui_figures(&t, &err, &stale));
	assert_null(err);
	assert_int_equal(stale, 0);
	assert_int_equal(counted(&t)->users_active, 1);
	tui_figures_stop(&t);
}

static void
test_change_gives_older_figures_marked(void **st)
{
	struct test_fixture *f = *st;
	struct tui t = { .s = f->s };
	const struct figures *g;
	const char *err = NULL;
	int stale = -1;

	(void)tui_figures(&t, &err, &stale);
	assert_int_equal(counted(&t)->users_active, 1);
	add_user(f, "sato");
	/* Home is given the last count, marked; a new count runs. */
	g = tui_figures(&t, &err, &stale);
	assert_non_null(g);
	assert_int_equal(stale, 1);
	assert_int_equal(g->users_active, 1);
	/* The registration area does not take older figures. */
	assert_null(tui_figures(&t, &err, NULL));
	assert_null(err);
	assert_int_equal(counted(&t)->users_active, 2);
	tui_figures_stop(&t);
}

/* Changes while counts run (each one may overtake the count running):
 * once home has had figures it always has some, older ones marked, and
 * the figures come to count every change. */
static void
test_home_keeps_figures_through_changes(void **st)
{
	struct test_fixture *f = *st;
	static const char *const names[] = { "sato", "suzuki", "tanaka" };
	struct tui t = { .s = f->s };
	const struct figures *g;
	const char *err = NULL;
	int stale = -1;
	size_t i;

	(void)tui_figures(&t, &err, &stale);
	assert_int_equal(counted(&t)->users_active, 1);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		add_user(f, names[i]);
		g = tui_figures(&t, &err, &stale);
		assert_non_null(g);
		assert_null(err);
		assert_int_equal(stale, 1);
		assert_in_range(g->users_active, 1, (long long)i + 1);
	}
	assert_int_equal(counted(&t)->users_active, 4);
	tui_figures_stop(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_count, test_setup,
		    test_teardown),
		cmocka_unit_test_setup_teardown(
		    test_change_gives_older_figures_marked, test_setup,
		    test_teardown),
		cmocka_unit_test_setup_teardown(
		    test_home_keeps_figures_through_changes, test_setup,
		    test_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
