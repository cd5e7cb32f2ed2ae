/* SQL for registration with the intermediate server: files sent, their
 * records, results, branch numbers, accepted state and cut-overs. */
#ifndef MYNA_STORE_REGISTRATION_H
#define MYNA_STORE_REGISTRATION_H

#include <stdint.h>

#include "domain/person.h"
#include "domain/regpack.h"

struct vault;

struct regfile_info {
	const char *kind, *layout, *mode, *source_sha256, *actor;
	int layout_version;
};

/* Adds the file's row, named by the caller from the id regstore_next_id
 * gives (inside the same transaction). */
int regstore_next_id(struct vault *v, long long *id, char **err);
int regstore_file_add(struct vault *v, long long id, const char *file,
    const struct regfile_info *x, char **err);
int regstore_file_finish(struct vault *v, long long id, const char *sha256,
    long long records, const char *source_sha256, char **err);
/* Files of this kind that wait for their result. */
int regstore_awaiting(struct vault *v, const char *kind, long long *n,
    char **err);
/* The name of the newest file of kind still waiting for its result, or
 * NULL (none, or an error). */
char *regstore_newest_awaiting(struct vault *v, const char *kind);

/* One record as written: what the vault keeps of it. */
struct regrec {
	long long seq;
	int64_t person;
	const char *rkey;
	int action;
	const unsigned char *sent, *content;	/* 32 bytes each */
};
struct regstore_writer;
int regstore_writer_open(struct vault *v, long long file_id,
    struct regstore_writer **out, char **err);
int regstore_writer_put(struct regstore_writer *w, const struct regrec *r,
    char **err);
/* Stores the records put since the last full chunk; call before the
 * file's row is finished. */
int regstore_writer_flush(struct regstore_writer *w, char **err);
void regstore_writer_close(struct regstore_writer *w);
/* Full chunks go to fn instead of the vault (fn takes the chunk's buffer
 * over and leaves *p empty); NULL stores them again. For a writer fed on
 * another thread than the connection's. */
typedef int (*regstore_sink_fn)(void *arg, long long file_id,
    long long first_seq, struct regpack *p, char **err);
void regstore_writer_sink(struct regstore_writer *w, regstore_sink_fn fn,
    void *arg);

/* A person as a persons-based export sees them. Pointers are valid during
 * the callback; number is NULL without a confirmed number. */
struct regsrc {
	int64_t id;
	const char *f[PF_COUNT];	/* "" for fields not asked for */
	size_t flen[PF_COUNT];
	const char *number;
	const char *branch;		/* NULL when none */
	int has_state;
	const unsigned char *state_content;
	int state_action;
};
typedef int (*regsrc_fn)(const struct regsrc *p, void *arg);
enum regsrc_mode { REGSRC_FULL, REGSRC_DIFF, REGSRC_CHANGED, REGSRC_RETRY };
/* Persons for kind, in id order. FULL: everyone;
 * DIFF: everyone, with the accepted record's content hash to compare;
 * CHANGED: the same for the persons marked in reg_dirty only (the daily
 * differential; DIFF serves corrections after a cut-over);
 * RETRY: those with a refused row pending. */
enum regsrc_numbers { REGSRC_NO_NUMBER, REGSRC_WITH_NUMBER };
struct regsrc_query {
	const char *kind;
	enum regsrc_mode mode;
	/* None (the 副本), or everyone with the number where there is one
	 * (persons without one come too: the caller counts them). */
	enum regsrc_numbers numbers;
	unsigned int need;	/* bit per enum person_field wanted */
};
int regstore_persons(struct vault *v, const struct regsrc_query *q,
    regsrc_fn fn, void *arg, char **err);
/* How many persons regstore_persons would give for DIFF. */
int regstore_count_diff(struct vault *v, const char *kind, int numbers_only,
    long long *n, char **err);
/* Clears the kind's mark of the n persons in ids (a differential found
 * their record as the server accepted it). */
int regstore_dirty_clear(struct vault *v, const char *kind, const int64_t *ids,
    size_t n, char **err);

/* For 副本 rows from an input file: the person and their branch number
 * (1 found, 0 no such person); the accepted state of a record (1 found);
 * whether a refused row is pending for it. */
struct regstore_lookup;
int regstore_lookup_open(struct vault *v, const char *kind,
    struct regstore_lookup **out, char **err);
int regstore_lookup_person(struct regstore_lookup *lk, const char *key,
    int64_t *id, char *branch, size_t len, char **err);
/* Whether the server has accepted a 資格情報 record of the person (1), the
 * condition for their other 副本 (seed 2.13.2 ①-⑦). */
int regstore_lookup_qualified(struct regstore_lookup *lk, int64_t person,
    char **err);
int regstore_lookup_state(struct regstore_lookup *lk, int64_t person,
    const char *rkey, unsigned char content[32], int *action, char **err);
int regstore_lookup_failed(struct regstore_lookup *lk, const char *rkey,
    char **err);
void regstore_lookup_close(struct regstore_lookup *lk);

/* Results. */
struct regfile_row {
	long long id, records;
	char kind[24], sha256[65], resulted[32];
};
/* 1 found, 0 unknown, -1 error. */
int regstore_file_get(struct vault *v, const char *file, struct regfile_row *r,
    char **err);
/* Results (store/reg-results.c): the file's records in memory, answered
 * one by one, then applied at once. */
struct regstore_results;
/* A result's rows of persons in person order (their marks, their branch
 * numbers) are read in one pass over the persons' span when it holds at
 * most this many ids per person, and sought one by one otherwise (a few
 * persons spread wide). 16; a test sets 0 to take the seeks. */
extern int regstore_scan_ratio;
int regstore_results_open(struct vault *v, long long file_id, const char *kind,
    struct regstore_results **out, char **err);
/* Marks record seq as accepted or refused; 0 when it matched the file's
 * record for that person key, 1 when it did not (unknown number, answered
 * twice, or another person), -1 on error. */
int regstore_results_put(struct regstore_results *rs, long seq,
    const char *key, int ok, const char *branch, const char *message,
    char **err);
void regstore_results_close(struct regstore_results *rs);
/* Advances the accepted state, branch numbers and refused rows from the
 * file's marked records, and records the result file. */
int regstore_results_apply(struct regstore_results *rs, const char *kind,
    const char *result_file, const char *result_sha256, const char *actor,
    long long accepted, long long failed, char **err);
/* The change marks a result moves (part of regstore_results_apply, from
 * the answered records in temp.reg_rx): public for its unit test, which
 * holds it to the statements it replaced. */
int regstore_results_marks(struct vault *v, long long file, const char *kind,
    char **err);

/* The kind's bit in reg_dirty (0 for the kinds read from input files). */
int regstore_dirty_bit(const char *kind);
/* Runs sql with ?1 = id, ?2 = text and ?3 = the bit of the kind text names
 * in reg_dirty (any may be unused). */
int regstore_exec_id(struct vault *v, const char *sql, long long id,
    const char *text, char **err);

struct regpending_row {
	const char *kind;
	long long awaiting, failed;
};
typedef int (*regpending_fn)(const struct regpending_row *r, void *arg);

typedef int (*regfailed_fn)(const char *key, long long seq, const char *file,
    const char *message, void *arg);
int regstore_failed_list(struct vault *v, long long file_id, regfailed_fn fn,
    void *arg, char **err);
int regstore_count_failed(struct vault *v, const char *kind, long long *n,
    char **err);

struct reghist_row {
	const char *created, *kind, *file, *mode, *status, *branch, *message;
	const char *extract, *cutover_reason;
	long long seq, cutover;
	int action;
};
typedef int (*reghist_fn)(const struct reghist_row *h, void *arg);
int regstore_history(struct vault *v, const char *key, reghist_fn fn, void *arg,
    char **err);

int regstore_cutover_add(struct vault *v, const char *actor, const char *reason,
    long long *id, long long *base_extract, char **err);
/* The latest cut-over id (0 when none) and the newest extract id (0). */
int regstore_current(struct vault *v, long long *cutover, long long *extract,
    char **err);

#endif
