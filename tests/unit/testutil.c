/* Helpers for vault-level unit tests. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ops/accounts.h"
#include "ops/vault-admin.h"
#include "testutil.h"
#include "util/secret.h"
#include "util/xmalloc.h"

char *
test_tmpdir(void)
{
	char tmpl[] = "/tmp/myna-test-XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	return xstrdup(tmpl);
}

char *
test_vault(const char *tmp, unsigned char recovery[32])
{
	struct vault_init in;
	unsigned char rk[32];
	char *dir = xasprintf("%s/v", tmp), *err = NULL;

	/* Cheap scrypt keeps unit tests fast; the cost itself is tested in
	 * test-keyslot and the real default in the CLI tests. */
	ops_slot_logn = 10;
	in.dir = dir;
	in.insurer = "133033";
	in.name = "テスト国保組合";
	in.admin = "admin";
	in.admin_password = TEST_PW;
	in.logn = ops_slot_logn;
	if (ops_vault_init(&in, recovery ? recovery : rk, &err) != 0)
		fail_msg("vault init: %s", err);
	return dir;
}

void
test_rm_rf(const char *dir)
{
	char *cmd = xasprintf("rm -rf '%s'", dir);

	assert_int_equal(system(cmd), 0);
	free(cmd);
}

void
test_copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[8192];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
}

void
test_flip(const char *path, long offset)
{
	FILE *f = fopen(path, "r+b");
	int c;

	assert_non_null(f);
	assert_int_equal(fseek(f, offset, SEEK_SET), 0);
	c = fgetc(f);
	assert_true(c != EOF);
	assert_int_equal(fseek(f, offset, SEEK_SET), 0);
	fputc(c ^ 0x5a, f);
	fclose(f);
}

struct session *
test_login(const char *vault, const char *user, const char *pw)
{
	struct session *s = NULL;
	char *err = NULL;

	if (ops_login(vault, user, pw, &s, &err) != 0)
		fail_msg("login %s: %s", user, err ? err : "?");
	return s;
}

void
test_settle_password(const char *vault, const char *user, const char *pw)
{
	struct session *s = test_login(vault, user, pw);
	char *err = NULL;

	if (ops_user_passwd(s, NULL, pw, NULL, &err) != 0)
		fail_msg("passwd %s: %s", user, err ? err : "?");
	ops_logout(s);
}

static int
test_witness_get(struct session *s, const char *name, const char *pw,
    struct witness **w, char **err)
{
	char *copy = secret_strdup(pw);
	int rc = ops_witness_check(s, name, copy, w, err);

	/* The check wipes the password it was given, at once. */
	assert_int_equal(copy[0], '\0');
	secret_free_str(copy);
	return rc;
}

int
test_witness_check(struct session *s, const char *name, const char *pw,
    char **err)
{
	struct witness *w = NULL;
	int rc = test_witness_get(s, name, pw, &w, err);

	ops_witness_free(w);
	return rc;
}

/* Handles made for calls written inline, freed at exit so that valgrind
 * sees no leak. */
static struct witness *test_witnesses[64];
static int test_nwitnesses;

static void
test_witnesses_free(void)
{
	while (test_nwitnesses > 0)
		ops_witness_free(test_witnesses[--test_nwitnesses]);
}

struct witness *
test_witness(struct session *s, const char *name, const char *pw)
{
	struct witness *w = NULL;
	char *err = NULL;

	if (test_nwitnesses == 0)
		atexit(test_witnesses_free);
	assert_true(test_nwitnesses < 64);
	(void)test_witness_get(s, name, pw, &w, &err);
	free(err);
	if (w != NULL)
		test_witnesses[test_nwitnesses++] = w;
	return w;
}

struct test_fixture *
test_fixture_new(void)
{
	struct test_fixture *f = xcalloc(1, sizeof *f);

	f->tmp = test_tmpdir();
	f->vault = test_vault(f->tmp, NULL);
	f->s = test_login(f->vault, "admin", TEST_PW);
	return f;
}

int
test_setup(void **st)
{
	*st = test_fixture_new();
	return 0;
}

int
test_teardown(void **st)
{
	struct test_fixture *f = *st;

	ops_logout(f->s);
	test_rm_rf(f->tmp);
	free(f->tmp);
	free(f->vault);
	free(f);
	return 0;
}
