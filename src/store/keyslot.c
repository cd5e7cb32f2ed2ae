/* Wrapping and unwrapping the data key: scrypt or HKDF, then AES-256-GCM with
 * the slot's identity as associated data, so a slot moved to another user
 * no longer opens. A sealed slot wraps the holder's private key instead,
 * and the data key is sealed to its public key (store/keyseal.c). */
#include "config.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "store/keyseal.h"
#include "store/keyslot.h"
#include "util/i18n.h"
#include "util/secret.h"
#include "util/xmalloc.h"

int
random_bytes(unsigned char *buf, size_t n, char **err)
{
	if (RAND_bytes(buf, (int)n) != 1)
		return err_set(err, _("the system random generator failed"));
	return 0;
}

/* scrypt runs so far, read by tests that hold an action to its cost (one
 * check of a second person, not two); atomic because slots are unwrapped
 * on worker threads too. */
static atomic_ulong keyslot_kdf_runs;

unsigned long
keyslot_kdf_count(void)
{
	return atomic_load(&keyslot_kdf_runs);
}

static int
keyslot_scrypt(const char *password, const unsigned char *salt, int logn,
    int r, int p, unsigned char out[KEY_LEN])
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	uint64_t n = (uint64_t)1 << logn, maxmem = (uint64_t)1 << 30;
	uint32_t rr = (uint32_t)r, pp = (uint32_t)p;
	OSSL_PARAM params[7];
	int ok;

	atomic_fetch_add(&keyslot_kdf_runs, 1);
	params[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
	    (void *)password, strlen(password));
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (void *)salt, SLOT_SALT_LEN);
	params[2] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
	params[3] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &rr);
	params[4] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &pp);
	params[5] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM, &maxmem);
	params[6] = OSSL_PARAM_construct_end();
	ok = ctx != NULL && logn >= 1 && logn <= 22 && r >= 1 && r <= 32 &&
	    p >= 1 && p <= 16 && EVP_KDF_derive(ctx, out, KEY_LEN, params) == 1;
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return ok ? 0 : -1;
}

static int
keyslot_hkdf(const unsigned char *secret, const unsigned char *salt,
    unsigned char out[KEY_LEN])
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	static const char info[] = "mynadesk recovery slot v1";
	OSSL_PARAM params[5];
	int ok;

	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
	    (void *)secret, RECOVERY_KEY_LEN);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
	    (void *)salt, SLOT_SALT_LEN);
	params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
	    (void *)info, sizeof info - 1);
	params[4] = OSSL_PARAM_construct_end();
	ok = ctx != NULL && EVP_KDF_derive(ctx, out, KEY_LEN, params) == 1;
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return ok ? 0 : -1;
}

static void
keyslot_aad(const struct keyslot *s, char *buf, size_t len)
{
	/* A sealed slot says so here, so it cannot pass for an older one. */
	const char *ver = s->sealed ? "v2" : "v1";

	if (s->kind == SLOT_RECOVERY)
		snprintf(buf, len, "mynadesk-slot %s recovery", ver);
	else if (s->kind == SLOT_SIGNKEY)
		snprintf(buf, len, "mynadesk-slot v1 signkey");
	else
		snprintf(buf, len, "mynadesk-slot %s user %lld %s", ver,
		    (long long)s->uid, s->name);
}

static void
keyslot_seal_aad(const struct keyslot *s, char *buf, size_t len)
{
	if (s->kind == SLOT_RECOVERY)
		snprintf(buf, len, "mynadesk-seal v1 recovery");
	else
		snprintf(buf, len, "mynadesk-seal v1 user %lld %s", (long long)s->uid,
		    s->name);
}

int
keyslot_reseal(struct keyslot *s, const unsigned char data_key[KEY_LEN],
    char **err)
{
	char aad[128];

	if (!s->sealed || s->kind == SLOT_SIGNKEY)
		return err_set(err, _("the key slot of '%s' is from before sealed "
		    "slots: it is converted at its next use"), s->name);
	keyslot_seal_aad(s, aad, sizeof aad);
	if (keyseal_seal(&s->seal, s->pub, aad, data_key) < 0)
		return err_set(err, _("could not seal the key"));
	return 0;
}

/* Fills a slot whose identity, salt and nonce are set: kek wraps either a
 * new private key, to whose public half payload is sealed (sealed), or
 * payload itself. */
static int
keyslot_fill(struct keyslot *s, const unsigned char kek[KEY_LEN],
    const unsigned char payload[KEY_LEN], int sealed)
{
	unsigned char *priv = secret_alloc(KEY_LEN);
	char aad[128];
	int rc = -1;

	s->sealed = sealed;
	keyslot_aad(s, aad, sizeof aad);
	if (!sealed)
		rc = keyseal_gcm(kek, s->nonce, aad, 1, payload, s->ct, s->tag);
	else if (RAND_bytes(priv, KEY_LEN) == 1 && keyseal_public(priv, s->pub) == 0 &&
	    keyseal_gcm(kek, s->nonce, aad, 1, priv, s->ct, s->tag) == 0)
		rc = keyslot_reseal(s, payload, NULL);
	secret_free(priv, KEY_LEN);
	return rc;
}

/* Opens a slot with its key-encryption key into payload. */
static int
keyslot_open(const struct keyslot *s, const unsigned char kek[KEY_LEN],
    unsigned char payload[KEY_LEN])
{
	unsigned char *inner = secret_alloc(KEY_LEN);
	unsigned char tag[SLOT_TAG_LEN];
	char aad[128];
	int rc;

	memcpy(tag, s->tag, sizeof tag);
	keyslot_aad(s, aad, sizeof aad);
	rc = keyseal_gcm(kek, s->nonce, aad, 0, s->ct, inner, tag);
	if (rc == 0 && s->sealed) {
		keyslot_seal_aad(s, aad, sizeof aad);
		rc = keyseal_open(&s->seal, inner, aad, payload);
	} else if (rc == 0) {
		memcpy(payload, inner, KEY_LEN);
	}
	secret_free(inner, KEY_LEN);
	if (rc < 0)
		secret_wipe(payload, KEY_LEN);
	return rc;
}

static int
keyslot_wrap_pw(struct keyslot *s, int64_t uid, const char *name,
    const char *password, int logn, const unsigned char data_key[KEY_LEN],
    int sealed, char **err)
{
	unsigned char *kek = secret_alloc(KEY_LEN);
	int rc = -1;

	memset(s, 0, sizeof *s);
	s->kind = SLOT_USER;
	s->uid = uid;
	snprintf(s->name, sizeof s->name, "%s", name);
	s->logn = logn;
	s->r = 8;
	s->p = 1;
	if (random_bytes(s->salt, SLOT_SALT_LEN, err) < 0 ||
	    random_bytes(s->nonce, SLOT_NONCE_LEN, err) < 0)
		goto out;
	if (keyslot_scrypt(password, s->salt, s->logn, s->r, s->p, kek) < 0 ||
	    keyslot_fill(s, kek, data_key, sealed) < 0) {
		err_set(err, _("could not derive or wrap the key"));
		goto out;
	}
	rc = 0;
out:
	secret_free(kek, KEY_LEN);
	return rc;
}

int
keyslot_wrap_password(struct keyslot *s, int64_t uid, const char *name,
    const char *password, int logn, const unsigned char data_key[KEY_LEN],
    char **err)
{
	return keyslot_wrap_pw(s, uid, name, password, logn, data_key, 1, err);
}

int
keyslot_wrap_password_v1(struct keyslot *s, int64_t uid, const char *name,
    const char *password, int logn, const unsigned char data_key[KEY_LEN],
    char **err)
{
	return keyslot_wrap_pw(s, uid, name, password, logn, data_key, 0, err);
}

/* A slot of kind whose key-encryption key comes from ikm by HKDF (no
 * password cost): the recovery key's slot (sealed) and the signing key's
 * (which wraps the seed under the data key itself). */
static int
keyslot_wrap_hkdf(struct keyslot *s, enum slot_kind kind, const unsigned char *ikm,
    const unsigned char payload[KEY_LEN], char **err)
{
	unsigned char *kek = secret_alloc(KEY_LEN);
	int rc = -1;

	memset(s, 0, sizeof *s);
	s->kind = kind;
	snprintf(s->name, sizeof s->name, "-");
	if (random_bytes(s->salt, SLOT_SALT_LEN, err) < 0 ||
	    random_bytes(s->nonce, SLOT_NONCE_LEN, err) < 0)
		goto out;
	if (keyslot_hkdf(ikm, s->salt, kek) < 0 ||
	    keyslot_fill(s, kek, payload, kind == SLOT_RECOVERY) < 0) {
		err_set(err, _("could not derive or wrap the key"));
		goto out;
	}
	rc = 0;
out:
	secret_free(kek, KEY_LEN);
	return rc;
}

int
keyslot_wrap_recovery(struct keyslot *s,
    const unsigned char recovery[RECOVERY_KEY_LEN],
    const unsigned char data_key[KEY_LEN], char **err)
{
	return keyslot_wrap_hkdf(s, SLOT_RECOVERY, recovery, data_key, err);
}

int
keyslot_wrap_signkey(struct keyslot *s, const unsigned char data_key[KEY_LEN],
    const unsigned char seed[KEY_LEN], char **err)
{
	return keyslot_wrap_hkdf(s, SLOT_SIGNKEY, data_key, seed, err);
}

/* Opens a slot of kind whose key-encryption key comes from ikm. */
static int
keyslot_unwrap_hkdf(const struct keyslot *s, enum slot_kind kind,
    const unsigned char *ikm, unsigned char out[KEY_LEN])
{
	unsigned char *kek = secret_alloc(KEY_LEN);
	int rc = -1;

	if (s->kind == kind && keyslot_hkdf(ikm, s->salt, kek) == 0)
		rc = keyslot_open(s, kek, out);
	secret_free(kek, KEY_LEN);
	if (rc < 0)
		secret_wipe(out, KEY_LEN);
	return rc;
}

int
keyslot_unwrap_signkey(const struct keyslot *s,
    const unsigned char data_key[KEY_LEN], unsigned char seed[KEY_LEN])
{
	return keyslot_unwrap_hkdf(s, SLOT_SIGNKEY, data_key, seed);
}

int
keyslot_unwrap_recovery(const struct keyslot *s,
    const unsigned char recovery[RECOVERY_KEY_LEN],
    unsigned char data_key[KEY_LEN])
{
	return keyslot_unwrap_hkdf(s, SLOT_RECOVERY, recovery, data_key);
}

int
keyslot_unwrap_password(const struct keyslot *s, const char *password,
    unsigned char data_key[KEY_LEN])
{
	unsigned char *kek = secret_alloc(KEY_LEN);
	int rc = -1;

	if (s->kind == SLOT_USER &&
	    keyslot_scrypt(password, s->salt, s->logn, s->r, s->p, kek) == 0)
		rc = keyslot_open(s, kek, data_key);
	secret_free(kek, KEY_LEN);
	if (rc < 0)
		secret_wipe(data_key, KEY_LEN);
	return rc;
}

void
recovery_format(const unsigned char key[RECOVERY_KEY_LEN], char out[80])
{
	static const char digits[] = "0123456789ABCDEF";
	size_t i, o = 0;

	for (i = 0; i < RECOVERY_KEY_LEN; i++) {
		if (i > 0 && i % 2 == 0)
			out[o++] = '-';
		out[o++] = digits[key[i] >> 4];
		out[o++] = digits[key[i] & 0x0f];
	}
	out[o] = '\0';
}

int
recovery_parse(const char *text, unsigned char key[RECOVERY_KEY_LEN])
{
	size_t n = 0;
	int hi = -1;
	const char *p;

	for (p = text; *p != '\0'; p++) {
		int v;

		if (*p == '-' || isspace((unsigned char)*p))
			continue;
		if (!isxdigit((unsigned char)*p))
			return -1;
		v = isdigit((unsigned char)*p) ? *p - '0' :
		    tolower((unsigned char)*p) - 'a' + 10;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n == RECOVERY_KEY_LEN)
			return -1;
		key[n++] = (unsigned char)(hi << 4 | v);
		hi = -1;
	}
	return n == RECOVERY_KEY_LEN && hi < 0 ? 0 : -1;
}
