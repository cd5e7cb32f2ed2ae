/*
 * The format checker: one pass over a file of any layout the project knows,
 * in bounded memory (a chunk, a record, and one hash set for identifier
 * uniqueness: 16 bytes a row). It checks the encoding, the line ending, the
 * field count, each value by its layout field (characters, bytes in the
 * file's encoding, dates, codes, check digits), the file name rule, and
 * the layout's own rules from the registry (domain/checkers.h). Every
 * problem is reported as "file:line:field: message".
 */
#ifndef MYNA_FILECHECK_H
#define MYNA_FILECHECK_H

#include <stddef.h>

#include "domain/csv.h"
#include "domain/jlis.h"
#include "domain/layout.h"

struct filecheck;

/* One layout's entry in the registry. */
struct filecheck_rules {
	const char *name;		/* "jlis-request" */
	const char *layout_file;	/* in forms/: "jlis-request.layout" */
	const char *unique_role;	/* values unique in a file, or NULL */
	const char *const *roles;	/* roles the layout must have */
	/* Rules across the fields of a row whose values all passed. */
	void (*row)(struct filecheck *fc, const struct csv_row *row);
};

/* A problem, already formatted. */
typedef void (*filecheck_err_fn)(const char *msg, void *arg);
/* A data row with no problem; nonzero stops the check. */
typedef int (*filecheck_row_fn)(struct filecheck *fc,
    const struct csv_row *row, void *arg);

/* path is the file's name as given (its base name meets the name rule). */
struct filecheck *filecheck_new(const struct layout *l,
    const struct filecheck_rules *rules, const char *path,
    filecheck_err_fn on_err, void *arg, char **err);
void filecheck_on_row(struct filecheck *fc, filecheck_row_fn fn, void *arg);
/* Feeds bytes; -1 once the file cannot be read on (a fatal problem has been
 * reported), else 0. */
int filecheck_feed(struct filecheck *fc, const char *buf, size_t len);
/* Ends the input; returns the number of problems found. */
long long filecheck_finish(struct filecheck *fc);
void filecheck_free(struct filecheck *fc);

/* For rules: report a problem on a line and field. */
void filecheck_error(struct filecheck *fc, long line, const char *field,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The row's value for a role ("" when the layout has no such role). */
const char *filecheck_value(const struct filecheck *fc,
    const struct csv_row *row, const char *role);
/* The same with its length in bytes. */
const char *filecheck_value_n(const struct filecheck *fc,
    const struct csv_row *row, const char *role, size_t *len);
/* Whether the row's value for a role holds half-width kana (as
 * jlis_half_kana): for the row being checked, from what the value checks
 * counted, without reading the value again. */
int filecheck_half_kana(const struct filecheck *fc,
    const struct csv_row *row, const char *role);
const struct layout *filecheck_layout(const struct filecheck *fc);
/* What the file name gave, or NULL when the layout has no name rule or the
 * name does not follow it. */
const struct jlis_name *filecheck_name(const struct filecheck *fc);
long long filecheck_rows(const struct filecheck *fc);
long long filecheck_errors(const struct filecheck *fc);

/* The registry: NULL when name is unknown. */
const struct filecheck_rules *filecheck_find(const char *name);
/* The names, comma separated, for messages. */
const char *filecheck_names(void);

#endif
