/* Unit tests for the password policy. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>

#include <cmocka.h>

#include "domain/pwpolicy.h"

static void
check(const char *user, const char *pw, int want)
{
	char *err = NULL;
	int rc = pwpolicy_check(user, pw, &err);

	assert_int_equal(rc, want);
	if (want < 0)
		assert_non_null(err);
	else
		assert_null(err);
	free(err);
}

static void test_null_and_empty(void **st) { (void)st; check("u", NULL, -1); check("u", "", -1); }
static void test_too_short(void **st) { (void)st; check("u", "Ab1-xyz", -1); check("u", "Ab1-xyzab", -1); }
static void test_min_length_ok(void **st) { (void)st; check("u", "Ab1-xyzabc", 0); }
static void test_one_class(void **st) { (void)st; check("u", "abcdefghijkl", -1); }
static void test_two_classes(void **st) { (void)st; check("u", "abcdefgh1234", -1); }
static void test_three_classes(void **st) { (void)st; check("u", "abcdefgh123X", 0); check("u", "abcdefgh12-3", 0); }
static void test_contains_user(void **st) { (void)st; check("yamada", "xYAMADA-2026x", -1); check("yamada", "Tokyo-2026-x", 0); }
static void test_short_user_ignored(void **st) { (void)st; check("ab", "ab-Cdefgh12", 0); }
static void test_control_char(void **st) { (void)st; check("u", "Abcdefgh1\t2", -1); }
static void test_japanese_counts_as_symbol(void **st) { (void)st; check("u", "abcdefgh12山田", 0); }

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_too_short),
		cmocka_unit_test(test_min_length_ok),
		cmocka_unit_test(test_one_class),
		cmocka_unit_test(test_two_classes),
		cmocka_unit_test(test_three_classes),
		cmocka_unit_test(test_contains_user),
		cmocka_unit_test(test_short_user_ignored),
		cmocka_unit_test(test_control_char),
		cmocka_unit_test(test_japanese_counts_as_symbol),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
