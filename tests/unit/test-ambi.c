/* Unit tests for the ASCII stand-ins of ambiguous-width glyphs: the
 * console's own symbols map as documented, safe characters are left
 * alone, and no code point ever maps to anything but ASCII. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>

#include "tui/ambi.h"

static int
setup(void **state)
{
	(void)state;
	return setlocale(LC_ALL, "C.UTF-8") == NULL ? -1 : 0;
}

static void
test_safe_left_alone(void **state)
{
	(void)state;
	assert_null(ambi_ascii(L'a'));
	assert_null(ambi_ascii(L' '));
	assert_null(ambi_ascii(0x5c71));	/* 山: wide */
	assert_null(ambi_ascii(0x30a2));	/* ア */
	assert_null(ambi_ascii(0x3000));	/* ideographic space */
	assert_null(ambi_ascii(0xff21));	/* Ａ */
	assert_null(ambi_ascii(0xff71));	/* ｱ half-width */
	assert_null(ambi_ascii(0xff9e));	/* ﾞ */
}

static void
test_console_symbols(void **state)
{
	(void)state;
	assert_string_equal(ambi_ascii(0x25cf), "*");	/* ● */
	assert_string_equal(ambi_ascii(0x2500), "-");	/* ─ */
	assert_string_equal(ambi_ascii(0x2502), "|");	/* │ */
	assert_string_equal(ambi_ascii(0x250c), "+");	/* ┌ */
	assert_string_equal(ambi_ascii(0x2588), "#");	/* █ */
	assert_string_equal(ambi_ascii(0x2591), ".");	/* ░ */
	assert_string_equal(ambi_ascii(0x2190), "<");
	assert_string_equal(ambi_ascii(0x2192), ">");
	assert_string_equal(ambi_ascii(0x2191), "^");
	assert_string_equal(ambi_ascii(0x2193), "v");
	assert_string_equal(ambi_ascii(0x25cb), "o");	/* ○ */
	assert_string_equal(ambi_ascii(0x203b), "*");	/* ※ */
	assert_string_equal(ambi_ascii(0x25bc), "v");	/* ▼ */
	assert_string_equal(ambi_ascii(0x2026), "...");	/* … */
}

static void
test_unknown_narrow(void **state)
{
	(void)state;
	assert_string_equal(ambi_ascii(0x00e9), "?");	/* é */
	assert_string_equal(ambi_ascii(0x03b1), "?");	/* α: ambiguous */
	assert_string_equal(ambi_ascii(0x0301), "");	/* combining acute */
	assert_string_equal(ambi_ascii((wchar_t)-1), "?");
}

/* Every code point maps to nothing or to printable ASCII. */
static void
test_all_ascii(void **state)
{
	wchar_t c;

	(void)state;
	for (c = 0; c <= 0x10ffff; c++) {
		const char *a = ambi_ascii(c);
		size_t i;

		if (a == NULL)
			continue;
		for (i = 0; a[i] != '\0'; i++)
			assert_true(a[i] >= 0x20 && a[i] < 0x7f);
		assert_true(strlen(a) <= 3);
	}
}

static void
test_env(void **state)
{
	(void)state;
	unsetenv("MYNADESK_AMBIWIDTH");
	assert_int_equal(ambi_from_env(), 0);
	setenv("MYNADESK_AMBIWIDTH", "1", 1);
	assert_int_equal(ambi_from_env(), 0);
	setenv("MYNADESK_AMBIWIDTH", "", 1);
	assert_int_equal(ambi_from_env(), 0);
	setenv("MYNADESK_AMBIWIDTH", "2", 1);
	assert_int_equal(ambi_from_env(), 1);
	setenv("MYNADESK_AMBIWIDTH", "double", 1);
	assert_int_equal(ambi_from_env(), 1);
	unsetenv("MYNADESK_AMBIWIDTH");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_safe_left_alone),
		cmocka_unit_test(test_console_symbols),
		cmocka_unit_test(test_unknown_narrow),
		cmocka_unit_test(test_all_ascii),
		cmocka_unit_test(test_env),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
