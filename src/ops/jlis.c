/* The supervisor's side of J-LIS answers, and the list of open inquiries. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "domain/jlis.h"
#include "ops/jlis.h"
#include "ops/media.h"
#include "ops/numbers.h"
#include "ops/settings.h"
#include "ops/tx.h"
#include "store/persons.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xmalloc.h"

int
ops_jlis_held(struct session *s, jlis_held_fn fn, void *arg, char **err)
{
	return jlis_store_held(s->v, fn, arg, err);
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

	found = persons_get(s->v, key, &p, &id, err);
	person_clear(&p);
	if (found <= 0)
		return found < 0 ? -1 : err_set(err, _("no person with key '%s'"),
		    key);
	if ((found = jlis_store_held_get(s->v, id, &serial, num, err)) <= 0)
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
		rc = jlis_store_resolve(s->v, serial, accept ? "accepted" :
		    "rejected", s->user, reason, err);
	detail = xasprintf("reason=%s", reason);
	if (rc == 0)
		rc = ops_audit(s, "", accept ? "jlis.accept" : "jlis.reject", key,
		    detail, err);
	free(detail);
	return rc;
}

static const char *
jlis_item_word(const char *item, size_t n)
{
	static const struct { const char *code, *word; } items[] = {
		{ "name", N_("name") }, { "kana", N_("kana") },
		{ "birth", N_("birth date") }, { "sex", N_("sex") },
		{ "address", N_("address") },
	};
	size_t i;

	for (i = 0; i < sizeof items / sizeof items[0]; i++)
		if (strlen(items[i].code) == n &&
		    strncmp(items[i].code, item, n) == 0)
			return _(items[i].word);
	return NULL;
}

void
ops_jlis_reason_text(const char *code, char *buf, size_t n)
{
	const char *p, *w;
	size_t len;

	if (strcmp(code, "held-by-another-person") == 0) {
		snprintf(buf, n, "%s", _("the number is held by another person"));
		return;
	}
	if (strcmp(code, "differs-from-confirmed-number") == 0) {
		snprintf(buf, n, "%s", _("differs from the confirmed number"));
		return;
	}
	if (strncmp(code, "differs:", 8) != 0) {
		snprintf(buf, n, "%s", code);
		return;
	}
	/* L10N: followed by the identity items that differ, e.g. "name, address". */
	snprintf(buf, n, "%s", _("differs: "));
	for (p = code + 8; *p != '\0'; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		w = jlis_item_word(p, len);
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%.*s",
		    p == code + 8 ? "" : ", ", w ? (int)strlen(w) : (int)len,
		    w ? w : p);
	}
}

struct jlis_decision {
	const char *key;
	int accept;
	const char *reason;
};

static int
jlis_decide_body(struct session *s, void *arg, char **err)
{
	const struct jlis_decision *d = arg;

	return jlis_decide_tx(s, d->key, d->accept, d->reason, err);
}

int
ops_jlis_decide(struct session *s, const char *key, int accept,
    const char *reason, char **err)
{
	static const struct ops_tx_def def = { jlis_decide_body, NULL, NULL };
	struct jlis_decision d = { key, accept, reason };

	if (key == NULL || reason == NULL || text_chars(reason) < 4)
		return err_set(err, key == NULL ? _("name the person") :
		    _("give a reason of at least 4 characters"));
	if (jlis_supervisor(s, err) < 0)
		return -1;
	return ops_tx(s, &def, &d, err);
}

int
ops_jlis_pending(struct session *s, jlis_pending_fn fn, void *arg, char **err)
{
	return jlis_store_pending(s->v, (int)ops_setting(s, "jlis-answer-days"),
	    (int)ops_media_overdue_limit(s), fn, arg, err);
}

static void
jlis_count_bad(enum jlis_bad why, const char *ch, size_t len, void *arg)
{
	(void)why;
	(void)ch;
	(void)len;
	(*(int *)arg)++;
}

/* The spelling itself must be one J-LIS takes: full-width JIS X 0208. */
static int
jlis_spelling_ok(const char *what, const char *v, char **err)
{
	int bad = 0;

	if (v == NULL)
		return 0;
	if (v[0] == '\0' || strlen(v) > 200)
		return err_set(err, _("%s: give 1 to 50 characters"), what);
	if (jlis_scan_for(v, strlen(v), 1, 1, jlis_count_bad, &bad) != 0)
		return err_set(err, _("%s: J-LIS cannot take it either: use "
		    "full-width JIS X 0208 characters (通用字体)"), what);
	return 0;
}

struct jlis_spelling {
	const char *key, *name, *kana, *reason;
};

static int
jlis_inquiry_name_tx(struct session *s, void *arg, char **err)
{
	const struct jlis_spelling *n = arg;
	/* The reason is free text: masked as such, field by field. */
	const struct audit_field d[] = {
		{ "kana", AUDIT_TEXT, n->kana ? "given" : "record" },
		{ "reason", AUDIT_TEXT, n->reason },
	};
	struct person p;
	int64_t id;
	int found, rc;

	found = persons_get(s->v, n->key, &p, &id, err);
	person_clear(&p);
	if (found <= 0)
		return found < 0 ? -1 : err_set(err, _("no person with key '%s'"),
		    n->key);
	rc = jlis_store_inquiry_name_put(s->v, id, n->name, n->kana,
	    n->reason, s->user, err);
	if (rc == 0)
		rc = ops_audit_fields(s, "", "jlis.inquiry-name", n->key, d,
		    sizeof d / sizeof d[0], err);
	return rc;
}

int
ops_jlis_inquiry_name(struct session *s, const char *key, const char *name,
    const char *kana, const char *reason, char **err)
{
	static const struct ops_tx_def def = { jlis_inquiry_name_tx, NULL, NULL };
	struct jlis_spelling n = { key, name, kana, reason };

	if (key == NULL || name == NULL || reason == NULL ||
	    text_chars(reason) < 4)
		return err_set(err, _("name the person, the spelling to send and "
		    "a reason of at least 4 characters"));
	if (jlis_spelling_ok(_("the name to send"), name, err) < 0 ||
	    jlis_spelling_ok(_("the kana to send"), kana, err) < 0)
		return -1;
	return ops_tx(s, &def, &n, err);
}

int
ops_jlis_inquiry_names(struct session *s, jlis_inquiry_name_fn fn, void *arg,
    char **err)
{
	return jlis_store_inquiry_names(s->v, fn, arg, err);
}
