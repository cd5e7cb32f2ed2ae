/* Unit tests for the person search's input normalisation: kana in every
 * form a clerk types, spaces, full-width digits, and birth dates in the
 * Western and the Japanese calendar, malformed ones refused. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>

#include <cmocka.h>

#include "domain/searchnorm.h"

static void
check_text(const char *in, const char *want)
{
	char *got = searchnorm_text(in);

	assert_string_equal(got, want);
	free(got);
}

static void
test_text_empty(void **state)
{
	(void)state;
	check_text("", "");
	check_text("   ", "");
	check_text("\xe3\x80\x80", "");
}

static void
test_text_kana(void **state)
{
	(void)state;
	check_text("やまだ", "ヤマダ");
	check_text("ヤマダ", "ヤマダ");
	/* Half-width kana, voiced marks joined to the kana before them. */
	check_text("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ　タロウ");
	check_text("ﾊﾟｰﾄ", "パート");
	check_text("ｳﾞｨ", "ヴィ");
	/* A voiced mark after a kana that has no voiced form stays. */
	check_text("ｱﾞ", "ア\xef\xbe\x9e");
	check_text("ﾞ", "\xef\xbe\x9e");
	/* Combining marks (NFD input). */
	check_text("か\xe3\x82\x99", "ガ");
	check_text("は\xe3\x82\x9a", "パ");
}

static void
test_text_spaces(void **state)
{
	(void)state;
	check_text("やまだ たろう", "ヤマダ　タロウ");
	check_text(" やまだ\xe3\x80\x80 \tたろう ", "ヤマダ　タロウ");
	check_text("山田 太郎", "山田　太郎");
}

static void
test_text_fullwidth(void **state)
{
	(void)state;
	check_text("１２／３４５", "12/345");
	check_text("ＡＢＣ", "ABC");
	check_text("山田", "山田");
}

static void
test_text_invalid_bytes(void **state)
{
	(void)state;
	check_text("\xff" "a", "\xff" "a");
	check_text("\xe3\x82", "\xe3\x82");
	check_text("\xed\xa0\x80", "\xed\xa0\x80");	/* a surrogate */
	check_text("\xc0\xaf", "\xc0\xaf");		/* overlong '/' */
}

static void
check_date(const char *in, const char *want)
{
	char out[9] = "";

	assert_int_equal(searchnorm_date(in, out), 0);
	assert_string_equal(out, want);
}

static void
test_date_western(void **state)
{
	(void)state;
	check_date("1972-09-25", "19720925");
	check_date("19720925", "19720925");
	check_date("1972/9/25", "19720925");
	check_date("１９７２－０９－２５", "19720925");
	check_date("1972年9月25日", "19720925");
	check_date("2000-02-29", "20000229");
}

static void
test_date_era(void **state)
{
	(void)state;
	check_date("S47.9.25", "19720925");
	check_date("s47.9.25", "19720925");
	check_date("昭和47年9月25日", "19720925");
	check_date("昭和47年9月25", "19720925");
	check_date("Ｓ４７．９．２５", "19720925");
	check_date("H1.1.8", "19890108");
	check_date("平成元年1月8日", "19890108");
	check_date("R1.5.1", "20190501");
	check_date("T15.12.24", "19261224");
	check_date("S64.1.7", "19890107");
}

static void
test_date_malformed(void **state)
{
	char out[9];

	(void)state;
	assert_int_equal(searchnorm_date("", out), -1);
	assert_int_equal(searchnorm_date("ヤマダ", out), -1);
	assert_int_equal(searchnorm_date("1972-13-01", out), -1);
	assert_int_equal(searchnorm_date("1972-02-30", out), -1);
	assert_int_equal(searchnorm_date("1900-02-29", out), -1);
	assert_int_equal(searchnorm_date("19721301", out), -1);
	assert_int_equal(searchnorm_date("1972-09-25x", out), -1);
	assert_int_equal(searchnorm_date("1972-09", out), -1);
	assert_int_equal(searchnorm_date("72-09-25", out), -1);
	assert_int_equal(searchnorm_date("1972--09-25", out), -1);
	assert_int_equal(searchnorm_date("12/345", out), -1);
	assert_int_equal(searchnorm_date("S", out), -1);
	assert_int_equal(searchnorm_date("S47", out), -1);
	assert_int_equal(searchnorm_date("S0.1.1", out), -1);
	assert_int_equal(searchnorm_date("S47.0.1", out), -1);
	assert_int_equal(searchnorm_date("S65.1.1", out), -1);	/* no 昭和65年 */
	assert_int_equal(searchnorm_date("H31.5.1", out), -1);	/* 令和 by then */
	assert_int_equal(searchnorm_date("R1.4.30", out), -1);	/* still 平成 */
	assert_int_equal(searchnorm_date("X47.9.25", out), -1);
	assert_int_equal(searchnorm_date("S123.9.25", out), -1);
	assert_int_equal(searchnorm_date("1850-01-01", out), -1);
	assert_int_equal(searchnorm_date("\xff\xfe", out), -1);
	assert_int_equal(searchnorm_date("昭和47年9月25日日", out), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_empty),
		cmocka_unit_test(test_text_kana),
		cmocka_unit_test(test_text_spaces),
		cmocka_unit_test(test_text_fullwidth),
		cmocka_unit_test(test_text_invalid_bytes),
		cmocka_unit_test(test_date_western),
		cmocka_unit_test(test_date_era),
		cmocka_unit_test(test_date_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
