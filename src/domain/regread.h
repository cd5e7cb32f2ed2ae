/* Reading a file in a layout: the registration files (to check them), the
 * server's result files, and the simulator's input. */
#ifndef MYNA_REGREAD_H
#define MYNA_REGREAD_H

#include <stdio.h>

#include "domain/layout.h"

struct reg_row {
	long	 line;		/* physical line where the record starts */
	long	 record;	/* 1-based, a header line not counted */
	size_t	 nfields;
	char	**v;		/* UTF-8 values, valid during the callback */
	size_t	*lens;
	int	 bad;		/* problems found in it (already reported) */
};

/* A problem in one record: field is the field's name, or "-". */
typedef void (*reg_problem_fn)(long line, const char *field, const char *why,
    void *arg);
/* Every record, after its checks; nonzero stops the reading. */
typedef int (*reg_row_fn)(const struct reg_row *r, void *arg);

struct reg_read_summary {
	long long rows, bad;
	char sha256[65];	/* of the file's bytes */
};

/*
 * Reads f in layout l: decodes its encoding, parses CSV strictly, checks the
 * header line (header = yes), the field count and every value
 * (reg_check_value). Problems in records go to problem (may be NULL) and do
 * not stop the reading; an undecodable byte, broken CSV or a wrong header
 * does: -1 with *err. row (may be NULL) sees every record.
 */
int reg_read(const struct layout *l, FILE *f, reg_row_fn row,
    reg_problem_fn problem, void *arg, struct reg_read_summary *sum,
    char **err);

/*
 * The checker for registration and result files (for `mynadesk check`):
 * reads path in the layout at layout_path and reports each problem to out
 * as "FILE:LINE:FIELD: why" (values are never repeated). Returns 0 when the
 * file passes, 1 when records have problems, -1 (with *err) when the layout
 * or the file cannot be read at all.
 */
int reg_check_file(const char *layout_path, const char *path, FILE *out,
    struct reg_read_summary *sum, char **err);

/* What a result row says, by the roles of forms/reg-result.layout. */
struct reg_result_cols {
	int file, file_sha256, seq, key, branch, code, message;	/* -1: none */
};
struct reg_result_row {
	long	 line;
	long	 seq;
	int	 ok;		/* code is "0": accepted */
	const char *file, *file_sha256, *key, *branch, *code, *message;
};
/* Finds the roles; file, seq, key and code are required. */
int reg_result_columns(const struct layout *l, struct reg_result_cols *c,
    char **err);
/* Reads one checked record (r->bad == 0) as a result row; -1 with *err when
 * its sequence number is not 1-9999999. Pointers go into r. */
int reg_result_row(const struct reg_result_cols *c, const struct reg_row *r,
    struct reg_result_row *out, char **err);

#endif
