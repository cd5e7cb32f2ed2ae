/* Unit tests for vault.keys: its text form, its MAC, damaged files. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/keyfile.h"
#include "util/xmalloc.h"

static unsigned char key[KEY_LEN];

static char *
sample(struct keyfile *kf)
{
	struct keyslot s;

	memset(kf, 0, sizeof *kf);
	strcpy(kf->vault_id, "00112233445566778899aabbccddeeff");
	strcpy(kf->insurer, "133033");
	kf->head_seq = 42;
	kf->generation = 7;
	memset(kf->head, 0xab, 32);
	keyslot_wrap_password(&s, 1, "admin", "Pw-secret-123", 10, key, NULL);
	keyfile_put_slot(kf, &s);
	keyslot_wrap_password(&s, 2, "sato", "Pw-secret-456", 10, key, NULL);
	keyfile_put_slot(kf, &s);
	{
		char admins[1][64] = { "admin" };
		unsigned char seed[KEY_LEN];

		keyfile_set_admins(kf, admins, 1);
		memset(seed, 0x5a, sizeof seed);
		keyslot_wrap_signkey(&s, key, seed, NULL);
		keyfile_put_slot(kf, &s);
	}
	return keyfile_format(kf, key);
}

static int
setup(void **st)
{
	(void)st;
	random_bytes(key, sizeof key, NULL);
	return 0;
}

static void
test_roundtrip(void **st)
{
	struct keyfile kf, back;
	char *text = sample(&kf), *err = NULL;

	(void)st;
	assert_int_equal(keyfile_parse(text, strlen(text), &back, &err), 0);
	assert_int_equal(keyfile_verify(&back, text, key), 0);
	assert_int_equal(back.nslots, 3);
	assert_non_null(keyfile_find_kind(&back, SLOT_SIGNKEY));
	{
		unsigned char seed[KEY_LEN], want[KEY_LEN];

		memset(want, 0x5a, sizeof want);
		assert_int_equal(keyslot_unwrap_signkey(keyfile_find_kind(&back,
		    SLOT_SIGNKEY), key, seed), 0);
		assert_memory_equal(seed, want, KEY_LEN);
	}
	assert_int_equal(back.head_seq, 42);
	assert_int_equal(back.generation, 7);
	assert_memory_equal(back.head, kf.head, 32);
	assert_string_equal(back.insurer, "133033");
	assert_non_null(keyfile_find_user(&back, "sato"));
	assert_null(keyfile_find_user(&back, "nobody"));
	assert_int_equal(back.nadmins, 1);
	assert_string_equal(back.admins[0], "admin");
	assert_int_equal(keyfile_set_admins(&back, kf.admins, kf.nadmins), 1);
	keyfile_free(&kf);
	keyfile_free(&back);
	free(text);
}

static void
test_wrong_key_fails_mac(void **st)
{
	struct keyfile kf, back;
	char *text = sample(&kf);
	unsigned char other[KEY_LEN];

	(void)st;
	memcpy(other, key, KEY_LEN);
	other[0] ^= 1;
	assert_int_equal(keyfile_parse(text, strlen(text), &back, NULL), 0);
	assert_int_equal(keyfile_verify(&back, text, other), -1);
	keyfile_free(&kf);
	keyfile_free(&back);
	free(text);
}

/* Every single-byte change before the MAC line is caught by the MAC (or
 * makes the file unparseable). */
static void
test_any_flip_detected(void **st)
{
	struct keyfile kf, back;
	char *text = sample(&kf), *mac = strstr(text, "\nmac ");
	size_t i, end = (size_t)(mac - text) + 1;

	(void)st;
	for (i = 0; i < end; i++) {
		char *copy = xstrdup(text);

		copy[i] = copy[i] == 'a' ? 'b' : 'a';
		if (keyfile_parse(copy, strlen(copy), &back, NULL) == 0) {
			assert_int_equal(keyfile_verify(&back, copy, key), -1);
			keyfile_free(&back);
		}
		free(copy);
	}
	keyfile_free(&kf);
	free(text);
}

/* Swapping two users' slot lines keeps every line valid but breaks the MAC. */
static void
test_swapped_slots(void **st)
{
	struct keyfile kf, back;
	char *text = sample(&kf), *a = strstr(text, "slot user 1"),
	    *b = strstr(text, "slot user 2"), *mac = strstr(text, "mac ");
	char *swapped;

	(void)st;
	swapped = xasprintf("%.*s%.*s%.*s%s", (int)(a - text), text,
	    (int)(mac - b), b, (int)(b - a), a, mac);
	assert_int_equal(strlen(swapped), strlen(text));
	assert_int_equal(keyfile_parse(swapped, strlen(swapped), &back, NULL), 0);
	assert_int_equal(keyfile_verify(&back, swapped, key), -1);
	keyfile_free(&back);
	keyfile_free(&kf);
	free(swapped);
	free(text);
}

static void
test_truncated(void **st)
{
	struct keyfile kf, back;
	char *text = sample(&kf), *err = NULL;
	size_t len = strlen(text), cut;

	(void)st;
	for (cut = 0; cut < len; cut += 7) {
		assert_int_equal(keyfile_parse(text, cut, &back, &err), -1);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
	keyfile_free(&kf);
	free(text);
}

static void
test_data_after_mac(void **st)
{
	struct keyfile kf, back;
	char *text = sample(&kf), *more = xasprintf("%sslot x\n", text);

	(void)st;
	assert_int_equal(keyfile_parse(more, strlen(more), &back, NULL), -1);
	keyfile_free(&kf);
	free(more);
	free(text);
}

static void
test_garbage(void **st)
{
	struct keyfile back;
	char *err = NULL;
	static const char *bad[] = {
		"", "\n", "hello\n", "mynadesk-keys v2\n",
		"mynadesk-keys v1\nmac zz\n",
		"mynadesk-keys v1\nvault 00\ninsurer 133033\nmac 00\n",
		"mynadesk-keys v1\nslot user 1 a scrypt 99 8 1 00 00 00 00\n",
		"mynadesk-keys v1\nmac 0000000000000000000000000000000000000000000000000000000000000000\n",
		/* Found by fuzz-keyfile: sscanf let "vault" run into its value. */
		"mynadesk-keys v1\nvault92c565 43c55be592ba1a9c95c8cc0806\ninsurer 133033\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 1234567x\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"head -1 0000000000000000000000000000000000000000000000000000000000000000\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"admin \n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"admin bad name\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"generation -1\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"generation 01\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"generation x\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"generation \n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"generation 1 \n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"generation 99999999999999999999\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		/* A signing-key slot must say hkdf, like the recovery slot. */
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"slot signkey 0 - scrypt 0 0 0 00000000000000000000000000000000 "
		"000000000000000000000000 "
		"0000000000000000000000000000000000000000000000000000000000000000 "
		"00000000000000000000000000000000\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"slot signkey 0 - hkdf 0 0 0 00 00 00 00\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
		"mynadesk-keys v1\nvault 00112233445566778899aabbccddeeff\ninsurer 133033\n"
		"admin 0123456789012345678901234567890123456789012345678901234567890123\n"
		"mac 0000000000000000000000000000000000000000000000000000000000000000\n",
	};
	size_t i;

	(void)st;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(keyfile_parse(bad[i], strlen(bad[i]), &back, &err), -1);
		assert_non_null(err);
		free(err);
		err = NULL;
	}
}

static void
test_nul_byte(void **st)
{
	struct keyfile kf, back;
	char *text = sample(&kf);

	(void)st;
	text[20] = '\0';
	assert_int_equal(keyfile_parse(text, strlen(text + 21) + 21, &back, NULL), -1);
	keyfile_free(&kf);
	free(text);
}

static void
test_remove_and_replace(void **st)
{
	struct keyfile kf;
	struct keyslot s;
	char *text = sample(&kf);

	(void)st;
	assert_int_equal(keyfile_remove_user(&kf, "sato"), 0);
	assert_int_equal(keyfile_remove_user(&kf, "sato"), -1);
	assert_int_equal(kf.nslots, 2);	/* admin and the signing key */
	keyslot_wrap_password(&s, 1, "admin", "Pw-other-123", 10, key, NULL);
	keyfile_put_slot(&kf, &s);
	assert_int_equal(kf.nslots, 2);
	keyfile_free(&kf);
	free(text);
}

/* Sealed and older slots side by side survive the text form. */
static void
test_sealed_and_v1_slots(void **st)
{
	struct keyfile kf, back;
	struct keyslot s;
	unsigned char out[KEY_LEN];
	char *text = sample(&kf), *err = NULL;

	(void)st;
	free(text);
	keyslot_wrap_password_v1(&s, 3, "kato", "Pw-secret-789", 10, key, NULL);
	keyfile_put_slot(&kf, &s);
	text = keyfile_format(&kf, key);
	assert_int_equal(keyfile_parse(text, strlen(text), &back, &err), 0);
	assert_true(keyfile_find_user(&back, "sato")->sealed);
	assert_false(keyfile_find_user(&back, "kato")->sealed);
	assert_int_equal(keyslot_unwrap_password(keyfile_find_user(&back, "sato"),
	    "Pw-secret-456", out), 0);
	assert_memory_equal(out, key, KEY_LEN);
	assert_int_equal(keyslot_unwrap_password(keyfile_find_user(&back, "kato"),
	    "Pw-secret-789", out), 0);
	keyfile_free(&back);
	keyfile_free(&kf);
	free(text);
}

/* A pending file carries a MAC under the old key over all but the last
 * line; only that key verifies it, and nothing may follow it but the MAC. */
static void
test_pending_prev_mac(void **st)
{
	struct keyfile kf, back;
	unsigned char old[KEY_LEN], other[KEY_LEN];
	char *text = sample(&kf), *err = NULL, *bad, *p;

	(void)st;
	free(text);
	memset(old, 0x77, sizeof old);
	memset(other, 0x78, sizeof other);
	text = keyfile_format_pending(&kf, key, old);
	assert_int_equal(keyfile_parse(text, strlen(text), &back, &err), 0);
	assert_int_equal(keyfile_verify(&back, text, key), 0);
	assert_int_equal(keyfile_verify_prev(&back, text, old), 0);
	assert_int_equal(keyfile_verify_prev(&back, text, other), -1);
	keyfile_free(&back);
	/* An ordinary file has no old-key MAC to verify. */
	free(text);
	text = keyfile_format(&kf, key);
	assert_int_equal(keyfile_parse(text, strlen(text), &back, &err), 0);
	assert_int_equal(keyfile_verify_prev(&back, text, old), -1);
	keyfile_free(&back);
	free(text);
	/* A line moved after the old key's MAC is refused. */
	text = keyfile_format_pending(&kf, key, old);
	p = strstr(text, "\nmac ") + 1;
	bad = xasprintf("%.*sadmin x\n%s", (int)(p - text), text, p);
	assert_int_equal(keyfile_parse(bad, strlen(bad), &back, &err), -1);
	free(err);
	free(bad);
	free(text);
	keyfile_free(&kf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_wrong_key_fails_mac),
		cmocka_unit_test(test_any_flip_detected),
		cmocka_unit_test(test_swapped_slots),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_data_after_mac),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_remove_and_replace),
		cmocka_unit_test(test_sealed_and_v1_slots),
		cmocka_unit_test(test_pending_prev_mac),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
