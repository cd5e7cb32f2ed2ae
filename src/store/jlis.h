/* SQL for 住基ネット inquiries: files, targets (serials), answers. */
#ifndef MYNA_STORE_JLIS_H
#define MYNA_STORE_JLIS_H

#include <stdint.h>

#include "domain/person.h"

struct vault;

/* A person who may be asked about, with what was asked before. */
struct jlis_candidate {
	int64_t id;
	struct person p;	/* key, name, kana, birth, sex, address,
				 * municipality, resident (borrowed) */
	int asked;		/* earlier inquiries */
	const char *last;	/* state of the latest, "" when none */
	int confirmed;		/* has a confirmed number */
	const char *iname, *ikana;	/* the spelling recorded for inquiries
					 * (kana "": the record's), or NULL */
};
typedef int (*jlis_candidate_fn)(const struct jlis_candidate *c, void *arg);

/* Persons still insured, without a confirmed number, oldest first. */
int jlis_store_candidates(struct vault *v, jlis_candidate_fn fn, void *arg,
    char **err);
/* One person by key: 1 found, 0 not. */
int jlis_store_candidate(struct vault *v, const char *key, jlis_candidate_fn fn,
    void *arg, char **err);

int jlis_store_next_seq(struct vault *v, char kind, long *seq, char **err);
int jlis_store_request_add(struct vault *v, char kind, long seq,
    const char *file, const char *actor, int64_t *id, char **err);
int jlis_store_request_finish(struct vault *v, int64_t id, const char *sha256,
    long long rows, char **err);
/* The targets of one request: each put gives the target its serial. The
 * rows are written in batches, so an error may show only at a later put or
 * at close, which writes the rest (write 0, after an error: only frees).
 * Inside the request's transaction. */
struct jlis_target_writer;
int jlis_store_targets_open(struct vault *v, int64_t request,
    struct jlis_target_writer **out, char **err);
int jlis_store_targets_put(struct jlis_target_writer *w, int64_t person,
    int attempt, int64_t *serial, char **err);
int jlis_store_targets_close(struct jlis_target_writer *w, int write,
    char **err);

/* The spelling an inquiry sends for a person (通用字体): 1 with *name and
 * *kana allocated (kana "" : the record's), 0 when none is recorded. */
int jlis_store_inquiry_name_get(struct vault *v, int64_t person, char **name,
    char **kana, char **err);
int jlis_store_inquiry_name_put(struct vault *v, int64_t person,
    const char *name, const char *kana, const char *reason, const char *actor,
    char **err);

struct jlis_inquiry_name_row {
	const char *key, *name, *kana, *reason, *actor, *recorded;
};
typedef int (*jlis_inquiry_name_fn)(const struct jlis_inquiry_name_row *r,
    void *arg);
/* Every recorded inquiry spelling, by person key. */
int jlis_store_inquiry_names(struct vault *v, jlis_inquiry_name_fn fn,
    void *arg, char **err);

typedef int (*jlis_file_fn)(const char *file, const char *sha256, void *arg);
/* Every inquiry file recorded, with its SHA-256. */
int jlis_store_request_files(struct vault *v, jlis_file_fn fn, void *arg,
    char **err);

struct jlis_request_row {
	int64_t id;
	long long rows;
	char created[16];
	char answered[32];	/* "" when no answer yet */
};
/* 1 found, 0 not. */
int jlis_store_request_find(struct vault *v, char kind, long seq,
    struct jlis_request_row *r, char **err);
int jlis_store_request_answered(struct vault *v, int64_t id, const char *file,
    const char *sha256, const char *user, char **err);

struct jlis_target_row {
	int64_t request, person;
	int attempt;
	char state[16];
};
int jlis_store_target_get(struct vault *v, int64_t serial,
    struct jlis_target_row *t, char **err);
/* Records an answer; number only for 'held', items only for found. */
int jlis_store_target_answer(struct vault *v, int64_t serial, const char *state,
    const char *number, const char *const items[5], const char *held_reason,
    char **err);

/* A held answer beside the person's record. */
struct jlis_held_row {
	const char *key, *reason, *answered;
	const char *mine[5];	/* name, kana, birth, sex, address */
	const char *theirs[5];
};
typedef int (*jlis_held_fn)(const struct jlis_held_row *h, void *arg);
int jlis_store_held(struct vault *v, jlis_held_fn fn, void *arg, char **err);
/* The person's held answer: 1 found (serial and number), 0 none. */
int jlis_store_held_get(struct vault *v, int64_t person, int64_t *serial,
    char number[13], char **err);
int jlis_store_resolve(struct vault *v, int64_t serial, const char *state,
    const char *user, const char *reason, char **err);

struct jlis_pending_row {
	const char *key, *state, *file, *sent, *deadline;
	int attempt;
	int overdue;
};
typedef int (*jlis_pending_fn)(const struct jlis_pending_row *p, void *arg);
/* Persons awaiting an answer, or not found and to be asked once more. The
 * deadline: media_days after the shipping of the medium that carried the
 * inquiry file, else days after the inquiry. */
int jlis_store_pending(struct vault *v, int days, int media_days,
    jlis_pending_fn fn, void *arg, char **err);

#endif
