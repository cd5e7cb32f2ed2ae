/* The home screen's figures, one cheap query each. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "ops/dashboard.h"
#include "ops/media.h"

/* Media shipped and still awaiting their answer, and those overdue. */
static int
dashboard_count_media(const struct media_row *m, long overdue, void *arg)
{
	struct dashboard *d = arg;

	d->media_transit += strcmp(m->state, "shipped") == 0;
	d->media_overdue += overdue > 0;
	return 0;
}

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
	/* Registration is another work area; it fills this in when it
	 * lands. */
	d->reg_pending = -1;
	return ops_media_list(s, dashboard_count_media, d, err);
}
