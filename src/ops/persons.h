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

/* Where a person's number stands, every state: the code (missing, entered,
 * confirmed, mismatch, held, deleted, or, without a number yet,
 * jlis-asked, jlis-not-found, jlis-held) and words for the clerk, "" when
 * the code says it all. */
struct number_status {
	char code[16];
	char words[320];
};
int ops_person_number_status(struct session *s, const char *key,
    struct number_status *st, char **err);

#endif
