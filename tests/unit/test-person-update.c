/* A re-import updates only the columns that changed (one statement per set
 * of changed columns, a few kept per import): each changed row must still
 * be stored whole, its indexes must agree with the table, and its hash must
 * make the next re-import of the same file see it unchanged. Eleven rows
 * change eleven different sets of columns, more than the statements kept. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ops/person-import.h"
#include "store/persons.h"
#include "store/vault-impl.h"
#include "testutil.h"
#include "util/xbuf.h"
#include "util/xmalloc.h"

#define NROWS 11
#define HEADER "person_id,insurer,symbol,number,relation,member_id,name,kana," \
	"birth,sex,address,municipality,resident,employer,acquired,lost\r\n"

/* The fields a row sets, in the file's order (relation and resident 1). */
enum { C_SYMBOL, C_NUMBER, C_NAME, C_KANA, C_BIRTH, C_SEX, C_ADDRESS,
	C_MUNI, C_EMPLOYER, C_ACQUIRED, C_LOST, C_COUNT };
static const enum person_field field_of[C_COUNT] = { PF_SYMBOL, PF_NUMBER,
	PF_NAME, PF_KANA, PF_BIRTH, PF_SEX, PF_ADDRESS, PF_MUNICIPALITY,
	PF_EMPLOYER, PF_ACQUIRED, PF_LOST };

static const char *const base[C_COUNT] = { "12", "", "山田　太郎",
	"ヤマダ　タロウ", "19750402", "1", "東京都千代田区千代田1-1", "131016",
	"山田建設", "20100401", "" };

/* Row k's change: up to two columns and their new values. */
static const struct change {
	int col[2];
	const char *val[2];
} changes[NROWS] = {
	{ { C_NAME, C_KANA }, { "山田　次郎", "ヤマダ　ジロウ" } },
	{ { C_ADDRESS, -1 }, { "東京都千代田区千代田2-2", NULL } },
	{ { C_LOST, -1 }, { "20261031", NULL } },
	{ { C_EMPLOYER, -1 }, { "どこか", NULL } },
	{ { C_BIRTH, -1 }, { "19750403", NULL } },
	{ { C_SYMBOL, -1 }, { "99", NULL } },
	{ { C_NUMBER, -1 }, { "999", NULL } },
	{ { C_ADDRESS, C_MUNI }, { "東京都港区1-1", "131032" } },
	{ { C_SEX, -1 }, { "2", NULL } },
	{ { C_ACQUIRED, -1 }, { "20110401", NULL } },
	{ { C_KANA, -1 }, { "ヤマダ　タロ", NULL } },
};

/* Row k's value of column c, changed or not; numbers differ by row. */
static const char *
value(int k, int c, int changed, char *num)
{
	int j;

	for (j = 0; changed && j < 2; j++)
		if (changes[k].col[j] == c)
			return changes[k].val[j];
	if (c == C_NUMBER) {
		snprintf(num, 16, "%d", 100 + k);
		return num;
	}
	return base[c];
}

static void
write_file(const char *path, int changed)
{
	FILE *fp = fopen(path, "wb");
	char num[16];
	int k;

	assert_non_null(fp);
	fputs(HEADER, fp);
	for (k = 0; k < NROWS; k++) {
		fprintf(fp, "P%02d,133033,%s,", k, value(k, C_SYMBOL, changed, num));
		fprintf(fp, "%s,1,,", value(k, C_NUMBER, changed, num));
		fprintf(fp, "%s,", value(k, C_NAME, changed, num));
		fprintf(fp, "%s,", value(k, C_KANA, changed, num));
		fprintf(fp, "%s,", value(k, C_BIRTH, changed, num));
		fprintf(fp, "%s,", value(k, C_SEX, changed, num));
		fprintf(fp, "%s,", value(k, C_ADDRESS, changed, num));
		fprintf(fp, "%s,1,", value(k, C_MUNI, changed, num));
		fprintf(fp, "%s,", value(k, C_EMPLOYER, changed, num));
		fprintf(fp, "%s,", value(k, C_ACQUIRED, changed, num));
		fprintf(fp, "%s\r\n", value(k, C_LOST, changed, num));
	}
	fclose(fp);
}

static void
import(struct test_fixture *f, const char *file, long long added,
    long long changed, long long unchanged)
{
	struct import_request rq = { 0 };
	struct import_report rep;
	char *err = NULL;

	rq.file = file;
	if (ops_person_import(f->s, &rq, &rep, &err) != 0)
		fail_msg("import: %s", err);
	assert_int_equal(rep.counts.added, added);
	assert_int_equal(rep.counts.changed, changed);
	assert_int_equal(rep.counts.unchanged, unchanged);
	import_report_clear(&rep);
}

/* Every row stored whole as the file gave it, and every index in step. */
static void
expect_rows(struct test_fixture *f, int changed)
{
	char key[8], num[16], *check, *err = NULL;
	struct person p;
	int k, c;

	for (k = 0; k < NROWS; k++) {
		snprintf(key, sizeof key, "P%02d", k);
		assert_int_equal(persons_get(f->s->v, key, &p, NULL, &err), 1);
		for (c = 0; c < C_COUNT; c++)
			assert_string_equal(p.f[field_of[c]], value(k, c, changed, num));
		person_clear(&p);
	}
	check = db_get_text(f->s->v->db, "PRAGMA integrity_check", NULL);
	assert_string_equal(check, "ok");
	free(check);
}

static long long
count(struct test_fixture *f, const char *sql)
{
	long long n = -1;

	assert_int_equal(db_get_int(f->s->v->db, sql, NULL, &n, NULL), 0);
	return n;
}

static void
test_changed_columns_only(void **st)
{
	struct test_fixture *f = *st;
	char *a = xasprintf("%s/a.csv", f->tmp), *b = xasprintf("%s/b.csv", f->tmp);

	write_file(a, 0);
	write_file(b, 1);
	import(f, a, NROWS, 0, 0);
	import(f, b, 0, NROWS, 0);
	expect_rows(f, 1);
	/* The new values are found through the search indexes. */
	assert_int_equal(count(f, "SELECT count(*) FROM persons INDEXED BY "
	    "persons_kana WHERE kana = 'ヤマダ　ジロウ'"), 1);
	assert_int_equal(count(f, "SELECT count(*) FROM persons INDEXED BY "
	    "persons_symbol WHERE symbol = '99'"), 1);
	/* The stored hash is the new row's. */
	import(f, b, 0, 0, NROWS);
	/* And back: the statements made again after giving way. */
	import(f, a, 0, NROWS, 0);
	expect_rows(f, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM person_history WHERE "
	    "field = 'kana'"), 4);
	free(a);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_changed_columns_only,
		    test_setup, test_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
