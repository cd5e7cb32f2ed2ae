/* Helpers the media ops files share; not for the console or the CLI. */
#ifndef MYNA_OPS_MEDIA_INT_H
#define MYNA_OPS_MEDIA_INT_H

#include "ops/media.h"

/* SHA-256 (hex) and size of a file, read in chunks. */
int media_sha256_file(const char *path, char hex[65], long long *bytes,
    char **err);
/* Checks a free-text item (NULL passes); digits_ok allows 12-digit runs. */
int media_text_ok(const char *what, const char *v, int digits_ok, char **err);
/* In an open transaction: finds the medium and checks the step and date. */
int media_begin_step(struct session *s, const char *id, enum media_step step,
    const char *date, struct media_row *m, char out_date[11], char **err);
void media_event_init(struct media_event *ev, struct session *s,
    enum media_step st, const char *date, const char *witness);

/* The inquiry files of a folder, as packed or carried: read once, checked
 * and hashed, so what is recorded is what was read. */
struct pack_file {
	char *name;
	char *data;
	size_t len;
	char sha256[65];
};
struct pack {
	struct pack_file *f;
	size_t n;
};
/* The *.csv names of dir, sorted; an error when there is none. */
int pack_list(const char *dir, struct pack *p, char **err);
/* Reads, checks (ops_media_check_file) and hashes each listed file. */
int pack_read(struct session *s, const char *dir, struct pack *p, char **err);
/* Refuses a file name already on a medium (sequence numbers are not reused). */
int pack_unused(struct session *s, const struct pack *p, char **err);
void pack_free(struct pack *p);
/* pack_list, then pack_read: what packing and carrying both check. */
int pack_load(struct session *s, const char *dir, struct pack *p, char **err);
/* In an open transaction: the "created" step of medium id with its files
 * and its media.create record (detail_head, then name:sha256 of each file),
 * then the "packed" step, witnessed, onto usb (NULL: a container). */
int pack_created_packed(struct session *s, const struct pack *p, long long id,
    const char *label, const char *detail_head, const char *witness,
    const char *usb, const char *today, char **err);

#endif
