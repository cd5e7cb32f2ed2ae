/* J-LIS collation of registrations (May 2024): what a result's collation
 * columns do to the vault, the list of blocked persons, and the
 * supervisor's "no error, with a reason" (理由付き疑いなし). */
#ifndef MYNA_OPS_COLLATION_H
#define MYNA_OPS_COLLATION_H

#include <stddef.h>
#include <stdint.h>

#include "domain/collation.h"
#include "domain/regread.h"
#include "ops/accounts.h"
#include "ops/session.h"
#include "ops/witness.h"
#include "store/collation.h"

/* One result import's collation: opened with the result layout, fed every
 * row after the row matched its record. Costs nothing per row beyond
 * reading the columns unless persons are blocked (then a binary search
 * among their keys). */
struct coll_import {
	struct coll_cols cols;
	char **blocked;		/* keys, sorted */
	size_t nblocked;
	long long mismatched, settled;
};
int coll_import_open(struct session *s, const struct layout *l,
    struct coll_import *ci, char **err);
/* row r answered record seq of file_id for key, ok when registered. */
int coll_import_row(struct session *s, struct coll_import *ci,
    long long file_id, int persons, const struct reg_row *r, long seq,
    const char *key, int ok, char **err);
void coll_import_close(struct coll_import *ci);

/* The persons whose records carry the no-error flag, for an export:
 * coll_flag_of says the flag's value for a person id. */
struct coll_flags {
	int64_t *ids;
	size_t n;
};
int coll_flags_load(struct session *s, struct coll_flags *f, char **err);
const char *coll_flag_of(const struct coll_flags *f, int64_t id);
void coll_flags_free(struct coll_flags *f);

/* The blocked persons, oldest first (any user). */
int ops_reg_mismatches(struct session *s, coll_list_fn fn, void *arg,
    char **err);
int ops_reg_blocked_count(struct session *s, long long *n, char **err);
/* Records "no error, with a reason" for a blocked person: a supervisor
 * (or administrator) with a second person, reason of 4+ characters and
 * no 12-digit run; audited; the next differential sends the record with
 * the flag. */
int ops_reg_no_error(struct session *s, const char *key, const char *reason,
    struct witness *second, char **err);

#endif
