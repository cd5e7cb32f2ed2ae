/* Restoring a backup. The files are unpacked into a staging folder beside
 * the target and checked there; the restore is recorded in the restored
 * vault's own log by a login with an administrator's password (or the
 * recovery key) valid in the backup; only then does the staging folder take
 * the target's place. An existing vault is never overwritten: with force it
 * is renamed aside, whole. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ops/backup.h"
#include "ops/tx.h"
#include "store/audit.h"
#include "store/backup.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The target must be new or empty; a vault there only with force, and
 * never one that is open. */
static int
br_target_ok(const struct backup_restore *rq, char **err)
{
	int state = backup_dir_state(rq->dir);

	if (state < 0)
		return err_set(err, _("%s is not empty and holds no vault: restore "
		    "into a new or empty folder"), rq->dir);
	if (state > 0 && !rq->force)
		return err_set(err, _("%s already holds a vault: restore does not "
		    "overwrite it (with --force it is kept aside)"), rq->dir);
	if (state > 0 && backup_vault_busy(rq->dir))
		return err_set(err, _("the vault in %s is open in another session: "
		    "close it first"), rq->dir);
	return 0;
}

static char *
br_staging(const char *dir, char **err)
{
	char *tmpl = xasprintf("%s.restore-XXXXXX", dir);

	if (mkdtemp(tmpl) == NULL) {
		err_set(err, _("cannot make a folder beside %s: %s"), dir, strerror(errno));
		free(tmpl);
		return NULL;
	}
	return tmpl;
}

static int
br_write_keys(const char *dir, const char *keys, size_t len, char **err)
{
	char *path = xasprintf("%s/vault.keys", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600), rc = 0;

	if (fd < 0 || write(fd, keys, len) != (ssize_t)len || fsync(fd) < 0)
		rc = err_set(err, _("cannot write %s: %s"), path, strerror(errno));
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = err_set(err, _("cannot write %s: %s"), path, strerror(errno));
	free(path);
	return rc;
}

/* Login in the staging folder, the restore record, logout. */
static int
br_record(const struct backup_restore *rq, const char *staging,
    struct backup_info *bi, char **err)
{
	struct session *s = NULL;
	unsigned char head[32];
	int64_t count;
	char *detail;
	int rc;

	rc = rq->recovery != NULL ?
	    ops_login_recovery(staging, rq->recovery, &s, err) :
	    ops_login(staging, rq->user, rq->password, &s, err);
	if (rc != 0)
		return -1;
	rc = ops_require_role(s, "admin", err);
	/* The header's MAC needs the data key, known only now. */
	if (rc == 0)
		rc = ops_backup_header_ok(bi, s->v, err);
	/* Every page read once and the chain walked before it is trusted. */
	if (rc == 0)
		rc = backup_db_intact(s->v, err);
	if (rc == 0)
		rc = audit_verify(s->v, NULL, NULL, &count, head, err);
	detail = xasprintf("sha256=%s head=%lld created=%s created_checked=%s "
	    "into=%s%s", bi->sha256, (long long)bi->h.head_seq, bi->h.created,
	    bi->created_checked ? "yes" : "no", rq->dir, rq->force ? " forced=1" : "");
	if (rc == 0)
		rc = ops_tx_audit(s, "", "backup.restore", rq->file, detail, err);
	free(detail);
	ops_logout(s);
	return rc;
}

/* Moves an existing vault aside and the staging folder into place. */
static int
br_swap(const struct backup_restore *rq, const char *staging,
    struct backup_info *out, char **err)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	if (br_target_ok(rq, err) < 0)
		return -1;
	if (backup_dir_state(rq->dir) > 0) {
		localtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
		out->aside = xasprintf("%s.old-%s", rq->dir, stamp);
		if (rename(rq->dir, out->aside) < 0)
			return err_set(err, _("cannot move %s aside: %s"), rq->dir,
			    strerror(errno));
	} else {
		(void)rmdir(rq->dir);
	}
	if (rename(staging, rq->dir) < 0) {
		int e = errno;

		if (out->aside != NULL)
			(void)rename(out->aside, rq->dir);
		return err_set(err, _("cannot move the restored vault to %s: %s"),
		    rq->dir, strerror(e));
	}
	(void)chmod(rq->dir, 0700);
	return 0;
}

int
ops_backup_restore(const struct backup_restore *rq, struct backup_info *out,
    char **err)
{
	char *staging, *dbpath, *keys = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	if (br_target_ok(rq, err) < 0 || (staging = br_staging(rq->dir, err)) == NULL)
		return -1;
	dbpath = xasprintf("%s/vault.db", staging);
	rc = ops_backup_check_into(rq->file, out, dbpath, &keys, err);
	if (rc == 0)
		rc = br_write_keys(staging, keys, (size_t)out->h.keys_len, err);
	if (rc == 0)
		rc = br_record(rq, staging, out, err);
	if (rc == 0)
		rc = br_swap(rq, staging, out, err);
	if (rc < 0)
		backup_remove_vault(staging);
	free(staging);
	free(dbpath);
	free(keys);
	return rc;
}
