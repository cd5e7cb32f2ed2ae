/* Evidence files in the vault: adding, listing, copying out, audited. */
#ifndef MYNA_OPS_EVIDENCE_H
#define MYNA_OPS_EVIDENCE_H

#include "ops/session.h"
#include "store/evidence.h"

/* The console still passes this to ops_settings_get, which ignores it: the
 * default lives in store/settings.c. */
#define EVIDENCE_MAX_MB_DEFAULT 20

struct evidence_add_request {
	const char *path;	/* the file to store */
	const char *title;
	const char *about;	/* person:KEY, medium:ID, test:NAME or NULL */
};

/* Stores the file with its SHA-256, size and type; m receives the row. */
int ops_evidence_add(struct session *s, const struct evidence_add_request *rq,
    struct evidence_meta *m, char **err);
int ops_evidence_list(struct session *s, evidence_row_fn fn, void *arg,
    char **err);
int ops_evidence_info(struct session *s, int64_t id, struct evidence_meta *m,
    char **err);
/* Writes a copy to out (never over an existing file), re-checking the
 * SHA-256; a mismatch removes the copy, is audited and fails. */
int ops_evidence_get(struct session *s, int64_t id, const char *out,
    struct evidence_meta *m, char **err);
/* Parses an evidence id ("3"); -1 with a message when it is not one. */
int ops_evidence_id(const char *text, int64_t *id, char **err);

#endif
