/* Registration with the intermediate server: bulk files out, results in,
 * the daily differential, and re-switching of the existing system. */
#ifndef MYNA_OPS_REGISTRATION_H
#define MYNA_OPS_REGISTRATION_H

#include "domain/regfile.h"
#include "ops/session.h"
#include "store/registration.h"

enum reg_mode { REG_MODE_FULL, REG_MODE_DIFF, REG_MODE_RETRY,
	REG_MODE_CORRECTION };

/* Path of the default layout of a kind (forms/reg-KIND.layout), or of the
 * result file for kind -1; NULL when the forms are not found. */
char *reg_layout_path(int kind);

struct reg_export_request {
	enum reg_kind kind;
	enum reg_mode mode;
	const char *out_dir;
	const char *layout;	/* NULL: the kind's default */
	const char *source;	/* input CSV of a kind the vault does not hold */
	int force;		/* even while a file of the kind awaits results */
};

#define REG_MAX_MESSAGES 50

struct reg_export_report {
	char *file;		/* path written; NULL when nothing was to send */
	char *manifest;
	char sha256[65];
	long long records;	/* written */
	long long unchanged;	/* same as accepted, not sent again (diff) */
	long long no_number;	/* persons left out: no confirmed number */
	long long refused;	/* records refused, named in messages */
	char **messages;
	int nmessages;
};

/* Writes the kind's file and manifest in out_dir in one audited
 * transaction; the vault keeps the hash of every record sent. */
int ops_reg_export(struct session *s, const struct reg_export_request *rq,
    struct reg_export_report *rep, char **err);
void reg_export_report_clear(struct reg_export_report *rep);

struct reg_results_report {
	char file[256];		/* the registration file answered */
	char kind[24];
	char sha256[65];	/* of the result file */
	long long records, accepted, failed;
	/* Of the accepted: records whose five items differ from the resident
	 * registry (J-LIS), and blocked persons this result settled. */
	long long jlis_mismatch, jlis_settled;
	char **messages;	/* refused rows, or why the result was refused */
	int nmessages;
	long long nproblems;
};
/* Imports a result file: all or nothing. A result for an unknown file, of
 * another size, with another hash, or with malformed rows is refused. */
int ops_reg_results(struct session *s, const char *path, const char *layout,
    struct reg_results_report *rep, char **err);
/* Progress of a result's import: done of total records read, every
 * REG_PROGRESS_EVERY rows; done == total once all are read and the
 * result is being stored (the longer part at 400,000 records). */
#define REG_PROGRESS_EVERY 10000
typedef void (*reg_progress_fn)(long long done, long long total, void *arg);
int ops_reg_results_progress(struct session *s, const char *path,
    const char *layout, reg_progress_fn progress, void *arg,
    struct reg_results_report *rep, char **err);
void reg_results_report_clear(struct reg_results_report *rep);

/* What the home screen shows: per kind, files waiting for their result,
 * refused rows to correct, and changes not yet sent (-1 for the kinds
 * that come from an input file: unknown until it is given). */
struct reg_pending {
	long long awaiting[REG_NKINDS];
	long long failed[REG_NKINDS];
	long long changes[REG_NKINDS];
};
int ops_registration_pending(struct session *s, struct reg_pending *p,
    char **err);
/* The same counted afresh, without the copy ops_registration_pending keeps
 * (keyed by this connection's stamp): for a connection of its own. */
int ops_registration_count(struct session *s, struct reg_pending *p,
    char **err);

int ops_registration_history(struct session *s, const char *key,
    reghist_fn fn, void *arg, char **err);

/* Records a (re-)switch of the existing system: the newest extract becomes
 * the base of what is registered from now on. */
int ops_cutover_record(struct session *s, const char *reason, long long *id,
    long long *base_extract, char **err);
/* The correction files after a re-switch: persons and qualification
 * compared with what the server last accepted. */
int ops_cutover_diff(struct session *s, const char *out_dir, int force,
    struct reg_export_report rep[2], char **err);

#endif
