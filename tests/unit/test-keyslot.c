/* Unit tests for key slots: wrapping, unwrapping, and what must not open. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/keyslot.h"

#define LOGN 10

static const unsigned char data_key[KEY_LEN] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
	17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 };

static void
test_roundtrip(void **st)
{
	struct keyslot s;
	unsigned char out[KEY_LEN];

	(void)st;
	assert_int_equal(keyslot_wrap_password(&s, 7, "sato", "Pw-secret-123",
	    LOGN, data_key, NULL), 0);
	assert_memory_not_equal(s.ct, data_key, KEY_LEN);
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-123", out), 0);
	assert_memory_equal(out, data_key, KEY_LEN);
}

static void
test_wrong_password(void **st)
{
	struct keyslot s;
	unsigned char out[KEY_LEN];

	(void)st;
	keyslot_wrap_password(&s, 7, "sato", "Pw-secret-123", LOGN, data_key, NULL);
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-124", out), -1);
	assert_int_equal(keyslot_unwrap_password(&s, "", out), -1);
}

/* The user id and name are associated data: a slot moved to another user
 * does not open. */
static void
test_moved_slot(void **st)
{
	struct keyslot s;
	unsigned char out[KEY_LEN];

	(void)st;
	keyslot_wrap_password(&s, 7, "sato", "Pw-secret-123", LOGN, data_key, NULL);
	strcpy(s.name, "yamada");
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-123", out), -1);
	strcpy(s.name, "sato");
	s.uid = 8;
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-123", out), -1);
}

static void
test_tampered_ciphertext(void **st)
{
	struct keyslot s;
	unsigned char out[KEY_LEN];

	(void)st;
	keyslot_wrap_password(&s, 7, "sato", "Pw-secret-123", LOGN, data_key, NULL);
	s.ct[5] ^= 1;
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-123", out), -1);
	s.ct[5] ^= 1;
	s.tag[0] ^= 1;
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-123", out), -1);
}

static void
test_bad_cost_refused(void **st)
{
	struct keyslot s;
	unsigned char out[KEY_LEN];

	(void)st;
	keyslot_wrap_password(&s, 7, "sato", "Pw-secret-123", LOGN, data_key, NULL);
	s.logn = 40;	/* a damaged file must not make us allocate terabytes */
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-123", out), -1);
	s.logn = LOGN;
	s.r = 0;
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-123", out), -1);
}

static void
test_salts_differ(void **st)
{
	struct keyslot a, b;

	(void)st;
	keyslot_wrap_password(&a, 7, "sato", "Pw-secret-123", LOGN, data_key, NULL);
	keyslot_wrap_password(&b, 7, "sato", "Pw-secret-123", LOGN, data_key, NULL);
	assert_memory_not_equal(a.salt, b.salt, SLOT_SALT_LEN);
	assert_memory_not_equal(a.ct, b.ct, KEY_LEN);
}

static void
test_recovery(void **st)
{
	struct keyslot s;
	unsigned char rk[RECOVERY_KEY_LEN], out[KEY_LEN];

	(void)st;
	assert_int_equal(random_bytes(rk, sizeof rk, NULL), 0);
	assert_int_equal(keyslot_wrap_recovery(&s, rk, data_key, NULL), 0);
	assert_int_equal(keyslot_unwrap_recovery(&s, rk, out), 0);
	assert_memory_equal(out, data_key, KEY_LEN);
	rk[0] ^= 1;
	assert_int_equal(keyslot_unwrap_recovery(&s, rk, out), -1);
	/* A password slot never opens as a recovery slot and vice versa. */
	assert_int_equal(keyslot_unwrap_password(&s, "x", out), -1);
}

static void
test_recovery_text(void **st)
{
	unsigned char rk[RECOVERY_KEY_LEN], back[RECOVERY_KEY_LEN];
	char text[80];

	(void)st;
	random_bytes(rk, sizeof rk, NULL);
	recovery_format(rk, text);
	assert_int_equal(strlen(text), 64 + 15);
	assert_int_equal(recovery_parse(text, back), 0);
	assert_memory_equal(rk, back, sizeof rk);
	/* Lower case and spaces are accepted; short, long, odd or foreign
	 * characters are not. */
	assert_int_equal(recovery_parse("  aa bb", back), -1);
	assert_int_equal(recovery_parse("", back), -1);
	text[3] = 'G';
	assert_int_equal(recovery_parse(text, back), -1);
	assert_int_equal(recovery_parse("00000000000000000000000000000000000000000000"
	    "0000000000000000000000", back), -1);
	assert_int_equal(recovery_parse("00000000000000000000000000000000000000000000"
	    "000000000000000000000", back), -1);
}

/* The signing seed wrapped under the data key: only that key opens it,
 * and a recovery or user slot's text does not pass for it. */
static void
test_signkey(void **st)
{
	unsigned char key[KEY_LEN], other[KEY_LEN], seed[KEY_LEN], out[KEY_LEN];
	struct keyslot s, moved;

	(void)st;
	memset(key, 0x11, sizeof key);
	memset(other, 0x22, sizeof other);
	memset(seed, 0x33, sizeof seed);
	assert_int_equal(keyslot_wrap_signkey(&s, key, seed, NULL), 0);
	assert_int_equal(s.kind, SLOT_SIGNKEY);
	assert_memory_not_equal(s.ct, seed, KEY_LEN);
	assert_int_equal(keyslot_unwrap_signkey(&s, key, out), 0);
	assert_memory_equal(out, seed, KEY_LEN);
	assert_int_equal(keyslot_unwrap_signkey(&s, other, out), -1);
	/* The same bytes read as a recovery slot do not open. */
	moved = s;
	moved.kind = SLOT_RECOVERY;
	assert_int_equal(keyslot_unwrap_recovery(&moved, key, out), -1);
	assert_int_equal(keyslot_unwrap_signkey(&moved, key, out), -1);
}

/* A new data key reaches a sealed slot's holder without their password,
 * and the slot then opens to the new key only. */
static void
test_reseal(void **st)
{
	unsigned char next[KEY_LEN], out[KEY_LEN], rk[RECOVERY_KEY_LEN];
	struct keyslot s, r, before;

	(void)st;
	memset(next, 0x5a, sizeof next);
	assert_int_equal(keyslot_wrap_password(&s, 7, "sato", "Pw-secret-123",
	    LOGN, data_key, NULL), 0);
	assert_true(s.sealed);
	before = s;
	assert_int_equal(keyslot_reseal(&s, next, NULL), 0);
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-123", out), 0);
	assert_memory_equal(out, next, KEY_LEN);
	/* The old slot still gives the old key: the file must not keep it. */
	assert_int_equal(keyslot_unwrap_password(&before, "Pw-secret-123", out), 0);
	assert_memory_equal(out, data_key, KEY_LEN);
	random_bytes(rk, sizeof rk, NULL);
	assert_int_equal(keyslot_wrap_recovery(&r, rk, data_key, NULL), 0);
	assert_int_equal(keyslot_reseal(&r, next, NULL), 0);
	assert_int_equal(keyslot_unwrap_recovery(&r, rk, out), 0);
	assert_memory_equal(out, next, KEY_LEN);
}

/* A seal moved to another user's slot, or altered, does not open. */
static void
test_seal_bound(void **st)
{
	unsigned char out[KEY_LEN];
	struct keyslot a, b;

	(void)st;
	keyslot_wrap_password(&a, 7, "sato", "Pw-secret-123", LOGN, data_key, NULL);
	keyslot_wrap_password(&b, 8, "kato", "Pw-secret-123", LOGN, data_key, NULL);
	b.seal = a.seal;
	assert_int_equal(keyslot_unwrap_password(&b, "Pw-secret-123", out), -1);
	a.seal.ct[3] ^= 1;
	assert_int_equal(keyslot_unwrap_password(&a, "Pw-secret-123", out), -1);
}

/* Slots from before sealing still open, cannot be resealed, and a sealed
 * slot stripped of its seal does not pass for one of them. */
static void
test_v1_slot(void **st)
{
	unsigned char out[KEY_LEN];
	struct keyslot s;

	(void)st;
	assert_int_equal(keyslot_wrap_password_v1(&s, 7, "sato", "Pw-secret-123",
	    LOGN, data_key, NULL), 0);
	assert_false(s.sealed);
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-123", out), 0);
	assert_memory_equal(out, data_key, KEY_LEN);
	assert_int_equal(keyslot_reseal(&s, data_key, NULL), -1);
	keyslot_wrap_password(&s, 7, "sato", "Pw-secret-123", LOGN, data_key, NULL);
	s.sealed = 0;
	assert_int_equal(keyslot_unwrap_password(&s, "Pw-secret-123", out), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_wrong_password),
		cmocka_unit_test(test_moved_slot),
		cmocka_unit_test(test_tampered_ciphertext),
		cmocka_unit_test(test_bad_cost_refused),
		cmocka_unit_test(test_salts_differ),
		cmocka_unit_test(test_recovery),
		cmocka_unit_test(test_recovery_text),
		cmocka_unit_test(test_signkey),
		cmocka_unit_test(test_reseal),
		cmocka_unit_test(test_seal_bound),
		cmocka_unit_test(test_v1_slot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
