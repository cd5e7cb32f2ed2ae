/* Unit tests for the insurer number: lengths, 検証番号, layout padding. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/account.h"
#include "domain/insurer.h"

static void
good(const char *code)
{
	char *err = NULL;

	if (insurer_check(code, &err) != 0)
		fail_msg("%s refused: %s", code, err);
	assert_null(err);
	/* The account rule used by init is the same rule. */
	if (account_insurer_check(code, &err) != 0)
		fail_msg("init refuses %s: %s", code, err);
}

static void
bad(const char *code, const char *want)
{
	char *err = NULL;

	assert_int_equal(insurer_check(code, &err), -1);
	assert_non_null(err);
	if (strstr(err, want) == NULL)
		fail_msg("%s: \"%s\", wanted \"%s\"", code ? code : "(null)", err, want);
	free(err);
	err = NULL;
	assert_int_equal(account_insurer_check(code, &err), -1);
	assert_non_null(err);
	free(err);
}

/* The vectors of the issue and of the 設定要領's worked examples. */
static void
test_vectors(void **st)
{
	(void)st;
	good("133033");		/* 国保組合: prefecture 13, 330, check 3 */
	good("33120015");	/* 法別 33 + 120015 */
	good("01130012");
	good("00133033");	/* 133033 zero-padded keeps its check digit */
	bad("12345670", "check digit");
	bad("12345678", "check digit");	/* the README's old example */
	bad("133030", "check digit");
	bad("33120010", "check digit");
	assert_int_equal(insurer_check_digit("13303", 5), 3);
	assert_int_equal(insurer_check_digit("3312001", 7), 5);
	assert_int_equal(insurer_check_digit("1234567", 7), 4);
	/* A product of two digits counts as their sum: 9*2 = 18 -> 9. */
	assert_int_equal(insurer_check_digit("9", 1), 1);
	assert_int_equal(insurer_check_digit("", 0), 0);
	assert_int_equal(insurer_check_digit("12a", 3), -1);
}

/* Every wrong check digit of a valid number is refused. */
static void
test_each_wrong_digit(void **st)
{
	char code[9];
	int d;

	(void)st;
	for (d = 0; d <= 9; d++) {
		snprintf(code, sizeof code, "13303%d", d);
		if (d == 3)
			good(code);
		else
			bad(code, "check digit");
		snprintf(code, sizeof code, "3312001%d", d);
		if (d == 5)
			good(code);
		else
			bad(code, "check digit");
	}
}

static void
test_malformed(void **st)
{
	(void)st;
	bad(NULL, "6 digits");
	bad("", "6 digits");
	bad("13303", "6 digits");
	bad("1330333", "6 digits");
	bad("331200155", "6 digits");
	bad("13303a", "only digits");
	bad("a33033", "only digits");
	bad("1330 3", "only digits");
	bad(" 133033", "6 digits");
	bad("１３３０３３", "6 digits");	/* full-width: 18 bytes */
	bad("13303\xff", "only digits");
	assert_int_equal(insurer_check_n("133033xyz", 6, NULL), 0);
	assert_int_equal(insurer_check_n("133033", 5, NULL), -1);
}

static void
test_format(void **st)
{
	char out[INSURER_MAX + 1];

	(void)st;
	insurer_format("133033", 0, '0', out);
	assert_string_equal(out, "133033");
	insurer_format("133033", 8, '0', out);
	assert_string_equal(out, "00133033");
	assert_int_equal(insurer_check(out, NULL), 0);
	insurer_format("133033", 8, ' ', out);
	assert_string_equal(out, "  133033");
	insurer_format("33120015", 8, '0', out);
	assert_string_equal(out, "33120015");
	insurer_format("133033", 6, '0', out);
	assert_string_equal(out, "133033");
	/* Never wider than an insurer number, whatever the layout says. */
	insurer_format("133033", 20, '0', out);
	assert_string_equal(out, "00133033");
	insurer_format("123456789", 8, '0', out);
	assert_string_equal(out, "12345678");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_each_wrong_digit),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_format),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
