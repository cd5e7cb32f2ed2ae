/* The home screen's figures, one cheap query each. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "ops/dashboard.h"

int
ops_dashboard(struct session *s, struct dashboard *d, char **err)
{
	char today[11];
	time_t now = time(NULL);
	struct tm tm;

	memset(d, 0, sizeof *d);
	/* The office's calendar day, as the clerk typed the received date. */
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	if (dashboard_numbers(s->v->db, today, DASHBOARD_DEADLINE_DAYS, &d->n,
	    err) < 0 || dashboard_idproof_open(s->v->db, &d->idproof_open, err) < 0)
		return -1;
	/* Media and registration are other work areas; they fill these in
	 * when they land. */
	d->media_transit = d->media_overdue = d->reg_pending = -1;
	return 0;
}
