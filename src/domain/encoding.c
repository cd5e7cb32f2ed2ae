/* CP932 (Shift_JIS as Windows writes it) to UTF-8, chunk by chunk, so a
 * file of any size is read once in bounded memory.
 *
 * The conversion goes through a table built once per process from the
 * system's iconv converter: the table says exactly what iconv says (the
 * same characters accepted, the same ones refused), but a file is then
 * decoded with one lookup per character instead of iconv's generic
 * machinery, which cost the format checker a fifth of its time. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/encoding.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* One table entry: the character's UTF-8 bytes (CP932 has no character
 * beyond U+FFFF, so at most 3), or len 0 for a byte (pair) iconv refuses.
 * The bytes come first so that one 4-byte copy puts them out (the fourth,
 * len, is overwritten by what follows). */
struct cp932_chr {
	uint8_t u[3];
	uint8_t len;
};

#define CP932_LEAD 0xff		/* one[] marks a byte that starts a pair */

struct cp932_table {
	struct cp932_chr one[256];
	struct cp932_chr two[128][256];	/* [lead - 0x80][trail] */
	int ascii;		/* bytes below 0x80 are themselves */
};

static struct cp932_table *cp932;
static pthread_once_t cp932_once = PTHREAD_ONCE_INIT;

/* Converts in (n bytes) with cd: 1 with *c, 0 when iconv refuses it,
 * -1 when it is the beginning of a longer character. */
static int
cp932_probe(iconv_t cd, const unsigned char *in, size_t n, struct cp932_chr *c)
{
	char buf[8], *src = (char *)in, *dst = buf;
	size_t left = n, room = sizeof buf;
	size_t rc = iconv(cd, &src, &left, &dst, &room);
	int err = errno;

	iconv(cd, NULL, NULL, NULL, NULL);
	memset(c, 0, sizeof *c);
	if (rc == (size_t)-1)
		return err == EINVAL ? -1 : 0;
	/* A byte sequence iconv turns into more than one character or into
	 * more than 3 bytes is not in the table: decoding it would fail,
	 * never silently change it (glibc's CP932 has none). */
	if (left != 0 || sizeof buf - room == 0 || sizeof buf - room > 3)
		return 0;
	c->len = (uint8_t)(sizeof buf - room);
	memcpy(c->u, buf, c->len);
	return 1;
}

/* The length of the UTF-8 character that starts with b (1 for a byte
 * that starts none: the count then fails to match). */
static size_t
cp932_u8len(unsigned char b)
{
	return b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}

/* Fills a lead byte's row from one iconv call over its 256 pairs, not one
 * call per pair: 32,000 calls were a quarter of checking a small file.
 * The call stops at each pair it refuses, which is marked and stepped
 * over. Returns -1, leaving the row to cp932_probe, when what it did
 * cannot be read back pair by pair: a stop inside a pair, or output whose
 * characters do not fall one to a pair, each of at most 3 bytes. */
static int
cp932_row(iconv_t cd, unsigned char lead, struct cp932_chr row[256])
{
	unsigned char in[512];
	char out[256 * 4], *src = (char *)in, *dst, *o;
	size_t left = sizeof in, room, k, n;
	int t, at;

	for (t = 0; t < 256; t++) {
		in[2 * t] = lead;
		in[2 * t + 1] = (unsigned char)t;
	}
	memset(row, 0, 256 * sizeof *row);
	while (left > 0) {
		at = (int)((sizeof in - left) / 2);
		dst = out;
		room = sizeof out;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &src, &left, &dst, &room) == (size_t)-1 &&
		    errno != EILSEQ)
			return -1;
		if (left % 2 != 0)
			return -1;
		for (o = out; o < dst; o += n, at++) {
			n = cp932_u8len((unsigned char)*o);
			if (at >= 256 || n > 3 || o + n > dst)
				return -1;
			for (k = 1; k < n; k++)
				if (((unsigned char)o[k] & 0xc0) != 0x80)
					return -1;
			row[at].len = (uint8_t)n;
			memcpy(row[at].u, o, n);
		}
		if ((size_t)at != (sizeof in - left) / 2)
			return -1;
		if (left > 0) {		/* the refused pair at src */
			src += 2;
			left -= 2;
		}
	}
	return 0;
}

static void
cp932_build(void)
{
	struct cp932_table *t = xcalloc(1, sizeof *t);
	unsigned char in[2];
	iconv_t cd = iconv_open("UTF-8", "CP932");
	int b, trail;

	if (cd == (iconv_t)-1) {
		free(t);
		return;
	}
	for (b = 0; b < 256; b++) {
		in[0] = (unsigned char)b;
		if (cp932_probe(cd, in, 1, &t->one[b]) >= 0)
			continue;
		if (b < 0x80)		/* not CP932 as we know it */
			continue;
		t->one[b].len = CP932_LEAD;
		if (cp932_row(cd, (unsigned char)b, t->two[b - 0x80]) == 0)
			continue;
		for (trail = 0; trail < 256; trail++) {
			in[1] = (unsigned char)trail;
			(void)cp932_probe(cd, in, 2, &t->two[b - 0x80][trail]);
		}
	}
	iconv_close(cd);
	t->ascii = 1;
	for (b = 0; b < 0x80; b++)
		if (t->one[b].len != 1 || t->one[b].u[0] != b)
			t->ascii = 0;
	cp932 = t;
}

struct decoder {
	int cp932;		/* 0 for UTF-8 pass-through */
	const struct cp932_table *t;
	unsigned char lead;	/* first byte of a pair split across chunks */
	int has_lead;
	char *buf;
	size_t cap;
	long long offset;	/* bytes consumed, for messages */
};

struct decoder *
decoder_new(const char *encoding, char **err)
{
	struct decoder *d;

	if (strcmp(encoding, "UTF-8") != 0 && strcmp(encoding, "CP932") != 0) {
		err_set(err, _("unknown encoding '%s': use UTF-8 or CP932"), encoding);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	if (strcmp(encoding, "CP932") == 0) {
		pthread_once(&cp932_once, cp932_build);
		if (cp932 == NULL) {
			free(d);
			err_set(err, _("this system cannot convert CP932"));
			return NULL;
		}
		d->cp932 = 1;
		d->t = cp932;
	}
	return d;
}

static int
decoder_bad(struct decoder *d, size_t at, char **err)
{
	return err_set(err, _("byte %lld: not valid CP932 (is the file in "
	    "another encoding?)"), d->offset + (long long)at + 1);
}

static inline void
decoder_put(char *buf, size_t *o, const struct cp932_chr *c)
{
	memcpy(buf + *o, c, 4);		/* the room is there; len counts */
	*o += c->len;
}

/* The loop keeps the table and the output in locals: stores through the
 * output (char) may alias anything, so read through d each was read again
 * for every byte. */
int
decoder_feed(struct decoder *d, const char *in, size_t len, const char **out,
    size_t *outlen, char **err)
{
	const unsigned char *p = (const unsigned char *)in;
	const struct cp932_table *t;
	const struct cp932_chr *c;
	size_t i = 0, o = 0;
	char *buf;
	int ascii;

	*outlen = 0;
	if (!d->cp932) {
		*out = in;
		*outlen = len;
		d->offset += (long long)len;
		return 0;
	}
	/* Every input byte gives at most 3 bytes (half-width kana). */
	if (d->cap < len * 3 + 16) {
		d->cap = len * 3 + 16;
		d->buf = xrealloc(d->buf, d->cap);
	}
	*out = buf = d->buf;
	t = d->t;
	ascii = t->ascii;
	if (d->has_lead && len > 0) {
		/* The pair began in the previous chunk, whose count holds
		 * its first byte: the message names that byte. */
		c = &t->two[d->lead - 0x80][p[0]];
		if (c->len == 0)
			return err_set(err, _("byte %lld: not valid CP932 (is "
			    "the file in another encoding?)"), d->offset);
		decoder_put(buf, &o, c);
		d->has_lead = 0;
		i = 1;
	}
	while (i < len) {
		/* Eight ASCII bytes at a time (the digits and commas). */
		if (ascii && i + 8 <= len) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if ((w & 0x8080808080808080ULL) == 0) {
				memcpy(buf + o, &w, 8);
				i += 8;
				o += 8;
				continue;
			}
		}
		if (p[i] < 0x80 && ascii) {	/* most bytes */
			buf[o++] = (char)p[i++];
			continue;
		}
		c = &t->one[p[i]];
		if (c->len != CP932_LEAD) {
			if (c->len == 0)
				return decoder_bad(d, i, err);
			decoder_put(buf, &o, c);
			i++;
			continue;
		}
		if (i + 1 == len) {
			d->lead = p[i];
			d->has_lead = 1;
			i++;
			break;
		}
		c = &t->two[p[i] - 0x80][p[i + 1]];
		if (c->len == 0)
			return decoder_bad(d, i, err);
		decoder_put(buf, &o, c);
		i += 2;
	}
	d->offset += (long long)i;
	*outlen = o;
	return 0;
}

int
decoder_finish(struct decoder *d, char **err)
{
	if (d->has_lead)
		return err_set(err, _("the file ends inside a character"));
	return 0;
}

void
decoder_free(struct decoder *d)
{
	if (d == NULL)
		return;
	free(d->buf);
	free(d);
}
