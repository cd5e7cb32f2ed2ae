/* Unit tests for identity verification: the shipped rule table, each kind
 * of document and channel, every small combination against a plain
 * re-statement of the rules, and broken tables refused at their line. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "domain/idproof.h"
#include "util/xmalloc.h"

#define SHIPPED MYNA_SRCDIR "/forms/idproof.rules"

#define MISS_NUMBER "a number document (My Number card, notification card " \
	"or resident record)"
#define MISS_IDENTITY "an identity document with a photo, or two without"
#define MISS_SECOND "a second identity document without a photo, or one " \
	"with a photo"
#define MISS_AUTHORITY "proof of the proxy's authority (letter of attorney " \
	"or family register extract)"
#define MISS_PROXY_ID "the proxy's own identity document"
#define MISS_PROXY_SECOND "a second identity document of the proxy " \
	"without a photo, or one with a photo"
#define MISS_STAFF "the 社員証 (or the like) of the employee who acts for " \
	"the corporate proxy"
#define MISS_REGISTRY "the corporate proxy's 登記事項証明書 (or another " \
	"official record of it)"

/* The shipped table, loaded once for the decision tests. */
static struct idrules shipped;

/*
 * Decides for channel, mode, and space-separated documents and exemptions,
 * and compares with the pattern and the missing words wanted ("" when
 * complete).
 */
static void
decide_is(const struct idrules *r, const char *channel, enum idmode mode,
    const char *docs, const char *exemptions, const char *pattern,
    const char *missing)
{
	const char *dv[8], *ev[8];
	char *dbuf = xstrdup(docs), *ebuf = xstrdup(exemptions), *tok, *save;
	struct idcase c;
	struct idresult res;
	char *err = NULL;
	size_t nd = 0, ne = 0;

	for (tok = strtok_r(dbuf, " ", &save); tok != NULL && nd < 8;
	    tok = strtok_r(NULL, " ", &save))
		dv[nd++] = tok;
	for (tok = strtok_r(ebuf, " ", &save); tok != NULL && ne < 8;
	    tok = strtok_r(NULL, " ", &save))
		ev[ne++] = tok;
	c.channel = channel;
	c.mode = mode;
	c.docs = dv;
	c.ndocs = nd;
	c.exemptions = ev;
	c.nexemptions = ne;
	if (idproof_decide(r, &c, &res, &err) != 0)
		fail_msg("%s [%s] [%s]: %s", channel, docs, exemptions, err);
	if (strcmp(res.pattern, pattern) != 0 ||
	    strcmp(res.missing, missing) != 0)
		fail_msg("%s %s [%s] [%s]: got %s \"%s\", wanted %s \"%s\"",
		    channel, mode == IDMODE_POST ? "post" : "in person", docs,
		    exemptions, res.pattern, res.missing, pattern, missing);
	assert_int_equal(res.complete, strcmp(pattern, "incomplete") != 0);
	idresult_clear(&res);
	assert_null(res.pattern);
	free(dbuf);
	free(ebuf);
}

static void
member_is(const char *docs, const char *exemptions, const char *pattern,
    const char *missing)
{
	decide_is(&shipped, "member", IDMODE_IN_PERSON, docs, exemptions,
	    pattern, missing);
	decide_is(&shipped, "member", IDMODE_POST, docs, exemptions, pattern,
	    missing);
}

static int
setup(void **st)
{
	char *err = NULL;

	(void)st;
	if (idrules_load(SHIPPED, &shipped, &err) != 0) {
		fprintf(stderr, "# %s\n", err);
		free(err);
		return -1;
	}
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	idrules_free(&shipped);
	return 0;
}

static void
test_null_empty(void **st)
{
	struct idrules r;
	struct idresult res;
	struct idcase c = { "member", IDMODE_IN_PERSON, NULL, 0, NULL, 0 };
	char *err = NULL;

	(void)st;
	assert_int_equal(idrules_parse(NULL, 0, NULL, &r, &err), -1);
	assert_string_equal(err, "rules:1: no [rules] section");
	free(err);
	err = NULL;
	assert_int_equal(idrules_parse("", 0, "t.rules", &r, &err), -1);
	assert_string_equal(err, "t.rules:1: no [rules] section");
	free(err);
	err = NULL;
	assert_int_equal(idrules_parse("[rules]\n", 8, "t", NULL, &err), -1);
	assert_int_equal(idrules_load(NULL, &r, &err), -1);
	assert_int_equal(idrules_load("/nonexistent/x", &r, &err), -1);
	assert_int_equal(idrules_load("/", &r, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(idrules_parse("", 0, NULL, &r, NULL), -1);
	assert_null(r.docs);
	idrules_free(NULL);
	idrules_free(&r);
	assert_null(idrules_doc(NULL, "passport"));
	assert_null(idrules_doc(&shipped, NULL));
	assert_null(idrules_exemption(NULL, "jlis"));
	assert_null(idrules_channel(NULL, "member"));
	assert_null(idrules_channel(&shipped, ""));

	/* The first failure wins: each case gets a fresh message. */
	assert_int_equal(idproof_decide(NULL, &c, &res, NULL), -1);
	assert_null(res.pattern);
	assert_int_equal(idproof_decide(&shipped, NULL, &res, NULL), -1);
	assert_int_equal(idproof_decide(&shipped, &c, NULL, NULL), -1);
	c.ndocs = 1;
	assert_int_equal(idproof_decide(&shipped, &c, &res, NULL), -1);
	c.ndocs = 0;
	c.channel = NULL;
	assert_int_equal(idproof_decide(&shipped, &c, &res, &err), -1);
	assert_string_equal(err, "unknown channel ''");
	free(err);
	idresult_clear(NULL);

	/* Nothing seen: everything missing. */
	decide_is(&shipped, "member", IDMODE_IN_PERSON, "", "", "incomplete",
	    MISS_NUMBER "; " MISS_IDENTITY);
	decide_is(&shipped, "employer-proxy", IDMODE_POST, "", "",
	    "incomplete", MISS_NUMBER "; " MISS_AUTHORITY "; " MISS_PROXY_ID);
}

static void
test_unknown_ids(void **st)
{
	static const char *const bad[] = { "nothing", "proxy:nothing",
	    "proxy:", "Passport", "proxy:proxy:passport" };
	const char *docs[2] = { "passport", NULL };
	const char *ex[1] = { "never" };
	struct idcase c = { "member", IDMODE_IN_PERSON, docs, 2, NULL, 0 };
	struct idresult res;
	char *err = NULL, want[64];
	size_t i;

	(void)st;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		docs[1] = bad[i];
		assert_int_equal(idproof_decide(&shipped, &c, &res, &err), -1);
		snprintf(want, sizeof want, "unknown document '%s'", bad[i]);
		assert_string_equal(err, want);
		free(err);
		err = NULL;
		assert_null(res.missing);
	}
	docs[1] = NULL;
	assert_int_equal(idproof_decide(&shipped, &c, &res, &err), -1);
	assert_string_equal(err, "unknown document ''");
	free(err);
	err = NULL;
	c.ndocs = 1;
	c.exemptions = ex;
	c.nexemptions = 1;
	assert_int_equal(idproof_decide(&shipped, &c, &res, &err), -1);
	assert_string_equal(err, "unknown exemption 'never'");
	free(err);
	err = NULL;
	c.nexemptions = 0;
	c.channel = "nobody";
	assert_int_equal(idproof_decide(&shipped, &c, &res, &err), -1);
	assert_string_equal(err, "unknown channel 'nobody'");
	free(err);
	err = NULL;
	c.channel = "member";
	c.mode = (enum idmode)7;
	assert_int_equal(idproof_decide(&shipped, &c, &res, &err), -1);
	free(err);
	/* No error slot: still refused. */
	c.channel = "nobody";
	assert_int_equal(idproof_decide(&shipped, &c, &res, NULL), -1);
}

static void
test_shipped(void **st)
{
	static const char *const docs[] = { "mynumber-card",
	    "notification-card", "resident-record", "resident-record-items",
	    "drivers-licence", "passport", "residence-card",
	    "disability-handbook", "driving-record",
	    "special-permanent-resident", "mental-health-handbook",
	    "rehabilitation-handbook", "insurance-certificate", "pension-book",
	    "letter-of-attorney", "family-register", "corporate-register",
	    "employee-id" };
	static const int proves[] = {
	    IDP_NUMBER | IDP_IDENTITY_PHOTO, IDP_NUMBER, IDP_NUMBER, IDP_NUMBER,
	    IDP_IDENTITY_PHOTO, IDP_IDENTITY_PHOTO, IDP_IDENTITY_PHOTO,
	    IDP_IDENTITY_PHOTO, IDP_IDENTITY_PHOTO, IDP_IDENTITY_PHOTO,
	    IDP_IDENTITY_PHOTO, IDP_IDENTITY_PHOTO, IDP_IDENTITY_NOPHOTO,
	    IDP_IDENTITY_NOPHOTO, IDP_PROXY_AUTHORITY, IDP_PROXY_AUTHORITY,
	    IDP_CORP_REGISTRY, IDP_CORP_STAFF };
	const struct iddoc *d;
	const struct idexemption *e;
	const struct idchannel *ch;
	size_t i;

	(void)st;
	assert_string_equal(shipped.name, "本人確認の基準");
	assert_int_equal(shipped.version, 2);
	assert_int_equal(shipped.ndocs, 18);
	assert_int_equal(shipped.nexemptions, 4);
	assert_int_equal(shipped.nchannels, 5);
	for (i = 0; i < 18; i++) {
		d = idrules_doc(&shipped, docs[i]);
		assert_non_null(d);
		assert_ptr_equal(d, &shipped.docs[i]);
		assert_int_equal(d->proves, proves[i]);
		assert_true(d->label[0] != '\0');
	}
	assert_string_equal(idrules_doc(&shipped, "family-register")->label,
	    "戸籍謄本");
	e = idrules_exemption(&shipped, "face-to-face");
	assert_int_equal(e->waives, IDW_IDENTITY);
	assert_int_equal(e->in_person_only, 1);
	e = idrules_exemption(&shipped, "jlis");
	assert_int_equal(e->waives, IDW_NUMBER);
	assert_int_equal(e->in_person_only, 0);
	assert_non_null(idrules_exemption(&shipped, "earlier-file"));
	assert_non_null(idrules_exemption(&shipped, "existing-system"));
	ch = idrules_channel(&shipped, "employer-proxy");
	assert_string_equal(ch->checker, "association");
	/* 番号法施行令 12条2項: not the person's own identity. */
	assert_true(ch->needs_number && !ch->needs_identity && ch->needs_proxy);
	ch = idrules_channel(&shipped, "jlis");
	assert_string_equal(ch->checker, "none");
	assert_false(ch->needs_number || ch->needs_identity ||
	    ch->needs_proxy);
	assert_string_equal(idrules_channel(&shipped, "family")->checker,
	    "member");
	assert_string_equal(idrules_channel(&shipped,
	    "employer-agent")->checker, "employer");
}

/* One test per row of the table: the document alone, then in its natural
 * company. */
static void
test_doc_mynumber_card(void **st)
{
	(void)st;
	member_is("mynumber-card", "", "card", "");
	member_is("mynumber-card passport", "", "card", "");
	member_is("mynumber-card mynumber-card", "", "card", "");
	member_is("proxy:mynumber-card", "", "incomplete",
	    MISS_NUMBER "; " MISS_IDENTITY);
}

static void
test_doc_notification_card(void **st)
{
	(void)st;
	member_is("notification-card", "", "incomplete", MISS_IDENTITY);
	member_is("notification-card drivers-licence", "", "number+photo", "");
	member_is("notification-card insurance-certificate pension-book", "",
	    "number+two", "");
	member_is("notification-card pension-book", "", "incomplete",
	    MISS_SECOND);
}

static void
test_doc_resident_record(void **st)
{
	(void)st;
	member_is("resident-record", "", "incomplete", MISS_IDENTITY);
	member_is("resident-record passport", "", "number+photo", "");
	member_is("pension-book resident-record insurance-certificate", "",
	    "number+two", "");
	/* Two number documents are not identity. */
	member_is("resident-record notification-card", "", "incomplete",
	    MISS_IDENTITY);
}

static void
test_doc_drivers_licence(void **st)
{
	(void)st;
	member_is("drivers-licence", "", "incomplete", MISS_NUMBER);
	member_is("drivers-licence notification-card", "", "number+photo", "");
	member_is("drivers-licence", "earlier-file", "exempt-number+photo",
	    "");
}

static void
test_doc_passport(void **st)
{
	(void)st;
	member_is("passport", "", "incomplete", MISS_NUMBER);
	member_is("passport resident-record", "", "number+photo", "");
	member_is("passport", "existing-system", "exempt-number+photo", "");
}

static void
test_doc_residence_card(void **st)
{
	(void)st;
	member_is("residence-card", "", "incomplete", MISS_NUMBER);
	member_is("residence-card notification-card", "", "number+photo", "");
	member_is("residence-card", "jlis", "exempt-number+photo", "");
}

static void
test_doc_disability_handbook(void **st)
{
	(void)st;
	member_is("disability-handbook", "", "incomplete", MISS_NUMBER);
	member_is("disability-handbook resident-record", "", "number+photo",
	    "");
	member_is("disability-handbook pension-book notification-card", "",
	    "number+photo", "");
}

static void
test_doc_insurance_certificate(void **st)
{
	(void)st;
	member_is("insurance-certificate", "", "incomplete",
	    MISS_NUMBER "; " MISS_SECOND);
	member_is("insurance-certificate notification-card", "", "incomplete",
	    MISS_SECOND);
	/* The same document twice is still one. */
	member_is("insurance-certificate insurance-certificate "
	    "notification-card", "", "incomplete", MISS_SECOND);
	member_is("insurance-certificate pension-book", "existing-system",
	    "exempt-number+two", "");
}

static void
test_doc_pension_book(void **st)
{
	(void)st;
	member_is("pension-book", "", "incomplete",
	    MISS_NUMBER "; " MISS_SECOND);
	member_is("pension-book insurance-certificate mynumber-card", "",
	    "card", "");
	member_is("pension-book insurance-certificate", "jlis",
	    "exempt-number+two", "");
	/* A proxy's document does not make the person's second one. */
	member_is("pension-book proxy:insurance-certificate", "earlier-file",
	    "incomplete", MISS_SECOND);
}

static void
test_doc_letter_of_attorney(void **st)
{
	(void)st;
	/* Proves nothing about the person. */
	member_is("letter-of-attorney notification-card", "", "incomplete",
	    MISS_IDENTITY);
	decide_is(&shipped, "employer-proxy", IDMODE_IN_PERSON,
	    "letter-of-attorney", "", "incomplete",
	    MISS_NUMBER "; " MISS_PROXY_ID);
	decide_is(&shipped, "employer-proxy", IDMODE_POST,
	    "mynumber-card letter-of-attorney proxy:drivers-licence", "",
	    "number+proxy", "");
	/* Recorded as the proxy's, it still proves the authority. */
	decide_is(&shipped, "employer-proxy", IDMODE_IN_PERSON,
	    "mynumber-card proxy:letter-of-attorney proxy:passport", "",
	    "number+proxy", "");
}

static void
test_doc_family_register(void **st)
{
	(void)st;
	member_is("family-register", "", "incomplete",
	    MISS_NUMBER "; " MISS_IDENTITY);
	decide_is(&shipped, "employer-proxy", IDMODE_IN_PERSON,
	    "notification-card drivers-licence family-register "
	    "proxy:insurance-certificate proxy:pension-book", "",
	    "number+proxy", "");
	decide_is(&shipped, "employer-proxy", IDMODE_POST,
	    "resident-record passport family-register proxy:pension-book", "",
	    "incomplete", MISS_PROXY_SECOND);
}

/* 番号法施行令 12条2項: with a proxy, the proxy's authority, the proxy's
 * identity and the person's number document; not the person's identity. */
static void
test_proxy_rule(void **st)
{
	static const char *const photo_docs[] = { "driving-record",
	    "special-permanent-resident", "mental-health-handbook",
	    "rehabilitation-handbook" };
	char docs[80];
	size_t i;

	(void)st;
	decide_is(&shipped, "employer-proxy", IDMODE_POST,
	    "notification-card letter-of-attorney proxy:drivers-licence", "",
	    "number+proxy", "");
	decide_is(&shipped, "employer-proxy", IDMODE_IN_PERSON,
	    "letter-of-attorney proxy:passport", "", "incomplete", MISS_NUMBER);
	/* A corporate proxy: its register and the employee's tie, both. */
	decide_is(&shipped, "employer-proxy", IDMODE_POST,
	    "notification-card letter-of-attorney proxy:corporate-register "
	    "proxy:employee-id", "", "number+proxy", "");
	decide_is(&shipped, "employer-proxy", IDMODE_POST,
	    "notification-card letter-of-attorney proxy:corporate-register", "",
	    "incomplete", MISS_STAFF);
	decide_is(&shipped, "employer-proxy", IDMODE_POST,
	    "notification-card letter-of-attorney proxy:employee-id", "",
	    "incomplete", MISS_REGISTRY);
	/* They say nothing about the person themself. */
	member_is("notification-card corporate-register employee-id", "",
	    "incomplete", MISS_IDENTITY);
	/* The rest of 施行規則 1条, and 住民票記載事項証明書 for the number. */
	for (i = 0; i < sizeof photo_docs / sizeof photo_docs[0]; i++) {
		snprintf(docs, sizeof docs, "notification-card %s",
		    photo_docs[i]);
		member_is(docs, "", "number+photo", "");
	}
	member_is("resident-record-items passport", "", "number+photo", "");
	member_is("resident-record-items", "", "incomplete", MISS_IDENTITY);
}

static void
test_exemptions(void **st)
{
	(void)st;
	decide_is(&shipped, "member", IDMODE_IN_PERSON, "notification-card",
	    "face-to-face", "number+exempt-identity", "");
	decide_is(&shipped, "member", IDMODE_POST, "notification-card",
	    "face-to-face", "incomplete", MISS_IDENTITY "; "
	    "対面で本人であることが明らか was not counted: it applies in "
	    "person only");
	decide_is(&shipped, "member", IDMODE_IN_PERSON, "", "earlier-file "
	    "face-to-face", "exempt", "");
	decide_is(&shipped, "member", IDMODE_POST, "", "jlis", "incomplete",
	    MISS_IDENTITY);
	/* A document seen wins over an exemption in the count. */
	decide_is(&shipped, "member", IDMODE_IN_PERSON, "mynumber-card",
	    "existing-system face-to-face", "card", "");
}

/* A table where some copies do not count by post. */
static void
test_copy_by_post(void **st)
{
	static const char text[] =
	    "[rules]\nname = t\nversion = 2\n"
	    "[doc card]\nlabel = カード\nproves = number, identity-photo\n"
	    "copy_by_post = no\n"
	    "[doc attorney]\nlabel = 委任状\nproves = proxy-authority\n"
	    "copy_by_post = No\n"
	    "[doc book]\nlabel = 手帳\nproves = identity-nophoto\n"
	    "copy_by_post = YES\n"
	    "[doc note]\nlabel = 通知\nproves = identity-nophoto\n"
	    "copy_by_post = yes\n"
	    "[channel member]\nlabel = a\nchecker = association\n"
	    "needs = number,identity\n"
	    "[channel family]\nlabel = b\nchecker = member\nneeds = number\n"
	    "[channel employer-agent]\nlabel = c\nchecker = employer\n"
	    "needs = identity\n"
	    "[channel employer-proxy]\nlabel = d\nchecker = association\n"
	    "needs = number , identity , proxy\n"
	    "[channel jlis]\nlabel = e\nchecker = none\nneeds = none\n";
	struct idrules r;
	char *err = NULL;

	(void)st;
	if (idrules_parse(text, strlen(text), "t", &r, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(r.version, 2);
	assert_int_equal(r.nexemptions, 0);
	decide_is(&r, "member", IDMODE_IN_PERSON, "card", "", "card", "");
	decide_is(&r, "member", IDMODE_POST, "card card", "", "incomplete",
	    MISS_NUMBER "; " MISS_IDENTITY "; カード was not counted: a copy "
	    "of it does not count by post");
	decide_is(&r, "employer-proxy", IDMODE_POST,
	    "card attorney proxy:book proxy:note proxy:card", "", "incomplete",
	    MISS_NUMBER "; " MISS_IDENTITY "; " MISS_AUTHORITY "; カード was "
	    "not counted: a copy of it does not count by post; 委任状 was not "
	    "counted: a copy of it does not count by post");
	decide_is(&r, "employer-proxy", IDMODE_IN_PERSON,
	    "card attorney proxy:book proxy:note", "", "card+proxy", "");
	/* Channels that need one part only. */
	decide_is(&r, "family", IDMODE_IN_PERSON, "card", "", "number", "");
	decide_is(&r, "employer-agent", IDMODE_POST, "book note", "", "two",
	    "");
	decide_is(&r, "employer-agent", IDMODE_IN_PERSON, "card", "", "photo",
	    "");
	/* A complete case says nothing of what was not counted. */
	decide_is(&r, "employer-agent", IDMODE_POST, "card book note", "",
	    "two", "");
	idrules_free(&r);
}

/* One test per channel. */
static void
test_channel_member(void **st)
{
	(void)st;
	member_is("mynumber-card", "", "card", "");
	member_is("proxy:mynumber-card letter-of-attorney", "", "incomplete",
	    MISS_NUMBER "; " MISS_IDENTITY);
}

static void
test_channel_family(void **st)
{
	(void)st;
	decide_is(&shipped, "family", IDMODE_IN_PERSON,
	    "notification-card insurance-certificate pension-book", "",
	    "number+two", "");
	decide_is(&shipped, "family", IDMODE_POST, "notification-card",
	    "face-to-face", "incomplete", MISS_IDENTITY "; 対面で本人である"
	    "ことが明らか was not counted: it applies in person only");
}

static void
test_channel_employer_agent(void **st)
{
	(void)st;
	decide_is(&shipped, "employer-agent", IDMODE_IN_PERSON,
	    "resident-record", "face-to-face", "number+exempt-identity", "");
	decide_is(&shipped, "employer-agent", IDMODE_POST,
	    "resident-record residence-card", "", "number+photo", "");
	/* The employer acting for the association needs no authority. */
	decide_is(&shipped, "employer-agent", IDMODE_POST, "mynumber-card", "",
	    "card", "");
}

static void
test_channel_employer_proxy(void **st)
{
	(void)st;
	decide_is(&shipped, "employer-proxy", IDMODE_IN_PERSON,
	    "mynumber-card", "", "incomplete",
	    MISS_AUTHORITY "; " MISS_PROXY_ID);
	decide_is(&shipped, "employer-proxy", IDMODE_IN_PERSON,
	    "mynumber-card proxy:passport", "", "incomplete", MISS_AUTHORITY);
	decide_is(&shipped, "employer-proxy", IDMODE_IN_PERSON,
	    "mynumber-card letter-of-attorney", "", "incomplete",
	    MISS_PROXY_ID);
	/* The person's own licence is not the proxy's. */
	decide_is(&shipped, "employer-proxy", IDMODE_IN_PERSON,
	    "notification-card drivers-licence letter-of-attorney", "",
	    "incomplete", MISS_PROXY_ID);
	decide_is(&shipped, "employer-proxy", IDMODE_POST,
	    "pension-book insurance-certificate letter-of-attorney "
	    "proxy:residence-card", "existing-system",
	    "exempt-number+proxy", "");
	/* Face to face waives the person's identity, not the proxy's. */
	decide_is(&shipped, "employer-proxy", IDMODE_IN_PERSON,
	    "notification-card family-register", "face-to-face", "incomplete",
	    MISS_PROXY_ID);
	decide_is(&shipped, "employer-proxy", IDMODE_IN_PERSON,
	    "notification-card family-register proxy:mynumber-card",
	    "face-to-face", "number+proxy", "");
}

static void
test_channel_jlis(void **st)
{
	(void)st;
	decide_is(&shipped, "jlis", IDMODE_IN_PERSON, "", "", "jlis", "");
	decide_is(&shipped, "jlis", IDMODE_POST, "", "", "jlis", "");
	decide_is(&shipped, "jlis", IDMODE_POST, "pension-book", "face-to-face",
	    "jlis", "");
}

/*
 * The rules again, written plainly from DOMAIN.md and the shipped table
 * without looking at the parsed one: what each document id proves, which
 * exemption waives what. nopost lists the ids whose copies do not count by
 * post in the table under test.
 */
static const char *const p_docs[] = { "mynumber-card", "notification-card",
    "resident-record", "drivers-licence", "passport", "residence-card",
    "disability-handbook", "insurance-certificate", "pension-book",
    "letter-of-attorney", "family-register" };
#define P_NDOCS (sizeof p_docs / sizeof p_docs[0])
static const char *const p_channels[] = { "member", "family",
    "employer-agent", "employer-proxy", "jlis" };
static const char *const p_exemptions[] = { "earlier-file",
    "existing-system", "jlis", "face-to-face" };

static int
p_in(const char *id, const char *list)
{
	const char *s = strstr(list, id);
	size_t n = strlen(id);

	/* Whole words of a space-separated list. */
	while (s != NULL) {
		if ((s == list || s[-1] == ' ') && (s[n] == ' ' ||
		    s[n] == '\0'))
			return 1;
		s = strstr(s + 1, id);
	}
	return 0;
}

struct p_answer {
	int	complete;
	char	pattern[64];
	int	number, identity, authority, proxy_identity;
	int	noted;		/* a document was not counted by post */
};

static void
p_oracle(const char *const *docs, size_t ndocs, enum idmode mode,
    const char *channel, const char *exemption, const char *nopost,
    struct p_answer *a)
{
	const char *numbers = "mynumber-card notification-card "
	    "resident-record";
	const char *photos = "mynumber-card drivers-licence passport "
	    "residence-card disability-handbook";
	const char *nophotos = "insurance-certificate pension-book";
	const char *authorities = "letter-of-attorney family-register";
	int post = mode == IDMODE_POST, num_doc = 0, card = 0, photo = 0;
	int two = 0, ex_num, ex_id, auth = 0, p_photo = 0, p_two = 0;
	int needs_n, needs_i, needs_p;
	size_t i, self_nophoto = 0, proxy_nophoto = 0;
	const char *id;

	memset(a, 0, sizeof *a);
	/* Every subset has distinct ids, so counting is counting distinct. */
	for (i = 0; i < ndocs; i++) {
		int proxy = strncmp(docs[i], "proxy:", 6) == 0;

		id = proxy ? docs[i] + 6 : docs[i];
		if (post && p_in(id, nopost)) {
			a->noted = 1;
			continue;
		}
		if (p_in(id, authorities))
			auth = 1;
		if (proxy) {
			p_photo |= p_in(id, photos);
			proxy_nophoto += (size_t)p_in(id, nophotos);
			continue;
		}
		num_doc |= p_in(id, numbers);
		photo |= p_in(id, photos);
		card |= strcmp(id, "mynumber-card") == 0;
		self_nophoto += (size_t)p_in(id, nophotos);
	}
	two = self_nophoto >= 2;
	p_two = proxy_nophoto >= 2;
	ex_num = exemption != NULL && strcmp(exemption, "face-to-face") != 0;
	ex_id = exemption != NULL && strcmp(exemption, "face-to-face") == 0 &&
	    !post;
	if (exemption != NULL && strcmp(exemption, "face-to-face") == 0 &&
	    post)
		a->noted = 1;
	needs_p = strcmp(channel, "employer-proxy") == 0;
	needs_n = strcmp(channel, "jlis") != 0;
	/* 番号法施行令 12条2項: a proxy's papers, not the person's identity. */
	needs_i = needs_n && !needs_p;

	a->number = !needs_n || num_doc || ex_num;
	a->identity = !needs_i || photo || two || ex_id;
	a->authority = !needs_p || auth;
	a->proxy_identity = !needs_p || p_photo || p_two;
	a->complete = a->number && a->identity && a->authority &&
	    a->proxy_identity;
	if (!a->complete)
		snprintf(a->pattern, sizeof a->pattern, "incomplete");
	else if (!needs_n)
		snprintf(a->pattern, sizeof a->pattern, "jlis");
	else if (needs_p)
		snprintf(a->pattern, sizeof a->pattern, "%s+proxy",
		    num_doc ? "number" : "exempt-number");
	else
		snprintf(a->pattern, sizeof a->pattern, "%s%s",
		    card ? "card" :
		    num_doc && photo ? "number+photo" :
		    num_doc && two ? "number+two" :
		    num_doc ? "number+exempt-identity" :
		    photo ? "exempt-number+photo" :
		    two ? "exempt-number+two" : "exempt",
		    needs_p ? "+proxy" : "");
}

/* Every subset of up to three documents (the person's and the proxy's),
 * both ways, every channel, no exemption or one: the engine and the plain
 * re-statement agree in both directions. */
static size_t
p_check_all(const struct idrules *r, const char *nopost)
{
	const char *all[2 * P_NDOCS], *pick[3];
	char names[P_NDOCS][40];
	size_t n = 2 * P_NDOCS, i, j, k, size, m, ch, ex, count = 0;
	int mode;

	for (i = 0; i < P_NDOCS; i++) {
		all[i] = p_docs[i];
		snprintf(names[i], sizeof names[i], "proxy:%s", p_docs[i]);
		all[P_NDOCS + i] = names[i];
	}
	for (size = 0; size <= 3; size++)
	for (i = 0; i < (size >= 1 ? n : 1); i++)
	for (j = size >= 2 ? i + 1 : 0; j < (size >= 2 ? n : 1); j++)
	for (k = size >= 3 ? j + 1 : 0; k < (size >= 3 ? n : 1); k++)
	for (mode = 0; mode < 2; mode++)
	for (ch = 0; ch < 5; ch++)
	for (ex = 0; ex <= 4; ex++) {
		struct idcase c;
		struct idresult res;
		struct p_answer a;
		const char *exv[1];
		char *err = NULL;

		m = 0;
		if (size >= 1)
			pick[m++] = all[i];
		if (size >= 2)
			pick[m++] = all[j];
		if (size >= 3)
			pick[m++] = all[k];
		exv[0] = ex < 4 ? p_exemptions[ex] : NULL;
		c.channel = p_channels[ch];
		c.mode = mode ? IDMODE_POST : IDMODE_IN_PERSON;
		c.docs = pick;
		c.ndocs = m;
		c.exemptions = exv;
		c.nexemptions = ex < 4 ? 1 : 0;
		if (idproof_decide(r, &c, &res, &err) != 0)
			fail_msg("refused: %s", err);
		p_oracle(pick, m, c.mode, c.channel, exv[0], nopost, &a);
		if (res.complete != a.complete ||
		    strcmp(res.pattern, a.pattern) != 0 ||
		    (res.missing[0] == '\0') != a.complete ||
		    (strstr(res.missing, MISS_NUMBER) == NULL) != a.number ||
		    (strstr(res.missing, "proxy's authority") == NULL) !=
		    a.authority ||
		    (strstr(res.missing, "not counted") != NULL) !=
		    (!a.complete && a.noted))
			fail_msg("%s %s [%s %s %s] [%s]: engine %s \"%s\", "
			    "rules say %s", c.channel, mode ? "post" :
			    "in person", m > 0 ? pick[0] : "",
			    m > 1 ? pick[1] : "", m > 2 ? pick[2] : "",
			    exv[0] != NULL ? exv[0] : "", res.pattern,
			    res.missing, a.pattern);
		idresult_clear(&res);
		count++;
	}
	return count;
}

static void
test_property_shipped(void **st)
{
	(void)st;
	/* 1 + 22 + 231 + 1540 subsets, 2 ways, 5 channels, 5 exemption
	 * sets. */
	assert_int_equal(p_check_all(&shipped, ""), 1794 * 2 * 5 * 5);
}

static void
test_property_no_copies(void **st)
{
	static const char *const nopost[] = { "mynumber-card", "passport",
	    "pension-book", "letter-of-attorney" };
	struct idrules r;
	char *err = NULL;
	size_t i;

	(void)st;
	if (idrules_load(SHIPPED, &r, &err) != 0)
		fail_msg("%s", err);
	for (i = 0; i < sizeof nopost / sizeof nopost[0]; i++)
		((struct iddoc *)idrules_doc(&r, nopost[i]))->copy_by_post = 0;
	assert_int_equal(p_check_all(&r, "mynumber-card passport pension-book "
	    "letter-of-attorney"), 1794 * 2 * 5 * 5);
	idrules_free(&r);
}

/*
 * A small valid table; the malformed ones below change one of its lines.
 */
static const char *const min_lines[] = {
	"[rules]",			/* 1 */
	"name = t",			/* 2 */
	"version = 1",			/* 3 */
	"[doc a]",			/* 4 */
	"label = A",			/* 5 */
	"proves = number",		/* 6 */
	"copy_by_post = no",		/* 7 */
	"[exemption x]",		/* 8 */
	"label = X",			/* 9 */
	"waives = identity",		/* 10 */
	"in_person_only = yes",		/* 11 */
	"[channel member]",		/* 12 */
	"label = m",			/* 13 */
	"checker = association",	/* 14 */
	"needs = number",		/* 15 */
	"[channel family]",		/* 16 */
	"label = f",			/* 17 */
	"checker = member",		/* 18 */
	"needs = number, identity",	/* 19 */
	"[channel employer-agent]",	/* 20 */
	"label = e",			/* 21 */
	"checker = employer",		/* 22 */
	"needs = identity",		/* 23 */
	"[channel employer-proxy]",	/* 24 */
	"label = p",			/* 25 */
	"checker = association",	/* 26 */
	"needs = proxy",		/* 27 */
	"[channel jlis]",		/* 28 */
	"label = j",			/* 29 */
	"checker = none",		/* 30 */
	"needs = none",			/* 31 */
};
#define MIN_NLINES (sizeof min_lines / sizeof min_lines[0])

/* The small table with line (1-based) replaced by text (which may hold
 * several lines, or none when NULL); 0 changes nothing. */
static char *
min_with(size_t line, const char *text)
{
	char *out = xstrdup(""), *next;
	size_t i;

	for (i = 0; i < MIN_NLINES; i++) {
		if (i + 1 == line && text == NULL)
			continue;
		next = xasprintf("%s%s\n", out, i + 1 == line ? text :
		    min_lines[i]);
		free(out);
		out = next;
	}
	return out;
}

static void
refused_text(const char *text, int line, const char *want)
{
	struct idrules r;
	char *err = NULL, prefix[64];

	assert_int_equal(idrules_parse(text, strlen(text), "t.rules", &r, &err),
	    -1);
	assert_non_null(err);
	snprintf(prefix, sizeof prefix, "t.rules:%d: ", line);
	if (strncmp(err, prefix, strlen(prefix)) != 0 ||
	    strstr(err, want) == NULL)
		fail_msg("got \"%s\", wanted \"%s...%s\"", err, prefix, want);
	/* A refused table is left empty. */
	assert_null(r.docs);
	assert_null(r.channels);
	assert_null(r.name);
	free(err);
}

static void
refused(size_t line, const char *text, int at, const char *want)
{
	char *t = min_with(line, text);

	refused_text(t, at, want);
	free(t);
}

static void
test_min_table(void **st)
{
	struct idrules r;
	char *t = min_with(0, NULL), *err = NULL;

	(void)st;
	if (idrules_parse(t, strlen(t), "t.rules", &r, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(r.ndocs, 1);
	assert_int_equal(r.docs[0].copy_by_post, 0);
	assert_int_equal(r.exemptions[0].in_person_only, 1);
	assert_int_equal(idrules_channel(&r, "employer-proxy")->needs_proxy, 1);
	assert_int_equal(idrules_channel(&r, "employer-proxy")->needs_number,
	    0);
	idrules_free(&r);
	free(t);
	/* CRLF and a byte order mark are fine. */
	assert_int_equal(idrules_parse("\xef\xbb\xbf[rules]\r\nname = t\r\n"
	    "version = 1\r\n", 35, "t", &r, &err), -1);
	assert_string_equal(err, "t:1: no [doc ID] sections");
	free(err);
}

static void
test_bad_words(void **st)
{
	(void)st;
	refused(6, "proves = number, licence", 6,
	    "unknown word 'licence' in proves: use number, identity-photo, "
	    "identity-nophoto, proxy-authority, corporate-registry or "
	    "corporate-staff");
	refused(6, "proves = number,", 6, "empty word in proves");
	refused(6, "proves = identity-photo, identity-nophoto", 6,
	    "not both");
	refused(10, "waives = everything", 10,
	    "unknown word 'everything' in waives");
	refused(15, "needs = number, none", 15, "unknown word 'none' in needs");
	refused(14, "checker = clerk", 14, "unknown checker 'clerk'");
	refused(7, "copy_by_post = maybe", 7, "copy_by_post must be yes or no");
	refused(11, "in_person_only = 1", 11,
	    "in_person_only must be yes or no");
	refused(3, "version = 0", 3, "version must be");
	refused(3, "version = 1000001", 3, "version must be");
	refused(3, "version = 1a", 3, "version must be");
}

static void
test_unknown_key(void **st)
{
	(void)st;
	refused(6, "proves = number\nphoto = yes", 7,
	    "unknown key 'photo' in [doc a]");
	refused(2, "name = t\nlabel = t", 3, "unknown key 'label' in [rules]");
	refused(30, "checker = none\nwaives = number", 31,
	    "unknown key 'waives' in [channel jlis]");
	refused(5, "label = A\nlabel = B", 6, "key 'label' is given twice");
	refused(5, "label =", 5, "key 'label' has no value");
}

static void
test_duplicate_id(void **st)
{
	(void)st;
	refused(8, "[doc a]", 8, "duplicate doc id 'a' (first at line 4)");
	refused(16, "[channel member]", 16,
	    "duplicate channel id 'member' (first at line 12)");
	refused(11, "in_person_only = yes\n[exemption x]\nlabel = Y\n"
	    "waives = number\nin_person_only = no", 12,
	    "duplicate exemption id 'x' (first at line 8)");
	/* Kinds have their own ids. */
	{
		char *t = min_with(8, "[exemption a]");
		struct idrules r;
		char *err = NULL;

		if (idrules_parse(t, strlen(t), "t", &r, &err) != 0)
			fail_msg("%s", err);
		idrules_free(&r);
		free(t);
	}
	refused(1, "[rules]\nname = u\nversion = 2\n[rules]", 4,
	    "second [rules] section (the first is at line 1)");
}

static void
test_bad_id(void **st)
{
	(void)st;
	refused(4, "[doc A]", 4, "doc id 'A' is not 1 to 32 lowercase");
	refused(4, "[doc a_b]", 4, "doc id 'a_b' is not");
	refused(4, "[doc a b]", 4, "doc id 'a b' is not");
	refused(4, "[doc aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]", 4,
	    "doc id 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' is not");
	refused(8, "[exemption 漢字]", 8, "exemption id '漢字' is not");
	refused(12, "[channel ]", 12, "unknown section [channel ]");
	refused(4, "[document a]", 4, "unknown section [document a]");
	{
		char *t = min_with(4, "[doc aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]");
		struct idrules r;
		char *err = NULL;

		if (idrules_parse(t, strlen(t), "t", &r, &err) != 0)
			fail_msg("%s", err);
		assert_int_equal(strlen(r.docs[0].id), 32);
		idrules_free(&r);
		free(t);
	}
}

static void
test_missing_parts(void **st)
{
	(void)st;
	refused(28, "[channel jlis-2]", 1,
	    "no [channel jlis] section: every table needs the channels");
	refused(12, "[channel members]", 1, "no [channel member] section");
	refused(6, NULL, 4, "document 'a' proves nothing: add a proves line");
	refused(10, NULL, 8, "exemption 'x' waives nothing");
	refused(7, NULL, 4, "section [doc a] has no copy_by_post");
	refused(5, NULL, 4, "section [doc a] has no label");
	refused(15, NULL, 12, "section [channel member] has no needs");
	refused(14, NULL, 12, "section [channel member] has no checker");
	refused(3, NULL, 1, "section [rules] has no version");
	refused(2, NULL, 1, "section [rules] has no name");
	refused(1, "; [rules] forgotten", 2, "key 'name' comes before any");
	{
		/* No [rules] while every other section is there. */
		char *t = min_with(0, NULL);

		refused_text(t + strlen("[rules]\nname = t\nversion = 1\n"), 1,
		    "no [rules] section");
		free(t);
	}
	refused(4, "[doc a]\n[doc b]", 4, "section [doc a] has no keys");
}

static void
test_syntax(void **st)
{
	char *t, *longline;

	(void)st;
	refused(5, "label", 5, "not a [section] or a key = value line");
	refused(5, "[doc b", 5, "not a [section] or a key = value line");
	refused(5, "label = A\n  more", 6, "indented line");
	refused(1, "name = t\n[rules]", 1, "key 'name' comes before any");
	refused(5, "label = \x01", 5, "control character U+0001");
	refused(5, "label = \xe3\x81", 5, "not valid UTF-8");
	refused(5, "label = \xc2\x85", 5, "control character U+0085");
	longline = xmalloc(300);
	memcpy(longline, "label = ", 8);
	memset(longline + 8, 'x', 290);
	longline[298] = '\0';
	refused(5, longline, 5, "line is longer than 197 bytes");
	free(longline);
	/* A NUL byte inside the text. */
	t = min_with(0, NULL);
	t[strlen("[rules]\nname = ")] = '\0';
	{
		struct idrules r;
		char *err = NULL;
		size_t len = strlen(t + strlen("[rules]\nname = ") + 1) +
		    strlen("[rules]\nname = ") + 1;

		assert_int_equal(idrules_parse(t, len, "t", &r, &err), -1);
		assert_string_equal(err, "t:2: NUL byte: remove it");
		free(err);
	}
	free(t);
	/* Comments and blank lines anywhere are fine. */
	t = min_with(5, "; a comment\n\nlabel = A ; and an inline one\n# too");
	{
		struct idrules r;
		char *err = NULL;

		if (idrules_parse(t, strlen(t), "t", &r, &err) != 0)
			fail_msg("%s", err);
		assert_string_equal(r.docs[0].label, "A");
		idrules_free(&r);
	}
	free(t);
}

static void
test_load(void **st)
{
	char path[] = "/tmp/test-idproof-XXXXXX";
	struct idrules r;
	char *err = NULL, *t = min_with(6, "proves = nothing");
	int fd;

	(void)st;
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, t, strlen(t)), (int)strlen(t));
	close(fd);
	assert_int_equal(idrules_load(path, &r, &err), -1);
	assert_non_null(strstr(err, ":6: unknown word 'nothing'"));
	assert_int_equal(strncmp(err, path, strlen(path)), 0);
	unlink(path);
	free(err);
	free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_null_empty),
		cmocka_unit_test(test_unknown_ids),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_doc_mynumber_card),
		cmocka_unit_test(test_doc_notification_card),
		cmocka_unit_test(test_doc_resident_record),
		cmocka_unit_test(test_doc_drivers_licence),
		cmocka_unit_test(test_doc_passport),
		cmocka_unit_test(test_doc_residence_card),
		cmocka_unit_test(test_doc_disability_handbook),
		cmocka_unit_test(test_doc_insurance_certificate),
		cmocka_unit_test(test_doc_pension_book),
		cmocka_unit_test(test_doc_letter_of_attorney),
		cmocka_unit_test(test_doc_family_register),
		cmocka_unit_test(test_exemptions),
		cmocka_unit_test(test_copy_by_post),
		cmocka_unit_test(test_channel_member),
		cmocka_unit_test(test_channel_family),
		cmocka_unit_test(test_channel_employer_agent),
		cmocka_unit_test(test_channel_employer_proxy),
		cmocka_unit_test(test_channel_jlis),
		cmocka_unit_test(test_property_shipped),
		cmocka_unit_test(test_property_no_copies),
		cmocka_unit_test(test_min_table),
		cmocka_unit_test(test_bad_words),
		cmocka_unit_test(test_unknown_key),
		cmocka_unit_test(test_proxy_rule),
		cmocka_unit_test(test_duplicate_id),
		cmocka_unit_test(test_bad_id),
		cmocka_unit_test(test_missing_parts),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_load),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
