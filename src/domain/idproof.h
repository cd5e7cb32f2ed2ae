/* Identity verification (本人確認): the rule table and the engine that says
 * whether what was seen is enough, and if not, what is missing. */
#ifndef MYNA_IDPROOF_H
#define MYNA_IDPROOF_H

#include <stddef.h>

/* What a document kind proves. */
#define IDP_NUMBER		0x01	/* 番号確認 */
#define IDP_IDENTITY_PHOTO	0x02	/* 身元確認, one is enough */
#define IDP_IDENTITY_NOPHOTO	0x04	/* 身元確認, two are needed */
#define IDP_PROXY_AUTHORITY	0x08	/* a proxy's authority */
/* A corporate proxy's identity (施行規則 6条): both, as the proxy's. */
#define IDP_CORP_REGISTRY	0x10	/* 登記事項証明書 and the like */
#define IDP_CORP_STAFF		0x20	/* 社員証等 of the employee who comes */

/* What an exemption waives. */
#define IDW_NUMBER		0x01
#define IDW_IDENTITY		0x02

struct iddoc {
	char *id;		/* stable id: "mynumber-card", "passport", ... */
	char *label;		/* words for clerks */
	int proves;		/* IDP_* */
	int copy_by_post;	/* a copy counts when the check is by post */
};

struct idexemption {
	char *id;		/* "earlier-file", "existing-system", "jlis", "face-to-face" */
	char *label;
	int waives;		/* IDW_* */
	int in_person_only;	/* e.g. identity obvious face to face */
};

struct idchannel {
	char *id;		/* member, family, employer-agent, employer-proxy, jlis */
	char *label;
	char *checker;		/* who checks: association, member, employer, none */
	int needs_number;
	int needs_identity;
	int needs_proxy;	/* proxy authority plus the proxy's own identity */
};

struct idrules {
	char *name;
	int version;
	struct iddoc *docs;
	size_t ndocs;
	struct idexemption *exemptions;
	size_t nexemptions;
	struct idchannel *channels;
	size_t nchannels;
};

/* Parses a rule table (INI, see forms/idproof.rules); refuses an
 * inconsistent one with "FILE:LINE: message". */
int idrules_parse(const char *text, size_t len, const char *filename,
    struct idrules *out, char **err);
int idrules_load(const char *path, struct idrules *out, char **err);
void idrules_free(struct idrules *r);
const struct iddoc *idrules_doc(const struct idrules *r, const char *id);
const struct idexemption *idrules_exemption(const struct idrules *r,
    const char *id);
const struct idchannel *idrules_channel(const struct idrules *r, const char *id);

enum idmode { IDMODE_IN_PERSON, IDMODE_POST };

/* What was recorded for one person. A document id prefixed "proxy:" is the
 * proxy's own document (its identity), e.g. "proxy:drivers-licence". */
struct idcase {
	const char *channel;
	enum idmode mode;
	const char *const *docs;
	size_t ndocs;
	const char *const *exemptions;
	size_t nexemptions;
};

struct idresult {
	int complete;
	char *missing;		/* "" when complete, else words for the clerk */
	char *pattern;		/* for counts: "card", "number+photo", "number+two",
				 * "exempt-number+photo", ..., "jlis", "incomplete" */
};

/* Decides; -1 only for unknown channel, document or exemption ids (named in
 * *err). Documents that do not count by post are ignored there, and said so
 * in missing. */
int idproof_decide(const struct idrules *r, const struct idcase *c,
    struct idresult *res, char **err);
void idresult_clear(struct idresult *res);

#endif
