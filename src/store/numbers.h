/* Individual numbers in the vault and the supervisor's queue. */
#ifndef MYNA_STORE_NUMBERS_H
#define MYNA_STORE_NUMBERS_H

#include <stdint.h>

struct vault;

struct number_row {
	char state[16];		/* entered, confirmed, mismatch, held, deleted */
	char number[13];	/* "" when cleared */
	unsigned char hmac[32];
	int has_hmac;
	char channel[24];
	char received[16];
	char entered_by[64];
	char confirmed_by[64];
};

/* 1 found, 0 none, -1 error. */
int numbers_get(struct vault *v, int64_t person, struct number_row *r,
    char **err);
/* The person holding this keyed hash, if any: 1 found (in *person). */
int numbers_holder(struct vault *v, const unsigned char hmac[32],
    int64_t *person, char **err);
int numbers_enter(struct vault *v, int64_t person, const char *number,
    const unsigned char hmac[32], const char *channel, const char *received,
    const char *doc, const char *user, char **err);
/* A number refused because another person holds it: no number is kept. */
int numbers_hold(struct vault *v, int64_t person, const char *channel,
    const char *received, const char *doc, const char *user, char **err);
int numbers_confirm(struct vault *v, int64_t person, const char *user,
    char **err);
/* Moves to state, clearing the stored number and hash (mismatch, held,
 * deleted keep no number). */
int numbers_clear(struct vault *v, int64_t person, const char *state,
    char **err);
int numbers_queue(struct vault *v, int64_t person, const char *reason,
    int64_t other, const char *actor, const char *actor2, char **err);

struct number_counts {
	long long entered, confirmed, mismatch, held, queue;
};
int numbers_counts(struct vault *v, struct number_counts *c, char **err);

struct queue_row {
	const char *key, *reason, *other, *created, *actor, *actor2;
};
typedef int (*numbers_queue_fn)(const struct queue_row *q, void *arg);
/* Open cases for the supervisor, oldest first. */
int numbers_queue_list(struct vault *v, numbers_queue_fn fn, void *arg,
    char **err);

typedef int (*numbers_due_fn)(int64_t person, const char *key, const char *lost,
    void *arg);
/* Confirmed numbers of persons whose qualification was lost more than
 * retention_days ago. */
int numbers_due(struct vault *v, int retention_days, numbers_due_fn fn,
    void *arg, char **err);

#endif
