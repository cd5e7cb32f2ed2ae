/* Unit tests for text measured in columns: text_fit gives exactly the
 * columns asked for, padding short text and cutting long text at a
 * character boundary with "…", Japanese two columns a character. */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/text.h"

static void
fit_is(const char *s, int width, const char *want)
{
	char *got = text_fit(s, width);

	assert_string_equal(got, want);
	assert_int_equal(text_width(got), width);
	free(got);
}

static int
utf8_locale(void)
{
	return setlocale(LC_ALL, "C.UTF-8") != NULL ||
	    setlocale(LC_ALL, "ja_JP.UTF-8") != NULL;
}

/* Without a UTF-8 locale the mark is "~": "…" would count three columns. */
static void
test_fit_c_locale(void **st)
{
	(void)st;
	setlocale(LC_ALL, "C");
	fit_is("", 2, "  ");
	fit_is("abcd", 3, "ab~");
}

/* The empty string and the boundaries: one column, exactly full, one over. */
static void
test_fit_ascii(void **st)
{
	(void)st;
	if (!utf8_locale())
		skip();
	fit_is("", 3, "   ");
	fit_is("abc", 1, "\xe2\x80\xa6");
	fit_is("abc", 3, "abc");
	fit_is("abcd", 3, "ab\xe2\x80\xa6");
	fit_is("ab", 4, "ab  ");
}

/* A wide character that does not fit before "…" is left out whole; the
 * column it leaves is padded. */
static void
test_fit_wide(void **st)
{
	(void)st;
	if (!utf8_locale())
		skip();
	/* チェックポイント署名: 10 characters, 20 columns. */
	fit_is("\xe3\x83\x81\xe3\x82\xa7\xe3\x83\x83\xe3\x82\xaf", 8,
	    "\xe3\x83\x81\xe3\x82\xa7\xe3\x83\x83\xe3\x82\xaf");
	fit_is("\xe3\x83\x81\xe3\x82\xa7\xe3\x83\x83\xe3\x82\xaf", 7,
	    "\xe3\x83\x81\xe3\x82\xa7\xe3\x83\x83\xe2\x80\xa6");
	fit_is("\xe3\x83\x81\xe3\x82\xa7\xe3\x83\x83\xe3\x82\xaf", 6,
	    "\xe3\x83\x81\xe3\x82\xa7\xe2\x80\xa6 ");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fit_c_locale),
		cmocka_unit_test(test_fit_ascii),
		cmocka_unit_test(test_fit_wide),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
