/* Unit tests for the upload transport's pieces that need no server: the
 * reply parser and the refusals made before anything is sent. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "net/upload.h"

static int
value(const char *body, const char *key, char *val, size_t n)
{
	return upload_reply_value(body, strlen(body), key, val, n);
}

static void
test_reply_found(void **state)
{
	char v[65];

	(void)state;
	assert_int_equal(value("id=F000001\n", "id", v, sizeof v), 0);
	assert_string_equal(v, "F000001");
	assert_int_equal(value("x=1\r\nstate=done\r\n", "state", v, sizeof v), 0);
	assert_string_equal(v, "done");
	/* The last line needs no newline. */
	assert_int_equal(value("a=b\nid=Z9", "id", v, sizeof v), 0);
	assert_string_equal(v, "Z9");
}

static void
test_reply_refused(void **state)
{
	char v[8];

	(void)state;
	assert_int_equal(value("", "id", v, sizeof v), -1);
	assert_int_equal(value("id=\n", "id", v, sizeof v), -1);
	assert_int_equal(value("idx=F1\n", "id", v, sizeof v), -1);
	assert_int_equal(value("xid=F1\n", "id", v, sizeof v), -1);
	assert_int_equal(value(" id=F1\n", "id", v, sizeof v), -1);
	assert_int_equal(value("id=F1 2\n", "id", v, sizeof v), -1);
	assert_int_equal(value("id=../etc\n", "id", v, sizeof v), -1);
	/* Too long for the caller's buffer: refused, not cut. */
	assert_int_equal(value("id=ABCDEFGH\n", "id", v, sizeof v), -1);
	assert_int_equal(value("id=ABCDEFG\n", "id", v, sizeof v), 0);
}

static void
test_reply_not_nul_terminated(void **state)
{
	char body[] = { 'i', 'd', '=', 'A', 'B' }, v[8];

	(void)state;
	assert_int_equal(upload_reply_value(body, sizeof body, "id", v,
	    sizeof v), 0);
	assert_string_equal(v, "AB");
	assert_int_equal(upload_reply_value(body, 4, "id", v, sizeof v), 0);
	assert_string_equal(v, "A");
}

static void
test_bad_names_never_sent(void **state)
{
	static const char *bad[] = { "", ".hidden", "a b.csv", "../x.csv",
	    "a/b.csv", "名前.csv", "a?b" };
	struct upload_conf c;
	char id[65], *err = NULL, sha[65];
	int tries = 0;
	size_t i;

	(void)state;
	upload_conf_defaults(&c);
	/* Port 1 on loopback: were anything sent, the error would differ. */
	c.url = "https://127.0.0.1:1/v1";
	memset(sha, 'a', 64);
	sha[64] = '\0';
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(upload_put(&c, bad[i], (const unsigned char *)"x",
		    1, sha, id, &tries, &err), -1);
		assert_non_null(strstr(err, "may hold only"));
		assert_int_equal(tries, 0);
		free(err);
		err = NULL;
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reply_found),
		cmocka_unit_test(test_reply_refused),
		cmocka_unit_test(test_reply_not_nul_terminated),
		cmocka_unit_test(test_bad_names_never_sent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
