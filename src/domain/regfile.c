/* Registration files: kinds, names, and writing records in a layout. The
 * writer keeps one converter open for the whole file: opening one per value
 * would cost more than everything else for 400,000 persons. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

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

struct reg_writer {
	const struct layout *l;
	iconv_t cd;			/* (iconv_t)-1 for UTF-8 */
	int crlf;
	int *hashed;			/* per field: part of the content hash */
	char *buf;
	size_t len, cap;
	EVP_MD_CTX *md;
};

struct reg_writer *
reg_writer_new(const struct layout *l, char **err)
{
	struct reg_writer *w;
	size_t i;

	w = xcalloc(1, sizeof *w);
	w->l = l;
	w->cd = (iconv_t)-1;
	if (strcmp(l->encoding, "CP932") == 0 &&
	    (w->cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1) {
		free(w);
		err_set(err, _("this system cannot convert to CP932"));
		return NULL;
	}
	w->crlf = l->line_ending == NULL || strcmp(l->line_ending, "LF") != 0;
	w->hashed = xcalloc(l->nfields, sizeof *w->hashed);
	for (i = 0; i < l->nfields; i++) {
		const char *r = l->fields[i].role;

		w->hashed[i] = r == NULL || (strcmp(r, "seq") != 0 &&
		    strcmp(r, "action") != 0);
	}
	w->md = EVP_MD_CTX_new();
	if (w->md == NULL)
		abort();
	return w;
}

void
reg_writer_wipe(struct reg_writer *w)
{
	if (w != NULL && w->buf != NULL)
		OPENSSL_cleanse(w->buf, w->cap);
}

void
reg_writer_free(struct reg_writer *w)
{
	if (w == NULL)
		return;
	reg_writer_wipe(w);
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	EVP_MD_CTX_free(w->md);
	free(w->hashed);
	free(w->buf);
	free(w);
}

static void
reg_room(struct reg_writer *w, size_t more)
{
	size_t cap;

	if (w->len + more <= w->cap)
		return;
	cap = (w->len + more) * 2 + 256;
	/* Never leave a copy of a number behind in freed memory. */
	{
		char *n = xmalloc(cap);

		if (w->buf != NULL) {
			memcpy(n, w->buf, w->len);
			OPENSSL_cleanse(w->buf, w->cap);
			free(w->buf);
		}
		w->buf = n;
		w->cap = cap;
	}
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

static void
reg_hash_value(EVP_MD_CTX *md, const char *v, size_t n)
{
	unsigned char len[4] = { (unsigned char)(n >> 24),
	    (unsigned char)(n >> 16), (unsigned char)(n >> 8), (unsigned char)n };

	EVP_DigestUpdate(md, len, 4);
	EVP_DigestUpdate(md, v, n);
}

int
reg_writer_record(struct reg_writer *w, const char *const *values,
    const char **line, size_t *len, unsigned char sent[32],
    unsigned char content[32], char **err)
{
	size_t i;

	w->len = 0;
	EVP_DigestInit_ex(w->md, EVP_sha256(), NULL);
	for (i = 0; i < w->l->nfields; i++) {
		const struct layout_field *f = &w->l->fields[i];
		const char *v = values[i] != NULL ? values[i] : "";
		size_t n = strlen(v);

		if (reg_check_value(f, v, n, err) < 0)
			return -1;
		if (i > 0) {
			reg_room(w, 1);
			w->buf[w->len++] = ',';
		}
		if (reg_put_field(w, f, v, n, err) < 0)
			return -1;
		if (w->hashed[i])
			reg_hash_value(w->md, v, n);
	}
	EVP_DigestFinal_ex(w->md, content, NULL);
	EVP_Digest(w->buf, w->len, sent, NULL, EVP_sha256(), NULL);
	reg_end_line(w, line, len);
	return 0;
}
