/* 住基ネット inquiry rules: nothing here reads the vault or a file. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/fieldcheck.h"
#include "domain/jlis.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

char *
jlis_name_format(const char *rule, const char *insurer, char kind, long seq)
{
	size_t cap = strlen(rule) + 64, n = 0;
	char *out = xmalloc(cap);
	const char *p = rule;

	while (*p != '\0') {
		int w;

		if (strncmp(p, "{insurer}", 9) == 0) {
			w = snprintf(out + n, cap - n, "%s", insurer);
			p += 9;
		} else if (strncmp(p, "{kind}", 6) == 0) {
			w = snprintf(out + n, cap - n, "%c", kind);
			p += 6;
		} else if (strncmp(p, "{seq}", 5) == 0) {
			w = snprintf(out + n, cap - n, "%ld", seq);
			p += 5;
		} else if (*p == '{') {
			free(out);
			return NULL;
		} else {
			w = snprintf(out + n, cap - n, "%c", *p);
			p++;
		}
		/* Each placeholder's value fits in the 64 bytes of room. */
		n += (size_t)w;
	}
	return out;
}

/* Reads up to 'max' digits at s into v; returns how many (0: none). */
static size_t
jlis_digits(const char *s, size_t max, long *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < max && s[i] >= '0' && s[i] <= '9'; i++)
		*v = *v * 10 + (s[i] - '0');
	return i;
}

int
jlis_name_match(const char *rule, const char *name, struct jlis_name *out)
{
	const char *p = rule, *s = name;
	struct jlis_name r;
	long v;
	size_t n;

	memset(&r, 0, sizeof r);
	while (*p != '\0') {
		if (strncmp(p, "{insurer}", 9) == 0) {
			if (jlis_digits(s, 8, &v) != 8)
				return 0;
			memcpy(r.insurer, s, 8);
			s += 8;
			p += 9;
		} else if (strncmp(p, "{kind}", 6) == 0) {
			if (*s != 'N' && *s != 'G')
				return 0;
			r.kind = *s++;
			p += 6;
		} else if (strncmp(p, "{seq}", 5) == 0) {
			n = jlis_digits(s, 10, &r.seq);
			if (n == 0 || s[0] == '0' || r.seq > JLIS_SEQ_MAX ||
			    (s[n] >= '0' && s[n] <= '9'))
				return 0;
			s += n;
			p += 5;
		} else if (*p++ != *s++) {
			return 0;
		}
	}
	if (*s != '\0')
		return 0;
	if (out != NULL)
		*out = r;
	return 1;
}

void
jlis_target_format(const char *insurer, long long serial, char *out)
{
	snprintf(out, JLIS_TARGET_MAX + 1, "%.8s_%lld", insurer, serial);
}

int
jlis_target_parse(const char *s, size_t n, char insurer[9], long long *serial,
    char **err)
{
	size_t i;
	long long v = 0;

	if (n < 10 || n > JLIS_TARGET_MAX || s[8] != '_')
		return err_set(err, _("is not <insurer code>_<serial>"));
	for (i = 0; i < n; i++) {
		if (i != 8 && (s[i] < '0' || s[i] > '9'))
			return err_set(err, _("is not <insurer code>_<serial>"));
		if (i > 8)
			v = v * 10 + (s[i] - '0');
	}
	if (s[9] == '0')
		return err_set(err, _("serial has a leading zero"));
	memcpy(insurer, s, 8);
	insurer[8] = '\0';
	*serial = v;
	return 0;
}

/* The CP932 bytes of one character (0 when it has none); cd is reset
 * after a failure. */
static size_t
jlis_encode_one(iconv_t cd, const char *ch, size_t len, unsigned char out[4])
{
	char *in = (char *)ch, *op = (char *)out;
	size_t left = len, room = 4;
	int ok = iconv(cd, &in, &left, &op, &room) != (size_t)-1;

	iconv(cd, NULL, NULL, NULL, NULL);
	return ok ? (size_t)(op - (char *)out) : 0;
}

/* CP932 codes outside JIS X 0208: NEC row 13 (① ㈱), the user-defined
 * area, and the NEC-selected and IBM extensions (髙 﨑). */
int
jlis_cp932_ext(const unsigned char *b, size_t n)
{
	unsigned int c;

	if (n != 2)
		return 0;
	c = (unsigned int)b[0] << 8 | b[1];
	return (c >= 0x8740 && c <= 0x879c) || (c >= 0xed40 && c <= 0xeefc) ||
	    (c >= 0xf040 && c <= 0xfc4b);
}

int
jlis_scan_for(const char *s, size_t n, int jis0208, int no_ascii,
    jlis_bad_fn fn, void *arg)
{
	unsigned char b[4];
	iconv_t cd;
	unsigned int cp;
	size_t i, len, bl;
	int found = 0;

	if ((cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1)
		return -1;
	for (i = 0; i < n; i += len) {
		if ((len = fieldcheck_utf8_next(s + i, n - i, &cp)) == 0) {
			found = -1;
			break;
		}
		if (cp < 0x80) {
			if (no_ascii) {
				found++;
				fn(JLIS_BAD_ASCII, s + i, len, arg);
			}
			continue;
		}
		if (cp >= 0xff61 && cp <= 0xff9f) {
			found++;
			fn(JLIS_BAD_HALF_KANA, s + i, len, arg);
		} else if ((bl = jlis_encode_one(cd, s + i, len, b)) == 0) {
			found++;
			fn(JLIS_BAD_GAIJI, s + i, len, arg);
		} else if (jis0208 && jlis_cp932_ext(b, bl)) {
			found++;
			fn(JLIS_BAD_EXT, s + i, len, arg);
		}
	}
	iconv_close(cd);
	return found;
}

int
jlis_scan(const char *s, size_t n, jlis_bad_fn fn, void *arg)
{
	return jlis_scan_for(s, n, 0, 0, fn, arg);
}

int
jlis_half_kana(const char *s, size_t n)
{
	size_t i;

	/* U+FF61..U+FF9F is EF BD A1..EF BD BF and EF BE 80..EF BE 9F. */
	for (i = 0; i + 2 < n; i++) {
		const unsigned char *u = (const unsigned char *)s + i;

		if (u[0] == 0xef && ((u[1] == 0xbd && u[2] >= 0xa1) ||
		    (u[1] == 0xbe && u[2] <= 0x9f)))
			return 1;
	}
	return 0;
}

/* One character after the normalisation (see jlis.h), as UTF-8 in out
 * (at most 4 bytes); returns its length. */
static size_t
jlis_norm_char(unsigned int cp, const char *src, size_t len, char out[4])
{
	switch (cp) {
	case 0x301c: case 0xff5e: case 0x223c:
		out[0] = '~';
		return 1;
	case 0x2212: case 0xff0d: case 0x2010: case 0x2011: case 0x2013:
	case 0x2015:
		out[0] = '-';
		return 1;
	case 0x3000:
		out[0] = ' ';
		return 1;
	default:
		break;
	}
	if (cp >= 0xff10 && cp <= 0xff19) {
		out[0] = (char)('0' + (cp - 0xff10));
		return 1;
	}
	memcpy(out, src, len);
	return len;
}

char *
jlis_normalise(const char *s)
{
	size_t n = strlen(s != NULL ? s : ""), i, len, o = 0;
	char *out = xmalloc(n + 1);
	unsigned int cp;

	for (i = 0; i < n; i += len) {
		if ((len = fieldcheck_utf8_next(s + i, n - i, &cp)) == 0) {
			memcpy(out + o, s + i, n - i);	/* not UTF-8: as it is */
			o += n - i;
			break;
		}
		o += jlis_norm_char(cp, s + i, len, out + o);
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
	return out;
}

int
jlis_first_difference(const char *a, const char *b)
{
	char *na = jlis_normalise(a), *nb = jlis_normalise(b);
	size_t i = 0, la, lb;
	unsigned int ca, cb;
	int at = 0, pos = 1;

	while (strcmp(na + i, nb + i) != 0) {
		la = fieldcheck_utf8_next(na + i, strlen(na + i), &ca);
		lb = fieldcheck_utf8_next(nb + i, strlen(nb + i), &cb);
		if (la == 0 || la != lb || memcmp(na + i, nb + i, la) != 0) {
			at = pos;
			break;
		}
		i += la;
		pos++;
	}
	free(na);
	free(nb);
	return at;
}

int
jlis_same_item(const char *a, const char *b)
{
	return jlis_first_difference(a, b) == 0;
}

struct jlis_enc {
	iconv_t cd;
	char *buf;
	size_t cap;
};

struct jlis_enc *
jlis_enc_new(char **err)
{
	struct jlis_enc *e = xcalloc(1, sizeof *e);

	if ((e->cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1) {
		free(e);
		err_set(err, _("this system cannot convert to CP932"));
		return NULL;
	}
	return e;
}

int
jlis_enc_convert(struct jlis_enc *e, const char *s, size_t n,
    const char **out, size_t *outlen)
{
	char *in = (char *)s, *op;
	size_t left = n, room;

	/* CP932 never takes more bytes than UTF-8 for the same text. */
	if (e->cap < n + 1) {
		e->cap = n + 64;
		e->buf = xrealloc(e->buf, e->cap);
	}
	op = e->buf;
	room = e->cap;
	if (iconv(e->cd, &in, &left, &op, &room) == (size_t)-1) {
		iconv(e->cd, NULL, NULL, NULL, NULL);
		return -1;
	}
	*out = e->buf;
	*outlen = (size_t)(op - e->buf);
	return 0;
}

void
jlis_enc_free(struct jlis_enc *e)
{
	if (e == NULL)
		return;
	iconv_close(e->cd);
	free(e->buf);
	free(e);
}
