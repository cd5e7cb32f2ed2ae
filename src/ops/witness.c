/* The second person's check and the handle it gives (see ops/witness.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ops/witness.h"
#include "store/users.h"
#include "store/vault.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

int ops_witness_ttl = 180;

struct witness {
	char name[64];
	unsigned long session;	/* the serial of the session that checked */
	time_t expires;		/* on the monotonic clock */
	int spent;
};

static time_t
witness_now(void)
{
	struct timespec ts;

	/* Monotonic: setting the wall clock back must not lengthen a handle. */
	if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0)
		return 0;
	return ts.tv_sec;
}

/* Who may be the second person: someone else, active, with a password of
 * their own. The recovery key is no account, so it is refused here too. */
static int
witness_eligible(struct session *s, const char *name, char **err)
{
	struct user u;
	int found;

	if (strcmp(name, s->user) == 0)
		return err_typed(err, ERR_REFUSED, ERR_FIELD_WITNESS,
		    _("the second person must be someone else"));
	found = users_get(s->v, name, &u, err);
	if (found <= 0 || strcmp(u.status, "active") != 0) {
		users_clear(&u);
		return found < 0 ? -1 : err_set(err, _("wrong user name or password for "
		    "the second person"));
	}
	/* An administrator knows a temporary password: a second person who
	 * has not yet chosen their own could be the administrator again. */
	found = u.must_change;
	users_clear(&u);
	if (found)
		return err_set(err, _("%s still has a temporary password: they must "
		    "log in and choose their own before acting as the second person"),
		    name);
	return 0;
}

static int
witness_verify(struct session *s, const char *name, const char *password,
    char **err)
{
	if (name == NULL || name[0] == '\0' || password == NULL)
		return err_set(err, _("this needs a second person: give the checker "
		    "and their password"));
	if (witness_eligible(s, name, err) < 0)
		return -1;
	if (vault_check_password(s->v, name, password, err) != VAULT_OK)
		return -1;
	return 0;
}

int
ops_witness_check(struct session *s, const char *name, char *password,
    struct witness **out, char **err)
{
	struct witness *w;
	int rc;

	*out = NULL;
	rc = witness_verify(s, name, password, err);
	if (password != NULL)
		secret_wipe(password, strlen(password));
	if (rc < 0)
		return -1;
	w = xcalloc(1, sizeof *w);
	snprintf(w->name, sizeof w->name, "%s", name);
	w->session = s->serial;
	w->expires = witness_now() + ops_witness_ttl;
	*out = w;
	return 0;
}

const char *
ops_witness_name(const struct witness *w)
{
	return w != NULL ? w->name : "";
}

void
ops_witness_free(struct witness *w)
{
	free(w);
}

int
ops_witness_use(struct session *s, struct witness *w, const char **who,
    char **err)
{
	if (w == NULL)
		return err_set(err, _("this needs a second person: give the checker "
		    "and their password"));
	if (w->spent)
		return err_typed(err, ERR_REFUSED, ERR_FIELD_WITNESS_PASSWORD,
		    _("the second person's login was used for an action already: "
		    "they log in again"));
	w->spent = 1;
	if (w->session != s->serial || strcmp(w->name, s->user) == 0)
		return err_typed(err, ERR_REFUSED, ERR_FIELD_WITNESS_PASSWORD,
		    _("the second person logged in for another session: they log "
		    "in again here"));
	if (witness_now() >= w->expires)
		return err_typed(err, ERR_REFUSED, ERR_FIELD_WITNESS_PASSWORD,
		    _("the second person's login has expired: they log in again"));
	if (who != NULL)
		*who = w->name;
	return 0;
}
