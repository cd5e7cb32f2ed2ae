/* The home screen's figures: the state of the office at a glance. */
#ifndef MYNA_OPS_DASHBOARD_H
#define MYNA_OPS_DASHBOARD_H

#include "ops/session.h"
#include "ops/registration.h"
#include "store/dashboard.h"

/* The insurer's deadline to register a new member after receiving the
 * details (DOMAIN.md: "the insurer five days to register them"), counted in
 * calendar days from the date the number was received. */
#define DASHBOARD_DEADLINE_DAYS 5

struct dashboard {
	struct dashboard_numbers n;
	long long idproof_open;
	/* Areas not built yet hold -1 and show a dash. */
	long long media_transit, media_overdue;
	long long reg_pending;
	/* Persons a J-LIS collation mismatch blocks until resolved. */
	long long reg_blocked;
};

int ops_dashboard(struct session *s, struct dashboard *d, char **err);
/* The same, with the registration figures per kind in *p, counted afresh
 * (ops_registration_count): for a connection of its own (ops/figures.c). */
int ops_dashboard_fresh(struct session *s, struct dashboard *d,
    struct reg_pending *p, char **err);
/* Changes whenever the figures may have (dashboard_stamp), so that they are
 * counted again only then, not on every redraw. */
int ops_dashboard_stamp(struct session *s, unsigned long long *stamp,
    char **err);

#endif
