/* The migration runner. A vault is never left half-migrated: each file runs
 * inside one transaction with its record and its audit entry. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "store/audit.h"
#include "store/migrate.h"
#include "store/reg-legacy.h"
#include "store/users.h"
#include "store/vault-impl.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define MIGRATE_MAX_SIZE (1024 * 1024)

struct migration {
	int version;
	char *file;
};

static int
migrate_cmp(const void *a, const void *b)
{
	const struct migration *x = a, *y = b;

	return (x->version > y->version) - (x->version < y->version);
}

/* A migration file is named NNNN-words.sql. */
static int
migrate_version_of(const char *name)
{
	size_t len = strlen(name);
	int v = 0, i;

	if (len < 9 || strcmp(name + len - 4, ".sql") != 0 || name[4] != '-')
		return -1;
	for (i = 0; i < 4; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return v > 0 ? v : -1;
}

static int
migrate_list(const char *dir, struct migration **out, size_t *n, char **err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct migration *list = NULL;
	size_t count = 0, i;

	if (d == NULL)
		return err_set(err, _("cannot read migrations in %s: %s"), dir,
		    strerror(errno));
	while ((e = readdir(d)) != NULL) {
		int v = migrate_version_of(e->d_name);

		if (v < 0)
			continue;
		list = xrealloc(list, (count + 1) * sizeof *list);
		list[count].version = v;
		list[count].file = xasprintf("%s/%s", dir, e->d_name);
		count++;
	}
	closedir(d);
	qsort(list, count, sizeof *list, migrate_cmp);
	for (i = 0; i + 1 < count; i++) {
		if (list[i].version == list[i + 1].version) {
			err_set(err, _("two migrations share version %04d in %s"),
			    list[i].version, dir);
			for (i = 0; i < count; i++)
				free(list[i].file);
			free(list);
			return -1;
		}
	}
	*out = list;
	*n = count;
	return 0;
}

static char *
migrate_read(const char *path, char **err)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	if (f == NULL) {
		err_set(err, _("cannot read %s: %s"), path, strerror(errno));
		return NULL;
	}
	buf = xmalloc(MIGRATE_MAX_SIZE + 1);
	n = fread(buf, 1, MIGRATE_MAX_SIZE + 1, f);
	fclose(f);
	if (n > MIGRATE_MAX_SIZE) {
		free(buf);
		err_set(err, _("%s: migration too large"), path);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

int
migrate_version(struct vault *v, int *version, char **err)
{
	sqlite3 *db = v->db;
	long long exists, ver = 0;

	if (db_get_int(db, "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'table' AND name = 'schema_migrations'", NULL, &exists, err) < 0)
		return -1;
	if (exists && db_get_int(db, "SELECT coalesce(max(version), 0) FROM "
	    "schema_migrations", NULL, &ver, err) < 0)
		return -1;
	*version = (int)ver;
	return 0;
}

/* Data a migration cannot move in SQL alone, moved in the same
 * transaction right after its SQL. */
static int
migrate_step_in_c(struct vault *v, int version, char **err)
{
	if (version == 9)
		return reg_legacy_pack(v, err);
	if (version == 12)
		return users_add_must_change(v, err);
	return 0;
}

static int
migrate_one(struct vault *v, const struct migration *m, const char *actor,
    char **err)
{
	sqlite3 *db = v->db;
	unsigned char digest[32];
	char hex[65], *sql, *detail, *base = strrchr(m->file, '/');
	sqlite3_stmt *st;
	int rc;

	base = base ? base + 1 : m->file;
	if ((sql = migrate_read(m->file, err)) == NULL)
		return -1;
	SHA256((const unsigned char *)sql, strlen(sql), digest);
	hex_encode(digest, 32, hex);
	if (db_begin(db, err) < 0) {
		free(sql);
		return -1;
	}
	rc = db_exec(db, sql, err);
	free(sql);
	if (rc == 0)
		rc = migrate_step_in_c(v, m->version, err);
	if (rc < 0) {
		char *why = *err;

		*err = NULL;
		db_rollback(db);
		err_set(err, _("migration %s failed: %s"), base, why);
		free(why);
		return -1;
	}
	if (db_prepare(db, "INSERT INTO schema_migrations (version, name, sha256, "
	    "applied) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
	    &st, err) < 0) {
		db_rollback(db);
		return -1;
	}
	sqlite3_bind_int(st, 1, m->version);
	sqlite3_bind_text(st, 2, base, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, hex, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_rollback(db);
		return db_fail(db, err, _("recording a migration"));
	}
	detail = xasprintf("version=%d file=%s sha256=%s", m->version, base, hex);
	rc = audit_append(v, actor, "", "schema.migrate", base, detail, NULL, err);
	free(detail);
	if (rc < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db, err);
}

int
migrate_apply(struct vault *v, const char *dir, const char *actor, int *applied,
    char **err)
{
	struct migration *list = NULL;
	size_t n = 0, i;
	int current, rc = 0;

	*applied = 0;
	if (migrate_version(v, &current, err) < 0 ||
	    migrate_list(dir, &list, &n, err) < 0)
		return -1;
	if (n == 0 || list[n - 1].version < current) {
		rc = err_set(err, _("the vault has schema version %d, newer than this "
		    "mynadesk knows: use a newer mynadesk"), current);
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (list[i].version <= current)
			continue;
		rc = migrate_one(v, &list[i], actor, err);
		if (rc == 0)
			(*applied)++;
	}
	for (i = 0; i < n; i++)
		free(list[i].file);
	free(list);
	return rc;
}
