/* Unit tests for the shared list: the selection stays in view at every
 * size, keys move it within bounds, and the position line. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <curses.h>
#include <string.h>

#include <cmocka.h>

#include "tui/list.h"

static void
test_empty(void **state)
{
	struct list_view v = { 5, 3, 0 };
	char pos[32];

	(void)state;
	list_clamp(&v, 0, 10);
	assert_int_equal(v.sel, 0);
	assert_int_equal(v.scroll, 0);
	list_position(&v, 0, 0, 10, pos, sizeof pos);
	assert_string_equal(pos, "");
	assert_int_equal(list_key(&v, 0, 10, KEY_DOWN, 1), 1);
	assert_int_equal(v.sel, 0);
}

/* For every list length, view height and selection, the selection is
 * within the rows shown and the view does not run past the end. */
static void
test_selection_always_visible(void **state)
{
	int n, rows, sel;

	(void)state;
	for (n = 1; n < 40; n++)
		for (rows = 0; rows < 12; rows++)
			for (sel = -3; sel < n + 3; sel++) {
				struct list_view v = { sel, 7, 0 };
				int r = rows < 1 ? 1 : rows;

				list_clamp(&v, n, rows);
				assert_true(v.sel >= 0 && v.sel < n);
				assert_true(v.sel >= v.scroll && v.sel < v.scroll + r);
				assert_true(v.scroll >= 0);
				assert_true(v.scroll == 0 || v.scroll + r <= n);
			}
}

static void
test_keys(void **state)
{
	struct list_view v = { 0, 0, 0 };

	(void)state;
	assert_int_equal(list_key(&v, 100, 20, KEY_NPAGE, 1), 1);
	assert_int_equal(v.sel, 19);
	assert_int_equal(list_key(&v, 100, 20, KEY_END, 1), 1);
	assert_int_equal(v.sel, 99);
	assert_int_equal(v.scroll, 80);
	assert_int_equal(list_key(&v, 100, 20, KEY_DOWN, 1), 1);
	assert_int_equal(v.sel, 99);
	assert_int_equal(list_key(&v, 100, 20, KEY_HOME, 1), 1);
	assert_int_equal(v.sel, 0);
	assert_int_equal(v.scroll, 0);
	assert_int_equal(list_key(&v, 100, 20, KEY_UP, 1), 1);
	assert_int_equal(v.sel, 0);
	assert_int_equal(list_key(&v, 100, 20, 'j', 0), 0);
	assert_int_equal(list_key(&v, 100, 20, KEY_LEFT, 1), 0);
}

static void
test_position(void **state)
{
	struct list_view v = { 25, 20, 0 };
	char pos[32];

	(void)state;
	list_position(&v, 960, 0, 20, pos, sizeof pos);
	assert_string_equal(pos, "21\xe2\x80\x93" "40 / 960");
	list_position(&v, 200, 1, 20, pos, sizeof pos);
	assert_string_equal(pos, "21\xe2\x80\x93" "40 / 200+");
	v.scroll = 950;
	list_position(&v, 960, 0, 20, pos, sizeof pos);
	assert_string_equal(pos, "951\xe2\x80\x93" "960 / 960");
	list_position(&v, 5, 0, 20, pos, sizeof pos);
	assert_string_equal(pos, "");
	list_position(&v, 960, 0, 20, pos, 4);
	assert_int_equal(strlen(pos), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_selection_always_visible),
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_position),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
