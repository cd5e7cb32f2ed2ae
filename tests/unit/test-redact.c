/* Unit tests for masking numbers in audit details and messages. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>

#include <cmocka.h>

#include "domain/redact.h"

static void
check(const char *in, const char *want)
{
	char *out = redact_numbers(in);

	assert_string_equal(out, want);
	free(out);
}

static void test_empty(void **st) { (void)st; check("", ""); }
static void test_no_digits(void **st) { (void)st; check("role=admin", "role=admin"); }
static void test_eleven_digits_kept(void **st) { (void)st; check("n=12345678901", "n=12345678901"); }
static void test_twelve_masked(void **st) { (void)st; check("n=123456789018 ok", "n=********9018 ok"); }
static void test_spaced(void **st) { (void)st; check("1234 5678 9018", "**** **** 9018"); }
static void test_hyphens(void **st) { (void)st; check("x 1234-5678-9018.", "x ****-****-9018."); }
static void test_fullwidth(void **st) { (void)st; check("番号１２３４５６７８９０１８です", "番号********９０１８です"); }
static void test_in_hex_kept(void **st)
{
	(void)st;
	check("head=a017ca45123456789012345fa7", "head=a017ca45123456789012345fa7");
}
static void test_glued_after_kept(void **st) { (void)st; check("123456789018abc", "123456789018abc"); }
static void test_long_run_masked(void **st) { (void)st; check("12345678901234", "**********1234"); }
static void test_two_numbers(void **st) { (void)st; check("a 123456789018, 210987654321", "a ********9018, ********4321"); }
static void test_date_kept(void **st) { (void)st; check("2026-11-26 12:00", "2026-11-26 12:00"); }
/* Found by fuzz-text: a run continued past a separator into a word. */
static void test_run_then_glued_word(void **st)
{
	(void)st;
	check("`06172172882345766 8u 80", "`*************5766 8u 80");
	check("1234 5678 9018 7x", "**** **** 9018 7x");
}
/* Seen in an insider review: each of these slipped past the masker. */
static void test_fullwidth_hyphens(void **st)
{
	(void)st;
	check("５３９５－０３８９－１１３８", "****－****－１１３８");
}
static void test_ideographic_space(void **st)
{
	(void)st;
	check("5395　0389　1138", "****　****　1138");
}
static void test_dots_slashes(void **st)
{
	(void)st;
	check("n 5395.0389.1138", "n ****.****.1138");
	check("n 5395/0389/1138", "n ****/****/1138");
	check("5395−0389ー1138", "****−****ー1138");
}
static void test_suffix_letter_masked(void **st)
{
	(void)st;
	check("539503891138X", "********1138X");
	check("539503891138x, ok", "********1138x, ok");
}
static void test_double_separator_splits(void **st) { (void)st; check("123456--789018", "123456--789018"); }

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_no_digits),
		cmocka_unit_test(test_eleven_digits_kept),
		cmocka_unit_test(test_twelve_masked),
		cmocka_unit_test(test_spaced),
		cmocka_unit_test(test_hyphens),
		cmocka_unit_test(test_fullwidth),
		cmocka_unit_test(test_in_hex_kept),
		cmocka_unit_test(test_glued_after_kept),
		cmocka_unit_test(test_long_run_masked),
		cmocka_unit_test(test_two_numbers),
		cmocka_unit_test(test_date_kept),
		cmocka_unit_test(test_double_separator_splits),
		cmocka_unit_test(test_run_then_glued_word),
		cmocka_unit_test(test_fullwidth_hyphens),
		cmocka_unit_test(test_ideographic_space),
		cmocka_unit_test(test_dots_slashes),
		cmocka_unit_test(test_suffix_letter_masked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
