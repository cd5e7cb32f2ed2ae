/* Unit tests for what the value checks count on their way, so that rules
 * need not read a value again: half-width kana for the J-LIS rule (the
 * same answer as jlis_half_kana), the kana type's verdict (the same as
 * fieldcheck_kana), and the bytes in CP932. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/fieldcheck.h"
#include "domain/filecheck.h"
#include "domain/jlis.h"
#include "domain/layout.h"

/* Text, kana and near misses: the edges of U+FF61..U+FF9F and of the
 * katakana block, controls E2 and EF lead to, other leads, four bytes. */
static const char *const values[] = {
	"ﾀ", "タ", "aﾀb", "東京都ﾈﾘﾏ区", "｡", "ﾟ", "\xef\xbd\xa0", "\xef\xbe\xa0",
	"ｰ", "ー", "・", "゠", "ヿ", "　", "タケ　ウチ", "タケ ウチ", "ぁ", "ア",
	"ｱ", "髙﨑", "①", "𠮷", "é", "ß", "\xe0\xa4\x85", "abc", "１２３",
	"\xe2\x80\x8b", "\xef\xbb\xbf", "\xe2\x80\xa8", "\xc2\x85", "a\tb",
	"\xe3\x81", "\xed\xa0\x80", "\xe0\x80\xaf", "\xff", "ﾀ\xe3",
};
#define NVALUES (sizeof values / sizeof values[0])

static const char layout_text[] =
	"[layout]\nname = t\nversion = 1\nencoding = UTF-8\nheader = no\n"
	"line_ending = LF\n\n"
	"[field key]\ntype = text\nrequired = yes\nlabel = K\nrole = key\n\n"
	"[field note]\ntype = text\nlabel = N\nrole = note\n";

static const char *const roles[] = { "key", "note", NULL };
static int rule_rows;

/* For the row being checked the flag comes from the counts; it must say
 * what a scan of the value says. */
static void
rule_half(struct filecheck *fc, const struct csv_row *row)
{
	size_t n;
	const char *v = filecheck_value_n(fc, row, "note", &n);

	assert_int_equal(filecheck_half_kana(fc, row, "note"),
	    jlis_half_kana(v, n));
	assert_int_equal(filecheck_half_kana(fc, row, "nothing"), 0);
	rule_rows++;
}

static const struct filecheck_rules rules = { "t", "t.layout", "key", roles,
	rule_half };

static void
load(struct layout *l)
{
	char *err = NULL;

	if (layout_parse(layout_text, sizeof layout_text - 1, "t.layout", l,
	    &err) != 0)
		fail_msg("%s", err);
}

static void
test_half_kana_flag(void **state)
{
	struct layout l;
	struct filecheck *fc;
	char buf[128];
	size_t i;
	int n;

	(void)state;
	load(&l);
	rule_rows = 0;
	fc = filecheck_new(&l, &rules, "f.csv", NULL, NULL, NULL);
	assert_non_null(fc);
	for (i = 0; i < NVALUES; i++) {
		n = snprintf(buf, sizeof buf, "k%zu,%s\n", i, values[i]);
		assert_int_equal(filecheck_feed(fc, buf, (size_t)n), 0);
	}
	(void)filecheck_finish(fc);
	assert_true(rule_rows > 10);
	filecheck_free(fc);
	layout_free(&l);
}

/* A row the checker is not on (a rule called by hand) is scanned. */
static void
test_half_kana_other_row(void **state)
{
	struct layout l;
	struct filecheck *fc;
	char *fields[2] = { "k", "東京ﾈﾘﾏ" };
	size_t lens[2] = { 1, 0 };
	struct csv_row row = { 2, fields, lens, 1 };

	(void)state;
	lens[1] = strlen(fields[1]);
	load(&l);
	fc = filecheck_new(&l, &rules, "f.csv", NULL, NULL, NULL);
	assert_non_null(fc);
	assert_int_equal(filecheck_half_kana(fc, &row, "note"), 1);
	fields[1] = "東京";
	lens[1] = strlen(fields[1]);
	assert_int_equal(filecheck_half_kana(fc, &row, "note"), 0);
	filecheck_free(fc);
	layout_free(&l);
}

/* An independent count: -1 when the value is not valid UTF-8 or holds a
 * control, else the bytes in CP932 (one for ASCII and half-width kana). */
static long
ref_bytes(const char *s, size_t n)
{
	size_t i, len;
	unsigned int cp;
	long bytes = 0;

	for (i = 0; i < n; i += len) {
		if ((len = fieldcheck_utf8_next(s + i, n - i, &cp)) == 0 ||
		    fieldcheck_is_control(cp))
			return -1;
		bytes += cp < 0x80 || (cp >= 0xff61 && cp <= 0xff9f) ? 1 : 2;
	}
	return bytes;
}

/* The kana type, now judged from the counts, refuses what
 * fieldcheck_kana refuses and with the same reason as a value of that
 * kind; the counts agree with fieldcheck_value_cp932 and jlis_half_kana. */
static void
test_counts(void **state)
{
	struct layout_field kana = { 0 }, text = { 0 };
	struct fieldcheck_seen seen;
	char *e1 = NULL, *e2 = NULL;
	size_t i, n, bytes;
	int r1, r2;

	(void)state;
	kana.name = "kana";
	kana.label = "K";
	kana.type = FIELD_KANA;
	text.name = "text";
	text.label = "T";
	text.type = FIELD_TEXT;
	for (i = 0; i < NVALUES; i++) {
		n = strlen(values[i]);
		r1 = fieldcheck_value_seen(&text, values[i], n, &seen, &e1);
		r2 = fieldcheck_value_cp932(&text, values[i], n, &bytes, &e2);
		assert_int_equal(r1, r2);
		assert_int_equal(r1 == 0, ref_bytes(values[i], n) >= 0);
		if (r1 == 0) {
			assert_int_equal(seen.cp932_bytes, ref_bytes(values[i],
			    n));
			assert_int_equal(seen.cp932_bytes, bytes);
			assert_int_equal(seen.half_kana != 0,
			    jlis_half_kana(values[i], n));
		} else
			assert_string_equal(e1, e2);
		free(e1);
		free(e2);
		e1 = e2 = NULL;
		if (r1 != 0 || seen.cp932_bytes == 0)
			continue;
		r1 = fieldcheck_value(&kana, values[i], n, &e1);
		/* A blank value (U+3000 only) is empty, so not typed. */
		if (strcmp(values[i], "　") != 0)
			assert_int_equal(r1 == 0,
			    fieldcheck_kana(values[i]) == FIELDCHECK_KANA_OK);
		free(e1);
		e1 = NULL;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_half_kana_flag),
		cmocka_unit_test(test_half_kana_other_row),
		cmocka_unit_test(test_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
