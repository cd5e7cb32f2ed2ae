/* Reading persons for screens and the CLI. Numbers appear only masked. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "domain/mynumber.h"
#include "domain/searchnorm.h"
#include "ops/jlis.h"
#include "ops/persons.h"
#include "store/numbers.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

int
ops_person_view(struct session *s, const char *key, struct person_view *v,
    char **err)
{
	struct number_row row;
	int found;

	memset(v, 0, sizeof *v);
	found = persons_get(s->v, key ? key : "", &v->p, &v->id, err);
	if (found <= 0)
		return found < 0 ? -1 : err_set(err, _("no person with key '%s'"),
		    key ? key : "");
	found = numbers_get(s->v, v->id, &row, err);
	if (found < 0) {
		person_clear(&v->p);
		return -1;
	}
	snprintf(v->number_state, sizeof v->number_state, "%s",
	    found ? row.state : "missing");
	if (found && strcmp(row.state, "confirmed") == 0 && strlen(row.number) == 12)
		mynumber_mask(row.number, v->masked, sizeof v->masked);
	OPENSSL_cleanse(&row, sizeof row);
	return 0;
}

void
person_view_clear(struct person_view *v)
{
	person_clear(&v->p);
	memset(v, 0, sizeof *v);
}

int
ops_person_household(struct session *s, const struct person_view *v,
    persons_row_fn fn, void *arg, char **err)
{
	const char *member = v->p.f[PF_RELATION][0] == '2' ? v->p.f[PF_MEMBER] :
	    v->p.f[PF_KEY];

	return persons_household(s->v, member, fn, arg, err);
}

int
ops_person_history(struct session *s, const struct person_view *v,
    history_row_fn fn, void *arg, char **err)
{
	return persons_history(s->v, v->id, fn, arg, err);
}

int
ops_person_search(struct session *s, const char *text, int limit,
    persons_row_fn fn, void *arg, char **err)
{
	char birth[9], *norm;
	int rc;

	if (text == NULL || text[0] == '\0')
		return err_set(err, _("type a name, kana, symbol or birth date"));
	/* Hiragana, half-width kana, either space, full-width digits and dates
	 * in the Japanese calendar all mean what the vault stores. */
	if (searchnorm_date(text, birth) == 0)
		return persons_search(s->v, SEARCH_BIRTH, birth, limit, fn, arg,
		    err);
	norm = searchnorm_text(text);
	if (norm[0] == '\0') {
		free(norm);
		return err_set(err, _("type a name, kana, symbol or birth date"));
	}
	rc = persons_search(s->v, SEARCH_AUTO, norm, limit, fn, arg, err);
	free(norm);
	return rc;
}

/* No number row: a J-LIS inquiry may be under way or held. */
static int
number_status_jlis(struct session *s, int64_t id, struct number_status *st,
    char **err)
{
	struct persons_jlis j;
	char why[256];
	int found = persons_jlis_last(s->v, id, &j, err);

	if (found <= 0)
		return found;
	if (strcmp(j.state, "sent") == 0) {
		snprintf(st->code, sizeof st->code, "jlis-asked");
		/* L10N: %c%ld is the inquiry file (N1), %s the day it was made. */
		snprintf(st->words, sizeof st->words, _("asked J-LIS in inquiry "
		    "%c%ld on %s: the answer is awaited"), j.kind, j.seq,
		    j.created);
	} else if (strcmp(j.state, "not-found") == 0) {
		snprintf(st->code, sizeof st->code, "jlis-not-found");
		snprintf(st->words, sizeof st->words, "%s", j.attempt < 2 ?
		    _("J-LIS did not find the person: the next jlis request "
		    "asks once more") : _("J-LIS did not find the person "
		    "twice: enter the number from a document"));
	} else if (strcmp(j.state, "held") == 0) {
		ops_jlis_reason_text(j.reason, why, sizeof why);
		snprintf(st->code, sizeof st->code, "jlis-held");
		/* L10N: %s says why, e.g. "differs: kana". */
		snprintf(st->words, sizeof st->words, _("held for a supervisor "
		    "(J-LIS answer %s)"), why);
	}
	/* Accepted answers left a number row; a rejected one leaves none. */
	return 0;
}

int
ops_person_number_status(struct session *s, const char *key,
    struct number_status *st, char **err)
{
	struct person_view v;
	int rc;

	memset(st, 0, sizeof *st);
	if (ops_person_view(s, key, &v, err) < 0)
		return -1;
	snprintf(st->code, sizeof st->code, "%s", v.number_state);
	if (strcmp(v.number_state, "mismatch") == 0)
		snprintf(st->words, sizeof st->words, "%s", _("the two entries "
		    "differed: enter the number again from the document (the "
		    "supervisor was told)"));
	else if (strcmp(v.number_state, "held") == 0)
		snprintf(st->words, sizeof st->words, "%s", _("another person "
		    "holds this number: held for a supervisor"));
	rc = strcmp(v.number_state, "missing") == 0 ?
	    number_status_jlis(s, v.id, st, err) : 0;
	person_view_clear(&v);
	return rc < 0 ? -1 : 0;
}
