/* What each registration file contained, kept as packed chunks of records
 * (src/domain/regpack.h), and the per-person view of it. */
#ifndef MYNA_STORE_REG_SENT_H
#define MYNA_STORE_REG_SENT_H

#include "domain/regpack.h"

struct vault;

/* Stores a filled chunk of file_id whose first record is first_seq. */
int regsent_put(struct vault *v, long long file_id, long long first_seq,
    const struct regpack *p, char **err);

/* Calls fn for every record of file_id in file order; a non-zero return
 * stops (and is returned when positive). A damaged chunk is an error. */
typedef int (*regsent_fn)(long long seq, const struct regpack_rec *r,
    void *arg);
int regsent_each(struct vault *v, long long file_id, regsent_fn fn, void *arg,
    char **err);

/* Calls fn for every record of person_id in any file, oldest file first. */
typedef int (*regsent_person_fn)(long long file_id, long long seq,
    const struct regpack_rec *r, void *arg);
int regsent_of_person(struct vault *v, int64_t person_id, regsent_person_fn fn,
    void *arg, char **err);

/* Records stored for file_id (every file when file_id is 0). */
int regsent_count(struct vault *v, long long file_id, long long *n, char **err);

#endif
