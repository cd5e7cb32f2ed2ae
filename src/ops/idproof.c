/* Identity verification. The rules are data (forms/idproof.rules); this file
 * only records what was seen and asks the engine. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/idproof.h"
#include "ops/tx.h"
#include "store/persons.h"
#include "store/vault.h"
#include "util/i18n.h"
#include "util/paths.h"
#include "util/xmalloc.h"

int
ops_idproof_rules(const char *path, struct idrules *r, char **err)
{
	char *forms = NULL, *p;
	int rc;

	if (path != NULL) {
		p = xstrdup(path);
	} else {
		if ((forms = paths_data("forms")) == NULL)
			return err_set(err, _("rule tables not found: is mynadesk "
			    "installed?"));
		p = xasprintf("%s/idproof.rules", forms);
	}
	rc = idrules_load(p, r, err);
	free(p);
	free(forms);
	return rc;
}

static int
idproof_person(struct session *s, const char *key, int64_t *id, char **err)
{
	struct person p;
	int found = persons_get(s->v, key ? key : "", &p, id, err);

	person_clear(&p);
	if (found == 0)
		return err_set(err, _("no person with key '%s'"), key ? key : "");
	return found < 0 ? -1 : 0;
}

/* Decides over everything recorded for the person. *recorded tells whether
 * there was anything at all. */
static int
idproof_decide_person(struct session *s, const struct idrules *r, int64_t id,
    struct idresult *res, int *recorded, char **err)
{
	struct idproof_items it;
	struct idcase c;
	int rc;

	if (idproof_items(s->v, id, &it, err) < 0)
		return -1;
	*recorded = it.channel[0] != '\0';
	if (!*recorded) {
		idproof_items_free(&it);
		memset(res, 0, sizeof *res);
		res->missing = xstrdup(_("no identity check has been recorded"));
		res->pattern = xstrdup("incomplete");
		return 0;
	}
	c.channel = it.channel;
	c.mode = strcmp(it.mode, "post") == 0 ? IDMODE_POST : IDMODE_IN_PERSON;
	c.docs = (const char *const *)it.docs;
	c.ndocs = it.ndocs;
	c.exemptions = (const char *const *)it.exemptions;
	c.nexemptions = it.nexemptions;
	rc = idproof_decide(r, &c, res, err);
	idproof_items_free(&it);
	return rc;
}

/* Every id must be in the table before anything is written. */
static int
idproof_validate(const struct idrules *r, const struct idproof_request *rq,
    char **err)
{
	size_t i;

	if (idrules_channel(r, rq->channel ? rq->channel : "") == NULL)
		return err_set(err, _("unknown channel '%s'"), rq->channel ?
		    rq->channel : "");
	if (rq->mode == NULL || (strcmp(rq->mode, "in-person") != 0 &&
	    strcmp(rq->mode, "post") != 0))
		return err_set(err, _("mode must be in-person or post"));
	if (rq->ndocs == 0 && rq->nexemptions == 0)
		return err_set(err, _("name at least one document or exemption"));
	for (i = 0; i < rq->ndocs; i++) {
		const char *d = rq->docs[i];

		if (strncmp(d, "proxy:", 6) == 0)
			d += 6;
		if (idrules_doc(r, d) == NULL)
			return err_set(err, _("unknown document kind '%s': see "
			    "forms/idproof.rules"), rq->docs[i]);
	}
	for (i = 0; i < rq->nexemptions; i++)
		if (idrules_exemption(r, rq->exemptions[i]) == NULL)
			return err_set(err, _("unknown exemption '%s': see "
			    "forms/idproof.rules"), rq->exemptions[i]);
	return 0;
}

static char *
idproof_detail(const struct idproof_request *rq, const struct idresult *res)
{
	char *list = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < rq->ndocs + rq->nexemptions; i++) {
		const char *v = i < rq->ndocs ? rq->docs[i] : rq->exemptions[i - rq->ndocs];

		t = xasprintf("%s%s%s%s", list, i ? "," : "",
		    i < rq->ndocs ? "" : "exemption:", v);
		free(list);
		list = t;
	}
	t = xasprintf("channel=%s mode=%s items=%s result=%s pattern=%s", rq->channel,
	    rq->mode, list, res->complete ? "complete" : "incomplete", res->pattern);
	free(list);
	return t;
}

static int
idproof_record_tx(struct session *s, const struct idrules *r, int64_t id,
    const char *key, const struct idproof_request *rq, struct idresult *res,
    char **err)
{
	char *detail;
	size_t i;
	int rc = 0, recorded;

	for (i = 0; rc == 0 && i < rq->ndocs; i++)
		rc = idproof_add(s->v, id, rq->channel, rq->mode, "doc",
		    rq->docs[i], s->user, err);
	for (i = 0; rc == 0 && i < rq->nexemptions; i++)
		rc = idproof_add(s->v, id, rq->channel, rq->mode, "exemption",
		    rq->exemptions[i], s->user, err);
	if (rc == 0)
		rc = idproof_decide_person(s, r, id, res, &recorded, err);
	if (rc == 0)
		rc = idproof_set_status(s->v, id, rq->channel, rq->mode,
		    res->complete, res->pattern, res->missing, err);
	if (rc == 0) {
		detail = idproof_detail(rq, res);
		rc = ops_audit(s, "", "idproof.record", key, detail, err);
		free(detail);
	}
	return rc;
}

struct idproof_tx {
	const struct idrules *r;
	const char *key;
	const struct idproof_request *rq;
	struct idresult *res;
};

static int
idproof_record_body(struct session *s, void *arg, char **err)
{
	const struct idproof_tx *t = arg;
	int64_t id;

	if (idproof_person(s, t->key, &id, err) < 0)
		return -1;
	return idproof_record_tx(s, t->r, id, t->key, t->rq, t->res, err);
}

int
ops_idproof_record(struct session *s, const char *key,
    const struct idproof_request *rq, struct idresult *res, char **err)
{
	static const struct ops_tx_def def = { idproof_record_body, NULL, NULL };
	struct idrules r;
	struct idproof_tx t = { &r, key, rq, res };
	int rc;

	memset(res, 0, sizeof *res);
	if (ops_idproof_rules(NULL, &r, err) < 0)
		return -1;
	rc = idproof_validate(&r, rq, err);
	if (rc == 0)
		rc = ops_tx(s, &def, &t, err);
	idrules_free(&r);
	return rc;
}

int
ops_idproof_status(struct session *s, const char *key, struct idresult *res,
    char **err)
{
	struct idrules r;
	int64_t id;
	int rc, recorded;

	memset(res, 0, sizeof *res);
	if (idproof_person(s, key, &id, err) < 0 ||
	    ops_idproof_rules(NULL, &r, err) < 0)
		return -1;
	rc = idproof_decide_person(s, &r, id, res, &recorded, err);
	idrules_free(&r);
	return rc;
}

int
ops_idproof_open(struct session *s, const char *channel, idproof_open_fn fn,
    void *arg, char **err)
{
	return idproof_open(s->v, channel, fn, arg, err);
}

int
ops_idproof_patterns(struct session *s, idproof_count_fn fn, void *arg,
    char **err)
{
	return idproof_patterns(s->v, fn, arg, err);
}

int
ops_idproof_gate(struct session *s, int64_t person, const char *channel,
    char **err)
{
	struct idrules r;
	struct idresult res;
	int rc, recorded;

	memset(&res, 0, sizeof res);
	/* A number from J-LIS needs no identity check. */
	if (channel != NULL && strcmp(channel, "jlis") == 0)
		return 0;
	if (ops_idproof_rules(NULL, &r, err) < 0)
		return -1;
	rc = idproof_decide_person(s, &r, person, &res, &recorded, err);
	idrules_free(&r);
	if (rc == 0 && !res.complete)
		rc = err_set(err, _("the identity check is incomplete: %s. Record the "
		    "documents seen, or an exemption, before confirming"), res.missing);
	idresult_clear(&res);
	return rc;
}
