/* Unit tests for the vault: opening, refusing damaged or rolled-back files,
 * migrations, and the audit chain's tamper detection. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "ops/rekey.h"
#include "ops/session.h"
#include "ops/tx.h"
#include "ops/vault-admin.h"
#include "store/audit.h"
#include "store/checkpoint.h"
#include "store/lockout.h"
#include "store/migrate.h"
#include "store/vault-impl.h"
#include "testutil.h"
#include "util/hex.h"
#include "util/xmalloc.h"

struct fixture {
	char *tmp;
	char *vault;
	unsigned char recovery[32];
};

static int
setup(void **st)
{
	struct fixture *f = xcalloc(1, sizeof *f);

	f->tmp = test_tmpdir();
	f->vault = test_vault(f->tmp, f->recovery);
	*st = f;
	return 0;
}

static int
teardown(void **st)
{
	struct fixture *f = *st;

	test_rm_rf(f->tmp);
	free(f->tmp);
	free(f->vault);
	free(f);
	return 0;
}

static char *
path(struct fixture *f, const char *name)
{
	return xasprintf("%s/%s", f->vault, name);
}

static void
test_created_files_and_modes(void **st)
{
	struct fixture *f = *st;
	struct stat sb;
	char *db = path(f, "vault.db"), *keys = path(f, "vault.keys");

	assert_int_equal(stat(f->vault, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	assert_int_equal(stat(db, &sb), 0);
	assert_int_equal(sb.st_mode & 0077, 0);
	assert_int_equal(stat(keys, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(db);
	free(keys);
}

static void
test_init_refuses_existing(void **st)
{
	struct fixture *f = *st;
	struct vault_init in = { f->vault, "133033", "x", "admin", TEST_PW, 10 };
	unsigned char rk[32];
	char *err = NULL;

	assert_int_equal(ops_vault_init(&in, rk, &err), -1);
	assert_non_null(strstr(err, "already holds a vault"));
	free(err);
}

static void
test_init_checks_insurer(void **st)
{
	struct fixture *f = *st;
	char *dir = xasprintf("%s/w", f->tmp), *err = NULL;
	struct vault_init in = { dir, "1234567", "x", "admin", TEST_PW, 10 };
	unsigned char rk[32];

	assert_int_equal(ops_vault_init(&in, rk, &err), -1);
	assert_non_null(strstr(err, "6 digits"));
	free(err);
	err = NULL;
	in.insurer = "1234567a";
	assert_int_equal(ops_vault_init(&in, rk, &err), -1);
	free(err);
	err = NULL;
	/* A wrong 検証番号 is refused by the vault too, not only by the CLI. */
	in.insurer = "12345670";
	assert_int_equal(ops_vault_init(&in, rk, &err), -1);
	assert_non_null(strstr(err, "check digit"));
	free(err);
	assert_int_equal(access(dir, F_OK), -1);
	free(dir);
}

static void
test_plaintext_absent(void **st)
{
	struct fixture *f = *st;
	char *db = path(f, "vault.db"), buf[65536];
	FILE *fp = fopen(db, "rb");
	size_t n = fread(buf, 1, sizeof buf, fp);

	fclose(fp);
	/* Neither the SQLite header nor our table names appear on disk. */
	assert_null(memmem(buf, n, "SQLite format", 13));
	assert_null(memmem(buf, n, "vault_meta", 10));
	free(db);
}

static void
test_wrong_password(void **st)
{
	struct fixture *f = *st;
	struct session *s;
	char *err = NULL;

	assert_int_equal(ops_login(f->vault, "admin", "Wrong-pass-123", &s, &err),
	    VAULT_EAUTH);
	assert_null(s);
	assert_non_null(strstr(err, "wrong user name or password"));
	free(err);
	err = NULL;
	assert_int_equal(ops_login(f->vault, "ghost", TEST_PW, &s, &err), VAULT_EAUTH);
	free(err);
	assert_int_equal(lockout_count(f->vault, "admin"), 1);
	assert_int_equal(lockout_count(f->vault, "ghost"), 0);
}

static void
test_recovery_key_opens(void **st)
{
	struct fixture *f = *st;
	struct session *s;
	unsigned char bad[32];
	char *err = NULL;

	assert_int_equal(ops_login_recovery(f->vault, f->recovery, &s, &err), 0);
	assert_true(s->recovery);
	assert_string_equal(s->role, "admin");
	ops_logout(s);
	memcpy(bad, f->recovery, 32);
	bad[31] ^= 1;
	assert_int_equal(ops_login_recovery(f->vault, bad, &s, &err), VAULT_EAUTH);
	free(err);
}

/* Puts the administrator's slot back in the format before sealed slots. */
static int
make_v1_slot(struct keyfile *kf, void *arg, char **err)
{
	const unsigned char *key = arg;
	const struct keyslot *old = keyfile_find_user(kf, "admin");
	struct keyslot s;

	if (keyslot_wrap_password_v1(&s, old->uid, "admin", TEST_PW, old->logn,
	    key, err) < 0)
		return -1;
	keyfile_put_slot(kf, &s);
	return 0;
}

static int
admin_sealed(struct fixture *f)
{
	struct keyfile kf;
	char *text, *err = NULL;
	size_t len;
	int sealed;

	assert_int_equal(keyfile_load(f->vault, &kf, &text, &len, &err), 0);
	sealed = keyfile_find_user(&kf, "admin")->sealed;
	keyfile_free(&kf);
	free(text);
	return sealed;
}

/* A vault made before sealed slots cannot change its key until each
 * holder's slot is converted, which happens at their next login. */
static void
test_old_slot_converted_then_rekey(void **st)
{
	struct fixture *f = *st;
	struct session *s;
	char *err = NULL;

	assert_int_equal(ops_login(f->vault, "admin", TEST_PW, &s, &err), 0);
	assert_int_equal(vault_keys_update(s->v, make_v1_slot, s->v->key, &err), 0);
	assert_false(admin_sealed(f));
	assert_int_equal(ops_vault_rekey(s, "request", NULL, &err), 1);
	assert_non_null(strstr(err, "admin"));
	free(err);
	err = NULL;
	ops_logout(s);
	assert_int_equal(ops_login(f->vault, "admin", TEST_PW, &s, &err), 0);
	assert_true(admin_sealed(f));
	assert_int_equal(ops_vault_rekey(s, "request", NULL, &err), 0);
	ops_logout(s);
	assert_int_equal(ops_login(f->vault, "admin", TEST_PW, &s, &err), 0);
	ops_logout(s);
	assert_int_equal(ops_login_recovery(f->vault, f->recovery, &s, &err), 0);
	ops_logout(s);
}

static void
test_damaged_keyfile(void **st)
{
	struct fixture *f = *st;
	struct session *s;
	char *keys = path(f, "vault.keys"), *err = NULL;

	/* Byte 60 lies in the "head" line: the MAC catches it. */
	test_flip(keys, 60);
	assert_true(ops_login(f->vault, "admin", TEST_PW, &s, &err) < 0);
	assert_non_null(err);
	free(err);
	free(keys);
}

static void
test_truncated_keyfile(void **st)
{
	struct fixture *f = *st;
	struct session *s;
	char *keys = path(f, "vault.keys"), *err = NULL;

	assert_int_equal(truncate(keys, 100), 0);
	assert_int_equal(ops_login(f->vault, "admin", TEST_PW, &s, &err), VAULT_ERROR);
	assert_non_null(strstr(err, "vault.keys"));
	free(err);
	assert_int_equal(truncate(keys, 0), 0);
	err = NULL;
	assert_int_equal(ops_login(f->vault, "admin", TEST_PW, &s, &err), VAULT_ERROR);
	free(err);
	free(keys);
}

static void
test_missing_vault(void **st)
{
	struct fixture *f = *st;
	struct session *s;
	char *nowhere = xasprintf("%s/nowhere", f->tmp), *err = NULL;

	assert_int_equal(ops_login(nowhere, "admin", TEST_PW, &s, &err), VAULT_ERROR);
	assert_non_null(strstr(err, "is this a vault?"));
	free(err);
	free(nowhere);
}

/* The central freshness promise: an older vault.db is refused. */
static void
test_rollback_refused(void **st)
{
	struct fixture *f = *st;
	struct session *s;
	char *db = path(f, "vault.db"), *old = path(f, "old.db"), *err = NULL;

	/* Checkpoint the WAL so the copy is the whole database. */
	s = test_login(f->vault, "admin", TEST_PW);
	assert_int_equal(db_exec(s->v->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL), 0);
	test_copy(db, old);
	ops_logout(s);
	s = test_login(f->vault, "admin", TEST_PW);
	ops_logout(s);
	test_copy(old, db);
	assert_int_equal(ops_login(f->vault, "admin", TEST_PW, &s, &err),
	    VAULT_EROLLBACK);
	assert_non_null(strstr(err, "rolled back"));
	free(err);
	free(db);
	free(old);
}

static void
test_migrations_recorded(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);
	long long n, applied;
	int version;

	/* Every file in vault/ was applied, each with its audit record; the
	 * numbers may have gaps (each branch of the work has its own). */
	assert_int_equal(migrate_version(s->v, &version, NULL), 0);
	assert_true(version >= 2);
	assert_int_equal(db_get_int(s->v->db, "SELECT count(*) FROM "
	    "schema_migrations", NULL, &applied, NULL), 0);
	assert_true(applied >= 2 && applied <= version);
	assert_int_equal(db_get_int(s->v->db, "SELECT count(*) FROM audit WHERE "
	    "action = 'schema.migrate'", NULL, &n, NULL), 0);
	assert_int_equal(n, applied);
	ops_logout(s);
	/* Opening again applies nothing new. */
	s = test_login(f->vault, "admin", TEST_PW);
	assert_int_equal(db_get_int(s->v->db, "SELECT count(*) FROM audit WHERE "
	    "action = 'schema.migrate'", NULL, &n, NULL), 0);
	assert_int_equal(n, applied);
	ops_logout(s);
}

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *fp = fopen(p, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	free(p);
}

/* Later migrations run in order; a failing one leaves nothing behind. */
static void
test_migration_order_and_failure(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);
	char *mdir = xasprintf("%s/migrations", f->tmp), *cmd, *err = NULL;
	char name_b[32], name_c[32], name_bad[32];
	long long n;
	int applied, version, base;

	/* The shipped migrations, then three more after the newest. */
	assert_int_equal(migrate_version(s->v, &base, NULL), 0);
	snprintf(name_b, sizeof name_b, "%04d-b.sql", base + 1);
	snprintf(name_c, sizeof name_c, "%04d-c.sql", base + 2);
	snprintf(name_bad, sizeof name_bad, "%04d-bad.sql", base + 3);
	cmd = xasprintf("mkdir -p %s && cp %s/vault/*.sql %s/", mdir, MYNA_SRCDIR,
	    mdir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	write_file(mdir, name_c, "ALTER TABLE t2 ADD COLUMN b TEXT;");
	write_file(mdir, name_b, "CREATE TABLE t2 (a TEXT);");
	write_file(mdir, "notes.txt", "not a migration");
	assert_int_equal(migrate_apply(s->v, mdir, "admin", &applied, &err), 0);
	assert_int_equal(applied, 2);
	write_file(mdir, name_bad, "CREATE TABLE t4 (x); SELECT nonsense FROM nowhere;");
	assert_int_equal(migrate_apply(s->v, mdir, "admin", &applied, &err),
	    -1);
	assert_non_null(strstr(err, name_bad));
	free(err);
	assert_int_equal(migrate_version(s->v, &version, NULL), 0);
	assert_int_equal(version, base + 2);
	assert_int_equal(db_get_int(s->v->db, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 't4'", NULL, &n, NULL), 0);
	assert_int_equal(n, 0);
	ops_logout(s);
	free(mdir);
}

static void
test_newer_vault_refused(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);
	char *err = NULL;
	int applied;

	assert_int_equal(db_exec(s->v->db, "INSERT INTO schema_migrations VALUES "
	    "(99, 'future', 'x', 'now')", NULL), 0);
	assert_int_equal(migrate_apply(s->v, MYNA_SRCDIR "/vault", "admin",
	    &applied, &err), -1);
	assert_non_null(strstr(err, "newer"));
	free(err);
	ops_logout(s);
}

static void
test_audit_verify_intact(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);
	unsigned char head[32], head2[32];
	int64_t count, seq;

	assert_int_equal(ops_audit_verify(s, NULL, NULL, &count, head, NULL), 0);
	assert_true(count >= 4);
	assert_int_equal(audit_head(s->v, &seq, head2, NULL), 0);
	/* The verification itself was recorded after the walk. */
	assert_int_equal(seq, count + 1);
	ops_logout(s);
}

static void
tamper(struct session *s, const char *sql)
{
	assert_int_equal(db_exec(s->v->db, "DROP TRIGGER audit_no_update; "
	    "DROP TRIGGER audit_no_delete;", NULL), 0);
	assert_int_equal(db_exec(s->v->db, sql, NULL), 0);
}

static void
expect_broken(struct session *s, const char *what)
{
	unsigned char head[32];
	int64_t count;
	char *err = NULL;

	assert_int_equal(audit_verify(s->v, NULL, NULL, &count, head, &err),
	    -1);
	assert_non_null(strstr(err, what));
	free(err);
}

static void
test_audit_tampered_detail(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);

	tamper(s, "UPDATE audit SET detail = 'role=clerk' WHERE seq = 3");
	expect_broken(s, "record 3: its content was altered");
	ops_logout(s);
}

static void
test_audit_deleted_record(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);

	tamper(s, "DELETE FROM audit WHERE seq = 2");
	expect_broken(s, "record 2 is missing");
	ops_logout(s);
}

static void
test_audit_relinked(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);

	tamper(s, "UPDATE audit SET prev = zeroblob(32) WHERE seq = 3");
	expect_broken(s, "record 3: it does not link");
	ops_logout(s);
}

/* A checkpoint signs the root over the log; changing an old record after it
 * is found by the checkpoint as well as by the chain. */
static void
test_checkpoint_detects_change(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);
	struct checkpoint cp;
	unsigned char root[32];
	int64_t n;
	char *err = NULL;

	assert_int_equal(ops_audit_checkpoint(s, &cp, &err), 0);
	assert_true(cp.tree_size >= 4);
	assert_int_equal(checkpoint_root(s->v, cp.tree_size, root, NULL), 0);
	assert_memory_equal(root, cp.root, 32);
	checkpoint_clear(&cp);
	assert_int_equal(ops_audit_verify_checkpoints(s, &n, NULL), 0);
	/* The day's automatic checkpoint at login, and this one. */
	assert_int_equal(n, 2);
	tamper(s, "UPDATE audit SET detail = 'role=clerk' WHERE seq = 3");
	assert_int_equal(ops_audit_verify_checkpoints(s, &n, &err), -1);
	assert_non_null(strstr(err, "no longer matches"));
	free(err);
	ops_logout(s);
}

/* An insider with the data key and SQL finds no signing key in the
 * database: it is in vault.keys, wrapped. */
static void
test_signkey_not_in_database(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);
	struct checkpoint cp;
	char hex[65], *keys, *text;
	long long n = -1;
	size_t len;
	FILE *fp;

	assert_int_equal(ops_audit_checkpoint(s, &cp, NULL), 0);
	checkpoint_clear(&cp);
	assert_true(s->v->has_signkey);
	hex_encode(s->v->signkey, 32, hex);
	assert_int_equal(db_get_int(s->v->db, "SELECT count(*) FROM vault_meta WHERE "
	    "key LIKE '%signing_key%' OR instr(lower(value), ?)", hex, &n, NULL), 0);
	assert_int_equal(n, 0);
	/* vault.keys holds it wrapped, not in the clear. */
	keys = path(f, "vault.keys");
	assert_non_null(fp = fopen(keys, "rb"));
	text = xcalloc(1, 65536);
	len = fread(text, 1, 65535, fp);
	fclose(fp);
	assert_true(len > 0);
	assert_non_null(strstr(text, "slot signkey "));
	assert_null(strstr(text, hex));
	free(text);
	free(keys);
	ops_logout(s);
}

static int
drop_signkey(struct keyfile *kf, void *arg, char **err)
{
	size_t i;

	(void)arg;
	(void)err;
	for (i = 0; i < kf->nslots; i++)
		if (kf->slots[i].kind == SLOT_SIGNKEY) {
			memmove(&kf->slots[i], &kf->slots[i + 1],
			    (kf->nslots - i - 1) * sizeof *kf->slots);
			kf->nslots--;
			return 0;
		}
	return 1;
}

/* A vault from before the move: its seed in vault_meta. Opening it moves
 * the seed into vault.keys and deletes the row, and signatures go on with
 * the same key. */
static void
test_signkey_moved_out_of_meta(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);
	static const char seed_hex[] =
	    "0f1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddeeff";
	unsigned char seed[32];
	char *sql;
	long long n = -1;

	assert_int_equal(vault_keys_update(s->v, drop_signkey, NULL, NULL), 0);
	sql = xasprintf("INSERT OR REPLACE INTO vault_meta (key, value) VALUES "
	    "('signing_key', '%s')", seed_hex);
	tamper(s, sql);
	free(sql);
	ops_logout(s);
	s = test_login(f->vault, "admin", TEST_PW);
	assert_int_equal(hex_decode(seed_hex, seed, 32), 0);
	assert_memory_equal(s->v->signkey, seed, 32);
	assert_int_equal(db_get_int(s->v->db, "SELECT count(*) FROM vault_meta WHERE "
	    "key = 'signing_key'", NULL, &n, NULL), 0);
	assert_int_equal(n, 0);
	assert_int_equal(db_get_int(s->v->db, "SELECT count(*) FROM audit WHERE "
	    "action = 'vault.signkey-moved'", NULL, &n, NULL), 0);
	assert_int_equal(n, 1);
	ops_logout(s);
}

static void
test_append_only_triggers(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);
	char *err = NULL;

	assert_int_equal(db_exec(s->v->db, "DELETE FROM audit WHERE seq = 1", &err), -1);
	assert_non_null(strstr(err, "append-only"));
	free(err);
	ops_logout(s);
}

/* A damaged page gives a message, never a crash. */
static void
test_damaged_database(void **st)
{
	struct fixture *f = *st;
	struct session *s;
	char *db = path(f, "vault.db"), *err = NULL;

	s = test_login(f->vault, "admin", TEST_PW);
	assert_int_equal(db_exec(s->v->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL), 0);
	ops_logout(s);
	s = NULL;
	test_flip(db, 100);
	assert_true(ops_login(f->vault, "admin", TEST_PW, &s, &err) < 0);
	assert_null(s);
	assert_non_null(strstr(err, "damaged"));
	free(err);
	free(db);
}

static void
test_detail_masked(void **st)
{
	struct fixture *f = *st;
	struct session *s = test_login(f->vault, "admin", TEST_PW);
	char *detail;

	assert_int_equal(ops_tx_audit(s, "", "test.note", "", "typed 123456789018 "
	    "by mistake", NULL), 0);
	detail = db_get_text(s->v->db, "SELECT detail FROM audit WHERE action = ?",
	    "test.note");
	assert_string_equal(detail, "typed ********9018 by mistake");
	free(detail);
	ops_logout(s);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_created_files_and_modes),
		T(test_init_refuses_existing),
		T(test_init_checks_insurer),
		T(test_plaintext_absent),
		T(test_wrong_password),
		T(test_recovery_key_opens),
		T(test_old_slot_converted_then_rekey),
		T(test_damaged_keyfile),
		T(test_truncated_keyfile),
		T(test_missing_vault),
		T(test_rollback_refused),
		T(test_migrations_recorded),
		T(test_migration_order_and_failure),
		T(test_newer_vault_refused),
		T(test_audit_verify_intact),
		T(test_audit_tampered_detail),
		T(test_audit_deleted_record),
		T(test_audit_relinked),
		T(test_checkpoint_detects_change),
		T(test_signkey_not_in_database),
		T(test_signkey_moved_out_of_meta),
		T(test_append_only_triggers),
		T(test_damaged_database),
		T(test_detail_masked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
