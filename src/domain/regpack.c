/* Packing registration records into chunks (see regpack.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "domain/regpack.h"
#include "util/xmalloc.h"

#define REGPACK_SRC 1
#define REGPACK_HMAC 2
/* The largest record: two varints, two bytes, the key and four hashes. */
#define REGPACK_MAX_REC (10 + 2 + 10 + REGPACK_RKEY_MAX + 4 * 32)

void
regpack_init(struct regpack *p)
{
	memset(p, 0, sizeof *p);
}

static void
regpack_room(struct regpack *p, size_t more)
{
	unsigned char *n;
	size_t cap;

	if (p->len + more <= p->cap)
		return;
	cap = (p->len + more) * 2;
	n = xmalloc(cap);
	if (p->buf != NULL) {
		memcpy(n, p->buf, p->len);
		OPENSSL_cleanse(p->buf, p->cap);
		free(p->buf);
	}
	p->buf = n;
	p->cap = cap;
}

static void
put_varint(struct regpack *p, uint64_t v)
{
	while (v >= 0x80) {
		p->buf[p->len++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p->buf[p->len++] = (unsigned char)v;
}

static void
put_bytes(struct regpack *p, const void *b, size_t n)
{
	memcpy(p->buf + p->len, b, n);
	p->len += n;
}

int
regpack_add(struct regpack *p, const struct regpack_rec *r)
{
	if (r->rkey_len > REGPACK_RKEY_MAX || r->person < 0 || r->action < 0 ||
	    r->action > 255)
		return -1;
	regpack_room(p, REGPACK_MAX_REC);
	put_varint(p, (uint64_t)r->person);
	p->buf[p->len++] = (unsigned char)r->action;
	p->buf[p->len++] = (unsigned char)((r->src ? REGPACK_SRC : 0) |
	    (r->hmac ? REGPACK_HMAC : 0));
	put_varint(p, r->rkey_len);
	put_bytes(p, r->rkey, r->rkey_len);
	put_bytes(p, r->sent, 32);
	put_bytes(p, r->content, 32);
	if (r->src != NULL)
		put_bytes(p, r->src, 32);
	if (r->hmac != NULL)
		put_bytes(p, r->hmac, 32);
	if (p->n == 0 || r->person < p->min_person)
		p->min_person = r->person;
	if (p->n == 0 || r->person > p->max_person)
		p->max_person = r->person;
	p->n++;
	return 0;
}

void
regpack_reset(struct regpack *p)
{
	if (p->buf != NULL)
		OPENSSL_cleanse(p->buf, p->len);
	p->len = 0;
	p->n = 0;
	p->min_person = p->max_person = 0;
}

void
regpack_free(struct regpack *p)
{
	if (p->buf != NULL)
		OPENSSL_cleanse(p->buf, p->cap);
	free(p->buf);
	memset(p, 0, sizeof *p);
}

static int
get_varint(const unsigned char *b, size_t len, size_t *off, uint64_t *v)
{
	int shift = 0;

	*v = 0;
	while (*off < len && shift < 63) {
		unsigned char c = b[(*off)++];

		*v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return 0;
		shift += 7;
	}
	return -1;
}

/* n bytes at *off, or NULL when the chunk ends before them. */
static const unsigned char *
get_bytes(const unsigned char *b, size_t len, size_t *off, size_t n)
{
	const unsigned char *at = b + *off;

	if (n > len - *off)
		return NULL;
	*off += n;
	return at;
}

int
regpack_next(const unsigned char *buf, size_t len, size_t *off,
    struct regpack_rec *r)
{
	uint64_t person, klen;
	unsigned char flags;

	if (*off >= len)
		return 0;
	if (get_varint(buf, len, off, &person) < 0 || person > INT64_MAX ||
	    len - *off < 2)
		return -1;
	r->person = (int64_t)person;
	r->action = buf[(*off)++];
	flags = buf[(*off)++];
	if ((flags & ~(REGPACK_SRC | REGPACK_HMAC)) != 0 ||
	    get_varint(buf, len, off, &klen) < 0 || klen > REGPACK_RKEY_MAX)
		return -1;
	r->rkey_len = (size_t)klen;
	r->rkey = (const char *)get_bytes(buf, len, off, r->rkey_len);
	r->sent = get_bytes(buf, len, off, 32);
	r->content = get_bytes(buf, len, off, 32);
	r->src = flags & REGPACK_SRC ? get_bytes(buf, len, off, 32) : NULL;
	r->hmac = flags & REGPACK_HMAC ? get_bytes(buf, len, off, 32) : NULL;
	if (r->rkey == NULL || r->sent == NULL || r->content == NULL ||
	    ((flags & REGPACK_SRC) && r->src == NULL) ||
	    ((flags & REGPACK_HMAC) && r->hmac == NULL))
		return -1;
	return 1;
}
