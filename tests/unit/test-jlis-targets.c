/* The inquiry's target writer: batched rows under serials it gives itself,
 * which must be those AUTOINCREMENT would give (one more than any serial
 * ever used, never one used before), with every row written by the close. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include "store/db.h"
#include "store/jlis.h"
#include "store/vault-impl.h"
#include "testutil.h"

/* More than one batch and a part of one. */
#define NTARGETS 150

static long long
get_int(struct test_fixture *f, const char *sql)
{
	long long v = -1;

	assert_int_equal(db_get_int(f->s->v->db, sql, NULL, &v, NULL), 0);
	return v;
}

/* Opens a request of its own (kind N, seq) and its writer. */
static struct jlis_target_writer *
writer(struct test_fixture *f, long seq)
{
	struct jlis_target_writer *w = NULL;
	int64_t request;

	assert_int_equal(jlis_store_request_add(f->s->v, 'N', seq, "f.csv",
	    "admin", &request, NULL), 0);
	assert_int_equal(jlis_store_targets_open(f->s->v, request, &w, NULL),
	    0);
	return w;
}

static void
test_serials_and_rows(void **st)
{
	struct test_fixture *f = *st;
	struct jlis_target_writer *w;
	int64_t serial;
	int i;

	/* Persons are not the point here: no rows for them. */
	assert_int_equal(vault_bulk(f->s->v, 1, NULL), 0);
	assert_int_equal(vault_begin(f->s->v, NULL), 0);
	w = writer(f, 1);
	for (i = 1; i <= NTARGETS; i++) {
		assert_int_equal(jlis_store_targets_put(w, 1000 + i, 1 + i % 2,
		    &serial, NULL), 0);
		assert_int_equal(serial, i);
	}
	assert_int_equal(jlis_store_targets_close(w, 1, NULL), 0);
	assert_int_equal(get_int(f, "SELECT count(*) FROM jlis_targets WHERE "
	    "person_id = serial + 1000 AND attempt = 1 + serial % 2 AND state = "
	    "'sent'"), NTARGETS);
	assert_int_equal(get_int(f, "SELECT seq FROM sqlite_sequence WHERE "
	    "name = 'jlis_targets'"), NTARGETS);

	/* A writer closed after an error writes nothing. */
	w = writer(f, 2);
	assert_int_equal(jlis_store_targets_put(w, 1, 1, &serial, NULL), 0);
	assert_int_equal(serial, NTARGETS + 1);
	assert_int_equal(jlis_store_targets_close(w, 0, NULL), 0);
	assert_int_equal(get_int(f, "SELECT count(*) FROM jlis_targets"),
	    NTARGETS);

	/* Serials are never used again, even those of rows deleted. */
	assert_int_equal(db_exec(f->s->v->db, "DELETE FROM jlis_targets WHERE "
	    "serial > 100", NULL), 0);
	w = writer(f, 3);
	assert_int_equal(jlis_store_targets_put(w, 1, 1, &serial, NULL), 0);
	assert_int_equal(serial, NTARGETS + 1);
	assert_int_equal(jlis_store_targets_close(w, 1, NULL), 0);
	/* And AUTOINCREMENT goes on after them. */
	assert_int_equal(db_exec(f->s->v->db, "INSERT INTO jlis_targets "
	    "(request_id, person_id, attempt) VALUES (1, 1, 1)", NULL), 0);
	assert_int_equal(get_int(f, "SELECT max(serial) FROM jlis_targets"),
	    NTARGETS + 2);
	vault_rollback(f->s->v);
	assert_int_equal(vault_bulk(f->s->v, 0, NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_serials_and_rows, test_setup,
		    test_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
