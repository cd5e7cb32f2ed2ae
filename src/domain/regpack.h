/* What the vault keeps of each record of a registration file, packed many
 * records to a chunk. One B-tree row per record made the vault's bookkeeping
 * cost several times the export itself (400,000 rows plus an index per
 * full file); a chunk of about a thousand records is one row and a run of
 * overflow pages. The format is private to the vault:
 *
 *   per record: varint person id, action byte, flags byte (1: src hash,
 *   2: number hmac), varint rkey length, rkey bytes, sent hash (32),
 *   content hash (32), then the src hash and the hmac when flagged.
 *
 * Records follow each other in file order; a chunk knows its first seq. */
#ifndef MYNA_DOMAIN_REGPACK_H
#define MYNA_DOMAIN_REGPACK_H

#include <stddef.h>
#include <stdint.h>

#define REGPACK_CHUNK_RECORDS 1024
#define REGPACK_RKEY_MAX 255

struct regpack_rec {
	int64_t person;
	int action;
	const char *rkey;		/* not NUL-terminated when unpacked */
	size_t rkey_len;
	const unsigned char *sent, *content;	/* 32 bytes each */
	const unsigned char *src, *hmac;	/* 32 bytes or NULL */
};

/* A chunk being filled. */
struct regpack {
	unsigned char *buf;
	size_t len, cap;
	int n;				/* records in buf */
	int64_t min_person, max_person;
};

void regpack_init(struct regpack *p);
/* Appends a record; -1 when rkey is longer than REGPACK_RKEY_MAX. */
int regpack_add(struct regpack *p, const struct regpack_rec *r);
/* Empties the chunk for the next records (the bytes are wiped). */
void regpack_reset(struct regpack *p);
void regpack_free(struct regpack *p);

/* Reads the record at *off of a chunk of len bytes and advances *off.
 * 1 read, 0 at the end, -1 damaged (a truncated or malformed record). */
int regpack_next(const unsigned char *buf, size_t len, size_t *off,
    struct regpack_rec *r);

#endif
