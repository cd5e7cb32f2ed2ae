/* An insured person as the existing system's extract describes them. */
#ifndef MYNA_PERSON_H
#define MYNA_PERSON_H

#include <stddef.h>

/* Fields in the order of PERSON_FIELDS; each before PF_ROLES is a role of a
 * layout column. PF_EDABAN is the 2-digit 枝番 of the insured number
 * (個人単位被保険者番号, 2021), not the 被保険者枝番 the intermediate server
 * issues. PF_EXTRA holds the extract's columns mynadesk has no role for,
 * by name (person_extra_get), so that registration layouts can name them. */
enum person_field {
	PF_KEY, PF_INSURER, PF_SYMBOL, PF_NUMBER, PF_RELATION, PF_MEMBER,
	PF_NAME, PF_KANA, PF_BIRTH, PF_SEX, PF_ADDRESS, PF_MUNICIPALITY,
	PF_RESIDENT, PF_EMPLOYER, PF_ACQUIRED, PF_LOST, PF_EDABAN, PF_EXTRA,
	PF_COUNT
};
#define PF_ROLES PF_EXTRA

/* Separators of PF_EXTRA: name US value RS, ...; field checks refuse
 * control characters in values, and names are ASCII letters, digits, '_'
 * and '-'. */
#define PERSON_EXTRA_US '\x1f'
#define PERSON_EXTRA_RS '\x1e'

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
/* The same for many rows (an import), with one digest context. */
struct person_hasher;
struct person_hasher *person_hasher_new(void);
void person_hasher_run(struct person_hasher *h, const struct person *p,
    unsigned char out[32]);
void person_hasher_free(struct person_hasher *h);
/* Cross-field rules: a family member names their member, a member does not
 * name someone else; lost is not before acquired. */
int person_check(const struct person *p, char **err);
void person_clear(struct person *p);

/* The value of extract column name in extra (len bytes, PF_EXTRA's
 * encoding): a pointer into extra and its length in *n, or NULL. */
const char *person_extra_get(const char *extra, size_t len, const char *name,
    size_t *n);

#endif
