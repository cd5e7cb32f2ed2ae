/* Unit tests for number entry, two-person confirmation, matching, reveal and
 * deletion: every path, and that no number reaches the audit log. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "ops/accounts.h"
#include "ops/idproof.h"
#include "ops/numbers.h"
#include "ops/person-import.h"
#include "store/keyslot.h"
#include "store/vault-impl.h"
#include "testutil.h"
#include "util/xmalloc.h"

#define HEADER "person_id,insurer,symbol,number,relation,member_id,name,kana," \
	"birth,sex,address,municipality,resident,employer,acquired,lost\n"

struct fixture {
	char *tmp, *vault;
	struct session *s;	/* admin: enters */
	struct session *s2;	/* sato: confirms */
};

static const struct number_entry entry = { "member", "2026-11-20", "F-2026-118" };

/* Pattern 1: the My Number card seen in person. */

/* sato, a second active user, as the second person on session s. */
static struct witness *
sato_ok(struct session *s)
{
	return test_witness(s, "sato", TEST_PW2);
}
static void
test_idproof_card(struct session *s, const char *key)
{
	static const char *const docs[] = { "mynumber-card" };
	struct idproof_request rq = { "member", "in-person", docs, 1, NULL, 0 };
	struct idresult res;
	char *err = NULL;

	if (ops_idproof_record(s, key, &rq, &res, &err) != 0)
		fail_msg("idproof: %s", err);
	assert_true(res.complete);
	idresult_clear(&res);
}

static int
setup(void **st)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct import_request rq = { 0 };
	struct import_report rep;
	char *file, *err = NULL;
	FILE *fp;

	f->tmp = test_tmpdir();
	f->vault = test_vault(f->tmp, NULL);
	f->s = test_login(f->vault, "admin", TEST_PW);
	assert_int_equal(ops_user_add(f->s, "sato", "clerk", TEST_PW2, NULL, NULL), 0);
	test_settle_password(f->vault, "sato", TEST_PW2);
	f->s2 = test_login(f->vault, "sato", TEST_PW2);
	file = xasprintf("%s/x.csv", f->tmp);
	fp = fopen(file, "w");
	/* P1 and P2 still qualified; P3 lost the qualification in 2020. */
	fprintf(fp, HEADER
	    "P1,133033,1,1,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都,131016,1,,20100401,\n"
	    "P2,133033,1,2,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,東京都,131016,1,,20100401,\n"
	    "P3,133033,1,3,1,,鈴木　次郎,スズキ　ジロウ,19500101,1,東京都,131016,1,,20000401,20200331\n");
	fclose(fp);
	rq.file = file;
	if (ops_person_import(f->s, &rq, &rep, &err) != 0)
		fail_msg("import: %s", err);
	import_report_clear(&rep);
	test_idproof_card(f->s, "P1");
	test_idproof_card(f->s, "P2");
	test_idproof_card(f->s, "P3");
	free(file);
	*st = f;
	return 0;
}

static int
teardown(void **st)
{
	struct fixture *f = *st;

	ops_logout(f->s);
	ops_logout(f->s2);
	test_rm_rf(f->tmp);
	free(f->tmp);
	free(f->vault);
	free(f);
	return 0;
}

static void
state_is(struct session *s, const char *key, const char *want)
{
	char state[16];

	assert_int_equal(ops_number_status(s, key, state, NULL), 0);
	assert_string_equal(state, want);
}

static void
enter(struct fixture *f, const char *key, const char *num)
{
	enum number_result r;
	char *err = NULL;

	if (ops_number_enter(f->s, key, num, &entry, &r, &err) != 0)
		fail_msg("enter: %s", err);
	assert_int_equal(r, NUMBER_OK);
}

static void
test_check_digit_vectors(void **st)
{
	struct fixture *f = *st;
	static const char *const bad[] = { "123456789010", "123456789011",
	    "123456789012", "000000000000", "12345678901", "1234567890123",
	    "12345678901a", "" };
	enum number_result r;
	char *err = NULL;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(ops_number_enter(f->s, "P1", bad[i], &entry, &r, &err), -1);
		free(err);
		err = NULL;
	}
	assert_int_equal(ops_number_enter(f->s, "P1", "123456789010", &entry, &r, &err), -1);
	assert_non_null(strstr(err, "re-read"));
	free(err);
	state_is(f->s, "P1", "missing");
	/* Full-width digits, spaces and hyphens are normalised. */
	enter(f, "P1", "６２１４ ９８３２-０２５７");
	state_is(f->s, "P1", "entered");
}

static void
test_entry_validates(void **st)
{
	struct fixture *f = *st;
	struct number_entry e = entry;
	enum number_result r;
	char *err = NULL;

	e.channel = "fax";
	assert_int_equal(ops_number_enter(f->s, "P1", "621498320257", &e, &r, &err), -1);
	free(err);
	err = NULL;
	e = entry;
	e.received = "2026-13-01";
	assert_int_equal(ops_number_enter(f->s, "P1", "621498320257", &e, &r, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_number_enter(f->s, "NOPE", "621498320257", &entry, &r,
	    &err), -1);
	assert_non_null(strstr(err, "no person"));
	assert_int_equal(err_field_of(err), ERR_FIELD_NONE);
	free(err);
	err = NULL;
	/* The console puts the cursor on the document field by this. */
	e = entry;
	e.doc = "";
	assert_int_equal(ops_number_enter(f->s, "P1", "621498320257", &e, &r, &err),
	    -1);
	assert_int_equal(err_field_of(err), ERR_FIELD_DOC);
	free(err);
}

static void
test_confirm_match(void **st)
{
	struct fixture *f = *st;
	enum number_result r;
	char *err = NULL, *a1, *a2;

	enter(f, "P1", "621498320257");
	assert_int_equal(ops_number_confirm(f->s2, "P1", "621498320257", NULL, &r, &err), 0);
	assert_int_equal(r, NUMBER_OK);
	state_is(f->s, "P1", "confirmed");
	a1 = db_get_text(f->s->v->db, "SELECT actor FROM audit WHERE action = ?",
	    "number.confirm");
	a2 = db_get_text(f->s->v->db, "SELECT actor2 FROM audit WHERE action = ?",
	    "number.confirm");
	assert_string_equal(a1, "sato");
	assert_string_equal(a2, "admin");
	free(a1);
	free(a2);
}

/* The console way: the second person logs in on the first user's screen,
 * checked once, and the confirmation takes the handle. */
static void
test_confirm_second_person_on_screen(void **st)
{
	struct fixture *f = *st;
	enum number_result r;
	char *err = NULL;

	enter(f, "P1", "621498320257");
	assert_int_equal(test_witness_check(f->s, "admin", TEST_PW, &err), -1);
	assert_int_equal(err_field_of(err), ERR_FIELD_WITNESS);
	free(err);
	err = NULL;
	assert_int_equal(test_witness_check(f->s, "sato", "Wrong-pass-99",
	    &err), -1);
	free(err);
	err = NULL;
	/* The recovery key is nobody: no account of that name to check. */
	assert_int_equal(test_witness_check(f->s, "recovery", TEST_PW, &err),
	    -1);
	free(err);
	err = NULL;
	state_is(f->s, "P1", "entered");
	assert_int_equal(ops_number_confirm(f->s, "P1", "621498320257",
	    sato_ok(f->s), &r, &err), 0);
	assert_int_equal(r, NUMBER_OK);
	state_is(f->s, "P1", "confirmed");
}

/* A confirmation with a second person costs one scrypt run, the check's:
 * the console once checked the password at login and again at confirm. */
static void
test_confirm_one_verification(void **st)
{
	struct fixture *f = *st;
	struct witness *w = NULL;
	enum number_result r;
	unsigned long before;
	char *pw = xstrdup(TEST_PW2), *err = NULL;

	enter(f, "P1", "621498320257");
	before = keyslot_kdf_count();
	assert_int_equal(ops_witness_check(f->s, "sato", pw, &w, &err), 0);
	/* Wiped right after the check: nothing of it stays with the caller. */
	assert_int_equal(pw[0], '\0');
	assert_int_equal(ops_number_confirm(f->s, "P1", "621498320257", w, &r,
	    &err), 0);
	assert_int_equal(r, NUMBER_OK);
	assert_int_equal(keyslot_kdf_count() - before, 1);
	state_is(f->s, "P1", "confirmed");
	ops_witness_free(w);
	free(pw);
}

/* A handle is good for one action: the second use is refused, and a
 * mistyped number (refused before the handle is taken) does not spend it. */
static void
test_witness_handle_spent(void **st)
{
	struct fixture *f = *st;
	struct witness *w = sato_ok(f->s);
	enum number_result r;
	char *err = NULL;

	assert_non_null(w);
	enter(f, "P1", "621498320257");
	enter(f, "P2", "123456789018");
	assert_int_equal(ops_number_confirm(f->s, "P1", "62149832025", w, &r,
	    &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_number_confirm(f->s, "P1", "621498320257", w, &r,
	    &err), 0);
	assert_int_equal(ops_number_confirm(f->s, "P2", "123456789018", w, &r,
	    &err), -1);
	assert_non_null(strstr(err, "used for an action already"));
	free(err);
	state_is(f->s, "P2", "entered");
}

/* A handle belongs to the session that checked: another session of the
 * same user cannot use it, nor can anyone use one that has expired. */
static void
test_witness_handle_other_session(void **st)
{
	struct fixture *f = *st;
	struct session *s3 = test_login(f->vault, "admin", TEST_PW);
	struct witness *w = sato_ok(s3);
	enum number_result r;
	char *err = NULL;

	assert_non_null(w);
	enter(f, "P1", "621498320257");
	assert_int_equal(ops_number_confirm(f->s, "P1", "621498320257", w, &r,
	    &err), -1);
	assert_non_null(strstr(err, "another session"));
	free(err);
	err = NULL;
	ops_logout(s3);
	ops_witness_ttl = 0;
	w = sato_ok(f->s);
	ops_witness_ttl = 180;
	assert_int_equal(ops_number_confirm(f->s, "P1", "621498320257", w, &r,
	    &err), -1);
	assert_non_null(strstr(err, "expired"));
	free(err);
	state_is(f->s, "P1", "entered");
}

static void
test_self_confirm_refused(void **st)
{
	struct fixture *f = *st;
	enum number_result r;
	char *err = NULL;

	enter(f, "P1", "621498320257");
	assert_int_equal(ops_number_confirm(f->s, "P1", "621498320257", NULL, &r, &err), -1);
	assert_non_null(strstr(err, "different person"));
	free(err);
	state_is(f->s, "P1", "entered");
}

static void
test_confirm_mismatch(void **st)
{
	struct fixture *f = *st;
	enum number_result r;
	char *err = NULL;

	enter(f, "P1", "621498320257");
	assert_int_equal(ops_number_confirm(f->s2, "P1", "123456789018", NULL, &r, &err), 0);
	assert_int_equal(r, NUMBER_MISMATCH);
	state_is(f->s, "P1", "mismatch");
	/* Neither value is kept; the supervisor has the case. */
	assert_null(db_get_text(f->s->v->db, "SELECT number FROM numbers WHERE "
	    "state = ?", "mismatch"));
	{
		long long n;

		assert_int_equal(db_get_int(f->s->v->db, "SELECT count(*) FROM "
		    "number_queue WHERE reason = 'mismatch'", NULL, &n, NULL), 0);
		assert_int_equal(n, 1);
	}
	/* It must be entered again before anyone can confirm. */
	assert_int_equal(ops_number_confirm(f->s2, "P1", "621498320257", NULL, &r, &err), -1);
	free(err);
	enter(f, "P1", "621498320257");
	state_is(f->s, "P1", "entered");
}

static void
test_duplicate_number(void **st)
{
	struct fixture *f = *st;
	enum number_result r;
	char *err = NULL, *detail;

	enter(f, "P1", "621498320257");
	assert_int_equal(ops_number_enter(f->s, "P2", "621498320257", &entry, &r, &err), 0);
	assert_int_equal(r, NUMBER_DUPLICATE);
	state_is(f->s, "P2", "held");
	state_is(f->s, "P1", "entered");
	detail = db_get_text(f->s->v->db, "SELECT detail FROM audit WHERE action = ?",
	    "number.duplicate");
	assert_string_equal(detail, "held-by=P1");
	free(detail);
}

static void
test_match_on_receipt(void **st)
{
	struct fixture *f = *st;
	enum number_result r;
	char *err = NULL;

	enter(f, "P1", "621498320257");
	/* Nothing confirmed yet: nothing to match against. */
	assert_int_equal(ops_number_match(f->s, "P1", "621498320257", &r, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_number_confirm(f->s2, "P1", "621498320257", NULL, &r, NULL), 0);
	assert_int_equal(ops_number_match(f->s, "P1", "6214-9832-0257", &r, &err), 0);
	assert_int_equal(r, NUMBER_OK);
	assert_int_equal(ops_number_match(f->s, "P1", "123456789018", &r, &err), 0);
	assert_int_equal(r, NUMBER_MISMATCH);
}

static void
test_reveal_audited(void **st)
{
	struct fixture *f = *st;
	enum number_result r;
	char out[13], *err = NULL, *detail;

	enter(f, "P1", "621498320257");
	assert_int_equal(ops_number_confirm(f->s2, "P1", "621498320257", NULL, &r, NULL), 0);
	assert_int_equal(ops_number_reveal(f->s, "P1", "", out, &err), -1);
	free(err);
	assert_int_equal(ops_number_reveal(f->s, "P1", "registration check", out, NULL), 0);
	assert_string_equal(out, "621498320257");
	detail = db_get_text(f->s->v->db, "SELECT detail FROM audit WHERE action = ?",
	    "number.reveal");
	assert_string_equal(detail, "reason=registration check");
	free(detail);
}

static void
test_deletion(void **st)
{
	struct fixture *f = *st;
	enum number_result r;
	char *err = NULL;

	/* Collected while P3 was insured (the collection limit refuses it
	 * after the loss), then the loss is recorded. */
	assert_int_equal(db_exec(f->s->v->db, "UPDATE persons SET lost = '' "
	    "WHERE key = 'P3'", NULL), 0);
	enter(f, "P3", "023456789013");
	assert_int_equal(ops_number_confirm(f->s2, "P3", "023456789013", NULL, &r, NULL), 0);
	assert_int_equal(db_exec(f->s->v->db, "UPDATE persons SET lost = "
	    "'20200331' WHERE key = 'P3'", NULL), 0);
	enter(f, "P1", "621498320257");
	assert_int_equal(ops_number_confirm(f->s2, "P1", "621498320257", NULL, &r, NULL), 0);
	/* P1 is still qualified: not due. */
	assert_int_equal(ops_number_delete(f->s, "P1", sato_ok(f->s), &err),
	    -1);
	assert_non_null(strstr(err, "not due"));
	free(err);
	err = NULL;
	assert_int_equal(ops_number_delete(f->s, "P3", NULL, &err), -1);
	free(err);
	assert_int_equal(ops_number_delete(f->s, "P3", sato_ok(f->s), NULL), 0);
	state_is(f->s, "P3", "deleted");
	assert_null(db_get_text(f->s->v->db, "SELECT number FROM numbers WHERE "
	    "state = ?", "deleted"));
	/* Erased after retention: never collected again, and told why. */
	err = NULL;
	assert_int_equal(ops_number_may_collect(f->s, "P3", NULL, &err), -1);
	assert_non_null(strstr(err, "erased after the retention period"));
	free(err);
	assert_int_equal(ops_number_may_collect(f->s, "P1", NULL, NULL), 0);
}

/* Whatever happened above, the audit log never holds a full number. */
/* Without a complete identity check a matching confirmation is refused and
 * the number stays entered; a J-LIS number needs none. */
static void
test_confirm_needs_idproof(void **st)
{
	struct fixture *f = *st;
	struct number_entry jlis = { "jlis", "2026-11-20", "J-1" };
	static const char *const docs[] = { "pension-book" };
	struct idproof_request rq = { "member", "in-person", docs, 1, NULL, 0 };
	struct idresult res;
	enum number_result r;
	char *err = NULL;

	/* A fresh person: import one more. */
	assert_int_equal(db_exec(f->s->v->db, "DELETE FROM idproof WHERE person_id = "
	    "(SELECT id FROM persons WHERE key = 'P2'); DELETE FROM idproof_status "
	    "WHERE person_id = (SELECT id FROM persons WHERE key = 'P2')", NULL), 0);
	enter(f, "P2", "621498320257");
	assert_int_equal(ops_number_confirm(f->s2, "P2", "621498320257", NULL, &r, &err), -1);
	assert_non_null(strstr(err, "identity check is incomplete"));
	free(err);
	err = NULL;
	state_is(f->s, "P2", "entered");
	/* One document without a photo is not enough either. */
	assert_int_equal(ops_idproof_record(f->s, "P2", &rq, &res, NULL), 0);
	assert_false(res.complete);
	idresult_clear(&res);
	assert_int_equal(ops_number_confirm(f->s2, "P2", "621498320257", NULL, &r, &err), -1);
	free(err);
	err = NULL;
	/* J-LIS: never typed in (it would skip this very check); such numbers
	 * come only through 'jlis receive'. */
	assert_int_equal(db_exec(f->s->v->db, "DELETE FROM numbers", NULL), 0);
	assert_int_equal(ops_number_enter(f->s, "P2", "621498320257", &jlis, &r,
	    &err), -1);
	assert_non_null(strstr(err, "jlis receive"));
	free(err);
	state_is(f->s, "P2", "missing");
}

static void
test_no_number_in_audit(void **st)
{
	struct fixture *f = *st;
	enum number_result r;
	long long n;

	enter(f, "P1", "621498320257");
	ops_number_confirm(f->s2, "P1", "123456789018", NULL, &r, NULL);
	enter(f, "P1", "621498320257");
	ops_number_confirm(f->s2, "P1", "621498320257", NULL, &r, NULL);
	ops_number_match(f->s, "P1", "621498320257", &r, NULL);
	assert_int_equal(db_get_int(f->s->v->db, "SELECT count(*) FROM audit WHERE "
	    "instr(detail || subject, '621498320257') OR instr(detail || subject, "
	    "'123456789018')", NULL, &n, NULL), 0);
	assert_int_equal(n, 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

/* Refuses reading one column of numbers, so numbers_get fails while the
 * number's holder and the entry itself can still be written. */
static int
deny_numbers_read(void *arg, int what, const char *table, const char *column,
    const char *db, const char *trigger)
{
	(void)arg;
	(void)db;
	(void)trigger;
	if (what == SQLITE_READ && strcmp(table, "numbers") == 0 &&
	    strcmp(column, "confirmed_by") == 0)
		return SQLITE_DENY;
	return SQLITE_OK;
}

/* A read error is not "no number yet": entering must not overwrite a
 * confirmed number it could not read. */
static void
test_enter_read_error_refused(void **st)
{
	struct fixture *f = *st;
	enum number_result r;
	char *err = NULL;

	enter(f, "P1", "621498320257");
	assert_int_equal(ops_number_confirm(f->s2, "P1", "621498320257", NULL, &r,
	    &err), 0);
	sqlite3_set_authorizer(f->s->v->db, deny_numbers_read, NULL);
	assert_int_equal(ops_number_enter(f->s, "P1", "123456789018", &entry, &r,
	    &err), -1);
	sqlite3_set_authorizer(f->s->v->db, NULL, NULL);
	assert_non_null(err);
	free(err);
	state_is(f->s, "P1", "confirmed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_check_digit_vectors),
		T(test_entry_validates),
		T(test_confirm_match),
		T(test_confirm_second_person_on_screen),
		T(test_confirm_one_verification),
		T(test_witness_handle_spent),
		T(test_witness_handle_other_session),
		T(test_self_confirm_refused),
		T(test_confirm_mismatch),
		T(test_duplicate_number),
		T(test_match_on_receipt),
		T(test_reveal_audited),
		T(test_deletion),
		T(test_confirm_needs_idproof),
		T(test_no_number_in_audit),
		T(test_enter_read_error_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
