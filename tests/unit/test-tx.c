/* Unit tests for the transaction runner: nothing of a failed action is left
 * (rows, audit record, published file), and a file is published only after
 * its audit record has committed. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "ops/tx.h"
#include "store/db.h"
#include "store/vault-impl.h"
#include "testutil.h"
#include "util/xmalloc.h"

/* What the test body does, and what the runner did with the hooks. */
struct probe {
	int fail;		/* body returns -1 after its writes */
	int audit;		/* body appends an audit record */
	int break_commit;	/* body leaves a deferred constraint failing */
	int nothing;		/* body returns OPS_TX_NOTHING */
	int published, discarded;
	long long seen_at_publish;	/* committed audit records then */
	int open_at_publish;	/* a transaction was still open then */
};

static long long
count(struct session *s, const char *sql)
{
	long long n = -1;

	assert_int_equal(db_get_int(s->v->db, sql, NULL, &n, NULL), 0);
	return n;
}

static long long
audits(struct session *s)
{
	return count(s, "SELECT count(*) FROM audit WHERE action = 'test.tx'");
}

static struct session *probe_session;

static int
probe_body(struct session *s, void *arg, char **err)
{
	struct probe *p = arg;

	if (db_exec(s->v->db, "INSERT INTO vault_meta (key, value) VALUES "
	    "('test-tx', '1')", err) < 0)
		return -1;
	if (p->audit && ops_audit(s, "", "test.tx", "x", "", err) < 0)
		return -1;
	/* A deferred foreign key broken now fails only at the COMMIT. */
	if (p->break_commit && db_exec(s->v->db, "CREATE TEMP TABLE tx_p (id INTEGER PRIMARY KEY);"
	    "CREATE TEMP TABLE tx_c (p INTEGER REFERENCES tx_p (id) DEFERRABLE "
	    "INITIALLY DEFERRED); INSERT INTO tx_c VALUES (7)", err) < 0)
		return -1;
	if (p->nothing)
		return OPS_TX_NOTHING;
	return p->fail ? err_set(err, "body failed") : 0;
}

static int
probe_publish(void *arg, char **err)
{
	struct probe *p = arg;

	(void)err;
	p->published++;
	p->open_at_publish = !sqlite3_get_autocommit(probe_session->v->db);
	p->seen_at_publish = audits(probe_session);
	return 0;
}

static void
probe_discard(void *arg)
{
	((struct probe *)arg)->discarded++;
}

static const struct ops_tx_def probe_def = {
	probe_body, probe_publish, probe_discard
};

static int
run(struct test_fixture *f, struct probe *p, char **err)
{
	probe_session = f->s;
	return ops_tx(f->s, &probe_def, p, err);
}

static void
assert_nothing_left(struct test_fixture *f)
{
	assert_int_equal(audits(f->s), 0);
	assert_int_equal(count(f->s, "SELECT count(*) FROM vault_meta WHERE "
	    "key = 'test-tx'"), 0);
	assert_true(sqlite3_get_autocommit(f->s->v->db));
}

/* A run that must fail: an error, nothing saved, discard run, no publish. */
static void
run_fails(struct test_fixture *f, struct probe *p)
{
	char *err = NULL;

	assert_int_equal(run(f, p, &err), -1);
	assert_non_null(err);
	assert_nothing_left(f);
	assert_int_equal(p->published, 0);
	assert_int_equal(p->discarded, 1);
	free(err);
}

static void
test_body_error_rolls_back(void **st)
{
	struct test_fixture *f = *st;
	struct probe p = { .fail = 1, .audit = 1 };
	char *err = NULL;

	assert_int_equal(run(f, &p, &err), -1);
	assert_string_equal(err, "body failed");
	assert_nothing_left(f);
	assert_int_equal(p.published, 0);
	assert_int_equal(p.discarded, 1);
	free(err);
}

static void
test_failed_commit_publishes_nothing(void **st)
{
	struct test_fixture *f = *st;
	struct probe p = { .audit = 1, .break_commit = 1 };

	run_fails(f, &p);
}

static void
test_publish_after_commit(void **st)
{
	struct test_fixture *f = *st;
	struct probe p = { .audit = 1 };
	char *err = NULL;

	assert_int_equal(run(f, &p, &err), 0);
	assert_null(err);
	assert_int_equal(p.published, 1);
	assert_int_equal(p.discarded, 0);
	/* The audit record was already committed when the file was named. */
	assert_false(p.open_at_publish);
	assert_int_equal(p.seen_at_publish, 1);
	assert_int_equal(audits(f->s), 1);
}

/* Nothing happens without evidence, by construction. */
static void
test_no_audit_record_saves_nothing(void **st)
{
	struct test_fixture *f = *st;
	struct probe p = { .audit = 0 };

	run_fails(f, &p);
}

static void
test_nothing_to_record(void **st)
{
	struct test_fixture *f = *st;
	struct probe p = { .audit = 1, .nothing = 1 };
	char *err = NULL;

	assert_int_equal(run(f, &p, &err), OPS_TX_NOTHING);
	assert_null(err);
	assert_nothing_left(f);
	assert_int_equal(p.published + p.discarded, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_body_error_rolls_back, test_setup,
		    test_teardown),
		cmocka_unit_test_setup_teardown(test_failed_commit_publishes_nothing,
		    test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_publish_after_commit, test_setup,
		    test_teardown),
		cmocka_unit_test_setup_teardown(test_no_audit_record_saves_nothing,
		    test_setup, test_teardown),
		cmocka_unit_test_setup_teardown(test_nothing_to_record, test_setup,
		    test_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
