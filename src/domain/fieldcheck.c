/* Value checks for imported files: every cell is refused with a reason the
 * clerk can act on before anything reaches the vault. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

#include "domain/dates.h"
#include "domain/fieldcheck.h"
#include "domain/insurer.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Inlined into the loops over every character of every value; the
 * exported fieldcheck_utf8_next is the same. */
static inline size_t
utf8_next(const char *s, size_t n, unsigned int *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;
	unsigned int c;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		len = 2;
		c = u[0] & 0x1f;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		len = 3;
		c = u[0] & 0x0f;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		len = 4;
		c = u[0] & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

size_t
fieldcheck_utf8_next(const char *s, size_t n, unsigned int *cp)
{
	return utf8_next(s, n, cp);
}

static inline int
is_control(unsigned int cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	    (cp >= 0x200b && cp <= 0x200f) || cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0xfeff;
}

int
fieldcheck_is_control(unsigned int cp)
{
	return is_control(cp);
}

static int
fieldcheck_is_blank(unsigned int cp)
{
	return cp == ' ' || cp == 0x3000;
}

/* Shared by fieldcheck_kana and fieldcheck_value: *bad is the offset of the
 * first character that is not allowed. */
static int
fieldcheck_kana_n(const char *s, size_t n, size_t *bad)
{
	unsigned int cp;
	size_t i, len;

	for (i = 0; i < n; i += len) {
		*bad = i;
		if ((len = utf8_next(s + i, n - i, &cp)) == 0)
			return FIELDCHECK_KANA_OTHER;
		if (cp >= 0xff61 && cp <= 0xff9f)
			return FIELDCHECK_KANA_HALF_WIDTH;
		if (!(cp >= 0x30a0 && cp <= 0x30ff) && cp != 0x3000)
			return FIELDCHECK_KANA_OTHER;
	}
	return FIELDCHECK_KANA_OK;
}

int
fieldcheck_kana(const char *utf8)
{
	size_t bad;

	if (utf8 == NULL)
		return FIELDCHECK_KANA_OTHER;
	return fieldcheck_kana_n(utf8, strlen(utf8), &bad);
}

static int
fieldcheck_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
	}
	return 1;
}

static int
fieldcheck_municipality_n(const char *s, size_t n)
{
	static const int weights[] = { 6, 5, 4, 3, 2 };
	int sum = 0, i;

	if (n != 6 || !fieldcheck_digits(s, n))
		return 0;
	for (i = 0; i < 5; i++)
		sum += (s[i] - '0') * weights[i];
	/* r = 0 gives 11 and r = 1 gives 10: only the last digit is kept. */
	return s[5] - '0' == (11 - sum % 11) % 10;
}

int
municipality_check(const char *code6)
{
	if (code6 == NULL)
		return 0;
	return fieldcheck_municipality_n(code6, strlen(code6));
}

/* YYYYMMDD naming a real day; the calendar rule is date_check's. */
static int
fieldcheck_date(const char *label, const char *s, size_t n, char **err)
{
	char dashed[11];
	int y, m;

	if (n != 8 || !fieldcheck_digits(s, n))
		return err_set(err, _("%s is not a date (YYYYMMDD)"), label);
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[4] - '0') * 10 + (s[5] - '0');
	if (y < 1900 || m < 1 || m > 12)
		return err_set(err, _("%s is not a date (YYYYMMDD)"), label);
	memcpy(dashed, s, 4);
	dashed[4] = '-';
	memcpy(dashed + 5, s + 4, 2);
	dashed[7] = '-';
	memcpy(dashed + 8, s + 6, 2);
	dashed[10] = '\0';
	if (date_check(dashed, NULL) != 0)
		return err_set(err, _("%s is not a day of the calendar"), label);
	return 0;
}

/* Bytes the value takes in CP932; a character it has no code for is named
 * so that the clerk can choose the usual form of it. */
static int
fieldcheck_cp932(const char *label, const char *s, size_t n, size_t *bytes,
    char **err)
{
	char out[256], *in = (char *)s, *op;
	size_t left = n, room, len;
	unsigned int cp;
	iconv_t cd;
	int ret = 0;

	*bytes = 0;
	/* ASCII is the same in CP932: most cells need no converter. */
	for (len = 0; len < n && (unsigned char)s[len] < 0x80; len++)
		continue;
	if (len == n) {
		*bytes = n;
		return 0;
	}
	if ((cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1)
		return err_set(err, _("cannot convert to CP932: %s"),
		    strerror(errno));
	while (left > 0) {
		op = out;
		room = sizeof out;
		if (iconv(cd, &in, &left, &op, &room) != (size_t)-1) {
			*bytes += sizeof out - room;
			continue;
		}
		*bytes += sizeof out - room;
		if (errno == E2BIG)
			continue;
		len = fieldcheck_utf8_next(in, left, &cp);
		if (len == 0)
			ret = err_set(err, _("%s is not valid UTF-8"), label);
		else
			ret = err_set(err, _("%s contains %.*s which CP932 "
			    "cannot encode"), label, (int)len, in);
		break;
	}
	iconv_close(cd);
	return ret;
}

/* 6 or 8 digits with a matching 検証番号; a layout may pad a 6-digit number
 * to 8 with spaces on the left (insurer_pad = space). */
static int
fieldcheck_insurer(const char *s, size_t n, const char *label, char **err)
{
	size_t pad = 0;

	while (n == INSURER_MAX && pad < n && s[pad] == ' ')
		pad++;
	if (pad != 0 && pad != 2)
		return err_set(err, _("%s must be 6 or 8 digits"), label);
	s += pad;
	n -= pad;
	if ((n != 6 && n != 8) || !fieldcheck_digits(s, n))
		return err_set(err, _("%s must be 6 or 8 digits"), label);
	if (insurer_check_n(s, n, NULL) < 0)
		return err_set(err, _("%s: the insurer number's check digit "
		    "(検証番号) does not match: re-read it from the insurance "
		    "card"), label);
	return 0;
}

/* Type rules that look at the whole value; it is valid UTF-8 and not blank. */
static int
fieldcheck_type(const struct layout_field *f, const char *label,
    const char *s, size_t n, int all_kana, char **err)
{
	unsigned int cp = 0;
	size_t bad = 0, len;

	switch (f->type) {
	case FIELD_TEXT:
		return 0;
	case FIELD_KANA:
		/* The scan counted; only a refusal looks again, for its
		 * first character. */
		if (all_kana)
			return 0;
		switch (fieldcheck_kana_n(s, n, &bad)) {
		case FIELDCHECK_KANA_OK:
			return 0;
		case FIELDCHECK_KANA_HALF_WIDTH:
			return err_set(err, _("%s: half-width kana: use "
			    "full-width"), label);
		default:
			len = fieldcheck_utf8_next(s + bad, n - bad, &cp);
			if (cp == ' ')
				return err_set(err, _("%s must be full-width "
				    "katakana: use a full-width space"), label);
			return err_set(err, _("%s must be full-width katakana "
			    "('%.*s' is not)"), label, (int)len, s + bad);
		}
	case FIELD_DIGITS:
		if (!fieldcheck_digits(s, n))
			return err_set(err, _("%s must be digits 0-9 only"),
			    label);
		return 0;
	case FIELD_DATE:
		return fieldcheck_date(label, s, n, err);
	case FIELD_SEX:
		if (n != 1 || s[0] < '1' || s[0] > '3')
			return err_set(err, _("%s must be 1, 2 or 3"), label);
		return 0;
	case FIELD_RELATION:
	case FIELD_RESIDENT:
		if (n != 1 || s[0] < '1' || s[0] > '2')
			return err_set(err, _("%s must be 1 or 2"), label);
		return 0;
	case FIELD_INSURER:
		return fieldcheck_insurer(s, n, label, err);
	case FIELD_MUNICIPALITY:
		if (n != 6 || !fieldcheck_digits(s, n))
			return err_set(err, _("%s must be 6 digits"), label);
		if (!fieldcheck_municipality_n(s, n))
			return err_set(err, _("%s: check digit does not match: "
			    "re-read the code from the document"), label);
		return 0;
	}
	return err_set(err, _("%s has an unknown type"), label);
}

/* What the kana type takes (fieldcheck_kana_n). */
#define FC_KANA(cp) (((cp) >= 0x30a0 && (cp) <= 0x30ff) || (cp) == 0x3000)

/* What one pass over a value counted. */
struct fc_count {
	size_t chars, cp932_bytes, half_kana;
	size_t not_kana;	/* characters the kana type refuses */
	int blank;
};

/* A three-byte sequence led by E1..EC, EE or EF: most non-ASCII text of
 * these files (kana, kanji, full-width forms). Such a lead can be neither
 * overlong nor a surrogate, so two continuation bytes make it valid. Only
 * E2 (U+2000..U+2FFF) and EF (U+FEFF) lead to a control, so the others
 * skip that test. The code point, or 0 when it is not such a sequence. */
static inline unsigned int
fc_three(const unsigned char *u, size_t left)
{
	if (left < 3 || u[0] < 0xe1 || u[0] > 0xef || u[0] == 0xed ||
	    (u[1] & 0xc0) != 0x80 || (u[2] & 0xc0) != 0x80)
		return 0;
	return ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) | (u[2] & 0x3fu);
}

/* Counts characters, CP932 bytes, half-width kana and what the kana type
 * refuses; refuses invalid UTF-8 and controls. The counts are locals
 * until the end: a store through *c (a size_t the compiler cannot tell
 * from the value's bytes) made it load the bytes again for each
 * character. */
static int
fc_count(const char *label, const char *value, size_t len,
    struct fc_count *c, char **err)
{
	const unsigned char *u = (const unsigned char *)value;
	size_t i, n, chars = 0, bytes = 0, half = 0, notk = 0;
	unsigned int cp;
	int blank = 1;

	memset(c, 0, sizeof *c);
	for (i = 0; i < len; i += n) {
		/* ASCII, most bytes of most files, without a call. */
		if (u[i] < 0x80) {
			n = 1;
			cp = u[i];
			if (cp < 0x20 || cp == 0x7f)
				return err_set(err, _("%s contains a control "
				    "character (U+%04X)"), label, cp);
			if (cp != ' ')
				blank = 0;
			notk++;
			chars++;
			bytes++;
			continue;
		}
		if ((cp = fc_three(u + i, len - i)) != 0) {
			n = 3;
			if ((u[i] == 0xe2 || u[i] == 0xef) && is_control(cp))
				return err_set(err, _("%s contains a control "
				    "character (U+%04X)"), label, cp);
		} else if ((n = utf8_next(value + i, len - i, &cp)) == 0)
			return err_set(err, _("%s is not valid UTF-8"), label);
		else if (is_control(cp))
			return err_set(err, _("%s contains a control character "
			    "(U+%04X)"), label, cp);
		if (!fieldcheck_is_blank(cp))
			blank = 0;
		if (!FC_KANA(cp))
			notk++;
		chars++;
		if (cp >= 0xff61 && cp <= 0xff9f) {
			half++;
			bytes++;
		} else
			bytes += 2;
	}
	c->chars = chars;
	c->cp932_bytes = bytes;
	c->half_kana = half;
	c->not_kana = notk;
	c->blank = blank;
	return 0;
}

static int
fieldcheck_scan(const struct layout_field *f, const char *value, size_t len,
    struct fieldcheck_seen *seen, char **err)
{
	const char *label;
	size_t bytes, chars;
	struct fc_count c;
	int blank, cp932;

	if (f == NULL)
		return err_set(err, _("no field to check the value against"));
	label = f->label != NULL ? f->label : f->name != NULL ? f->name : "";
	if (f->encoding == NULL || strcasecmp(f->encoding, "UTF-8") == 0)
		cp932 = 0;
	else if (strcasecmp(f->encoding, "CP932") == 0)
		cp932 = 1;
	else
		return err_set(err, _("%s: unknown encoding '%s'"), label,
		    f->encoding);
	if (value == NULL) {
		if (len != 0)
			return err_set(err, _("%s has no value"), label);
		value = "";
	}

	if (fc_count(label, value, len, &c, err) != 0)
		return -1;
	seen->cp932_bytes = c.cp932_bytes;
	seen->half_kana = c.half_kana;
	blank = c.blank;
	chars = c.chars;
	if (blank) {
		if (f->required)
			return err_set(err, _("%s is required"), label);
		return 0;
	}

	if (fieldcheck_type(f, label, value, len, c.not_kana == 0, err) != 0)
		return -1;
	if (cp932) {
		if (fieldcheck_cp932(label, value, len, &bytes, err) != 0)
			return -1;
	} else
		bytes = len;
	if (f->max_chars > 0 && chars > (size_t)f->max_chars)
		return err_set(err, _("%s is longer than %d characters"), label,
		    f->max_chars);
	if (f->max_bytes > 0 && bytes > (size_t)f->max_bytes)
		return err_set(err, _("%s is longer than %d bytes"), label,
		    f->max_bytes);
	return 0;
}

int
fieldcheck_value(const struct layout_field *f, const char *value, size_t len,
    char **err)
{
	struct fieldcheck_seen seen;

	return fieldcheck_scan(f, value, len, &seen, err);
}

int
fieldcheck_value_cp932(const struct layout_field *f, const char *value,
    size_t len, size_t *cp932_bytes, char **err)
{
	struct fieldcheck_seen seen;
	int rc = fieldcheck_scan(f, value, len, &seen, err);

	if (rc == 0)
		*cp932_bytes = seen.cp932_bytes;
	return rc;
}

int
fieldcheck_value_seen(const struct layout_field *f, const char *value,
    size_t len, struct fieldcheck_seen *seen, char **err)
{
	return fieldcheck_scan(f, value, len, seen, err);
}
