/* Identity verification workflows: recording what was seen, the decision,
 * the lists for the office and the audit. */
#ifndef MYNA_OPS_IDPROOF_H
#define MYNA_OPS_IDPROOF_H

#include "domain/idproof.h"
#include "ops/session.h"
#include "store/idproof.h"

/* The rule table: path, or forms/idproof.rules when NULL. */
int ops_idproof_rules(const char *path, struct idrules *r, char **err);

struct idproof_request {
	const char *channel;
	const char *mode;		/* "in-person" or "post" */
	const char *const *docs;	/* document ids; "proxy:ID" for the proxy's */
	size_t ndocs;
	const char *const *exemptions;
	size_t nexemptions;
};

/* Adds to what was recorded before for the person, decides again, audits. */
int ops_idproof_record(struct session *s, const char *key,
    const struct idproof_request *rq, struct idresult *res, char **err);
/* The decision over everything recorded so far. */
int ops_idproof_status(struct session *s, const char *key,
    struct idresult *res, char **err);
int ops_idproof_open(struct session *s, const char *channel, idproof_open_fn fn,
    void *arg, char **err);
int ops_idproof_patterns(struct session *s, idproof_count_fn fn, void *arg,
    char **err);
/* For number confirmation: 0 when the person's verification is complete (or
 * the number came from J-LIS), else -1 naming what is missing. */
int ops_idproof_gate(struct session *s, int64_t person, const char *channel,
    char **err);

#endif
