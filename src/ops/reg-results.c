/* Importing the server's result file: all or nothing. Every row must answer
 * a record of one file the vault sent, each record once, with the person
 * it was sent for; anything else means the wrong file or a damaged one, and
 * nothing is changed. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/regread.h"
#include "ops/collation.h"
#include "ops/reg-internal.h"
#include "ops/registration.h"
#include "ops/tx.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct rres {
	struct session *s;
	struct reg_results_report *rep;
	struct reg_result_cols cols;
	struct regfile_row file;
	struct regstore_results *rs;
	struct coll_import coll;	/* J-LIS collation columns */
	const char *path;
	char *fatal;
	reg_progress_fn progress;
	void *progress_arg;
};

void
reg_results_report_clear(struct reg_results_report *rep)
{
	int i;

	for (i = 0; i < rep->nmessages; i++)
		free(rep->messages[i]);
	free(rep->messages);
	memset(rep, 0, sizeof *rep);
}

static void
rres_problem(long line, const char *field, const char *why, void *arg)
{
	struct rres *r = arg;

	r->rep->nproblems++;
	reg_message(&r->rep->messages, &r->rep->nmessages, "%s:%ld:%s: %s",
	    r->path, line, field, why);
}

/* The first row names the file; it must be one the vault sent and that
 * has no result yet. */
static int
rres_file(struct rres *r, const struct reg_result_row *row)
{
	int found = regstore_file_get(r->s->v, row->file, &r->file,
	    &r->fatal);

	if (found < 0)
		return 1;
	if (found == 0) {
		r->fatal = xasprintf(_("%s answers %s, a file this vault did not "
		    "write: refused"), r->path, row->file);
		return 1;
	}
	if (r->file.resulted[0] != '\0') {
		r->fatal = xasprintf(_("the result of %s was imported on %.10s "
		    "already: refused"), row->file, r->file.resulted);
		return 1;
	}
	snprintf(r->rep->file, sizeof r->rep->file, "%s", row->file);
	snprintf(r->rep->kind, sizeof r->rep->kind, "%s", r->file.kind);
	return regstore_results_open(r->s->v, r->file.id, r->file.kind,
	    &r->rs, &r->fatal) < 0;
}

static int
rres_check(struct rres *r, const struct reg_result_row *row)
{
	if (r->rs == NULL && rres_file(r, row) != 0)
		return 1;
	if (strcmp(row->file, r->rep->file) != 0)
		r->fatal = xasprintf(_("line %ld answers %s, not %s: one result "
		    "file answers one registration file"), row->line, row->file,
		    r->rep->file);
	else if (row->file_sha256[0] != '\0' &&
	    strcmp(row->file_sha256, r->file.sha256) != 0)
		r->fatal = xasprintf(_("line %ld: the server received %s with "
		    "another SHA-256 than the vault wrote: refused"), row->line,
		    row->file);
	else if (row->ok && strcmp(r->file.kind, "persons") == 0 &&
	    row->branch[0] == '\0')
		r->fatal = xasprintf(_("line %ld: accepted without a 被保険者枝番"),
		    row->line);
	return r->fatal != NULL;
}

static int
rres_row(const struct reg_row *rr, void *arg)
{
	struct rres *r = arg;
	struct reg_result_row row;
	int rc;

	if (rr->bad > 0)
		return 0;	/* reported; the result is refused at the end */
	if (reg_result_row(&r->cols, rr, &row, &r->fatal) < 0 ||
	    rres_check(r, &row) != 0)
		return 1;
	rc = regstore_results_put(r->rs, row.seq, row.key, row.ok, row.branch,
	    row.message, &r->fatal);
	if (rc == 1)
		r->fatal = xasprintf(_("line %ld: record %ld of %s was not sent "
		    "for %s, or is answered twice: refused"), rr->line, row.seq,
		    r->rep->file, row.key);
	if (rc == 0 && coll_import_row(r->s, &r->coll, r->file.id,
	    strcmp(r->file.kind, "persons") == 0, rr, row.seq, row.key, row.ok,
	    &r->fatal) < 0)
		rc = -1;
	if (rc != 0)
		return 1;
	r->rep->records++;
	if (r->progress != NULL && r->rep->records % REG_PROGRESS_EVERY == 0)
		r->progress(r->rep->records, r->file.records, r->progress_arg);
	if (row.ok)
		r->rep->accepted++;
	else
		r->rep->failed++;
	return 0;
}

static int
rres_failed_line(const char *key, long long seq, const char *file,
    const char *message, void *arg)
{
	struct rres *r = arg;

	(void)file;
	reg_message(&r->rep->messages, &r->rep->nmessages, "%s: %lld: %s", key,
	    seq, message);
	return 0;
}

/* Reads and matches the file; the caller's transaction holds the changes. */
static int
rres_run(struct rres *r, const struct layout *l, FILE *f, char **err)
{
	struct reg_read_summary sum;
	char *detail;
	int rc;

	if (coll_import_open(r->s, l, &r->coll, err) < 0)
		return -1;
	rc = reg_read(l, f, rres_row, rres_problem, r, &sum, err);
	snprintf(r->rep->sha256, sizeof r->rep->sha256, "%s", sum.sha256);
	if (r->fatal != NULL) {
		free(*err);
		*err = r->fatal;
		r->fatal = NULL;
		return -1;
	}
	if (rc < 0)
		return -1;
	if (sum.bad > 0)
		return err_set(err, ngettext("%lld malformed row in %s: refused",
		    "%lld malformed rows in %s: refused", (unsigned long)sum.bad),
		    sum.bad, r->path);
	if (r->rs == NULL)
		return err_set(err, _("%s has no rows: refused"), r->path);
	if (r->rep->records != r->file.records)
		return err_set(err, ngettext("%s answers %lld record, but %s has "
		    "%lld: refused", "%s answers %lld records, but %s has %lld: "
		    "refused", (unsigned long)r->rep->records), r->path, r->rep->records,
		    r->rep->file,
		    r->file.records);
	if (r->progress != NULL)
		r->progress(r->rep->records, r->file.records, r->progress_arg);
	if (regstore_results_apply(r->rs, r->file.kind, r->path,
	    r->rep->sha256, r->s->user, r->rep->accepted, r->rep->failed,
	    err) < 0)
		return -1;
	/* The refused records' lines, read back by a scan of the file's
	 * answers (0.1 s at 400,000): none to read when none was refused,
	 * as a file is answered once. */
	if (r->rep->failed > 0 && regstore_failed_list(r->s->v, r->file.id,
	    rres_failed_line, r, err) < 0)
		return -1;
	r->rep->jlis_mismatch = r->coll.mismatched;
	r->rep->jlis_settled = r->coll.settled;
	detail = xasprintf("kind=%s result=%s sha256=%s file=%s file-sha256=%s "
	    "records=%lld accepted=%lld failed=%lld jlis-mismatch=%lld "
	    "jlis-settled=%lld", r->file.kind, r->path, r->rep->sha256,
	    r->rep->file, r->file.sha256, r->rep->records, r->rep->accepted,
	    r->rep->failed, r->coll.mismatched, r->coll.settled);
	rc = ops_audit(r->s, "", "bulk.results", r->rep->file, detail, err);
	free(detail);
	return rc;
}

int
ops_reg_results(struct session *s, const char *path, const char *layout,
    struct reg_results_report *rep, char **err)
{
	return ops_reg_results_progress(s, path, layout, NULL, NULL, rep, err);
}

struct rres_tx {
	struct rres *r;
	const struct layout *l;
	FILE *f;
};

static int
rres_tx(struct session *s, void *arg, char **err)
{
	struct rres_tx *t = arg;

	(void)s;
	return rres_run(t->r, t->l, t->f, err);
}

int
ops_reg_results_progress(struct session *s, const char *path,
    const char *layout, reg_progress_fn progress, void *arg,
    struct reg_results_report *rep, char **err)
{
	static const struct ops_tx_def rres_def = { rres_tx, NULL, NULL };
	struct rres r;
	struct layout l;
	char *lpath;
	FILE *f;
	int rc;

	memset(rep, 0, sizeof *rep);
	memset(&r, 0, sizeof r);
	r.s = s;
	r.rep = rep;
	r.path = path;
	r.progress = progress;
	r.progress_arg = arg;
	lpath = layout != NULL ? xstrdup(layout) : reg_layout_path(-1);
	if (lpath == NULL)
		return err_set(err, _("layouts not found: is mynadesk installed?"));
	rc = layout_load(lpath, &l, err);
	free(lpath);
	if (rc < 0)
		return -1;
	if (reg_result_columns(&l, &r.cols, err) < 0) {
		layout_free(&l);
		return -1;
	}
	if ((f = fopen(path, "rb")) == NULL) {
		layout_free(&l);
		return err_set(err, _("cannot read %s: %s"), path,
		    strerror(errno));
	}
	/* Without foreign key checks: every person and file id written comes
	 * from the vault's own record of the file it answers, and persons are
	 * never deleted, so the checks could not fail; at 400,000 records
	 * they were a quarter of the import (a seek into persons and one
	 * into reg_files for each row of four tables). */
	rc = ops_tx_bulk(s, &rres_def, &(struct rres_tx){ &r, &l, f }, err);
	regstore_results_close(r.rs);
	coll_import_close(&r.coll);
	free(r.fatal);
	fclose(f);
	layout_free(&l);
	return rc;
}
