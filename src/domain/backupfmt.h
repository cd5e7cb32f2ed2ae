/* The backup file: a short text header, vault.keys, the encrypted database
 * copy, and a SHA-256 trailer over every byte before it. The SHA-256 finds
 * damage without a login but anyone can recompute it; from version 2 the
 * header also carries an HMAC under a key derived from the vault's data key,
 * so its creation time (which nothing else checks: the sizes and the head
 * are also in the MAC'd vault.keys or the database) cannot be changed
 * unseen. Version 1 files stay readable; their creation time is reported
 * as unchecked. */
#ifndef MYNA_BACKUPFMT_H
#define MYNA_BACKUPFMT_H

#include <stddef.h>
#include <stdint.h>

#define BACKUP_MAGIC_V1 "mynadesk-backup v1"
#define BACKUP_MAGIC "mynadesk-backup v2"
/* The header is a few lines; anything longer is not a backup. */
#define BACKUP_HEADER_MAX 512
/* "sha256 " + 64 hex digits + "\n" */
#define BACKUP_TRAILER_LEN 72
#define BACKUP_KEYS_MAX (256 * 1024)
#define BACKUP_DB_MAX (UINT64_C(1) << 40)

struct backup_header {
	int version;			/* 1 or 2; what backupfmt_header writes */
	char vault_id[33];
	char insurer[9];
	char created[21];		/* YYYY-MM-DDTHH:MM:SSZ */
	int64_t head_seq;		/* audit head of the database copy */
	unsigned char head[32];
	uint64_t keys_len;
	uint64_t db_len;
	unsigned char mac[32];		/* version 2: backupfmt_mac of the above */
	size_t header_len;		/* bytes up to and including "end\n" */
};

/* The header text (allocated), ending in "end\n". */
char *backupfmt_header(const struct backup_header *h);
/* The HMAC-SHA256 over a version 2 header's lines before "mac", under a key
 * derived from key (the vault's data key): the key does one job only. */
void backupfmt_mac(const struct backup_header *h, const unsigned char *key,
    size_t keylen, unsigned char out[32]);
/* Whether h->mac is right for key: 0 when it is, -1 when not (also for a
 * version 1 header, which has none). */
int backupfmt_mac_check(const struct backup_header *h, const unsigned char *key,
    size_t keylen);
/* Parses a header from the first len bytes of a file (len may run past the
 * header); fills h->header_len. Every line must be exactly as written. */
int backupfmt_parse(const char *buf, size_t len, struct backup_header *h,
    char **err);
/* The trailer for a digest: BACKUP_TRAILER_LEN characters and a NUL. */
void backupfmt_trailer(const unsigned char sha[32],
    char out[BACKUP_TRAILER_LEN + 1]);
/* Parses exactly BACKUP_TRAILER_LEN bytes into a digest. */
int backupfmt_parse_trailer(const char *buf, size_t len, unsigned char sha[32]);
/* Total file size the header announces, or 0 when it overflows. */
uint64_t backupfmt_total(const struct backup_header *h);

#endif
