/* Unit tests for the PIA threshold decision: every line of the guide's flow
 * chart (2.5.2) on both sides, the staff trigger at 499/500, incidents, the
 * next line, crossings and the yearly review date. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/pia.h"

/* Assesses and returns the level; staff/incident -1 where unknown. */
static enum pia_level
level(long long persons, long long staff, int incident)
{
	struct pia_facts f = { persons, staff, incident };
	struct pia_result r;
	char *err = NULL;

	if (pia_assess(&f, &r, &err) != 0)
		fail_msg("assess %lld: %s", persons, err);
	free(err);
	return r.level;
}

static void
test_negative_and_zero(void **st)
{
	struct pia_facts f = { -1, 0, 0 };
	struct pia_result r;
	char *err = NULL;

	(void)st;
	assert_int_equal(pia_assess(&f, &r, &err), -1);
	assert_non_null(err);
	free(err);
	assert_int_equal(level(0, -1, -1), PIA_NONE);
	assert_int_equal(pia_band(-5), 0);
}

/* Under 1,000 nothing is required, whatever the staff or incidents. */
static void
test_line_1000(void **st)
{
	(void)st;
	assert_int_equal(level(999, -1, -1), PIA_NONE);
	assert_int_equal(level(999, 900, 1), PIA_NONE);
	assert_int_equal(level(1000, -1, -1), PIA_BASIC);
	assert_int_equal(pia_band(999), 0);
	assert_int_equal(pia_band(1000), 1);
}

/* 1,000 to 9,999: basic, and the triggers do not matter. */
static void
test_basic_band_ignores_triggers(void **st)
{
	(void)st;
	assert_int_equal(level(9999, -1, -1), PIA_BASIC);
	assert_int_equal(level(9999, 10000, 1), PIA_BASIC);
	assert_false(pia_needs_triggers(9999));
	assert_false(pia_needs_triggers(999));
}

static void
test_line_10000(void **st)
{
	(void)st;
	assert_true(pia_needs_triggers(10000));
	assert_int_equal(pia_band(10000), 2);
	assert_int_equal(level(10000, 0, 0), PIA_BASIC);
	assert_int_equal(level(10000, 499, 0), PIA_BASIC);
	assert_int_equal(level(10000, 500, 0), PIA_BASIC_FOCUSED);
	assert_int_equal(level(10000, 3, 1), PIA_BASIC_FOCUSED);
	assert_int_equal(level(99999, 499, 0), PIA_BASIC);
	assert_int_equal(level(99999, 500, 1), PIA_BASIC_FOCUSED);
}

static void
test_line_100000(void **st)
{
	(void)st;
	assert_true(pia_needs_triggers(100000));
	assert_int_equal(pia_band(99999), 2);
	assert_int_equal(pia_band(100000), 3);
	assert_int_equal(level(100000, 499, 0), PIA_BASIC_FOCUSED);
	assert_int_equal(level(100000, 500, 0), PIA_BASIC_FULL);
	assert_int_equal(level(100000, 2, 1), PIA_BASIC_FULL);
	assert_int_equal(level(299999, 499, 0), PIA_BASIC_FOCUSED);
	assert_int_equal(level(299999, 0, 1), PIA_BASIC_FULL);
}

/* 300,000 and more: full, with or without triggers. */
static void
test_line_300000(void **st)
{
	(void)st;
	assert_true(pia_needs_triggers(299999));
	assert_false(pia_needs_triggers(300000));
	assert_int_equal(level(300000, -1, -1), PIA_BASIC_FULL);
	assert_int_equal(level(300000, 0, 0), PIA_BASIC_FULL);
	assert_int_equal(level(2000000, -1, -1), PIA_BASIC_FULL);
	assert_int_equal(pia_band(300000), 4);
}

/* Where the triggers decide, unknown ones are an error, not a guess. */
static void
test_unknown_triggers_refused(void **st)
{
	static const long long counts[] = { 10000, 50000, 99999, 100000, 299999 };
	size_t i;

	(void)st;
	for (i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		struct pia_facts a = { counts[i], -1, 0 }, b = { counts[i], 10, -1 },
		    c = { counts[i], 10, 2 };
		struct pia_result r;
		char *err = NULL;

		assert_int_equal(pia_assess(&a, &r, &err), -1);
		assert_non_null(err);
		free(err);
		err = NULL;
		assert_int_equal(pia_assess(&b, &r, NULL), -1);
		assert_int_equal(pia_assess(&c, &r, NULL), -1);
	}
}

static void
test_next_line(void **st)
{
	static const struct { long long persons, next, to_next; } cases[] = {
		{ 0, 1000, 1000 }, { 999, 1000, 1 }, { 1000, 10000, 9000 },
		{ 9999, 10000, 1 }, { 10000, 100000, 90000 },
		{ 99999, 100000, 1 }, { 100000, 300000, 200000 },
		{ 299999, 300000, 1 }, { 300000, 0, 0 }, { 1500000, 0, 0 },
	};
	size_t i;

	(void)st;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct pia_facts f = { cases[i].persons, 0, 0 };
		struct pia_result r;

		assert_int_equal(pia_assess(&f, &r, NULL), 0);
		assert_int_equal(r.next, cases[i].next);
		assert_int_equal(r.to_next, cases[i].to_next);
	}
}

static void
test_triggered_flag(void **st)
{
	struct pia_facts f = { 20000, 499, 0 };
	struct pia_result r;

	(void)st;
	assert_int_equal(pia_assess(&f, &r, NULL), 0);
	assert_false(r.triggered);
	assert_true(r.triggers_matter);
	f.staff = 500;
	assert_int_equal(pia_assess(&f, &r, NULL), 0);
	assert_true(r.triggered);
	f.persons = 5000;
	assert_int_equal(pia_assess(&f, &r, NULL), 0);
	assert_false(r.triggers_matter);
	assert_false(r.triggered);
}

static void
test_crossed(void **st)
{
	(void)st;
	assert_int_equal(pia_crossed(999, 999), 0);
	assert_int_equal(pia_crossed(999, 1000), 1000);
	assert_int_equal(pia_crossed(1000, 999), -1000);
	assert_int_equal(pia_crossed(9870, 10000), 10000);
	assert_int_equal(pia_crossed(10000, 99999), 0);
	assert_int_equal(pia_crossed(99999, 100000), 100000);
	assert_int_equal(pia_crossed(299999, 300000), 300000);
	assert_int_equal(pia_crossed(300000, 299999), -300000);
	/* Several lines at once: the one nearest to now. */
	assert_int_equal(pia_crossed(500, 150000), 100000);
	assert_int_equal(pia_crossed(400000, 5000), -10000);
}

static void
test_codes_and_labels(void **st)
{
	(void)st;
	assert_string_equal(pia_level_code(PIA_NONE), "none");
	assert_string_equal(pia_level_code(PIA_BASIC), "basic");
	assert_string_equal(pia_level_code(PIA_BASIC_FOCUSED), "basic+focused");
	assert_string_equal(pia_level_code(PIA_BASIC_FULL), "basic+full");
	assert_true(strlen(pia_level_label(PIA_BASIC_FULL)) > 0);
}

static void
check_due(const char *done, const char *want)
{
	char out[11], *err = NULL;

	if (want == NULL) {
		assert_int_equal(pia_review_due(done, out, &err), -1);
		assert_non_null(err);
		free(err);
		return;
	}
	assert_int_equal(pia_review_due(done, out, &err), 0);
	assert_string_equal(out, want);
}

static void
test_review_due(void **st)
{
	(void)st;
	check_due("2026-04-01", "2027-04-01");
	check_due("2026-12-31", "2027-12-31");
	check_due("2024-02-29", "2025-02-28");
	check_due("2023-02-28", "2024-02-28");
	check_due(NULL, NULL);
	check_due("", NULL);
	check_due("2026-02-30", NULL);
	check_due("2026/04/01", NULL);
	check_due("9999-01-01", NULL);
}

static void
test_yesno(void **st)
{
	(void)st;
	assert_int_equal(pia_parse_yesno("yes"), 1);
	assert_int_equal(pia_parse_yesno("Y"), 1);
	assert_int_equal(pia_parse_yesno("はい"), 1);
	assert_int_equal(pia_parse_yesno("no"), 0);
	assert_int_equal(pia_parse_yesno("n"), 0);
	assert_int_equal(pia_parse_yesno("いいえ"), 0);
	assert_int_equal(pia_parse_yesno(NULL), -1);
	assert_int_equal(pia_parse_yesno(""), -1);
	assert_int_equal(pia_parse_yesno("yess"), -1);
	assert_int_equal(pia_parse_yesno("1"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_negative_and_zero),
		cmocka_unit_test(test_line_1000),
		cmocka_unit_test(test_basic_band_ignores_triggers),
		cmocka_unit_test(test_line_10000),
		cmocka_unit_test(test_line_100000),
		cmocka_unit_test(test_line_300000),
		cmocka_unit_test(test_unknown_triggers_refused),
		cmocka_unit_test(test_next_line),
		cmocka_unit_test(test_triggered_flag),
		cmocka_unit_test(test_crossed),
		cmocka_unit_test(test_codes_and_labels),
		cmocka_unit_test(test_review_due),
		cmocka_unit_test(test_yesno),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
