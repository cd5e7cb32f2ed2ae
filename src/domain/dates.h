/* Calendar dates as the office types them. */
#ifndef MYNA_DATES_H
#define MYNA_DATES_H

/* Accepts YYYY-MM-DD naming a real day (leap years included). */
int date_check(const char *s, char **err);

#endif
