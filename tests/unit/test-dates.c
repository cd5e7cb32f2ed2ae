/* Unit tests for date checks. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>

#include <cmocka.h>

#include "domain/dates.h"

static void
check(const char *s, int want)
{
	char *err = NULL;

	assert_int_equal(date_check(s, &err), want);
	if (want < 0)
		assert_non_null(err);
	free(err);
}

static void test_null_empty(void **st) { (void)st; check(NULL, -1); check("", -1); }
static void test_valid(void **st) { (void)st; check("2026-11-26", 0); check("1900-01-01", 0); }
static void test_shape(void **st) { (void)st; check("2026/11/26", -1); check("2026-1-26", -1); check("20261126", -1); check("2026-11-2x", -1); }
static void test_month_range(void **st) { (void)st; check("2026-00-10", -1); check("2026-13-10", -1); }
static void test_day_range(void **st) { (void)st; check("2026-04-31", -1); check("2026-04-30", 0); check("2026-01-00", -1); }
static void test_leap_years(void **st)
{
	(void)st;
	check("2024-02-29", 0);
	check("2026-02-29", -1);
	check("2000-02-29", 0);
	check("2100-02-29", -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_empty),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_month_range),
		cmocka_unit_test(test_day_range),
		cmocka_unit_test(test_leap_years),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
