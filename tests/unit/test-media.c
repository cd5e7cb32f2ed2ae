/* Unit tests for the rules of a medium's life: step order, the inquiry
 * file name rule, the password, the answer deadline. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/media.h"

static void
test_order(void **state)
{
	char *err = NULL;
	int a, b;

	(void)state;
	/* The one path through, step by step. */
	for (a = MSTEP_PACKED; a < MSTEP_DISPOSED; a++)
		assert_int_equal(media_step_allowed(a, a + 1, NULL), 0);
	/* No skipping, no going back, nothing twice. */
	assert_int_equal(media_step_allowed(MSTEP_PACKED, MSTEP_RECEIVED, &err), -1);
	assert_non_null(strstr(err, "must be shipped before"));
	free(err);
	err = NULL;
	assert_int_equal(media_step_allowed(MSTEP_SHIPPED, MSTEP_SHIPPED, &err), -1);
	assert_non_null(strstr(err, "already shipped"));
	free(err);
	err = NULL;
	/* Disposal: a spoiled packed medium yes, one away or unimported no. */
	assert_int_equal(media_step_allowed(MSTEP_PACKED, MSTEP_DISPOSED, NULL), 0);
	assert_int_equal(media_step_allowed(MSTEP_SHIPPED, MSTEP_DISPOSED, NULL), -1);
	assert_int_equal(media_step_allowed(MSTEP_RECEIVED, MSTEP_DISPOSED, NULL), -1);
	for (b = 0; b < MSTEP_COUNT; b++)
		assert_int_equal(media_step_allowed(MSTEP_DISPOSED, b, NULL), -1);
	assert_int_equal(media_step_parse(NULL), -1);
	assert_int_equal(media_step_parse("shipped"), MSTEP_SHIPPED);
	assert_int_equal(media_step_parse("nope"), -1);
}

static void
test_names(void **state)
{
	static const char *const bad[] = { "", "00133033N1Y.cs", "1234567XN1Y.csv",
		"87654321N1Y.csv", "00133033X1Y.csv", "00133033N0Y.csv",
		"00133033N01Y.csv", "00133033N1234567Y.csv", "00133033NY.csv",
		"00133033N1Z.csv", "00133033N1aY.csv" };
	char kind = 0;
	size_t i;

	(void)state;
	assert_int_equal(media_name_check(NULL, "00133033", NULL, NULL), -1);
	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		if (media_name_check(bad[i], "00133033", NULL, NULL) != -1)
			fail_msg("accepted '%s'", bad[i]);
	assert_int_equal(media_name_check("00133033N1Y.csv", "00133033", &kind,
	    NULL), 0);
	assert_int_equal(kind, 'N');
	assert_int_equal(media_name_check("00133033G999999Y.csv", "00133033", &kind,
	    NULL), 0);
	assert_int_equal(kind, 'G');
	assert_int_equal(media_name_check("00133033N1Y.csv", NULL, NULL, NULL), -1);
}

static void
test_password(void **state)
{
	char a[MEDIA_PW_LEN + 1], b[MEDIA_PW_LEN + 1];
	size_t i;

	(void)state;
	assert_int_equal(media_password_new(a), 0);
	assert_int_equal(media_password_new(b), 0);
	assert_int_equal(strlen(a), MEDIA_PW_LEN);
	assert_string_not_equal(a, b);
	for (i = 0; i < MEDIA_PW_LEN; i++) {
		if ((i + 1) % 5 == 0)
			assert_int_equal(a[i], '-');
		else
			assert_non_null(strchr("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", a[i]));
	}
}

static void
test_overdue(void **state)
{
	(void)state;
	assert_int_equal(media_days_between("2026-01-01", "2026-01-01"), 0);
	assert_int_equal(media_days_between("2024-02-28", "2024-03-01"), 2);
	assert_int_equal(media_days_between("2025-12-31", "2026-01-01"), 1);
	assert_int_equal(media_days_between("2026-01-01", "2025-01-01"), -365);
	assert_int_equal(media_overdue_days("shipped", "2026-01-01", "2026-01-29",
	    28), 0);
	assert_int_equal(media_overdue_days("shipped", "2026-01-01", "2026-01-30",
	    28), 1);
	assert_int_equal(media_overdue_days("received", "2026-01-01", "2026-06-30",
	    28), 0);
	assert_int_equal(media_overdue_days("shipped", "", "2026-06-30", 28), 0);
	assert_int_equal(media_overdue_days(NULL, NULL, "2026-06-30", 28), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_password),
		cmocka_unit_test(test_overdue),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
