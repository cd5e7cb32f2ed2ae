/* Person import in one pass inside one transaction: each line is checked,
 * and written when it is valid. At the end, if any line had an error, the
 * transaction is rolled back and nothing is kept, unless the user accepted
 * importing only the valid lines; that choice is audited. One pass reads and
 * parses the file once, whatever its size. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/evp.h>

#include "domain/csv.h"
#include "domain/encoding.h"
#include "domain/fieldcheck.h"
#include "domain/layout.h"
#include "domain/person.h"
#include "ops/person-import.h"
#include "ops/tx.h"
#include "store/persons.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xbuf.h"
#include "util/xmalloc.h"

#define IMPORT_CHUNK (64 * 1024)
/* A rough size of one extract line, to guess the number of rows. */
#define IMPORT_LINE_GUESS 160

struct import {
	struct session *s;
	const struct import_request *rq;
	struct import_report *rep;
	struct layout layout;
	int col[PF_COUNT];	/* layout column of each person field, or -1 */
	char insurer[INSURER_MAX + 1];	/* the vault's, as the layout writes it */
	int header_seen;
	struct layout_colmap map;	/* the header's columns */
	size_t *pass, npass;	/* columns with no person role: PF_EXTRA */
	struct xbuf extra;	/* this row's PF_EXTRA */
	long last_bad;		/* last rejected line, to count each line once */
	struct persons_writer *w;
	char *fatal;		/* an error that stops the import */
	long long bytes, total;
};

static const char *const import_required[] = { "key", "insurer", "number",
	"relation", "name", "kana", "birth", "sex", "address", "municipality",
	"resident", "acquired", NULL };

static void
import_reject(struct import *im, long line, const char *field, const char *why)
{
	struct import_report *rep = im->rep;

	if (im->last_bad != line) {
		im->last_bad = line;
		rep->counts.rejected++;
	}
	if (rep->nmessages < IMPORT_MAX_MESSAGES) {
		rep->messages = xrealloc(rep->messages,
		    (size_t)(rep->nmessages + 1) * sizeof *rep->messages);
		rep->messages[rep->nmessages++] = xasprintf("%s:%ld:%s: %s",
		    im->rq->file, line, field, why);
	}
}

static int
import_header(struct import *im, const struct csv_row *row)
{
	im->header_seen = 1;
	/* Columns the layout marks optional_column may be left out. */
	if (layout_colmap_header(&im->layout, row, &im->map) == 0)
		return 0;
	im->fatal = xasprintf(_("%s:%ld: the header does not match layout '%s' "
	    "(expected %s, ...): is this the right file or layout?"), im->rq->file,
	    row->line, im->layout.name, im->layout.fields[0].name);
	return 1;
}

/* The columns mynadesk has no role for, by name, for the registration
 * layouts that name them; only what the file gives (a column the header
 * leaves out is not there). */
static char *
import_extra(struct import *im, const struct csv_row *row)
{
	static const char us = PERSON_EXTRA_US, rs = PERSON_EXTRA_RS;
	size_t k;

	im->extra.len = 0;
	xbuf_add(&im->extra, "", 0);
	for (k = 0; k < im->npass; k++) {
		size_t j = im->pass[k];

		if (im->map.col != NULL && im->map.col[j] < 0)
			continue;
		xbuf_puts(&im->extra, im->layout.fields[j].name);
		xbuf_add(&im->extra, &us, 1);
		xbuf_add(&im->extra, row->fields[j], row->lens[j]);
		xbuf_add(&im->extra, &rs, 1);
	}
	return im->extra.data;
}

/* Checks each value and points p's fields at the row's (no copies: the row
 * is valid for this callback, and 400,000 rows make copies count). */
static int
import_person(struct import *im, const struct csv_row *row, struct person *p)
{
	size_t i, want = im->map.col != NULL ? im->map.ncols : im->layout.nfields;
	struct csv_row mapped;
	int ok = 1;

	if (row->nfields != want) {
		char *why = xasprintf(ngettext("has %zu field; the layout has %zu",
		    "has %zu fields; the layout has %zu",
		    (unsigned long)row->nfields), row->nfields, want);

		import_reject(im, row->line, "-", why);
		free(why);
		return -1;
	}
	if (im->map.col != NULL)
		row = layout_colmap_row(&im->map, row, &mapped);
	for (i = 0; i < row->nfields; i++) {
		char *why = NULL;

		if (fieldcheck_value(&im->layout.fields[i], row->fields[i],
		    row->lens[i], &why) < 0) {
			import_reject(im, row->line, im->layout.fields[i].name, why);
			ok = 0;
		}
		free(why);
	}
	for (i = 0; i < PF_COUNT; i++)
		p->f[i] = im->col[i] >= 0 ? row->fields[im->col[i]] : (char *)"";
	if (im->npass > 0)
		p->f[PF_EXTRA] = import_extra(im, row);
	return ok ? 0 : -1;
}

/* Rules across fields and against the vault. */
static int
import_rules(struct import *im, const struct csv_row *row, struct person *p)
{
	char *why = NULL, *colon;

	if (strcmp(p->f[PF_INSURER], im->insurer) != 0) {
		why = xasprintf(_("is %s, but this vault is for insurer %s"),
		    p->f[PF_INSURER], im->insurer);
		import_reject(im, row->line, "insurer", why);
		free(why);
		return -1;
	}
	/* Kept as the vault writes it, whatever the layout's padding. */
	p->f[PF_INSURER] = (char *)vault_insurer(im->s->v);
	if (person_check(p, &why) == 0)
		return 0;
	/* person_check names the field before a colon. */
	colon = strchr(why, ':');
	if (colon != NULL) {
		*colon = '\0';
		import_reject(im, row->line, why, colon + 2);
	} else {
		import_reject(im, row->line, "-", why);
	}
	free(why);
	return -1;
}

static int
import_write(struct import *im, const struct csv_row *row, const struct person *p)
{
	enum persons_upsert r;
	char *err = NULL, *why;

	if (persons_writer_put(im->w, p, &r, &err) < 0) {
		im->fatal = err;
		return 1;
	}
	switch (r) {
	case PERSON_ADDED: im->rep->counts.added++; break;
	case PERSON_CHANGED: im->rep->counts.changed++; break;
	case PERSON_UNCHANGED: im->rep->counts.unchanged++; break;
	case PERSON_DUPLICATE:
		why = xasprintf(_("person %s appears twice in this file"), p->f[PF_KEY]);
		import_reject(im, row->line, "key", why);
		free(why);
		break;
	}
	return 0;
}

static int
import_row(const struct csv_row *row, void *arg)
{
	struct import *im = arg;
	struct person p;

	if (im->layout.header && !im->header_seen)
		return import_header(im, row);
	if (im->rq->cancel != NULL && *im->rq->cancel) {
		im->fatal = xstrdup(_("interrupted: nothing was imported"));
		return 1;
	}
	im->rep->rows++;
	if (im->rq->progress != NULL && im->rep->rows % 1000 == 0)
		im->rq->progress(im->rep->rows, im->bytes, im->total, im->rq->arg);
	if (import_person(im, row, &p) < 0 || import_rules(im, row, &p) < 0)
		return 0;
	return import_write(im, row, &p);
}

/* Reads the file once: hash, decode, parse, and each row to import_row. */
static int
import_read(struct import *im, char **err)
{
	FILE *f = fopen(im->rq->file, "rb");
	struct decoder *dec;
	struct csvr *csv;
	EVP_MD_CTX *md;
	unsigned char digest[32];
	char *buf;
	const char *out;
	size_t n, outlen;
	int rc = 0;

	if (f == NULL)
		return err_set(err, _("cannot read %s: %s"), im->rq->file, strerror(errno));
	if ((dec = decoder_new(im->layout.encoding, err)) == NULL) {
		fclose(f);
		return -1;
	}
	md = EVP_MD_CTX_new();
	csv = csvr_new(1);
	buf = xmalloc(IMPORT_CHUNK);
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	while (rc == 0 && (n = fread(buf, 1, IMPORT_CHUNK, f)) > 0) {
		im->bytes += (long long)n;
		EVP_DigestUpdate(md, buf, n);
		rc = decoder_feed(dec, buf, n, &out, &outlen, err);
		if (rc == 0)
			rc = csvr_feed(csv, out, outlen, import_row, im, err);
	}
	if (rc == 0 && ferror(f))
		rc = err_set(err, _("cannot read %s: %s"), im->rq->file, strerror(errno));
	if (rc == 0 && (rc = decoder_finish(dec, err)) == 0)
		rc = csvr_finish(csv, import_row, im, err);
	if (rc < 0 && im->fatal == NULL)
		/* Parser and decoder errors say "line N: ..." or "byte N: ...". */
		im->fatal = xasprintf("%s:%s", im->rq->file, *err ? *err : "?");
	EVP_DigestFinal_ex(md, digest, NULL);
	hex_encode(digest, 32, im->rep->sha256);
	EVP_MD_CTX_free(md);
	csvr_free(csv);
	decoder_free(dec);
	fclose(f);
	free(buf);
	if (im->fatal != NULL) {
		free(*err);
		*err = im->fatal;
		im->fatal = NULL;
		return -1;
	}
	return 0;
}

/* Columns with no role, or a role that is not a person field's. */
static void
import_pass_columns(struct import *im)
{
	size_t j;
	int i;

	im->pass = xcalloc(im->layout.nfields ? im->layout.nfields : 1,
	    sizeof *im->pass);
	for (j = 0; j < im->layout.nfields; j++) {
		const char *role = im->layout.fields[j].role;

		for (i = 0; role != NULL && i < PF_ROLES; i++)
			if (strcmp(role, person_role((enum person_field)i)) == 0)
				break;
		if (role == NULL || i == PF_ROLES)
			im->pass[im->npass++] = j;
	}
}

static int
import_layout(struct import *im, char **err)
{
	char *forms = NULL, *path;
	int i, rc;

	if (im->rq->layout != NULL) {
		path = xstrdup(im->rq->layout);
	} else {
		if ((forms = paths_data("forms")) == NULL)
			return err_set(err, _("layouts not found: is mynadesk installed?"));
		path = xasprintf("%s/persons.layout", forms);
	}
	rc = layout_load(path, &im->layout, err);
	free(path);
	free(forms);
	if (rc < 0 || layout_require_roles(&im->layout, import_required, err) < 0)
		return -1;
	for (i = 0; i < PF_COUNT; i++)
		im->col[i] = i >= PF_ROLES ? -1 : layout_index_of_role(&im->layout,
		    person_role((enum person_field)i));
	import_pass_columns(im);
	layout_insurer(&im->layout, vault_insurer(im->s->v), im->insurer);
	return 0;
}

/* Rebuilding the search indexes pays when the file brings many more rows
 * than the vault holds (the first load); a daily re-import updates them in
 * place. The row count is guessed from the file size. */
static int
import_bulk(struct import *im)
{
	long long have = 0, guess = im->total / IMPORT_LINE_GUESS;

	(void)persons_count(im->s->v, &have, NULL);
	return guess > 10000 && guess > 2 * have;
}

static char *
import_detail(struct import *im)
{
	return xasprintf("file=%s sha256=%s layout=%s/%d added=%lld changed=%lld "
	    "unchanged=%lld rejected=%lld%s", im->rq->file, im->rep->sha256,
	    im->layout.name, im->layout.version, im->rep->counts.added,
	    im->rep->counts.changed, im->rep->counts.unchanged,
	    im->rep->counts.rejected, im->rep->counts.rejected > 0 ?
	    " accepted=valid-lines-only" : "");
}

/* The pass, then keep or drop everything; the caller began the transaction. */
static int
import_run(struct import *im, char **err)
{
	struct extract_info x = { im->rq->file, "", im->layout.name,
	    im->layout.version, im->s->user, im->rq->accept_valid };
	char *detail;
	int64_t extract;
	int rc;

	if (persons_writer_open(im->s->v, &x, import_bulk(im), &im->w, &extract,
	    err) < 0)
		return -1;
	rc = import_read(im, err);
	if (rc == 0 && im->rep->counts.rejected > 0 && !im->rq->accept_valid)
		rc = err_set(err, ngettext("%lld of %lld lines has errors: nothing "
		    "was imported (fix it, or accept importing only the valid "
		    "lines)", "%lld of %lld lines have errors: nothing was "
		    "imported (fix them, or accept importing only the valid lines)",
		    (unsigned long)im->rep->counts.rejected),
		    im->rep->counts.rejected, im->rep->rows);
	if (persons_writer_close(im->w, rc == 0 ? &im->rep->counts : NULL,
	    im->rep->sha256, rc == 0 ? err : NULL) < 0)
		rc = -1;
	if (rc < 0)
		return -1;
	detail = import_detail(im);
	rc = ops_audit(im->s, "", "person.import", im->layout.name, detail, err);
	free(detail);
	return rc;
}

static int
import_tx(struct session *s, void *arg, char **err)
{
	(void)s;
	return import_run(arg, err);
}

int
ops_person_import(struct session *s, const struct import_request *rq,
    struct import_report *rep, char **err)
{
	static const struct ops_tx_def def = { import_tx, NULL, NULL };
	struct import im;
	struct stat st;
	int rc;

	memset(rep, 0, sizeof *rep);
	memset(&im, 0, sizeof im);
	im.s = s;
	im.rq = rq;
	im.rep = rep;
	im.total = stat(rq->file, &st) == 0 ? (long long)st.st_size : 0;
	if (import_layout(&im, err) < 0) {
		layout_free(&im.layout);
		return -1;
	}
	/* Without foreign key checks: every extract, person and history id
	 * the import writes is the one it has just written or found, and
	 * persons are never deleted, so the checks could not fail. This
	 * SQLite (3.15, SQLCipher 3.4) rewrites the entries of every index of
	 * a table when an UPDATE sets a column with a foreign key checked
	 * (last_extract): each changed person dirtied a page of all seven
	 * indexes of persons, whichever column changed. */
	rc = ops_tx_bulk(s, &def, &im, err);
	if (rc < 0)
		memset(&rep->counts.added, 0, 3 * sizeof rep->counts.added);
	rep->written = rc == 0;
	layout_colmap_free(&im.map);
	free(im.pass);
	xbuf_free(&im.extra);
	layout_free(&im.layout);
	return rc;
}

void
import_report_clear(struct import_report *rep)
{
	int i;

	for (i = 0; i < rep->nmessages; i++)
		free(rep->messages[i]);
	free(rep->messages);
	memset(rep, 0, sizeof *rep);
}
