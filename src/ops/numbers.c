/* Number workflows. Each is one audited transaction; the audit detail
 * never holds the number, and mismatches never show either value. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "domain/dates.h"
#include "domain/jstday.h"
#include "domain/mynumber.h"
#include "ops/idproof.h"
#include "ops/numbers.h"
#include "ops/settings.h"
#include "ops/tx.h"
#include "store/numbers.h"
#include "store/persons.h"
#include "store/settings.h"
#include "store/vault.h"
#include "util/err.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char *const number_channels[] = { "member", "family",
	"employer-agent", "employer-proxy", "jlis", NULL };

int
ops_channel_check(const char *channel, char **err)
{
	int i;

	for (i = 0; number_channels[i] != NULL; i++)
		if (channel != NULL && strcmp(channel, number_channels[i]) == 0)
			return 0;
	return err_set(err, _("unknown channel '%s': use member, family, "
	    "employer-agent, employer-proxy or jlis"), channel ? channel : "");
}

/* HMAC-SHA256 with the vault's own secret: equal numbers, equal hashes,
 * and nothing to learn from the hash without the vault. */
static int
number_hmac(struct session *s, const char num[12], unsigned char out[32],
    char **err)
{
	char *hex = settings_meta(s->v, "number_hmac_key");
	unsigned char key[32];
	unsigned int n = 0;
	int rc = 0;

	if (hex == NULL || hex_decode(hex, key, sizeof key) < 0)
		rc = err_set(err, _("the vault has no number key: it is damaged"));
	else
		HMAC(EVP_sha256(), key, sizeof key, (const unsigned char *)num, 12,
		    out, &n);
	OPENSSL_cleanse(key, sizeof key);
	if (hex != NULL)
		OPENSSL_cleanse(hex, strlen(hex));
	free(hex);
	return rc;
}

/* The person's row id; refuses unknown keys with a clear message. */
static int
number_person(struct session *s, const char *key, int64_t *id, char **err)
{
	struct person p;
	int found = persons_get(s->v, key ? key : "", &p, id, err);

	person_clear(&p);
	if (found == 0)
		return err_set(err, _("no person with key '%s'"), key ? key : "");
	return found < 0 ? -1 : 0;
}

/* The collection limit (番号法第20条): a number is collected only for a
 * current insured. One received on or after the day the qualification was
 * lost is refused, with the reason; a number already erased after the
 * retention period is never collected again. A number received while the
 * person was insured may still be recorded after the loss. */
int
ops_number_may_collect(struct session *s, const char *key,
    const char *received, char **err)
{
	struct person p;
	struct number_row row;
	int64_t id;
	char on[11], lost[11];
	int found = persons_get(s->v, key ? key : "", &p, &id, err), erased;

	if (found <= 0) {
		person_clear(&p);
		return found < 0 ? -1 : 0;	/* number_person says so */
	}
	if (received != NULL)
		snprintf(on, sizeof on, "%s", received);
	else
		jst_date_of(time(NULL), on);
	/* YYYYMMDD as stored; anything else (no loss: "") is no loss. */
	found = strlen(p.f[PF_LOST]) == 8;
	if (found) {
		snprintf(lost, sizeof lost, "%.4s-%.2s-%.2s", p.f[PF_LOST],
		    p.f[PF_LOST] + 4, p.f[PF_LOST] + 6);
		found = strcmp(lost, on) <= 0;
	}
	person_clear(&p);
	erased = numbers_get(s->v, id, &row, NULL) > 0 &&
	    strcmp(row.state, "deleted") == 0;
	OPENSSL_cleanse(&row, sizeof row);
	/* Both are about the day received: the console puts the cursor
	 * there, where an earlier day (received while insured) may be typed. */
	if (erased)
		return err_typed(err, ERR_REFUSED, ERR_FIELD_RECEIVED, _("%s's number "
		    "was erased after the retention period: it is not collected "
		    "again (collection limit)"), key);
	if (found)
		return err_typed(err, ERR_REFUSED, ERR_FIELD_RECEIVED, _("%s lost the "
		    "qualification on %s: a number is collected only for a current "
		    "insured (collection limit)"), key, lost);
	return 0;
}

/* Normalises what was typed and computes its keyed hash. */
static int
number_prepare(struct session *s, const char *typed, char num[13],
    unsigned char hmac[32], char **err)
{
	if (mynumber_normalize(typed ? typed : "", num, err) < 0)
		return -1;
	return number_hmac(s, num, hmac, err);
}

/* What one number action names; each body reads its part. */
struct number_action {
	const char *key;
	const struct number_entry *e;	/* enter */
	const char *who;		/* confirm: who confirms; delete: witness */
	enum number_result *res;
	unsigned char hmac[32];
	char num[13];
	const char *reason;		/* reveal */
	char *out;			/* reveal: the number shown */
};

/* Records that another person already holds this number. */
static int
number_duplicate(struct session *s, int64_t id, const char *key, int64_t other,
    const char *actor2, char **err)
{
	struct person p;
	char *detail;
	int rc;

	if (persons_get_by_id(s->v, other, &p, err) < 0)
		return -1;
	detail = xasprintf("held-by=%s", p.f[PF_KEY] ? p.f[PF_KEY] : "?");
	person_clear(&p);
	rc = numbers_queue(s->v, id, "duplicate", other, s->user, actor2, err);
	if (rc == 0)
		rc = ops_audit(s, actor2, "number.duplicate", key, detail, err);
	free(detail);
	return rc;
}

/* A confirmed number is never replaced by a new entry; a row that cannot
 * be read is an error, not "no number yet". */
static int
number_not_confirmed(struct session *s, int64_t id, const char *key,
    char **err)
{
	struct number_row row;
	int found = numbers_get(s->v, id, &row, err), rc = 0;

	if (found < 0)
		rc = -1;
	else if (found > 0 && strcmp(row.state, "confirmed") == 0)
		rc = err_set(err, _("%s already has a confirmed number"), key);
	OPENSSL_cleanse(&row, sizeof row);
	return rc;
}

static int
number_enter_tx(struct session *s, void *arg, char **err)
{
	struct number_action *a = arg;
	const struct number_entry *e = a->e;
	char *detail;
	int64_t id, other;
	int rc, held;

	rc = number_person(s, a->key, &id, err);
	if (rc == 0)
		rc = ops_number_may_collect(s, a->key, e->received, err);
	if (rc == 0)
		rc = number_not_confirmed(s, id, a->key, err);
	held = rc == 0 ? numbers_holder(s->v, a->hmac, &other, err) : 0;
	if (held < 0)
		rc = -1;
	if (rc == 0 && held && other != id) {
		/* The wrong-link problem: never attach one number to two people. */
		*a->res = NUMBER_DUPLICATE;
		rc = numbers_hold(s->v, id, e->channel, e->received, e->doc,
		    s->user, err);
		if (rc == 0)
			rc = number_duplicate(s, id, a->key, other, "", err);
	} else if (rc == 0) {
		rc = numbers_enter(s->v, id, a->num, a->hmac, e->channel,
		    e->received, e->doc, s->user, err);
		detail = xasprintf("channel=%s received=%s doc=%s", e->channel,
		    e->received, e->doc);
		if (rc == 0)
			rc = ops_audit(s, "", "number.enter", a->key, detail, err);
		free(detail);
	}
	return rc;
}

int
ops_number_enter(struct session *s, const char *key, const char *typed,
    const struct number_entry *e, enum number_result *res, char **err)
{
	static const struct ops_tx_def def = { number_enter_tx, NULL, NULL };
	struct number_action a = { .key = key, .e = e, .res = res };
	int rc;

	*res = NUMBER_OK;
	if (ops_channel_check(e->channel, err) < 0 ||
	    date_check(e->received, err) < 0)
		return -1;
	/* A J-LIS number comes with its answer file, on a recorded medium and
	 * with a second person: typed in, it would skip both and the identity
	 * check that other channels need. */
	if (strcmp(e->channel, "jlis") == 0)
		return err_set(err, _("numbers from J-LIS are not typed in: they "
		    "come only through 'jlis receive' from the answer on its "
		    "medium"));
	if (e->doc == NULL || e->doc[0] == '\0' || strlen(e->doc) > 64)
		return err_typed(err, ERR_INPUT, ERR_FIELD_DOC, _("give the document "
		    "reference (at most 64 characters)"));
	if (number_prepare(s, typed, a.num, a.hmac, err) < 0)
		return -1;
	rc = ops_tx(s, &def, &a, err);
	OPENSSL_cleanse(&a, sizeof a);
	return rc;
}

/* Who confirms: the second person logged in on this screen, or the session
 * user when a different user runs the confirmation themselves. */
static int
number_confirmer(struct session *s, struct witness *second,
    const char **who, char **err)
{
	if (second == NULL) {
		*who = s->user;
		return 0;
	}
	return ops_witness_use(s, second, who, err);
}

/* Compares what the confirmer typed with the first entry, by keyed hash. */
static int
number_confirm_tx(struct session *s, const char *key, const unsigned char hmac[32],
    const char *who, enum number_result *res, char **err)
{
	struct number_row row;
	int64_t id;
	int rc, found;

	if ((rc = number_person(s, key, &id, err)) < 0)
		return -1;
	found = numbers_get(s->v, id, &row, err);
	if (found < 0)
		return -1;
	if (found == 0 || strcmp(row.state, "entered") != 0)
		rc = err_set(err, _("%s has no number waiting for confirmation "
		    "(state: %s)"), key, found ? row.state : "missing");
	else if (strcmp(row.entered_by, who) == 0)
		rc = err_set(err, _("%s entered this number: a different person must "
		    "confirm it"), who);
	else if (CRYPTO_memcmp(row.hmac, hmac, 32) == 0) {
		*res = NUMBER_OK;
		/* Same number twice, but it counts only once the identity check
		 * is complete (or an exemption applies). */
		rc = ops_idproof_gate(s, id, row.channel, err);
		if (rc == 0)
			rc = numbers_confirm(s->v, id, who, err);
		/* Both people are in the record: confirmer first, then who keyed it. */
		if (rc == 0)
			rc = ops_audit_as(s, who, row.entered_by, "number.confirm",
			    key, "", err);
	} else {
		*res = NUMBER_MISMATCH;
		rc = numbers_clear(s->v, id, "mismatch", err);
		if (rc == 0)
			rc = numbers_queue(s->v, id, "mismatch", 0, row.entered_by,
			    who, err);
		if (rc == 0)
			rc = ops_audit_as(s, who, row.entered_by, "number.mismatch", key,
			    "queued=supervisor", err);
	}
	OPENSSL_cleanse(&row, sizeof row);
	return rc;
}

static int
number_confirm_body(struct session *s, void *arg, char **err)
{
	struct number_action *a = arg;

	return number_confirm_tx(s, a->key, a->hmac, a->who, a->res, err);
}

int
ops_number_confirm(struct session *s, const char *key, const char *typed,
    struct witness *second, enum number_result *res, char **err)
{
	static const struct ops_tx_def def = { number_confirm_body, NULL, NULL };
	struct number_action a = { .key = key, .res = res };

	*res = NUMBER_OK;
	/* The number's form first: a mistyped number leaves the witness's
	 * handle unspent, so the console asks only for the number again. */
	if (number_prepare(s, typed, a.num, a.hmac, err) < 0 ||
	    number_confirmer(s, second, &a.who, err) < 0) {
		OPENSSL_cleanse(a.num, sizeof a.num);
		return -1;
	}
	OPENSSL_cleanse(a.num, sizeof a.num);
	return ops_tx(s, &def, &a, err);
}

static int
number_match_tx(struct session *s, void *arg, char **err)
{
	struct number_action *a = arg;
	struct number_row row;
	int64_t id;
	int rc, found;

	rc = number_person(s, a->key, &id, err);
	found = rc == 0 ? numbers_get(s->v, id, &row, err) : -1;
	if (found < 0)
		rc = -1;
	else if (found == 0 || strcmp(row.state, "confirmed") != 0)
		rc = err_set(err, _("%s has no confirmed number to match against"),
		    a->key);
	else if (CRYPTO_memcmp(row.hmac, a->hmac, 32) == 0)
		*a->res = NUMBER_OK;
	if (rc == 0)
		rc = ops_audit(s, "", "number.match", a->key, *a->res == NUMBER_OK ?
		    "result=match" : "result=no-match", err);
	OPENSSL_cleanse(&row, sizeof row);
	return rc;
}

int
ops_number_match(struct session *s, const char *key, const char *typed,
    enum number_result *res, char **err)
{
	static const struct ops_tx_def def = { number_match_tx, NULL, NULL };
	struct number_action a = { .key = key, .res = res };

	*res = NUMBER_MISMATCH;
	if (number_prepare(s, typed, a.num, a.hmac, err) < 0)
		return -1;
	OPENSSL_cleanse(a.num, sizeof a.num);
	return ops_tx(s, &def, &a, err);
}

int
ops_number_status(struct session *s, const char *key, char state[16], char **err)
{
	struct number_row row;
	int64_t id;
	int found;

	if (number_person(s, key, &id, err) < 0 ||
	    (found = numbers_get(s->v, id, &row, err)) < 0)
		return -1;
	snprintf(state, 16, "%s", found ? row.state : "missing");
	OPENSSL_cleanse(&row, sizeof row);
	return 0;
}

static int
number_reveal_tx(struct session *s, void *arg, char **err)
{
	struct number_action *a = arg;
	struct number_row row;
	char *detail;
	int64_t id;
	int rc, found;

	rc = number_person(s, a->key, &id, err);
	found = rc == 0 ? numbers_get(s->v, id, &row, err) : -1;
	if (found < 0)
		rc = -1;
	else if (found == 0 || row.number[0] == '\0')
		rc = err_set(err, _("%s has no stored number"), a->key);
	detail = xasprintf("reason=%s", a->reason);
	if (rc == 0)
		rc = ops_audit(s, "", "number.reveal", a->key, detail, err);
	free(detail);
	if (rc == 0)
		memcpy(a->out, row.number, 13);
	OPENSSL_cleanse(&row, sizeof row);
	return rc;
}

int
ops_number_reveal(struct session *s, const char *key, const char *reason,
    char out[13], char **err)
{
	static const struct ops_tx_def def = { number_reveal_tx, NULL, NULL };
	struct number_action a = { .key = key, .reason = reason, .out = out };

	out[0] = '\0';
	if (reason == NULL || strlen(reason) < 4)
		return err_set(err, _("give the reason for showing the number"));
	/* Shown only once its audit record is saved. */
	if (ops_tx(s, &def, &a, err) < 0) {
		OPENSSL_cleanse(out, 13);
		return -1;
	}
	return 0;
}

struct number_due_ctx {
	number_due_fn fn;
	void *arg;
};

static int
number_due_row(int64_t person, const char *key, const char *lost, void *arg)
{
	struct number_due_ctx *c = arg;

	(void)person;
	return c->fn(key, lost, c->arg);
}

int
ops_number_due(struct session *s, number_due_fn fn, void *arg, char **err)
{
	struct number_due_ctx c = { fn, arg };

	return numbers_due(s->v, (int)ops_setting(s, "retention-days"), number_due_row, &c, err);
}

struct number_probe {
	const char *key;
	int found;
};

static int
number_is_due(const char *key, const char *lost, void *arg)
{
	struct number_probe *p = arg;

	(void)lost;
	if (strcmp(key, p->key) == 0)
		p->found = 1;
	return p->found;
}

static int
number_delete_tx(struct session *s, void *arg, char **err)
{
	struct number_action *a = arg;
	struct number_probe probe = { a->key, 0 };
	int64_t id;
	int rc;

	rc = number_person(s, a->key, &id, err);
	if (rc == 0)
		rc = ops_number_due(s, number_is_due, &probe, err);
	if (rc == 0 && !probe.found)
		rc = err_set(err, _("%s is not due for deletion (qualification still "
		    "held, or within the retention period)"), a->key);
	if (rc == 0)
		rc = numbers_clear(s->v, id, "deleted", err);
	if (rc == 0)
		rc = ops_audit(s, a->who, "number.delete", a->key, "erased=yes",
		    err);
	return rc;
}

int
ops_number_delete(struct session *s, const char *key,
    struct witness *second, char **err)
{
	static const struct ops_tx_def def = { number_delete_tx, NULL, NULL };
	struct number_action a = { .key = key };

	if (ops_witness_use(s, second, NULL, err) < 0)
		return -1;
	a.who = ops_witness_name(second);
	return ops_tx(s, &def, &a, err);
}

int
ops_number_queue(struct session *s, numbers_queue_fn fn, void *arg, char **err)
{
	return numbers_queue_list(s->v, fn, arg, err);
}

int
ops_number_store_jlis(struct session *s, int64_t person, const char *num,
    const char *received, const char *doc, enum number_result *res,
    char **err)
{
	struct number_row row;
	unsigned char hmac[32];
	int64_t other;
	int found, held, rc = 0;

	*res = NUMBER_OK;
	if (number_hmac(s, num, hmac, err) < 0 ||
	    (found = numbers_get(s->v, person, &row, err)) < 0)
		return -1;
	if (found && strcmp(row.state, "confirmed") == 0)
		*res = CRYPTO_memcmp(row.hmac, hmac, 32) == 0 ? NUMBER_OK :
		    NUMBER_MISMATCH;
	else if ((held = numbers_holder(s->v, hmac, &other, err)) < 0)
		rc = -1;
	else if (held && other != person)
		*res = NUMBER_DUPLICATE;
	else if ((rc = numbers_enter(s->v, person, num, hmac, "jlis", received,
	    doc, s->user, err)) == 0 &&
	    (rc = ops_idproof_gate(s, person, "jlis", err)) == 0)
		rc = numbers_confirm(s->v, person, s->user, err);
	OPENSSL_cleanse(&row, sizeof row);
	OPENSSL_cleanse(hmac, sizeof hmac);
	return rc;
}
