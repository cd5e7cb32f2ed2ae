/* Backups on disk: an encrypted copy of the database taken inside one read
 * transaction, and the one-file bundle that carries it with vault.keys. */
#ifndef MYNA_STORE_BACKUP_H
#define MYNA_STORE_BACKUP_H

#include "domain/backupfmt.h"
#include "store/keyfile.h"

struct vault;

/* Under the vault lock: reads vault.keys into kf (its MAC checked under
 * the data key; freed again on failure) and copies the database into a new
 * one at dbpath under the same key (the SQLite backup API: one read
 * transaction, so one consistent state, while other sessions go on
 * writing). */
int backup_take(struct vault *v, const char *dbpath, struct keyfile *kf,
    char **err);
/* The audit head of the copy at dbpath into h->head_seq and h->head,
 * checked against the head kf remembered. */
int backup_copy_head(const struct vault *v, const char *dbpath,
    const struct keyfile *kf, struct backup_header *h, char **err);
/* The copy at dbpath, opened under v's data key: every page decrypts, its
 * structure is sound and its audit chain whole; *records and head get the
 * chain's length and head. */
int backup_copy_verify(const struct vault *v, const char *dbpath,
    int64_t *records, unsigned char head[32], char **err);
/* kf's text with its MAC under v's data key; whether text's MAC is. */
char *backup_keys_format(const struct vault *v, const struct keyfile *kf);
int backup_keys_verify(const struct vault *v, const struct keyfile *kf,
    const char *text);
/* A backup header's MAC under v's data key: made, and checked (0 or -1). */
void backup_header_seal(const struct vault *v, struct backup_header *h);
int backup_header_check(const struct vault *v, const struct backup_header *h);

/* Writes header, keys, the file at dbpath and the SHA-256 trailer to
 * out.tmp (fsynced; a leftover of a killed run is replaced); sha gets the
 * digest. Refuses when out exists. backup_file_publish renames it to out
 * once the backup's audit record has committed; backup_file_discard
 * removes it when it did not. */
int backup_file_write(const char *out, const struct backup_header *h,
    const char *keys, const char *dbpath, unsigned char sha[32], char **err);
int backup_file_publish(const char *out, char **err);
void backup_file_discard(const char *out);

/* Reads a whole backup: header, sizes, digest. *keys (allocated,
 * NUL-terminated) gets the key file's text; when dbpath is not NULL the
 * database part is written there (new file, 0600) in the same pass and
 * removed again if the backup is damaged. */
int backup_file_read(const char *file, struct backup_header *h, char **keys,
    unsigned char sha[32], const char *dbpath, char **err);

/* Reads every page of v's database (each page's MAC is checked on the way)
 * and its structure: PRAGMA quick_check. */
int backup_db_intact(struct vault *v, char **err);

/* Whether another process has the vault in DIR open: SQLite keeps a shared
 * lock on a byte of vault.db-shm for as long as a connection lives. */
int backup_vault_busy(const char *dir);
/* Removes a vault's files from dir and then dir itself (when empty). */
void backup_remove_vault(const char *dir);
/* Whether dir holds a vault (vault.keys or vault.db); -1 when dir holds
 * other files, 0 when it is empty or absent. */
int backup_dir_state(const char *dir);

#endif
