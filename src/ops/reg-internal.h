/* Shared between the parts of the registration export (not a public API). */
#ifndef MYNA_OPS_REG_INTERNAL_H
#define MYNA_OPS_REG_INTERNAL_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include <openssl/evp.h>

#include "domain/layout.h"
#include "domain/regfile.h"
#include "ops/registration.h"

/* One export under way. */
struct regx {
	struct session *s;
	const struct reg_export_request *rq;
	struct reg_export_report *rep;
	struct layout layout;
	struct reg_writer *w;
	const char **values;		/* one per layout field */
	long long id;			/* the file's row */
	long long seq;			/* records written so far */
	int seq_col, action_col;	/* -1 when the layout has none */
	char *name, *tmp, *mtmp;	/* tmp, mtmp: file and manifest until named */
	int kept;			/* recorded but not named: keep tmp, mtmp */
	FILE *f;
	off_t synced;			/* bytes handed to early writeback */
	size_t unsynced;		/* written since */
	char *iobuf;			/* stdio's buffer, wiped at the end */
	EVP_MD_CTX *md;			/* the whole file's SHA-256 */
	struct regstore_writer *sw;
	char source_sha256[65];		/* input CSV, for 副本 kinds */
	char *fatal;
};

/* Builds the record from x->values (filling seq and action), checks it
 * against the layout and, unless its content equals same_as (then
 * *skipped), writes and records it. A record the layout refuses is named in
 * the report and skipped. -1 on a failure that stops the export (x->fatal). */
int regx_emit(struct regx *x, int64_t person, const char *rkey, int action,
    const char *key, const unsigned char *same_as, int *skipped);
/* The sources: the vault's persons, or the input CSV. */
int regx_from_vault(struct regx *x, char **err);
int regx_from_file(struct regx *x, char **err);
/* Adds a message to a report's list (at most REG_MAX_MESSAGES). */
void reg_message(char ***msgs, int *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
