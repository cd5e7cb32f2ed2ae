/* Read-only queries behind exports, daily reports and the daily
 * checkpoint. Times are the audit log's UTC strings. */
#ifndef MYNA_EXPORTQ_H
#define MYNA_EXPORTQ_H

#include <stdint.h>

struct vault;

/* First and last sequence with start <= ts < end; both 0 when none. */
int exportq_seq_range(struct vault *v, const char *start, const char *end,
    int64_t *first, int64_t *last, char **err);
/* The last record before end: its sequence (0 when none) and chain hash. */
int exportq_head_before(struct vault *v, const char *end, int64_t *seq,
    unsigned char hash[32], char **err);
/* The record whose chain hash is `hash`: 1 found (seq and an allocated ts),
 * 0 not found, -1 error. */
int exportq_find_hash(struct vault *v, const unsigned char hash[32],
    int64_t *seq, char **ts, char **err);
/* How many checkpoints were made at or after `since`. */
int exportq_checkpoints_since(struct vault *v, const char *since, long long *n,
    char **err);

typedef int (*exportq_count_fn)(const char *a, const char *b, long long n,
    void *arg);
/* Numbers by collection channel and state. */
int exportq_numbers(struct vault *v, exportq_count_fn fn, void *arg,
    char **err);

#endif
