/* Numbers past the registration deadline: the rows behind the home
 * screen's "past 5 days, not confirmed" figure. */
#ifndef MYNA_STORE_NUMBERS_OVERDUE_H
#define MYNA_STORE_NUMBERS_OVERDUE_H

struct vault;

struct overdue_row {
	const char *key, *name, *state, *received;
};
typedef int (*overdue_fn)(const struct overdue_row *r, void *arg);

/* The insured whose number is not confirmed (entered, mismatch or held)
 * and was received before today (YYYY-MM-DD) minus deadline_days, the
 * longest waiting first. fn returns nonzero to stop. */
int numbers_overdue(struct vault *v, const char *today, int deadline_days,
    overdue_fn fn, void *arg, char **err);

#endif
