/* Reading persons: search, the person screen's content. */
#ifndef MYNA_OPS_PERSONS_H
#define MYNA_OPS_PERSONS_H

#include "ops/session.h"
#include "store/persons.h"

struct person_view {
	int64_t id;
	struct person p;
	char number_state[16];
	char masked[32];	/* "●●●● ●●●● 1234" or "" */
};

int ops_person_view(struct session *s, const char *key, struct person_view *v,
    char **err);
void person_view_clear(struct person_view *v);
int ops_person_household(struct session *s, const struct person_view *v,
    persons_row_fn fn, void *arg, char **err);
int ops_person_history(struct session *s, const struct person_view *v,
    history_row_fn fn, void *arg, char **err);
int ops_person_search(struct session *s, const char *text, int limit,
    persons_row_fn fn, void *arg, char **err);

#endif
