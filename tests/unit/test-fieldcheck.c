/* Unit tests for value checks: each type at and past its boundaries, byte
 * limits in UTF-8 and CP932, and the messages a clerk reads. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/fieldcheck.h"
#include "util/xmalloc.h"

/* Twenty-five kanji: 75 bytes in UTF-8, 50 in CP932. */
#define KANJI25 "山田太郎山田太郎山田太郎山田太郎山田太郎山田太郎山"
#define YOSHI "\xf0\xa0\xae\xb7"	/* 𠮷 U+20BB7, outside CP932 */

static struct layout_field
field(enum field_type type, int required, int max_chars, int max_bytes,
    const char *encoding)
{
	struct layout_field f;

	memset(&f, 0, sizeof f);
	f.name = (char *)"f";
	f.label = (char *)"LABEL";
	f.type = type;
	f.required = required;
	f.max_chars = max_chars;
	f.max_bytes = max_bytes;
	f.encoding = encoding;
	return f;
}

/* Checks value (len bytes) against f: accepted when want is NULL, else
 * refused with a message holding want. */
static void
check_n(const struct layout_field *f, const char *value, size_t len,
    const char *want)
{
	char *err = NULL;
	int ret = fieldcheck_value(f, value, len, &err);

	if (want == NULL) {
		if (ret != 0)
			fail_msg("'%s' refused: %s", value, err);
		assert_null(err);
		return;
	}
	if (ret != -1 || err == NULL || strstr(err, want) == NULL)
		fail_msg("'%s': got %d \"%s\", wanted \"%s\"", value, ret,
		    err != NULL ? err : "", want);
	/* Every message starts with the label the clerk knows. */
	assert_true(strncmp(err, "LABEL", 5) == 0);
	free(err);
}

static void
check(const struct layout_field *f, const char *value, const char *want)
{
	check_n(f, value, strlen(value), want);
}

static void
test_null_empty(void **st)
{
	struct layout_field opt = field(FIELD_SEX, 0, 0, 0, NULL);
	struct layout_field req = field(FIELD_TEXT, 1, 0, 0, NULL);
	char *err = NULL;

	(void)st;
	assert_int_equal(fieldcheck_value(NULL, "1", 1, &err), -1);
	assert_non_null(err);
	free(err);
	assert_int_equal(fieldcheck_value(&req, NULL, 0, NULL), -1);
	check_n(&opt, NULL, 0, NULL);
	check_n(&opt, NULL, 3, "has no value");
	check(&opt, "", NULL);
	check(&req, "", "LABEL is required");
	/* Blank is empty: ASCII and full-width spaces. */
	check(&req, "   ", "is required");
	check(&req, "\xe3\x80\x80", "is required");
	check(&opt, " \xe3\x80\x80 ", NULL);
	assert_int_equal(municipality_check(NULL), 0);
	assert_int_equal(municipality_check(""), 0);
	assert_int_equal(fieldcheck_kana(NULL), FIELDCHECK_KANA_OTHER);
	assert_int_equal(fieldcheck_kana(""), FIELDCHECK_KANA_OK);
}

static void
test_label_fallback(void **st)
{
	struct layout_field f = field(FIELD_TEXT, 1, 0, 0, NULL);
	char *err = NULL;

	(void)st;
	f.label = NULL;
	assert_int_equal(fieldcheck_value(&f, "", 0, &err), -1);
	assert_string_equal(err, "f is required");
	free(err);
	err = NULL;
	f.encoding = "EUC-JP";
	assert_int_equal(fieldcheck_value(&f, "a", 1, &err), -1);
	assert_non_null(strstr(err, "unknown encoding 'EUC-JP'"));
	free(err);
}

static void
test_max_chars(void **st)
{
	struct layout_field f = field(FIELD_TEXT, 1, 25, 0, NULL);
	struct layout_field one = field(FIELD_TEXT, 1, 1, 0, NULL);

	(void)st;
	check(&f, KANJI25, NULL);
	check(&f, KANJI25 "a", "LABEL is longer than 25 characters");
	check(&f, "aaaaaaaaaaaaaaaaaaaaaaaaa", NULL);
	check(&f, "aaaaaaaaaaaaaaaaaaaaaaaaaa", "longer than 25 characters");
	check(&one, YOSHI, NULL);
	check(&one, "ab", "longer than 1 characters");
}

static void
test_max_bytes_utf8(void **st)
{
	struct layout_field f = field(FIELD_TEXT, 1, 0, 75, "UTF-8");

	(void)st;
	check(&f, KANJI25, NULL);
	check(&f, KANJI25 "a", "LABEL is longer than 75 bytes");
	check(&f, YOSHI, NULL);
}

static void
test_max_bytes_cp932(void **st)
{
	struct layout_field f = field(FIELD_TEXT, 1, 0, 50, "CP932");
	struct layout_field ascii = field(FIELD_TEXT, 1, 0, 3, "CP932");
	struct layout_field kana = field(FIELD_KANA, 1, 0, 4, "CP932");
	struct layout_field nolimit = field(FIELD_TEXT, 1, 0, 0, "CP932");

	(void)st;
	/* A kanji is 2 bytes: 25 fit in 50, one ASCII letter more does not. */
	check(&f, KANJI25, NULL);
	check(&f, KANJI25 "a", "LABEL is longer than 50 bytes");
	check(&ascii, "abc", NULL);
	check(&ascii, "abcd", "longer than 3 bytes");
	check(&ascii, "a\xe5\xb1\xb1", NULL);
	check(&ascii, "ab\xe5\xb1\xb1", "longer than 3 bytes");
	check(&kana, "ヤマ", NULL);
	check(&kana, "ヤマダ", "longer than 4 bytes");
	/* Forms CP932 has a code for, although not the same code point. */
	check(&nolimit, "髙橋 〜 1−2", NULL);
}

static void
test_cp932_unencodable(void **st)
{
	struct layout_field cp = field(FIELD_TEXT, 1, 0, 0, "CP932");
	struct layout_field utf = field(FIELD_TEXT, 1, 0, 0, "UTF-8");
	char *err = NULL;

	(void)st;
	check(&cp, "田中" YOSHI "子", "LABEL contains " YOSHI
	    " which CP932 cannot encode");
	check(&utf, "田中" YOSHI "子", NULL);
	check(&cp, "\xf0\x9f\x98\x80", "which CP932 cannot encode");
	/* The message names the character, not the rest of the value. */
	assert_int_equal(fieldcheck_value(&cp, "ab" YOSHI "cd", 10, &err), -1);
	assert_null(strstr(err, "ab"));
	assert_null(strstr(err, "cd"));
	free(err);
}

static void
test_control(void **st)
{
	struct layout_field f = field(FIELD_TEXT, 0, 0, 0, NULL);

	(void)st;
	check(&f, "a\tb", "contains a control character (U+0009)");
	check(&f, "\x1b[2J", "contains a control character (U+001B)");
	check(&f, "a\x7f", "(U+007F)");
	check(&f, "a\xc2\x85", "(U+0085)");
	check(&f, "a\xe2\x80\xae" "b", "(U+202E)");
	check(&f, "a\xe2\x80\x8b" "b", "(U+200B)");
	check(&f, "\xef\xbb\xbf" "a", "(U+FEFF)");
	check_n(&f, "a\0b", 3, "contains a control character (U+0000)");
	check(&f, "a\r\n", "(U+000D)");
}

static void
test_utf8(void **st)
{
	struct layout_field f = field(FIELD_TEXT, 0, 0, 0, NULL);

	(void)st;
	check(&f, "\xff", "LABEL is not valid UTF-8");
	check(&f, "\xc0\xaf", "is not valid UTF-8");
	check(&f, "\xe0\x80\xaf", "is not valid UTF-8");
	check(&f, "\xed\xa0\x80", "is not valid UTF-8");
	check(&f, "\xf4\x90\x80\x80", "is not valid UTF-8");
	check(&f, "\xe3\x81", "is not valid UTF-8");
	check(&f, "\x8e\xf7\x96\xbc", "is not valid UTF-8");
	check(&f, "\xf4\x8f\xbf\xbf", NULL);
	check(&f, "\xc2\xa0", NULL);
	/* A cut inside a character is invalid even if the buffer goes on. */
	check_n(&f, "山", 2, "is not valid UTF-8");
}

static void
test_kana(void **st)
{
	struct layout_field f = field(FIELD_KANA, 1, 25, 75, NULL);

	(void)st;
	check(&f, "ヤマダ　タロウ", NULL);
	check(&f, "ヴァージニア・ウルフ", NULL);
	check(&f, "ァィゥェォッャュョヮヵヶ゠ヽヾヿ", NULL);
	check(&f, "ﾔﾏﾀﾞ ﾀﾛｳ", "LABEL: half-width kana: use full-width");
	check(&f, "ヤマダ｡", "half-width kana");
	check(&f, "ヤマダ ﾀﾛｳ", "use a full-width space");
	check(&f, "やまだ", "must be full-width katakana ('や' is not)");
	check(&f, "山田", "must be full-width katakana ('山' is not)");
	check(&f, "ヤマダ1", "('1' is not)");
	check(&f, "ヤマダ－", "must be full-width katakana");
	check(&f, "ヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤ", NULL);
	check(&f, "ヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤヤ",
	    "longer than 25 characters");

	assert_int_equal(fieldcheck_kana("ヤマダ　タロウ"), FIELDCHECK_KANA_OK);
	assert_int_equal(fieldcheck_kana("ー"), FIELDCHECK_KANA_OK);
	assert_int_equal(fieldcheck_kana("ﾔﾏﾀﾞ"), FIELDCHECK_KANA_HALF_WIDTH);
	assert_int_equal(fieldcheck_kana("\xef\xbd\xa1"), FIELDCHECK_KANA_HALF_WIDTH);
	assert_int_equal(fieldcheck_kana("\xef\xbe\x9f"), FIELDCHECK_KANA_HALF_WIDTH);
	assert_int_equal(fieldcheck_kana("\xef\xbd\xa0"), FIELDCHECK_KANA_OTHER);
	assert_int_equal(fieldcheck_kana("\xef\xbe\xa0"), FIELDCHECK_KANA_OTHER);
	assert_int_equal(fieldcheck_kana("\xe3\x82\x9f"), FIELDCHECK_KANA_OTHER);
	assert_int_equal(fieldcheck_kana("\xe3\x82\xa0"), FIELDCHECK_KANA_OK);
	assert_int_equal(fieldcheck_kana("\xe3\x83\xbf"), FIELDCHECK_KANA_OK);
	assert_int_equal(fieldcheck_kana("\xe3\x84\x80"), FIELDCHECK_KANA_OTHER);
	assert_int_equal(fieldcheck_kana("ヤマダ "), FIELDCHECK_KANA_OTHER);
	assert_int_equal(fieldcheck_kana("\xe3\x83"), FIELDCHECK_KANA_OTHER);
}

static void
test_digits(void **st)
{
	struct layout_field f = field(FIELD_DIGITS, 1, 4, 0, NULL);

	(void)st;
	check(&f, "0123", NULL);
	check(&f, "01234", "longer than 4 characters");
	check(&f, "12a", "LABEL must be digits 0-9 only");
	check(&f, "-1", "must be digits");
	check(&f, "１２", "must be digits");
}

static void
test_date(void **st)
{
	struct layout_field f = field(FIELD_DATE, 1, 0, 0, NULL);
	char *err = NULL;

	(void)st;
	check(&f, "20240229", NULL);
	check(&f, "20000229", NULL);
	check(&f, "19000101", NULL);
	check(&f, "20240430", NULL);
	check(&f, "20241231", NULL);
	check(&f, "20230229", "LABEL is not a day of the calendar");
	check(&f, "21000229", "is not a day of the calendar");
	check(&f, "20240431", "is not a day of the calendar");
	check(&f, "20240100", "is not a day of the calendar");
	check(&f, "20240132", "is not a day of the calendar");
	check(&f, "20241301", "LABEL is not a date (YYYYMMDD)");
	check(&f, "20240001", "is not a date (YYYYMMDD)");
	check(&f, "18991231", "is not a date (YYYYMMDD)");
	check(&f, "2024022", "is not a date (YYYYMMDD)");
	check(&f, "202402290", "is not a date (YYYYMMDD)");
	check(&f, "2024-02-29", "is not a date (YYYYMMDD)");
	check(&f, "2024022a", "is not a date (YYYYMMDD)");
	check(&f, "２０２４０２２９", "is not a date (YYYYMMDD)");
	/* The value itself stays out of the message. */
	assert_int_equal(fieldcheck_value(&f, "20230229", 8, &err), -1);
	assert_null(strstr(err, "20230229"));
	free(err);
}

static void
test_codes(void **st)
{
	struct layout_field sex = field(FIELD_SEX, 1, 0, 0, NULL);
	struct layout_field rel = field(FIELD_RELATION, 1, 0, 0, NULL);
	struct layout_field res = field(FIELD_RESIDENT, 0, 0, 0, NULL);

	(void)st;
	check(&sex, "1", NULL);
	check(&sex, "2", NULL);
	check(&sex, "3", NULL);
	check(&sex, "0", "LABEL must be 1, 2 or 3");
	check(&sex, "4", "must be 1, 2 or 3");
	check(&sex, "11", "must be 1, 2 or 3");
	check(&sex, "１", "must be 1, 2 or 3");
	check(&sex, "", "is required");
	check(&rel, "1", NULL);
	check(&rel, "2", NULL);
	check(&rel, "0", "LABEL must be 1 or 2");
	check(&rel, "3", "must be 1 or 2");
	check(&res, "2", NULL);
	check(&res, "3", "must be 1 or 2");
	check(&res, "", NULL);
}

static void
test_insurer(void **st)
{
	struct layout_field f = field(FIELD_INSURER, 1, 0, 0, NULL);

	(void)st;
	check(&f, "01130012", NULL);
	/* 国保組合 (6 digits), 健保 (8), and a 6-digit one as a layout pads it. */
	check(&f, "133033", NULL);
	check(&f, "33120015", NULL);
	check(&f, "00133033", NULL);
	check(&f, "  133033", NULL);
	check(&f, "12345670", "LABEL: the insurer number's check digit");
	check(&f, "12345678", "check digit");
	check(&f, "133034", "check digit");
	check(&f, "0113001", "LABEL must be 6 or 8 digits");
	check(&f, "011300123", "must be 6 or 8 digits");
	check(&f, "0113001a", "must be 6 or 8 digits");
	check(&f, "   33", "must be 6 or 8 digits");
	check(&f, " 1330 33", "must be 6 or 8 digits");
}

static void
test_municipality(void **st)
{
	static const char *const valid[] = { "131016", "011002", "131041",
	    "131130", "011011" };
	struct layout_field f = field(FIELD_MUNICIPALITY, 1, 0, 0, NULL);
	char code[7];
	size_t i;
	int pos, d;

	(void)st;
	for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		assert_int_equal(municipality_check(valid[i]), 1);
		check(&f, valid[i], NULL);
	}
	/* Every single-digit change of 131016 breaks the check digit. */
	for (pos = 0; pos < 6; pos++) {
		for (d = 0; d < 10; d++) {
			memcpy(code, "131016", 7);
			if (code[pos] == '0' + d)
				continue;
			code[pos] = (char)('0' + d);
			if (municipality_check(code) != 0)
				fail_msg("%s passed", code);
			check(&f, code, "LABEL: check digit does not match");
		}
	}
	assert_int_equal(municipality_check("13101"), 0);
	assert_int_equal(municipality_check("1310160"), 0);
	assert_int_equal(municipality_check("13101a"), 0);
	assert_int_equal(municipality_check("１３１０１６"), 0);
	check(&f, "13101", "LABEL must be 6 digits");
	check(&f, "1310160", "must be 6 digits");
	check(&f, "13-016", "must be 6 digits");
}

/* An optional blank value passes whatever the type, a required one never. */
static void
test_blank_every_type(void **st)
{
	enum field_type t;

	(void)st;
	for (t = FIELD_TEXT; t <= FIELD_MUNICIPALITY; t++) {
		struct layout_field opt = field(t, 0, 1, 1, "CP932");
		struct layout_field req = field(t, 1, 1, 1, "CP932");

		check(&opt, "", NULL);
		check(&opt, "  ", NULL);
		check(&req, "", "is required");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_empty),
		cmocka_unit_test(test_label_fallback),
		cmocka_unit_test(test_max_chars),
		cmocka_unit_test(test_max_bytes_utf8),
		cmocka_unit_test(test_max_bytes_cp932),
		cmocka_unit_test(test_cp932_unencodable),
		cmocka_unit_test(test_control),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_kana),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_insurer),
		cmocka_unit_test(test_municipality),
		cmocka_unit_test(test_blank_every_type),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
