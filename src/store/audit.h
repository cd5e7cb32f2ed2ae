/* The audit log: appending in the caller's transaction, walking the chain. */
#ifndef MYNA_AUDIT_H
#define MYNA_AUDIT_H

#include <stdint.h>

#include "domain/auditdetail.h"
#include "domain/auditrec.h"

struct vault;

/* Appends one record inside the caller's open transaction. detail is masked
 * (redact_numbers) before it is stored. *seq_out (if not NULL) gets the new
 * sequence number. */
int audit_append(struct vault *v, const char *actor, const char *actor2,
    const char *action, const char *subject, const char *detail,
    int64_t *seq_out, char **err);

/* The same with a typed detail: each field masked by its kind
 * (auditdetail_format), so a tracking number or a hash is kept whole while
 * free text is masked. */
int audit_append_fields(struct vault *v, const char *actor, const char *actor2,
    const char *action, const char *subject, const struct audit_field *f,
    size_t n, int64_t *seq_out, char **err);

/* The last record's sequence and chain hash; seq 0 and zero hash when empty. */
int audit_head(struct vault *v, int64_t *seq,
    unsigned char hash[AUDIT_HASH_LEN], char **err);
/* The chain hash stored for record seq; -1 when there is none. */
int audit_hash_at(struct vault *v, int64_t seq,
    unsigned char hash[AUDIT_HASH_LEN], char **err);

typedef void (*audit_progress_fn)(int64_t done, int64_t total, void *arg);

/* Re-walks the whole chain: sequence without gaps, each prev equal to the
 * record before, each hash recomputed. On success *count and head hold the
 * number of records and the head; on a break *err names the record. */
int audit_verify(struct vault *v, audit_progress_fn progress, void *arg,
    int64_t *count, unsigned char head[AUDIT_HASH_LEN], char **err);

struct audit_filter {
	const char *from;	/* Japan-local day YYYY-MM-DD, inclusive, or NULL */
	const char *to;		/* Japan-local day YYYY-MM-DD, inclusive, or NULL */
	const char *actor;
	const char *action;	/* exact, or a prefix ending in '.' or '*' */
	int64_t limit;		/* 0: no limit */
	int newest_first;
	/* Text found in the subject or the detail (person key, medium name). */
	const char *person;
	const char *medium;
	int64_t seq_first, seq_last;	/* inclusive; 0: no bound */
};

typedef int (*audit_row_fn)(const struct auditrec *r, void *arg);

int audit_list(struct vault *v, const struct audit_filter *f, audit_row_fn fn,
    void *arg, char **err);

#endif
