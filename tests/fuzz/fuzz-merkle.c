/* libFuzzer harness for Merkle inclusion and consistency proof checks.
 * fuzz-sources: src/domain/merkle.c src/util/xmalloc.c */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/merkle.h"
#include "util/xmalloc.h"

#define HL MERKLE_HASH_LEN
/* Trees of up to this many leaves keep each input cheap. */
#define FUZZ_MAXLEAVES 300

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The log's entries are "x" and an 8-byte big-endian index. */
static unsigned char fuzz_hashes[FUZZ_MAXLEAVES][HL];
static int fuzz_ready;

static size_t
fuzz_entry(size_t i, unsigned char out[9])
{
	int b;

	out[0] = 'x';
	for (b = 0; b < 8; b++)
		out[1 + b] = (unsigned char)((uint64_t)i >> (56 - 8 * b));
	return 9;
}

static void
fuzz_init(void)
{
	unsigned char e[9];
	size_t i;

	if (fuzz_ready)
		return;
	for (i = 0; i < FUZZ_MAXLEAVES; i++)
		merkle_leaf(e, fuzz_entry(i, e), fuzz_hashes[i]);
	fuzz_ready = 1;
}

static uint64_t
fuzz_u64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* Raw sizes reach the overflow edges; reduced ones land near the tree. */
static size_t
fuzz_size(uint64_t raw, int reduce, size_t n)
{
	if (reduce)
		return (size_t)(raw % (n + 2));
	return (size_t)raw;
}

static const unsigned char (*fuzz_tree(void))[HL]
{
	return (const unsigned char (*)[HL])fuzz_hashes;
}

/* An accepted inclusion proof against a real root must name a real entry;
 * at the tree's own size it must be the entry at index and the very path
 * this module builds. */
static void
fuzz_inclusion(size_t n, size_t index, size_t tsize, const uint8_t *leafdata,
    size_t leaflen, const unsigned char (*proof)[HL], size_t plen)
{
	unsigned char root[HL], leaf[HL], e[9], (*want)[HL];
	size_t wlen;

	merkle_root(fuzz_tree(), n, root);
	merkle_leaf(leafdata, leaflen, leaf);
	if (merkle_verify_inclusion(index, tsize, leaf, proof, plen, root) != 0)
		return;
	if (leaflen != 9 || leafdata[0] != 'x' ||
	    fuzz_u64(leafdata + 1) >= n)
		abort();
	if (tsize != n)
		return;
	if (memcmp(leafdata, e, fuzz_entry(index, e)) != 0)
		abort();
	if (merkle_inclusion_proof(fuzz_tree(), n, index, &want, &wlen) != 0 ||
	    wlen != plen || (plen > 0 && memcmp(want, proof, plen * HL) != 0))
		abort();
	free(want);
}

/* A consistency proof between a tree and one whose history was rewritten
 * must fail; between real trees an accepted proof is the one built here. */
static void
fuzz_consistency(size_t n, size_t size1, size_t size2, size_t change,
    const unsigned char (*proof)[HL], size_t plen)
{
	unsigned char r1[HL], r2[HL], (*want)[HL];
	unsigned char (*other)[HL] = NULL;
	size_t s1 = size1 < n ? size1 : n, s2 = size2 < n ? size2 : n, wlen;
	int rewritten = 0, ok;

	merkle_root(fuzz_tree(), s1, r1);
	if (s1 > 0 && size1 <= n && size2 <= n && change != SIZE_MAX) {
		other = xcalloc(n, HL);
		memcpy(other, fuzz_hashes, n * HL);
		other[change % s1][0] ^= 0x01;
		merkle_root((const unsigned char (*)[HL])other, s2, r2);
		rewritten = 1;
	} else
		merkle_root(fuzz_tree(), s2, r2);
	free(other);
	ok = merkle_verify_consistency(size1, size2, r1, r2, proof, plen) == 0;
	if (!ok)
		return;
	if (rewritten || size1 > size2 || (size1 == 0 && size2 != 0))
		abort();
	if (size1 > n || size2 > n || size1 == size2)
		return;
	if (merkle_consistency_proof(fuzz_tree(), size2, size1, &want,
	    &wlen) != 0 || wlen != plen ||
	    (plen > 0 && memcmp(want, proof, plen * HL) != 0))
		abort();
	free(want);
}

/* A real proof with the input's bytes xored in and its length nudged passes
 * only when nothing changed. */
static void
fuzz_tamper(size_t n, int consistency, uint64_t a, int delta,
    const uint8_t *x, size_t xlen)
{
	unsigned char root[HL], r1[HL], (*proof)[HL], (*p)[HL];
	size_t plen, len, i, index = (size_t)(a % n), m = 1 + (size_t)(a % n);
	int changed = delta != 0, rc;

	if (consistency)
		rc = merkle_consistency_proof(fuzz_tree(), n, m, &proof, &plen);
	else
		rc = merkle_inclusion_proof(fuzz_tree(), n, index, &proof,
		    &plen);
	if (rc != 0)
		abort();
	if (delta < 0 && plen == 0)
		delta = 0, changed = 0;
	len = plen + (size_t)(delta > 0) - (size_t)(delta < 0);
	p = xcalloc(len + 1, HL);
	if (plen > 0 && len > 0)
		memcpy(p, proof, (plen < len ? plen : len) * HL);
	for (i = 0; i < xlen && i < len * HL; i++) {
		p[i / HL][i % HL] ^= x[i];
		changed |= x[i] != 0;
	}
	merkle_root(fuzz_tree(), n, root);
	if (consistency) {
		merkle_root(fuzz_tree(), m, r1);
		rc = merkle_verify_consistency(m, n, r1, root,
		    (const unsigned char (*)[HL])p, len);
	} else
		rc = merkle_verify_inclusion(index, n, fuzz_hashes[index],
		    (const unsigned char (*)[HL])p, len, root);
	if ((rc == 0) == changed)
		abort();
	free(p);
	free(proof);
}

/*
 * A proof made of real hashes of the tree, picked by the input: every
 * subtree that starts on a power-of-two boundary (the leaves, the perfect
 * subtrees and the ragged right edges). Random bytes never hash right, so
 * only proofs like these can reach the oracles behind an accepted proof.
 */
static unsigned char (*fuzz_pool(size_t n, const uint8_t *pick, size_t npick,
    size_t *plen))[HL]
{
	unsigned char (*pool)[HL] = xcalloc(4 * n + 64, HL), (*proof)[HL];
	size_t npool = 0, width, start, i;

	for (width = 1; ; width *= 2) {
		for (start = 0; start < n; start += width)
			merkle_root(fuzz_tree() + start,
			    n - start < width ? n - start : width,
			    pool[npool++]);
		if (width >= n)
			break;
	}
	*plen = npick;
	proof = xcalloc(npick + 1, HL);
	for (i = 0; i < npick; i++)
		memcpy(proof[i], pool[pick[i] % npool], HL);
	free(pool);
	return proof;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *rest;
	size_t n, nrest, leaflen, plen;
	unsigned char (*proof)[HL];
	uint64_t a, b;
	uint8_t mode;

	fuzz_init();
	if (size < 19)
		return 0;
	mode = data[0];
	n = 1 + (size_t)((data[1] << 8 | data[2]) % FUZZ_MAXLEAVES);
	a = fuzz_u64(data + 3);
	b = fuzz_u64(data + 11);
	rest = data + 19;
	nrest = size - 19;

	if (mode & 0x80) {
		fuzz_tamper(n, mode & 0x40, a,
		    (mode & 0x03) == 1 ? -1 : (mode & 0x03) == 2 ? 1 : 0,
		    rest, nrest);
		return 0;
	}
	if (mode & 0x20) {
		unsigned char e[9];

		/* Real hashes only, in a small tree: an entry, then picks. */
		n = 1 + n % 64;
		if (nrest < 1)
			return 0;
		leaflen = fuzz_entry(rest[0] % n, e);
		proof = fuzz_pool(n, rest + 1, nrest - 1 < 40 ? nrest - 1 : 40,
		    &plen);
		fuzz_inclusion(n, fuzz_size(a, mode & 0x01, n),
		    fuzz_size(b, mode & 0x02, n), e, leaflen,
		    (const unsigned char (*)[HL])proof, plen);
		fuzz_consistency(n, fuzz_size(a, mode & 0x04, n),
		    fuzz_size(b, mode & 0x08, n),
		    mode & 0x10 ? (size_t)(a ^ b) : SIZE_MAX,
		    (const unsigned char (*)[HL])proof, plen);
		free(proof);
		return 0;
	}
	/* The leaf's entry bytes come first, then whole proof hashes. */
	leaflen = nrest > 0 ? rest[0] % 16 : 0;
	if (nrest > 0) {
		rest++;
		nrest--;
	}
	if (leaflen > nrest)
		leaflen = nrest;
	plen = (nrest - leaflen) / HL;
	proof = xcalloc(plen + 1, HL);
	if (plen > 0)
		memcpy(proof, rest + leaflen, plen * HL);
	fuzz_inclusion(n, fuzz_size(a, mode & 0x01, n),
	    fuzz_size(b, mode & 0x02, n), rest, leaflen,
	    (const unsigned char (*)[HL])proof, plen);
	fuzz_consistency(n, fuzz_size(a, mode & 0x04, n),
	    fuzz_size(b, mode & 0x08, n),
	    mode & 0x10 ? (size_t)(a ^ b) : SIZE_MAX,
	    (const unsigned char (*)[HL])proof, plen);
	free(proof);
	return 0;
}
