/* Merkle tree hashes and proofs over audit leaves (RFC 6962, RFC 9162). */
#ifndef MYNA_MERKLE_H
#define MYNA_MERKLE_H

#include <stddef.h>

#define MERKLE_HASH_LEN 32

/* Leaf hash: SHA-256(0x00 || data). */
void merkle_leaf(const unsigned char *data, size_t len,
    unsigned char out[MERKLE_HASH_LEN]);
/* Interior node hash: SHA-256(0x01 || l || r). */
void merkle_node(const unsigned char l[MERKLE_HASH_LEN],
    const unsigned char r[MERKLE_HASH_LEN], unsigned char out[MERKLE_HASH_LEN]);
/* MTH (RFC 6962 2.1) of n leaf hashes; n == 0 gives SHA-256 of "". Runs in
 * O(n) time and O(log n) memory. */
void merkle_root(const unsigned char (*leaves)[MERKLE_HASH_LEN], size_t n,
    unsigned char out[MERKLE_HASH_LEN]);

/* Audit path of leaf index in the tree of the first n leaf hashes, lowest
 * level first. On success *proof is allocated (NULL when *plen is 0) and
 * the return is 0; -1 when index >= n. */
int merkle_inclusion_proof(const unsigned char (*leaves)[MERKLE_HASH_LEN],
    size_t n, size_t index, unsigned char (**proof)[MERKLE_HASH_LEN],
    size_t *plen);
/* Consistency proof that the tree of the first m leaf hashes is a prefix of
 * the tree of the first n; empty when m == n. Returns -1 unless
 * 0 < m <= n. */
int merkle_consistency_proof(const unsigned char (*leaves)[MERKLE_HASH_LEN],
    size_t n, size_t m, unsigned char (**proof)[MERKLE_HASH_LEN],
    size_t *plen);

/* RFC 9162 2.1.3.2: 0 when proof shows leaf at index in the tree of the
 * given size with this root, -1 otherwise. */
int merkle_verify_inclusion(size_t index, size_t size,
    const unsigned char leaf[MERKLE_HASH_LEN],
    const unsigned char (*proof)[MERKLE_HASH_LEN], size_t plen,
    const unsigned char root[MERKLE_HASH_LEN]);
/* RFC 9162 2.1.4.2: 0 when proof shows the tree of size1 with root1 is a
 * prefix of the tree of size2 with root2, -1 otherwise. Equal sizes need an
 * empty proof and equal roots (the empty tree's root when the size is 0); a
 * size1 of 0 with a larger size2 proves nothing and is rejected. */
int merkle_verify_consistency(size_t size1, size_t size2,
    const unsigned char root1[MERKLE_HASH_LEN],
    const unsigned char root2[MERKLE_HASH_LEN],
    const unsigned char (*proof)[MERKLE_HASH_LEN], size_t plen);

#endif
