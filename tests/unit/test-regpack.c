/* Unit tests for the packed records of registration files: what goes in
 * comes out in order, with the chunk's person range, and a damaged chunk
 * is refused at the first bad byte, never read past its end. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/regpack.h"
#include "util/xmalloc.h"

/* Record i of a generated file: ids from large varints down to 0, keys of
 * every length up to the limit, hashes present or not. */
static void
gen(int i, struct regpack_rec *r, char *key, unsigned char h[4][32])
{
	int j;

	for (j = 0; j < 4; j++)
		memset(h[j], (i * 4 + j) & 0xff, 32);
	snprintf(key, REGPACK_RKEY_MAX + 1, "P%07d/", i);
	memset(key + strlen(key), 'k', (size_t)(i % 40));
	key[9 + i % 40] = '\0';
	r->person = i % 7 == 0 ? (int64_t)i << 40 : i;
	r->action = 1 + i % 3;
	r->rkey = key;
	r->rkey_len = strlen(key);
	r->sent = h[0];
	r->content = h[1];
	r->src = i % 2 ? h[2] : NULL;
	r->hmac = i % 3 ? h[3] : NULL;
}

static void
test_round_trip(void **st)
{
	struct regpack p;
	struct regpack_rec r, got;
	unsigned char h[4][32];
	char key[REGPACK_RKEY_MAX + 1];
	size_t off = 0;
	int i, n = 2000;

	(void)st;
	regpack_init(&p);
	for (i = 0; i < n; i++) {
		gen(i, &r, key, h);
		assert_int_equal(regpack_add(&p, &r), 0);
	}
	assert_int_equal(p.n, n);
	assert_int_equal(p.min_person, 0);
	assert_true(p.max_person == (int64_t)1995 << 40);
	for (i = 0; i < n; i++) {
		gen(i, &r, key, h);
		assert_int_equal(regpack_next(p.buf, p.len, &off, &got), 1);
		assert_true(got.person == r.person);
		assert_int_equal(got.action, r.action);
		assert_int_equal(got.rkey_len, r.rkey_len);
		assert_memory_equal(got.rkey, r.rkey, r.rkey_len);
		assert_memory_equal(got.sent, h[0], 32);
		assert_memory_equal(got.content, h[1], 32);
		assert_true((got.src != NULL) == (r.src != NULL));
		assert_true((got.hmac != NULL) == (r.hmac != NULL));
		if (got.src != NULL)
			assert_memory_equal(got.src, h[2], 32);
		if (got.hmac != NULL)
			assert_memory_equal(got.hmac, h[3], 32);
	}
	assert_int_equal(regpack_next(p.buf, p.len, &off, &got), 0);
	regpack_reset(&p);
	assert_int_equal(p.n, 0);
	assert_int_equal(p.len, 0);
	regpack_free(&p);
}

static void
test_refused_on_add(void **st)
{
	struct regpack p;
	struct regpack_rec r;
	unsigned char h[4][32];
	char key[REGPACK_RKEY_MAX + 1], *longkey = xmalloc(REGPACK_RKEY_MAX + 2);

	(void)st;
	regpack_init(&p);
	gen(1, &r, key, h);
	memset(longkey, 'x', REGPACK_RKEY_MAX + 1);
	longkey[REGPACK_RKEY_MAX + 1] = '\0';
	r.rkey = longkey;
	r.rkey_len = REGPACK_RKEY_MAX + 1;
	assert_int_equal(regpack_add(&p, &r), -1);
	r.rkey_len = REGPACK_RKEY_MAX;
	assert_int_equal(regpack_add(&p, &r), 0);
	r.person = -1;
	assert_int_equal(regpack_add(&p, &r), -1);
	assert_int_equal(p.n, 1);
	regpack_free(&p);
	free(longkey);
}

/* Every truncation of a packed chunk either ends on a record boundary or
 * is refused; the copy is exactly as long as the cut, so ASan would catch
 * a read past it. */
static void
test_truncated(void **st)
{
	struct regpack p;
	struct regpack_rec r;
	unsigned char h[4][32];
	char key[REGPACK_RKEY_MAX + 1];
	size_t cut, bounds[8];
	int i, nb = 0;

	(void)st;
	regpack_init(&p);
	bounds[nb++] = 0;
	for (i = 0; i < 6; i++) {
		gen(i * 7 + 1, &r, key, h);
		assert_int_equal(regpack_add(&p, &r), 0);
		bounds[nb++] = p.len;
	}
	for (cut = 0; cut <= p.len; cut++) {
		unsigned char *copy = xmalloc(cut ? cut : 1);
		size_t off = 0;
		int rc, records = 0, boundary = 0;

		memcpy(copy, p.buf, cut);
		while ((rc = regpack_next(copy, cut, &off, &r)) == 1)
			records++;
		for (i = 0; i < nb; i++)
			boundary |= bounds[i] == cut;
		assert_int_equal(rc, boundary ? 0 : -1);
		free(copy);
	}
	regpack_free(&p);
}

static void
test_malformed(void **st)
{
	/* Unknown flag bits; a varint that never ends; a key over the limit. */
	static const unsigned char flags[] = { 0x05, 0x01, 0x04, 0x00 };
	unsigned char endless[12], longkey[8] = { 0x05, 0x01, 0x00, 0xff, 0x01 };
	struct regpack_rec r;
	size_t off = 0;

	(void)st;
	assert_int_equal(regpack_next(flags, sizeof flags, &off, &r), -1);
	memset(endless, 0xff, sizeof endless);
	off = 0;
	assert_int_equal(regpack_next(endless, sizeof endless, &off, &r), -1);
	off = 0;
	assert_int_equal(regpack_next(longkey, sizeof longkey, &off, &r), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_refused_on_add),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_malformed),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
