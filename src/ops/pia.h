/* The privacy impact assessment: the level required now, the next line,
 * and the yearly review. */
#ifndef MYNA_OPS_PIA_H
#define MYNA_OPS_PIA_H

#include "domain/pia.h"
#include "ops/session.h"
#include "store/pia.h"

struct pia_status {
	long long persons;	/* on file (or the what-if count given) */
	struct pia_result r;
	int have_last;		/* a PIA was recorded */
	struct pia_review last;
	char due[11];		/* the yearly review, YYYY-MM-DD */
	int overdue;		/* today is past due */
	long long crossed;	/* a line crossed since the last PIA (see
				   pia_crossed), 0 none */
	int level_changed;	/* the level differs from the last PIA's */
};

/* Persons on file for the assessment. */
int ops_pia_persons(struct session *s, long long *n, char **err);
/* f->persons < 0: the vault's count. */
int ops_pia_status(struct session *s, const struct pia_facts *f,
    struct pia_status *st, char **err);
/* Records a PIA (or its review) done on date, for the vault's count with
 * f's staff and incidents; supervisors and administrators. Audited. */
int ops_pia_done(struct session *s, const char *date,
    const struct pia_facts *f, struct pia_status *st, char **err);

#endif
