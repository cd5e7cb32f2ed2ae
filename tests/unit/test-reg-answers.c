/* Unit test of the packed accepted answers (store/reg-answers.c): a pack
 * gives back each record's branch number, says "not held" for the
 * records whose answer is a row, and refuses a damaged pack. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "store/reg-answers.h"

/* The answer of record i as text: the branch, "-" when not held, "!"
 * when damaged. */
static const char *
answer(const struct regans_pack *p, long long i, char *buf)
{
	const char *b = NULL;
	size_t len = 0;
	int rc = regans_find(p->buf, p->len, i, &b, &len);

	if (rc < 0)
		return "!";
	if (rc == 0)
		return "-";
	memcpy(buf, b, len);
	buf[len] = '\0';
	return buf;
}

static void
test_empty(void **st)
{
	const char *b;
	size_t len;

	(void)st;
	assert_int_equal(regans_find(NULL, 0, 0, &b, &len), 0);
	assert_int_equal(regans_find((const unsigned char *)"", 0, -1, &b,
	    &len), 0);
}

static void
test_first(void **st)
{
	(void)st;
	assert_int_equal(regans_first(1), 1);
	assert_int_equal(regans_first(REGANS_CHUNK), 1);
	assert_int_equal(regans_first(REGANS_CHUNK + 1), REGANS_CHUNK + 1);
	assert_int_equal(regans_first(3 * REGANS_CHUNK + 7),
	    3 * REGANS_CHUNK + 1);
}

static void
test_round_trip(void **st)
{
	struct regans_pack p;
	char buf[REGANS_BRANCH_MAX + 1], big[REGANS_BRANCH_MAX + 2];

	(void)st;
	memset(big, '9', sizeof big);
	regans_init(&p, 1);
	regans_add(&p, "01", 2);
	regans_add(&p, NULL, 0);		/* refused */
	regans_add(&p, "", 0);			/* accepted, no branch */
	regans_add(&p, big, REGANS_BRANCH_MAX);
	regans_add(&p, big, REGANS_BRANCH_MAX + 1);	/* too long: a row */
	regans_add(&p, "12345", 5);
	assert_int_equal(p.n, 6);
	assert_int_equal(p.packed, 4);
	assert_string_equal(answer(&p, 0, buf), "01");
	assert_string_equal(answer(&p, 1, buf), "-");
	assert_string_equal(answer(&p, 2, buf), "");
	assert_int_equal(strlen(answer(&p, 3, buf)), REGANS_BRANCH_MAX);
	assert_string_equal(answer(&p, 4, buf), "-");
	assert_string_equal(answer(&p, 5, buf), "12345");
	assert_string_equal(answer(&p, 6, buf), "-");	/* past the end */
	/* Cut inside the last branch number: damaged. */
	p.len -= 2;
	assert_string_equal(answer(&p, 5, buf), "!");
	assert_string_equal(answer(&p, 0, buf), "01");
	regans_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_first),
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
