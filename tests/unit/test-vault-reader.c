/* The store's reader and transactions as ops reach them: a reader is a
 * vault of its own that store functions work on, refuses writes, and
 * closes without touching vault.keys; a snapshot reader exists only
 * inside the open vault's transaction. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/users.h"
#include "store/vault.h"
#include "testutil.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

static char *
keys_text(const struct test_fixture *f)
{
	char *path = xasprintf("%s/vault.keys", f->vault), *text = NULL;
	size_t len;

	assert_int_equal(readfile_all(path, 1 << 20, &text, &len, NULL), 0);
	free(path);
	return text;
}

static void
test_reader_reads_and_refuses_writes(void **st)
{
	struct test_fixture *f = *st;
	struct vault *r = NULL;
	long long here, there;
	char *err = NULL;

	assert_int_equal(vault_open_reader(f->s->v, &r, &err), 0);
	assert_non_null(r);
	assert_string_equal(vault_dir(r), vault_dir(f->s->v));
	assert_string_equal(vault_insurer(r), vault_insurer(f->s->v));
	assert_string_equal(vault_id(r), vault_id(f->s->v));
	assert_int_equal(users_count(f->s->v, &here, NULL), 0);
	assert_int_equal(users_count(r, &there, NULL), 0);
	assert_int_equal(there, here);
	assert_int_equal(users_set(r, "admin", "must_change", "1", &err), -1);
	assert_non_null(err);
	free(err);
	vault_close(r);
}

static void
test_reader_close_leaves_keys(void **st)
{
	struct test_fixture *f = *st;
	char *before = keys_text(f), *after;
	struct vault *r = vault_reader(f->s->v);

	assert_int_equal(vault_reader_connect(r, NULL), 0);
	vault_close(r);
	after = keys_text(f);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void
test_snapshot_only_in_a_transaction(void **st)
{
	struct test_fixture *f = *st;
	struct vault *r = (struct vault *)1;

	assert_false(vault_in_tx(f->s->v));
	assert_int_equal(vault_open_snapshot_reader(f->s->v, &r), -1);
	assert_null(r);
	assert_int_equal(vault_begin(f->s->v, NULL), 0);
	assert_true(vault_in_tx(f->s->v));
	assert_int_equal(vault_open_snapshot_reader(f->s->v, &r), 0);
	assert_int_equal(vault_read_begin(r, NULL), 0);
	assert_true(vault_in_tx(r));
	vault_rollback(r);
	vault_close(r);
	vault_rollback(f->s->v);
	assert_false(vault_in_tx(f->s->v));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_reader_reads_and_refuses_writes,
		    test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_reader_close_leaves_keys, test_setup,
		    test_teardown),
		cmocka_unit_test_setup_teardown(test_snapshot_only_in_a_transaction,
		    test_setup, test_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
