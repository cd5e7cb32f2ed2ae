/* libFuzzer harness for the result file reader: any bytes, in the shipped
 * result layout (CP932) and in a UTF-8 one with a header, must be read or
 * refused cleanly, and every row that passes its checks must give a result
 * row with a record number in range; the J-LIS collation columns are read
 * or refused with a message, and a mismatch read is always of a registered
 * record with at least one item flagged.
 * fuzz-sources: src/domain/collation.c src/domain/regread.c src/domain/regfile.c src/domain/cp932map.c src/domain/csv.c src/domain/encoding.c src/domain/fieldcheck.c src/domain/layout.c src/domain/ini.c src/domain/mynumber.c src/domain/dates.c src/util/hex.c src/util/readfile.c src/util/xmalloc.c src/util/err.c src/domain/insurer.c */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/collation.h"
#include "domain/regread.h"
#include "util/xmalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fuzz_cp932[] = "[layout]\nname = r\nversion = 1\n"
    "encoding = CP932\nheader = no\n"
    "[field file]\ntype = text\nrequired = yes\nmax_bytes = 64\nrole = file\n"
    "[field file_sha256]\ntype = text\nrole = file_sha256\n"
    "[field seq]\ntype = digits\nrequired = yes\nrole = seq\n"
    "[field key]\ntype = text\nrequired = yes\nrole = key\n"
    "[field branch]\ntype = digits\nrole = branch\n"
    "[field code]\ntype = digits\nrequired = yes\nrole = code\n"
    "[field message]\ntype = text\nmax_chars = 100\nrole = message\n"
    "[field r]\ntype = digits\nrole = jlis_result\n"
    "[field i]\ntype = digits\nrole = jlis_items\n"
    "[field a]\ntype = text\nrole = jlis_address\n";
static const char fuzz_utf8[] = "[layout]\nname = r\nversion = 1\n"
    "encoding = UTF-8\nheader = yes\n"
    "[field seq]\ntype = digits\nrequired = yes\nrole = seq\n"
    "[field file]\ntype = text\nrequired = yes\nrole = file\n"
    "[field key]\ntype = kana\nrequired = yes\nrole = key\n"
    "[field code]\ntype = digits\nrequired = yes\nrole = code\n"
    "[field n]\ntype = digits\nmax_chars = 12\nrole = mynumber\n";

struct fuzz_ctx {
	struct reg_result_cols cols;
	struct coll_cols coll;
	long rows;
};

static void
fuzz_collation(struct fuzz_ctx *c, const struct reg_row *r,
    const struct reg_result_row *row)
{
	struct coll_row cr;
	char *err = NULL;

	if (coll_row(&c->coll, r, row->ok, 1, &cr, &err) == 0) {
		if (cr.result == COLL_MISMATCH && (!row->ok ||
		    strchr(cr.items, '1') == NULL))
			abort();
		if (strlen(cr.items) != COLL_NITEMS)
			abort();
	} else if (err == NULL) {
		abort();
	}
	free(err);
}

static int
fuzz_row(const struct reg_row *r, void *arg)
{
	struct fuzz_ctx *c = arg;
	struct reg_result_row row;
	char *err = NULL;

	c->rows++;
	if (r->record != c->rows)
		abort();
	if (r->bad)
		return 0;
	if (reg_result_row(&c->cols, r, &row, &err) == 0) {
		if (row.seq < 1 || row.seq > 9999999 || row.key == NULL ||
		    row.code[0] == '\0' || (row.ok && strspn(row.code, "0") !=
		    strlen(row.code)))
			abort();
		fuzz_collation(c, r, &row);
	} else if (err == NULL) {
		abort();
	}
	free(err);
	return 0;
}

static void
fuzz_problem(long line, const char *field, const char *why, void *arg)
{
	(void)arg;
	if (line < 1 || field == NULL || why == NULL)
		abort();
}

static void
fuzz_read(const char *layout, size_t llen, const uint8_t *data, size_t size)
{
	struct reg_read_summary sum;
	struct fuzz_ctx c;
	struct layout l;
	char *err = NULL;
	FILE *f;

	memset(&c, 0, sizeof c);
	if (layout_parse(layout, llen, NULL, &l, NULL) != 0 ||
	    reg_result_columns(&l, &c.cols, NULL) != 0)
		abort();
	coll_columns(&l, &c.coll);
	f = size > 0 ? fmemopen((void *)data, size, "rb") : fopen("/dev/null",
	    "rb");
	if (f == NULL)
		abort();
	if (reg_read(&l, f, fuzz_row, fuzz_problem, &c, &sum, &err) < 0 &&
	    err == NULL)
		abort();
	if (err == NULL && sum.rows != c.rows)
		abort();
	free(err);
	fclose(f);
	layout_free(&l);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read(fuzz_cp932, sizeof fuzz_cp932 - 1, data, size);
	fuzz_read(fuzz_utf8, sizeof fuzz_utf8 - 1, data, size);
	return 0;
}
