/* Wrapping and unwrapping the data key: scrypt or HKDF, then AES-256-GCM with
 * the slot's identity as associated data, so a slot moved to another user
 * no longer opens. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

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
	if (s->kind == SLOT_RECOVERY)
		snprintf(buf, len, "mynadesk-slot v1 recovery");
	else if (s->kind == SLOT_SIGNKEY)
		snprintf(buf, len, "mynadesk-slot v1 signkey");
	else
		snprintf(buf, len, "mynadesk-slot v1 user %lld %s",
		    (long long)s->uid, s->name);
}

/* AES-256-GCM in one direction; enc=1 seals in into s->ct and s->tag,
 * enc=0 opens s->ct into out and checks the tag. */
static int
keyslot_gcm(struct keyslot *s, const unsigned char kek[KEY_LEN], int enc,
    const unsigned char *in, unsigned char *out)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	char aad[128];
	int len, ok = 0;

	keyslot_aad(s, aad, sizeof aad);
	if (ctx == NULL)
		return -1;
	if (EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL, enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, SLOT_NONCE_LEN, NULL) != 1 ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, kek, s->nonce, enc) != 1 ||
	    EVP_CipherUpdate(ctx, NULL, &len, (const unsigned char *)aad,
	    (int)strlen(aad)) != 1)
		goto out;
	if (enc) {
		ok = EVP_CipherUpdate(ctx, s->ct, &len, in, KEY_LEN) == 1 &&
		    EVP_CipherFinal_ex(ctx, s->ct + len, &len) == 1 &&
		    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, SLOT_TAG_LEN,
		    s->tag) == 1;
	} else {
		ok = EVP_CipherUpdate(ctx, out, &len, s->ct, KEY_LEN) == 1 &&
		    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, SLOT_TAG_LEN,
		    s->tag) == 1 &&
		    EVP_CipherFinal_ex(ctx, out + len, &len) == 1;
	}
out:
	EVP_CIPHER_CTX_free(ctx);
	return ok ? 0 : -1;
}

int
keyslot_wrap_password(struct keyslot *s, int64_t uid, const char *name,
    const char *password, int logn, const unsigned char data_key[KEY_LEN],
    char **err)
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
	    keyslot_gcm(s, kek, 1, data_key, NULL) < 0) {
		err_set(err, _("could not derive or wrap the key"));
		goto out;
	}
	rc = 0;
out:
	secret_free(kek, KEY_LEN);
	return rc;
}

/* A slot of kind whose key-encryption key comes from ikm by HKDF (no
 * password cost): the recovery key's slot and the signing key's. */
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
	    keyslot_gcm(s, kek, 1, payload, NULL) < 0) {
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

int
keyslot_unwrap_signkey(const struct keyslot *s,
    const unsigned char data_key[KEY_LEN], unsigned char seed[KEY_LEN])
{
	unsigned char *kek = secret_alloc(KEY_LEN);
	int rc = -1;

	if (s->kind == SLOT_SIGNKEY && keyslot_hkdf(data_key, s->salt, kek) == 0)
		rc = keyslot_gcm((struct keyslot *)s, kek, 0, NULL, seed);
	secret_free(kek, KEY_LEN);
	if (rc < 0)
		secret_wipe(seed, KEY_LEN);
	return rc;
}

int
keyslot_unwrap_password(const struct keyslot *s, const char *password,
    unsigned char data_key[KEY_LEN])
{
	unsigned char *kek = secret_alloc(KEY_LEN);
	int rc = -1;

	if (s->kind == SLOT_USER &&
	    keyslot_scrypt(password, s->salt, s->logn, s->r, s->p, kek) == 0)
		rc = keyslot_gcm((struct keyslot *)s, kek, 0, NULL, data_key);
	secret_free(kek, KEY_LEN);
	if (rc < 0)
		secret_wipe(data_key, KEY_LEN);
	return rc;
}

int
keyslot_unwrap_recovery(const struct keyslot *s,
    const unsigned char recovery[RECOVERY_KEY_LEN],
    unsigned char data_key[KEY_LEN])
{
	unsigned char *kek = secret_alloc(KEY_LEN);
	int rc = -1;

	if (s->kind == SLOT_RECOVERY && keyslot_hkdf(recovery, s->salt, kek) == 0)
		rc = keyslot_gcm((struct keyslot *)s, kek, 0, NULL, data_key);
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
