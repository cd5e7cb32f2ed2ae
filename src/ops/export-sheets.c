/* Workbooks from an export package: each CSV table of a package that
 * verifies, written as an .xlsx with every cell text, into a new folder
 * beside it. The package itself is never changed, so its signatures and
 * SHA256SUMS stay those of the CSV files; the workbooks are a reading
 * aid for people who open tables in Excel or LibreOffice, where codes
 * such as municipality codes and seal numbers would lose their zeros. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ops/export-sections.h"
#include "ops/export.h"
#include "ops/xlsx-out.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

/* A table in a package is at most this big (the audit records of a long
 * period included). */
#define SHEET_CSV_MAX (512u * 1024 * 1024)

static void
sheets_problem(const char *file, const char *msg, void *arg)
{
	char **first = arg;

	if (*first == NULL)
		*first = xasprintf("%s: %s", file, msg);
}

/* The package must verify: a workbook from a changed table would carry the
 * change without the check that the CSV gets. */
static int
sheets_package_ok(const char *pkg, char **err)
{
	struct export_verified res;
	char *first = NULL;
	int problems = ops_export_verify(pkg, NULL, sheets_problem, &first, &res);

	if (problems == 0) {
		free(first);
		return 0;
	}
	err_set(err, _("%s does not verify (%s): no workbook was written"), pkg,
	    first ? first : "?");
	free(first);
	return -1;
}

static int
sheets_outdir(const char *out, char **err)
{
	if (mkdir(out, 0700) == 0)
		return 0;
	return err_set(err, _("cannot make the new folder %s: %s"), out,
	    strerror(errno));
}

/* NAME.csv in pkg as out/NAME.xlsx, the sheet named NAME. */
static int
sheets_one(const char *pkg, const char *out, const char *name, char **err)
{
	size_t stem = strlen(name) - strlen(".csv"), len;
	char *src = xasprintf("%s/%s", pkg, name), *csv = NULL;
	char *dst = xasprintf("%s/%.*s.xlsx", out, (int)stem, name);
	char *sheet = xstrndup(name, stem < 31 ? stem : 31);
	int rc = readfile_all(src, SHEET_CSV_MAX, &csv, &len, err);

	if (rc == 0)
		rc = xlsx_from_csv(csv, len, sheet, dst, err);
	free(src);
	free(csv);
	free(dst);
	free(sheet);
	return rc;
}

static void
sheets_remove(const char *out, const struct export_section *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t stem = strlen(s[i].name) - strlen(".csv");
		char *p = xasprintf("%s/%.*s.xlsx", out, (int)stem, s[i].name);

		(void)unlink(p);
		free(p);
	}
	(void)rmdir(out);
}

static int
sheets_is_table(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".csv") == 0;
}

int
ops_export_sheets(const char *pkg, const char *out, export_progress_fn progress,
    void *arg, int *written, char **err)
{
	const struct export_section *s;
	size_t n, i;

	*written = 0;
	if (sheets_package_ok(pkg, err) < 0 || sheets_outdir(out, err) < 0)
		return -1;
	s = export_section_list(&n);
	for (i = 0; i < n; i++) {
		if (!sheets_is_table(s[i].name))
			continue;
		if (progress != NULL)
			progress(s[i].name, arg);
		if (sheets_one(pkg, out, s[i].name, err) < 0) {
			sheets_remove(out, s, n);	/* all or nothing */
			*written = 0;
			return -1;
		}
		(*written)++;
	}
	return 0;
}
