/* One reader for every file in a layout: decode, parse, check each value.
 * It reports problems per record and goes on, so a clerk sees them all. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "domain/csv.h"
#include "domain/encoding.h"
#include "domain/regfile.h"
#include "domain/regread.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define REG_CHUNK (64 * 1024)

struct reg_reader {
	const struct layout *l;
	reg_row_fn row;
	reg_problem_fn problem;
	void *arg;
	struct reg_read_summary *sum;
	int header_seen;
	char *fatal;
};

static void
reg_report(struct reg_reader *rd, struct reg_row *r, const char *field,
    const char *why)
{
	if (r->bad++ == 0)
		rd->sum->bad++;
	if (rd->problem != NULL)
		rd->problem(r->line, field, why, rd->arg);
}

static int
reg_header(struct reg_reader *rd, const struct csv_row *row)
{
	size_t i;

	rd->header_seen = 1;
	if (row->nfields == rd->l->nfields) {
		for (i = 0; i < row->nfields; i++)
			if (strcmp(row->fields[i], rd->l->fields[i].name) != 0)
				break;
		if (i == row->nfields)
			return 0;
	}
	rd->fatal = xasprintf(_("line %ld: the header does not match layout "
	    "'%s': is this the right file or layout?"), row->line, rd->l->name);
	return 1;
}

static int
reg_on_row(const struct csv_row *row, void *arg)
{
	struct reg_reader *rd = arg;
	struct reg_row r;
	size_t i;

	if (rd->l->header && !rd->header_seen)
		return reg_header(rd, row);
	memset(&r, 0, sizeof r);
	r.line = row->line;
	r.record = ++rd->sum->rows;
	r.nfields = row->nfields;
	r.v = row->fields;
	r.lens = row->lens;
	if (row->nfields != rd->l->nfields) {
		char *why = xasprintf(ngettext("has %zu field; the layout has %zu",
		    "has %zu fields; the layout has %zu",
		    (unsigned long)row->nfields), row->nfields, rd->l->nfields);

		reg_report(rd, &r, "-", why);
		free(why);
	} else {
		for (i = 0; i < row->nfields; i++) {
			char *why = NULL;

			if (reg_check_value(&rd->l->fields[i], row->fields[i],
			    row->lens[i], &why) < 0)
				reg_report(rd, &r, rd->l->fields[i].name, why);
			free(why);
		}
	}
	return rd->row != NULL ? rd->row(&r, rd->arg) : 0;
}

int
reg_read(const struct layout *l, FILE *f, reg_row_fn row,
    reg_problem_fn problem, void *arg, struct reg_read_summary *sum,
    char **err)
{
	struct reg_reader rd = { l, row, problem, arg, sum, 0, NULL };
	unsigned char digest[32];
	struct decoder *dec;
	struct csvr *csv;
	EVP_MD_CTX *md;
	const char *out;
	size_t n, outlen;
	char *buf;
	int rc = 0;

	memset(sum, 0, sizeof *sum);
	if ((dec = decoder_new(l->encoding, err)) == NULL)
		return -1;
	if ((md = EVP_MD_CTX_new()) == NULL)
		abort();
	csv = csvr_new(1);
	buf = xmalloc(REG_CHUNK);
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	while (rc == 0 && (n = fread(buf, 1, REG_CHUNK, f)) > 0) {
		EVP_DigestUpdate(md, buf, n);
		rc = decoder_feed(dec, buf, n, &out, &outlen, err);
		if (rc == 0)
			rc = csvr_feed(csv, out, outlen, reg_on_row, &rd, err);
	}
	if (rc == 0 && ferror(f))
		rc = err_set(err, _("cannot read the file: %s"), strerror(errno));
	if (rc == 0 && (rc = decoder_finish(dec, err)) == 0)
		rc = csvr_finish(csv, reg_on_row, &rd, err);
	if (rc == 0 && l->header && !rd.header_seen)
		rd.fatal = xstrdup(_("the file is empty: the header line is "
		    "missing"));
	EVP_DigestFinal_ex(md, digest, NULL);
	hex_encode(digest, 32, sum->sha256);
	EVP_MD_CTX_free(md);
	csvr_free(csv);
	decoder_free(dec);
	free(buf);
	if (rd.fatal != NULL) {
		free(*err);
		*err = rd.fatal;
		return -1;
	}
	/* A stop asked by the row callback is not an error. */
	return rc < 0 ? -1 : 0;
}

struct reg_check_out {
	FILE *out;
	const char *path;
};

static void
reg_check_problem(long line, const char *field, const char *why, void *arg)
{
	struct reg_check_out *c = arg;

	fprintf(c->out, "%s:%ld:%s: %s\n", c->path, line, field, why);
}

int
reg_check_file(const char *layout_path, const char *path, FILE *out,
    struct reg_read_summary *sum, char **err)
{
	struct reg_check_out c = { out, path };
	struct layout l;
	FILE *f;
	int rc;

	if (layout_load(layout_path, &l, err) < 0)
		return -1;
	if ((f = fopen(path, "rb")) == NULL) {
		layout_free(&l);
		return err_set(err, _("cannot read %s: %s"), path, strerror(errno));
	}
	rc = reg_read(&l, f, NULL, out != NULL ? reg_check_problem : NULL, &c,
	    sum, err);
	fclose(f);
	layout_free(&l);
	if (rc < 0) {
		char *msg = xasprintf("%s: %s", path, *err ? *err : "?");

		free(*err);
		*err = msg;
		return -1;
	}
	return sum->bad > 0 ? 1 : 0;
}

int
reg_result_columns(const struct layout *l, struct reg_result_cols *c,
    char **err)
{
	static const char *const need[] = { "file", "seq", "key", "code", NULL };

	if (layout_require_roles(l, need, err) < 0)
		return -1;
	c->file = layout_index_of_role(l, "file");
	c->file_sha256 = layout_index_of_role(l, "file_sha256");
	c->seq = layout_index_of_role(l, "seq");
	c->key = layout_index_of_role(l, "key");
	c->branch = layout_index_of_role(l, "branch");
	c->code = layout_index_of_role(l, "code");
	c->message = layout_index_of_role(l, "message");
	return 0;
}

static const char *
reg_col(const struct reg_row *r, int i)
{
	return i >= 0 && (size_t)i < r->nfields ? r->v[i] : "";
}

int
reg_result_row(const struct reg_result_cols *c, const struct reg_row *r,
    struct reg_result_row *out, char **err)
{
	const char *s;
	long v = 0;

	memset(out, 0, sizeof *out);
	out->line = r->line;
	for (s = reg_col(r, c->seq); *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > 999999)
			return err_set(err, _("line %ld: the record number is not "
			    "1 to 9999999"), r->line);
		v = v * 10 + (*s - '0');
	}
	if (v < 1 || v > 9999999)
		return err_set(err, _("line %ld: the record number is not 1 to "
		    "9999999"), r->line);
	out->seq = v;
	out->file = reg_col(r, c->file);
	out->file_sha256 = reg_col(r, c->file_sha256);
	out->key = reg_col(r, c->key);
	out->branch = reg_col(r, c->branch);
	out->code = reg_col(r, c->code);
	out->message = reg_col(r, c->message);
	/* "0", "00", "0000": however wide the code is, zero is 処理完了. */
	out->ok = out->code[0] != '\0' &&
	    strspn(out->code, "0") == strlen(out->code);
	return 0;
}
