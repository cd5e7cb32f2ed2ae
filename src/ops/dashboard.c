/* The home screen's figures, one cheap query each. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "ops/dashboard.h"
#include "ops/collation.h"
#include "ops/media.h"
#include "ops/registration.h"
#include "store/vault.h"

/* Media shipped and still awaiting their answer, and those overdue. */
static int
dashboard_count_media(const struct media_row *m, long overdue, void *arg)
{
	struct dashboard *d = arg;

	d->media_transit += strcmp(m->state, "shipped") == 0;
	d->media_overdue += overdue > 0;
	return 0;
}

/* Records still to send: changes not yet exported and rows the server
 * refused (kinds fed from an input file have no count until it is given). */
static long long
dashboard_reg_sum(const struct reg_pending *p)
{
	long long n = 0;
	int k;

	for (k = 0; k < REG_NKINDS; k++)
		n += p->failed[k] + (p->changes[k] > 0 ? p->changes[k] : 0);
	return n;
}

/* Everything but the registration figures, which the callers count their
 * own way. */
static int
dashboard_with(struct session *s, const struct reg_pending *p,
    struct dashboard *d, char **err)
{
	char today[11];
	time_t now = time(NULL);
	struct tm tm;

	memset(d, 0, sizeof *d);
	/* The office's calendar day, as the clerk typed the received date. */
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	if (dashboard_numbers(s->v, today, DASHBOARD_DEADLINE_DAYS, &d->n,
	    err) < 0 || dashboard_idproof_open(s->v, &d->idproof_open, err) < 0)
		return -1;
	d->reg_pending = dashboard_reg_sum(p);
	if (ops_reg_blocked_count(s, &d->reg_blocked, err) < 0)
		return -1;
	return ops_media_list(s, dashboard_count_media, d, err);
}

int
ops_dashboard(struct session *s, struct dashboard *d, char **err)
{
	struct reg_pending p;

	if (ops_registration_pending(s, &p, err) < 0)
		return -1;
	return dashboard_with(s, &p, d, err);
}

int
ops_dashboard_fresh(struct session *s, struct dashboard *d,
    struct reg_pending *p, char **err)
{
	if (ops_registration_count(s, p, err) < 0)
		return -1;
	return dashboard_with(s, p, d, err);
}

int
ops_dashboard_stamp(struct session *s, unsigned long long *stamp, char **err)
{
	return dashboard_stamp(s->v, stamp, err);
}
