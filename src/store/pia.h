/* The PIA records: assessments done and the count they were made for. */
#ifndef MYNA_STORE_PIA_H
#define MYNA_STORE_PIA_H

struct vault;

struct pia_review {
	char done[11];		/* YYYY-MM-DD */
	long long persons;
	char level[24];		/* pia_level_code */
	long long staff;	/* -1: not recorded */
	int incident;		/* -1: not recorded */
	char actor[64];
};

/* Persons on file for the PIA: every person in the vault except those whose
 * number was deleted (their data left the file). */
int pia_store_persons(struct vault *v, long long *n, char **err);
/* The latest by date: 1 found, 0 none, -1 error. */
int pia_store_last(struct vault *v, struct pia_review *r, char **err);
int pia_store_add(struct vault *v, const struct pia_review *r, char **err);

#endif
