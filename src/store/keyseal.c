/* The primitives under the key slots: AES-256-GCM of one 32-byte secret, and
 * sealing a secret to an X25519 public key (an ephemeral key pair, ECDH,
 * HKDF), so that a new data key can be given to every holder of a slot
 * without knowing their passwords. */
#include "config.h"

#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "store/keyseal.h"
#include "util/secret.h"

static int
keyseal_random(unsigned char *buf, int n)
{
	return RAND_bytes(buf, n) == 1 ? 0 : -1;
}

int
keyseal_gcm(const unsigned char kek[KEY_LEN],
    const unsigned char nonce[SLOT_NONCE_LEN], const char *aad, int enc,
    const unsigned char in[KEY_LEN], unsigned char out[KEY_LEN],
    unsigned char tag[SLOT_TAG_LEN])
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int len, ok = 0;

	if (ctx == NULL)
		return -1;
	if (EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL, enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, SLOT_NONCE_LEN, NULL) != 1 ||
	    EVP_CipherInit_ex(ctx, NULL, NULL, kek, nonce, enc) != 1 ||
	    EVP_CipherUpdate(ctx, NULL, &len, (const unsigned char *)aad,
	    (int)strlen(aad)) != 1 ||
	    EVP_CipherUpdate(ctx, out, &len, in, KEY_LEN) != 1)
		goto out;
	if (enc)
		ok = EVP_CipherFinal_ex(ctx, out + len, &len) == 1 &&
		    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, SLOT_TAG_LEN,
		    tag) == 1;
	else
		ok = EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, SLOT_TAG_LEN,
		    tag) == 1 && EVP_CipherFinal_ex(ctx, out + len, &len) == 1;
out:
	EVP_CIPHER_CTX_free(ctx);
	if (!ok && !enc)
		secret_wipe(out, KEY_LEN);
	return ok ? 0 : -1;
}

static EVP_PKEY *
keyseal_private(const unsigned char priv[KEY_LEN])
{
	return EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv, KEY_LEN);
}

int
keyseal_public(const unsigned char priv[KEY_LEN], unsigned char pub[KEY_LEN])
{
	EVP_PKEY *k = keyseal_private(priv);
	size_t n = KEY_LEN;
	int ok = k != NULL && EVP_PKEY_get_raw_public_key(k, pub, &n) == 1 &&
	    n == KEY_LEN;

	EVP_PKEY_free(k);
	return ok ? 0 : -1;
}

/* The sealing key: HKDF-SHA256 over the X25519 shared secret, salted with
 * both public keys so that it belongs to this one pair. */
static int
keyseal_derive(const unsigned char priv[KEY_LEN],
    const unsigned char peer[KEY_LEN], const unsigned char eph[KEY_LEN],
    const unsigned char pub[KEY_LEN], unsigned char out[KEY_LEN])
{
	static const char info[] = "mynadesk seal v1";
	EVP_PKEY *mine = keyseal_private(priv);
	EVP_PKEY *theirs = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer,
	    KEY_LEN);
	EVP_PKEY_CTX *dctx = mine ? EVP_PKEY_CTX_new(mine, NULL) : NULL;
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *kctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	unsigned char shared[KEY_LEN], salt[2 * KEY_LEN];
	size_t n = sizeof shared;
	OSSL_PARAM params[5];
	int ok;

	memcpy(salt, eph, KEY_LEN);
	memcpy(salt + KEY_LEN, pub, KEY_LEN);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, shared,
	    KEY_LEN);
	params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, salt,
	    sizeof salt);
	params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
	    (void *)info, sizeof info - 1);
	params[4] = OSSL_PARAM_construct_end();
	ok = theirs != NULL && dctx != NULL && kctx != NULL &&
	    EVP_PKEY_derive_init(dctx) == 1 &&
	    EVP_PKEY_derive_set_peer(dctx, theirs) == 1 &&
	    EVP_PKEY_derive(dctx, shared, &n) == 1 && n == KEY_LEN &&
	    EVP_KDF_derive(kctx, out, KEY_LEN, params) == 1;
	secret_wipe(shared, sizeof shared);
	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
	EVP_PKEY_CTX_free(dctx);
	EVP_PKEY_free(theirs);
	EVP_PKEY_free(mine);
	return ok ? 0 : -1;
}

int
keyseal_seal(struct keyseal *s, const unsigned char pub[KEY_LEN],
    const char *aad, const unsigned char secret[KEY_LEN])
{
	unsigned char *eph_priv = secret_alloc(KEY_LEN);
	unsigned char *k = secret_alloc(KEY_LEN);
	int rc = -1;

	if (keyseal_random(eph_priv, KEY_LEN) == 0 &&
	    keyseal_random(s->nonce, SLOT_NONCE_LEN) == 0 &&
	    keyseal_public(eph_priv, s->eph) == 0 &&
	    keyseal_derive(eph_priv, pub, s->eph, pub, k) == 0)
		rc = keyseal_gcm(k, s->nonce, aad, 1, secret, s->ct, s->tag);
	secret_free(eph_priv, KEY_LEN);
	secret_free(k, KEY_LEN);
	return rc;
}

int
keyseal_open(const struct keyseal *s, const unsigned char priv[KEY_LEN],
    const char *aad, unsigned char secret[KEY_LEN])
{
	unsigned char pub[KEY_LEN];
	unsigned char *k = secret_alloc(KEY_LEN);
	unsigned char tag[SLOT_TAG_LEN];
	int rc = -1;

	memcpy(tag, s->tag, sizeof tag);
	if (keyseal_public(priv, pub) == 0 &&
	    keyseal_derive(priv, s->eph, s->eph, pub, k) == 0)
		rc = keyseal_gcm(k, s->nonce, aad, 0, s->ct, secret, tag);
	secret_free(k, KEY_LEN);
	return rc;
}
