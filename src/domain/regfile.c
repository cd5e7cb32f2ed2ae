/* Registration files: kinds, names, and writing records in a layout. The
 * writer keeps one converter open for the whole file and asks it about each
 * character once (domain/cp932map.h): a converter per value, or even an
 * iconv call per value, would cost more than everything else for 400,000
 * persons. A writer holds no shared state: one thread uses it at a time. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "domain/cp932map.h"
#include "domain/fieldcheck.h"
#include "domain/mynumber.h"
#include "domain/regfile.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char *const reg_kinds[REG_NKINDS] = {
	[REG_PERSONS] = "persons",
	[REG_QUALIFICATION] = "qualification",
	[REG_KOGAKU] = "kogaku",
	[REG_SHOBYO] = "shobyo",
	[REG_SHUSSAN] = "shussan",
	[REG_SOSAI] = "sosai",
	[REG_TAINOU] = "tainou",
};

const char *
reg_kind_name(enum reg_kind k)
{
	return (unsigned int)k < REG_NKINDS ? reg_kinds[k] : "?";
}

/* What each kind is, for the clerk who knows the forms, not the codes. */
static const char *const reg_kind_about[REG_NKINDS] = {
	/* L10N: the datasets sent to the intermediate server (加入者, 資格,
	 * 高額療養費, 傷病手当金, 出産育児一時金, 葬祭費, 滞納). */
	N_("insured persons"), N_("qualification"), N_("high-cost care"),
	N_("sickness allowance"), N_("childbirth grant"), N_("funeral grant"),
	N_("arrears")
};

const char *
reg_kind_label(enum reg_kind k)
{
	return (unsigned int)k < REG_NKINDS ? _(reg_kind_about[k]) : "?";
}

int
reg_kind_parse(const char *name, enum reg_kind *k, char **err)
{
	int i;

	for (i = 0; i < REG_NKINDS; i++) {
		if (name != NULL && strcmp(name, reg_kinds[i]) == 0) {
			*k = (enum reg_kind)i;
			return 0;
		}
	}
	return err_set(err, _("unknown kind '%s': use persons, qualification, "
	    "kogaku, shobyo, shussan, sosai or tainou"), name ? name : "");
}

int
reg_kind_from_vault(enum reg_kind k)
{
	return k == REG_PERSONS || k == REG_QUALIFICATION;
}

char *
reg_file_name(const char *insurer, enum reg_kind k, const char *yyyymmdd,
    long long id)
{
	return xasprintf("%s_%s_%s_%04lld.csv", insurer, reg_kind_name(k),
	    yyyymmdd, id);
}

int
reg_kind_of_file(const char *path, enum reg_kind *k)
{
	const char *base = strrchr(path, '/'), *p, *end;
	int i;

	base = base != NULL ? base + 1 : path;
	if ((p = strchr(base, '_')) == NULL || (end = strchr(p + 1, '_')) == NULL)
		return -1;
	p++;
	for (i = 0; i < REG_NKINDS; i++) {
		if (strlen(reg_kinds[i]) == (size_t)(end - p) &&
		    strncmp(p, reg_kinds[i], (size_t)(end - p)) == 0) {
			*k = (enum reg_kind)i;
			return 0;
		}
	}
	return -1;
}

size_t
reg_cp932_len(const char *s, size_t n)
{
	size_t i = 0, len, bytes = 0;
	unsigned int cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			bytes++;
			continue;
		}
		len = fieldcheck_utf8_next(s + i, n - i, &cp);
		if (len == 0)
			len = 1;
		i += len;
		bytes += cp >= 0xff61 && cp <= 0xff9f ? 1 : 2;
	}
	return bytes;
}

/* The individual number: exactly 12 digits with the right check digit. */
static int
reg_check_mynumber(const struct layout_field *f, const char *v, size_t n,
    char **err)
{
	size_t i;

	if (n != MYNUMBER_DIGITS)
		return err_set(err, _("%s: not 12 digits"), f->label);
	for (i = 0; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return err_set(err, _("%s: not 12 digits"), f->label);
	if (mynumber_check_digit(v) != v[11] - '0')
		return err_set(err, _("%s: wrong check digit"), f->label);
	return 0;
}

int
reg_check_value(const struct layout_field *f, const char *v, size_t n,
    char **err)
{
	struct layout_field utf8 = *f;

	/* The byte limit is counted here, without a converter per value. */
	utf8.encoding = NULL;
	utf8.max_bytes = 0;
	if (fieldcheck_value(&utf8, v, n, err) < 0)
		return -1;
	if (f->max_bytes > 0) {
		size_t bytes = f->encoding != NULL && strcmp(f->encoding,
		    "CP932") == 0 ? reg_cp932_len(v, n) : n;

		if (bytes > (size_t)f->max_bytes)
			return err_set(err, _("%s: longer than %d bytes"),
			    f->label, f->max_bytes);
	}
	if (f->role != NULL && strcmp(f->role, "mynumber") == 0 && n > 0)
		return reg_check_mynumber(f, v, n, err);
	return 0;
}

/* What the writer needs per field, worked out once per file. */
struct reg_wfield {
	const struct layout_field *f;
	int hashed;		/* part of the content hash */
	int mynumber;		/* role "mynumber" */
	int cp932_bytes;	/* max_bytes counts CP932 bytes */
};

struct reg_writer {
	const struct layout *l;
	iconv_t cd;			/* (iconv_t)-1 for UTF-8 */
	/* Characters already converted, or NULL when each value goes to
	 * iconv whole (see reg_writer_new). */
	struct cp932map *map;
	int fast;			/* values take reg_fast_field */
	int crlf;
	struct reg_wfield *wf;
	char *buf;			/* the line */
	size_t len, cap;
	char *hv;			/* what the content hash covers */
	size_t hlen, hcap;
	EVP_MD *sha256;			/* fetched once, not per digest */
	EVP_MD_CTX *md;
};

/* Whether iconv gives printable ASCII back unchanged, as the writer copies
 * it without asking (glibc's CP932 does). */
static int
reg_ascii_same(iconv_t cd)
{
	char in[95], out[200], *ip = in, *op = out;
	size_t left = sizeof in, room = sizeof out;
	int c;

	for (c = 0x20; c < 0x7f; c++)
		in[c - 0x20] = (char)c;
	iconv(cd, NULL, NULL, NULL, NULL);
	return iconv(cd, &ip, &left, &op, &room) != (size_t)-1 &&
	    left == 0 && sizeof out - room == sizeof in &&
	    memcmp(in, out, sizeof in) == 0;
}

static void
reg_fields(struct reg_writer *w)
{
	const struct layout *l = w->l;
	size_t i;

	w->wf = xcalloc(l->nfields, sizeof *w->wf);
	for (i = 0; i < l->nfields; i++) {
		const struct layout_field *f = &l->fields[i];
		const char *r = f->role;

		w->wf[i].f = f;
		w->wf[i].hashed = r == NULL || (strcmp(r, "seq") != 0 &&
		    strcmp(r, "action") != 0);
		w->wf[i].mynumber = r != NULL && strcmp(r, "mynumber") == 0;
		w->wf[i].cp932_bytes = f->encoding != NULL &&
		    strcmp(f->encoding, "CP932") == 0;
	}
}

struct reg_writer *
reg_writer_new(const struct layout *l, char **err)
{
	struct reg_writer *w;

	w = xcalloc(1, sizeof *w);
	w->l = l;
	w->cd = (iconv_t)-1;
	if (strcmp(l->encoding, "CP932") == 0 &&
	    (w->cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1) {
		free(w);
		err_set(err, _("this system cannot convert to CP932"));
		return NULL;
	}
	if (w->cd == (iconv_t)-1)
		w->fast = 1;
	else if (reg_ascii_same(w->cd)) {
		w->map = cp932map_new(w->cd);
		w->fast = 1;
	}
	w->crlf = l->line_ending == NULL || strcmp(l->line_ending, "LF") != 0;
	reg_fields(w);
	w->md = EVP_MD_CTX_new();
	w->sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (w->md == NULL || w->sha256 == NULL) {
		reg_writer_free(w);
		err_set(err, _("this system cannot compute SHA-256"));
		return NULL;
	}
	return w;
}

void
reg_writer_wipe(struct reg_writer *w)
{
	if (w == NULL)
		return;
	if (w->buf != NULL)
		OPENSSL_cleanse(w->buf, w->cap);
	if (w->hv != NULL)
		OPENSSL_cleanse(w->hv, w->hcap);
}

void
reg_writer_free(struct reg_writer *w)
{
	if (w == NULL)
		return;
	reg_writer_wipe(w);
	cp932map_free(w->map);
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	EVP_MD_CTX_free(w->md);
	EVP_MD_free(w->sha256);
	free(w->wf);
	free(w->buf);
	free(w->hv);
	free(w);
}

/* Room for more bytes after len in *buf. Never leaves a copy of a number
 * behind in freed memory: the old buffer is wiped before it is freed. */
static void
reg_grow(char **buf, size_t *cap, size_t len, size_t more)
{
	size_t ncap = (len + more) * 2 + 256;
	char *n = xmalloc(ncap);

	if (*buf != NULL) {
		memcpy(n, *buf, len);
		OPENSSL_cleanse(*buf, *cap);
		free(*buf);
	}
	*buf = n;
	*cap = ncap;
}

static inline void
reg_room(struct reg_writer *w, size_t more)
{
	if (w->len + more > w->cap)
		reg_grow(&w->buf, &w->cap, w->len, more);
}

/* Appends v converted to the file's encoding. */
static int
reg_put_bytes(struct reg_writer *w, const struct layout_field *f,
    const char *v, size_t n, char **err)
{
	char *in = (char *)v, *out;
	size_t left = n, room, i;

	for (i = 0; i < n && (unsigned char)v[i] < 0x80; i++)
		continue;
	reg_room(w, n * 2 + 8);
	if (i == n || w->cd == (iconv_t)-1) {
		memcpy(w->buf + w->len, v, n);
		w->len += n;
		return 0;
	}
	out = w->buf + w->len;
	room = w->cap - w->len;
	iconv(w->cd, NULL, NULL, NULL, NULL);
	if (iconv(w->cd, &in, &left, &out, &room) == (size_t)-1) {
		unsigned int cp;
		size_t clen = fieldcheck_utf8_next(in, left, &cp);

		return err_set(err, _("%s: %.*s cannot be written in CP932: use "
		    "its usual form"), f->label, (int)clen, in);
	}
	w->len = (size_t)(out - w->buf);
	return 0;
}

/* A value with a comma, a quote or a line break goes in quotes. */
static int
reg_put_field(struct reg_writer *w, const struct layout_field *f,
    const char *v, size_t n, char **err)
{
	const char *q;

	if (strpbrk(v, ",\"\r\n") == NULL)
		return reg_put_bytes(w, f, v, n, err);
	reg_room(w, 1);
	w->buf[w->len++] = '"';
	while ((q = memchr(v, '"', n)) != NULL) {
		if (reg_put_bytes(w, f, v, (size_t)(q - v) + 1, err) < 0)
			return -1;
		reg_room(w, 1);
		w->buf[w->len++] = '"';
		n -= (size_t)(q - v) + 1;
		v = q + 1;
	}
	if (reg_put_bytes(w, f, v, n, err) < 0)
		return -1;
	reg_room(w, 1);
	w->buf[w->len++] = '"';
	return 0;
}

static void
reg_end_line(struct reg_writer *w, const char **line, size_t *len)
{
	reg_room(w, 2);
	if (w->crlf)
		w->buf[w->len++] = '\r';
	w->buf[w->len++] = '\n';
	*line = w->buf;
	*len = w->len;
}

int
reg_writer_header(struct reg_writer *w, const char **line, size_t *len,
    char **err)
{
	size_t i;

	w->len = 0;
	for (i = 0; i < w->l->nfields; i++) {
		const struct layout_field *f = &w->l->fields[i];

		if (i > 0) {
			reg_room(w, 1);
			w->buf[w->len++] = ',';
		}
		if (reg_put_field(w, f, f->name, strlen(f->name), err) < 0)
			return -1;
	}
	reg_end_line(w, line, len);
	return 0;
}

/* --- One value in one pass ---------------------------------------------
 * reg_fast_field converts a value, notes what the checks need and decides
 * them in the same pass. It only ever says yes to what reg_check_value
 * accepts; anything else is handed to reg_check_value, whose message is
 * then the writer's, so the checks and messages are those of
 * fieldcheck_value whichever way a value goes. */

/* What a character is, or-ed over a value. */
#define RC_CTRL		0x01u	/* an ASCII control: the full check says */
#define RC_NONDIGIT	0x02u	/* not 0-9 */
#define RC_NONBLANK	0x04u	/* not a space (ASCII or U+3000) */
#define RC_QUOTE	0x08u	/* a comma or a quote: the field is quoted */
#define RC_NONKANA	0x10u	/* not full-width katakana or U+3000 */

static inline unsigned int
reg_ascii_class(unsigned int c)
{
	return (c < 0x20 || c == 0x7f ? RC_CTRL : 0) |
	    (c - '0' > 9 ? RC_NONDIGIT : 0) | (c != ' ' ? RC_NONBLANK : 0) |
	    (c == ',' || c == '"' ? RC_QUOTE : 0) | RC_NONKANA;
}

struct reg_scan {
	size_t chars;		/* code points */
	size_t cp932;		/* bytes as reg_cp932_len counts them */
	unsigned int cls;	/* RC_* */
	const char *unmapped;	/* first character CP932 has no code for */
	size_t unmapped_len;
};

/* Opens the quotes of a field whose bytes from start to *o are written. */
static void
reg_open_quote(unsigned char *out, size_t start, size_t *o)
{
	memmove(out + start + 1, out + start, *o - start);
	out[start] = '"';
	(*o)++;
}

/* A character beyond ASCII: its classes, its CP932 bytes appended. */
static void
reg_scan_char(struct reg_writer *w, unsigned int cp, const char *c,
    size_t len, struct reg_scan *s, unsigned char *out, size_t *o)
{
	unsigned char b[2];
	size_t k;

	s->cls |= RC_NONDIGIT | (cp == 0x3000 ? 0 : RC_NONBLANK) |
	    ((cp >= 0x30a0 && cp <= 0x30ff) || cp == 0x3000 ? 0 : RC_NONKANA);
	s->chars++;
	s->cp932 += cp >= 0xff61 && cp <= 0xff9f ? 1 : 2;
	if (w->map == NULL) {		/* a UTF-8 file */
		memcpy(out + *o, c, len);
		*o += len;
	} else if (s->unmapped == NULL) {
		if ((k = cp932map_get(w->map, cp, c, len, b)) == 0) {
			s->unmapped = c;
			s->unmapped_len = len;
			return;
		}
		out[(*o)++] = b[0];
		if (k == 2)
			out[(*o)++] = b[1];
	}
}

/* The next character beyond ASCII and its length, or 0 for what the full
 * check refuses (bad UTF-8, a control character). Three-byte characters,
 * the kana and kanji of every name, are decoded here; the rest by
 * fieldcheck_utf8_next, whose rules these are. */
static inline size_t
reg_utf8_next(const unsigned char *u, size_t n, unsigned int *cp)
{
	size_t len;

	if ((u[0] & 0xf0) == 0xe0 && n >= 3 && (u[1] & 0xc0) == 0x80 &&
	    (u[2] & 0xc0) == 0x80) {
		*cp = (u[0] & 0x0fu) << 12 | (u[1] & 0x3fu) << 6 | (u[2] & 0x3fu);
		if (*cp >= 0x800 && (*cp < 0xd800 || *cp > 0xdfff) &&
		    (*cp < 0x200b || *cp > 0x2069) && *cp != 0xfeff)
			return 3;
	}
	len = fieldcheck_utf8_next((const char *)u, n, cp);
	return len == 0 || fieldcheck_is_control(*cp) ? 0 : len;
}

/* Writes v, converted and quoted as needed, after the line's bytes; 0, or
 * -1 (nothing written) for bad UTF-8 or a control character, which the
 * full check names. Each character takes at most two bytes out, a quote
 * included, so 2n + 2 bytes of room are enough. */
static int
reg_scan_put(struct reg_writer *w, const char *v, size_t n,
    struct reg_scan *s)
{
	const unsigned char *u = (const unsigned char *)v;
	unsigned char *out;
	size_t i = 0, o, len;
	unsigned int cp, k;
	int quoted = 0;

	reg_room(w, 2 * n + 2);
	out = (unsigned char *)w->buf;
	o = w->len;
	memset(s, 0, sizeof *s);
	while (i < n) {
		if (u[i] < 0x80) {
			s->cls |= k = reg_ascii_class(u[i]);
			if (k & RC_QUOTE) {
				if (!quoted)
					reg_open_quote(out, w->len, &o);
				quoted = 1;
				if (u[i] == '"')
					out[o++] = '"';
			}
			out[o++] = u[i++];
			s->chars++;
			s->cp932++;
			continue;
		}
		if ((len = reg_utf8_next(u + i, n - i, &cp)) == 0)
			return -1;
		reg_scan_char(w, cp, v + i, len, s, out, &o);
		i += len;
	}
	if (quoted)
		out[o++] = '"';
	w->len = o;
	return 0;
}

/* YYYYMMDD of 8 digits naming a day from 1900 on (date_check's rule). */
static int
reg_date_ok(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0'), m = (s[4] - '0') * 10 + (s[5] - '0'),
	    d = (s[6] - '0') * 10 + (s[7] - '0'), leap;

	if (y < 1900 || m < 1 || m > 12)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d >= 1 && d <= days[m - 1] + (m == 2 && leap);
}

/* The type rules of fieldcheck_type, for a value that is not blank. */
static int
reg_type_ok(enum field_type t, const char *v, size_t n, unsigned int cls)
{
	int digits = !(cls & RC_NONDIGIT);

	switch (t) {
	case FIELD_TEXT:
		return 1;
	case FIELD_KANA:
		return !(cls & RC_NONKANA);
	case FIELD_DIGITS:
		return digits;
	case FIELD_DATE:
		return n == 8 && digits && reg_date_ok(v);
	case FIELD_SEX:
		return n == 1 && v[0] >= '1' && v[0] <= '3';
	case FIELD_RELATION:
	case FIELD_RESIDENT:
		return n == 1 && v[0] >= '1' && v[0] <= '2';
	case FIELD_INSURER:
		return n == 8 && digits;
	case FIELD_MUNICIPALITY:
		return n == 6 && municipality_check(v);
	}
	return 0;
}

/* Whether reg_check_value surely accepts the scanned value (v is
 * NUL-terminated after its n bytes). */
static int
reg_fast_ok(const struct reg_wfield *wf, const char *v, size_t n,
    const struct reg_scan *s)
{
	const struct layout_field *f = wf->f;

	if (s->cls & RC_CTRL)
		return 0;
	if (!(s->cls & RC_NONBLANK)) {
		if (f->required)
			return 0;
	} else if (!reg_type_ok(f->type, v, n, s->cls) ||
	    (f->max_chars > 0 && s->chars > (size_t)f->max_chars))
		return 0;
	if (f->max_bytes > 0 &&
	    (wf->cp932_bytes ? s->cp932 : n) > (size_t)f->max_bytes)
		return 0;
	if (wf->mynumber && n > 0 && (n != MYNUMBER_DIGITS ||
	    (s->cls & RC_NONDIGIT) || mynumber_check_digit(v) != v[11] - '0'))
		return 0;
	return 1;
}

/* The checks and conversion as they were before the one-pass scan: for
 * what the scan cannot judge, and for a converter that changes ASCII. */
static int
reg_slow_field(struct reg_writer *w, const struct layout_field *f,
    const char *v, size_t n, char **err)
{
	if (reg_check_value(f, v, n, err) < 0)
		return -1;
	return reg_put_field(w, f, v, n, err);
}

static int
reg_fast_field(struct reg_writer *w, const struct reg_wfield *wf,
    const char *v, size_t n, char **err)
{
	size_t start = w->len;
	struct reg_scan s;

	if (reg_scan_put(w, v, n, &s) < 0 || !reg_fast_ok(wf, v, n, &s)) {
		w->len = start;
		return reg_slow_field(w, wf->f, v, n, err);
	}
	if (s.unmapped != NULL)
		return err_set(err, _("%s: %.*s cannot be written in CP932: use "
		    "its usual form"), wf->f->label, (int)s.unmapped_len,
		    s.unmapped);
	return 0;
}

/* Adds a value to what the content hash covers: its length (4 bytes, big
 * endian), then its bytes. */
static void
reg_hash_add(struct reg_writer *w, const char *v, size_t n)
{
	unsigned char *p;

	if (w->hlen + n + 4 > w->hcap)
		reg_grow(&w->hv, &w->hcap, w->hlen, n + 4);
	p = (unsigned char *)w->hv + w->hlen;
	p[0] = (unsigned char)(n >> 24);
	p[1] = (unsigned char)(n >> 16);
	p[2] = (unsigned char)(n >> 8);
	p[3] = (unsigned char)n;
	memcpy(p + 4, v, n);
	w->hlen += n + 4;
}

static void
reg_sha256(struct reg_writer *w, const void *p, size_t n,
    unsigned char out[32])
{
	if (EVP_DigestInit_ex2(w->md, w->sha256, NULL) != 1 ||
	    EVP_DigestUpdate(w->md, p, n) != 1 ||
	    EVP_DigestFinal_ex(w->md, out, NULL) != 1)
		abort();
}

int
reg_writer_record(struct reg_writer *w, const char *const *values,
    const char **line, size_t *len, unsigned char sent[32],
    unsigned char content[32], char **err)
{
	size_t i, n;
	int rc;

	w->len = 0;
	w->hlen = 0;
	for (i = 0; i < w->l->nfields; i++) {
		const char *v = values[i] != NULL ? values[i] : "";

		n = strlen(v);
		if (i > 0) {
			reg_room(w, 1);
			w->buf[w->len++] = ',';
		}
		rc = w->fast ? reg_fast_field(w, &w->wf[i], v, n, err) :
		    reg_slow_field(w, w->wf[i].f, v, n, err);
		if (rc < 0)
			return -1;
		if (w->wf[i].hashed)
			reg_hash_add(w, v, n);
	}
	reg_sha256(w, w->hv, w->hlen, content);
	reg_sha256(w, w->buf, w->len, sent);
	reg_end_line(w, line, len);
	return 0;
}
