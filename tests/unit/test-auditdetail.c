/* Unit tests for typed audit details: each value masked by its kind. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/auditdetail.h"

static void
value_is(enum audit_kind kind, const char *in, const char *want)
{
	char *got = auditdetail_value(kind, in);

	assert_string_equal(got, want);
	free(got);
}

/* A courier's 12-digit tracking number is kept whole; the same digits in
 * any other kind are masked. */
static void
test_tracking_kept(void **state)
{
	(void)state;
	value_is(AUDIT_TRACKING, "123456789012", "123456789012");
	value_is(AUDIT_TRACKING, "1234-5678-9012", "1234-5678-9012");
	value_is(AUDIT_TRACKING, "AB12345678JP", "AB12345678JP");
	value_is(AUDIT_TEXT, "123456789012", "********9012");
	value_is(AUDIT_NAME, "123456789012", "********9012");
	value_is(AUDIT_PATH, "a/123456789012.csv", "a/********9012.csv");
	value_is(AUDIT_COUNT, "123456789012", "********9012");
}

/* Not the shape of its kind: masked as free text, so a kind cannot be
 * used to carry a number past the masker inside other text. */
static void
test_wrong_shape_masked(void **state)
{
	(void)state;
	value_is(AUDIT_TRACKING, "see 123456789012", "see ********9012");
	value_is(AUDIT_TRACKING, "１２３４５６７８９０１２",
	    "********９０１２");
	value_is(AUDIT_TRACKING, "", "");
	value_is(AUDIT_HASH, "123456789012", "********9012");
	value_is(AUDIT_HASH, "0123456789012345678901234567890123456789"
	    "012345678901234567890123",
	    "0123456789012345678901234567890123456789012345678901234567890123");
	value_is(AUDIT_HASH, "see 123456789012", "see ********9012");
}

static void
test_format(void **state)
{
	const struct audit_field f[] = {
		{ "date", AUDIT_COUNT, "2026-11-20" },
		{ "tracking", AUDIT_TRACKING, "123456789012" },
		{ "reason", AUDIT_TEXT, "number 1234 5678 9012 typed here" },
		{ "seal", AUDIT_TEXT, NULL },
	};
	const struct audit_field raw = { NULL, AUDIT_TEXT, "a=123456789012 b=c" };
	char *s;

	(void)state;
	s = auditdetail_format(f, 4);
	assert_string_equal(s, "date=2026-11-20 tracking=123456789012 "
	    "reason=number **** **** 9012 typed here seal=-");
	free(s);
	s = auditdetail_format(&raw, 1);
	assert_string_equal(s, "a=********9012 b=c");
	free(s);
	s = auditdetail_format(f, 0);
	assert_string_equal(s, "");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tracking_kept),
		cmocka_unit_test(test_wrong_shape_masked),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
