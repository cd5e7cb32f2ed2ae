/* Unit tests for the person import: what is written, what is refused, and
 * that a refused file leaves the vault exactly as it was. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ops/person-import.h"
#include "ops/persons.h"
#include "store/audit.h"
#include "store/vault-impl.h"
#include "testutil.h"
#include "util/xmalloc.h"

#define HEADER "person_id,insurer,symbol,number,relation,member_id,name,kana," \
	"birth,sex,address,municipality,resident,employer,acquired,lost\r\n"
#define ROW1 "P1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1," \
	"東京都千代田区千代田1-1,131016,1,山田建設,20100401,\r\n"
#define ROW2 "P2,133033,12,345,2,P1,山田　花子,ヤマダ　ハナコ,19780615,2," \
	"東京都千代田区千代田1-1,131016,1,,20100401,\r\n"
#define ROW3 "P3,133033,13,1,1,,佐藤　一郎,サトウ　イチロウ,19600101,1," \
	"\"札幌市中央区北1条西2丁目, 3\",011002,1,,20000401,\r\n"

struct fixture {
	char *tmp, *vault, *file;
	struct session *s;
};

static int
setup(void **st)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->tmp = test_tmpdir();
	f->vault = test_vault(f->tmp, NULL);
	f->s = test_login(f->vault, "admin", TEST_PW);
	f->file = xasprintf("%s/extract.csv", f->tmp);
	*st = f;
	return 0;
}

static int
teardown(void **st)
{
	struct fixture *f = *st;

	ops_logout(f->s);
	test_rm_rf(f->tmp);
	free(f->tmp);
	free(f->vault);
	free(f->file);
	free(f);
	return 0;
}

static void
write_bytes(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static void
write_text(const char *path, const char *text)
{
	write_bytes(path, text, strlen(text));
}

/* Runs an import; returns its status, leaving the report in rep. */
static int
import(struct fixture *f, int accept, struct import_report *rep, char **err)
{
	struct import_request rq = { 0 };

	rq.file = f->file;
	rq.accept_valid = accept;
	return ops_person_import(f->s, &rq, rep, err);
}

static long long
count(struct fixture *f, const char *sql)
{
	long long n = -1;

	assert_int_equal(db_get_int(f->s->v->db, sql, NULL, &n, NULL), 0);
	return n;
}

static void
test_import_counts(void **st)
{
	struct fixture *f = *st;
	struct import_report rep;
	char *err = NULL;

	write_text(f->file, HEADER ROW1 ROW2 ROW3);
	assert_int_equal(import(f, 0, &rep, &err), 0);
	assert_int_equal(rep.counts.added, 3);
	assert_int_equal(rep.counts.rejected, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 3);
	assert_int_equal(count(f, "SELECT count(*) FROM audit WHERE action = "
	    "'person.import'"), 1);
	import_report_clear(&rep);
	/* The same file again: nothing changes. */
	assert_int_equal(import(f, 0, &rep, &err), 0);
	assert_int_equal(rep.counts.unchanged, 3);
	assert_int_equal(rep.counts.added + rep.counts.changed, 0);
	import_report_clear(&rep);
}

static int
history_count(const struct history_row *h, void *arg)
{
	(void)h;
	(*(int *)arg)++;
	return 0;
}

static void
test_reimport_keeps_history(void **st)
{
	struct fixture *f = *st;
	struct import_report rep;
	struct person_view v;
	char *err = NULL;
	int n = 0;

	write_text(f->file, HEADER ROW1 ROW2);
	assert_int_equal(import(f, 0, &rep, &err), 0);
	import_report_clear(&rep);
	/* Hanako moves and changes her kana; the employer changes too, which is
	 * not one of the tracked items. */
	write_text(f->file, HEADER ROW1 "P2,133033,12,345,2,P1,山田　花子,ヤマダ　ハナ,"
	    "19780615,2,東京都港区1-1,131032,1,どこか,20100401,20261031\r\n");
	assert_int_equal(import(f, 0, &rep, &err), 0);
	assert_int_equal(rep.counts.changed, 1);
	assert_int_equal(rep.counts.unchanged, 1);
	import_report_clear(&rep);
	assert_int_equal(ops_person_view(f->s, "P2", &v, &err), 0);
	assert_string_equal(v.p.f[PF_ADDRESS], "東京都港区1-1");
	assert_int_equal(ops_person_history(f->s, &v, history_count, &n, &err), 0);
	assert_int_equal(n, 3);		/* kana, address, lost */
	person_view_clear(&v);
}

/* A file with any error writes nothing, and says where. */
static void
expect_refused(struct fixture *f, const char *body, const char *needle)
{
	struct import_report rep;
	char *err = NULL;
	long long audits = count(f, "SELECT count(*) FROM audit");
	int i, seen = 0;

	write_text(f->file, body);
	assert_int_equal(import(f, 0, &rep, &err), -1);
	assert_non_null(err);
	for (i = 0; i < rep.nmessages; i++)
		seen |= strstr(rep.messages[i], needle) != NULL;
	if (!seen && strstr(err, needle) == NULL)
		fail_msg("no message contains '%s' (err: %s)", needle, err);
	assert_int_equal(count(f, "SELECT count(*) FROM persons"), 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit"), audits);
	assert_false(rep.written);
	free(err);
	import_report_clear(&rep);
}

static void test_wrong_column_count(void **st)
{ expect_refused(*st, HEADER ROW1 "P9,133033,1\r\n", ":3:-: has 3 fields"); }
static void test_bad_date(void **st)
{ expect_refused(*st, HEADER "P1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750230,1,"
    "東京都,131016,1,,20100401,\r\n", ":2:birth:"); }
static void test_bad_municipality(void **st)
{ expect_refused(*st, HEADER "P1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,"
    "東京都,131017,1,,20100401,\r\n", ":2:municipality:"); }
static void test_half_width_kana(void **st)
{ expect_refused(*st, HEADER "P1,133033,12,345,1,,山田　太郎,ﾔﾏﾀﾞ ﾀﾛｳ,19750402,1,"
    "東京都,131016,1,,20100401,\r\n", ":2:kana:"); }
static void test_other_insurer(void **st)
{ expect_refused(*st, HEADER "P1,87654321,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,"
    "東京都,131016,1,,20100401,\r\n", ":2:insurer:"); }
static void test_family_without_member(void **st)
{ expect_refused(*st, HEADER "P2,133033,12,345,2,,山田　花子,ヤマダ　ハナコ,19780615,2,"
    "東京都,131016,1,,20100401,\r\n", ":2:member:"); }
static void test_duplicate_key(void **st)
{ expect_refused(*st, HEADER ROW1 ROW1, ":3:key: person P1 appears twice"); }
static void test_wrong_header(void **st)
{ expect_refused(*st, "id,name\r\n" ROW1, "header does not match"); }
static void test_unterminated_quote(void **st)
{ expect_refused(*st, HEADER ROW1 "P3,\"133033\r\n", "line"); }

static void
test_invalid_utf8(void **st)
{
	struct fixture *f = *st;
	char body[1024];

	snprintf(body, sizeof body, HEADER "P1,133033,12,345,1,,山田\xff太郎,ヤマダ　タロウ,"
	    "19750402,1,東京都,131016,1,,20100401,\r\n");
	expect_refused(f, body, ":2:name:");
}

/* A 10 MB line is refused by the reader's limits, with nothing written. */
static void
test_huge_line(void **st)
{
	struct fixture *f = *st;
	size_t n = 10 * 1024 * 1024, h = strlen(HEADER);
	char *body = xmalloc(h + n + 3);

	memcpy(body, HEADER, h);
	memset(body + h, 'x', n);
	memcpy(body + h + n, "\r\n", 3);
	expect_refused(f, body, "line 2");
	free(body);
}

static void
test_accept_valid_lines(void **st)
{
	struct fixture *f = *st;
	struct import_report rep;
	char *err = NULL, *detail;

	write_text(f->file, HEADER ROW1 "P9,133033,1\r\n" ROW3);
	assert_int_equal(import(f, 1, &rep, &err), 0);
	assert_int_equal(rep.counts.added, 2);
	assert_int_equal(rep.counts.rejected, 1);
	assert_int_equal(rep.nmessages, 1);
	import_report_clear(&rep);
	detail = db_get_text(f->s->v->db, "SELECT detail FROM audit WHERE action = ?",
	    "person.import");
	assert_non_null(strstr(detail, "accepted=valid-lines-only"));
	assert_non_null(strstr(detail, "rejected=1"));
	free(detail);
	assert_int_equal(count(f, "SELECT partial FROM extracts"), 1);
}

static void
test_cp932_layout(void **st)
{
	struct fixture *f = *st;
	struct import_request rq = { 0 };
	struct import_report rep;
	char *layout = xasprintf("%s/cp932.layout", f->tmp), *cmd, *err = NULL;
	int rc;

	/* The default layout with CP932 encoding, and the file converted. */
	cmd = xasprintf("sed 's/^encoding = UTF-8/encoding = CP932/' %s/forms/persons.layout > %s && "
	    "printf '%%s' '%s' | iconv -f UTF-8 -t CP932 > %s", MYNA_SRCDIR, layout,
	    HEADER ROW1 ROW2, f->file);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	rq.file = f->file;
	rq.layout = layout;
	rc = ops_person_import(f->s, &rq, &rep, &err);
	if (rc != 0)
		fail_msg("cp932 import: %s", err);
	assert_int_equal(rep.counts.added, 2);
	import_report_clear(&rep);
	/* Bytes that are not CP932 are refused with their position. */
	write_bytes(f->file, HEADER "P3,\x81\r\n", strlen(HEADER) + 7);
	assert_int_equal(ops_person_import(f->s, &rq, &rep, &err), -1);
	assert_non_null(strstr(err, "CP932"));
	free(err);
	import_report_clear(&rep);
	free(layout);
}

/* Added and changed persons are marked for the next registration
 * differential, unchanged ones are not, and a mark already there for
 * another reason (a number: kind 1) is kept. The marks are written in runs
 * of consecutive ids; a changed person between unchanged ones splits them. */
static void
test_reimport_marks(void **st)
{
	struct fixture *f = *st;
	struct import_report rep;
	char *err = NULL;

	write_text(f->file, HEADER ROW1 ROW2 ROW3);
	assert_int_equal(import(f, 0, &rep, &err), 0);
	import_report_clear(&rep);
	assert_int_equal(count(f, "SELECT count(*) FROM reg_dirty WHERE kinds = 3 "
	    "AND person_id IN (SELECT id FROM persons)"), 3);
	assert_int_equal(db_exec(f->s->v->db, "DELETE FROM reg_dirty; INSERT INTO "
	    "reg_dirty (person_id, kinds, epoch) SELECT id, 1, 1 FROM persons "
	    "WHERE key = 'P2'", NULL), 0);
	/* P1 and P3 changed, P2 unchanged, P4 new. */
	write_text(f->file, HEADER
	    "P1,133033,12,345,1,,山田　太郎,ヤマダ　タロウ,19750402,1,"
	    "東京都千代田区千代田1-2,131016,1,山田建設,20100401,\r\n" ROW2
	    "P3,133033,13,1,1,,佐藤　一郎,サトウ　イチロウ,19600101,1,"
	    "札幌市中央区北1条西2丁目,011002,1,,20000401,\r\n"
	    "P4,133033,13,2,1,,佐藤　二郎,サトウ　ジロウ,19620101,1,"
	    "札幌市中央区北1条西2丁目,011002,1,,20000401,\r\n");
	assert_int_equal(import(f, 0, &rep, &err), 0);
	assert_int_equal(rep.counts.changed, 2);
	assert_int_equal(rep.counts.added, 1);
	assert_int_equal(rep.counts.unchanged, 1);
	import_report_clear(&rep);
	assert_int_equal(count(f, "SELECT count(*) FROM reg_dirty d JOIN persons p "
	    "ON p.id = d.person_id WHERE (p.key IN ('P1', 'P3', 'P4') AND kinds = 3) "
	    "OR (p.key = 'P2' AND kinds = 1)"), 4);
	assert_int_equal(count(f, "SELECT count(*) FROM reg_dirty"), 4);
	/* A refused file marks nothing. */
	assert_int_equal(db_exec(f->s->v->db, "DELETE FROM reg_dirty", NULL), 0);
	write_text(f->file, HEADER "P5,133033,13,3,1,,佐藤　三郎,サトウ　サブロウ,"
	    "19640101,1,札幌市中央区北1条西2丁目,011002,1,,20000401,\r\n"
	    "P9,133033,1\r\n");
	assert_int_equal(import(f, 0, &rep, &err), -1);
	free(err);
	import_report_clear(&rep);
	assert_int_equal(count(f, "SELECT count(*) FROM reg_dirty"), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_import_counts),
		T(test_reimport_keeps_history),
		T(test_wrong_column_count),
		T(test_bad_date),
		T(test_bad_municipality),
		T(test_half_width_kana),
		T(test_other_insurer),
		T(test_family_without_member),
		T(test_duplicate_key),
		T(test_wrong_header),
		T(test_unterminated_quote),
		T(test_invalid_utf8),
		T(test_huge_line),
		T(test_accept_valid_lines),
		T(test_cp932_layout),
		T(test_reimport_marks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
