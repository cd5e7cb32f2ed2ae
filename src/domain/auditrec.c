/* Hashing of audit records in a byte form that outsiders can rebuild: fixed
 * field order, explicit lengths, no re-serialised JSON. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "domain/auditrec.h"
#include "util/xmalloc.h"

static void
auditrec_put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

unsigned char *
auditrec_body(const struct auditrec *r, size_t *len)
{
	const char *fields[] = { r->ts, r->actor, r->actor2, r->action,
	    r->subject, r->detail };
	size_t n = 8, i, o = 0;
	unsigned char *buf;
	uint64_t seq = (uint64_t)r->seq;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		n += 4 + strlen(fields[i] ? fields[i] : "");
	buf = xmalloc(n);
	for (i = 0; i < 8; i++)
		buf[o++] = (unsigned char)(seq >> (56 - 8 * i));
	for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *f = fields[i] ? fields[i] : "";
		size_t fl = strlen(f);

		auditrec_put32(buf + o, (uint32_t)fl);
		o += 4;
		memcpy(buf + o, f, fl);
		o += fl;
	}
	*len = n;
	return buf;
}

void
auditrec_leaf(const struct auditrec *r, unsigned char out[AUDIT_HASH_LEN])
{
	static const unsigned char leaf_prefix = 0x00;
	size_t len;
	unsigned char *body = auditrec_body(r, &len);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();

	if (ctx == NULL)
		abort();
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	EVP_DigestUpdate(ctx, &leaf_prefix, 1);
	EVP_DigestUpdate(ctx, body, len);
	EVP_DigestFinal_ex(ctx, out, NULL);
	EVP_MD_CTX_free(ctx);
	free(body);
}

void
auditrec_chain(const struct auditrec *r, unsigned char out[AUDIT_HASH_LEN])
{
	unsigned char buf[2 * AUDIT_HASH_LEN];

	memcpy(buf, r->prev, AUDIT_HASH_LEN);
	auditrec_leaf(r, buf + AUDIT_HASH_LEN);
	SHA256(buf, sizeof buf, out);
}

void
auditrec_clear(struct auditrec *r)
{
	free(r->ts);
	free(r->actor);
	free(r->actor2);
	free(r->action);
	free(r->subject);
	free(r->detail);
	memset(r, 0, sizeof *r);
}

struct auditrec_hasher {
	EVP_MD *md;
	EVP_MD_CTX *ctx;
	unsigned char *buf;	/* 0x00 and the body */
	size_t cap;
};

struct auditrec_hasher *
auditrec_hasher_new(void)
{
	struct auditrec_hasher *h = xcalloc(1, sizeof *h);

	h->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	h->ctx = EVP_MD_CTX_new();
	if (h->md == NULL || h->ctx == NULL)
		abort();
	return h;
}

void
auditrec_hasher_chain(struct auditrec_hasher *h, int64_t seq,
    const char *const fields[6], const unsigned char prev[AUDIT_HASH_LEN],
    unsigned char out[AUDIT_HASH_LEN])
{
	size_t fl[6], n = 1 + 8, i, o = 0;
	unsigned char link[2 * AUDIT_HASH_LEN];
	uint64_t s = (uint64_t)seq;

	for (i = 0; i < 6; i++)
		n += 4 + (fl[i] = strlen(fields[i] ? fields[i] : ""));
	if (n > h->cap) {
		h->cap = n * 2;
		h->buf = xrealloc(h->buf, h->cap);
	}
	h->buf[o++] = 0x00;	/* the leaf prefix */
	for (i = 0; i < 8; i++)
		h->buf[o++] = (unsigned char)(s >> (56 - 8 * i));
	for (i = 0; i < 6; i++) {
		auditrec_put32(h->buf + o, (uint32_t)fl[i]);
		o += 4;
		memcpy(h->buf + o, fields[i] ? fields[i] : "", fl[i]);
		o += fl[i];
	}
	memcpy(link, prev, AUDIT_HASH_LEN);
	if (EVP_DigestInit_ex2(h->ctx, h->md, NULL) != 1 ||
	    EVP_DigestUpdate(h->ctx, h->buf, o) != 1 ||
	    EVP_DigestFinal_ex(h->ctx, link + AUDIT_HASH_LEN, NULL) != 1 ||
	    EVP_DigestInit_ex2(h->ctx, h->md, NULL) != 1 ||
	    EVP_DigestUpdate(h->ctx, link, sizeof link) != 1 ||
	    EVP_DigestFinal_ex(h->ctx, out, NULL) != 1)
		abort();
}

void
auditrec_hasher_free(struct auditrec_hasher *h)
{
	if (h == NULL)
		return;
	EVP_MD_free(h->md);
	EVP_MD_CTX_free(h->ctx);
	free(h->buf);
	free(h);
}
