/* Evidence rows and their blobs, written and read in chunks through
 * SQLite's incremental blob I/O so a file is never held twice in memory. */
#ifndef MYNA_STORE_EVIDENCE_H
#define MYNA_STORE_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

struct vault;

struct evidence_meta {
	int64_t id;
	char added[24];		/* YYYY-MM-DDTHH:MM:SSZ */
	char actor[64];
	char title[256];
	char about[136];
	char file[256];
	int64_t size;
	char type[40];
	char sha256[65];
};

/* A row's body, open for chunks at given offsets (SQLite's blob I/O). */
struct evidence_body;

/* Inserts the row with a zero-filled blob of m->size bytes and opens the
 * body for writing; m->id gets the new id. The caller holds a transaction. */
int evidence_insert(struct vault *v, struct evidence_meta *m,
    struct evidence_body **body, char **err);
/* Sets the hash once the whole file went in. */
int evidence_set_hash(struct vault *v, int64_t id, const char *sha256,
    char **err);
/* 1 found, 0 not found, -1 error. */
int evidence_get(struct vault *v, int64_t id, struct evidence_meta *m,
    char **err);
/* Opens the body for reading. */
int evidence_open_body(struct vault *v, int64_t id, struct evidence_body **body,
    char **err);
/* The body's size as stored, in bytes. */
int64_t evidence_body_size(const struct evidence_body *b);
/* n bytes at off; the body keeps its size, so off + n must fit in it. */
int evidence_body_write(struct evidence_body *b, const void *buf, size_t n,
    int64_t off, char **err);
int evidence_body_read(struct evidence_body *b, void *buf, size_t n,
    int64_t off, char **err);
/* Closes b (NULL is fine); -1 when a write did not reach the vault. */
int evidence_body_close(struct evidence_body *b, char **err);

typedef int (*evidence_row_fn)(const struct evidence_meta *m, void *arg);
/* Every row, newest first; fn returns nonzero to stop. */
int evidence_list(struct vault *v, evidence_row_fn fn, void *arg, char **err);

#endif
