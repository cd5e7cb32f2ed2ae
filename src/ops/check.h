/* Running the format checker over a file: the layout from forms/ (or a
 * layout file), the file read once in chunks, its SHA-256 on the way. No
 * session: checking a file before sending it needs no vault. */
#ifndef MYNA_OPS_CHECK_H
#define MYNA_OPS_CHECK_H

#include "domain/filecheck.h"
#include "domain/layout.h"

/* Loads the layout of a registry name ("jlis-request") from forms/, or a
 * layout file (a path with '/' or ending in .layout) whose name the
 * registry knows. */
int ops_check_layout(const char *name, struct layout *out,
    const struct filecheck_rules **rules, char **err);

struct check_run {
	filecheck_err_fn on_err;
	void *err_arg;
	filecheck_row_fn on_row;	/* may be NULL */
	void *row_arg;
	long long rows, errors;
	char sha256[65];
};

/* Checks path with layout l; -1 with *err only when the file or layout
 * cannot be read at all (problems in the file are counted in run). */
int ops_check_file(const struct layout *l, const struct filecheck_rules *rules,
    const char *path, struct check_run *run, char **err);
/* The same without the file's SHA-256 (run->sha256 left empty), for a
 * caller that does not keep it: the digest was a twentieth of 'check'. */
int ops_check_file_nosum(const struct layout *l,
    const struct filecheck_rules *rules, const char *path,
    struct check_run *run, char **err);

#endif
