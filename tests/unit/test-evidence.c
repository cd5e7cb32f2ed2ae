/* Unit tests for evidence in the vault (round trip, limit, tampering, bad
 * references, no overwrite), the type sniffer and reference parser, the
 * dashboard's counts and the PIA records. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "domain/evidence.h"
#include "ops/accounts.h"
#include "ops/dashboard.h"
#include "ops/evidence.h"
#include "ops/idproof.h"
#include "ops/numbers.h"
#include "ops/person-import.h"
#include "ops/pia.h"
#include "ops/settings.h"
#include "store/media.h"
#include "store/vault-impl.h"
#include "testutil.h"
#include "util/xmalloc.h"

#define HEADER "person_id,insurer,symbol,number,relation,member_id,name,kana," \
	"birth,sex,address,municipality,resident,employer,acquired,lost\n"
#define ROW(k, n, lost) k ",133033,1," n ",1,,山田　太郎,ヤマダ　タロウ," \
	"19750402,1,東京都,131016,1,,20100401," lost "\n"

static int
setup(void **st)
{
	struct test_fixture *f = test_fixture_new();
	struct import_request rq = { 0 };
	struct import_report rep;
	char *file, *err = NULL;
	FILE *fp;

	file = xasprintf("%s/x.csv", f->tmp);
	fp = fopen(file, "w");
	/* P4 lost the qualification: a former insured person. */
	fprintf(fp, HEADER ROW("P1", "1", "") ROW("P2", "2", "") ROW("P3", "3", "")
	    ROW("P4", "4", "20200331") ROW("P5", "5", ""));
	fclose(fp);
	rq.file = file;
	if (ops_person_import(f->s, &rq, &rep, &err) != 0)
		fail_msg("import: %s", err);
	import_report_clear(&rep);
	free(file);
	*st = f;
	return 0;
}

/* A file of n bytes with a pattern that no shift or truncation keeps. */
static char *
make_file(struct test_fixture *f, const char *name, long n, const char *head)
{
	char *path = xasprintf("%s/%s", f->tmp, name);
	FILE *fp = fopen(path, "wb");
	long i = 0;

	assert_non_null(fp);
	if (head != NULL)
		for (; head[i] != '\0' && i < n; i++)
			fputc(head[i], fp);
	for (; i < n; i++)
		fputc((int)((i * 2654435761UL) >> 13) & 0xff, fp);
	fclose(fp);
	return path;
}

static int
same_files(const char *a, const char *b)
{
	FILE *x = fopen(a, "rb"), *y = fopen(b, "rb");
	int c, d, same = x != NULL && y != NULL;

	do {
		c = same ? fgetc(x) : EOF;
		d = same ? fgetc(y) : EOF;
		same = same && c == d;
	} while (same && c != EOF);
	if (x)
		fclose(x);
	if (y)
		fclose(y);
	return same;
}

static long long
count(struct session *s, const char *sql)
{
	long long n = -1;

	assert_int_equal(db_get_int(s->v->db, sql, NULL, &n, NULL), 0);
	return n;
}

static int
count_row(const struct evidence_meta *m, void *arg)
{
	(void)m;
	(*(int *)arg)++;
	return 0;
}

static int
list_count(struct session *s)
{
	int n = 0;

	assert_int_equal(ops_evidence_list(s, count_row, &n, NULL), 0);
	return n;
}

static int64_t
add(struct test_fixture *f, const char *path, const char *title, const char *about)
{
	struct evidence_add_request rq = { path, title, about };
	struct evidence_meta m;
	char *err = NULL;

	if (ops_evidence_add(f->s, &rq, &m, &err) != 0)
		fail_msg("add %s: %s", path, err);
	return m.id;
}

static int
add_fails(struct test_fixture *f, const char *path, const char *title,
    const char *about, const char *want)
{
	struct evidence_add_request rq = { path, title, about };
	struct evidence_meta m;
	char *err = NULL;
	int ok;

	if (ops_evidence_add(f->s, &rq, &m, &err) == 0)
		fail_msg("added %s with title '%s' about '%s'", path, title,
		    about ? about : "");
	ok = err != NULL && strstr(err, want) != NULL;
	if (!ok)
		print_error("error was: %s\n", err ? err : "(none)");
	free(err);
	return ok;
}

/* Larger than a chunk and not a multiple of one, so the last partial
 * chunk is exercised; comes back byte for byte. */
static void
test_round_trip(void **st)
{
	struct test_fixture *f = *st;
	char *in = make_file(f, "scan.pdf", 200001, "%PDF-1.7\n"), *out;
	struct evidence_meta m;
	char *err = NULL;
	int64_t id = add(f, in, "scanned form F-2026-118", "person:P1");

	out = xasprintf("%s/copy.pdf", f->tmp);
	assert_int_equal(ops_evidence_info(f->s, id, &m, NULL), 0);
	assert_int_equal(m.size, 200001);
	assert_string_equal(m.type, "application/pdf");
	assert_string_equal(m.about, "person:P1");
	assert_string_equal(m.file, "scan.pdf");
	assert_string_equal(m.actor, "admin");
	assert_int_equal(strlen(m.sha256), 64);
	assert_int_equal(list_count(f->s), 1);
	if (ops_evidence_get(f->s, id, out, &m, &err) != 0)
		fail_msg("get: %s", err);
	assert_true(same_files(in, out));
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit WHERE action = "
	    "'evidence.add' AND subject = 'evidence:1' AND instr(detail, "
	    "'sha256=')"), 1);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit WHERE action = "
	    "'evidence.get' AND subject = 'evidence:1'"), 1);
	free(in);
	free(out);
}

static void
test_empty_and_types(void **st)
{
	struct test_fixture *f = *st;
	char *e = make_file(f, "empty", 0, NULL);
	char *png = make_file(f, "shot.png", 5000, "\x89PNG\r\n\x1a\n");
	char *csv = xasprintf("%s/result.csv", f->tmp), *out, label[16];
	struct evidence_meta m;
	long long mid;
	FILE *fp = fopen(csv, "w");
	int64_t id;

	fputs("key,result\nP1,ok\n", fp);
	fclose(fp);
	id = add(f, e, "empty file", NULL);
	assert_int_equal(ops_evidence_info(f->s, id, &m, NULL), 0);
	assert_int_equal(m.size, 0);
	assert_string_equal(m.type, "application/octet-stream");
	out = xasprintf("%s/empty.out", f->tmp);
	assert_int_equal(ops_evidence_get(f->s, id, out, &m, NULL), 0);
	assert_true(same_files(e, out));
	assert_int_equal(ops_evidence_info(f->s, add(f, png, "connection test",
	    "test:connection"), &m, NULL), 0);
	assert_string_equal(m.type, "image/png");
	assert_int_equal(media_insert(f->s->v, "/x/m1.zip", "00", &mid,
	    label, NULL), 0);
	assert_int_equal(ops_evidence_info(f->s, add(f, csv, "result file",
	    "medium:1"), &m, NULL), 0);
	assert_string_equal(m.type, "text/csv");
	assert_string_equal(m.about, "medium:M0001");
	free(e);
	free(png);
	free(csv);
	free(out);
}

static void
test_size_limit(void **st)
{
	struct test_fixture *f = *st;
	char *big = make_file(f, "big.bin", 1048577, NULL);
	char *fits = make_file(f, "fits.bin", 1048576, NULL);

	/* The default is 20 MB: this passes before the limit is lowered. */
	assert_int_equal(ops_settings_get(f->s, "evidence-max-mb", 0), 20);
	assert_int_equal(ops_settings_set(f->s, "evidence-max-mb", "1", NULL), 0);
	assert_true(add_fails(f, big, "too big", NULL, "evidence-max-mb"));
	assert_int_equal(list_count(f->s), 0);
	add(f, fits, "exactly at the limit", NULL);
	assert_int_equal(ops_settings_set(f->s, "evidence-max-mb", "0", NULL), -1);
	assert_int_equal(ops_settings_set(f->s, "evidence-max-mb", "501", NULL), -1);
	free(big);
	free(fits);
}

/* One byte of the stored blob changed behind mynadesk's back. */
static void
test_tampered_blob(void **st)
{
	struct test_fixture *f = *st;
	char *in = make_file(f, "a.bin", 70000, NULL), *out, *err = NULL;
	struct evidence_meta m;
	sqlite3_blob *b;
	unsigned char c;
	int64_t id = add(f, in, "to be damaged", NULL);

	assert_int_equal(sqlite3_blob_open(f->s->v->db, "main", "evidence", "body",
	    id, 1, &b), SQLITE_OK);
	assert_int_equal(sqlite3_blob_read(b, &c, 1, 66000), SQLITE_OK);
	c ^= 0x01;
	assert_int_equal(sqlite3_blob_write(b, &c, 1, 66000), SQLITE_OK);
	sqlite3_blob_close(b);
	out = xasprintf("%s/out.bin", f->tmp);
	assert_int_equal(ops_evidence_get(f->s, id, out, &m, &err), -1);
	assert_non_null(strstr(err, "DAMAGED"));
	/* No damaged copy is left behind, and the finding is in the log. */
	assert_int_equal(access(out, F_OK), -1);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit WHERE action = "
	    "'evidence.get' AND instr(detail, 'result=damaged')"), 1);
	free(err);
	free(in);
	free(out);
}

static void
test_bad_about_and_title(void **st)
{
	struct test_fixture *f = *st;
	char *in = make_file(f, "x.png", 100, "\x89PNG\r\n\x1a\n");
	char *dir = xasprintf("%s", f->tmp), *missing = xasprintf("%s/nope", f->tmp);

	assert_true(add_fails(f, in, "t", "person:P99", "no person with key"));
	assert_true(add_fails(f, in, "t", "person:", "--about"));
	assert_true(add_fails(f, in, "t", "persons:P1", "--about"));
	assert_true(add_fails(f, in, "t", "P1", "--about"));
	assert_true(add_fails(f, in, "t", "medium:a b", "--about"));
	assert_true(add_fails(f, in, "t", "medium:M0099", "no medium 'M0099'"));
	assert_true(add_fails(f, in, "t", "test:621498320257", "individual number"));
	assert_true(add_fails(f, in, "", NULL, "title"));
	assert_true(add_fails(f, in, NULL, NULL, "title"));
	assert_true(add_fails(f, in, "form of 6214 9832 0257", NULL,
	    "individual number"));
	assert_true(add_fails(f, in, "bad\x01title", NULL, "control"));
	assert_true(add_fails(f, in, "bad \xff utf8", NULL, "UTF-8"));
	assert_true(add_fails(f, dir, "a folder", NULL, "not a regular file"));
	assert_true(add_fails(f, missing, "missing", NULL, "cannot open"));
	/* Nothing was stored and nothing audited. */
	assert_int_equal(list_count(f->s), 0);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit WHERE action = "
	    "'evidence.add'"), 0);
	free(in);
	free(dir);
	free(missing);
}

/* A number in the file's name is masked before it is listed or audited. */
static void
test_file_name_masked(void **st)
{
	struct test_fixture *f = *st;
	char *in = make_file(f, "scan-621498320257.pdf", 10, "%PDF-");
	struct evidence_meta m;

	assert_int_equal(ops_evidence_info(f->s, add(f, in, "scan", NULL), &m,
	    NULL), 0);
	assert_null(strstr(m.file, "621498320257"));
	assert_non_null(strstr(m.file, "0257"));
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit WHERE "
	    "instr(detail, '621498320257')"), 0);
	free(in);
}

static void
test_no_overwrite(void **st)
{
	struct test_fixture *f = *st;
	char *in = make_file(f, "in.bin", 1000, NULL), *out, *err = NULL;
	struct evidence_meta m;
	int64_t id = add(f, in, "keep me", NULL);
	FILE *fp;
	char buf[16] = "";

	out = xasprintf("%s/exists.txt", f->tmp);
	fp = fopen(out, "w");
	fputs("keep", fp);
	fclose(fp);
	assert_int_equal(ops_evidence_get(f->s, id, out, &m, &err), -1);
	assert_non_null(strstr(err, "already exists"));
	fp = fopen(out, "r");
	assert_non_null(fgets(buf, sizeof buf, fp));
	fclose(fp);
	assert_string_equal(buf, "keep");
	assert_int_equal(ops_evidence_get(f->s, 99, "/nonexistent/x", &m, NULL), -1);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit WHERE action = "
	    "'evidence.get'"), 0);
	free(err);
	free(in);
	free(out);
}

static void
test_sniff(void **st)
{
	(void)st;
	assert_string_equal(evidence_sniff(NULL, 0), "application/octet-stream");
	assert_string_equal(evidence_sniff((const unsigned char *)"%PDF-1.4", 8),
	    "application/pdf");
	assert_string_equal(evidence_sniff((const unsigned char *)"%PDF", 4),
	    "text/plain");
	assert_string_equal(evidence_sniff((const unsigned char *)"\xff\xd8\xff\xe0",
	    4), "image/jpeg");
	assert_string_equal(evidence_sniff((const unsigned char *)"II*\0", 4),
	    "image/tiff");
	assert_string_equal(evidence_sniff((const unsigned char *)"MM\0*", 4),
	    "image/tiff");
	assert_string_equal(evidence_sniff((const unsigned char *)"PK\x03\x04", 4),
	    "application/zip");
	assert_string_equal(evidence_sniff((const unsigned char *)"PK\x05\x06", 4),
	    "application/zip");
	assert_string_equal(evidence_sniff((const unsigned char *)"a,b\n1,2\n", 8),
	    "text/csv");
	assert_string_equal(evidence_sniff((const unsigned char *)"a,b\nno comma\n",
	    13), "text/plain");
	assert_string_equal(evidence_sniff((const unsigned char *)"hello\n", 6),
	    "text/plain");
	/* CP932 bytes (ヤマダ,1) count as text. */
	assert_string_equal(evidence_sniff((const unsigned char *)
	    "\x83\x84\x83\x7d\x83\x5f,1", 8), "text/csv");
	assert_string_equal(evidence_sniff((const unsigned char *)"ab\0cd", 5),
	    "application/octet-stream");
}

static void
test_about_parse(void **st)
{
	enum evidence_about_kind k;
	char v[EVIDENCE_ABOUT_MAX], longv[300];

	(void)st;
	assert_int_equal(evidence_about_parse(NULL, &k, v, NULL), 0);
	assert_int_equal(k, ABOUT_NONE);
	assert_int_equal(evidence_about_parse("", &k, v, NULL), 0);
	assert_int_equal(evidence_about_parse("person:P1", &k, v, NULL), 0);
	assert_int_equal(k, ABOUT_PERSON);
	assert_string_equal(v, "P1");
	assert_int_equal(evidence_about_parse("medium:00133033N1Y", &k, v, NULL), 0);
	assert_int_equal(k, ABOUT_MEDIUM);
	assert_int_equal(evidence_about_parse("test:接続テスト 1", &k, v, NULL), 0);
	assert_int_equal(k, ABOUT_TEST);
	assert_string_equal(v, "接続テスト 1");
	assert_int_equal(evidence_about_parse("test:", &k, v, NULL), -1);
	assert_int_equal(k, ABOUT_NONE);
	assert_int_equal(evidence_about_parse(":x", &k, v, NULL), -1);
	assert_int_equal(evidence_about_parse("Person:P1", &k, v, NULL), -1);
	assert_int_equal(evidence_about_parse("medium:../x/y", &k, v, NULL), -1);
	assert_int_equal(evidence_about_parse("test:a\tb", &k, v, NULL), -1);
	memset(longv, 'a', sizeof longv);
	memcpy(longv, "test:", 5);
	longv[sizeof longv - 1] = '\0';
	assert_int_equal(evidence_about_parse(longv, &k, v, NULL), -1);
}

static void
enter(struct session *s, const char *key, const char *num, const char *received)
{
	struct number_entry e = { "member", received, "F-1" };
	enum number_result r;
	char *err = NULL;

	if (ops_number_enter(s, key, num, &e, &r, &err) != 0)
		fail_msg("enter %s: %s", key, err);
}

static void
idproof(struct session *s, const char *key, const char *doc)
{
	const char *docs[] = { doc };
	struct idproof_request rq = { "member", "in-person", docs, 1, NULL, 0 };
	struct idresult res;

	assert_int_equal(ops_idproof_record(s, key, &rq, &res, NULL), 0);
	idresult_clear(&res);
}

static void
days_ago(int n, char out[11])
{
	time_t t = time(NULL) - (time_t)n * 86400;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* P1 entered 6 days ago (past the deadline), P2 entered 5 days ago (the
 * last day, still in time), P5 entered long ago but confirmed, P3 missing
 * with an incomplete identity check, P4 a former insured person. */
static void
test_dashboard(void **st)
{
	struct test_fixture *f = *st;
	struct session *s2;
	struct dashboard d;
	enum number_result r;
	char six[11], five[11], old[11];

	assert_int_equal(ops_user_add(f->s, "sato", "clerk", TEST_PW2, NULL, NULL), 0);
	test_settle_password(f->vault, "sato", TEST_PW2);
	s2 = test_login(f->vault, "sato", TEST_PW2);
	days_ago(6, six);
	days_ago(5, five);
	days_ago(30, old);
	enter(f->s, "P1", "621498320257", six);
	enter(f->s, "P2", "123456789018", five);
	idproof(f->s, "P5", "mynumber-card");
	enter(f->s, "P5", "023456789013", old);
	assert_int_equal(ops_number_confirm(s2, "P5", "023456789013", NULL, &r,
	    NULL), 0);
	idproof(f->s, "P3", "notification-card");
	assert_int_equal(ops_dashboard(f->s, &d, NULL), 0);
	assert_int_equal(d.n.insured, 4);
	assert_int_equal(d.n.former, 1);
	assert_int_equal(d.n.confirmed, 1);
	assert_int_equal(d.n.entered, 2);
	assert_int_equal(d.n.supervisor, 0);
	assert_int_equal(d.n.missing, 1);
	assert_int_equal(d.n.past_deadline, 1);
	assert_int_equal(d.idproof_open, 1);
	assert_int_equal(d.media_transit, 0);
	assert_int_equal(d.media_overdue, 0);
	/* P2's number is confirmed and not yet registered. */
	assert_int_equal(d.reg_pending, 1);
	/* A mistyped confirmation sends P1 to the supervisor: still late. */
	idproof(f->s, "P1", "mynumber-card");
	assert_int_equal(ops_number_confirm(s2, "P1", "023456789013", NULL, &r,
	    NULL), 0);
	assert_int_equal(ops_dashboard(f->s, &d, NULL), 0);
	assert_int_equal(d.n.entered, 1);
	assert_int_equal(d.n.supervisor, 1);
	assert_int_equal(d.n.past_deadline, 1);
	ops_logout(s2);
}

static void
test_pia_records(void **st)
{
	struct test_fixture *f = *st;
	struct pia_facts facts = { -1, -1, -1 };
	struct pia_status ps;
	struct session *c;
	char *err = NULL, tomorrow[11];
	time_t t = time(NULL) + 86400;
	struct tm tm;

	assert_int_equal(ops_pia_persons(f->s, &facts.persons, NULL), 0);
	assert_int_equal(facts.persons, 5);
	facts.persons = -1;
	assert_int_equal(ops_pia_status(f->s, &facts, &ps, NULL), 0);
	assert_int_equal(ps.persons, 5);
	assert_int_equal(ps.r.level, PIA_NONE);
	assert_false(ps.have_last);
	localtime_r(&t, &tm);
	strftime(tomorrow, sizeof tomorrow, "%Y-%m-%d", &tm);
	assert_int_equal(ops_pia_done(f->s, tomorrow, &facts, &ps, &err), -1);
	assert_non_null(strstr(err, "future"));
	free(err);
	assert_int_equal(ops_pia_done(f->s, "2026-02-30", &facts, &ps, NULL), -1);
	assert_int_equal(ops_user_add(f->s, "clerk1", "clerk", TEST_PW3, NULL, NULL), 0);
	test_settle_password(f->vault, "clerk1", TEST_PW3);
	c = test_login(f->vault, "clerk1", TEST_PW3);
	assert_int_equal(ops_pia_done(c, "2024-02-29", &facts, &ps, NULL), -1);
	ops_logout(c);
	assert_int_equal(ops_pia_done(f->s, "2024-02-29", &facts, &ps, NULL), 0);
	assert_true(ps.have_last);
	assert_string_equal(ps.due, "2025-02-28");
	assert_true(ps.overdue);
	assert_int_equal(ps.crossed, 0);
	/* A what-if count past 1,000 crosses the first line. */
	facts.persons = 1000;
	assert_int_equal(ops_pia_status(f->s, &facts, &ps, NULL), 0);
	assert_int_equal(ps.crossed, 1000);
	assert_true(ps.level_changed);
	assert_int_equal(count(f->s, "SELECT count(*) FROM audit WHERE action = "
	    "'pia.done' AND instr(detail, 'date=2024-02-29 persons=5 level=none')"),
	    1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, test_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_round_trip),
		T(test_empty_and_types),
		T(test_size_limit),
		T(test_tampered_blob),
		T(test_bad_about_and_title),
		T(test_file_name_masked),
		T(test_no_overwrite),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_about_parse),
		T(test_dashboard),
		T(test_pia_records),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
