/* The backup file: a short text header, vault.keys, the encrypted database
 * copy, and a SHA-256 trailer over every byte before it. */
#ifndef MYNA_BACKUPFMT_H
#define MYNA_BACKUPFMT_H

#include <stddef.h>
#include <stdint.h>

#define BACKUP_MAGIC "mynadesk-backup v1"
/* The header is a few lines; anything longer is not a backup. */
#define BACKUP_HEADER_MAX 512
/* "sha256 " + 64 hex digits + "\n" */
#define BACKUP_TRAILER_LEN 72
#define BACKUP_KEYS_MAX (256 * 1024)
#define BACKUP_DB_MAX (UINT64_C(1) << 40)

struct backup_header {
	char vault_id[33];
	char insurer[9];
	char created[21];		/* YYYY-MM-DDTHH:MM:SSZ */
	int64_t head_seq;		/* audit head of the database copy */
	unsigned char head[32];
	uint64_t keys_len;
	uint64_t db_len;
	size_t header_len;		/* bytes up to and including "end\n" */
};

/* The header text (allocated), ending in "end\n". */
char *backupfmt_header(const struct backup_header *h);
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
