/* Unit tests for the home screen's change stamp: it must move after any
 * write, this connection's or another's, and stay put while only reading,
 * since the console counts its figures again only when it moved. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>

#include <cmocka.h>

#include "ops/accounts.h"
#include "ops/dashboard.h"
#include "store/vault-impl.h"
#include "testutil.h"

struct fixture {
	char *tmp, *vault;
	struct session *a, *b;	/* two logins: two connections */
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	unsigned char rk[32];

	f->tmp = test_tmpdir();
	f->vault = test_vault(f->tmp, rk);
	f->a = test_login(f->vault, "admin", TEST_PW);
	f->b = test_login(f->vault, "admin", TEST_PW);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	ops_logout(f->a);
	ops_logout(f->b);
	test_rm_rf(f->tmp);
	free(f->vault);
	free(f->tmp);
	free(f);
	return 0;
}

static unsigned long long
stamp(struct session *s)
{
	unsigned long long v = 0;
	char *err = NULL;

	assert_int_equal(ops_dashboard_stamp(s, &v, &err), 0);
	return v;
}

/* One audited write, committed, on s's connection. */
static void
write_one(struct session *s)
{
	char *err = NULL;

	assert_int_equal(db_begin(s->v->db, &err), 0);
	assert_int_equal(ops_audit(s, "", "test.write", "", "", &err), 0);
	assert_int_equal(db_commit(s->v->db, &err), 0);
}

static void
test_reading_keeps_the_stamp(void **state)
{
	struct fixture *f = *state;
	struct dashboard d;
	unsigned long long s0 = stamp(f->a);
	char *err = NULL;

	assert_int_equal(ops_dashboard(f->a, &d, &err), 0);
	assert_int_equal(ops_dashboard(f->b, &d, &err), 0);
	assert_true(stamp(f->a) == s0);
	assert_true(stamp(f->a) == s0);
}

static void
test_own_write_moves_the_stamp(void **state)
{
	struct fixture *f = *state;
	unsigned long long s0 = stamp(f->a);

	write_one(f->a);
	assert_true(stamp(f->a) != s0);
}

static void
test_other_write_moves_the_stamp(void **state)
{
	struct fixture *f = *state;
	unsigned long long s0 = stamp(f->a);

	write_one(f->b);
	assert_true(stamp(f->a) != s0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reading_keeps_the_stamp,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_own_write_moves_the_stamp,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_write_moves_the_stamp,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
