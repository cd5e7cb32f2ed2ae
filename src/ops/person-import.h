/* Importing the existing system's extract of insured persons. */
#ifndef MYNA_PERSON_IMPORT_H
#define MYNA_PERSON_IMPORT_H

#include "ops/session.h"
#include "store/persons.h"

typedef void (*import_progress_fn)(long long rows, long long bytes,
    long long total_bytes, void *arg);

struct import_request {
	const char *file;
	const char *layout;	/* layout file; NULL: forms/persons.layout */
	int accept_valid;	/* import the valid lines of a file with errors */
	import_progress_fn progress;
	void *arg;
	volatile int *cancel;	/* set non-zero to stop (nothing is written) */
};

#define IMPORT_MAX_MESSAGES 1000

struct import_report {
	struct import_counts counts;
	long long rows;
	char sha256[65];
	char **messages;	/* "file:line:field: reason", at most IMPORT_MAX_MESSAGES */
	int nmessages;
	int written;		/* 1 when the vault was changed */
};

/* Checks every line first; with any error nothing is written unless
 * accept_valid. Returns 0 when the import was written, -1 otherwise (with
 * the rejected lines in the report and a summary in *err). */
int ops_person_import(struct session *s, const struct import_request *rq,
    struct import_report *rep, char **err);
void import_report_clear(struct import_report *rep);

#endif
