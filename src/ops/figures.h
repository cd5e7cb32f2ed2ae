/* The console's figures (home and the registration area), counted on a
 * thread of their own so that no key waits for a count. */
#ifndef MYNA_OPS_FIGURES_H
#define MYNA_OPS_FIGURES_H

#include "ops/dashboard.h"
#include "ops/registration.h"
#include "ops/session.h"

struct figures {
	struct dashboard d;
	struct reg_pending p;	/* per kind: what d.reg_pending sums */
	long long held;		/* J-LIS answers held for a supervisor */
	long long users_active;
	long long audit_count;
	unsigned char head[32];	/* the audit log's head */
};

struct figures_job;

/* Starts counting the figures on a read-only connection of its own, as
 * the vault stands when it opens (after anything this session committed).
 * Returns at once; NULL with err when no thread could start. The job
 * borrows s: end or cancel it before s is logged out. */
struct figures_job *ops_figures_start(struct session *s, char **err);
/* 1 once the count has ended (ops_figures_end then does not wait). */
int ops_figures_ready(struct figures_job *j);
/* Waits for the count and frees the job: 0 with *f filled, or -1 with
 * err saying what the count met. */
int ops_figures_end(struct figures_job *j, struct figures *f, char **err);
/* Stops a count no longer wanted (the vault changed meanwhile) and frees
 * the job. */
void ops_figures_cancel(struct figures_job *j);

#endif
