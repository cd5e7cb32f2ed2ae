/* Workbooks from an export package: one .xlsx per CSV table of a package
 * that verifies, in a new folder, the package untouched; a changed package
 * or an existing folder refused with nothing written. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmocka.h>

#include "domain/jstday.h"
#include "ops/export.h"
#include "ops/session.h"
#include "testutil.h"
#include "util/xmalloc.h"

struct fixture {
	char *tmp, *pkg;
};

static int
setup(void **st)
{
	struct fixture *f = xcalloc(1, sizeof *f);
	struct export_result res;
	struct session *s;
	char today[11], *vault, *err = NULL;

	f->tmp = test_tmpdir();
	vault = test_vault(f->tmp, NULL);
	s = test_login(vault, "admin", TEST_PW);
	jst_date_of(time(NULL), today);
	f->pkg = xasprintf("%s/pkg", f->tmp);
	assert_int_equal(ops_audit_export(s, today, today, f->pkg, NULL, NULL,
	    &res, &err), 0);
	ops_logout(s);
	free(vault);
	*st = f;
	return 0;
}

static int
teardown(void **st)
{
	struct fixture *f = *st;

	test_rm_rf(f->tmp);
	free(f->tmp);
	free(f->pkg);
	free(f);
	return 0;
}

static int
exists(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	struct stat sb;
	int ok = stat(p, &sb) == 0 && sb.st_size > 0;

	free(p);
	return ok;
}

/* The XLSX container starts as every ZIP does. */
static int
is_zip(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name), magic[4] = { 0 };
	FILE *fp = fopen(p, "rb");
	int ok = fp != NULL && fread(magic, 1, 4, fp) == 4 &&
	    memcmp(magic, "PK\003\004", 4) == 0;

	if (fp != NULL)
		fclose(fp);
	free(p);
	return ok;
}

static void
ignore_problem(const char *file, const char *msg, void *arg)
{
	(void)file;
	(void)msg;
	(*(int *)arg)++;
}

static void
test_sheets_written(void **st)
{
	struct fixture *f = *st;
	char *out = xasprintf("%s/sheets", f->tmp), *err = NULL;
	int n = -1;

	assert_int_equal(ops_export_sheets(f->pkg, out, NULL, NULL, &n, &err), 0);
	assert_int_equal(n, 6);
	assert_true(is_zip(out, "audit-records.xlsx"));
	assert_true(exists(out, "accounts.xlsx"));
	assert_true(exists(out, "disposal-register.xlsx"));
	assert_false(exists(out, "checkpoint.xlsx"));
	/* The package itself is unchanged and still verifies. */
	assert_false(exists(f->pkg, "accounts.xlsx"));
	{
		struct export_verified v;
		int problems = 0;

		assert_int_equal(ops_export_verify(f->pkg, NULL, ignore_problem,
		    &problems, &v), 0);
		assert_int_equal(problems, 0);
	}
	/* The folder must be new. */
	assert_int_equal(ops_export_sheets(f->pkg, out, NULL, NULL, &n, &err), -1);
	assert_non_null(strstr(err, "new folder"));
	free(err);
	free(out);
}

static void
test_changed_package_refused(void **st)
{
	struct fixture *f = *st;
	char *out = xasprintf("%s/sheets2", f->tmp), *acc, *err = NULL;
	struct stat sb;
	FILE *fp;
	int n = -1;

	acc = xasprintf("%s/accounts.csv", f->pkg);
	fp = fopen(acc, "a");
	assert_non_null(fp);
	fputs("mallory,admin,active,2026-01-01,\r\n", fp);
	fclose(fp);
	assert_int_equal(ops_export_sheets(f->pkg, out, NULL, NULL, &n, &err), -1);
	assert_non_null(strstr(err, "does not verify"));
	assert_int_equal(n, 0);
	assert_int_equal(stat(out, &sb), -1);
	free(err);
	free(acc);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sheets_written),
		cmocka_unit_test(test_changed_package_refused),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
