/* The accepted answers of a result, packed a chunk of records per row
 * (reg_answer_packs, vault/0033); refused answers stay rows of
 * reg_answers. */
#ifndef MYNA_STORE_REG_ANSWERS_H
#define MYNA_STORE_REG_ANSWERS_H

#include <stddef.h>

struct vault;

/* Records per pack: a pack holds seqs first .. first + REGANS_CHUNK - 1,
 * where first is regans_first(seq). */
#define REGANS_CHUNK 1024
/* The longest branch number a pack holds; a longer one is a row. */
#define REGANS_BRANCH_MAX 254

/* A pack being filled, from its first seq on. */
struct regans_pack {
	unsigned char *buf;
	size_t len, cap;
	long long first_seq;
	int n;			/* records in buf */
	int packed;		/* of them accepted, held here */
};

long long regans_first(long long seq);
void regans_init(struct regans_pack *p, long long first_seq);
/* Appends the next record's answer: accepted with branch (len bytes, at
 * most REGANS_BRANCH_MAX; len 0 for none), or, with branch NULL, an
 * answer not held by the pack (refused, or kept as a row). */
void regans_add(struct regans_pack *p, const char *branch, size_t len);
/* Stores the pack if it holds an accepted answer and empties it for the
 * records from next_seq on. */
int regans_flush(struct vault *v, long long file_id, struct regans_pack *p,
    long long next_seq, char **err);
void regans_free(struct regans_pack *p);

/* The answer of record i (0 the pack's first) of a stored pack of len
 * bytes: 1 accepted (*branch, *blen; not NUL-terminated), 0 not held
 * here, -1 damaged. */
int regans_find(const unsigned char *data, size_t len, long long i,
    const char **branch, size_t *blen);

#endif
