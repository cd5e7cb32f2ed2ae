/* Shared helpers for unit tests that need a vault on disk. */
#ifndef MYNA_TESTUTIL_H
#define MYNA_TESTUTIL_H

#include "ops/session.h"
#include "ops/witness.h"
#include "store/vault.h"

#define TEST_PW "Correct-horse-42"
#define TEST_PW2 "Battery-staple-77"
#define TEST_PW3 "Purple-monkey-19"

/* A fresh temporary folder (allocated path); the vault goes in DIR/v. */
char *test_tmpdir(void);
/* Creates a vault in DIR/v with admin "admin" (password TEST_PW) and cheap
 * key derivation; returns the vault path. */
char *test_vault(const char *tmp, unsigned char recovery[32]);
void test_rm_rf(const char *dir);
/* Copies a file byte for byte. */
void test_copy(const char *from, const char *to);
/* Flips one byte of a file at offset. */
void test_flip(const char *path, long offset);
struct session *test_login(const char *vault, const char *user, const char *pw);
/* The first login of an added user: the administrator's temporary
 * password replaced by the owner (with the same text, for tests). */
void test_settle_password(const char *vault, const char *user, const char *pw);
/* The second person checked on session s with a copy of pw (the check
 * wipes what it is given): 0 and *w, or -1 with err. */
int test_witness_check(struct session *s, const char *name, const char *pw,
    char **err);
/* A handle for one action, NULL when the check refuses; freed at exit. */
struct witness *test_witness(struct session *s, const char *name,
    const char *pw);

/* A vault with its administrator logged in: what most tests start from. */
struct test_fixture {
	char *tmp, *vault;
	struct session *s;	/* "admin", logged in */
};
struct test_fixture *test_fixture_new(void);
/* cmocka's setup and teardown around test_fixture_new. */
int test_setup(void **st);
int test_teardown(void **st);

#endif
