/* Identity verification (本人確認): reads the rule table and decides whether
 * the documents and exemptions recorded for one person are enough. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

#include "domain/fieldcheck.h"
#include "domain/idproof.h"
#include "domain/ini.h"
#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

/*
 * The reader follows src/domain/layout.c: libinih (Debian's 55 has no
 * INI_HANDLER_LINENO) is handed one line at a time so that errors name
 * their line, sections without keys are still seen, and what libinih would
 * silently change (an over-long line, an indented continuation) is refused.
 */

/* Limits that keep a broken or hostile table small. */
#define IDRULES_MAX_FILE	(256 * 1024)
#define IDRULES_MAX_ITEMS	64
#define IDRULES_MAX_ID		32
#define IDRULES_PROXY_PREFIX	"proxy:"

/* Channels every table must have: the ways a number reaches the
 * association (DOMAIN.md, step 1). */
static const char *const idrules_required_channels[] = {
	"member", "family", "employer-agent", "employer-proxy", "jlis",
};
#define IDRULES_NREQUIRED \
	(sizeof idrules_required_channels / sizeof idrules_required_channels[0])

static const char *const idrules_checkers[] = {
	"association", "member", "employer", "none",
};
#define IDRULES_NCHECKERS \
	(sizeof idrules_checkers / sizeof idrules_checkers[0])

enum idrules_kind {
	IDRULES_KIND_NONE,
	IDRULES_KIND_RULES,
	IDRULES_KIND_DOC,
	IDRULES_KIND_EXEMPTION,
	IDRULES_KIND_CHANNEL,
};

struct idrules_parser {
	const char		*filename;
	struct idrules		*out;

	/* Reader state. */
	const char		*p;
	size_t			 left;
	int			 line;		/* last line handed to libinih */
	int			 after_key;	/* libinih's "previous name" */

	/* The section keys now go to. */
	int			 header_line;	/* its [header], 0 before any */
	const char		*header;	/* its header text, as written */
	size_t			 header_len;
	int			 header_lines;	/* key lines the reader saw */
	int			 header_keys;	/* keys the handler had */
	enum idrules_kind	 kind;
	unsigned int		 seen;		/* one bit per key of its table */

	int			 rules_line;	/* line of [rules], 0 if none */
	int			 doc_lines[IDRULES_MAX_ITEMS];
	int			 exemption_lines[IDRULES_MAX_ITEMS];
	int			 channel_lines[IDRULES_MAX_ITEMS];

	int			 err_line;
	char			*msg;
	int			 refused_line;	/* where the handler said stop */
};

struct idrules_key {
	const char	*name;
	int		(*set)(struct idrules_parser *, const char *);
};

/* A word of a comma list and the bit it stands for. */
struct idrules_word {
	const char	*word;
	int		 bit;
};

static const struct idrules_word idrules_proves_words[] = {
	{ "number", IDP_NUMBER },
	{ "identity-photo", IDP_IDENTITY_PHOTO },
	{ "identity-nophoto", IDP_IDENTITY_NOPHOTO },
	{ "proxy-authority", IDP_PROXY_AUTHORITY },
	{ "corporate-registry", IDP_CORP_REGISTRY },
	{ "corporate-staff", IDP_CORP_STAFF },
	{ NULL, 0 },
};
static const struct idrules_word idrules_waives_words[] = {
	{ "number", IDW_NUMBER },
	{ "identity", IDW_IDENTITY },
	{ NULL, 0 },
};
#define IDRULES_NEED_NUMBER	0x01
#define IDRULES_NEED_IDENTITY	0x02
#define IDRULES_NEED_PROXY	0x04
static const struct idrules_word idrules_needs_words[] = {
	{ "number", IDRULES_NEED_NUMBER },
	{ "identity", IDRULES_NEED_IDENTITY },
	{ "proxy", IDRULES_NEED_PROXY },
	{ NULL, 0 },
};

/* Records the first problem only; the others may be consequences of it. */
static int idrules_fail(struct idrules_parser *, int, const char *, ...)
    __attribute__((format(printf, 3, 4)));
static int
idrules_fail(struct idrules_parser *p, int line, const char *fmt, ...)
{
	va_list ap;

	if (p->msg != NULL)
		return -1;
	va_start(ap, fmt);
	p->msg = xvasprintf(fmt, ap);
	va_end(ap);
	p->err_line = line;
	return -1;
}

static int
idrules_id_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > IDRULES_MAX_ID)
		return 0;
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	}
	return 1;
}

static int
idrules_yesno(struct idrules_parser *p, const char *key, const char *value,
    int *out)
{
	if (strcasecmp(value, "yes") == 0)
		*out = 1;
	else if (strcasecmp(value, "no") == 0)
		*out = 0;
	else
		return idrules_fail(p, p->line, _("%s must be yes or no"), key);
	return 0;
}

/* Reads "a, b, c" against words into a bit set. */
static int
idrules_words(struct idrules_parser *p, const char *key, const char *value,
    const struct idrules_word *words, const char *choices, int *out)
{
	const char *s = value, *end;
	const struct idrules_word *w;
	size_t n;
	int bits = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		end = s + strcspn(s, ",");
		n = (size_t)(end - s);
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n == 0)
			return idrules_fail(p, p->line,
			    _("empty word in %s: separate words with one "
			    "comma"), key);
		for (w = words; w->word != NULL; w++) {
			if (strlen(w->word) == n && memcmp(w->word, s, n) == 0)
				break;
		}
		if (w->word == NULL)
			/* L10N: the last %s lists the words allowed. */
			return idrules_fail(p, p->line,
			    _("unknown word '%.*s' in %s: use %s"), (int)n, s,
			    key, choices);
		bits |= w->bit;
		if (*end == '\0')
			break;
		s = end + 1;
	}
	*out = bits;
	return 0;
}

static struct iddoc *
idrules_cur_doc(struct idrules_parser *p)
{
	return &p->out->docs[p->out->ndocs - 1];
}

static struct idexemption *
idrules_cur_exemption(struct idrules_parser *p)
{
	return &p->out->exemptions[p->out->nexemptions - 1];
}

static struct idchannel *
idrules_cur_channel(struct idrules_parser *p)
{
	return &p->out->channels[p->out->nchannels - 1];
}

static int
idrules_set_name(struct idrules_parser *p, const char *value)
{
	p->out->name = xstrdup(value);
	return 0;
}

static int
idrules_set_version(struct idrules_parser *p, const char *value)
{
	long v = 0;
	const char *s;

	for (s = value; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || (v = v * 10 + (*s - '0')) > 1000000)
			break;
	}
	if (*s != '\0' || v == 0)
		return idrules_fail(p, p->line,
		    _("version must be a whole number from 1 to 1000000"));
	p->out->version = (int)v;
	return 0;
}

static int
idrules_set_doc_label(struct idrules_parser *p, const char *value)
{
	idrules_cur_doc(p)->label = xstrdup(value);
	return 0;
}

static int
idrules_set_proves(struct idrules_parser *p, const char *value)
{
	int bits;

	if (idrules_words(p, "proves", value, idrules_proves_words,
	    "number, identity-photo, identity-nophoto, proxy-authority, "
	    "corporate-registry or corporate-staff",
	    &bits) != 0)
		return -1;
	if ((bits & IDP_IDENTITY_PHOTO) && (bits & IDP_IDENTITY_NOPHOTO))
		return idrules_fail(p, p->line,
		    _("a document has a photo or has not: give "
		    "identity-photo or identity-nophoto, not both"));
	idrules_cur_doc(p)->proves = bits;
	return 0;
}

static int
idrules_set_copy_by_post(struct idrules_parser *p, const char *value)
{
	return idrules_yesno(p, "copy_by_post", value,
	    &idrules_cur_doc(p)->copy_by_post);
}

static int
idrules_set_exemption_label(struct idrules_parser *p, const char *value)
{
	idrules_cur_exemption(p)->label = xstrdup(value);
	return 0;
}

static int
idrules_set_waives(struct idrules_parser *p, const char *value)
{
	return idrules_words(p, "waives", value, idrules_waives_words,
	    "number or identity", &idrules_cur_exemption(p)->waives);
}

static int
idrules_set_in_person_only(struct idrules_parser *p, const char *value)
{
	return idrules_yesno(p, "in_person_only", value,
	    &idrules_cur_exemption(p)->in_person_only);
}

static int
idrules_set_channel_label(struct idrules_parser *p, const char *value)
{
	idrules_cur_channel(p)->label = xstrdup(value);
	return 0;
}

static int
idrules_set_checker(struct idrules_parser *p, const char *value)
{
	size_t i;

	for (i = 0; i < IDRULES_NCHECKERS; i++) {
		if (strcmp(value, idrules_checkers[i]) == 0) {
			idrules_cur_channel(p)->checker = xstrdup(value);
			return 0;
		}
	}
	return idrules_fail(p, p->line, _("unknown checker '%s': use "
	    "association, member, employer or none"), value);
}

static int
idrules_set_needs(struct idrules_parser *p, const char *value)
{
	struct idchannel *c = idrules_cur_channel(p);
	int bits = 0;

	/* "none" alone says on purpose what an empty value might by mistake. */
	if (strcmp(value, "none") != 0 &&
	    idrules_words(p, "needs", value, idrules_needs_words,
	    "number, identity and proxy, or none", &bits) != 0)
		return -1;
	c->needs_number = (bits & IDRULES_NEED_NUMBER) != 0;
	c->needs_identity = (bits & IDRULES_NEED_IDENTITY) != 0;
	c->needs_proxy = (bits & IDRULES_NEED_PROXY) != 0;
	return 0;
}

/* Keys of each section, all required; the parser keeps one "seen" bit per
 * entry. */
static const struct idrules_key idrules_rules_keys[] = {
	{ "name", idrules_set_name },
	{ "version", idrules_set_version },
	{ NULL, NULL },
};
static const struct idrules_key idrules_doc_keys[] = {
	{ "proves", idrules_set_proves },
	{ "label", idrules_set_doc_label },
	{ "copy_by_post", idrules_set_copy_by_post },
	{ NULL, NULL },
};
static const struct idrules_key idrules_exemption_keys[] = {
	{ "waives", idrules_set_waives },
	{ "label", idrules_set_exemption_label },
	{ "in_person_only", idrules_set_in_person_only },
	{ NULL, NULL },
};
static const struct idrules_key idrules_channel_keys[] = {
	{ "needs", idrules_set_needs },
	{ "label", idrules_set_channel_label },
	{ "checker", idrules_set_checker },
	{ NULL, NULL },
};

static const struct idrules_key *
idrules_keys_of(enum idrules_kind kind)
{
	switch (kind) {
	case IDRULES_KIND_RULES:
		return idrules_rules_keys;
	case IDRULES_KIND_DOC:
		return idrules_doc_keys;
	case IDRULES_KIND_EXEMPTION:
		return idrules_exemption_keys;
	case IDRULES_KIND_CHANNEL:
		return idrules_channel_keys;
	case IDRULES_KIND_NONE:
		break;
	}
	return NULL;
}

/* Checks a new section's id against those before it; returns its slot. */
static int
idrules_new_id(struct idrules_parser *p, const char *what, const char *id,
    size_t idlen, size_t count, const char *(*id_at)(const struct idrules *,
    size_t), const int *lines)
{
	size_t i;

	if (!idrules_id_ok(id, idlen))
		/* L10N: %s is "doc", "exemption" or "channel". */
		return idrules_fail(p, p->header_line, _("%s id '%.*s' is not "
		    "1 to %d lowercase letters, digits or '-'"), what,
		    (int)idlen, id, IDRULES_MAX_ID);
	for (i = 0; i < count; i++) {
		const char *old = id_at(p->out, i);

		if (strlen(old) == idlen && memcmp(old, id, idlen) == 0)
			return idrules_fail(p, p->header_line,
			    _("duplicate %s id '%s' (first at line %d)"), what,
			    old, lines[i]);
	}
	if (count == IDRULES_MAX_ITEMS)
		return idrules_fail(p, p->header_line,
		    _("more than %d %s sections"), IDRULES_MAX_ITEMS, what);
	return 0;
}

static const char *
idrules_doc_id_at(const struct idrules *r, size_t i)
{
	return r->docs[i].id;
}

static const char *
idrules_exemption_id_at(const struct idrules *r, size_t i)
{
	return r->exemptions[i].id;
}

static const char *
idrules_channel_id_at(const struct idrules *r, size_t i)
{
	return r->channels[i].id;
}

/* The first key of a section says which section it is; the header is
 * taken as written, since libinih cuts long section names short. */
static int
idrules_begin_section(struct idrules_parser *p)
{
	struct idrules *r = p->out;
	const char *h = p->header, *id;
	size_t n = p->header_len, idlen;

	p->seen = 0;
	if (n == 5 && memcmp(h, "rules", 5) == 0) {
		if (p->rules_line != 0)
			return idrules_fail(p, p->header_line,
			    _("second [rules] section (the first is at "
			    "line %d)"), p->rules_line);
		p->rules_line = p->header_line;
		p->kind = IDRULES_KIND_RULES;
		return 0;
	}
	if (n > 4 && memcmp(h, "doc ", 4) == 0) {
		id = h + 4;
		idlen = n - 4;
		if (idrules_new_id(p, "doc", id, idlen, r->ndocs,
		    idrules_doc_id_at, p->doc_lines) != 0)
			return -1;
		r->docs = xrealloc(r->docs, (r->ndocs + 1) * sizeof *r->docs);
		memset(&r->docs[r->ndocs], 0, sizeof *r->docs);
		r->docs[r->ndocs].id = xstrndup(id, idlen);
		p->doc_lines[r->ndocs++] = p->header_line;
		p->kind = IDRULES_KIND_DOC;
		return 0;
	}
	if (n > 10 && memcmp(h, "exemption ", 10) == 0) {
		id = h + 10;
		idlen = n - 10;
		if (idrules_new_id(p, "exemption", id, idlen, r->nexemptions,
		    idrules_exemption_id_at, p->exemption_lines) != 0)
			return -1;
		r->exemptions = xrealloc(r->exemptions,
		    (r->nexemptions + 1) * sizeof *r->exemptions);
		memset(&r->exemptions[r->nexemptions], 0, sizeof *r->exemptions);
		r->exemptions[r->nexemptions].id = xstrndup(id, idlen);
		p->exemption_lines[r->nexemptions++] = p->header_line;
		p->kind = IDRULES_KIND_EXEMPTION;
		return 0;
	}
	if (n > 8 && memcmp(h, "channel ", 8) == 0) {
		id = h + 8;
		idlen = n - 8;
		if (idrules_new_id(p, "channel", id, idlen, r->nchannels,
		    idrules_channel_id_at, p->channel_lines) != 0)
			return -1;
		r->channels = xrealloc(r->channels,
		    (r->nchannels + 1) * sizeof *r->channels);
		memset(&r->channels[r->nchannels], 0, sizeof *r->channels);
		r->channels[r->nchannels].id = xstrndup(id, idlen);
		p->channel_lines[r->nchannels++] = p->header_line;
		p->kind = IDRULES_KIND_CHANNEL;
		return 0;
	}
	return idrules_fail(p, p->header_line, _("unknown section [%.*s]: use "
	    "[rules], [doc ID], [exemption ID] or [channel ID]"), (int)n, h);
}

/* Takes one key; returns 0 or -1. */
static int
idrules_handle(struct idrules_parser *p, const char *section,
    const char *name, const char *value)
{
	const struct idrules_key *k;
	unsigned int bit;

	if (p->msg != NULL)
		return -1;
	if (p->header_line == 0)
		return idrules_fail(p, p->line,
		    _("key '%s' comes before any [section]"), name);
	if (p->header_keys++ == 0 && idrules_begin_section(p) != 0)
		return -1;

	for (k = idrules_keys_of(p->kind), bit = 1; k->name != NULL;
	    k++, bit <<= 1) {
		if (strcmp(k->name, name) == 0)
			break;
	}
	if (k->name == NULL)
		return idrules_fail(p, p->line, _("unknown key '%s' in [%s]"),
		    name, section);
	if (p->seen & bit)
		return idrules_fail(p, p->line, _("key '%s' is given twice"),
		    name);
	p->seen |= bit;
	if (*value == '\0')
		return idrules_fail(p, p->line, _("key '%s' has no value"),
		    name);
	return k->set(p, value);
}

/* libinih handler: returns nonzero to go on. */
static int
idrules_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct idrules_parser *p = user;

	if (idrules_handle(p, section, name, value) == 0)
		return 1;
	if (p->refused_line == 0)
		p->refused_line = p->line;
	return 0;
}

/* Refuses what the clerks' screens must not show: labels are displayed as
 * they are. */
static int
idrules_check_line(struct idrules_parser *p, const char *s, size_t n)
{
	unsigned int cp = 0;
	int rc = ini_line_chars(s, n, p->line, &cp);

	if (rc == 0)
		return 0;
	if (rc == -1)
		return idrules_fail(p, p->line,
		    _("not valid UTF-8: save the rule table as UTF-8"));
	return idrules_fail(p, p->line, _("control character U+%04X: remove "
	    "it"), cp);
}

/* Ends the section keys went to: one with no key never reached the
 * handler, and every key of a section is required. */
static int
idrules_end_section(struct idrules_parser *p)
{
	const struct idrules_key *k;
	unsigned int bit;

	if (p->header_line == 0)
		return 0;
	if (p->header_lines == 0)
		return idrules_fail(p, p->header_line,
		    _("section [%.*s] has no keys"), (int)p->header_len,
		    p->header);
	if (p->kind == IDRULES_KIND_DOC &&
	    (p->seen & 1U) == 0)
		return idrules_fail(p, p->header_line,
		    _("document '%s' proves nothing: add a proves line"),
		    idrules_cur_doc(p)->id);
	if (p->kind == IDRULES_KIND_EXEMPTION && (p->seen & 1U) == 0)
		return idrules_fail(p, p->header_line,
		    _("exemption '%s' waives nothing: add a waives line"),
		    idrules_cur_exemption(p)->id);
	for (k = idrules_keys_of(p->kind), bit = 1; k != NULL &&
	    k->name != NULL; k++, bit <<= 1) {
		if ((p->seen & bit) == 0)
			return idrules_fail(p, p->header_line,
			    _("section [%.*s] has no %s"), (int)p->header_len,
			    p->header, k->name);
	}
	return 0;
}

/* Notes what libinih will make of a line it is about to read. */
static int
idrules_classify(struct idrules_parser *p, const char *s, size_t n)
{
	const char *start = ini_line_start(s, n, p->line), *end = s + n, *close;

	if (start == NULL)
		return 0;
	if (start > s && p->after_key)
		return idrules_fail(p, p->line, _("indented line: start it at "
		    "the beginning of the line (a value cannot go on over "
		    "several lines)"));
	/* Said here, before a section's missing key is blamed on its
	 * header. */
	if (*start != '[' && memchr(start, '=', (size_t)(end - start)) == NULL &&
	    memchr(start, ':', (size_t)(end - start)) == NULL)
		return idrules_fail(p, p->line,
		    _("not a [section] or a key = value line"));
	if (*start != '[') {
		p->after_key = 1;
		p->header_lines++;
		return 0;
	}
	close = memchr(start, ']', (size_t)(end - start));
	if (close == NULL)
		return idrules_fail(p, p->line,
		    _("not a [section] or a key = value line"));
	if (idrules_end_section(p) != 0)
		return -1;
	p->header = start + 1;
	p->header_len = (size_t)(close - p->header);
	p->header_line = p->line;
	p->header_lines = 0;
	p->header_keys = 0;
	p->kind = IDRULES_KIND_NONE;
	p->after_key = 0;
	return 0;
}

/* libinih reader, in the manner of fgets: one line (with its '\n') a call. */
static char *
idrules_reader(char *str, int num, void *stream)
{
	struct idrules_parser *p = stream;
	size_t n, text;

	if (p->msg != NULL)
		return NULL;
	switch (ini_line_next(p->p, p->left, num, &p->line, &n, &text)) {
	case INI_LINE_END:
		return NULL;
	case INI_LINE_TOO_LONG:
		idrules_fail(p, p->line, _("line is longer than %d bytes"),
		    num - 3);
		return NULL;
	case INI_LINE_OK:
		break;
	}
	if (memchr(p->p, '\0', text) != NULL) {
		idrules_fail(p, p->line, _("NUL byte: remove it"));
		return NULL;
	}
	if (idrules_check_line(p, p->p, text) != 0 ||
	    idrules_classify(p, p->p, text) != 0)
		return NULL;
	return ini_line_take(&p->p, &p->left, str, n);
}

/* What the handler cannot see: missing sections and channels. */
static int
idrules_check_whole(struct idrules_parser *p)
{
	struct idrules *r = p->out;
	int line = p->rules_line != 0 ? p->rules_line : 1;
	size_t i;

	if (idrules_end_section(p) != 0)
		return -1;
	if (p->rules_line == 0)
		return idrules_fail(p, 1, _("no [rules] section"));
	if (r->ndocs == 0)
		return idrules_fail(p, line, _("no [doc ID] sections"));
	for (i = 0; i < IDRULES_NREQUIRED; i++) {
		if (idrules_channel(r, idrules_required_channels[i]) == NULL)
			return idrules_fail(p, line, _("no [channel %s] "
			    "section: every table needs the channels member, "
			    "family, employer-agent, employer-proxy and jlis"),
			    idrules_required_channels[i]);
	}
	return 0;
}

void
idrules_free(struct idrules *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ndocs; i++) {
		free(r->docs[i].id);
		free(r->docs[i].label);
	}
	for (i = 0; i < r->nexemptions; i++) {
		free(r->exemptions[i].id);
		free(r->exemptions[i].label);
	}
	for (i = 0; i < r->nchannels; i++) {
		free(r->channels[i].id);
		free(r->channels[i].label);
		free(r->channels[i].checker);
	}
	free(r->docs);
	free(r->exemptions);
	free(r->channels);
	free(r->name);
	memset(r, 0, sizeof *r);
}

int
idrules_parse(const char *text, size_t len, const char *filename,
    struct idrules *out, char **err)
{
	struct idrules_parser p;
	int ret;

	if (out == NULL)
		return err_set(err, _("no rule table to fill"));
	memset(out, 0, sizeof *out);
	memset(&p, 0, sizeof p);
	p.filename = filename != NULL ? filename : "rules";
	p.out = out;
	p.p = text != NULL ? text : "";
	p.left = text != NULL ? len : 0;

	ret = ini_parse_stream(idrules_reader, &p, idrules_handler, &p);
	/* libinih returns the first line it refused, for bad syntax or for
	 * the handler; keep the earliest problem, and on one line the
	 * syntax. */
	if (ret > 0 && ret != p.refused_line &&
	    (p.msg == NULL || ret <= p.err_line)) {
		free(p.msg);
		p.msg = NULL;
		idrules_fail(&p, ret,
		    _("not a [section] or a key = value line"));
	} else if (ret < 0)
		idrules_fail(&p, p.line, _("cannot read the rule table"));
	if (p.msg == NULL)
		idrules_check_whole(&p);
	if (p.msg != NULL) {
		if (err != NULL) {
			free(*err);
			*err = xasprintf("%s:%d: %s", p.filename,
			    p.err_line > 0 ? p.err_line : 1, p.msg);
		}
		free(p.msg);
		idrules_free(out);
		return -1;
	}
	return 0;
}

int
idrules_load(const char *path, struct idrules *out, char **err)
{
	char *buf;
	size_t len;
	int ret;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (path == NULL || out == NULL)
		return err_set(err, _("no rule table file given"));
	if (readfile_all(path, IDRULES_MAX_FILE, &buf, &len, err) < 0)
		return -1;
	ret = idrules_parse(buf, len, path, out, err);
	free(buf);
	return ret;
}

const struct iddoc *
idrules_doc(const struct idrules *r, const char *id)
{
	size_t i;

	if (r == NULL || id == NULL)
		return NULL;
	for (i = 0; i < r->ndocs; i++) {
		if (strcmp(r->docs[i].id, id) == 0)
			return &r->docs[i];
	}
	return NULL;
}

const struct idexemption *
idrules_exemption(const struct idrules *r, const char *id)
{
	size_t i;

	if (r == NULL || id == NULL)
		return NULL;
	for (i = 0; i < r->nexemptions; i++) {
		if (strcmp(r->exemptions[i].id, id) == 0)
			return &r->exemptions[i];
	}
	return NULL;
}

const struct idchannel *
idrules_channel(const struct idrules *r, const char *id)
{
	size_t i;

	if (r == NULL || id == NULL)
		return NULL;
	for (i = 0; i < r->nchannels; i++) {
		if (strcmp(r->channels[i].id, id) == 0)
			return &r->channels[i];
	}
	return NULL;
}

/* What the documents seen for one side (the person or the proxy) add up
 * to; a document given twice counts once. */
struct idproof_side {
	int	number;		/* a document proves the number */
	int	card;		/* one document proves number and photo identity */
	int	photo;		/* identity documents with a photo */
	int	nophoto;	/* distinct identity documents without */
	int	authority;	/* a proxy's authority */
	int	registry;	/* a corporation's official record */
	int	staff;		/* ties the employee who comes to it */
};

static int
idproof_side_identity(const struct idproof_side *s)
{
	return s->photo > 0 || s->nophoto >= 2;
}

static const char *idproof_identity_missing(const struct idproof_side *s,
    int proxy);

/* A proxy is identified as a person is, or as a corporation: its official
 * record and the employee's tie to it, both (施行規則 6条). */
static int
idproof_proxy_identity(const struct idproof_side *s)
{
	return idproof_side_identity(s) || (s->registry && s->staff);
}

static const char *
idproof_proxy_missing(const struct idproof_side *s)
{
	if (s->registry && !s->staff)
		return _("the 社員証 (or the like) of the employee who acts for "
		    "the corporate proxy");
	if (s->staff && !s->registry)
		return _("the corporate proxy's 登記事項証明書 (or another "
		    "official record of it)");
	return idproof_identity_missing(s, 1);
}

/* Appends one item to a "; " list. */
static void
idproof_join(char **list, const char *item)
{
	char *next;

	if (*list == NULL)
		next = xstrdup(item);
	else
		next = xasprintf("%s; %s", *list, item);
	free(*list);
	*list = next;
}

/* The words for identity still missing on one side. */
static const char *
idproof_identity_missing(const struct idproof_side *s, int proxy)
{
	if (proxy)
		return s->nophoto == 1 ?
		    _("a second identity document of the proxy without a "
		    "photo, or one with a photo") :
		    _("the proxy's own identity document");
	return s->nophoto == 1 ?
	    _("a second identity document without a photo, or one with a "
	    "photo") :
	    _("an identity document with a photo, or two without");
}

static char *
idproof_pattern_of(const struct idchannel *ch, const struct idproof_side *self)
{
	const char *num, *id, *base;

	num = self->number ? "number" : "exempt-number";
	id = self->photo > 0 ? "photo" : self->nophoto >= 2 ? "two" :
	    "exempt-identity";
	if (ch->needs_number && ch->needs_identity) {
		if (self->card)
			base = "card";
		else if (!self->number && strcmp(id, "exempt-identity") == 0)
			base = "exempt";
		else
			return xasprintf("%s+%s%s", num, id,
			    ch->needs_proxy ? "+proxy" : "");
	} else if (ch->needs_number)
		base = num;
	else if (ch->needs_identity)
		base = id;
	else
		/* Nothing to see: the number came from J-LIS. */
		base = "jlis";
	return xasprintf("%s%s", base, ch->needs_proxy ? "+proxy" : "");
}

int
idproof_decide(const struct idrules *r, const struct idcase *c,
    struct idresult *res, char **err)
{
	const struct idchannel *ch;
	const struct iddoc *d;
	const struct idexemption *e;
	struct idproof_side self, proxy, *side;
	unsigned char *seen = NULL;	/* per doc: 1 self, 2 proxy, 4 noted */
	char *notes = NULL, *missing = NULL, *note;
	const char *id;
	int ex_number = 0, ex_identity = 0, post, number_ok, identity_ok;
	int proxy_ok, bit;
	size_t i, k;

	if (res != NULL)
		memset(res, 0, sizeof *res);
	if (r == NULL || c == NULL || res == NULL)
		return err_set(err, _("no rule table, case or result"));
	if ((c->ndocs > 0 && c->docs == NULL) ||
	    (c->nexemptions > 0 && c->exemptions == NULL))
		return err_set(err, _("documents or exemptions are missing"));
	if (c->mode != IDMODE_IN_PERSON && c->mode != IDMODE_POST)
		return err_set(err, _("unknown way of checking: in person or "
		    "by post"));
	if ((ch = idrules_channel(r, c->channel)) == NULL)
		return err_set(err, _("unknown channel '%s'"),
		    c->channel != NULL ? c->channel : "");
	post = c->mode == IDMODE_POST;

	/* Resolve every id first, so that an unknown one changes nothing. */
	for (i = 0; i < c->ndocs; i++) {
		id = c->docs[i];
		if (id != NULL && strncmp(id, IDRULES_PROXY_PREFIX,
		    strlen(IDRULES_PROXY_PREFIX)) == 0)
			id += strlen(IDRULES_PROXY_PREFIX);
		if (idrules_doc(r, id) == NULL)
			return err_set(err, _("unknown document '%s'"),
			    c->docs[i] != NULL ? c->docs[i] : "");
	}
	for (i = 0; i < c->nexemptions; i++) {
		if (idrules_exemption(r, c->exemptions[i]) == NULL)
			return err_set(err, _("unknown exemption '%s'"),
			    c->exemptions[i] != NULL ? c->exemptions[i] : "");
	}

	memset(&self, 0, sizeof self);
	memset(&proxy, 0, sizeof proxy);
	seen = xcalloc(r->ndocs, 1);
	for (i = 0; i < c->ndocs; i++) {
		id = c->docs[i];
		bit = 1;
		side = &self;
		if (strncmp(id, IDRULES_PROXY_PREFIX,
		    strlen(IDRULES_PROXY_PREFIX)) == 0) {
			id += strlen(IDRULES_PROXY_PREFIX);
			bit = 2;
			side = &proxy;
		}
		d = idrules_doc(r, id);
		k = (size_t)(d - r->docs);
		if (post && !d->copy_by_post) {
			if ((seen[k] & 4) == 0) {
				seen[k] |= 4;
				/* L10N: %s is the document's label. */
				note = xasprintf(_("%s was not counted: a copy "
				    "of it does not count by post"), d->label);
				idproof_join(&notes, note);
				free(note);
			}
			continue;
		}
		if (seen[k] & bit)
			continue;
		seen[k] |= (unsigned char)bit;
		if (d->proves & IDP_NUMBER)
			side->number = 1;
		if ((d->proves & IDP_NUMBER) && (d->proves & IDP_IDENTITY_PHOTO))
			side->card = 1;
		if (d->proves & IDP_IDENTITY_PHOTO)
			side->photo++;
		if (d->proves & IDP_IDENTITY_NOPHOTO)
			side->nophoto++;
		if (d->proves & IDP_PROXY_AUTHORITY)
			side->authority = 1;
		if (d->proves & IDP_CORP_REGISTRY)
			side->registry = 1;
		if (d->proves & IDP_CORP_STAFF)
			side->staff = 1;
	}
	free(seen);

	for (i = 0; i < c->nexemptions; i++) {
		e = idrules_exemption(r, c->exemptions[i]);
		if (post && e->in_person_only) {
			/* L10N: %s is the exemption's label. */
			note = xasprintf(_("%s was not counted: it applies in "
			    "person only"), e->label);
			idproof_join(&notes, note);
			free(note);
			continue;
		}
		if (e->waives & IDW_NUMBER)
			ex_number = 1;
		if (e->waives & IDW_IDENTITY)
			ex_identity = 1;
	}

	number_ok = !ch->needs_number || self.number || ex_number;
	identity_ok = !ch->needs_identity || idproof_side_identity(&self) ||
	    ex_identity;
	/* The authority may be recorded as the person's or the proxy's. */
	proxy_ok = !ch->needs_proxy || ((self.authority || proxy.authority) &&
	    idproof_proxy_identity(&proxy));

	if (number_ok && identity_ok && proxy_ok) {
		res->complete = 1;
		res->missing = xstrdup("");
		res->pattern = idproof_pattern_of(ch, &self);
		free(notes);
		return 0;
	}
	if (!number_ok)
		idproof_join(&missing, _("a number document (My Number card, "
		    "notification card or resident record)"));
	if (!identity_ok)
		idproof_join(&missing, idproof_identity_missing(&self, 0));
	if (ch->needs_proxy && !self.authority && !proxy.authority)
		idproof_join(&missing, _("proof of the proxy's authority "
		    "(letter of attorney or family register extract)"));
	if (ch->needs_proxy && !idproof_proxy_identity(&proxy))
		idproof_join(&missing, idproof_proxy_missing(&proxy));
	if (notes != NULL) {
		idproof_join(&missing, notes);
		free(notes);
	}
	res->complete = 0;
	res->missing = missing;
	res->pattern = xstrdup("incomplete");
	return 0;
}

void
idresult_clear(struct idresult *res)
{
	if (res == NULL)
		return;
	free(res->missing);
	free(res->pattern);
	memset(res, 0, sizeof *res);
}
