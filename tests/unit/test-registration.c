/* Unit tests for registration in the vault: full export, results that do
 * not match refused without a change, retry of refused rows only, the
 * differential after additions, changes and losses, and no number in the
 * audit log. The server's answers are written here in ASCII, which CP932
 * reads the same. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <dirent.h>
#include <iconv.h>
#include <stdint.h>
#include <unistd.h>

#include <cmocka.h>

#include "ops/accounts.h"
#include "ops/collation.h"
#include "ops/idproof.h"
#include "ops/numbers.h"
#include "ops/person-import.h"
#include "ops/registration.h"
#include "store/migrate.h"
#include "store/reg-answers.h"
#include "store/reg-sent.h"
#include "store/registration.h"
#include "store/vault-impl.h"
#include "testutil.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

#define HEADER "person_id,insurer,symbol,number,relation,member_id,name,kana," \
	"birth,sex,address,municipality,resident,employer,acquired,lost\n"
#define ROW1 "P1,133033,1,1,1,,山田　太郎,ヤマダ　タロウ,19750402,1,東京都,131016,1,,20100401,\n"
#define ROW2 "P2,133033,1,2,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,東京都,131016,1,,20100401,\n"
#define ROW3 "P3,133033,1,3,1,,鈴木　次郎,スズキ　ジロウ,19500101,1,東京都,131016,1,,20000401,\n"

static const char *const numbers[] = { "621498320257", "314159265352",
	"271828182840" };

struct fixture {
	char *tmp, *vault, *out;
	struct session *s, *s2;
};


/* sato, a second active user, as the second person on session s. */
static struct witness *
sato_ok(struct session *s)
{
	return test_witness(s, "sato", TEST_PW2);
}
static void
import(struct fixture *f, const char *rows)
{
	struct import_request rq = { 0 };
	struct import_report rep;
	char *file = xasprintf("%s/x.csv", f->tmp), *err = NULL;
	FILE *fp = fopen(file, "w");

	fprintf(fp, HEADER "%s", rows);
	fclose(fp);
	rq.file = file;
	if (ops_person_import(f->s, &rq, &rep, &err) != 0)
		fail_msg("import: %s", err);
	import_report_clear(&rep);
	free(file);
}

static void
confirm(struct fixture *f, const char *key, const char *num)
{
	static const char *const docs[] = { "mynumber-card" };
	static const struct number_entry e = { "member", "2026-11-20", "F-1" };
	struct idproof_request rq = { "member", "in-person", docs, 1, NULL, 0 };
	struct idresult res;
	enum number_result r;
	char *err = NULL;

	if (ops_idproof_record(f->s, key, &rq, &res, &err) != 0 ||
	    ops_number_enter(f->s, key, num, &e, &r, &err) != 0 ||
	    ops_number_confirm(f->s2, key, num, NULL, &r, &err) != 0)
		fail_msg("%s: %s", key, err);
	idresult_clear(&res);
}

static int
setup(void **st)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	int i;

	f->tmp = test_tmpdir();
	f->vault = test_vault(f->tmp, NULL);
	f->out = xasprintf("%s/out", f->tmp);
	assert_int_equal(mkdir(f->out, 0700), 0);
	f->s = test_login(f->vault, "admin", TEST_PW);
	assert_int_equal(ops_user_add(f->s, "sato", "clerk", TEST_PW2, NULL, NULL), 0);
	test_settle_password(f->vault, "sato", TEST_PW2);
	f->s2 = test_login(f->vault, "sato", TEST_PW2);
	import(f, ROW1 ROW2 ROW3);
	for (i = 0; i < 3; i++) {
		char key[4];

		snprintf(key, sizeof key, "P%d", i + 1);
		confirm(f, key, numbers[i]);
	}
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
	free(f->out);
	free(f);
	return 0;
}

/* Exports kind in mode; returns the record count (file name in *file). */
static long long
export(struct fixture *f, enum reg_kind kind, enum reg_mode mode, char **file)
{
	struct reg_export_request rq = { kind, mode, f->out, NULL, NULL, 0 };
	struct reg_export_report rep;
	char *err = NULL;
	long long n;

	if (ops_reg_export(f->s, &rq, &rep, &err) != 0)
		fail_msg("export: %s", err);
	n = rep.records;
	if (file != NULL)
		*file = rep.file != NULL ? xstrdup(strrchr(rep.file, '/') + 1) : NULL;
	reg_export_report_clear(&rep);
	return n;
}

/* Writes a result: "KEY:CODE" answers in record order, for file; an
 * accepted persons record gets branch number 1234567890, or the one a
 * third part gives ("KEY:0:BRANCH"); a fourth part gives the J-LIS
 * collation columns as they stand in the file ("KEY:0:BRANCH:1,00001,,,,,
 * ADDRESS"), else they are empty. */
/* The result layout is CP932: the registry's values may be Japanese. */
static void
put_cp932(FILE *fp, const char *utf8)
{
	iconv_t cd = iconv_open("CP932", "UTF-8");
	char out[512], *in = (char *)(uintptr_t)utf8, *o = out;
	size_t inleft = strlen(utf8), outleft = sizeof out;

	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &inleft, &o, &outleft) != (size_t)-1);
	fwrite(out, 1, sizeof out - outleft, fp);
	iconv_close(cd);
}

static char *
result(struct fixture *f, const char *file, const char *const *answers)
{
	char *path = xasprintf("%s/result.csv", f->tmp);
	FILE *fp = fopen(path, "w");
	int i, persons = strstr(file, "_persons_") != NULL;

	for (i = 0; answers[i] != NULL; i++) {
		char key[8], code[8], branch[16] = "1234567890";
		char coll[256] = ",,,,,,";
		int ok;

		sscanf(answers[i], "%7[^:]:%7[^:]:%15[^:]:%255[^\n]", key, code,
		    branch, coll);
		ok = strcmp(code, "0") == 0;
		fprintf(fp, "%s,,%d,%s,%s,%s,%s,", file, i + 1, key,
		    ok && persons ? branch : "", code, ok ? "" : "E1 bad");
		put_cp932(fp, coll);
		fputs("\r\n", fp);
	}
	fclose(fp);
	return path;
}

static int
results(struct fixture *f, const char *path, struct reg_results_report *rep,
    char **err)
{
	return ops_reg_results(f->s, path, NULL, rep, err);
}

static void
test_results_refused(void **st)
{
	struct fixture *f = *st;
	struct reg_results_report rep;
	struct reg_pending p;
	char *file, *path, *err = NULL;
	const char *const short_answer[] = { "P1:0", "P2:0", NULL };
	const char *const wrong_key[] = { "P1:0", "P3:0", "P2:0", NULL };
	const char *const unknown[] = { "P1:0", NULL };

	assert_int_equal(export(f, REG_PERSONS, REG_MODE_FULL, &file), 3);
	path = result(f, file, short_answer);
	assert_int_equal(results(f, path, &rep, &err), -1);
	assert_non_null(strstr(err, "answers 2 records"));
	reg_results_report_clear(&rep);
	free(err);
	err = NULL;
	free(path);
	path = result(f, file, wrong_key);
	assert_int_equal(results(f, path, &rep, &err), -1);
	assert_non_null(strstr(err, "was not sent for P3"));
	reg_results_report_clear(&rep);
	free(err);
	err = NULL;
	free(path);
	path = result(f, "133033_persons_20260101_9999.csv", unknown);
	assert_int_equal(results(f, path, &rep, &err), -1);
	assert_non_null(strstr(err, "did not write"));
	reg_results_report_clear(&rep);
	free(err);
	free(path);
	/* Nothing changed: the file still waits, no branch, no state. */
	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	assert_int_equal(p.awaiting[REG_PERSONS], 1);
	assert_int_equal(p.changes[REG_PERSONS], 3);
	assert_int_equal(p.changes[REG_QUALIFICATION], 0);
	free(file);
}

struct progress_seen {
	int calls;
	long long done, total;
};

static void
count_progress(long long done, long long total, void *arg)
{
	struct progress_seen *p = arg;

	p->calls++;
	p->done = done;
	p->total = total;
}

/* A result's progress: once all its records are read (fewer than
 * REG_PROGRESS_EVERY here), and not for a result that is refused. */
static void
test_results_progress(void **st)
{
	struct fixture *f = *st;
	struct reg_results_report rep;
	struct progress_seen seen = { 0, 0, 0 };
	char *file, *path, *err = NULL;
	const char *const short_answer[] = { "P1:0", "P2:0", NULL };
	const char *const all[] = { "P1:0", "P2:0", "P3:0", NULL };

	assert_int_equal(export(f, REG_PERSONS, REG_MODE_FULL, &file), 3);
	path = result(f, file, short_answer);
	assert_int_equal(ops_reg_results_progress(f->s, path, NULL,
	    count_progress, &seen, &rep, &err), -1);
	assert_int_equal(seen.calls, 0);
	reg_results_report_clear(&rep);
	free(err);
	free(path);
	path = result(f, file, all);
	assert_int_equal(ops_reg_results_progress(f->s, path, NULL,
	    count_progress, &seen, &rep, &err), 0);
	assert_int_equal(seen.calls, 1);
	assert_int_equal(seen.done, 3);
	assert_int_equal(seen.total, 3);
	reg_results_report_clear(&rep);
	free(path);
	free(file);
}

static void
test_retry_and_diff(void **st)
{
	struct fixture *f = *st;
	struct reg_results_report rep;
	struct reg_pending p;
	char *file, *path, *err = NULL;
	const char *const first[] = { "P1:0", "P2:1101", "P3:0", NULL };
	const char *const again[] = { "P2:0", NULL };
	const char *const daily[] = { "P1:0", "P3:0", "P4:0", NULL };

	assert_int_equal(export(f, REG_PERSONS, REG_MODE_FULL, &file), 3);
	path = result(f, file, first);
	if (results(f, path, &rep, &err) != 0)
		fail_msg("results: %s", err);
	assert_int_equal(rep.accepted, 2);
	assert_int_equal(rep.failed, 1);
	assert_int_equal(rep.nmessages, 1);
	assert_non_null(strstr(rep.messages[0], "P2: 2: E1 bad"));
	reg_results_report_clear(&rep);
	free(path);
	free(file);
	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	assert_int_equal(p.failed[REG_PERSONS], 1);
	assert_int_equal(p.changes[REG_PERSONS], 1);

	/* Retry: P2 only. */
	assert_int_equal(export(f, REG_PERSONS, REG_MODE_RETRY, &file), 1);
	path = result(f, file, again);
	assert_int_equal(results(f, path, &rep, &err), 0);
	reg_results_report_clear(&rep);
	free(path);
	free(file);
	assert_int_equal(export(f, REG_PERSONS, REG_MODE_DIFF, &file), 0);
	assert_null(file);

	/* A change (P1's address), a loss (P3), a newcomer (P4), and P2's
	 * employer, which the registration file does not carry. */
	import(f, "P1,133033,1,1,1,,山田　太郎,ヤマダ　タロウ,19750402,1,大阪府,131016,1,,20100401,\n"
	    "P2,133033,1,2,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,東京都,131016,1,佐藤商店,20100401,\n"
	    "P3,133033,1,3,1,,鈴木　次郎,スズキ　ジロウ,19500101,1,東京都,131016,1,,20000401,20261031\n"
	    "P4,133033,1,4,1,,田中　三郎,タナカ　サブロウ,19900101,1,東京都,131016,1,,20261101,\n");
	confirm(f, "P4", "161803398872");
	assert_int_equal(export(f, REG_PERSONS, REG_MODE_DIFF, &file), 3);
	path = result(f, file, daily);
	assert_int_equal(results(f, path, &rep, &err), 0);
	reg_results_report_clear(&rep);
	free(path);
	free(file);
	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	assert_int_equal(p.changes[REG_PERSONS], 0);
	assert_int_equal(p.failed[REG_PERSONS], 0);
	assert_int_equal(p.awaiting[REG_PERSONS], 0);
}

/* A person changed after their record went out keeps their place in the
 * next differential when the result accepts the older record; a file
 * given up (--force) leaves its persons for the next differential too. */
static void
test_change_while_waiting(void **st)
{
	struct fixture *f = *st;
	struct reg_results_report rep;
	struct reg_export_request rq = { REG_PERSONS, REG_MODE_DIFF, NULL, NULL,
	    NULL, 1 };
	struct reg_export_report xrep;
	struct reg_pending p;
	char *file, *path, *err = NULL;
	const char *const all[] = { "P1:0", "P2:0", "P3:0", NULL };
	const char *const p1[] = { "P1:0", NULL };

	assert_int_equal(export(f, REG_PERSONS, REG_MODE_FULL, &file), 3);
	/* P1 moves while the file waits for its result. */
	import(f, "P1,133033,1,1,1,,山田　太郎,ヤマダ　タロウ,19750402,1,大阪府,131016,1,,20100401,\n"
	    ROW2 ROW3);
	path = result(f, file, all);
	assert_int_equal(results(f, path, &rep, &err), 0);
	reg_results_report_clear(&rep);
	free(path);
	free(file);
	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	assert_int_equal(p.changes[REG_PERSONS], 1);
	assert_int_equal(export(f, REG_PERSONS, REG_MODE_DIFF, &file), 1);
	/* That file is never sent: given up, its person comes again. */
	rq.out_dir = f->out;
	assert_int_equal(ops_reg_export(f->s, &rq, &xrep, &err), 0);
	assert_int_equal(xrep.records, 1);
	path = result(f, strrchr(xrep.file, '/') + 1, p1);
	reg_export_report_clear(&xrep);
	assert_int_equal(results(f, path, &rep, &err), 0);
	reg_results_report_clear(&rep);
	free(path);
	free(file);
	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	assert_int_equal(p.changes[REG_PERSONS], 0);
}

/* Exports kind in mode and imports a result of answers for it. */
/* The counts are kept while the vault is unchanged (home and the
 * registration area ask one after the other): a file written by another
 * session, and an answer imported while this session was away, are
 * counted by the next call and the next session. */
static void
test_pending_follows_changes(void **st)
{
	struct fixture *f = *st;
	struct reg_export_request rq = { REG_PERSONS, REG_MODE_FULL, f->out,
	    NULL, NULL, 0 };
	const char *const all[] = { "P1:0", "P2:0", "P3:0", NULL };
	struct reg_results_report res;
	struct reg_export_report rep;
	struct reg_pending p;
	char *file, *path, *err = NULL;

	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	assert_int_equal(p.awaiting[REG_PERSONS], 0);
	assert_int_equal(p.changes[REG_PERSONS], 3);
	if (ops_reg_export(f->s2, &rq, &rep, &err) != 0)
		fail_msg("export: %s", err);
	file = xstrdup(strrchr(rep.file, '/') + 1);
	reg_export_report_clear(&rep);
	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	assert_int_equal(p.awaiting[REG_PERSONS], 1);

	ops_logout(f->s);
	path = result(f, file, all);
	if (ops_reg_results(f->s2, path, NULL, &res, &err) != 0)
		fail_msg("results: %s", err);
	reg_results_report_clear(&res);
	f->s = test_login(f->vault, "admin", TEST_PW);
	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	assert_int_equal(p.awaiting[REG_PERSONS], 0);
	assert_int_equal(p.changes[REG_PERSONS], 0);
	assert_int_equal(p.changes[REG_QUALIFICATION], 3);
	free(path);
	free(file);
}

static void
round_trip(struct fixture *f, enum reg_kind kind, enum reg_mode mode,
    const char *const *answers)
{
	struct reg_results_report rep;
	char *file, *path, *err = NULL;

	if (export(f, kind, mode, &file) == 0)
		fail_msg("nothing to send");
	path = result(f, file, answers);
	if (results(f, path, &rep, &err) != 0)
		fail_msg("results: %s", err);
	reg_results_report_clear(&rep);
	free(path);
	free(file);
}

static long long
qualification_changes(struct fixture *f)
{
	struct reg_pending p;

	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	return p.changes[REG_QUALIFICATION];
}

/* A branch number marks the person's qualification data for the next
 * differential when it is new or changed, not when a result gives it
 * again unchanged. */
static void
test_branch_marks(void **st)
{
	struct fixture *f = *st;
	const char *const all[] = { "P1:0", "P2:0", "P3:0", NULL };
	const char *const moved[] = { "P1:0", "P2:0:2222222222", "P3:0", NULL };
	char *file, *path, *text, *err = NULL;
	size_t len;

	round_trip(f, REG_PERSONS, REG_MODE_FULL, all);
	assert_int_equal(qualification_changes(f), 3);
	round_trip(f, REG_QUALIFICATION, REG_MODE_FULL, all);
	assert_int_equal(qualification_changes(f), 0);
	/* Registered again, the same branch numbers come back. */
	round_trip(f, REG_PERSONS, REG_MODE_FULL, all);
	assert_int_equal(qualification_changes(f), 0);
	assert_int_equal(export(f, REG_QUALIFICATION, REG_MODE_DIFF, &file), 0);
	assert_null(file);
	/* P2's changes: only P2 goes out, with the new branch number. */
	round_trip(f, REG_PERSONS, REG_MODE_FULL, moved);
	assert_int_equal(qualification_changes(f), 1);
	assert_int_equal(export(f, REG_QUALIFICATION, REG_MODE_DIFF, &file), 1);
	path = xasprintf("%s/%s", f->out, file);
	assert_int_equal(readfile_all(path, 1 << 20, &text, &len, &err), 0);
	assert_non_null(strstr(text, "2222222222"));
	assert_non_null(strstr(text, "P2"));
	assert_null(strstr(text, "P1"));
	free(text);
	free(path);
	free(file);
}

/* The same with the branch numbers and marks sought one by one, as for a
 * result of a few persons spread wide. */
static void
test_branch_marks_sought(void **st)
{
	regstore_scan_ratio = 0;
	test_branch_marks(st);
	regstore_scan_ratio = 16;
}

static void
test_no_number_in_audit(void **st)
{
	struct fixture *f = *st;
	char *file, *detail;
	int i;

	assert_int_equal(export(f, REG_PERSONS, REG_MODE_FULL, &file), 3);
	free(file);
	detail = db_get_text(f->s->v->db, "SELECT group_concat(action || ' ' || "
	    "subject || ' ' || detail, '|') FROM audit WHERE ? IS NOT NULL", "x");
	assert_non_null(detail);
	assert_non_null(strstr(detail, "bulk.export"));
	for (i = 0; i < 3; i++)
		assert_null(strstr(detail, numbers[i]));
	free(detail);
}

static void
test_file_kind_needs_input(void **st)
{
	struct fixture *f = *st;
	struct reg_export_request rq = { REG_SOSAI, REG_MODE_FULL, f->out, NULL,
	    NULL, 0 };
	struct reg_export_report rep;
	char *err = NULL;

	assert_int_equal(ops_reg_export(f->s, &rq, &rep, &err), -1);
	assert_non_null(strstr(err, "--file"));
	reg_export_report_clear(&rep);
	free(err);
}

/* Appends one history row to the string arg points to. */
static int
hist_line(const struct reghist_row *h, void *arg)
{
	char **out = arg, *next;

	next = xasprintf("%s%s %s %lld %d %s %s %s\n", *out ? *out : "", h->file,
	    h->kind, h->seq, h->action, h->status, h->branch, h->message);
	free(*out);
	*out = next;
	return 0;
}

/* The history of person Pn, one line per record. */
static char *
history_of(struct fixture *f, int n)
{
	char *out = xstrdup(""), key[16];

	snprintf(key, sizeof key, "P%d", n);

	assert_int_equal(regstore_history(f->s->v, key, hist_line, &out,
	    NULL), 0);
	return out;
}

/* Writes the records of file id back as 0008 kept them, one row each. */
static int
legacy_row(long long seq, const struct regpack_rec *r, void *arg)
{
	sqlite3_stmt *st = arg;

	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_int64(st, 2, r->person);
	sqlite3_bind_text(st, 3, r->rkey, (int)r->rkey_len, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, r->action);
	sqlite3_bind_blob(st, 5, r->sent, 32, SQLITE_STATIC);
	sqlite3_bind_blob(st, 6, r->content, 32, SQLITE_STATIC);
	if (r->src != NULL)
		sqlite3_bind_blob(st, 7, r->src, 32, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 7);
	if (r->hmac != NULL)
		sqlite3_bind_blob(st, 8, r->hmac, 32, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 8);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_reset(st);
	return 0;
}

/* The accepted answers packed since 0033, as 0008 kept them: in the
 * records' rows. */
static void
packed_to_records(sqlite3 *db)
{
	sqlite3_stmt *st, *up;
	long long i, n;

	assert_int_equal(db_prepare(db, "SELECT file_id, first_seq, n, data "
	    "FROM reg_answer_packs", &st, NULL), 0);
	assert_int_equal(db_prepare(db, "UPDATE reg_records SET status = "
	    "'accepted', branch = ? WHERE file_id = ? AND seq = ?", &up, NULL),
	    0);
	while (sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_int64(st, 2);
		for (i = 0; i < n; i++) {
			const char *b;
			size_t len;

			if (regans_find(sqlite3_column_blob(st, 3), (size_t)
			    sqlite3_column_bytes(st, 3), i, &b, &len) != 1)
				continue;
			sqlite3_bind_text(up, 1, b, (int)len, SQLITE_TRANSIENT);
			sqlite3_bind_int64(up, 2, sqlite3_column_int64(st, 0));
			sqlite3_bind_int64(up, 3, sqlite3_column_int64(st, 1) + i);
			assert_int_equal(sqlite3_step(up), SQLITE_DONE);
			sqlite3_reset(up);
		}
	}
	sqlite3_finalize(st);
	sqlite3_finalize(up);
}

/* A vault that registered under 0008 (one row per record) keeps its
 * history through 0009: the rows are packed, the answers kept, and the
 * old table goes. */
/* The registration migrations since 0009: a vault from before them is made
 * by undoing their tables, and only they run again (the others' changes,
 * accounts or J-LIS, are not undone and must not run twice). */
static const int reg_chain[] = { 9, 10, 11, 16, 17, 30, 33 };

/* A folder of links to the migrations before 0009 and to reg_chain. */
static char *
reg_chain_dir(void)
{
	char *dir = test_tmpdir(), *src, *dst;
	DIR *d = opendir(MYNA_SRCDIR "/vault");
	struct dirent *e;
	size_t i;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		long v = strtol(e->d_name, NULL, 10);
		int keep = v > 0 && v < 9;

		if (strlen(e->d_name) < 9 || strcmp(e->d_name +
		    strlen(e->d_name) - 4, ".sql") != 0)
			continue;
		for (i = 0; i < sizeof reg_chain / sizeof reg_chain[0]; i++)
			keep |= v == reg_chain[i];
		if (!keep)
			continue;
		src = xasprintf("%s/vault/%s", MYNA_SRCDIR, e->d_name);
		dst = xasprintf("%s/%s", dir, e->d_name);
		assert_int_equal(symlink(src, dst), 0);
		free(src);
		free(dst);
	}
	closedir(d);
	return dir;
}

static void
test_legacy_records_migrated(void **st)
{
	char *dir;
	struct fixture *f = *st;
	struct reg_results_report rep;
	const char *const answers[] = { "P1:0", "P2:9", "P3:0", NULL };
	sqlite3 *db = f->s->v->db;
	char *file, *path, *before[3], *after, *err = NULL;
	sqlite3_stmt *ins;
	long long n, id;
	int applied, i;

	assert_int_equal(export(f, REG_PERSONS, REG_MODE_FULL, &file), 3);
	path = result(f, file, answers);
	assert_int_equal(results(f, path, &rep, &err), 0);
	reg_results_report_clear(&rep);
	assert_int_equal(export(f, REG_PERSONS, REG_MODE_RETRY, NULL), 1);
	for (i = 0; i < 3; i++)
		before[i] = history_of(f, i + 1);
	assert_non_null(strstr(before[1], "failed"));
	/* Back to 0008's form. */
	assert_int_equal(db_exec(db, "CREATE TABLE reg_records (file_id INTEGER "
	    "NOT NULL, seq INTEGER NOT NULL, person_id INTEGER NOT NULL, rkey "
	    "TEXT NOT NULL, action INTEGER NOT NULL, sent_hash BLOB NOT NULL, "
	    "content_hash BLOB NOT NULL, src_hash BLOB, num_hmac BLOB, status "
	    "TEXT NOT NULL DEFAULT 'sent', branch TEXT, message TEXT, PRIMARY "
	    "KEY (file_id, seq)) WITHOUT ROWID; CREATE INDEX reg_records_person "
	    "ON reg_records (person_id);", NULL), 0);
	for (id = 1; id <= 2; id++) {
		char *sql = xasprintf("INSERT INTO reg_records (file_id, seq, "
		    "person_id, rkey, action, sent_hash, content_hash, src_hash, "
		    "num_hmac) VALUES (%lld, ?, ?, ?, ?, ?, ?, ?, ?)", id);

		assert_int_equal(db_prepare(db, sql, &ins, NULL), 0);
		assert_int_equal(regsent_each(f->s->v, id, legacy_row, ins,
		    NULL), 0);
		sqlite3_finalize(ins);
		free(sql);
	}
	packed_to_records(db);
	assert_int_equal(db_exec(db, "UPDATE reg_records SET (status, branch, "
	    "message) = (SELECT status, branch, message FROM reg_answers a "
	    "WHERE a.file_id = reg_records.file_id AND a.seq = reg_records.seq) "
	    "WHERE EXISTS (SELECT 1 FROM reg_answers a WHERE a.file_id = "
	    "reg_records.file_id AND a.seq = reg_records.seq); "
	    /* 0008 kept what each accepted record was built from (0016
	     * dropped it again). */
	    "CREATE TABLE reg_state_0008 (kind TEXT NOT NULL, rkey TEXT NOT "
	    "NULL, person_id INTEGER NOT NULL, file_id INTEGER NOT NULL, seq "
	    "INTEGER NOT NULL, action INTEGER NOT NULL, content_hash BLOB NOT "
	    "NULL, src_hash BLOB, num_hmac BLOB, PRIMARY KEY (kind, rkey)) "
	    "WITHOUT ROWID; INSERT INTO reg_state_0008 (kind, rkey, person_id, "
	    "file_id, seq, action, content_hash) SELECT kind, rkey, person_id, "
	    "file_id, seq, action, content_hash FROM reg_state; DROP TABLE "
	    "reg_state; ALTER TABLE reg_state_0008 RENAME TO reg_state; "
	    "CREATE INDEX reg_state_person ON reg_state (kind, person_id); "
	    "UPDATE reg_state SET src_hash = (SELECT row_hash FROM persons p "
	    "WHERE p.id = reg_state.person_id), num_hmac = (SELECT hmac FROM "
	    "numbers n WHERE n.person_id = reg_state.person_id AND n.state = "
	    "'confirmed'); DROP TABLE "
	    "reg_sent; DROP TABLE reg_answers; DROP TABLE reg_dirty; "
	    "DROP TABLE reg_epoch; DROP TABLE reg_file_epochs; "
	    "DROP INDEX reg_state_person; DROP TRIGGER "
	    "reg_dirty_number_new; DROP TRIGGER reg_dirty_number_changed; "
	    "DROP TRIGGER reg_dirty_number_gone; "
	    /* Later migrations run again too: their tables go. */
	    "DROP TABLE reg_collation; DROP TABLE reg_jlis_mismatches; "
	    "DROP TABLE reg_answer_packs; "
	    "DELETE FROM schema_migrations WHERE version >= 9;", NULL), 0);
	dir = reg_chain_dir();
	assert_int_equal(migrate_apply(f->s->v, dir, "admin", &applied, &err),
	    0);
	test_rm_rf(dir);
	free(dir);
	assert_int_equal(applied, (int)(sizeof reg_chain / sizeof reg_chain[0]));
	/* 0016 narrowed the state again: the built-from hashes are gone. */
	assert_int_not_equal(sqlite3_prepare_v2(db, "SELECT src_hash FROM "
	    "reg_state", -1, &ins, NULL), SQLITE_OK);
	for (i = 0; i < 3; i++) {
		after = history_of(f, i + 1);
		assert_string_equal(after, before[i]);
		free(after);
		free(before[i]);
	}
	assert_int_equal(regsent_count(f->s->v, 0, &n, NULL), 0);
	assert_int_equal(n, 4);
	assert_int_equal(db_get_int(db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'reg_records'", NULL, &n, NULL), 0);
	assert_int_equal(n, 0);
	/* Only the refused P2 is left for the next differential of persons;
	 * nobody has a qualification record yet. */
	after = db_get_text(db, "SELECT group_concat(p.key) FROM reg_dirty d "
	    "JOIN persons p ON p.id = d.person_id WHERE d.kinds & 1", NULL);
	assert_string_equal(after, "P2");
	free(after);
	assert_int_equal(db_get_int(db, "SELECT count(*) FROM reg_dirty WHERE "
	    "kinds & 2", NULL, &n, NULL), 0);
	assert_int_equal(n, 3);
	free(path);
	free(file);
}

/* --- J-LIS collation (May 2024) --------------------------------------- */

#define MISMATCH_P2 "P2:0:1234567890:1,00001,,,,,東京都１番地"

static long long
blocked(struct fixture *f)
{
	long long n = -1;

	assert_int_equal(ops_reg_blocked_count(f->s, &n, NULL), 0);
	return n;
}

struct seen_rows {
	int n;
	char text[2048];
};

static int
seen_row(const struct coll_list_row *r, void *arg)
{
	struct seen_rows *s = arg;
	size_t len = strlen(s->text);

	s->n++;
	snprintf(s->text + len, sizeof s->text - len, "%s %s %s %s|%s %d;",
	    r->key, r->state, r->items, r->mine[COLL_ADDRESS],
	    r->theirs[COLL_ADDRESS], r->dirty);
	return 0;
}

/* The export's record of key in the newest file: its line, or NULL. */
static char *
record_of(struct fixture *f, const char *file, const char *key)
{
	char *path = xasprintf("%s/%s", f->out, file), *text, *line = NULL;
	char *needle = xasprintf(",%s,", key), *p, *e, *err = NULL;
	size_t len;

	assert_int_equal(readfile_all(path, 1 << 20, &text, &len, &err), 0);
	if ((p = strstr(text, needle)) != NULL) {
		while (p > text && p[-1] != '\n')
			p--;
		e = strchr(p, '\r');
		line = e ? xstrndup(p, (size_t)(e - p)) : xstrdup(p);
	}
	free(text);
	free(path);
	free(needle);
	return line;
}

/* A mismatch is its own state: registered (branch number issued), not
 * refused, the person blocked and listed with the differing item beside
 * the record; a person's history says so. */
static void
test_collation_mismatch(void **st)
{
	struct fixture *f = *st;
	struct reg_results_report rep;
	struct reg_pending p;
	struct seen_rows seen = { 0, "" };
	const char *const answers[] = { "P1:0:1234567890:0,,,,,,",
	    MISMATCH_P2, "P3:0:1234567890:0,,,,,,", NULL };
	char *file, *path, *hist, *err = NULL;

	assert_int_equal(export(f, REG_PERSONS, REG_MODE_FULL, &file), 3);
	path = result(f, file, answers);
	if (results(f, path, &rep, &err) != 0)
		fail_msg("results: %s", err);
	assert_int_equal(rep.accepted, 3);
	assert_int_equal(rep.failed, 0);
	assert_int_equal(rep.jlis_mismatch, 1);
	reg_results_report_clear(&rep);
	assert_int_equal(blocked(f), 1);
	assert_int_equal(ops_reg_mismatches(f->s, seen_row, &seen, NULL), 0);
	assert_int_equal(seen.n, 1);
	assert_string_equal(seen.text,
	    "P2 mismatch 00001 東京都|東京都１番地 0;");
	/* Registered: nothing to retry, the branch number is there. */
	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	assert_int_equal(p.failed[REG_PERSONS], 0);
	hist = history_of(f, 2);
	assert_non_null(strstr(hist, "jlis-mismatch"));
	free(hist);
	hist = history_of(f, 1);
	assert_null(strstr(hist, "jlis-mismatch"));
	free(hist);
	free(path);
	free(file);
}

/* The first resolution: the existing system corrects the record; the
 * next differential sends it and a result without a mismatch settles it. */
static void
test_collation_corrected(void **st)
{
	struct fixture *f = *st;
	struct reg_results_report rep;
	struct seen_rows seen = { 0, "" };
	const char *const first[] = { "P1:0", MISMATCH_P2, "P3:0", NULL };
	const char *const again[] = { "P2:0:1234567890:0,,,,,,", NULL };
	char *file, *path, *line, *err = NULL;

	round_trip(f, REG_PERSONS, REG_MODE_FULL, first);
	assert_int_equal(blocked(f), 1);
	/* Unchanged, nothing goes out and the person stays blocked. */
	assert_int_equal(export(f, REG_PERSONS, REG_MODE_DIFF, &file), 0);
	import(f, ROW1 "P2,133033,1,2,1,,佐藤　一郎,サトウ　イチロウ,"
	    "19600101,1,東京都１番地,131016,1,,20100401,\n" ROW3);
	assert_int_equal(ops_reg_mismatches(f->s, seen_row, &seen, NULL), 0);
	assert_non_null(strstr(seen.text, "東京都１番地|東京都１番地 1;"));
	assert_int_equal(export(f, REG_PERSONS, REG_MODE_DIFF, &file), 1);
	line = record_of(f, file, "P2");
	assert_non_null(line);
	/* A change (2), sent with the ordinary flag. */
	assert_non_null(strstr(line, "1,2,133033,P2,"));
	assert_non_null(strstr(line, ",314159265352,0,"));
	free(line);
	assert_int_equal(blocked(f), 1);
	path = result(f, file, again);
	if (results(f, path, &rep, &err) != 0)
		fail_msg("results: %s", err);
	assert_int_equal(rep.jlis_settled, 1);
	reg_results_report_clear(&rep);
	assert_int_equal(blocked(f), 0);
	free(path);
	free(file);
}

/* The second resolution: "no error, with a reason" by a supervisor with a
 * second person, audited; the next differential sends the record with the
 * flag, and keeps sending it with the flag (a record without it would be
 * collated and blocked again). */
static void
test_collation_no_error(void **st)
{
	struct fixture *f = *st;
	const char *const first[] = { "P1:0", MISMATCH_P2, "P3:0", NULL };
	const char *const ok[] = { "P2:0:1234567890:0,,,,,,", NULL };
	struct reg_results_report rep;
	char *file, *path, *line, *audit, *err = NULL;

	round_trip(f, REG_PERSONS, REG_MODE_FULL, first);
	/* A clerk cannot; nor one person alone; nor a short reason, one
	 * with a number in it, or a person who is not blocked. */
	assert_int_equal(ops_reg_no_error(f->s2, "P2", "住民票の表記ゆれ",
	    sato_ok(f->s2),
	    &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(test_witness_check(f->s, "admin", TEST_PW, &err), -1);
	assert_non_null(strstr(err, "someone else"));
	free(err);
	err = NULL;
	assert_int_equal(test_witness_check(f->s, "sato", "not-the-password",
	    &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_reg_no_error(f->s, "P2", "ok", sato_ok(f->s),
	    &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_reg_no_error(f->s, "P2", "番号 314159265352 確認",
	    sato_ok(f->s), &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(ops_reg_no_error(f->s, "P1", "住民票の表記ゆれ", sato_ok(f->s),
	    &err), -1);
	assert_non_null(strstr(err, "no open J-LIS mismatch"));
	free(err);
	err = NULL;
	assert_int_equal(blocked(f), 1);
	if (ops_reg_no_error(f->s, "P2", "住民票の表記ゆれ: 窓口で確認", sato_ok(f->s),
	    &err) != 0)
		fail_msg("no-error: %s", err);
	audit = db_get_text(f->s->v->db, "SELECT actor || ' ' || actor2 || ' ' "
	    "|| subject || ' ' || detail FROM audit WHERE action = ?",
	    "registration.no-error");
	assert_non_null(audit);
	assert_string_equal(audit, "admin sato P2 reason=住民票の表記ゆれ: "
	    "窓口で確認");
	free(audit);
	/* Still blocked until the server registers it. */
	assert_int_equal(blocked(f), 1);
	assert_int_equal(export(f, REG_PERSONS, REG_MODE_DIFF, &file), 1);
	line = record_of(f, file, "P2");
	assert_non_null(line);
	assert_non_null(strstr(line, ",314159265352,1,"));
	free(line);
	path = result(f, file, ok);
	if (results(f, path, &rep, &err) != 0)
		fail_msg("results: %s", err);
	assert_int_equal(rep.jlis_settled, 1);
	reg_results_report_clear(&rep);
	assert_int_equal(blocked(f), 0);
	free(path);
	free(file);
	/* Nothing more to send: the flag stays on the record. */
	assert_int_equal(export(f, REG_PERSONS, REG_MODE_DIFF, &file), 0);
	assert_int_equal(export(f, REG_PERSONS, REG_MODE_FULL, &file), 3);
	line = record_of(f, file, "P2");
	assert_non_null(strstr(line, ",314159265352,1,"));
	free(line);
	line = record_of(f, file, "P1");
	assert_non_null(strstr(line, ",621498320257,0,"));
	free(line);
	free(file);
}

/* Collation columns that do not make sense refuse the whole result:
 * nobody is blocked, nothing registered. */
static void
test_collation_malformed(void **st)
{
	struct fixture *f = *st;
	static const char *const bad[][2] = {
		{ "P2:0:1234567890:2,,,,,,", "not 0, 1 or empty" },
		{ "P2:0:1234567890:1,0001,,,,,", "five digits" },
		{ "P2:0:1234567890:1,00021,,,,,", "five digits" },
		{ "P2:0:1234567890:1,,,,,,", "without the items" },
		{ "P2:0:1234567890:1,00000,,,,,", "without the items" },
		{ "P2:0:1234567890:0,00001,,,,,", "not a mismatch" },
		{ "P2:0:1234567890:,10000,,,,,", "not a mismatch" },
		{ "P2:1:1234567890:1,00001,,,,,", "the server refused" },
	};
	struct reg_results_report rep;
	struct reg_pending p;
	char *file, *path, *err = NULL;
	size_t i;

	assert_int_equal(export(f, REG_PERSONS, REG_MODE_FULL, &file), 3);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *answers[] = { "P1:0", bad[i][0], "P3:0", NULL };

		path = result(f, file, answers);
		assert_int_equal(results(f, path, &rep, &err), -1);
		if (strstr(err, bad[i][1]) == NULL)
			fail_msg("%s: %s", bad[i][0], err);
		assert_non_null(strstr(err, "line 2"));
		reg_results_report_clear(&rep);
		free(err);
		err = NULL;
		free(path);
	}
	assert_int_equal(blocked(f), 0);
	assert_int_equal(ops_registration_pending(f->s, &p, NULL), 0);
	assert_int_equal(p.awaiting[REG_PERSONS], 1);
	free(file);
}

/* A 副本 is not collated: a mismatch in its result is a wrong file. */
static void
test_collation_not_in_fukuhon(void **st)
{
	struct fixture *f = *st;
	const char *const all[] = { "P1:0", "P2:0", "P3:0", NULL };
	const char *const q[] = { "P1:0", "P2:0:x:1,00001,,,,,", "P3:0", NULL };
	struct reg_results_report rep;
	char *file, *path, *err = NULL;

	round_trip(f, REG_PERSONS, REG_MODE_FULL, all);
	assert_int_equal(export(f, REG_QUALIFICATION, REG_MODE_FULL, &file), 3);
	path = result(f, file, q);
	assert_int_equal(results(f, path, &rep, &err), -1);
	assert_non_null(strstr(err, "not of a persons file"));
	reg_results_report_clear(&rep);
	free(err);
	free(path);
	free(file);
	assert_int_equal(blocked(f), 0);
}

/* An input file that cannot be read is named as the error's field, so the
 * console puts the cursor on it; a refusal about the kind is not. */
static void
test_source_error_field(void **st)
{
	struct fixture *f = *st;
	struct reg_export_request rq = { REG_KOGAKU, REG_MODE_FULL, f->out, NULL,
	    "/nonexistent/kogaku.csv", 0 };
	struct reg_export_report rep;
	char *err = NULL;

	assert_int_equal(ops_reg_export(f->s, &rq, &rep, &err), -1);
	assert_int_equal(err_field_of(err), ERR_FIELD_SOURCE);
	reg_export_report_clear(&rep);
	free(err);
	err = NULL;
	rq.source = NULL;
	assert_int_equal(ops_reg_export(f->s, &rq, &rep, &err), -1);
	assert_int_equal(err_field_of(err), ERR_FIELD_NONE);
	reg_export_report_clear(&rep);
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_results_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_results_progress, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_retry_and_diff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pending_follows_changes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_legacy_records_migrated,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_branch_marks_sought, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_branch_marks, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_change_while_waiting, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_no_number_in_audit, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_file_kind_needs_input, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_collation_mismatch, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_collation_corrected, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_collation_no_error, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_collation_malformed, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_collation_not_in_fukuhon,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_source_error_field, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
