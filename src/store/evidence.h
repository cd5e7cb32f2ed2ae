/* Evidence rows and their blobs, written and read in chunks through
 * SQLite's incremental blob I/O so a file is never held twice in memory. */
#ifndef MYNA_STORE_EVIDENCE_H
#define MYNA_STORE_EVIDENCE_H

#include <stdint.h>

#include "store/db.h"

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

/* Inserts the row with a zero-filled blob of m->size bytes and opens the
 * blob for writing; m->id gets the new id. The caller holds a transaction. */
int evidence_insert(sqlite3 *db, struct evidence_meta *m, sqlite3_blob **blob,
    char **err);
/* Sets the hash once the whole file went in. */
int evidence_set_hash(sqlite3 *db, int64_t id, const char *sha256, char **err);
/* 1 found, 0 not found, -1 error. */
int evidence_get(sqlite3 *db, int64_t id, struct evidence_meta *m, char **err);
/* Opens the blob for reading. */
int evidence_open_body(sqlite3 *db, int64_t id, sqlite3_blob **blob,
    char **err);

typedef int (*evidence_row_fn)(const struct evidence_meta *m, void *arg);
/* Every row, newest first; fn returns nonzero to stop. */
int evidence_list(sqlite3 *db, evidence_row_fn fn, void *arg, char **err);

#endif
