/* Insured persons: the field table, the row hash, and cross-field rules. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "domain/person.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct {
	const char *role;
	int tracked;
} person_fields[PF_COUNT] = {
	[PF_KEY] = { "key", 0 },
	[PF_INSURER] = { "insurer", 0 },
	[PF_SYMBOL] = { "symbol", 0 },
	[PF_NUMBER] = { "number", 0 },
	[PF_RELATION] = { "relation", 0 },
	[PF_MEMBER] = { "member", 0 },
	[PF_NAME] = { "name", 1 },
	[PF_KANA] = { "kana", 1 },
	[PF_BIRTH] = { "birth", 1 },
	[PF_SEX] = { "sex", 1 },
	[PF_ADDRESS] = { "address", 1 },
	[PF_MUNICIPALITY] = { "municipality", 0 },
	[PF_RESIDENT] = { "resident", 0 },
	[PF_EMPLOYER] = { "employer", 0 },
	[PF_ACQUIRED] = { "acquired", 1 },
	[PF_LOST] = { "lost", 1 },
	[PF_EDABAN] = { "edaban", 0 },
	[PF_EXTRA] = { "extra", 0 },
};

const char *
person_role(enum person_field i)
{
	return person_fields[i].role;
}

int
person_tracked(enum person_field i)
{
	return person_fields[i].tracked;
}

/* One digest context and one fetched SHA-256 for a whole import: making
 * and freeing a context for each of 400,000 rows also fetched SHA-256
 * from the provider each time (OpenSSL 3). */
struct person_hasher {
	EVP_MD_CTX *ctx;
	EVP_MD *md;
};

struct person_hasher *
person_hasher_new(void)
{
	struct person_hasher *h = xcalloc(1, sizeof *h);

	h->ctx = EVP_MD_CTX_new();
	h->md = EVP_MD_fetch(NULL, "SHA256", NULL);
	if (h->ctx == NULL || h->md == NULL)
		abort();
	return h;
}

void
person_hasher_free(struct person_hasher *h)
{
	if (h == NULL)
		return;
	EVP_MD_CTX_free(h->ctx);
	EVP_MD_free(h->md);
	free(h);
}

void
person_hasher_run(struct person_hasher *h, const struct person *p,
    unsigned char out[32])
{
	int i;

	EVP_DigestInit_ex2(h->ctx, h->md, NULL);
	for (i = 0; i < PF_COUNT; i++) {
		const char *v = p->f[i] ? p->f[i] : "";
		size_t n = strlen(v);
		unsigned char len[4] = { (unsigned char)(n >> 24),
		    (unsigned char)(n >> 16), (unsigned char)(n >> 8), (unsigned char)n };

		EVP_DigestUpdate(h->ctx, len, 4);
		EVP_DigestUpdate(h->ctx, v, n);
	}
	EVP_DigestFinal_ex(h->ctx, out, NULL);
}

void
person_hash(const struct person *p, unsigned char out[32])
{
	struct person_hasher *h = person_hasher_new();

	person_hasher_run(h, p, out);
	person_hasher_free(h);
}

static const char *
person_get(const struct person *p, enum person_field i)
{
	return p->f[i] ? p->f[i] : "";
}

/* The 枝番 is two digits, 00-99, when the extract has one. */
static int
person_check_edaban(const char *v, char **err)
{
	if (v[0] == '\0' || (strlen(v) == 2 && v[0] >= '0' && v[0] <= '9' &&
	    v[1] >= '0' && v[1] <= '9'))
		return 0;
	return err_set(err, _("edaban: the 枝番 is two digits, 00 to 99"));
}

int
person_check(const struct person *p, char **err)
{
	const char *rel = person_get(p, PF_RELATION), *member = person_get(p, PF_MEMBER);
	const char *lost = person_get(p, PF_LOST);

	if (strcmp(rel, "2") == 0 && member[0] == '\0')
		return err_set(err, _("member: a family member must name the member "
		    "they belong to"));
	if (strcmp(rel, "1") == 0 && member[0] != '\0' &&
	    strcmp(member, person_get(p, PF_KEY)) != 0)
		return err_set(err, _("member: a member must not name another member"));
	if (strcmp(rel, "2") == 0 && strcmp(member, person_get(p, PF_KEY)) == 0)
		return err_set(err, _("member: a family member cannot be their own member"));
	if (lost[0] != '\0' && strcmp(lost, person_get(p, PF_ACQUIRED)) < 0)
		return err_set(err, _("lost: the qualification is lost before it was "
		    "acquired"));
	if (strcmp(person_get(p, PF_ACQUIRED), person_get(p, PF_BIRTH)) < 0)
		return err_set(err, _("acquired: the qualification starts before birth"));
	return person_check_edaban(person_get(p, PF_EDABAN), err);
}

const char *
person_extra_get(const char *extra, size_t len, const char *name, size_t *n)
{
	const char *p = extra, *end = extra + len;
	size_t nl = strlen(name);

	while (p < end) {
		const char *us = memchr(p, PERSON_EXTRA_US, (size_t)(end - p));
		const char *rs;

		if (us == NULL)
			return NULL;
		rs = memchr(us, PERSON_EXTRA_RS, (size_t)(end - us));
		if (rs == NULL)
			rs = end;
		if ((size_t)(us - p) == nl && memcmp(p, name, nl) == 0) {
			*n = (size_t)(rs - us - 1);
			return us + 1;
		}
		p = rs + 1;
	}
	return NULL;
}

void
person_clear(struct person *p)
{
	int i;

	for (i = 0; i < PF_COUNT; i++)
		free(p->f[i]);
	memset(p, 0, sizeof *p);
}
