/* Streaming CSV reader on libcsv: line numbers, BOM, NUL and size limits. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "domain/csv.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Step by which libcsv grows its field buffer. */
#define CSVR_BLOCK 16384

enum csvr_state {
	CSVR_OPEN,
	CSVR_STOPPED,
	CSVR_FAILED,
	CSVR_DONE,
};

/* A limit hit inside a libcsv callback, reported once csv_parse returns. */
enum csvr_fault {
	CSVR_FAULT_NONE,
	CSVR_FAULT_FIELD,
	CSVR_FAULT_FIELDS,
	CSVR_FAULT_RECORD,
};

struct csvr {
	struct csv_parser parser;
	enum csvr_state	  state;
	enum csvr_fault	  fault;
	char		 *msg;		/* repeated after a failure */

	size_t		  bom;		/* BOM bytes matched so far */
	int		  bom_done;
	long		  line;		/* physical line of the next byte */
	int		  after_cr;	/* an LF now ends no further line */
	int		  between;	/* no record begun since the last */
	long		  rec_line;	/* line the current record began on */

	csvr_row_fn	  fn;
	void		 *arg;

	/* The current record's fields, each NUL-terminated, one after the
	 * other in data; pointers are made only when the record is handed
	 * out, since data moves as it grows. */
	char		 *data;
	size_t		  dlen;
	size_t		  dsize;
	size_t		 *offs;
	size_t		 *lens;
	char		**fields;
	size_t		  nfields;
	size_t		  fsize;
};

static const unsigned char csvr_bom[3] = { 0xef, 0xbb, 0xbf };

/* RFC 4180: spaces are part of a field. libcsv trims spaces and tabs around
 * unquoted fields unless told that nothing is a space. */
static int
csvr_no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* libcsv grows its field buffer through this. Refusing past the limit makes
 * it stop with CSV_ENOMEM rather than hold a huge field in memory; the two
 * bytes of room let the field callback see, and report, a field just over
 * the limit (libcsv keeps a closing quote until it knows the field ended). */
static void *
csvr_realloc(void *p, size_t n)
{
	if (n > CSVR_FIELD_MAX + 2)
		return NULL;
	return xrealloc(p, n);
}

static int csvr_error(struct csvr *, char **, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* Records the reader's failure so that later calls repeat it. */
static int
csvr_error(struct csvr *r, char **err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	free(r->msg);
	r->msg = xvasprintf(fmt, ap);
	va_end(ap);
	r->state = CSVR_FAILED;
	return err_set(err, "%s", r->msg);
}

/* Turns a stop of csv_parse, or a fault raised in a callback, into a
 * message. */
static int
csvr_fail(struct csvr *r, char **err)
{
	int status = csv_error(&r->parser);

	if (r->fault == CSVR_FAULT_FIELDS)
		return csvr_error(r, err, _("line %ld: a record has more than "
		    "%d fields"), r->rec_line, CSVR_FIELDS_MAX);
	if (r->fault == CSVR_FAULT_RECORD)
		return csvr_error(r, err, _("line %ld: a record is larger than "
		    "%d MiB"), r->rec_line, CSVR_RECORD_MAX >> 20);
	if (r->fault == CSVR_FAULT_NONE && status == CSV_EPARSE)
		return csvr_error(r, err, _("line %ld: stray quote: quote a "
		    "field whole and double any quote inside it"), r->line);
	if (r->fault == CSVR_FAULT_NONE && status != CSV_ENOMEM)
		return csvr_error(r, err, _("line %ld: cannot read the file "
		    "(%s)"), r->line, csv_strerror(status));
	/* A field over the limit, seen by csvr_field when it ended or by
	 * csvr_realloc (CSV_ENOMEM, the only way memory is refused) while it
	 * grew. */
	return csvr_error(r, err, _("line %ld: a field is larger than %d MiB"),
	    r->rec_line, CSVR_FIELD_MAX >> 20);
}

/* libcsv's field callback: copies the field into the record. */
static void
csvr_field(void *s, size_t len, void *arg)
{
	struct csvr *r = arg;
	size_t need;

	if (r->state != CSVR_OPEN || r->fault != CSVR_FAULT_NONE)
		return;
	if (len > CSVR_FIELD_MAX) {
		r->fault = CSVR_FAULT_FIELD;
		return;
	}
	if (r->nfields == CSVR_FIELDS_MAX) {
		r->fault = CSVR_FAULT_FIELDS;
		return;
	}
	if (len + 1 > CSVR_RECORD_MAX - r->dlen) {
		r->fault = CSVR_FAULT_RECORD;
		return;
	}

	need = r->dlen + len + 1;
	if (need > r->dsize) {
		while (need > r->dsize)
			r->dsize = r->dsize == 0 ? 256 : r->dsize * 2;
		r->data = xrealloc(r->data, r->dsize);
	}
	if (r->nfields == r->fsize) {
		r->fsize = r->fsize == 0 ? 16 : r->fsize * 2;
		r->offs = xrealloc(r->offs, r->fsize * sizeof *r->offs);
		r->lens = xrealloc(r->lens, r->fsize * sizeof *r->lens);
		r->fields = xrealloc(r->fields, r->fsize * sizeof *r->fields);
	}
	/* An empty field may come with no buffer at all. */
	if (len > 0)
		memcpy(r->data + r->dlen, s, len);
	r->data[r->dlen + len] = '\0';
	r->offs[r->nfields] = r->dlen;
	r->lens[r->nfields] = len;
	r->nfields++;
	r->dlen += len + 1;
}

/* libcsv's record callback: hands the record to the caller. */
static void
csvr_row(int c, void *arg)
{
	struct csvr *r = arg;
	struct csv_row row;
	size_t i;

	(void)c;
	if (r->state != CSVR_OPEN || r->fault != CSVR_FAULT_NONE)
		return;
	for (i = 0; i < r->nfields; i++)
		r->fields[i] = r->data + r->offs[i];
	row.nfields = r->nfields;
	row.fields = r->fields;
	row.lens = r->lens;
	row.line = r->rec_line;
	if (r->fn != NULL && r->fn(&row, r->arg) != 0)
		r->state = CSVR_STOPPED;
	r->nfields = 0;
	r->dlen = 0;
	r->between = 1;
}

/* The first CR, LF or NUL in [p, end), or end: three memchr (vectorised)
 * cost less than a test of each byte for three values. */
static const unsigned char *
csvr_line_end(const unsigned char *p, const unsigned char *end)
{
	const unsigned char *q, *lim = end;

	if ((q = memchr(p, '\n', (size_t)(lim - p))) != NULL)
		lim = q;
	if ((q = memchr(p, '\r', (size_t)(lim - p))) != NULL)
		lim = q;
	if ((q = memchr(p, '\0', (size_t)(lim - p))) != NULL)
		lim = q;
	return lim;
}

/*
 * A whole line with no quote, begun between records, is what libcsv would
 * split at each comma into a record: it is split here with memchr, which
 * saves libcsv's byte-by-byte state machine on the usual line (a fifth of
 * the format checker's time). libcsv is left between records, as it would
 * be after that line. seg ends with its CR or LF.
 */
static int
csvr_plain_line(struct csvr *r, const unsigned char *p, size_t seg)
{
	const unsigned char *end = p + seg - 1, *comma;

	if (!r->between || memchr(p, '"', seg - 1) != NULL)
		return 0;
	if (end == p)		/* a line end alone: libcsv skips it */
		return 1;
	r->between = 0;
	r->rec_line = r->line;
	for (;;) {
		comma = memchr(p, ',', (size_t)(end - p));
		csvr_field((void *)p, (size_t)((comma ? comma : end) - p), r);
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	csvr_row('\n', r);
	return 1;
}

/*
 * Passes bytes to libcsv one line end at a time. libcsv does not count
 * lines, but it ends a record only on a CR or LF and skips only CRs and LFs
 * between records, so cutting the input after each line end tells which
 * line every record starts on and where a parse error is.
 */
static int
csvr_push(struct csvr *r, const unsigned char *p, size_t n, char **err)
{
	const unsigned char *end = p + n, *q;
	unsigned char last;
	size_t seg;

	while (p < end) {
		q = csvr_line_end(p, end);
		if (q < end && *q != '\0')
			q++;
		seg = (size_t)(q - p);
		if (seg > 0) {
			if (q[-1] == '\r' || q[-1] == '\n' ?
			    csvr_plain_line(r, p, seg) : 0) {
				if (r->fault != CSVR_FAULT_NONE)
					return csvr_fail(r, err);
			} else {
				if (r->between && *p != '\r' && *p != '\n') {
					r->between = 0;
					r->rec_line = r->line;
				}
				if (csv_parse(&r->parser, p, seg, csvr_field,
				    csvr_row, r) != seg ||
				    r->fault != CSVR_FAULT_NONE)
					return csvr_fail(r, err);
			}

			last = q[-1];
			if (seg > 1 || (last != '\r' && last != '\n'))
				r->after_cr = 0;
			if (last == '\r') {
				r->line++;
				r->after_cr = 1;
			} else if (last == '\n') {
				if (!r->after_cr)
					r->line++;
				r->after_cr = 0;
			}
			if (r->state == CSVR_STOPPED)
				return 1;
			p = q;
		}
		if (p < end && *p == '\0')
			return csvr_error(r, err, _("line %ld: the file contains "
			    "a NUL byte; is it a text file?"), r->line);
	}
	return 0;
}

/* What a reader that is no longer open answers. */
static int
csvr_closed(struct csvr *r, char **err)
{
	switch (r->state) {
	case CSVR_STOPPED:
		return 1;
	case CSVR_FAILED:
		return err_set(err, "%s", r->msg);
	default:
		return err_set(err, _("the file has already been read to its "
		    "end"));
	}
}

struct csvr *
csvr_new(int strict)
{
	struct csvr *r = xcalloc(1, sizeof *r);

	csv_init(&r->parser, strict ? CSV_STRICT | CSV_STRICT_FINI : 0);
	csv_set_space_func(&r->parser, csvr_no_space);
	csv_set_realloc_func(&r->parser, csvr_realloc);
	csv_set_blk_size(&r->parser, CSVR_BLOCK);
	r->state = CSVR_OPEN;
	r->line = 1;
	r->rec_line = 1;
	r->between = 1;
	return r;
}

void
csvr_free(struct csvr *r)
{
	if (r == NULL)
		return;
	csv_free(&r->parser);
	free(r->msg);
	free(r->data);
	free(r->offs);
	free(r->lens);
	free(r->fields);
	free(r);
}

int
csvr_feed(struct csvr *r, const char *buf, size_t len, csvr_row_fn fn,
    void *arg, char **err)
{
	const unsigned char *p = (const unsigned char *)buf;
	int rc;

	if (r->state != CSVR_OPEN)
		return csvr_closed(r, err);
	r->fn = fn;
	r->arg = arg;

	/* A BOM may arrive split over several chunks; bytes that begin like
	 * one but are not go to the parser as they are. */
	while (!r->bom_done && len > 0) {
		if (*p == csvr_bom[r->bom]) {
			p++;
			len--;
			if (++r->bom == sizeof csvr_bom)
				r->bom_done = 1;
			continue;
		}
		r->bom_done = 1;
		if ((rc = csvr_push(r, csvr_bom, r->bom, err)) != 0)
			return rc;
	}
	if (len == 0)
		return 0;
	return csvr_push(r, p, len, err);
}

int
csvr_finish(struct csvr *r, csvr_row_fn fn, void *arg, char **err)
{
	int rc;

	if (r->state == CSVR_DONE)
		return 0;
	if (r->state != CSVR_OPEN)
		return csvr_closed(r, err);
	r->fn = fn;
	r->arg = arg;

	if (!r->bom_done) {
		r->bom_done = 1;
		if ((rc = csvr_push(r, csvr_bom, r->bom, err)) != 0)
			return rc;
	}

	/* A quote still open means the file was cut short or a quote is
	 * missing: refuse in both modes. csv_fini checks this only when
	 * strict, so make it strict for its last step. */
	csv_set_opts(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
	if (csv_fini(&r->parser, csvr_field, csvr_row, r) != 0)
		return csvr_error(r, err, _("line %ld: a quoted field is not "
		    "closed at the end of the file"), r->rec_line);
	if (r->fault != CSVR_FAULT_NONE)
		return csvr_fail(r, err);
	if (r->state == CSVR_STOPPED)
		return 1;
	r->state = CSVR_DONE;
	return 0;
}
