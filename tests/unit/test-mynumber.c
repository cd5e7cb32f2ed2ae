/* Unit tests for the individual number rules: input, check digit, masking. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/mynumber.h"

#define MSG_CHECK "check digit does not match: re-read the number from the document"
#define MSG_SAME "the number is one digit repeated: re-read the number from the document"

static void
ok(const char *in, const char *want)
{
	char out[13], *err = NULL;

	memset(out, 'x', sizeof out);
	assert_int_equal(mynumber_normalize(in, out, &err), 0);
	assert_null(err);
	assert_string_equal(out, want);
}

static void
bad(const char *in, const char *want_err)
{
	char out[13], *err = NULL;

	memset(out, 'x', sizeof out);
	assert_int_equal(mynumber_normalize(in, out, &err), -1);
	assert_non_null(err);
	assert_string_equal(err, want_err);
	/* Nothing of a rejected number is left in the caller's buffer. */
	assert_string_equal(out, "");
	free(err);
}

/* Reference check digit written from the ordinance's own form, apart from
 * the code under test: P(n) is the n-th digit from the right of the first
 * 11, Q(n) = n + 1 for n <= 6 and n - 5 for n >= 7. Also returns r. */
static int
ref_check(const char *d, int *rem)
{
	int n, sum = 0, q;

	for (n = 1; n <= 11; n++) {
		q = n <= 6 ? n + 1 : n - 5;
		sum += (d[11 - n] - '0') * q;
	}
	*rem = sum % 11;
	return *rem <= 1 ? 0 : 11 - *rem;
}

/* Whether the first 11 digits are one digit repeated. */
static int
first11_same(const char *d)
{
	int i;

	for (i = 1; i < 11; i++)
		if (d[i] != d[0])
			return 0;
	return 1;
}

static void
test_null_and_empty(void **st)
{
	char out[13];

	(void)st;
	bad(NULL, "the number must have 12 digits; it has 0");
	bad("", "the number must have 12 digits; it has 0");
	bad("   ", "the number must have 12 digits; it has 0");
	/* err may be NULL when the caller only wants the verdict. */
	assert_int_equal(mynumber_normalize("", out, NULL), -1);
	assert_int_equal(mynumber_normalize("123456789018", out, NULL), 0);
}

/*
 * Worked by hand, weights 6,5,4,3,2,7,6,5,4,3,2 left to right:
 * 123456789018: 6+10+12+12+10+42+42+40+36+0+2 = 212, 212 mod 11 = 3, 11-3 = 8.
 * 621498320257: 36+10+4+12+18+56+18+10+0+6+10 = 180, 180 mod 11 = 4, 11-4 = 7.
 * 023456789013: 0+10+12+12+10+42+42+40+36+0+2 = 206, 206 mod 11 = 8, 11-8 = 3.
 * 000000000310: 3*3+1*2 = 11, r = 0, check 0.
 * 000000000370: 3*3+7*2 = 23, r = 1, check 0.
 * 000000000019: 1*2 = 2, r = 2, check 9.
 * 000000000051: 5*2 = 10, r = 10, check 1.
 */
static void
test_valid(void **st)
{
	(void)st;
	ok("123456789018", "123456789018");
	ok("621498320257", "621498320257");
	ok("023456789013", "023456789013");
	ok("000000000310", "000000000310");
	ok("000000000370", "000000000370");
	ok("000000000019", "000000000019");
	ok("000000000051", "000000000051");
}

static void
test_check_digit(void **st)
{
	(void)st;
	assert_int_equal(mynumber_check_digit("12345678901"), 8);
	assert_int_equal(mynumber_check_digit("62149832025"), 7);
	assert_int_equal(mynumber_check_digit("02345678901"), 3);
	assert_int_equal(mynumber_check_digit("00000000031"), 0);	/* r = 0 */
	assert_int_equal(mynumber_check_digit("00000000037"), 0);	/* r = 1 */
	assert_int_equal(mynumber_check_digit("00000000001"), 9);	/* r = 2 */
	assert_int_equal(mynumber_check_digit("00000000005"), 1);	/* r = 10 */
	assert_int_equal(mynumber_check_digit("1234567890a"), -1);
}

static void
test_each_wrong_check_digit(void **st)
{
	char num[13] = "123456789018";
	int d;

	(void)st;
	for (d = 0; d <= 9; d++) {
		num[11] = (char)('0' + d);
		if (d == 8)
			ok(num, "123456789018");
		else
			bad(num, MSG_CHECK);
	}
	/* DOMAIN.md's invalid examples. */
	bad("123456789010", MSG_CHECK);
	bad("123456789011", MSG_CHECK);
	bad("123456789012", MSG_CHECK);
}

static void
test_length(void **st)
{
	(void)st;
	bad("12345678901", "the number must have 12 digits; it has 11");
	bad("1234567890180", "the number must have 12 digits; it has 13");
	bad("1", "the number must have 12 digits; it has 1");
	bad("１２３４５６７８９０１", "the number must have 12 digits; it has 11");
	bad("1234 5678 9018 1234 5678 9018",
	    "the number must have 12 digits; it has 24");
}

static void
test_other_characters(void **st)
{
	(void)st;
	bad("12345678901a", "the number contains 'a' (U+0061): only digits, "
	    "spaces and hyphens are allowed");
	/* The letter O read for a zero. */
	bad("O23456789013", "the number contains 'O' (U+004F): only digits, "
	    "spaces and hyphens are allowed");
	bad("1234５678ｘ018", "the number contains 'ｘ' (U+FF58): only digits, "
	    "spaces and hyphens are allowed");
	bad("1234\t5678\t9018", "the number contains U+0009: only digits, "
	    "spaces and hyphens are allowed");
	bad("1234_5678_9018", "the number contains '_' (U+005F): only digits, "
	    "spaces and hyphens are allowed");
	bad("123456789018\n", "the number contains U+000A: only digits, "
	    "spaces and hyphens are allowed");
	bad("12345678\xff" "9018", "the number contains byte 0xFF: only "
	    "digits, spaces and hyphens are allowed");
	/* A full-width digit cut short is not a digit. */
	bad("12345678901\xef\xbc", "the number contains byte 0xEF: only "
	    "digits, spaces and hyphens are allowed");
	bad("一二三四五六七八九〇一八", "the number contains '一' (U+4E00): "
	    "only digits, spaces and hyphens are allowed");
	bad("1234567890é", "the number contains 'é' (U+00E9): only digits, "
	    "spaces and hyphens are allowed");
	bad("😀123456789018", "the number contains '😀' (U+1F600): only "
	    "digits, spaces and hyphens are allowed");
	bad("1234\xc2\x85" "56789018", "the number contains U+0085: only "
	    "digits, spaces and hyphens are allowed");
	/* Not UTF-8: an overlong form and an encoded surrogate. */
	bad("\xc0\x80" "123456789018", "the number contains byte 0xC0: only "
	    "digits, spaces and hyphens are allowed");
	bad("\xed\xa0\x80" "123456789018", "the number contains byte 0xED: "
	    "only digits, spaces and hyphens are allowed");
}

static void
test_fullwidth_digits(void **st)
{
	(void)st;
	ok("１２３４５６７８９０１８", "123456789018");
	ok("１２３４56789０１８", "123456789018");
	ok("０２３４５６７８９０１３", "023456789013");
}

static void
test_spaces(void **st)
{
	(void)st;
	ok("1234 5678 9018", "123456789018");
	ok("  123456789018  ", "123456789018");
	ok("1234　5678　9018", "123456789018");
	ok("　１２３４　５６７８　９０１８　", "123456789018");
	ok("1 2 3 4 5 6 7 8 9 0 1 8", "123456789018");
}

static void
test_hyphens(void **st)
{
	static const char *hyphens[] = {
		"-", "\xe2\x80\x90", "\xe2\x80\x91", "\xe2\x80\x92",
		"\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x80\x95",
		"\xe2\x88\x92", "\xef\xbc\x8d", "\xe3\x83\xbc",
	};
	char in[64];
	size_t i;

	(void)st;
	for (i = 0; i < sizeof hyphens / sizeof *hyphens; i++) {
		snprintf(in, sizeof in, "1234%s5678%s9018", hyphens[i],
		    hyphens[i]);
		ok(in, "123456789018");
		snprintf(in, sizeof in, "１２３４%s５６７８ %s ９０１８",
		    hyphens[i], hyphens[i]);
		ok(in, "123456789018");
	}
	ok("--1234--5678--9018--", "123456789018");
	/* Other dashes are not in the list. */
	bad("1234\xe3\x80\x9c" "5678" "9018", "the number contains '〜' "
	    "(U+301C): only digits, spaces and hyphens are allowed");
}

/*
 * Of the twelve-times-one-digit numbers only 000000000000 passes the formula
 * (d * 47 mod 11 gives the check digits 0,8,5,2,0,7,4,1,9,6 for d = 0..9).
 * The rule therefore looks at the first 11 digits: eleven equal digits
 * followed by their own check digit (111111111118 ...) are refused too.
 */
static void
test_same_digit(void **st)
{
	static const char *same[] = {
		"000000000000", "111111111118", "222222222225",
		"333333333332", "444444444440", "555555555557",
		"666666666664", "777777777771", "888888888889",
		"999999999996",
	};
	char num[13];
	size_t i;
	int d;

	(void)st;
	for (i = 0; i < sizeof same / sizeof *same; i++) {
		assert_int_equal(mynumber_check_digit(same[i]),
		    same[i][11] - '0');
		bad(same[i], MSG_SAME);
	}
	for (d = 0; d <= 9; d++) {
		memset(num, '0' + d, 12);
		num[12] = '\0';
		bad(num, MSG_SAME);
	}
	bad("0000 0000 0000", MSG_SAME);
	bad("００００００００００００", MSG_SAME);
	/* Ten equal digits are not the pattern: 47 + 2 = 49, r = 5, check 6. */
	ok("111111111126", "111111111126");
}

static void
test_mask(void **st)
{
	char out[MYNUMBER_MASK_SIZE + 8];

	(void)st;
	mynumber_mask("123456789018", out, sizeof out);
	assert_string_equal(out, "●●●● ●●●● 9018");
	assert_int_equal(strlen(out) + 1, MYNUMBER_MASK_SIZE);
	mynumber_mask("621498320257", out, MYNUMBER_MASK_SIZE);
	assert_string_equal(out, "●●●● ●●●● 0257");
	/* Too small: an empty string, never a cut mask. */
	memset(out, 'x', sizeof out);
	mynumber_mask("123456789018", out, MYNUMBER_MASK_SIZE - 1);
	assert_string_equal(out, "");
	mynumber_mask("123456789018", out, 1);
	assert_string_equal(out, "");
	mynumber_mask("123456789018", out, 0);
	assert_int_equal(out[0], '\0');
}

static void
test_generate_deterministic(void **st)
{
	uint64_t a = 42, b = 42, c = 43;
	char x[13], y[13], z[13];
	int i, differ = 0;

	(void)st;
	for (i = 0; i < 100; i++) {
		mynumber_generate(&a, x);
		mynumber_generate(&b, y);
		mynumber_generate(&c, z);
		assert_string_equal(x, y);
		if (strcmp(x, z) != 0)
			differ++;
	}
	assert_true(differ > 90);
}

/* 10,000 generated numbers are valid, agree with the reference formula and
 * are never one digit repeated. */
static void
test_generate_property(void **st)
{
	uint64_t seed = 20241126;
	char num[13], out[13];
	char *err = NULL;
	int i, rem;

	(void)st;
	for (i = 0; i < 10000; i++) {
		mynumber_generate(&seed, num);
		assert_int_equal(strlen(num), 12);
		assert_int_equal(ref_check(num, &rem), num[11] - '0');
		assert_int_equal(mynumber_normalize(num, out, &err), 0);
		assert_null(err);
		assert_string_equal(out, num);
	}
}

/*
 * Does changing one digit always break the check? Not quite. The weights
 * are 2..7, all below the prime 11, so changing one of the first 11 digits
 * by 1..9 always changes r. But r = 0 and r = 1 both give check digit 0,
 * so a change that moves r between 0 and 1 is not caught: 000000000310
 * (r = 0) and 000000000370 (r = 1) are both valid and differ in one digit.
 * A change of the check digit itself is always caught. The test asserts
 * exactly that, over every position and every replacement digit of 10,000
 * generated numbers, and that the blind spot really occurs.
 */
static void
test_single_digit_change(void **st)
{
	uint64_t seed = 7;
	char num[13], changed[13], out[13];
	int i, pos, d, r0, r1, want_ok, blind = 0;

	(void)st;
	for (i = 0; i < 10000; i++) {
		mynumber_generate(&seed, num);
		(void)ref_check(num, &r0);
		for (pos = 0; pos < 12; pos++) {
			for (d = 0; d <= 9; d++) {
				if (num[pos] == '0' + d)
					continue;
				memcpy(changed, num, sizeof changed);
				changed[pos] = (char)('0' + d);
				(void)ref_check(changed, &r1);
				want_ok = pos < 11 && r0 <= 1 && r1 <= 1 &&
				    !first11_same(changed);
				assert_int_equal(mynumber_normalize(changed,
				    out, NULL), want_ok ? 0 : -1);
				blind += want_ok;
			}
		}
	}
	assert_true(blind > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_and_empty),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_check_digit),
		cmocka_unit_test(test_each_wrong_check_digit),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_other_characters),
		cmocka_unit_test(test_fullwidth_digits),
		cmocka_unit_test(test_spaces),
		cmocka_unit_test(test_hyphens),
		cmocka_unit_test(test_same_digit),
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_generate_deterministic),
		cmocka_unit_test(test_generate_property),
		cmocka_unit_test(test_single_digit_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
