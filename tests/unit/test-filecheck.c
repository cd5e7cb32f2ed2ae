/* Unit tests for the checker's engine: a repeated identifier is found
 * however far the set has grown, and row rules read values by role. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/filecheck.h"
#include "domain/layout.h"
#include "util/xmalloc.h"

static const char layout_text[] =
	"[layout]\nname = t\nversion = 1\nencoding = UTF-8\nheader = no\n"
	"line_ending = LF\n\n"
	"[field key]\ntype = text\nrequired = yes\nlabel = K\nrole = key\n\n"
	"[field note]\ntype = text\nlabel = N\nrole = note\n";

static const char *const roles[] = { "key", "note", NULL };

struct seen {
	int n;
	char last[256];
	int rows_read;
};

static void
on_err(const char *msg, void *arg)
{
	struct seen *s = arg;

	s->n++;
	snprintf(s->last, sizeof s->last, "%s", msg);
}

/* A role asked by a string of its own (not the rules' literal) gives the
 * same value and length as the literal, and an unknown role "". */
static void
rule_roles(struct filecheck *fc, const struct csv_row *row)
{
	char *copy = xstrdup("note");
	size_t n1, n2, n3;
	const char *a = filecheck_value_n(fc, row, "note", &n1);
	const char *b = filecheck_value_n(fc, row, copy, &n2);
	const char *c = filecheck_value_n(fc, row, "nothing", &n3);

	assert_ptr_equal(a, b);
	assert_int_equal(n1, n2);
	assert_int_equal(n1, strlen(a));
	assert_string_equal(filecheck_value(fc, row, copy), a);
	assert_string_equal(c, "");
	assert_int_equal(n3, 0);
	free(copy);
}

static const struct filecheck_rules rules = { "t", "t.layout", "key", roles,
	rule_roles };

static void
load(struct layout *l)
{
	char *err = NULL;

	if (layout_parse(layout_text, sizeof layout_text - 1, "t.layout", l,
	    &err) != 0)
		fail_msg("%s", err);
}

static void
test_no_rows(void **state)
{
	struct layout l;
	struct seen s = { 0, "", 0 };
	struct filecheck *fc;

	(void)state;
	load(&l);
	fc = filecheck_new(&l, &rules, "f.csv", on_err, &s, NULL);
	assert_non_null(fc);
	assert_int_equal(filecheck_finish(fc), 1);
	assert_string_equal(s.last, "f.csv:1:-: the file has no data lines");
	filecheck_free(fc);
	layout_free(&l);
}

/* 200,000 identifiers take the set through every size up to 8 MiB (the
 * largest ones on huge pages); the repeat at the end is still found, with
 * the line of its first use. */
static void
test_unique_after_growth(void **state)
{
	struct layout l;
	struct seen s = { 0, "", 0 };
	struct filecheck *fc;
	char buf[64];
	int i, n;

	(void)state;
	load(&l);
	fc = filecheck_new(&l, &rules, "f.csv", on_err, &s, NULL);
	assert_non_null(fc);
	for (i = 0; i < 200000; i++) {
		n = snprintf(buf, sizeof buf, "k%d,note %d\n", i, i % 7);
		assert_int_equal(filecheck_feed(fc, buf, (size_t)n), 0);
	}
	assert_int_equal(s.n, 0);
	n = snprintf(buf, sizeof buf, "k4,again\nk200000,x\n");
	assert_int_equal(filecheck_feed(fc, buf, (size_t)n), 0);
	assert_int_equal(filecheck_finish(fc), 1);
	assert_string_equal(s.last, "f.csv:200001:key: the same value as on "
	    "line 5: it must be unique");
	assert_int_equal(filecheck_rows(fc), 200002);
	filecheck_free(fc);
	layout_free(&l);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_rows),
		cmocka_unit_test(test_unique_after_growth),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
