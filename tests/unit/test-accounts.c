/* Unit tests for account administration: two persons, lockout, last admin. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ops/accounts.h"
#include "store/audit.h"
#include "store/keyfile.h"
#include "store/lockout.h"
#include "store/vault-impl.h"
#include "testutil.h"
#include "util/xmalloc.h"


/* sato, a second active user, as the second person on session s. */
static struct witness *
sato_ok(struct session *s)
{
	return test_witness(s, "sato", TEST_PW2);
}
/* With one active user, adding the second needs no checker. */
static void
add_sato(struct test_fixture *f)
{
	char *err = NULL;

	if (ops_user_add(f->s, "sato", "supervisor", TEST_PW2, NULL, &err) != 0)
		fail_msg("add sato: %s", err);
	test_settle_password(f->vault, "sato", TEST_PW2);
}

static char *
last_audit(struct session *s, const char *col)
{
	char *sql = xasprintf("SELECT %s FROM audit ORDER BY seq DESC LIMIT 1", col);
	char *v = db_get_text(s->v->db, sql, NULL);

	free(sql);
	return v;
}

static void
test_first_add_alone(void **st)
{
	struct test_fixture *f = *st;
	struct session *s2;
	char *action;

	add_sato(f);
	action = db_get_text(f->s->v->db, "SELECT actor2 FROM audit WHERE action = "
	    "'user.add' AND subject = ?", "sato");
	assert_string_equal(action, "");
	free(action);
	s2 = test_login(f->vault, "sato", TEST_PW2);
	assert_string_equal(s2->role, "supervisor");
	ops_logout(s2);
}

static void
test_second_add_needs_checker(void **st)
{
	struct test_fixture *f = *st;
	char *err = NULL, *actor2;

	add_sato(f);
	assert_int_equal(ops_user_add(f->s, "kato", "clerk", TEST_PW3, NULL, &err), -1);
	assert_non_null(strstr(err, "second person"));
	free(err);
	err = NULL;
	assert_int_equal(test_witness_check(f->s, "admin", TEST_PW, &err), -1);
	assert_non_null(strstr(err, "someone else"));
	/* The console puts the cursor on the name by this, not by the text. */
	assert_int_equal(err_field_of(err), ERR_FIELD_WITNESS);
	free(err);
	err = NULL;
	assert_int_equal(test_witness_check(f->s, "sato", "Nope-nope-123",
	    &err), -1);
	assert_non_null(strstr(err, "second person"));
	assert_int_equal(err_field_of(err), ERR_FIELD_NONE);
	free(err);
	err = NULL;
	assert_int_equal(ops_user_add(f->s, "kato", "clerk", TEST_PW3,
	    sato_ok(f->s), &err), 0);
	actor2 = last_audit(f->s, "actor2");
	assert_string_equal(actor2, "sato");
	free(actor2);
}

static void
test_only_admin_adds(void **st)
{
	struct test_fixture *f = *st;
	struct session *s2;
	char *err = NULL;

	add_sato(f);
	s2 = test_login(f->vault, "sato", TEST_PW2);
	assert_int_equal(ops_user_add(s2, "kato", "clerk", TEST_PW3,
	    test_witness(s2, "admin", TEST_PW), &err), -1);
	assert_non_null(strstr(err, "admin"));
	free(err);
	ops_logout(s2);
}

static void
test_add_validates(void **st)
{
	struct test_fixture *f = *st;
	char *err = NULL;

	assert_int_equal(ops_user_add(f->s, "sato", "boss", TEST_PW2, NULL, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_user_add(f->s, "sato", "clerk", "short", NULL, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_user_add(f->s, "1sato", "clerk", TEST_PW2, NULL, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_user_add(f->s, "sa to", "clerk", TEST_PW2, NULL, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_user_add(f->s, "admin", "clerk", TEST_PW2, NULL, &err), -1);
	assert_non_null(strstr(err, "already exists"));
	free(err);
}

static void
test_role_change_two_person(void **st)
{
	struct test_fixture *f = *st;
	char *err = NULL, *detail;

	add_sato(f);
	assert_int_equal(ops_user_role(f->s, "sato", "clerk", NULL, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_user_role(f->s, "sato", "clerk", sato_ok(f->s),
	    &err), 0);
	detail = last_audit(f->s, "detail");
	assert_string_equal(detail, "from=supervisor to=clerk");
	free(detail);
}

static void
test_last_admin_kept(void **st)
{
	struct test_fixture *f = *st;
	char *err = NULL;

	add_sato(f);
	assert_int_equal(ops_user_role(f->s, "admin", "clerk", sato_ok(f->s),
	    &err), -1);
	assert_non_null(strstr(err, "last active administrator"));
	free(err);
	err = NULL;
	assert_int_equal(ops_user_lock(f->s, "admin", &err), -1);
	free(err);
}

/* A third account, so that a second person remains when one is locked. */
static void
add_kato(struct test_fixture *f)
{
	char *err = NULL;

	if (ops_user_add(f->s, "kato", "clerk", TEST_PW3, sato_ok(f->s),
	    &err) != 0)
		fail_msg("add kato: %s", err);
	test_settle_password(f->vault, "kato", TEST_PW3);
}

static void
test_lock_removes_slot_and_unlock(void **st)
{
	struct test_fixture *f = *st;
	struct session *s2;
	char *err = NULL;

	add_sato(f);
	add_kato(f);
	assert_int_equal(ops_user_lock(f->s, "sato", &err), 0);
	assert_int_equal(ops_login(f->vault, "sato", TEST_PW2, &s2, &err), VAULT_EAUTH);
	free(err);
	err = NULL;
	assert_int_equal(ops_user_unlock(f->s, "sato", TEST_PW3,
	    test_witness(f->s, "kato", TEST_PW3), &err), 0);
	s2 = test_login(f->vault, "sato", TEST_PW3);
	assert_int_equal(s2->must_change, 1);
	ops_logout(s2);
}

/* The insider's way round the two-person rule: lock the other account,
 * then unlock it alone with a password of one's choosing. */
static void
test_admin_alone_cannot_unlock(void **st)
{
	struct test_fixture *f = *st;
	char *err = NULL;

	add_sato(f);
	assert_int_equal(ops_user_lock(f->s, "sato", &err), 0);
	assert_int_equal(ops_user_unlock(f->s, "sato", TEST_PW3, NULL, &err), -1);
	assert_non_null(strstr(err, "second person"));
	free(err);
	err = NULL;
	assert_int_equal(ops_user_passwd(f->s, "sato", TEST_PW3, NULL, &err), -1);
	free(err);
}

static void
test_unlock_needs_second_person(void **st)
{
	struct test_fixture *f = *st;
	char *err = NULL, *actor2;

	add_sato(f);
	add_kato(f);
	assert_int_equal(ops_user_lock(f->s, "kato", &err), 0);
	assert_int_equal(ops_user_unlock(f->s, "kato", "Fresh-pass-2026", NULL, &err),
	    -1);
	free(err);
	err = NULL;
	assert_int_equal(test_witness_check(f->s, "admin", TEST_PW, &err),
	    -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_user_unlock(f->s, "kato", "Fresh-pass-2026",
	    sato_ok(f->s), &err),
	    0);
	actor2 = last_audit(f->s, "actor2");
	assert_string_equal(actor2, "sato");
	free(actor2);
}

/* The recovery key holder is one person, not a second one. */
static void
test_recovery_needs_second_person(void **st)
{
	struct test_fixture *f = *st;
	struct session *r;
	unsigned char key[32];
	char *tmp = test_tmpdir(), *vault = test_vault(tmp, key), *err = NULL;

	(void)f;
	r = test_login(vault, "admin", TEST_PW);
	assert_int_equal(ops_user_add(r, "sato", "supervisor", TEST_PW2, NULL, &err), 0);
	ops_logout(r);
	test_settle_password(vault, "sato", TEST_PW2);
	assert_int_equal(ops_login_recovery(vault, key, &r, &err), VAULT_OK);
	assert_int_equal(ops_user_passwd(r, "admin", TEST_PW3, NULL, &err), -1);
	assert_non_null(strstr(err, "second person"));
	free(err);
	err = NULL;
	assert_int_equal(ops_user_passwd(r, "admin", TEST_PW3, sato_ok(r),
	    &err), 0);
	ops_logout(r);
	test_rm_rf(tmp);
	free(tmp);
	free(vault);
}

/* Passwords an administrator chose are temporary; the owner's are not,
 * and a temporary password does not make a second person. */
static void
test_set_passwords_are_temporary(void **st)
{
	struct test_fixture *f = *st;
	struct session *s2;
	char *err = NULL;

	add_sato(f);
	assert_int_equal(ops_user_add(f->s, "ito", "clerk", "Clerk-first-2026",
	    sato_ok(f->s),
	    &err), 0);
	assert_int_equal(test_witness_check(f->s, "ito", "Clerk-first-2026",
	    &err),
	    -1);
	assert_non_null(strstr(err, "temporary"));
	free(err);
	err = NULL;
	s2 = test_login(f->vault, "ito", "Clerk-first-2026");
	assert_int_equal(s2->must_change, 1);
	assert_int_equal(ops_user_passwd(s2, NULL, "Own-choice-2026", NULL, &err), 0);
	assert_int_equal(s2->must_change, 0);
	ops_logout(s2);
	s2 = test_login(f->vault, "ito", "Own-choice-2026");
	assert_int_equal(s2->must_change, 0);
	ops_logout(s2);
	if (ops_user_passwd(f->s, "ito", "Reset-pass-2026", sato_ok(f->s),
	    &err) != 0)
		fail_msg("reset: %s", err);
	s2 = test_login(f->vault, "ito", "Reset-pass-2026");
	assert_int_equal(s2->must_change, 1);
	ops_logout(s2);
	/* The vault's first administrator chose their own. */
	assert_int_equal(f->s->must_change, 0);
}

/* Five wrong passwords lock the account; the events reach the audit log at
 * the next successful login, and only an administrator's unlock helps. */
static void
test_five_failures_lock(void **st)
{
	struct test_fixture *f = *st;
	struct session *s2 = NULL;
	char *err = NULL;
	long long n;
	int i;

	add_sato(f);
	add_kato(f);
	for (i = 0; i < LOCKOUT_LIMIT; i++) {
		assert_int_equal(ops_login(f->vault, "sato", "Wrong-pass-123", &s2, &err),
		    VAULT_EAUTH);
		free(err);
		err = NULL;
	}
	assert_int_equal(ops_login(f->vault, "sato", TEST_PW2, &s2, &err), VAULT_ELOCKED);
	assert_non_null(strstr(err, "locked"));
	free(err);
	err = NULL;
	/* Another user's login moves the events into the log and locks sato. */
	ops_logout(f->s);
	f->s = test_login(f->vault, "admin", TEST_PW);
	assert_int_equal(db_get_int(f->s->v->db, "SELECT count(*) FROM audit WHERE "
	    "action = 'login.failed' AND subject = 'sato'", NULL, &n, NULL), 0);
	assert_int_equal(n, LOCKOUT_LIMIT);
	assert_int_equal(db_get_int(f->s->v->db, "SELECT count(*) FROM audit WHERE "
	    "action = 'user.lock' AND subject = 'sato' AND actor = 'system'", NULL, &n,
	    NULL), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ops_user_unlock(f->s, "sato", TEST_PW3,
	    test_witness(f->s, "kato", TEST_PW3), &err), 0);
	assert_int_equal(lockout_count(f->vault, "sato"), 0);
	s2 = test_login(f->vault, "sato", TEST_PW3);
	ops_logout(s2);
}

static void
test_success_resets_count(void **st)
{
	struct test_fixture *f = *st;
	struct session *s2 = NULL;
	char *err = NULL;

	add_sato(f);
	assert_int_equal(ops_login(f->vault, "sato", "Wrong-pass-123", &s2, &err),
	    VAULT_EAUTH);
	free(err);
	assert_int_equal(lockout_count(f->vault, "sato"), 1);
	s2 = test_login(f->vault, "sato", TEST_PW2);
	ops_logout(s2);
	assert_int_equal(lockout_count(f->vault, "sato"), 0);
}

static void
test_own_password_change(void **st)
{
	struct test_fixture *f = *st;
	struct session *s2;
	char *err = NULL;

	assert_int_equal(ops_user_passwd(f->s, NULL, "short", NULL, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_user_passwd(f->s, NULL, TEST_PW3, NULL, &err), 0);
	assert_int_equal(ops_login(f->vault, "admin", TEST_PW, &s2, &err), VAULT_EAUTH);
	free(err);
	s2 = test_login(f->vault, "admin", TEST_PW3);
	ops_logout(s2);
}

static int
count_row(const struct user *u, void *arg)
{
	(void)u;
	(*(int *)arg)++;
	return 0;
}

static void
test_list(void **st)
{
	struct test_fixture *f = *st;
	int n = 0;

	add_sato(f);
	assert_int_equal(ops_user_list(f->s, count_row, &n, NULL), 0);
	assert_int_equal(n, 2);
}

/* No password ever reaches the audit log. */
static void
test_no_secret_in_audit(void **st)
{
	struct test_fixture *f = *st;
	long long n;

	add_sato(f);
	assert_int_equal(ops_user_add(f->s, "kato", "clerk", TEST_PW3,
	    sato_ok(f->s), NULL), 0);
	assert_int_equal(db_get_int(f->s->v->db, "SELECT count(*) FROM audit WHERE "
	    "detail LIKE '%' || ? || '%'", "-", &n, NULL), 0);
	assert_int_equal(db_get_int(f->s->v->db, "SELECT count(*) FROM audit WHERE "
	    "instr(detail, 'Battery') OR instr(detail, 'Purple') OR "
	    "instr(detail, 'Correct')", NULL, &n, NULL), 0);
	assert_int_equal(n, 0);
}

/* A second person's wrong passwords count as that person's failures, but
 * nobody can use them to lock out the last administrator. */
static void
test_witness_failures_spare_last_admin(void **st)
{
	struct test_fixture *f = *st;
	struct session *s2;
	char *err = NULL;
	int i;

	add_sato(f);
	s2 = test_login(f->vault, "sato", TEST_PW2);
	for (i = 0; i < LOCKOUT_LIMIT + 1; i++) {
		assert_int_equal(test_witness_check(s2, "admin",
		    "Wrong-pass-123", &err),
		    -1);
		free(err);
		err = NULL;
	}
	assert_true(lockout_count(f->vault, "admin") >= LOCKOUT_LIMIT);
	ops_logout(s2);
	/* sato's next login folds the failures in: admin stays active. */
	s2 = test_login(f->vault, "sato", TEST_PW2);
	ops_logout(s2);
	ops_logout(f->s);
	f->s = test_login(f->vault, "admin", TEST_PW);
	assert_string_equal(f->s->role, "admin");
}

/* ... while a witness who is not the last administrator is locked. */
static void
test_witness_failures_count(void **st)
{
	struct test_fixture *f = *st;
	struct session *s2 = NULL;
	char *err = NULL;
	int i;

	add_sato(f);
	for (i = 0; i < LOCKOUT_LIMIT; i++) {
		assert_int_equal(test_witness_check(f->s, "sato",
		    "Wrong-pass-123", &err),
		    -1);
		free(err);
		err = NULL;
	}
	assert_int_equal(ops_login(f->vault, "sato", TEST_PW2, &s2, &err),
	    VAULT_ELOCKED);
	free(err);
}

static void
test_reserved_names(void **st)
{
	struct test_fixture *f = *st;
	char *err = NULL;

	assert_int_equal(ops_user_add(f->s, "system", "clerk", TEST_PW2, NULL, &err),
	    -1);
	assert_non_null(strstr(err, "reserved"));
	free(err);
	err = NULL;
	assert_int_equal(ops_user_add(f->s, "recovery", "admin", TEST_PW2, NULL,
	    &err), -1);
	assert_non_null(strstr(err, "reserved"));
	free(err);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, test_setup, test_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_first_add_alone),
		T(test_second_add_needs_checker),
		T(test_only_admin_adds),
		T(test_add_validates),
		T(test_role_change_two_person),
		T(test_last_admin_kept),
		T(test_lock_removes_slot_and_unlock),
		T(test_admin_alone_cannot_unlock),
		T(test_unlock_needs_second_person),
		T(test_recovery_needs_second_person),
		T(test_set_passwords_are_temporary),
		T(test_five_failures_lock),
		T(test_success_resets_count),
		T(test_own_password_change),
		T(test_list),
		T(test_no_secret_in_audit),
		T(test_witness_failures_spare_last_admin),
		T(test_witness_failures_count),
		T(test_reserved_names),
	};

	/* The growing delay has tests of its own; here it would only slow. */
	lockout_delay_ms = 0;

	return cmocka_run_group_tests(tests, NULL, NULL);
}
