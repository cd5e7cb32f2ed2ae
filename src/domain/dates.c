/* Date checks: a filter with a typo must say so, not silently match nothing. */
#include "config.h"

#include <string.h>

#include "domain/dates.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static int
dates_num(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_check(const char *s, char **err)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, leap, max;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    (y = dates_num(s, 4)) < 0 || (m = dates_num(s + 5, 2)) < 0 ||
	    (d = dates_num(s + 8, 2)) < 0)
		return err_set(err, _("'%s' is not a date: use YYYY-MM-DD"), s ? s : "");
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1900 || m < 1 || m > 12)
		return err_set(err, _("'%s' is not a date: use YYYY-MM-DD"), s);
	max = days[m - 1] + (m == 2 && leap);
	if (d < 1 || d > max)
		return err_set(err, _("'%s' is not a day of the calendar"), s);
	return 0;
}
