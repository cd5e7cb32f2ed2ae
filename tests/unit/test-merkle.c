/* Unit tests for Merkle tree hashes and proofs, with the RFC 6962 vectors. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/sha.h>

#include "domain/merkle.h"
#include "util/xmalloc.h"

/* Where the shared test vectors are: given by the build, else beside the
 * source tree as in the planning repository. */
#if defined(MYNA_SHARED_VECTORS)
#define VECTORS MYNA_SHARED_VECTORS
#elif defined(MYNA_SRCDIR)
#define VECTORS MYNA_SRCDIR "/../shared/vectors"
#else
#define VECTORS "../shared/vectors"
#endif
#define RFC6962 VECTORS "/rfc6962"

#define HL MERKLE_HASH_LEN

/* The eight standard leaves of the RFC 6962 test data, and the roots of the
 * trees of their first 0 to 8 (as in roots.tsv), so that a tarball build
 * without the vectors still checks them. */
static const struct {
	const char	*data;
	size_t		 len;
} std_leaves[8] = {
	{ "", 0 },
	{ "\x00", 1 },
	{ "\x10", 1 },
	{ "\x20\x21", 2 },
	{ "\x30\x31", 2 },
	{ "\x40\x41\x42\x43", 4 },
	{ "\x50\x51\x52\x53\x54\x55\x56\x57", 8 },
	{ "\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
	    16 },
};
static const char *std_roots[9] = {
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

/* The generated trees go up to this size in the round-trip tests. */
#define ROUNDTRIP_MAX 70
/* Every byte of every proof is flipped for small trees; larger trees flip
 * every 11th byte, which still touches every proof entry, so the test also
 * runs under valgrind in CI in seconds, not minutes. */
#define FLIP_STEP(n) ((n) <= 24 ? 1 : 11)

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes n hex characters (n even) into out; -1 on a bad character. */
static int
unhex(const char *s, size_t n, unsigned char *out)
{
	size_t i;
	int hi, lo;

	if (n % 2 != 0)
		return -1;
	for (i = 0; i < n / 2; i++) {
		if ((hi = hexval((unsigned char)s[2 * i])) < 0 ||
		    (lo = hexval((unsigned char)s[2 * i + 1])) < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

/* What a vector value stands for, for values that are not 32 bytes. */
enum vec_role {
	VEC_LEAF = 1,
	VEC_ROOT,
	VEC_PROOF,
};

/*
 * A vector value as the fixed-size hash the API takes. The vectors also hold
 * values that are not 32 bytes ("~" for empty, "WrongRoot", "don't care 1"),
 * which a caller would never get past its parser. Those become
 * SHA-256(0x02 || role || bytes): equal roots stay equal (one ok row asks
 * that two equal 12-byte roots of the same size pass), nothing can match a
 * real leaf or node hash, and an odd leaf never equals an odd root (one fail
 * row has an empty leaf and an empty root).
 */
static int
vec_hash(const char *s, size_t n, enum vec_role role, unsigned char out[HL])
{
	unsigned char buf[2 + 256];

	if (n == 1 && s[0] == '~')
		n = 0;
	if (n / 2 > sizeof buf - 2 || unhex(s, n, buf + 2) != 0)
		return -1;
	if (n == 2 * HL) {
		memcpy(out, buf + 2, HL);
		return 0;
	}
	buf[0] = 0x02;
	buf[1] = (unsigned char)role;
	SHA256(buf, 2 + n / 2, out);
	return 0;
}

static void
hash_hex(const char *hex, unsigned char out[HL])
{
	assert_int_equal(strlen(hex), 2 * HL);
	assert_int_equal(unhex(hex, 2 * HL, out), 0);
}

/* A proof field: "-" for no entries, else hashes joined by commas. */
static int
vec_proof(const char *s, unsigned char (**proof)[HL], size_t *plen)
{
	size_t n = 1, i = 0, len;
	const char *p, *q;

	*proof = NULL;
	*plen = 0;
	if (strcmp(s, "-") == 0)
		return 0;
	for (p = s; *p != '\0'; p++)
		n += *p == ',';
	*proof = xcalloc(n, HL);
	for (p = s; i < n; p = q + 1) {
		q = strchr(p, ',');
		len = q == NULL ? strlen(p) : (size_t)(q - p);
		if (vec_hash(p, len, VEC_PROOF, (*proof)[i++]) != 0) {
			free(*proof);
			*proof = NULL;
			return -1;
		}
		if (q == NULL)
			break;
	}
	*plen = n;
	return 0;
}

static int
vec_size(const char *s, size_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v > SIZE_MAX)
		return -1;
	*out = (size_t)v;
	return 0;
}

/* One row of inclusion.tsv or consistency.tsv, split at tabs. */
struct vec_row {
	char	*line;
	char	*f[8];
	size_t	 nf;
	int	 consistency;
};

static void
test_vec_inclusion(void **st)
{
	struct vec_row *r = *st;
	unsigned char root[HL], leaf[HL], (*proof)[HL];
	size_t index, size, plen;
	int want, got;

	assert_int_equal(r->nf, 7);
	want = strcmp(r->f[6], "ok") == 0;
	assert_true(want || strcmp(r->f[6], "fail") == 0);
	if (vec_size(r->f[1], &index) != 0 || vec_size(r->f[2], &size) != 0) {
		/* Only a size_t narrower than the file's number gets here. */
		assert_false(want);
		return;
	}
	assert_int_equal(vec_hash(r->f[3], strlen(r->f[3]), VEC_ROOT, root), 0);
	assert_int_equal(vec_hash(r->f[4], strlen(r->f[4]), VEC_LEAF, leaf), 0);
	assert_int_equal(vec_proof(r->f[5], &proof, &plen), 0);
	got = merkle_verify_inclusion(index, size, leaf,
	    (const unsigned char (*)[HL])proof, plen, root);
	free(proof);
	if (want)
		assert_int_equal(got, 0);
	else
		assert_int_equal(got, -1);
}

static void
test_vec_consistency(void **st)
{
	struct vec_row *r = *st;
	unsigned char root1[HL], root2[HL], (*proof)[HL];
	size_t size1, size2, plen;
	int want, got;

	assert_int_equal(r->nf, 7);
	want = strcmp(r->f[6], "ok") == 0;
	assert_true(want || strcmp(r->f[6], "fail") == 0);
	if (vec_size(r->f[1], &size1) != 0 || vec_size(r->f[2], &size2) != 0) {
		assert_false(want);
		return;
	}
	assert_int_equal(vec_hash(r->f[3], strlen(r->f[3]), VEC_ROOT,
	    root1), 0);
	assert_int_equal(vec_hash(r->f[4], strlen(r->f[4]), VEC_ROOT,
	    root2), 0);
	assert_int_equal(vec_proof(r->f[5], &proof, &plen), 0);
	got = merkle_verify_consistency(size1, size2, root1, root2,
	    (const unsigned char (*)[HL])proof, plen);
	free(proof);
	if (want)
		assert_int_equal(got, 0);
	else
		assert_int_equal(got, -1);
}

/* Reads the rows of one TSV file, skipping comments; NULL when it cannot be
 * read. */
static struct vec_row *
vec_read(const char *path, size_t *nrows)
{
	FILE *f = fopen(path, "r");
	struct vec_row *rows = NULL;
	char *line = NULL, *p;
	size_t size = 0, n = 0;
	ssize_t len;

	*nrows = 0;
	if (f == NULL)
		return NULL;
	while ((len = getline(&line, &size, f)) != -1) {
		struct vec_row *r;

		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		rows = xrealloc(rows, (n + 1) * sizeof *rows);
		r = &rows[n++];
		memset(r, 0, sizeof *r);
		r->line = xstrdup(line);
		for (p = r->line; p != NULL && r->nf < 8; ) {
			r->f[r->nf++] = p;
			if ((p = strchr(p, '\t')) != NULL)
				*p++ = '\0';
		}
	}
	free(line);
	fclose(f);
	*nrows = n;
	return rows;
}

static void
std_leaf_hashes(unsigned char out[8][HL])
{
	size_t i;

	for (i = 0; i < 8; i++)
		merkle_leaf((const unsigned char *)std_leaves[i].data,
		    std_leaves[i].len, out[i]);
}

/* MTH straight from RFC 6962 2.1, to check the stack-based merkle_root. */
static void
ref_root(const unsigned char (*d)[HL], size_t n, unsigned char out[HL])
{
	unsigned char l[HL], r[HL];
	size_t k = 1;

	if (n == 0) {
		SHA256((const unsigned char *)"", 0, out);
		return;
	}
	if (n == 1) {
		memcpy(out, d[0], HL);
		return;
	}
	while (k < n - k)
		k <<= 1;
	ref_root(d, k, l);
	ref_root(d + k, n - k, r);
	merkle_node(l, r, out);
}

/* Leaf hashes of a tree of n entries "leaf <i>". */
static unsigned char (*make_leaves(size_t n))[HL]
{
	unsigned char (*d)[HL] = xcalloc(n, HL);
	char buf[32];
	size_t i;

	for (i = 0; i < n; i++) {
		int len = snprintf(buf, sizeof buf, "leaf %zu", i);

		merkle_leaf((const unsigned char *)buf, (size_t)len, d[i]);
	}
	return d;
}

static void
test_empty(void **st)
{
	unsigned char out[HL], want[HL], (*proof)[HL];
	size_t plen = 99;

	(void)st;
	hash_hex(std_roots[0], want);
	merkle_root(NULL, 0, out);
	assert_memory_equal(out, want, HL);
	/* Nothing is in the empty tree; no proof starts from it. */
	assert_int_equal(merkle_inclusion_proof(NULL, 0, 0, &proof, &plen), -1);
	assert_null(proof);
	assert_int_equal(plen, 0);
	assert_int_equal(merkle_consistency_proof(NULL, 0, 0, &proof, &plen),
	    -1);
	assert_int_equal(merkle_verify_inclusion(0, 0, out, NULL, 0, out), -1);
	assert_int_equal(merkle_verify_consistency(0, 0, out, out, NULL, 0), 0);
	assert_int_equal(merkle_verify_consistency(0, 1, out, out, NULL, 0),
	    -1);
}

static void
test_leaf_and_node(void **st)
{
	unsigned char h[HL], want[HL], buf[1 + 2 * HL];

	(void)st;
	/* The leaf of "" is SHA-256 of the single byte 0x00. */
	merkle_leaf((const unsigned char *)"", 0, h);
	hash_hex(std_roots[1], want);
	assert_memory_equal(h, want, HL);
	buf[0] = 0x01;
	memset(buf + 1, 0xaa, HL);
	memset(buf + 1 + HL, 0xbb, HL);
	SHA256(buf, sizeof buf, want);
	merkle_node(buf + 1, buf + 1 + HL, h);
	assert_memory_equal(h, want, HL);
	/* The output may be one of the inputs. */
	memcpy(h, buf + 1, HL);
	merkle_node(h, buf + 1 + HL, h);
	assert_memory_equal(h, want, HL);
}

static void
test_std_roots(void **st)
{
	unsigned char leaves[8][HL], out[HL], want[HL];
	size_t n;

	(void)st;
	std_leaf_hashes(leaves);
	for (n = 0; n <= 8; n++) {
		hash_hex(std_roots[n], want);
		merkle_root((const unsigned char (*)[HL])leaves, n, out);
		assert_memory_equal(out, want, HL);
	}
}

static void
test_root_matches_reference(void **st)
{
	unsigned char (*d)[HL] = make_leaves(1100), a[HL], b[HL];
	size_t n;

	(void)st;
	for (n = 0; n <= 1100; n += n < 140 ? 1 : 37) {
		merkle_root((const unsigned char (*)[HL])d, n, a);
		ref_root((const unsigned char (*)[HL])d, n, b);
		assert_memory_equal(a, b, HL);
	}
	free(d);
}

static void
test_bad_arguments(void **st)
{
	unsigned char (*d)[HL] = make_leaves(5), root[HL], (*proof)[HL];
	size_t plen;

	(void)st;
	assert_int_equal(merkle_inclusion_proof((const unsigned char (*)[HL])d,
	    5, 5, &proof, &plen), -1);
	assert_int_equal(merkle_inclusion_proof((const unsigned char (*)[HL])d,
	    5, SIZE_MAX, &proof, &plen), -1);
	assert_int_equal(merkle_consistency_proof(
	    (const unsigned char (*)[HL])d, 5, 0, &proof, &plen), -1);
	assert_int_equal(merkle_consistency_proof(
	    (const unsigned char (*)[HL])d, 5, 6, &proof, &plen), -1);
	assert_null(proof);
	merkle_root((const unsigned char (*)[HL])d, 5, root);
	/* A one-leaf tree's root is its leaf, with an empty path. */
	merkle_root((const unsigned char (*)[HL])d, 1, root);
	assert_memory_equal(root, d[0], HL);
	assert_int_equal(merkle_verify_inclusion(0, 1, d[0], NULL, 0, root), 0);
	assert_int_equal(merkle_verify_inclusion(1, 1, d[0], NULL, 0, root),
	    -1);
	assert_int_equal(merkle_verify_inclusion(SIZE_MAX, SIZE_MAX, d[0], NULL,
	    0, root), -1);
	assert_int_equal(merkle_verify_consistency(2, 1, root, root, NULL, 0),
	    -1);
	assert_int_equal(merkle_verify_consistency(1, 1, root, root,
	    (const unsigned char (*)[HL])d, 1), -1);
	assert_int_equal(merkle_verify_consistency(1, SIZE_MAX, root, root,
	    (const unsigned char (*)[HL])d, 5), -1);
	free(d);
}

/* Flips each byte of the proof in turn, and drops, adds and repeats
 * entries: every change must be refused. */
static void
check_inclusion_tampering(const unsigned char (*d)[HL], size_t n,
    size_t index, unsigned char (*proof)[HL], size_t plen,
    const unsigned char root[HL])
{
	unsigned char (*longer)[HL] = xcalloc(plen + 1, HL);
	size_t i;

	for (i = 0; i < plen * HL; i += FLIP_STEP(n)) {
		proof[i / HL][i % HL] ^= 0x01;
		assert_int_equal(merkle_verify_inclusion(index, n, d[index],
		    (const unsigned char (*)[HL])proof, plen, root), -1);
		proof[i / HL][i % HL] ^= 0x01;
	}
	if (plen > 0)
		assert_int_equal(merkle_verify_inclusion(index, n, d[index],
		    (const unsigned char (*)[HL])proof, plen - 1, root), -1);
	if (plen > 0)
		memcpy(longer, proof, plen * HL);
	memcpy(longer[plen], root, HL);
	assert_int_equal(merkle_verify_inclusion(index, n, d[index],
	    (const unsigned char (*)[HL])longer, plen + 1, root), -1);
	memcpy(longer[plen], d[index], HL);
	assert_int_equal(merkle_verify_inclusion(index, n, d[index],
	    (const unsigned char (*)[HL])longer, plen + 1, root), -1);
	free(longer);
	if (n > 1)
		assert_int_equal(merkle_verify_inclusion(index, n,
		    d[(index + 1) % n], (const unsigned char (*)[HL])proof,
		    plen, root), -1);
	assert_int_equal(merkle_verify_inclusion(index ^ 1, n, d[index],
	    (const unsigned char (*)[HL])proof, plen, root), -1);
	assert_int_equal(merkle_verify_inclusion(index, n * 2, d[index],
	    (const unsigned char (*)[HL])proof, plen, root), -1);
}

static void
test_inclusion_roundtrip(void **st)
{
	unsigned char (*d)[HL] = make_leaves(ROUNDTRIP_MAX), root[HL];
	unsigned char (*proof)[HL];
	size_t n, index, plen;

	(void)st;
	for (n = 1; n <= ROUNDTRIP_MAX; n++) {
		merkle_root((const unsigned char (*)[HL])d, n, root);
		for (index = 0; index < n; index++) {
			assert_int_equal(merkle_inclusion_proof(
			    (const unsigned char (*)[HL])d, n, index, &proof,
			    &plen), 0);
			assert_int_equal(merkle_verify_inclusion(index, n,
			    d[index], (const unsigned char (*)[HL])proof, plen,
			    root), 0);
			check_inclusion_tampering(
			    (const unsigned char (*)[HL])d, n, index, proof,
			    plen, root);
			free(proof);
		}
	}
	free(d);
}

static void
test_consistency_roundtrip(void **st)
{
	unsigned char (*d)[HL] = make_leaves(ROUNDTRIP_MAX), r1[HL], r2[HL];
	unsigned char (*proof)[HL], (*longer)[HL];
	size_t n, m, i, plen;

	(void)st;
	for (n = 1; n <= ROUNDTRIP_MAX; n++) {
		merkle_root((const unsigned char (*)[HL])d, n, r2);
		assert_int_equal(merkle_consistency_proof(
		    (const unsigned char (*)[HL])d, n, 0, &proof, &plen), -1);
		for (m = 1; m <= n; m++) {
			merkle_root((const unsigned char (*)[HL])d, m, r1);
			assert_int_equal(merkle_consistency_proof(
			    (const unsigned char (*)[HL])d, n, m, &proof,
			    &plen), 0);
			assert_int_equal(plen == 0, m == n);
			assert_int_equal(merkle_verify_consistency(m, n, r1, r2,
			    (const unsigned char (*)[HL])proof, plen), 0);
			for (i = 0; i < plen * HL; i += FLIP_STEP(n)) {
				proof[i / HL][i % HL] ^= 0x80;
				assert_int_equal(merkle_verify_consistency(m,
				    n, r1, r2,
				    (const unsigned char (*)[HL])proof, plen),
				    -1);
				proof[i / HL][i % HL] ^= 0x80;
			}
			if (plen > 0)
				assert_int_equal(merkle_verify_consistency(m,
				    n, r1, r2,
				    (const unsigned char (*)[HL])proof,
				    plen - 1), -1);
			longer = xcalloc(plen + 1, HL);
			if (plen > 0)
				memcpy(longer, proof, plen * HL);
			memcpy(longer[plen], r1, HL);
			assert_int_equal(merkle_verify_consistency(m, n, r1, r2,
			    (const unsigned char (*)[HL])longer, plen + 1), -1);
			free(longer);
			/*
			 * Swapped roots, and a new size with one more level.
			 * A size only one larger can share the proof's shape
			 * (a root does not commit to its size; the signed
			 * checkpoint does), so it is not tried.
			 */
			if (m < n) {
				assert_int_equal(merkle_verify_consistency(m,
				    n, r2, r1,
				    (const unsigned char (*)[HL])proof, plen),
				    -1);
				assert_int_equal(merkle_verify_consistency(m,
				    2 * n, r1, r2,
				    (const unsigned char (*)[HL])proof, plen),
				    -1);
			}
			free(proof);
		}
	}
	free(d);
}

/* A proof for a tree whose earlier leaves changed must not pass. */
static void
test_consistency_rewritten_history(void **st)
{
	unsigned char (*d)[HL] = make_leaves(20), r1[HL], r2[HL];
	unsigned char (*proof)[HL];
	size_t m, plen;

	(void)st;
	for (m = 1; m < 20; m++) {
		merkle_root((const unsigned char (*)[HL])d, m, r1);
		d[m - 1][0] ^= 1;
		merkle_root((const unsigned char (*)[HL])d, 20, r2);
		assert_int_equal(merkle_consistency_proof(
		    (const unsigned char (*)[HL])d, 20, m, &proof, &plen), 0);
		assert_int_equal(merkle_verify_consistency(m, 20, r1, r2,
		    (const unsigned char (*)[HL])proof, plen), -1);
		free(proof);
		d[m - 1][0] ^= 1;
	}
	free(d);
}

/* roots.tsv: its header names the leaves; each row is a size and a root. */
static void
test_vec_roots(void **st)
{
	unsigned char leaves[8][HL], mine[8][HL], out[HL], want[HL];
	unsigned char data[64];
	char *line = NULL, *p, *tok, *save = NULL;
	size_t size = 0, n = 0, nleaves = 0, len;
	unsigned seen = 0;
	FILE *f;

	(void)st;
	assert_non_null(f = fopen(RFC6962 "/roots.tsv", "r"));
	while (getline(&line, &size, f) != -1) {
		line[strcspn(line, "\r\n")] = '\0';
		if (line[0] == '#') {
			assert_non_null(p = strstr(line, "of: "));
			p[strcspn(p, ",")] = '\0';
			for (tok = strtok_r(p + 4, " ", &save); tok != NULL;
			    tok = strtok_r(NULL, " ", &save)) {
				assert_true(nleaves < 8);
				len = strcmp(tok, "''") == 0 ? 0 : strlen(tok);
				assert_true(len / 2 <= sizeof data);
				assert_int_equal(unhex(tok, len, data), 0);
				merkle_leaf(data, len / 2, leaves[nleaves++]);
			}
			continue;
		}
		assert_int_equal(nleaves, 8);
		assert_non_null(p = strchr(line, '\t'));
		*p++ = '\0';
		assert_int_equal(vec_size(line, &n), 0);
		assert_true(n <= 8);
		hash_hex(p, want);
		merkle_root((const unsigned char (*)[HL])leaves, n, out);
		assert_memory_equal(out, want, HL);
		/* The built-in copy must say the same. */
		hash_hex(std_roots[n], out);
		assert_memory_equal(out, want, HL);
		seen |= 1u << n;
	}
	free(line);
	fclose(f);
	assert_int_equal(seen, 0x1ff);
	std_leaf_hashes(mine);
	assert_memory_equal(mine, leaves, sizeof mine);
}

int
main(void)
{
	const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_leaf_and_node),
		cmocka_unit_test(test_std_roots),
		cmocka_unit_test(test_root_matches_reference),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_inclusion_roundtrip),
		cmocka_unit_test(test_consistency_roundtrip),
		cmocka_unit_test(test_consistency_rewritten_history),
	};
	const char *files[2] = { "inclusion.tsv", "consistency.tsv" };
	struct vec_row *rows[2] = { NULL, NULL };
	size_t nrows[2] = { 0, 0 };
	struct CMUnitTest *tests;
	size_t n = sizeof fixed / sizeof *fixed, i, j;
	char path[4096];
	DIR *dir;
	int rc;

	/*
	 * The vectors live outside this tree (they are absent from a dist
	 * tarball). Cases that cannot be run are left out with a TAP comment
	 * instead of cmocka's skip(), which automake's TAP driver counts as a
	 * failure ("not ok # SKIP").
	 */
	if ((dir = opendir(RFC6962)) == NULL)
		printf("# rfc6962 vectors not run: no folder %s\n", RFC6962);
	else {
		closedir(dir);
		for (i = 0; i < 2; i++) {
			snprintf(path, sizeof path, "%s/%s", RFC6962, files[i]);
			if ((rows[i] = vec_read(path, &nrows[i])) == NULL &&
			    nrows[i] == 0)
				printf("# rfc6962/%s not run: cannot read "
				    "%s\n", files[i], path);
		}
	}
	tests = xcalloc(n + 1 + nrows[0] + nrows[1], sizeof *tests);
	memcpy(tests, fixed, sizeof fixed);
	if (dir != NULL)
		tests[n++] = (struct CMUnitTest)cmocka_unit_test(
		    test_vec_roots);
	for (i = 0; i < 2; i++) {
		for (j = 0; j < nrows[i]; j++) {
			tests[n++] = (struct CMUnitTest){
				.name = rows[i][j].f[0],
				.test_func = i == 0 ? test_vec_inclusion :
				    test_vec_consistency,
				.initial_state = &rows[i][j],
			};
		}
	}
	fflush(stdout);
	rc = _cmocka_run_group_tests("tests", tests, n, NULL, NULL);
	for (i = 0; i < 2; i++) {
		for (j = 0; j < nrows[i]; j++)
			free(rows[i][j].line);
		free(rows[i]);
	}
	free(tests);
	return rc;
}
