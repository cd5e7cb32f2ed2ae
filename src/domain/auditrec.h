/* The audit record and its canonical, length-prefixed hashing form. */
#ifndef MYNA_AUDITREC_H
#define MYNA_AUDITREC_H

#include <stddef.h>
#include <stdint.h>

#define AUDIT_HASH_LEN 32

struct auditrec {
	int64_t seq;
	char *ts;	/* UTC, ISO 8601 with seconds: 2026-11-26T01:02:03Z */
	char *actor;
	char *actor2;	/* second person of a two-person action, or "" */
	char *action;
	char *subject;
	char *detail;	/* already masked */
	unsigned char prev[AUDIT_HASH_LEN];
	unsigned char hash[AUDIT_HASH_LEN];
};

/* Canonical body: 8-byte big-endian seq, then ts, actor, actor2, action,
 * subject, detail, each as a 4-byte big-endian length and its bytes.
 * Returns an allocated buffer and its length in *len. */
unsigned char *auditrec_body(const struct auditrec *r, size_t *len);
/* RFC 6962 leaf hash: SHA-256(0x00 || body). */
void auditrec_leaf(const struct auditrec *r, unsigned char out[AUDIT_HASH_LEN]);
/* Chain hash: SHA-256(prev || leaf); uses r->prev. */
void auditrec_chain(const struct auditrec *r, unsigned char out[AUDIT_HASH_LEN]);
void auditrec_clear(struct auditrec *r);

/* The chain hash of many records in a row (a verify's walk), the same
 * bytes hashed as by auditrec_chain: one digest fetched and one context
 * and body buffer kept for all, where auditrec_chain sets up each anew. */
struct auditrec_hasher;
struct auditrec_hasher *auditrec_hasher_new(void);
/* fields: ts, actor, actor2, action, subject, detail (NULL as ""). */
void auditrec_hasher_chain(struct auditrec_hasher *h, int64_t seq,
    const char *const fields[6], const unsigned char prev[AUDIT_HASH_LEN],
    unsigned char out[AUDIT_HASH_LEN]);
void auditrec_hasher_free(struct auditrec_hasher *h);

#endif
