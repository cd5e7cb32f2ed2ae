/* Unit tests for line breaking by display width: Japanese glyphs take two
 * columns and are never split, a glyph wider than the line still moves
 * on (no endless loop), and bytes invalid in the locale count one each. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <locale.h>
#include <stdlib.h>

#include <cmocka.h>

#include "tui/wrap.h"

static int
setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") == NULL ? -1 : 0;
}

static void
test_ascii(void **state)
{
	(void)state;
	assert_int_equal(wrap_rows(6, "abcdef"), 1);
	assert_int_equal(wrap_rows(5, "abcdef"), 2);
	assert_int_equal(wrap_rows(3, "abcdef"), 2);
	assert_int_equal(wrap_rows(2, "abcdefg"), 4);
}

static void
test_empty_takes_one_line(void **state)
{
	(void)state;
	assert_int_equal(wrap_rows(10, ""), 1);
	assert_int_equal(wrap_rows(0, ""), 1);
}

static void
test_wide_glyphs(void **state)
{
	(void)state;
	/* 山田太郎: four glyphs of two columns. */
	assert_int_equal(wrap_rows(8, "山田太郎"), 1);
	assert_int_equal(wrap_rows(7, "山田太郎"), 2);
	assert_int_equal(wrap_rows(4, "山田太郎"), 2);
	/* Three columns hold one glyph, not one and a half. */
	assert_int_equal(wrap_rows(3, "山田太郎"), 4);
	/* "ab山": the glyph does not fit after "ab" in three columns. */
	assert_int_equal(wrap_rows(3, "ab山"), 2);
	assert_int_equal(wrap_rows(4, "ab山"), 1);
}

static void
test_glyph_wider_than_line(void **state)
{
	(void)state;
	assert_int_equal(wrap_rows(1, "山田"), 2);
	assert_int_equal(wrap_rows(0, "ab"), 2);
}

/* A line broken at a space: the space is the break, not the next line's
 * first column (the audit record's detail wrapped to " ファイル…"). */
static void
test_space_at_break(void **state)
{
	(void)state;
	assert_int_equal(wrap_rows(2, "ab cd"), 2);
	assert_int_equal(wrap_rows(3, "abc "), 1);
	/* Only the one space at the break goes. */
	assert_int_equal(wrap_rows(2, "ab  cd"), 3);
}

static void
test_invalid_bytes(void **state)
{
	(void)state;
	assert_int_equal(wrap_rows(1, "\xff\xfe"), 2);
	assert_int_equal(wrap_rows(4, "ab\xff"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_empty_takes_one_line),
		cmocka_unit_test(test_wide_glyphs),
		cmocka_unit_test(test_glyph_wider_than_line),
		cmocka_unit_test(test_space_at_break),
		cmocka_unit_test(test_invalid_bytes),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
