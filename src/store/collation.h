/* SQL for the J-LIS collation of registrations: persons blocked by a
 * mismatch, the no-error decisions, and the mismatches ever reported. */
#ifndef MYNA_STORE_COLLATION_H
#define MYNA_STORE_COLLATION_H

#include <stddef.h>
#include <stdint.h>

#include "domain/collation.h"

struct vault;

/* Keys of the persons blocked now (a mismatch, or a no-error decision
 * not yet registered), sorted by strcmp; free with coll_store_keys_free. */
int coll_store_blocked_keys(struct vault *v, char ***keys, size_t *n,
    char **err);
void coll_store_keys_free(char **keys, size_t n);
/* Ids of the persons with a no-error decision in force (their records
 * carry the flag), ascending; *ids NULL when none. */
int coll_store_no_error_ids(struct vault *v, int64_t **ids, size_t *n,
    char **err);

/* A result's mismatch for the record seq of file_id, sent for key: the
 * person is blocked (a no-error decision they had is replaced). */
int coll_store_mismatch(struct vault *v, long long file_id, long long seq,
    const char *key, const struct coll_row *c, char **err);
/* A result registered key's record without a mismatch: a mismatch is
 * settled (the row goes), a no-error decision is marked registered.
 * 1 when the person was blocked, 0 when not. */
int coll_store_settle(struct vault *v, const char *key, char **err);

/* A supervisor's no-error decision for a blocked person: 1 recorded (the
 * person is marked for the next differential), 0 when key names nobody
 * with an open mismatch. */
int coll_store_no_error(struct vault *v, const char *key, const char *reason,
    const char *actor, const char *checker, char **err);

/* A blocked person beside the registry: the person's five items now and
 * the registry's as the result gave them. */
struct coll_list_row {
	const char *key, *state, *reported, *file, *items, *reason;
	const char *decided_by, *checker;
	const char *mine[COLL_NITEMS], *theirs[COLL_NITEMS];
	long long seq;
	int dirty;	/* the record changed since: goes in the next diff */
};
typedef int (*coll_list_fn)(const struct coll_list_row *r, void *arg);
int coll_store_list(struct vault *v, coll_list_fn fn, void *arg, char **err);
int coll_store_count_blocked(struct vault *v, long long *n, char **err);

#endif
