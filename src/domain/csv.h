/* Streaming CSV reader (RFC 4180) on libcsv, with line numbers and limits. */
#ifndef MYNA_CSV_H
#define MYNA_CSV_H

#include <stddef.h>

/* Limits that keep a hostile or broken file from taking all memory. */
#define CSVR_FIELD_MAX (1024 * 1024)		/* bytes in one field */
#define CSVR_FIELDS_MAX 4096			/* fields in one record */
#define CSVR_RECORD_MAX (16 * 1024 * 1024)	/* bytes in one record */

/* One record. fields[i] is a NUL-terminated copy of lens[i] bytes, valid
 * only during the callback; line is the 1-based physical line on which the
 * record starts. */
struct csv_row {
	size_t	  nfields;
	char	**fields;
	size_t	 *lens;
	long	  line;
};

/* Called once a record is complete; returns 0 to go on, nonzero to stop. */
typedef int (*csvr_row_fn)(const struct csv_row *row, void *arg);

struct csvr;

/*
 * A reader for one input. Fields may be quoted ("a,b"), with doubled quotes
 * inside ("say ""hi"""), commas and line ends inside quotes; records end
 * with CRLF, LF or CR, the last one may lack it; a UTF-8 BOM at the start is
 * skipped; blank lines give no record; spaces belong to the field. A quote
 * left open at the end of input, a NUL byte and the limits above are errors
 * in both modes. Strict mode also refuses a quote inside an unquoted field
 * and text after a closing quote. Lenient mode keeps both as text, but
 * after a closing quote libcsv reads that quote as part of the field, which
 * then runs on to the next quote: use strict mode for imports.
 * An error's line is where the record starts, or for a stray quote or a
 * NUL byte the line it is on.
 */
struct csvr *csvr_new(int strict);
void csvr_free(struct csvr *r);

/*
 * Parses the next len bytes, calling fn for each record completed. Chunks
 * may end anywhere, even inside a UTF-8 character or a CRLF. Returns 0 to
 * go on, 1 when fn asked to stop, -1 with *err ("line N: ...") on error.
 * After a stop or an error the reader only repeats it; nothing may be fed
 * after csvr_finish.
 */
int csvr_feed(struct csvr *r, const char *buf, size_t len, csvr_row_fn fn,
    void *arg, char **err);
/* Ends the input: delivers a last record that has no line end. */
int csvr_finish(struct csvr *r, csvr_row_fn fn, void *arg, char **err);

#endif
