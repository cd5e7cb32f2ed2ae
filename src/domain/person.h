/* An insured person as the existing system's extract describes them. */
#ifndef MYNA_PERSON_H
#define MYNA_PERSON_H

#include <stddef.h>

/* Fields in the order of PERSON_FIELDS; each is a role of a layout column. */
enum person_field {
	PF_KEY, PF_INSURER, PF_SYMBOL, PF_NUMBER, PF_RELATION, PF_MEMBER,
	PF_NAME, PF_KANA, PF_BIRTH, PF_SEX, PF_ADDRESS, PF_MUNICIPALITY,
	PF_RESIDENT, PF_EMPLOYER, PF_ACQUIRED, PF_LOST, PF_COUNT
};

struct person {
	char *f[PF_COUNT];
};

/* The layout role (and vault column) of each field. */
const char *person_role(enum person_field i);
/* Whether a change of this field is kept in the person's history: the five
 * identity items and the qualification dates. */
int person_tracked(enum person_field i);
/* SHA-256 over the fields, length-prefixed: equal rows, equal hashes. */
void person_hash(const struct person *p, unsigned char out[32]);
/* Cross-field rules: a family member names their member, a member does not
 * name someone else; lost is not before acquired. */
int person_check(const struct person *p, char **err);
void person_clear(struct person *p);

#endif
