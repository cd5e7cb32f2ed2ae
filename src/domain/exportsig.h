/* Ed25519 checks on a package's files with only the public key in hand. */
#ifndef MYNA_EXPORTSIG_H
#define MYNA_EXPORTSIG_H

#include <stddef.h>

/* 0 when sig is a valid Ed25519 signature of data under the PEM public key;
 * -1 otherwise (also for a PEM that is not an Ed25519 public key). */
int exportsig_verify(const char *pem, size_t pemlen, const void *data,
    size_t len, const unsigned char *sig, size_t siglen);
/* SHA-256 of the key's DER form, as `openssl pkey -pubin -outform DER |
 * sha256sum` prints it: what a person compares with the paper report.
 * -1 when pem is not a public key. */
int exportsig_fingerprint(const char *pem, size_t pemlen, char hex[65]);

#endif
