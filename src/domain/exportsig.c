/* Signature and key fingerprint checks with OpenSSL, on buffers only. */
#include "config.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include "domain/exportsig.h"
#include "util/hex.h"

static EVP_PKEY *
exportsig_key(const char *pem, size_t pemlen)
{
	BIO *b;
	EVP_PKEY *k;

	if (pemlen > 4096 || (b = BIO_new_mem_buf(pem, (int)pemlen)) == NULL)
		return NULL;
	k = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
	BIO_free(b);
	if (k != NULL && EVP_PKEY_id(k) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(k);
		k = NULL;
	}
	return k;
}

int
exportsig_verify(const char *pem, size_t pemlen, const void *data, size_t len,
    const unsigned char *sig, size_t siglen)
{
	EVP_PKEY *k = exportsig_key(pem, pemlen);
	EVP_MD_CTX *ctx = k ? EVP_MD_CTX_new() : NULL;
	int ok = ctx != NULL && siglen == 64 &&
	    EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k) == 1 &&
	    EVP_DigestVerify(ctx, sig, siglen, data, len) == 1;

	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(k);
	return ok ? 0 : -1;
}

int
exportsig_fingerprint(const char *pem, size_t pemlen, char hex[65])
{
	EVP_PKEY *k = exportsig_key(pem, pemlen);
	unsigned char *der = NULL, sum[32];
	int n;

	if (k == NULL)
		return -1;
	n = i2d_PUBKEY(k, &der);
	EVP_PKEY_free(k);
	if (n <= 0)
		return -1;
	SHA256(der, (size_t)n, sum);
	OPENSSL_free(der);
	hex_encode(sum, 32, hex);
	return 0;
}
