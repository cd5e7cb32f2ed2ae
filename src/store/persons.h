/* Persons in the vault: the import writer, lookups and search. */
#ifndef MYNA_STORE_PERSONS_H
#define MYNA_STORE_PERSONS_H

#include <stdint.h>

#include "domain/person.h"

struct vault;

struct extract_info {
	const char *file;
	const char *sha256;
	const char *layout;
	int layout_version;
	const char *actor;
	int partial;
};

struct import_counts {
	long long added, changed, unchanged, rejected;
};

enum persons_upsert { PERSON_ADDED, PERSON_CHANGED, PERSON_UNCHANGED,
	PERSON_DUPLICATE	/* already written by this import: the key repeats */
};

/* Prepared statements kept for the length of one import. */
struct persons_writer;

/* bulk: drop the search indexes now and build them again at close, for an
 * import that adds many rows (the caller's transaction covers both). */
int persons_writer_open(struct vault *v, const struct extract_info *x, int bulk,
    struct persons_writer **out, int64_t *extract_id, char **err);
/* Adds or updates one person; changes of tracked fields go to history. */
int persons_writer_put(struct persons_writer *w, const struct person *p,
    enum persons_upsert *result, char **err);
/* With counts (c not NULL) records them and the file's hash in the extract
 * row and rebuilds dropped indexes; without, only frees (the caller rolls
 * back). */
int persons_writer_close(struct persons_writer *w, const struct import_counts *c,
    const char *sha256, char **err);

/* 1 found, 0 not found, -1 error. *id gets the row id. */
int persons_get(struct vault *v, const char *key, struct person *p, int64_t *id,
    char **err);
int persons_get_by_id(struct vault *v, int64_t id, struct person *p,
    char **err);
int persons_count(struct vault *v, long long *n, char **err);

enum persons_search_kind { SEARCH_AUTO, SEARCH_KANA, SEARCH_NAME,
	SEARCH_SYMBOL, SEARCH_BIRTH };
typedef int (*persons_row_fn)(int64_t id, const struct person *p, void *arg);
/* Prefix search (kana, kanji name), symbol[/number[/枝番]], or birth YYYYMMDD;
 * SEARCH_AUTO picks from the text. */
int persons_search(struct vault *v, enum persons_search_kind kind,
    const char *text, int limit, persons_row_fn fn, void *arg, char **err);

struct history_row {
	const char *field, *old, *new_value, *file, *imported;
};
typedef int (*history_row_fn)(const struct history_row *h, void *arg);
int persons_history(struct vault *v, int64_t id, history_row_fn fn, void *arg,
    char **err);
/* The person's latest J-LIS inquiry, for the state of their number. */
struct persons_jlis {
	char state[16];		/* sent, confirmed, held, accepted, rejected,
				 * not-found */
	char reason[200];	/* why it is held ("differs:kana"), or "" */
	char kind;		/* N or G */
	long seq;
	char created[11];	/* YYYY-MM-DD the inquiry was written */
	int attempt;
};
/* 1 found, 0 never asked about, -1 error. */
int persons_jlis_last(struct vault *v, int64_t person, struct persons_jlis *j,
    char **err);

/* The household: the member and their family, by member key. */
int persons_household(struct vault *v, const char *member_key,
    persons_row_fn fn, void *arg, char **err);

#endif
