/* Merkle tree hashes, audit paths and consistency proofs (RFC 6962 2.1). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "domain/merkle.h"
#include "util/xmalloc.h"

/* A proof names at most one subtree per level, and a size_t tree has at
 * most this many levels; a consistency proof may add the old root. */
#define MERKLE_MAXDEPTH (sizeof(size_t) * 8 + 1)

/* One digest context for the many node hashes of a call: fetching SHA-256
 * anew for each 65-byte hash (as SHA256() does) costs more than the hash. */
struct merkle_hasher {
	EVP_MD_CTX	*ctx;
	EVP_MD		*md;
};

/* A run of leaves whose subtree hash a proof carries. */
struct merkle_range {
	size_t	start;
	size_t	len;
};

void
merkle_leaf(const unsigned char *data, size_t len,
    unsigned char out[MERKLE_HASH_LEN])
{
	static const unsigned char leaf_prefix = 0x00;
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (ctx == NULL)
		abort();
	if (EVP_DigestInit_ex(ctx, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestUpdate(ctx, &leaf_prefix, 1) != 1 ||
	    (len > 0 && EVP_DigestUpdate(ctx, data, len) != 1) ||
	    EVP_DigestFinal_ex(ctx, out, NULL) != 1)
		abort();
	EVP_MD_CTX_free(ctx);
}

static void
merkle_hasher_init(struct merkle_hasher *h)
{
	h->ctx = EVP_MD_CTX_new();
	h->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (h->ctx == NULL || h->md == NULL)
		abort();
}

static void
merkle_hasher_free(struct merkle_hasher *h)
{
	EVP_MD_CTX_free(h->ctx);
	EVP_MD_free(h->md);
}

static void
merkle_hash_node(struct merkle_hasher *h,
    const unsigned char l[MERKLE_HASH_LEN],
    const unsigned char r[MERKLE_HASH_LEN], unsigned char out[MERKLE_HASH_LEN])
{
	static const unsigned char node_prefix = 0x01;
	unsigned char buf[2 * MERKLE_HASH_LEN];

	/* Copy first so that out may be l or r. */
	memcpy(buf, l, MERKLE_HASH_LEN);
	memcpy(buf + MERKLE_HASH_LEN, r, MERKLE_HASH_LEN);
	if (EVP_DigestInit_ex(h->ctx, h->md, NULL) != 1 ||
	    EVP_DigestUpdate(h->ctx, &node_prefix, 1) != 1 ||
	    EVP_DigestUpdate(h->ctx, buf, sizeof buf) != 1 ||
	    EVP_DigestFinal_ex(h->ctx, out, NULL) != 1)
		abort();
}

void
merkle_node(const unsigned char l[MERKLE_HASH_LEN],
    const unsigned char r[MERKLE_HASH_LEN], unsigned char out[MERKLE_HASH_LEN])
{
	unsigned char buf[1 + 2 * MERKLE_HASH_LEN];

	/* Copy first so that out may be l or r. */
	buf[0] = 0x01;
	memcpy(buf + 1, l, MERKLE_HASH_LEN);
	memcpy(buf + 1 + MERKLE_HASH_LEN, r, MERKLE_HASH_LEN);
	SHA256(buf, sizeof buf, out);
}

/* The largest power of two smaller than n, for n >= 2. */
static size_t
merkle_split(size_t n)
{
	size_t k = 1;

	while (k < n - k)
		k <<= 1;
	return k;
}

static void
merkle_root_with(struct merkle_hasher *h,
    const unsigned char (*leaves)[MERKLE_HASH_LEN], size_t n,
    unsigned char out[MERKLE_HASH_LEN])
{
	/*
	 * Leaves are folded in as they come: after leaf i the stack holds the
	 * roots of the perfect subtrees that make up i + 1 leaves, largest
	 * first, one for each bit set in i + 1. MTH then joins them from the
	 * right, since each left part is the largest perfect subtree.
	 */
	unsigned char stack[MERKLE_MAXDEPTH][MERKLE_HASH_LEN];
	size_t top = 0, i, c;

	if (n == 0) {
		SHA256((const unsigned char *)"", 0, out);
		return;
	}
	for (i = 0; i < n; i++) {
		memcpy(stack[top++], leaves[i], MERKLE_HASH_LEN);
		for (c = i + 1; (c & 1) == 0 && top >= 2; c >>= 1) {
			merkle_hash_node(h, stack[top - 2], stack[top - 1],
			    stack[top - 2]);
			top--;
		}
	}
	/* top is at least 1 here; the test says so to the compiler too. */
	memcpy(out, stack[top > 0 ? top - 1 : 0], MERKLE_HASH_LEN);
	while (top-- > 1)
		merkle_hash_node(h, stack[top - 1], out, out);
}

void
merkle_root(const unsigned char (*leaves)[MERKLE_HASH_LEN], size_t n,
    unsigned char out[MERKLE_HASH_LEN])
{
	struct merkle_hasher h;

	merkle_hasher_init(&h);
	merkle_root_with(&h, leaves, n, out);
	merkle_hasher_free(&h);
}

/* Writes the subtree hashes of ranges in reverse order after first entries
 * already in place, into a new array. */
static void
merkle_emit(const unsigned char (*leaves)[MERKLE_HASH_LEN],
    const struct merkle_range *r, size_t nr, size_t first,
    unsigned char (**proof)[MERKLE_HASH_LEN], size_t *plen)
{
	struct merkle_hasher h;
	size_t i, total = first + nr;

	if (total == 0) {
		*proof = NULL;
		*plen = 0;
		return;
	}
	*proof = xcalloc(total, MERKLE_HASH_LEN);
	merkle_hasher_init(&h);
	for (i = 0; i < nr; i++) {
		const struct merkle_range *e = &r[nr - 1 - i];

		merkle_root_with(&h, leaves + e->start, e->len,
		    (*proof)[first + i]);
	}
	merkle_hasher_free(&h);
	*plen = total;
}

int
merkle_inclusion_proof(const unsigned char (*leaves)[MERKLE_HASH_LEN],
    size_t n, size_t index, unsigned char (**proof)[MERKLE_HASH_LEN],
    size_t *plen)
{
	struct merkle_range sib[MERKLE_MAXDEPTH] = { { 0, 0 } };
	size_t start = 0, len = n, m = index, k, depth = 0;

	*proof = NULL;
	*plen = 0;
	if (index >= n)
		return -1;
	/* PATH(m, D[n]) walked from the top; the siblings come out leaf
	 * first. */
	while (len > 1) {
		k = merkle_split(len);
		if (m < k) {
			sib[depth++] = (struct merkle_range){ start + k,
			    len - k };
			len = k;
		} else {
			sib[depth++] = (struct merkle_range){ start, k };
			start += k;
			len -= k;
			m -= k;
		}
	}
	merkle_emit(leaves, sib, depth, 0, proof, plen);
	return 0;
}

int
merkle_consistency_proof(const unsigned char (*leaves)[MERKLE_HASH_LEN],
    size_t n, size_t m, unsigned char (**proof)[MERKLE_HASH_LEN],
    size_t *plen)
{
	struct merkle_range sib[MERKLE_MAXDEPTH] = { { 0, 0 } };
	size_t start = 0, len = n, k, depth = 0;
	int whole = 1;

	*proof = NULL;
	*plen = 0;
	if (m == 0 || m > n)
		return -1;
	/* SUBPROOF(m, D[n], true) walked from the top; "whole" is b, true
	 * while the old tree is still a left edge of the new one, when the
	 * verifier knows its root already. */
	while (m != len) {
		k = merkle_split(len);
		if (m <= k) {
			sib[depth++] = (struct merkle_range){ start + k,
			    len - k };
			len = k;
		} else {
			sib[depth++] = (struct merkle_range){ start, k };
			start += k;
			len -= k;
			m -= k;
			whole = 0;
		}
	}
	merkle_emit(leaves, sib, depth, whole ? 0 : 1, proof, plen);
	if (!whole)
		merkle_root(leaves + start, len, (*proof)[0]);
	return 0;
}

int
merkle_verify_inclusion(size_t index, size_t size,
    const unsigned char leaf[MERKLE_HASH_LEN],
    const unsigned char (*proof)[MERKLE_HASH_LEN], size_t plen,
    const unsigned char root[MERKLE_HASH_LEN])
{
	struct merkle_hasher h;
	unsigned char r[MERKLE_HASH_LEN];
	size_t fn, sn, i;
	int rc = -1;

	if (index >= size)
		return -1;
	merkle_hasher_init(&h);
	fn = index;
	sn = size - 1;
	memcpy(r, leaf, MERKLE_HASH_LEN);
	for (i = 0; i < plen; i++) {
		/* A proof longer than the path is refused here. */
		if (sn == 0)
			goto out;
		if ((fn & 1) || fn == sn) {
			merkle_hash_node(&h, proof[i], r, r);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			merkle_hash_node(&h, r, proof[i], r);
		fn >>= 1;
		sn >>= 1;
	}
	if (sn == 0 && CRYPTO_memcmp(r, root, MERKLE_HASH_LEN) == 0)
		rc = 0;
out:
	merkle_hasher_free(&h);
	return rc;
}

int
merkle_verify_consistency(size_t size1, size_t size2,
    const unsigned char root1[MERKLE_HASH_LEN],
    const unsigned char root2[MERKLE_HASH_LEN],
    const unsigned char (*proof)[MERKLE_HASH_LEN], size_t plen)
{
	struct merkle_hasher h;
	unsigned char fr[MERKLE_HASH_LEN], sr[MERKLE_HASH_LEN];
	unsigned char empty[MERKLE_HASH_LEN];
	size_t fn, sn, i;
	int rc = -1;

	if (size1 > size2)
		return -1;
	if (size1 == size2) {
		if (plen != 0)
			return -1;
		if (size1 == 0) {
			SHA256((const unsigned char *)"", 0, empty);
			if (CRYPTO_memcmp(root1, empty, MERKLE_HASH_LEN) != 0)
				return -1;
		}
		if (CRYPTO_memcmp(root1, root2, MERKLE_HASH_LEN) != 0)
			return -1;
		return 0;
	}
	/* RFC 9162 defines the proof for 0 < size1 < size2 only; nothing ties
	 * the empty tree to a later root. */
	if (size1 == 0 || plen == 0)
		return -1;
	fn = size1 - 1;
	sn = size2 - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	/* When size1 is a power of two the old root is the proof's implied
	 * first entry. */
	i = 0;
	if ((size1 & (size1 - 1)) == 0) {
		memcpy(fr, root1, MERKLE_HASH_LEN);
		memcpy(sr, root1, MERKLE_HASH_LEN);
	} else {
		memcpy(fr, proof[0], MERKLE_HASH_LEN);
		memcpy(sr, proof[0], MERKLE_HASH_LEN);
		i = 1;
	}
	merkle_hasher_init(&h);
	for (; i < plen; i++) {
		if (sn == 0)
			goto out;
		if ((fn & 1) || fn == sn) {
			merkle_hash_node(&h, proof[i], fr, fr);
			merkle_hash_node(&h, proof[i], sr, sr);
			while ((fn & 1) == 0 && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else
			merkle_hash_node(&h, sr, proof[i], sr);
		fn >>= 1;
		sn >>= 1;
	}
	if (sn == 0 && CRYPTO_memcmp(fr, root1, MERKLE_HASH_LEN) == 0 &&
	    CRYPTO_memcmp(sr, root2, MERKLE_HASH_LEN) == 0)
		rc = 0;
out:
	merkle_hasher_free(&h);
	return rc;
}
