/* Backups: create (online), verify, restore; each one audited. */
#ifndef MYNA_OPS_BACKUP_H
#define MYNA_OPS_BACKUP_H

#include "domain/backupfmt.h"
#include "ops/session.h"

struct backup_info {
	struct backup_header h;
	char sha256[65];
	int64_t records;	/* records walked by a check with a login */
	/* The creation time was checked by the header's MAC (a version 2
	 * backup, with a login); 0 for version 1, which has no MAC. */
	int created_checked;
	char *aside;		/* restore --force: where the old vault went */
};

/* Writes an encrypted, consistent backup of the session's vault to file
 * (which must not exist) while other sessions go on working. */
int ops_backup_create(struct session *s, const char *file,
    struct backup_info *out, char **err);

/* Checks structure, sizes and SHA-256; needs no login. */
int ops_backup_check(const char *file, struct backup_info *out, char **err);

/* The same, also giving the key file's text and (when dbpath is not NULL)
 * writing the database part there; for verify and restore. */
int ops_backup_check_into(const char *file, struct backup_info *out,
    const char *dbpath, char **keys, char **err);

/* The check above, then with the session's data key: the key file's MAC,
 * the copy opened and its audit chain walked, its head found in this
 * vault's log. The result is audited in the session's vault. */
int ops_backup_verify(struct session *s, const char *file,
    struct backup_info *out, char **err);

/* The header's MAC under v's data key, the key the copy is under: sets
 * bi->created_checked; -1 (with the reason) when the header was altered. A
 * version 1 header has no MAC and passes unchecked. */
int ops_backup_header_ok(struct backup_info *bi, const struct vault *v,
    char **err);

struct backup_restore {
	const char *file;
	const char *dir;		/* new or empty folder, or --force */
	int force;			/* keep an existing vault aside */
	const char *user;		/* an administrator in the backup */
	const char *password;
	const unsigned char *recovery;	/* instead of user and password */
};

/* Restores into a staging folder, logs in there, records the restore in the
 * restored vault's log, and only then moves it into place. */
int ops_backup_restore(const struct backup_restore *rq,
    struct backup_info *out, char **err);

void backup_info_clear(struct backup_info *bi);

#endif
