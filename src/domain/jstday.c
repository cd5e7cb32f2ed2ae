/* Japan-local days. timegm/gmtime_r only: the process time zone never
 * matters, so a workstation set to UTC still reports Japanese days. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "domain/dates.h"
#include "domain/jstday.h"

static void
jst_utc_string(time_t t, char out[21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
jst_day_bounds(const char *date, char start[21], char end[21])
{
	struct tm tm;
	time_t midnight;

	if (date == NULL || date_check(date, NULL) < 0)
		return -1;
	memset(&tm, 0, sizeof tm);
	if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	midnight = timegm(&tm) - JST_OFFSET;
	jst_utc_string(midnight, start);
	jst_utc_string(midnight + 24 * 3600, end);
	return 0;
}

void
jst_date_of(time_t t, char out[11])
{
	struct tm tm;

	t += JST_OFFSET;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void
jst_from_utc(const char *ts, char out[20])
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	if (strlen(ts) != 20 || sscanf(ts, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) {
		snprintf(out, 20, "%s", ts);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm) + JST_OFFSET;
	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}
