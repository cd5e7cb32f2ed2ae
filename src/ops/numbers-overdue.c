/* Lists the numbers past the deadline on the office's calendar day, the
 * same day and limit the home screen counts with. */
#include "config.h"

#include <time.h>

#include "ops/dashboard.h"
#include "ops/numbers-overdue.h"
#include "store/vault.h"

int
ops_numbers_overdue(struct session *s, overdue_fn fn, void *arg, char **err)
{
	char today[11];
	time_t now = time(NULL);
	struct tm tm;

	/* Local time, as ops_dashboard: the day the clerk typed dates in. */
	localtime_r(&now, &tm);
	strftime(today, sizeof today, "%Y-%m-%d", &tm);
	return numbers_overdue(s->v, today, DASHBOARD_DEADLINE_DAYS, fn, arg,
	    err);
}
