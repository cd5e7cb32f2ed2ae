/* Backup files. The database copy stays encrypted under the vault's data
 * key the whole way: sqlite3_backup into a keyed database writes cipher
 * pages, and the bundle only moves those bytes. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "store/audit.h"
#include "store/backup.h"
#include "store/lockout.h"
#include "store/vault-impl.h"
#include "store/vault-perm.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/publish.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

#define BK_CHUNK (256 * 1024)

/* Copies v's database into a new one at path under the same data key (the
 * SQLite backup API: one read transaction, so one consistent state, while
 * other sessions go on writing). */
static int
backup_snapshot(struct vault *v, const char *path, char **err)
{
	sqlite3 *src = v->db;
	sqlite3 *dst;
	sqlite3_backup *b;
	int rc;

	if (db_open(path, v->key, 1, &dst, err) < 0)
		return -1;
	/* Same key and page size on both sides, or SQLCipher refuses (or,
	 * into an unkeyed file, would write plaintext: never done here). */
	b = sqlite3_backup_init(dst, "main", src, "main");
	if (b == NULL) {
		db_fail(dst, err, _("starting the backup copy"));
		db_close(dst);
		return -1;
	}
	do {
		rc = sqlite3_backup_step(b, -1);
	} while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		db_fail(dst, err, _("copying the vault"));
		db_close(dst);
		return -1;
	}
	/* Everything into the main file, so it stands alone. */
	rc = db_exec(dst, "PRAGMA wal_checkpoint(TRUNCATE);", err);
	db_close(dst);
	return rc;
}

static int
bk_write(int fd, const void *p, size_t n, EVP_MD_CTX *md)
{
	if (md != NULL)
		EVP_DigestUpdate(md, p, n);
	return fd_write_all(fd, p, n);
}

/* Appends the file at path to fd, exactly want bytes. */
static int
bk_copy_in(int fd, const char *path, uint64_t want, EVP_MD_CTX *md)
{
	char *buf = xmalloc(BK_CHUNK);
	FILE *f = fopen(path, "rb");
	uint64_t done = 0;
	size_t n;
	int rc = 0;

	if (f == NULL) {
		free(buf);
		return -1;
	}
	while (rc == 0 && (n = fread(buf, 1, BK_CHUNK, f)) > 0) {
		done += n;
		rc = bk_write(fd, buf, n, md);
	}
	if (ferror(f) || done != want)
		rc = -1;
	fclose(f);
	free(buf);
	return rc;
}

int
backup_file_write(const char *out, const struct backup_header *h,
    const char *keys, const char *dbpath, unsigned char sha[32], char **err)
{
	char *tmp = xasprintf("%s.tmp", out), *head = backupfmt_header(h);
	char trailer[BACKUP_TRAILER_LEN + 1];
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	struct stat st;
	int fd, rc = -1;

	if (lstat(out, &st) == 0) {
		err_set(err, _("%s already exists: choose another file name"), out);
		goto out;
	}
	(void)unlink(tmp);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		err_set(err, _("cannot write %s: %s"), tmp, strerror(errno));
		goto out;
	}
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	if (bk_write(fd, head, strlen(head), md) == 0 &&
	    bk_write(fd, keys, h->keys_len, md) == 0 &&
	    bk_copy_in(fd, dbpath, h->db_len, md) == 0) {
		EVP_DigestFinal_ex(md, sha, NULL);
		backupfmt_trailer(sha, trailer);
		rc = bk_write(fd, trailer, BACKUP_TRAILER_LEN, NULL);
	}
	if (rc == 0)
		rc = fsync(fd);
	if (close(fd) < 0)
		rc = -1;
	if (rc < 0) {
		err_set(err, _("cannot write %s: %s"), out, strerror(errno));
		(void)unlink(tmp);
	}
out:
	EVP_MD_CTX_free(md);
	free(tmp);
	free(head);
	return rc;
}

int
backup_file_publish(const char *out, char **err)
{
	char *tmp = xasprintf("%s.tmp", out);
	int rc = file_publish(tmp, out, err);

	free(tmp);
	return rc;
}

void
backup_file_discard(const char *out)
{
	char *tmp = xasprintf("%s.tmp", out);

	(void)unlink(tmp);
	free(tmp);
}

/* Reads exactly n bytes (short only at the end of the file). */
static int
bk_read(FILE *f, void *p, size_t n, EVP_MD_CTX *md)
{
	if (fread(p, 1, n, f) != n)
		return -1;
	if (md != NULL)
		EVP_DigestUpdate(md, p, n);
	return 0;
}

/* Hashes n bytes of f, optionally writing them to fd. */
static int
bk_stream(FILE *f, uint64_t n, EVP_MD_CTX *md, int fd)
{
	char *buf = xmalloc(BK_CHUNK);
	int rc = 0;

	while (rc == 0 && n > 0) {
		size_t k = n > BK_CHUNK ? BK_CHUNK : (size_t)n;

		rc = bk_read(f, buf, k, md);
		if (rc == 0 && fd >= 0)
			rc = bk_write(fd, buf, k, NULL);
		n -= k;
	}
	free(buf);
	return rc;
}

/* Opens the file and parses its header; checks its size. */
static FILE *
bk_open(const char *file, struct backup_header *h, char **err)
{
	char buf[BACKUP_HEADER_MAX];
	struct stat st;
	FILE *f = fopen(file, "rb");
	size_t n;
	uint64_t total;

	if (f == NULL) {
		err_set(err, _("cannot read %s: %s"), file, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode)) {
		err_set(err, _("%s is not a regular file"), file);
		goto bad;
	}
	n = fread(buf, 1, sizeof buf, f);
	if (backupfmt_parse(buf, n, h, err) < 0)
		goto bad;
	total = backupfmt_total(h);
	if ((uint64_t)st.st_size < total) {
		err_set(err, _("backup %s is truncated: %llu of %llu bytes"), file,
		    (unsigned long long)st.st_size, (unsigned long long)total);
		goto bad;
	}
	if ((uint64_t)st.st_size > total) {
		err_set(err, _("backup %s has %llu bytes after its end: it is "
		    "damaged"), file, (unsigned long long)((uint64_t)st.st_size - total));
		goto bad;
	}
	if (fseek(f, (long)h->header_len, SEEK_SET) == 0)
		return f;
	err_set(err, _("cannot read %s: %s"), file, strerror(errno));
bad:
	fclose(f);
	return NULL;
}

/* The database part goes to dbpath while it is hashed: one pass, and what
 * is written is exactly what was checked. */
static int
bk_open_out(const char *dbpath, char **err)
{
	int fd;

	if (dbpath == NULL)
		return -1;
	fd = open(dbpath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		err_set(err, _("cannot write %s: %s"), dbpath, strerror(errno));
	return fd;
}

static int
bk_close_out(int fd, const char *dbpath, int rc)
{
	if (fd < 0)
		return rc;
	if (rc == 0 && fsync(fd) < 0)
		rc = -1;
	if (close(fd) < 0)
		rc = -1;
	if (rc < 0)
		(void)unlink(dbpath);
	return rc;
}

int
backup_file_read(const char *file, struct backup_header *h, char **keys,
    unsigned char sha[32], const char *dbpath, char **err)
{
	char trailer[BACKUP_TRAILER_LEN], *head;
	unsigned char want[32];
	EVP_MD_CTX *md;
	FILE *f;
	int rc, fd;

	*keys = NULL;
	if ((f = bk_open(file, h, err)) == NULL)
		return -1;
	if ((fd = bk_open_out(dbpath, err)) < 0 && dbpath != NULL) {
		fclose(f);
		return -1;
	}
	md = EVP_MD_CTX_new();
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	head = backupfmt_header(h);
	EVP_DigestUpdate(md, head, strlen(head));
	free(head);
	*keys = xmalloc(h->keys_len + 1);
	rc = bk_read(f, *keys, h->keys_len, md) == 0 &&
	    bk_stream(f, h->db_len, md, fd) == 0 &&
	    bk_read(f, trailer, sizeof trailer, NULL) == 0 ? 0 : -1;
	(*keys)[h->keys_len] = '\0';
	EVP_DigestFinal_ex(md, sha, NULL);
	EVP_MD_CTX_free(md);
	fclose(f);
	if (rc < 0)
		err_set(err, _("cannot read %s"), file);
	else if (backupfmt_parse_trailer(trailer, sizeof trailer, want) < 0)
		rc = err_set(err, _("backup %s: its SHA-256 line is damaged"), file);
	else if (CRYPTO_memcmp(want, sha, 32) != 0)
		rc = err_set(err, _("backup %s is damaged: its SHA-256 does not "
		    "match its contents"), file);
	if (bk_close_out(fd, dbpath, rc) < 0 && rc == 0)
		rc = err_set(err, _("cannot write %s: %s"), dbpath, strerror(errno));
	if (rc < 0) {
		free(*keys);
		*keys = NULL;
	}
	return rc;
}

int
backup_vault_busy(const char *dir)
{
	char *path = xasprintf("%s/vault.db-shm", dir);
	struct flock fl;
	int fd = open(path, O_RDONLY | O_CLOEXEC), busy = 0;

	free(path);
	if (fd < 0)
		return 0;
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 128;	/* SQLite's "dead man switch" byte */
	fl.l_len = 1;
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK)
		busy = 1;
	close(fd);
	return busy;
}

void
backup_remove_vault(const char *dir)
{
	vault_files_remove(dir);
}

int
backup_dir_state(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int vault = 0, other = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (strcmp(e->d_name, "vault.keys") == 0 ||
		    strcmp(e->d_name, "vault.db") == 0)
			vault = 1;
		else
			other = 1;
	}
	closedir(d);
	return vault ? 1 : other ? -1 : 0;
}

int
backup_db_intact(struct vault *v, char **err)
{
	char *res = db_get_text(v->db, "PRAGMA quick_check", NULL);
	int ok = res != NULL && strcmp(res, "ok") == 0;

	free(res);
	if (!ok)
		return err_set(err, _("the backup's database is damaged: some of its "
		    "pages do not decrypt or do not fit together"));
	return 0;
}

/* Under the vault lock: the key file, then the database copy. */
int
backup_take(struct vault *v, const char *dbpath, struct keyfile *kf,
    char **err)
{
	char *text = NULL;
	size_t len;
	int lock = lockfile_acquire(v->dir), rc;

	rc = keyfile_load(v->dir, kf, &text, &len, err);
	if (rc == 0 && keyfile_verify(kf, text, v->key) < 0)
		rc = err_set(err, _("vault.keys has been altered (its MAC does not match)"));
	if (rc == 0)
		rc = backup_snapshot(v, dbpath, err);
	lockfile_release(lock);
	free(text);
	if (rc < 0)
		keyfile_free(kf);
	return rc;
}

int
backup_copy_head(const struct vault *v, const char *dbpath,
    const struct keyfile *kf, struct backup_header *h, char **err)
{
	unsigned char at[32];
	struct vault *copy;
	int rc;

	if (vault_open_copy(v, dbpath, &copy, err) < 0)
		return -1;
	rc = audit_head(copy, &h->head_seq, h->head, err);
	/* Any failure to find the head is worded here: NULL below. */
	if (rc == 0 && kf->head_seq > 0 && (h->head_seq < kf->head_seq ||
	    audit_hash_at(copy, kf->head_seq, at, NULL) < 0 ||
	    CRYPTO_memcmp(at, kf->head, 32) != 0))
		rc = err_set(err, _("the copy does not contain the audit head that "
		    "vault.keys remembers: the vault is damaged or rolled back"));
	vault_close(copy);
	return rc;
}

int
backup_copy_verify(const struct vault *v, const char *dbpath,
    int64_t *records, unsigned char head[32], char **err)
{
	struct vault *copy;
	int rc;

	if (vault_open_copy(v, dbpath, &copy, err) < 0)
		return -1;
	rc = backup_db_intact(copy, err);
	if (rc == 0)
		rc = audit_verify(copy, NULL, NULL, records, head, err);
	vault_close(copy);
	return rc;
}

char *
backup_keys_format(const struct vault *v, const struct keyfile *kf)
{
	return keyfile_format(kf, v->key);
}

int
backup_keys_verify(const struct vault *v, const struct keyfile *kf,
    const char *text)
{
	return keyfile_verify(kf, text, v->key);
}

void
backup_header_seal(const struct vault *v, struct backup_header *h)
{
	backupfmt_mac(h, v->key, KEY_LEN, h->mac);
}

int
backup_header_check(const struct vault *v, const struct backup_header *h)
{
	return backupfmt_mac_check(h, v->key, KEY_LEN);
}
