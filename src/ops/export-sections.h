/* The sections of an export package: one file, one writer function. To add
 * a section (e.g. the media custody log), write its function in a file of
 * its own and add one row to the table in export-sections.c. */
#ifndef MYNA_EXPORT_SECTIONS_H
#define MYNA_EXPORT_SECTIONS_H

#include <stdint.h>

#include "ops/session.h"
#include "store/checkpoint.h"
#include "util/xbuf.h"

struct export_ctx {
	struct session *s;
	const char *from, *to;		/* Japan-local days */
	char start[21], end[21];	/* the same as UTC instants */
	int64_t first, last;		/* audit records of the period */
	struct checkpoint cp;		/* signed just before writing */
	char key_print[65];
	int files;
};

struct export_section {
	const char *name;	/* file name in the package */
	const char *about;	/* N_() text for the README: what it holds */
	int (*write)(struct export_ctx *c, struct xbuf *out, char **err);
};

const struct export_section *export_section_list(size_t *n);

/* Writers of the audit part (export-audit.c). */
int export_audit_records(struct export_ctx *c, struct xbuf *out, char **err);
int export_audit_proof(struct export_ctx *c, struct xbuf *out, char **err);
int export_checkpoint_note(struct export_ctx *c, struct xbuf *out, char **err);
int export_checkpoint_sig(struct export_ctx *c, struct xbuf *out, char **err);
int export_pubkey(struct export_ctx *c, struct xbuf *out, char **err);
/* Writers of the vault's state (export-state.c). */
int export_accounts(struct export_ctx *c, struct xbuf *out, char **err);
int export_idproof_patterns(struct export_ctx *c, struct xbuf *out, char **err);
int export_number_counts(struct export_ctx *c, struct xbuf *out, char **err);
/* Writers of the media exchanged with J-LIS (export-media.c). */
int export_media_custody(struct export_ctx *c, struct xbuf *out, char **err);
int export_disposal_register(struct export_ctx *c, struct xbuf *out,
    char **err);
/* The README, written last, explains every section (export-readme.c). */
int export_readme(struct export_ctx *c, struct xbuf *out, char **err);

#endif
