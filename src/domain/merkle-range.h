/* Proof that a contiguous run of leaves is in an RFC 6962 tree: the hashes
 * of the largest subtrees that lie wholly outside the run, so a verifier
 * holding the run's leaves rebuilds the root. O(log n) hashes for any run
 * length, where one inclusion proof per record would cost O(k log n). */
#ifndef MYNA_MERKLE_RANGE_H
#define MYNA_MERKLE_RANGE_H

#include <stddef.h>

#include "domain/merkle.h"

/*
 * Order of the hashes: a depth-first, left-to-right walk of the RFC 6962
 * tree (split at the largest power of two below the node's size) that
 * stops at a node lying wholly inside [first, end) (rebuilt from the leaves)
 * or wholly outside it (one proof hash).
 * Leaves [first, end) of the tree of the first n leaf hashes; requires
 * first < end <= n. *proof is allocated (NULL when empty). -1 on bad range.
 */
int merkle_range_proof(const unsigned char (*leaves)[MERKLE_HASH_LEN],
    size_t n, size_t first, size_t end, unsigned char (**proof)[MERKLE_HASH_LEN],
    size_t *plen);
/* 0 when the k = end - first leaf hashes `run` with the proof give `root`
 * for a tree of size n; -1 otherwise (a proof too short or too long too). */
int merkle_verify_range(size_t n, size_t first, size_t end,
    const unsigned char (*run)[MERKLE_HASH_LEN],
    const unsigned char (*proof)[MERKLE_HASH_LEN], size_t plen,
    const unsigned char root[MERKLE_HASH_LEN]);

#endif
