/* Unit tests for the key folding the main loop does before any screen:
 * what an input method sends is the key the screens know. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <curses.h>

#include <cmocka.h>

#include "tui/keys.h"

static void
check_fold(wint_t in, int in_fkey, wint_t want, int want_fkey)
{
	wint_t ch = in;
	int fkey = in_fkey;

	keys_fold(&ch, &fkey);
	assert_int_equal(ch, want);
	assert_int_equal(fkey, want_fkey);
}

static void
test_fullwidth(void **state)
{
	(void)state;
	check_fold(0xff11, 0, '1', 0);		/* １ */
	check_fold(0xff18, 0, '8', 0);		/* ８ */
	check_fold(0xff51, 0, 'q', 0);		/* ｑ */
	check_fold(0xff59, 0, 'y', 0);		/* ｙ */
	check_fold(0xff01, 0, '!', 0);		/* first of the range */
	check_fold(0xff5e, 0, '~', 0);		/* last of the range */
	check_fold(0x3000, 0, ' ', 0);		/* ideographic space */
}

static void
test_enter(void **state)
{
	(void)state;
	check_fold('\r', 0, '\n', 0);
	check_fold('\n', 0, '\n', 0);
	check_fold(KEY_ENTER, 1, '\n', 0);
}

static void
test_left_alone(void **state)
{
	(void)state;
	check_fold('a', 0, 'a', 0);
	check_fold(0x1b, 0, 0x1b, 0);
	check_fold(0x5c71, 0, 0x5c71, 0);	/* 山 */
	check_fold(0xff00, 0, 0xff00, 0);	/* just outside the range */
	check_fold(0xff5f, 0, 0xff5f, 0);
	check_fold(0xff71, 0, 0xff71, 0);	/* half-width ｱ stays */
	check_fold(KEY_F(1), 1, KEY_F(1), 1);
	check_fold(KEY_DOWN, 1, KEY_DOWN, 1);
	/* A function-key code is not folded as if it were a character. */
	check_fold(0xff11, 1, 0xff11, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fullwidth),
		cmocka_unit_test(test_enter),
		cmocka_unit_test(test_left_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
