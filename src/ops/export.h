/* Export packages for an auditor or the commission, and their check. */
#ifndef MYNA_OPS_EXPORT_H
#define MYNA_OPS_EXPORT_H

#include <stdint.h>

#include "domain/exportpkg.h"
#include "ops/session.h"

struct export_result {
	int64_t first, last;	/* audit records in the package; 0 0 if none */
	int64_t tree_size;	/* records under the package's checkpoint */
	char manifest_sum[65];	/* SHA-256 of SHA256SUMS, also in the audit log */
	char key_print[65];
	int files;
};

/* Progress while writing: the section's file name. */
typedef void (*export_progress_fn)(const char *file, void *arg);

/* Writes the package for Japan-local days from..to (inclusive) into dir,
 * which must be new or empty; signs a checkpoint of the whole log first and
 * records the export in the audit log. */
int ops_audit_export(struct session *s, const char *from, const char *to,
    const char *dir, export_progress_fn progress, void *arg,
    struct export_result *res, char **err);

struct export_verified {
	int64_t first, last, tree_size;
	char key_print[65];
	int files;
};
/* Checks a package without any vault: sums, signatures, records, proof.
 * pinned_pem (may be NULL) is the public key the package must be signed
 * with. Calls problem for each thing wrong; returns how many. */
int ops_export_verify(const char *dir, const char *pinned_pem,
    export_problem_fn problem, void *arg, struct export_verified *res);

/* Writes each CSV table of the package in pkg (which must verify) as an
 * .xlsx, every cell text, into out, a folder made new; the package is not
 * changed. All or nothing: on failure no workbook is left. *written says
 * how many were written. */
int ops_export_sheets(const char *pkg, const char *out,
    export_progress_fn progress, void *arg, int *written, char **err);

#endif
