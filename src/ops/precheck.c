/* Read-only checks before a two-person step (see precheck.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "domain/account.h"
#include "domain/pwpolicy.h"
#include "ops/idproof.h"
#include "ops/media-int.h"
#include "ops/precheck.h"
#include "store/numbers.h"
#include "store/persons.h"
#include "store/users.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The same refusals, in the same order, as number_confirm_tx, up to the
 * comparison of the two entries. */
static int
precheck_confirm_row(struct session *s, const char *key, int64_t id,
    const struct number_row *row, int found, const char *confirmer,
    char **err)
{
	if (found == 0 || strcmp(row->state, "entered") != 0)
		return err_set(err, _("%s has no number waiting for confirmation "
		    "(state: %s)"), key, found ? row->state : "missing");
	if (confirmer != NULL && strcmp(row->entered_by, confirmer) == 0)
		return err_set(err, _("%s entered this number: a different person "
		    "must confirm it"), confirmer);
	return ops_idproof_gate(s, id, row->channel, err);
}

int
ops_number_confirm_precheck(struct session *s, const char *key,
    const char *confirmer, char **err)
{
	struct number_row row;
	struct person p;
	int64_t id;
	int found, rc;

	found = persons_get(s->v, key ? key : "", &p, &id, err);
	person_clear(&p);
	if (found <= 0)
		return found < 0 ? -1 : err_set(err, _("no person with key '%s'"),
		    key ? key : "");
	memset(&row, 0, sizeof row);
	if ((found = numbers_get(s->v, id, &row, err)) < 0)
		return -1;
	rc = precheck_confirm_row(s, key, id, &row, found, confirmer, err);
	OPENSSL_cleanse(&row, sizeof row);
	return rc;
}

int
ops_media_step_precheck(struct session *s, const char *id,
    enum media_step step, char **err)
{
	struct media_row m;
	char date[11];

	return media_begin_step(s, id, step, NULL, &m, date, err);
}

int
ops_user_add_precheck(struct session *s, const char *name, const char *role,
    const char *password, char **err)
{
	struct user u;
	int found;

	if (account_name_check(name, err) < 0 || account_role_check(role, err) < 0 ||
	    pwpolicy_check(name, password, err) < 0)
		return -1;
	memset(&u, 0, sizeof u);
	found = users_get(s->v, name, &u, err);
	users_clear(&u);
	if (found > 0)
		return err_set(err, _("user '%s' already exists"), name);
	return found < 0 ? -1 : 0;
}
