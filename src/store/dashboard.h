/* Counts for the home screen, each from one cheap query. */
#ifndef MYNA_STORE_DASHBOARD_H
#define MYNA_STORE_DASHBOARD_H

struct vault;

struct dashboard_numbers {
	long long insured;	/* persons still qualified (no loss date) */
	long long former;	/* persons whose qualification was lost */
	long long confirmed;	/* of the insured: number confirmed */
	long long entered;	/* of the insured: awaiting confirmation */
	long long supervisor;	/* of the insured: mismatch or held */
	long long missing;	/* of the insured: no number yet */
	long long past_deadline; /* of the insured: not confirmed, received
				    more than deadline_days before today */
};

/* today is YYYY-MM-DD (local). */
int dashboard_numbers(struct vault *v, const char *today, int deadline_days,
    struct dashboard_numbers *c, char **err);
/* Identity checks recorded and not complete (as 'idproof open' lists). */
int dashboard_idproof_open(struct vault *v, long long *n, char **err);

/* A value that changes whenever the vault changes: a commit by any other
 * connection (PRAGMA data_version) or a row written by this one (which
 * data_version does not count). Reading it costs no scan, so a screen can
 * ask every second whether its figures are stale. */
int dashboard_stamp(struct vault *v, unsigned long long *stamp, char **err);

#endif
