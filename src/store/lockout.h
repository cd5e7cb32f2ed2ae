/* Failed-login counters kept beside the vault, readable without its key. */
#ifndef MYNA_LOCKOUT_H
#define MYNA_LOCKOUT_H

#define LOCKOUT_LIMIT 5

/* The wait before the next attempt after n failures: lockout_delay_ms
 * doubled for each failure after the first, at most LOCKOUT_DELAY_MAX_MS.
 * Tests lower the base to keep quick. */
#define LOCKOUT_DELAY_MAX_MS 30000
extern int lockout_delay_ms;
long lockout_delay_for(int failures);

enum lockout_begin_status {
	LOCKOUT_GO = 0,		/* try the password; the attempt is counted */
	LOCKOUT_LOCKED = 1,	/* too many failures: do not try */
	LOCKOUT_EWRITE = -1,	/* the attempt cannot be counted: do not try */
};

/* Before trying name's password: waits out the delay its failures earned,
 * then counts the attempt as a failure in advance, so that attempts made
 * at the same time are counted (and stopped at the limit) before any of
 * them is tried. keep lists the active administrators (from vault.keys):
 * the last of them not at the limit is never locked by failures. */
int lockout_begin(const char *dir, const char *name, char (*const keep)[64],
    size_t nkeep);
/* After a wrong password: the failure event (the count was raised by
 * lockout_begin). */
void lockout_fail(const char *dir, const char *name);

struct lockout_event {
	char ts[32];
	char name[64];
	char kind[16];		/* "failed" or "refused" */
};

/* Failures counted for name since its last successful login. */
int lockout_count(const char *dir, const char *name);
/* Records a failure (kind "failed") or a refused attempt on a locked account
 * (kind "refused"); returns the new count. */
int lockout_record(const char *dir, const char *name, const char *kind);
/* After a right password: forgets the failures. */
void lockout_reset(const char *dir, const char *name);
/* The events not yet written to the audit log (allocated array); once they
 * are committed there, lockout_drop removes the first n of them. */
int lockout_peek(const char *dir, struct lockout_event **ev, int *n);
void lockout_drop(const char *dir, int n);

/* Parses the file's text; exposed for tests and the fuzz harness. */
struct lockout_state {
	struct lockout_count {
		char name[64];
		int n;
		long long last_ms;	/* time of the last attempt counted */
	} *counts;
	int ncounts;
	struct lockout_event *events;
	int nevents;
};
void lockout_parse(const char *text, struct lockout_state *s);
char *lockout_format(const struct lockout_state *s);
void lockout_state_free(struct lockout_state *s);

/* Takes an exclusive lock on DIR/vault.lock, which guards vault.keys and
 * vault.lockout; returns the descriptor for lockfile_release. */
int lockfile_acquire(const char *dir);
void lockfile_release(int fd);

#endif
