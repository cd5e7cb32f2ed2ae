/* Online backup and its checks. The copy is taken under the vault lock (so
 * vault.keys cannot change meanwhile) and inside one read transaction (so
 * the database is one committed state); the key file put in the bundle
 * remembers exactly the copy's audit head, so a restored vault passes the
 * rollback check and nothing newer than the copy is claimed. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "ops/backup.h"
#include "ops/tx.h"
#include "store/audit.h"
#include "store/backup.h"
#include "store/keyfile.h"
#include "store/lockout.h"
#include "store/vault.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xmalloc.h"

void
backup_info_clear(struct backup_info *bi)
{
	free(bi->aside);
	memset(bi, 0, sizeof *bi);
}

/* A private folder for the database copy, beside path's folder or in
 * TMPDIR; the copy is encrypted, the folder only keeps it tidy. */
static char *
bk_tmpdir(const char *near, char **err)
{
	char *base = near ? paths_dirname(near) : NULL, *tmpl;
	const char *env = getenv("TMPDIR");

	tmpl = xasprintf("%s/.mynadesk-backup-XXXXXX", base ? base :
	    env && *env ? env : "/tmp");
	free(base);
	if (mkdtemp(tmpl) == NULL) {
		err_set(err, _("cannot make a temporary folder %s: %s"), tmpl,
		    strerror(errno));
		free(tmpl);
		return NULL;
	}
	return tmpl;
}

static void
bk_now(char out[21])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* A backup opens with the recovery key or a current administrator's
 * password only: a clerk's slot in a copy that leaves the office would let
 * the clerk open it, even after the clerk has gone. */
static void
bk_keep_admin_slots(struct keyfile *kf)
{
	size_t i = 0, j;

	while (i < kf->nslots) {
		int admin = 0;

		for (j = 0; j < kf->nadmins; j++)
			if (kf->slots[i].kind == SLOT_USER &&
			    strcmp(kf->slots[i].name, kf->admins[j]) == 0)
				admin = 1;
		if (kf->slots[i].kind == SLOT_USER && !admin)
			(void)keyfile_remove_user(kf, kf->slots[i].name);
		else
			i++;
	}
}

/* Copy, key file at the copy's head, bundle. */
static int
bk_build(struct session *s, const char *file, const char *tmp,
    struct backup_info *out, char **err)
{
	char *dbpath = xasprintf("%s/vault.db", tmp), *keys = NULL;
	struct backup_header *h = &out->h;
	unsigned char sha[32];
	struct keyfile kf;
	struct stat st;
	int rc = backup_take(s->v, dbpath, &kf, err);

	if (rc == 0) {
		rc = backup_copy_head(s->v, dbpath, &kf, h, err);
		kf.head_seq = h->head_seq;
		memcpy(kf.head, h->head, 32);
		bk_keep_admin_slots(&kf);
		keys = backup_keys_format(s->v, &kf);
		keyfile_free(&kf);
	}
	if (rc == 0 && stat(dbpath, &st) < 0)
		rc = err_set(err, _("cannot read %s: %s"), dbpath, strerror(errno));
	if (rc == 0) {
		snprintf(h->vault_id, sizeof h->vault_id, "%s", vault_id(s->v));
		snprintf(h->insurer, sizeof h->insurer, "%s",
		    vault_insurer(s->v));
		h->version = 2;
		bk_now(h->created);
		h->keys_len = strlen(keys);
		h->db_len = (uint64_t)st.st_size;
		backup_header_seal(s->v, h);
		rc = backup_file_write(file, h, keys, dbpath, sha, err);
		hex_encode(sha, 32, out->sha256);
	}
	free(keys);
	free(dbpath);
	return rc;
}

struct bk_rec {
	const char *action, *file, *detail;
};

static int
bk_rec_body(struct session *s, void *arg, char **err)
{
	const struct bk_rec *r = arg;

	return ops_audit(s, "", r->action, r->file, r->detail, err);
}

static int
bk_publish(void *arg, char **err)
{
	return backup_file_publish(((const struct bk_rec *)arg)->file, err);
}

/* Not recorded, so FILE.tmp goes; once recorded it is kept even when it
 * cannot take its name. */
static void
bk_discard(void *arg)
{
	backup_file_discard(((const struct bk_rec *)arg)->file);
}

/* The record in its own transaction; with publish set, FILE.tmp takes its
 * name right after the COMMIT. */
static int
bk_record(struct session *s, const char *action, const char *file,
    const struct backup_info *bi, const char *result, int publish, char **err)
{
	static const struct ops_tx_def rec = { bk_rec_body, NULL, NULL };
	static const struct ops_tx_def pub = { bk_rec_body, bk_publish,
	    bk_discard };
	char *detail = xasprintf("sha256=%s head=%lld%s%s", bi->sha256,
	    (long long)bi->h.head_seq, result ? " result=" : "", result ? result : "");
	struct bk_rec r = { action, file, detail };
	int rc = ops_tx(s, publish ? &pub : &rec, &r, err);

	free(detail);
	return rc;
}

static int
bk_may_backup(struct session *s, char **err)
{
	if (strcmp(s->role, "admin") != 0 && strcmp(s->role, "supervisor") != 0)
		return err_set(err, _("backups need the administrator or supervisor "
		    "role"));
	return 0;
}

int
ops_backup_create(struct session *s, const char *file, struct backup_info *out,
    char **err)
{
	char *tmp;
	int rc;

	memset(out, 0, sizeof *out);
	if (bk_may_backup(s, err) < 0 || (tmp = bk_tmpdir(file, err)) == NULL)
		return -1;
	rc = bk_build(s, file, tmp, out, err);
	backup_remove_vault(tmp);
	free(tmp);
	/* Written under FILE.tmp, recorded with its digest, and given its name
	 * only after the record commits: a backup under its name always has
	 * its record. It holds the log up to the record before this one. */
	if (rc == 0)
		rc = bk_record(s, "backup.create", file, out, NULL, 1, err);
	return rc;
}

int
ops_backup_check_into(const char *file, struct backup_info *out, const char *dbpath,
    char **keys, char **err)
{
	unsigned char sha[32];
	struct keyfile kf;
	int rc;

	memset(out, 0, sizeof *out);
	if (backup_file_read(file, &out->h, keys, sha, dbpath, err) < 0)
		return -1;
	hex_encode(sha, 32, out->sha256);
	if (keyfile_parse(*keys, out->h.keys_len, &kf, err) < 0) {
		if (dbpath != NULL)
			(void)unlink(dbpath);
		return -1;
	}
	rc = 0;
	if ((strcmp(kf.vault_id, out->h.vault_id) != 0 ||
	    strcmp(kf.insurer, out->h.insurer) != 0 ||
	    kf.head_seq != out->h.head_seq || memcmp(kf.head, out->h.head, 32) != 0))
		rc = err_set(err, _("backup %s: its key file does not match its "
		    "header"), file);
	keyfile_free(&kf);
	if (rc < 0 && dbpath != NULL)
		(void)unlink(dbpath);
	return rc;
}

int
ops_backup_check(const char *file, struct backup_info *out, char **err)
{
	char *keys = NULL;
	int rc = ops_backup_check_into(file, out, NULL, &keys, err);

	free(keys);
	return rc;
}

int
ops_backup_header_ok(struct backup_info *bi, const struct vault *v,
    char **err)
{
	bi->created_checked = 0;
	if (bi->h.version == 1)
		return 0;
	if (backup_header_check(v, &bi->h) < 0)
		return err_set(err, _("the backup's header has been altered (its MAC "
		    "does not match): its creation time cannot be trusted"));
	bi->created_checked = 1;
	return 0;
}

/* With the data key: the header's and the key file's MACs, the copy's
 * chain, and its head in this vault's own log. */
static int
bk_deep(struct session *s, const char *keys, const char *dbpath,
    struct backup_info *bi, char **err)
{
	const struct backup_header *h = &bi->h;
	unsigned char head[32], here[32];
	struct keyfile kf;
	int rc;

	if (strcmp(h->vault_id, vault_id(s->v)) != 0)
		return err_set(err, _("the backup is of another vault (%s)"), h->vault_id);
	if (keyfile_parse(keys, h->keys_len, &kf, err) < 0)
		return -1;
	rc = backup_keys_verify(s->v, &kf, keys);
	keyfile_free(&kf);
	if (rc < 0)
		return err_set(err, _("the backup's vault.keys has been altered (its "
		    "MAC does not match)"));
	if (ops_backup_header_ok(bi, s->v, err) < 0)
		return -1;
	rc = backup_copy_verify(s->v, dbpath, &bi->records, head, err);
	if (rc == 0 && (bi->records != h->head_seq || memcmp(head, h->head, 32) != 0))
		rc = err_set(err, _("the backup's audit log does not end at the head "
		    "its header names"));
	if (rc == 0 && (audit_hash_at(s->v, h->head_seq, here, NULL) < 0 ||
	    CRYPTO_memcmp(here, h->head, 32) != 0))
		rc = err_set(err, _("the backup's audit head (record %lld) is not in "
		    "this vault's audit log"), (long long)h->head_seq);
	return rc;
}

int
ops_backup_verify(struct session *s, const char *file, struct backup_info *out,
    char **err)
{
	char *tmp, *dbpath, *keys = NULL, *why = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if ((tmp = bk_tmpdir(NULL, err)) == NULL)
		return -1;
	dbpath = xasprintf("%s/vault.db", tmp);
	rc = ops_backup_check_into(file, out, dbpath, &keys, &why);
	if (rc == 0)
		rc = bk_deep(s, keys, dbpath, out, &why);
	backup_remove_vault(tmp);
	free(tmp);
	free(dbpath);
	free(keys);
	/* The check is evidence either way. */
	if (bk_record(s, "backup.verify", file, out, rc == 0 ? "ok" : "failed",
	    0, rc == 0 ? err : NULL) < 0 && rc == 0)
		rc = -1;
	if (why != NULL && err != NULL) {
		free(*err);
		*err = why;
	} else {
		free(why);
	}
	return rc;
}
