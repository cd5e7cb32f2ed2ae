/* libxlsxwriter writes the workbook (a well-kept library for a zipped XML
 * format that is easy to get subtly wrong by hand). It writes to a path of
 * its own choosing, so the workbook is made under a dot-name beside the
 * target and then linked to its name, which fails if a file is there. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "domain/csv.h"
#include "domain/csvout.h"
#include "ops/xlsx-out.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xmalloc.h"

struct xlsx_ctx {
	lxw_worksheet *ws;
	lxw_format *bold;
	lxw_row_t row;
	char *err;
};

static int
xlsx_row(const struct csv_row *r, void *arg)
{
	struct xlsx_ctx *x = arg;
	size_t i;

	if (x->row >= LXW_ROW_MAX - 1 || r->nfields > LXW_COL_MAX) {
		err_set(&x->err, _("too many rows or columns for a spreadsheet"));
		return 1;
	}
	for (i = 0; i < r->nfields; i++)
		if (worksheet_write_string(x->ws, x->row, (lxw_col_t)i,
		    csvout_unguard(r->fields[i]), x->row == 0 ? x->bold : NULL) !=
		    LXW_NO_ERROR) {
			err_set(&x->err, _("line %ld: a cell cannot be written"),
			    r->line);
			return 1;
		}
	x->row++;
	return 0;
}

/* Fills a new workbook at tmp; 0 when it was closed without error. */
static int
xlsx_write(const char *csv, size_t len, const char *sheet, const char *tmp,
    char **err)
{
	lxw_workbook *wb = workbook_new(tmp);
	struct xlsx_ctx x;
	struct csvr *r;
	char *cerr = NULL;
	int rc;

	if (wb == NULL)
		return err_set(err, _("cannot create %s"), tmp);
	memset(&x, 0, sizeof x);
	x.ws = workbook_add_worksheet(wb, sheet);
	x.bold = workbook_add_format(wb);
	format_set_bold(x.bold);
	r = csvr_new(1);
	rc = x.ws == NULL ? -1 : csvr_feed(r, csv, len, xlsx_row, &x, &cerr);
	if (rc == 0)
		rc = csvr_finish(r, xlsx_row, &x, &cerr);
	csvr_free(r);
	if (x.ws != NULL)
		worksheet_freeze_panes(x.ws, 1, 0);
	if (workbook_close(wb) != LXW_NO_ERROR && rc == 0)
		rc = err_set(&x.err, _("cannot write %s"), tmp);
	if (rc != 0) {
		err_set(err, "%s", x.err ? x.err : cerr ? cerr : _("no sheet"));
		unlink(tmp);
	}
	free(x.err);
	free(cerr);
	return rc == 0 ? 0 : -1;
}

int
xlsx_from_csv(const char *csv, size_t len, const char *sheet,
    const char *path, char **err)
{
	char *dir = paths_dirname(path), *base = strrchr(path, '/');
	char *tmp = xasprintf("%s/.%s.tmp", dir, base ? base + 1 : path);
	int rc = xlsx_write(csv, len, sheet, tmp, err);

	if (rc == 0 && link(tmp, path) != 0)
		rc = err_set(err, errno == EEXIST ? _("%s already exists: choose "
		    "a new name (nothing is overwritten)") : _("cannot write %s"),
		    path);
	(void)unlink(tmp);
	free(tmp);
	free(dir);
	return rc;
}
