/* Unit tests of the person row hash: the hasher an import keeps gives what
 * person_hash gives, row after row (nothing of one row carries into the
 * next), and both keep the definition the vault's stored row_hash values
 * were made with (SHA-256 of each field, length-prefixed). */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include "domain/person.h"

/* The empty row: every field "" or absent, so PF_COUNT four-byte zero
 * lengths; computed here apart from the code under test. */
static void
test_empty_row(void **st)
{
	struct person none, empty;
	unsigned char want[32], got[32], zeros[4 * PF_COUNT];
	int i;

	(void)st;
	memset(&none, 0, sizeof none);
	for (i = 0; i < PF_COUNT; i++)
		empty.f[i] = "";
	memset(zeros, 0, sizeof zeros);
	assert_int_equal(EVP_Digest(zeros, sizeof zeros, want, NULL,
	    EVP_sha256(), NULL), 1);
	person_hash(&none, got);
	assert_memory_equal(got, want, 32);
	person_hash(&empty, got);
	assert_memory_equal(got, want, 32);
}

static void
fill(struct person *p, const char *key, const char *name, const char *kana)
{
	memset(p, 0, sizeof *p);
	p->f[PF_KEY] = (char *)key;
	p->f[PF_NAME] = (char *)name;
	p->f[PF_KANA] = (char *)kana;
}

/* One hasher for rows a, b, a, c: each equals its own person_hash, and
 * moving a byte between fields changes the hash (the lengths count). */
static void
test_hasher_row_after_row(void **st)
{
	struct person rows[4];
	struct person_hasher *h = person_hasher_new();
	unsigned char want[32], got[4][32];
	int i;

	(void)st;
	fill(&rows[0], "P1", "山田　太郎", "ヤマダ　タロウ");
	fill(&rows[1], "P2", "佐藤　花子", "サトウ　ハナコ");
	rows[2] = rows[0];
	fill(&rows[3], "P1", "山田　太", "郎ヤマダ　タロウ");
	for (i = 0; i < 4; i++) {
		person_hasher_run(h, &rows[i], got[i]);
		person_hash(&rows[i], want);
		assert_memory_equal(got[i], want, 32);
	}
	person_hasher_free(h);
	assert_memory_equal(got[0], got[2], 32);
	assert_memory_not_equal(got[0], got[1], 32);
	assert_memory_not_equal(got[0], got[3], 32);
}

static void
test_free_null(void **st)
{
	(void)st;
	person_hasher_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_empty_row),
		cmocka_unit_test(test_hasher_row_after_row),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
