/* The supervisor's side of J-LIS answers, and the list of open inquiries. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "ops/jlis.h"
#include "ops/media.h"
#include "ops/numbers.h"
#include "store/persons.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Days J-LIS has to answer before an inquiry shows as overdue. */
#define JLIS_DEFAULT_DAYS 35

int
ops_jlis_held(struct session *s, jlis_held_fn fn, void *arg, char **err)
{
	return jlis_store_held(s->v->db, fn, arg, err);
}

static int
jlis_supervisor(struct session *s, char **err)
{
	if (strcmp(s->role, "supervisor") == 0 || strcmp(s->role, "admin") == 0)
		return 0;
	return ops_require_role(s, "supervisor", err);
}

/* In the open transaction: the decision, the number if accepted, audit. */
static int
jlis_decide_tx(struct session *s, const char *key, int accept,
    const char *reason, char **err)
{
	enum number_result res = NUMBER_OK;
	struct person p;
	char num[13], *detail;
	int64_t id, serial;
	int rc, found;

	found = persons_get(s->v->db, key, &p, &id, err);
	person_clear(&p);
	if (found <= 0)
		return found < 0 ? -1 : err_set(err, _("no person with key '%s'"),
		    key);
	if ((found = jlis_store_held_get(s->v->db, id, &serial, num, err)) <= 0)
		return found < 0 ? -1 : err_set(err, _("%s has no J-LIS answer "
		    "held for a decision"), key);
	rc = 0;
	if (accept && ops_number_store_jlis(s, id, num, "", "jlis:accepted",
	    &res, err) < 0)
		rc = -1;
	else if (accept && res != NUMBER_OK)
		rc = err_set(err, _("%s: the number cannot be accepted: %s. Reject "
		    "it and sort the records out first"), key,
		    res == NUMBER_DUPLICATE ? _("another person holds it") :
		    _("the person has a different confirmed number"));
	OPENSSL_cleanse(num, sizeof num);
	if (rc == 0)
		rc = jlis_store_resolve(s->v->db, serial, accept ? "accepted" :
		    "rejected", s->user, reason, err);
	detail = xasprintf("reason=%s", reason);
	if (rc == 0)
		rc = ops_audit(s, "", accept ? "jlis.accept" : "jlis.reject", key,
		    detail, err);
	free(detail);
	return rc;
}

/* Characters, not bytes: a Japanese reason of four characters is twelve
 * bytes. */
static size_t
jlis_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

int
ops_jlis_decide(struct session *s, const char *key, int accept,
    const char *reason, char **err)
{
	int rc;

	if (key == NULL || reason == NULL || jlis_chars(reason) < 4)
		return err_set(err, _("give --person KEY and --reason TEXT (at least "
		    "4 characters)"));
	if (jlis_supervisor(s, err) < 0 || db_begin(s->v->db, err) < 0)
		return -1;
	rc = jlis_decide_tx(s, key, accept, reason, err);
	if (rc < 0) {
		db_rollback(s->v->db);
		return -1;
	}
	return ops_commit(s, err);
}

int
ops_jlis_pending(struct session *s, jlis_pending_fn fn, void *arg, char **err)
{
	char *v = db_get_text(s->v->db, "SELECT value FROM vault_meta WHERE key = ?",
	    "jlis_answer_days");
	int days = v != NULL ? (int)strtol(v, NULL, 10) : JLIS_DEFAULT_DAYS;

	free(v);
	return jlis_store_pending(s->v->db, days > 0 ? days : JLIS_DEFAULT_DAYS,
	    (int)ops_media_overdue_limit(s), fn, arg, err);
}
