/* Unit tests for errors: the first failure wins for every setter, and a
 * typed error's code and field are read back from its message, never from
 * another message that happens to reuse its address. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/err.h"
#include "util/xmalloc.h"

static void
test_first_failure_wins(void **st)
{
	char *err = NULL;

	(void)st;
	assert_int_equal(err_set(&err, "first %d", 1), -1);
	assert_int_equal(err_set(&err, "second"), -1);
	assert_int_equal(err_typed(&err, ERR_INPUT, ERR_FIELD_DOC, "third"), -1);
	err_keep(&err, xstrdup("fourth"));
	assert_string_equal(err, "first 1");
	assert_int_equal(err_replace(&err, "own words"), -1);
	assert_string_equal(err, "own words");
	free(err);
	assert_int_equal(err_set(NULL, "nowhere"), -1);
	err_keep(NULL, xstrdup("freed"));
}

static void
test_typed_read_back(void **st)
{
	char *err = NULL, *plain = NULL;

	(void)st;
	err_typed(&err, ERR_REFUSED, ERR_FIELD_WITNESS, "the %s", "witness");
	err_set(&plain, "plain");
	assert_int_equal(err_code_of(err), ERR_REFUSED);
	assert_int_equal(err_field_of(err), ERR_FIELD_WITNESS);
	assert_int_equal(err_code_of(plain), ERR_FAILED);
	assert_int_equal(err_field_of(plain), ERR_FIELD_NONE);
	assert_int_equal(err_code_of(NULL), ERR_NONE);
	assert_int_equal(err_field_of(NULL), ERR_FIELD_NONE);
	/* An equal text elsewhere is another message. */
	assert_int_equal(err_field_of("the witness"), ERR_FIELD_NONE);
	free(err);
	free(plain);
}

/* A caller that knows what a plain message is about marks it; a typed
 * cause keeps its own code (the first failure wins). */
static void
test_mark(void **st)
{
	char *plain = NULL, *typed = NULL, *none = NULL;

	(void)st;
	err_set(&plain, "cannot read %s", "x.csv");
	assert_int_equal(err_mark(&plain, ERR_INPUT, ERR_FIELD_SOURCE), -1);
	assert_int_equal(err_code_of(plain), ERR_INPUT);
	assert_int_equal(err_field_of(plain), ERR_FIELD_SOURCE);
	err_typed(&typed, ERR_REFUSED, ERR_FIELD_WITNESS, "refused");
	(void)err_mark(&typed, ERR_INPUT, ERR_FIELD_SOURCE);
	assert_int_equal(err_code_of(typed), ERR_REFUSED);
	assert_int_equal(err_field_of(typed), ERR_FIELD_WITNESS);
	(void)err_mark(&none, ERR_INPUT, ERR_FIELD_NONE);
	assert_null(none);
	(void)err_mark(NULL, ERR_INPUT, ERR_FIELD_NONE);
	free(plain);
	free(typed);
}

/* A freed message's address reused for another text is not typed. */
static void
test_reused_address(void **st)
{
	char *err = NULL, *again = NULL;

	(void)st;
	err_typed(&err, ERR_INPUT, ERR_FIELD_SOURCE, "abcdefgh");
	free(err);
	err_set(&again, "zyxwvuts");
	/* glibc hands the freed block back here; ASan's quarantine does not,
	 * and a skip would read as a failure in TAP ("not ok # SKIP"), so
	 * the check stands either way (it proves reuse only where glibc
	 * reuses the block). */
	assert_int_equal(err_field_of(again), ERR_FIELD_NONE);
	free(again);
}

/* Many typed messages later, the one just given is still known. */
static void
test_latest_known(void **st)
{
	char *e[40] = { NULL };
	int i;

	(void)st;
	for (i = 0; i < 40; i++)
		err_typed(&e[i], ERR_INPUT, ERR_FIELD_DOC, "message %d", i);
	assert_int_equal(err_field_of(e[39]), ERR_FIELD_DOC);
	for (i = 0; i < 40; i++)
		free(e[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_failure_wins),
		cmocka_unit_test(test_typed_read_back),
		cmocka_unit_test(test_mark),
		cmocka_unit_test(test_reused_address),
		cmocka_unit_test(test_latest_known),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
