/* 住基ネット inquiries: inquiry files out, answers in, wrong links held for
 * a supervisor, persons not found asked once more. Each is one audited
 * transaction; no full number is ever returned or written to the log. */
#ifndef MYNA_OPS_JLIS_H
#define MYNA_OPS_JLIS_H

#include "ops/accounts.h"
#include "ops/session.h"
#include "ops/witness.h"
#include "store/jlis.h"

/* Problems listed at most (all are counted). */
#define JLIS_MAX_PROBLEMS 1000

struct jlis_problems {
	char **msg;
	int n;
	long long total;
};
void jlis_problems_clear(struct jlis_problems *p);
/* Counts a problem; lists it while fewer than JLIS_MAX_PROBLEMS are. */
void jlis_problem(struct jlis_problems *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

struct jlis_request_report {
	char *file[2];		/* N, then G; NULL when nobody of that kind */
	char sha256[2][65];
	long long rows[2];
	long long reinquiries;
	struct jlis_problems problems;	/* what blocks the files (a listed
					 * key that is unknown, ...) */
	struct jlis_problems unsendable;	/* "KEY: reason", each reason */
	long long unsendable_persons;
};

/* Writes the inquiry files into outdir for persons without a confirmed
 * number (and the re-inquiries), or for the keys listed in persons_file
 * (one a line). A person whose values J-LIS cannot take (see the layout's
 * repertoire), or whose sex code is 3, is left out and listed in
 * rep->unsendable with each reason; the files go out for everyone else.
 * A recorded inquiry name (ops_jlis_inquiry_name) is sent instead of the
 * record's name. */
int ops_jlis_request(struct session *s, const char *outdir,
    const char *persons_file, struct jlis_request_report *rep, char **err);
/* The persons the next request would leave out, with the reasons, in
 * rep->unsendable ("needs a spelling"); nothing is written. */
int ops_jlis_unsendable(struct session *s, struct jlis_request_report *rep,
    char **err);
/* Records the usual spelling (通用字体) an inquiry sends for a person
 * whose record J-LIS cannot take: name, and kana or NULL (the record's);
 * the name must itself be sendable; audited with the reason. The
 * imported name is never changed. */
int ops_jlis_inquiry_name(struct session *s, const char *key,
    const char *name, const char *kana, const char *reason, char **err);
/* The spellings recorded, for the J-LIS screen and 'jlis unsendable'. */
int ops_jlis_inquiry_names(struct session *s, jlis_inquiry_name_fn fn,
    void *arg, char **err);
void jlis_request_report_clear(struct jlis_request_report *rep);

struct jlis_receive_report {
	char request[64];	/* the inquiry file answered */
	char sha256[65];
	long long rows, confirmed, held, not_found, reinquiry;
	struct jlis_problems problems;
};

/* An answer file to import: path is read, shown names it in messages and
 * in the vault (NULL: the path). */
struct jlis_answer_in {
	const char *path;
	const char *shown;
};

/* How an answer came: the medium whose receipt recorded it (its id or
 * label), and the second person at the import. Both are required: one
 * person alone never attaches numbers. */
struct jlis_via {
	const char *medium;
	struct witness *witness;
};

/*
 * Imports n answer files (reps has n reports) in one transaction: all or,
 * on any problem in any of them, nothing. The witness must be a second,
 * different, active user (a session opened with the recovery key imports
 * nothing); the medium must be in the state "answer received" and its
 * receipt must have recorded the SHA-256 of what arrived: arrived_sha256
 * (a container's), or with NULL each CSV's as read.
 * The medium's "answer imported" step is recorded in the same transaction.
 */
int ops_jlis_receive_files(struct session *s, const struct jlis_answer_in *in,
    size_t n, const struct jlis_via *via, const char *arrived_sha256,
    struct jlis_receive_report *reps, char **err);

/*
 * Imports the answer CSVs inside the password-protected ZIP container zip
 * (members ending in .csv; other members are ignored), all in one
 * transaction as above. The container is read once into memory: the bytes
 * hashed are the bytes opened. The members are extracted into a private
 * folder (0700) that is wiped and removed afterwards, also on SIGINT,
 * SIGTERM and SIGHUP; one left by a process killed outright is removed at
 * the next start. A wrong password, a damaged container or no CSV inside:
 * an error, nothing imported. *reps (n of them in *nreps) are allocated
 * even on error so that problems can be shown; free with
 * jlis_receive_reports_free.
 */
int ops_jlis_receive_container(struct session *s, const char *zip,
    const char *password, const struct jlis_via *via,
    struct jlis_receive_report **reps, size_t *nreps, char **err);
void jlis_receive_reports_free(struct jlis_receive_report *reps, size_t n);
void jlis_receive_report_clear(struct jlis_receive_report *rep);

int ops_jlis_held(struct session *s, jlis_held_fn fn, void *arg, char **err);
/* A supervisor's decision on a held answer (supervisor or administrator). */
/* A held answer's reason code ("differs:name,address",
 * "held-by-another-person", "differs-from-confirmed-number") in words. */
void ops_jlis_reason_text(const char *code, char *buf, size_t n);
int ops_jlis_decide(struct session *s, const char *key, int accept,
    const char *reason, char **err);
/* Deadline: when the inquiry file went out on a medium, the medium's
 * shipping date plus answer-overdue-days (the media list's own overdue
 * rule); otherwise the inquiry's date plus jlis-answer-days. */
int ops_jlis_pending(struct session *s, jlis_pending_fn fn, void *arg,
    char **err);

#endif
