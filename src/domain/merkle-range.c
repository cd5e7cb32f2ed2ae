/* Range proofs over RFC 6962 trees, for export packages: an auditor gets the
 * records of one period and O(log n) hashes instead of the whole log. */
#include "config.h"

#include <string.h>

#include "domain/merkle-range.h"
#include "util/xmalloc.h"

#define HL MERKLE_HASH_LEN

/* Largest power of two strictly below n (n >= 2). */
static size_t
range_split(size_t n)
{
	size_t k = 1;

	while (k << 1 < n)
		k <<= 1;
	return k;
}

struct range_walk {
	const unsigned char (*leaves)[HL];	/* prover: all; verifier: run */
	size_t first, end;
	unsigned char (*proof)[HL];
	size_t plen, used;
	int verifying, bad;
};

static void
range_prove(struct range_walk *w, size_t lo, size_t hi)
{
	size_t k;

	if (hi <= w->first || lo >= w->end) {
		w->proof = xrealloc(w->proof, (w->plen + 1) * HL);
		merkle_root(w->leaves + lo, hi - lo, w->proof[w->plen++]);
		return;
	}
	if (w->first <= lo && hi <= w->end)
		return;
	k = range_split(hi - lo);
	range_prove(w, lo, lo + k);
	range_prove(w, lo + k, hi);
}

int
merkle_range_proof(const unsigned char (*leaves)[HL], size_t n, size_t first,
    size_t end, unsigned char (**proof)[HL], size_t *plen)
{
	struct range_walk w;

	*proof = NULL;
	*plen = 0;
	if (first >= end || end > n)
		return -1;
	memset(&w, 0, sizeof w);
	w.leaves = leaves;
	w.first = first;
	w.end = end;
	range_prove(&w, 0, n);
	*proof = w.proof;
	*plen = w.plen;
	return 0;
}

/* The hash of node [lo, hi) as the verifier sees it. */
static void
range_rebuild(struct range_walk *w, size_t lo, size_t hi, unsigned char out[HL])
{
	unsigned char l[HL], r[HL];
	size_t k;

	if (hi <= w->first || lo >= w->end) {
		if (w->used >= w->plen) {
			w->bad = 1;
			memset(out, 0, HL);
			return;
		}
		memcpy(out, w->proof[w->used++], HL);
		return;
	}
	if (w->first <= lo && hi <= w->end) {
		merkle_root(w->leaves + (lo - w->first), hi - lo, out);
		return;
	}
	k = range_split(hi - lo);
	range_rebuild(w, lo, lo + k, l);
	range_rebuild(w, lo + k, hi, r);
	merkle_node(l, r, out);
}

int
merkle_verify_range(size_t n, size_t first, size_t end,
    const unsigned char (*run)[HL], const unsigned char (*proof)[HL],
    size_t plen, const unsigned char root[HL])
{
	struct range_walk w;
	unsigned char got[HL];

	if (first >= end || end > n)
		return -1;
	memset(&w, 0, sizeof w);
	w.leaves = run;
	w.first = first;
	w.end = end;
	w.proof = (unsigned char (*)[HL])proof;
	w.plen = plen;
	range_rebuild(&w, 0, n, got);
	if (w.bad || w.used != plen)
		return -1;
	return memcmp(got, root, HL) == 0 ? 0 : -1;
}
