/* Unit tests for the audit record's canonical form and hashes. The expected
 * values were computed independently (Python hashlib and struct) from the
 * byte layout documented in src/domain/auditrec.h. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/auditrec.h"
#include "util/hex.h"

static struct auditrec
rec1(void)
{
	struct auditrec r;

	memset(&r, 0, sizeof r);
	r.seq = 1;
	r.ts = "2026-11-26T01:02:03Z";
	r.actor = "admin";
	r.actor2 = "";
	r.action = "vault.init";
	r.subject = "v1";
	r.detail = "insurer=12345678";
	return r;
}

static void
test_body_bytes(void **st)
{
	struct auditrec r = rec1();
	size_t len;
	unsigned char *b = auditrec_body(&r, &len);
	char *hex = malloc(2 * len + 1);

	(void)st;
	hex_encode(b, len, hex);
	assert_string_equal(hex, "000000000000000100000014323032362d31312d32365430313a"
	    "30323a30335a0000000561646d696e000000000000000a7661756c742e696e697400"
	    "000002763100000010696e73757265723d3132333435363738");
	free(hex);
	free(b);
}

static void
test_leaf_hash(void **st)
{
	struct auditrec r = rec1();
	unsigned char h[32];
	char hex[65];

	(void)st;
	auditrec_leaf(&r, h);
	hex_encode(h, 32, hex);
	assert_string_equal(hex,
	    "b452635d6131907737ede160f5bfbdc6d668ff5d693d2ee087ce321c8b382493");
}

static void
test_chain_two(void **st)
{
	struct auditrec r = rec1(), r2;
	unsigned char h[32];
	char hex[65];

	(void)st;
	auditrec_chain(&r, h);
	hex_encode(h, 32, hex);
	assert_string_equal(hex,
	    "19ce473c29cf79296359097913f118c0c1a13a0bcba6e7621b4a7d65eb173243");
	memset(&r2, 0, sizeof r2);
	r2.seq = 2;
	r2.ts = "2026-11-26T01:02:04Z";
	r2.actor = "admin";
	r2.actor2 = "sato";
	r2.action = "user.add";
	r2.subject = "sato";
	r2.detail = "role=clerk";
	memcpy(r2.prev, h, 32);
	auditrec_chain(&r2, h);
	hex_encode(h, 32, hex);
	assert_string_equal(hex,
	    "3f2ce65ec8c1043d9df8cd3b4248c1ece127e89cfefdcf9a1d92a335e1b2c00c");
}

/* Moving bytes between fields must change the hash: lengths are explicit. */
static void
test_field_boundaries_matter(void **st)
{
	struct auditrec a = rec1(), b = rec1();
	unsigned char ha[32], hb[32];

	(void)st;
	a.subject = "ab";
	a.detail = "c";
	b.subject = "a";
	b.detail = "bc";
	auditrec_leaf(&a, ha);
	auditrec_leaf(&b, hb);
	assert_memory_not_equal(ha, hb, 32);
}

static void
test_null_fields_as_empty(void **st)
{
	struct auditrec a = rec1(), b = rec1();
	unsigned char ha[32], hb[32];

	(void)st;
	a.actor2 = NULL;
	auditrec_leaf(&a, ha);
	auditrec_leaf(&b, hb);
	assert_memory_equal(ha, hb, 32);
}

/* The verify's hasher hashes the bytes auditrec_chain does, one record
 * after another with one context, through a body longer than the last. */
static void
test_hasher_same_as_chain(void **st)
{
	struct auditrec_hasher *h = auditrec_hasher_new();
	struct auditrec r = rec1();
	unsigned char want[32], got[32];
	char *long_detail = malloc(5000);
	int i;

	(void)st;
	memset(long_detail, 'x', 4999);
	long_detail[4999] = '\0';
	for (i = 0; i < 4; i++) {
		const char *f[6];

		r.seq = i + 1;
		r.actor2 = i == 1 ? NULL : "sato";
		r.detail = i == 2 ? long_detail : (char *)"field=address";
		f[0] = r.ts;
		f[1] = r.actor;
		f[2] = r.actor2;
		f[3] = r.action;
		f[4] = r.subject;
		f[5] = r.detail;
		auditrec_chain(&r, want);
		auditrec_hasher_chain(h, r.seq, f, r.prev, got);
		assert_memory_equal(want, got, 32);
		memcpy(r.prev, got, 32);
	}
	auditrec_hasher_free(h);
	free(long_detail);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_body_bytes),
		cmocka_unit_test(test_leaf_hash),
		cmocka_unit_test(test_chain_two),
		cmocka_unit_test(test_field_boundaries_matter),
		cmocka_unit_test(test_null_fields_as_empty),
		cmocka_unit_test(test_hasher_same_as_chain),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
