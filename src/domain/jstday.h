/* Japan-local calendar days (UTC+9, no daylight saving) over the audit log's
 * UTC timestamps. Reports, export periods and the daily checkpoint count
 * days as the office does: from 00:00 to 24:00 Japan time. */
#ifndef MYNA_JSTDAY_H
#define MYNA_JSTDAY_H

#include <time.h>

#define JST_OFFSET (9 * 3600)

/* The UTC instants "YYYY-MM-DDTHH:MM:SSZ" at which Japan day `date`
 * (YYYY-MM-DD) starts and the next one starts. -1 for a date that is not a
 * real day. */
int jst_day_bounds(const char *date, char start[21], char end[21]);
/* The Japan day (YYYY-MM-DD) of a UTC instant. */
void jst_date_of(time_t t, char out[11]);
/* "YYYY-MM-DD HH:MM:SS" in Japan time for an audit timestamp; the input is
 * copied unchanged when it is not of the audit form. */
void jst_from_utc(const char *ts, char out[20]);

#endif
