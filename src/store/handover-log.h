/* The hand-over journal: put and get are authorised by the staff member's
 * SSH key alone (the file travels on stdin or stdout, so no password can be
 * typed), and so cannot write the encrypted audit log when they happen.
 * Each is appended here, beside the vault and under its lock, and moved
 * into the audit log at the next login (ops_handover_seal). */
#ifndef MYNA_HANDOVER_LOG_H
#define MYNA_HANDOVER_LOG_H

#include <stdio.h>

#define HANDOVER_LOG "handover.journal"

struct handover_event {
	char ts[32];		/* UTC, ISO 8601 */
	char staff[64];
	char action[8];		/* "put" or "get" */
	char path[440];		/* "inbox/NAME" or "outbox/NAME[/NAME]" */
	long long size;
	char sha256[65];
};

/* Appends one event (fsynced) to DIR/handover.journal. */
int handover_log_append(const char *dir, const struct handover_event *ev,
    char **err);

/* Calls fn for each event in order; returns the number of bytes read (for
 * handover_log_drop) or -1. A line that is not an event is passed with
 * ev->action "bad" and its text in ev->path, never skipped. */
long long handover_log_peek(const char *dir,
    int (*fn)(const struct handover_event *ev, void *arg, char **err),
    void *arg, char **err);
/* Once the events are committed to the audit log: removes the first n
 * bytes, keeping what was appended since the peek. */
int handover_log_drop(const char *dir, long long n, char **err);

/* Whether the journal holds anything (no lock: a hint to skip the seal). */
int handover_log_pending(const char *dir);

/* Parses one journal line (no newline). Exposed for tests. */
int handover_log_parse(const char *line, struct handover_event *ev);

#endif
