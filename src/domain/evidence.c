/* Evidence files: type sniffing and the "about" reference. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "domain/evidence.h"
#include "domain/redact.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static int
evidence_starts(const unsigned char *buf, size_t n, const char *magic,
    size_t len)
{
	return n >= len && memcmp(buf, magic, len) == 0;
}

/* Text: no NUL and no control bytes other than tab, line ends, form feed
 * and the DOS end-of-file mark. Bytes from 0x80 pass, so CP932 files (the
 * existing system's extracts) count as text as well as UTF-8 ones. */
static int
evidence_is_text(const unsigned char *buf, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if ((buf[i] < 0x20 && buf[i] != '\t' && buf[i] != '\n' &&
		    buf[i] != '\r' && buf[i] != '\f' && buf[i] != 0x1a) ||
		    buf[i] == 0x7f)
			return 0;
	return 1;
}

/* CSV: the first line has a comma, and so has the second when there is
 * one. A rough rule, but a wrong guess only changes the label. */
static int
evidence_is_csv(const unsigned char *buf, size_t n)
{
	const unsigned char *nl = memchr(buf, '\n', n), *nl2;

	if (memchr(buf, ',', nl ? (size_t)(nl - buf) : n) == NULL)
		return 0;
	if (nl == NULL || (size_t)(nl + 1 - buf) >= n)
		return 1;
	nl2 = memchr(nl + 1, '\n', n - (size_t)(nl + 1 - buf));
	return memchr(nl + 1, ',', nl2 ? (size_t)(nl2 - nl - 1) :
	    n - (size_t)(nl + 1 - buf)) != NULL;
}

const char *
evidence_sniff(const unsigned char *buf, size_t n)
{
	if (buf == NULL)
		n = 0;
	if (n > EVIDENCE_SNIFF_LEN)
		n = EVIDENCE_SNIFF_LEN;
	if (evidence_starts(buf, n, "%PDF-", 5))
		return "application/pdf";
	if (evidence_starts(buf, n, "\x89PNG\r\n\x1a\n", 8))
		return "image/png";
	if (evidence_starts(buf, n, "\xff\xd8\xff", 3))
		return "image/jpeg";
	if (evidence_starts(buf, n, "II*\0", 4) || evidence_starts(buf, n, "MM\0*", 4))
		return "image/tiff";
	/* Local file header, empty archive, spanned archive. */
	if (evidence_starts(buf, n, "PK\x03\x04", 4) ||
	    evidence_starts(buf, n, "PK\x05\x06", 4) ||
	    evidence_starts(buf, n, "PK\x07\x08", 4))
		return "application/zip";
	if (evidence_is_text(buf, n))
		return evidence_is_csv(buf, n) ? "text/csv" : "text/plain";
	return "application/octet-stream";
}

/* Length of the UTF-8 sequence starting at s, or 0 when it is invalid
 * (overlong forms, surrogates and values past U+10FFFF included). */
static size_t
evidence_utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f))
			return 0;
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80 || (s[0] == 0xf0 && s[1] < 0x90) ||
		    (s[0] == 0xf4 && s[1] > 0x8f))
			return 0;
		return 4;
	}
	return 0;
}

int
evidence_text_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL)
		return 0;
	while (*p != '\0') {
		size_t len = evidence_utf8_len(p);

		if (len == 0 || *p < 0x20 || *p == 0x7f)
			return 0;
		/* C1 controls, U+0080 to U+009F. */
		if (len == 2 && p[0] == 0xc2 && p[1] < 0xa0)
			return 0;
		p += len;
	}
	return 1;
}

/* Titles and references go to the audit log, which never holds a number. */
static int
evidence_has_number(const char *s)
{
	char *masked = redact_numbers(s);
	int same = strcmp(masked, s) == 0;

	free(masked);
	return !same;
}

int
evidence_title_check(const char *title, char **err)
{

	if (title == NULL || title[0] == '\0')
		return err_set(err, _("give a title: what the file shows, e.g. "
		    "\"connection test screenshot\""));
	if (strlen(title) > 200)
		return err_set(err, _("the title is longer than 200 bytes: shorten "
		    "it"));
	if (!evidence_text_ok(title))
		return err_set(err, _("the title has control characters or is not "
		    "valid UTF-8: retype it"));
	if (evidence_has_number(title))
		return err_set(err, _("the title looks like it holds an individual "
		    "number: leave the number out"));
	return 0;
}

static int
evidence_medium_ok(const char *v)
{
	return v[0] != '\0' && strlen(v) <= 64 &&
	    strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") == strlen(v);
}

int
evidence_about_parse(const char *s, enum evidence_about_kind *kind,
    char value[EVIDENCE_ABOUT_MAX], char **err)
{
	static const struct {
		const char *prefix;
		enum evidence_about_kind kind;
	} kinds[] = {
		{ "person:", ABOUT_PERSON },
		{ "medium:", ABOUT_MEDIUM },
		{ "test:", ABOUT_TEST },
	};
	const char *v = NULL;
	size_t i;

	*kind = ABOUT_NONE;
	value[0] = '\0';
	if (s == NULL || s[0] == '\0')
		return 0;
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strncmp(s, kinds[i].prefix, strlen(kinds[i].prefix)) == 0) {
			v = s + strlen(kinds[i].prefix);
			*kind = kinds[i].kind;
			break;
		}
	if (v == NULL)
		return err_set(err, _("--about must be person:KEY, medium:ID or "
		    "test:NAME"));
	if (v[0] == '\0' || strlen(v) >= EVIDENCE_ABOUT_MAX || !evidence_text_ok(v) ||
	    (*kind == ABOUT_MEDIUM && !evidence_medium_ok(v))) {
		*kind = ABOUT_NONE;
		return err_set(err, _("--about %.*s needs a name after the colon "
		    "(at most %d bytes; a medium id of letters, digits, '.', '_' "
		    "and '-')"), (int)(v - s), s, EVIDENCE_ABOUT_MAX - 1);
	}
	if (evidence_has_number(v)) {
		*kind = ABOUT_NONE;
		return err_set(err, _("--about looks like it holds an individual "
		    "number: refer to the person by key"));
	}
	memcpy(value, v, strlen(v) + 1);
	return 0;
}
