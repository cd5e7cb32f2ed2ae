/* Person import in two passes over the file: the first checks every line
 * (and hashes the file), the second writes the valid lines in one
 * transaction. Nothing is written when the first pass found an error, unless
 * the user accepted importing only the valid lines; that choice is audited. */
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
#include "store/audit.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xmalloc.h"

#define IMPORT_CHUNK (64 * 1024)

/* State shared by both passes. */
struct import {
	struct session *s;
	const struct import_request *rq;
	struct import_report *rep;
	struct layout layout;
	int col[PF_COUNT];	/* layout column of each person field, or -1 */
	int pass;		/* 1 check, 2 write */
	int header_seen;
	long long *bad;		/* rejected lines (pass 1, ascending) */
	size_t nbad, capbad;
	char **keys;		/* pass 1: every key, for duplicates */
	long *keylines;
	size_t nkeys, capkeys;
	struct persons_writer *w;
	char *fatal;		/* an error that stops the pass */
	long long bytes, total;
};

static const char *const import_required[] = { "key", "insurer", "number",
	"relation", "name", "kana", "birth", "sex", "address", "municipality",
	"resident", "acquired", NULL };

static void
import_reject(struct import *im, long line, const char *field, const char *why)
{
	struct import_report *rep = im->rep;

	if (im->nbad == 0 || im->bad[im->nbad - 1] != line) {
		if (im->nbad == im->capbad) {
			im->capbad = im->capbad ? im->capbad * 2 : 64;
			im->bad = xrealloc(im->bad, im->capbad * sizeof *im->bad);
		}
		im->bad[im->nbad++] = line;
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
import_is_bad(const struct import *im, long line)
{
	size_t lo = 0, hi = im->nbad;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (im->bad[mid] == line)
			return 1;
		if (im->bad[mid] < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int
import_header(struct import *im, const struct csv_row *row)
{
	size_t i;

	im->header_seen = 1;
	if (row->nfields != im->layout.nfields)
		goto bad;
	for (i = 0; i < row->nfields; i++)
		if (strcmp(row->fields[i], im->layout.fields[i].name) != 0)
			goto bad;
	return 0;
bad:
	im->fatal = xasprintf(_("%s:%ld: the header does not match layout '%s' "
	    "(expected %s, ...): is this the right file or layout?"), im->rq->file,
	    row->line, im->layout.name, im->layout.fields[0].name);
	return 1;
}

/* Builds a person from a row, checking each value; 0 when all is well. */
static int
import_person(struct import *im, const struct csv_row *row, struct person *p)
{
	size_t i;
	int ok = 1;

	memset(p, 0, sizeof *p);
	if (row->nfields != im->layout.nfields) {
		char *why = xasprintf(_("has %zu fields; the layout has %zu"),
		    row->nfields, im->layout.nfields);

		import_reject(im, row->line, "-", why);
		free(why);
		return -1;
	}
	for (i = 0; i < row->nfields; i++) {
		char *why = NULL;

		if (im->pass == 1 && fieldcheck_value(&im->layout.fields[i],
		    row->fields[i], row->lens[i], &why) < 0) {
			import_reject(im, row->line, im->layout.fields[i].name, why);
			ok = 0;
		}
		free(why);
	}
	for (i = 0; i < PF_COUNT; i++)
		p->f[i] = xstrdup(im->col[i] >= 0 ? row->fields[im->col[i]] : "");
	return ok ? 0 : -1;
}

static void
import_note_key(struct import *im, const char *key, long line)
{
	if (im->nkeys == im->capkeys) {
		im->capkeys = im->capkeys ? im->capkeys * 2 : 1024;
		im->keys = xrealloc(im->keys, im->capkeys * sizeof *im->keys);
		im->keylines = xrealloc(im->keylines, im->capkeys * sizeof *im->keylines);
	}
	im->keys[im->nkeys] = xstrdup(key);
	im->keylines[im->nkeys++] = line;
}

static int
import_check_row(struct import *im, const struct csv_row *row, struct person *p)
{
	char *why = NULL;

	if (import_person(im, row, p) < 0)
		return -1;
	if (strcmp(p->f[PF_INSURER], im->s->v->insurer) != 0) {
		why = xasprintf(_("is %s, but this vault is for insurer %s"),
		    p->f[PF_INSURER], im->s->v->insurer);
		import_reject(im, row->line, "insurer", why);
		free(why);
		return -1;
	}
	if (person_check(p, &why) < 0) {
		/* person_check names the field before a colon. */
		char *colon = strchr(why, ':');

		if (colon != NULL) {
			*colon = '\0';
			import_reject(im, row->line, why, colon + 2);
		} else {
			import_reject(im, row->line, "-", why);
		}
		free(why);
		return -1;
	}
	import_note_key(im, p->f[PF_KEY], row->line);
	return 0;
}

static int
import_write_row(struct import *im, const struct csv_row *row, struct person *p)
{
	enum persons_upsert r;
	char *err = NULL;

	if (import_is_bad(im, row->line))
		return 0;
	if (import_person(im, row, p) < 0)
		return 0;
	if (persons_writer_put(im->w, p, &r, &err) < 0) {
		im->fatal = err;
		return 1;
	}
	if (r == PERSON_ADDED)
		im->rep->counts.added++;
	else if (r == PERSON_CHANGED)
		im->rep->counts.changed++;
	else
		im->rep->counts.unchanged++;
	return 0;
}

static int
import_row(const struct csv_row *row, void *arg)
{
	struct import *im = arg;
	struct person p;
	int stop;

	if (im->layout.header && !im->header_seen)
		return im->pass == 1 ? import_header(im, row) : (im->header_seen = 1, 0);
	if (im->rq->cancel != NULL && *im->rq->cancel) {
		im->fatal = xstrdup(_("interrupted: nothing was imported"));
		return 1;
	}
	if (im->pass == 1)
		im->rep->rows++;
	stop = im->pass == 1 ? (import_check_row(im, row, &p), 0) :
	    import_write_row(im, row, &p);
	person_clear(&p);
	if (im->rq->progress != NULL && im->rep->rows % 1000 == 0)
		im->rq->progress(im->rep->rows, im->bytes, im->total, im->rq->arg);
	return stop;
}

/* One pass over the file: decode, parse, hand each row to import_row. */
static int
import_pass(struct import *im, char sha[65], char **err)
{
	FILE *f = fopen(im->rq->file, "rb");
	struct decoder *dec;
	struct csvr *csv;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char digest[32];
	char *buf = xmalloc(IMPORT_CHUNK);
	const char *out;
	size_t n, outlen;
	int rc = 0;

	if (f == NULL) {
		free(buf);
		EVP_MD_CTX_free(md);
		return err_set(err, _("cannot read %s: %s"), im->rq->file, strerror(errno));
	}
	dec = decoder_new(im->layout.encoding, err);
	csv = csvr_new(1);
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	im->bytes = 0;
	im->header_seen = 0;
	while (rc == 0 && dec != NULL && (n = fread(buf, 1, IMPORT_CHUNK, f)) > 0) {
		im->bytes += (long long)n;
		EVP_DigestUpdate(md, buf, n);
		rc = decoder_feed(dec, buf, n, &out, &outlen, err);
		if (rc == 0)
			rc = csvr_feed(csv, out, outlen, import_row, im, err);
	}
	if (dec == NULL)
		rc = -1;
	if (rc == 0 && ferror(f))
		rc = err_set(err, _("cannot read %s: %s"), im->rq->file, strerror(errno));
	if (rc == 0)
		rc = decoder_finish(dec, err);
	if (rc == 0)
		rc = csvr_finish(csv, import_row, im, err);
	if (rc == -1 && err != NULL && *err != NULL && im->fatal == NULL) {
		/* Parser and decoder errors say "line N: ..." or "byte N: ...". */
		im->fatal = xasprintf("%s:%s", im->rq->file, *err);
	}
	EVP_DigestFinal_ex(md, digest, NULL);
	hex_encode(digest, 32, sha);
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
	return rc == 0 ? 0 : -1;
}

static int
import_key_cmp(const void *a, const void *b)
{
	const size_t *x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/* Sorting an index by key finds duplicate keys in the file. */
static struct import *import_sorting;

static int
import_index_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(import_sorting->keys[x], import_sorting->keys[y]);

	return c != 0 ? c : import_key_cmp(a, b);
}

static void
import_check_duplicates(struct import *im)
{
	size_t *idx = xmalloc((im->nkeys + 1) * sizeof *idx), i;

	for (i = 0; i < im->nkeys; i++)
		idx[i] = i;
	import_sorting = im;
	qsort(idx, im->nkeys, sizeof *idx, import_index_cmp);
	import_sorting = NULL;
	for (i = 1; i < im->nkeys; i++) {
		if (strcmp(im->keys[idx[i]], im->keys[idx[i - 1]]) == 0) {
			char *why = xasprintf(_("person %s already appears on line %ld"),
			    im->keys[idx[i]], im->keylines[idx[i - 1]]);

			import_reject(im, im->keylines[idx[i]], "key", why);
			free(why);
		}
	}
	free(idx);
}

static int
import_long_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Duplicates are found after the pass, so the rejected lines are sorted and
 * made unique once more; each line counts once. */
static void
import_sort_bad(struct import *im)
{
	size_t i, n = 0;

	qsort(im->bad, im->nbad, sizeof *im->bad, import_long_cmp);
	for (i = 0; i < im->nbad; i++)
		if (n == 0 || im->bad[n - 1] != im->bad[i])
			im->bad[n++] = im->bad[i];
	im->nbad = n;
	im->rep->counts.rejected = (long long)n;
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
		im->col[i] = layout_index_of_role(&im->layout,
		    person_role((enum person_field)i));
	return 0;
}

static void
import_free(struct import *im)
{
	size_t i;

	for (i = 0; i < im->nkeys; i++)
		free(im->keys[i]);
	free(im->keys);
	free(im->keylines);
	free(im->bad);
	layout_free(&im->layout);
}

/* Second pass and its audit record, in one transaction. */
static int
import_write(struct import *im, char **err)
{
	struct extract_info x = { im->rq->file, im->rep->sha256, im->layout.name,
	    im->layout.version, im->s->user, im->rep->counts.rejected > 0 };
	char sha[65], *detail;
	int64_t extract;
	int rc;

	if (db_begin(im->s->v->db, err) < 0)
		return -1;
	if (persons_writer_open(im->s->v->db, &x, &im->w, &extract, err) < 0) {
		db_rollback(im->s->v->db);
		return -1;
	}
	im->pass = 2;
	im->rep->rows = 0;
	rc = import_pass(im, sha, err);
	if (rc == 0 && strcmp(sha, im->rep->sha256) != 0)
		rc = err_set(err, _("%s changed while it was being imported: nothing "
		    "was imported"), im->rq->file);
	if (persons_writer_close(im->w, &im->rep->counts, rc == 0 ? err : NULL) < 0)
		rc = -1;
	detail = xasprintf("file=%s sha256=%s layout=%s/%d added=%lld changed=%lld "
	    "unchanged=%lld rejected=%lld%s", im->rq->file, sha, im->layout.name,
	    im->layout.version, im->rep->counts.added, im->rep->counts.changed,
	    im->rep->counts.unchanged, im->rep->counts.rejected,
	    im->rep->counts.rejected > 0 ? " accepted=valid-lines-only" : "");
	if (rc == 0)
		rc = ops_audit(im->s, "", "person.import", im->layout.name, detail, err);
	free(detail);
	if (rc < 0) {
		db_rollback(im->s->v->db);
		memset(&im->rep->counts, 0, sizeof im->rep->counts);
		return -1;
	}
	return ops_commit(im->s, err);
}

int
ops_person_import(struct session *s, const struct import_request *rq,
    struct import_report *rep, char **err)
{
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
		import_free(&im);
		return -1;
	}
	im.pass = 1;
	rc = import_pass(&im, rep->sha256, err);
	if (rc == 0) {
		import_check_duplicates(&im);
		import_sort_bad(&im);
	}
	if (rc == 0 && rep->counts.rejected > 0 && !rq->accept_valid)
		rc = err_set(err, _("%lld of %lld lines have errors: nothing was "
		    "imported (fix them, or accept importing only the valid lines)"),
		    rep->counts.rejected, rep->rows);
	if (rc == 0)
		rc = import_write(&im, err);
	rep->written = rc == 0;
	import_free(&im);
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
