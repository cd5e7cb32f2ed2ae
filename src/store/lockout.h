/* Failed-login counters kept beside the vault, readable without its key. */
#ifndef MYNA_LOCKOUT_H
#define MYNA_LOCKOUT_H

#define LOCKOUT_LIMIT 5

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
void lockout_reset(const char *dir, const char *name);
/* The events not yet written to the audit log (allocated array); once they
 * are committed there, lockout_drop removes the first n of them. */
int lockout_peek(const char *dir, struct lockout_event **ev, int *n);
void lockout_drop(const char *dir, int n);

/* Parses the file's text; exposed for tests and the fuzz harness. */
struct lockout_state {
	struct lockout_count { char name[64]; int n; } *counts;
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
