/* Individual numbers: entry, two-person confirmation, matching, reveal,
 * deletion. No function here ever returns a number, except ops_number_reveal
 * for the one screen that shows it on purpose. */
#ifndef MYNA_OPS_NUMBERS_H
#define MYNA_OPS_NUMBERS_H

#include "ops/accounts.h"
#include "ops/session.h"
#include "ops/witness.h"
#include "store/numbers.h"

struct number_entry {
	const char *channel;	/* member|family|employer-agent|employer-proxy|jlis */
	const char *received;	/* YYYY-MM-DD */
	const char *doc;	/* document reference */
};

enum number_result {
	NUMBER_OK = 0,		/* entered, confirmed, matched */
	NUMBER_MISMATCH,	/* confirmation or match differs */
	NUMBER_DUPLICATE,	/* held by another person: flagged */
};

/* The collection limit: -1 with the reason when key's qualification was
 * lost on or before received (YYYY-MM-DD; NULL: today), or its number was
 * erased after retention; 0 otherwise, also for an unknown key. Entry
 * checks it again in its transaction. */
int ops_number_may_collect(struct session *s, const char *key,
    const char *received, char **err);
/* First entry, by the session user. */
int ops_number_enter(struct session *s, const char *key, const char *typed,
    const struct number_entry *e, enum number_result *res, char **err);
/* Confirmation by a second person: the session user, or when second is not
 * NULL, the person who logged in on the same screen (their handle, spent
 * here; a number that is not well formed is refused before, leaving it
 * unspent). They may not be the one who entered it. */
int ops_number_confirm(struct session *s, const char *key, const char *typed,
    struct witness *second, enum number_result *res, char **err);
/* Compares a number from a later application with the confirmed one. */
int ops_number_match(struct session *s, const char *key, const char *typed,
    enum number_result *res, char **err);
/* missing, entered, confirmed, mismatch, held or deleted. */
int ops_number_status(struct session *s, const char *key, char state[16],
    char **err);
/* The full number, for the reveal screen only; the reason is audited. */
int ops_number_reveal(struct session *s, const char *key, const char *reason,
    char out[13], char **err);

typedef int (*number_due_fn)(const char *key, const char *lost, void *arg);
int ops_number_due(struct session *s, number_due_fn fn, void *arg, char **err);
/* Erases a due number; two persons. */
int ops_number_delete(struct session *s, const char *key,
    struct witness *second, char **err);

/* The supervisor's open cases (mismatches, duplicates). */
int ops_number_queue(struct session *s, numbers_queue_fn fn, void *arg,
    char **err);

int ops_channel_check(const char *channel, char **err);

/*
 * Stores a number that J-LIS gave for a person as confirmed (channel jlis,
 * no identity check needed), inside the caller's transaction and without
 * an audit record (the caller writes one for its action). *res is
 * NUMBER_OK when stored (or already confirmed with the same number),
 * NUMBER_DUPLICATE when another person holds it and NUMBER_MISMATCH when
 * the person has a different confirmed number: then nothing is stored.
 */
int ops_number_store_jlis(struct session *s, int64_t person, const char *num,
    const char *received, const char *doc, enum number_result *res,
    char **err);

#endif
