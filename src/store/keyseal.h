/* AES-256-GCM of one key, and sealing a key to an X25519 public key. */
#ifndef MYNA_KEYSEAL_H
#define MYNA_KEYSEAL_H

#define KEY_LEN 32
#define SLOT_NONCE_LEN 12
#define SLOT_TAG_LEN 16

/* A 32-byte secret sealed to a public key: whoever holds the matching
 * private key opens it; whoever holds only the public key can make one. */
struct keyseal {
	unsigned char eph[KEY_LEN];	/* the sender's one-time public key */
	unsigned char nonce[SLOT_NONCE_LEN];
	unsigned char ct[KEY_LEN];
	unsigned char tag[SLOT_TAG_LEN];
};

/* enc=1 seals in into out and tag; enc=0 opens in into out, checking tag
 * (out is wiped when it does not hold). aad is bound to the result. */
int keyseal_gcm(const unsigned char kek[KEY_LEN],
    const unsigned char nonce[SLOT_NONCE_LEN], const char *aad, int enc,
    const unsigned char in[KEY_LEN], unsigned char out[KEY_LEN],
    unsigned char tag[SLOT_TAG_LEN]);

/* X25519: the public key of a private key (any 32 random bytes). */
int keyseal_public(const unsigned char priv[KEY_LEN], unsigned char pub[KEY_LEN]);
int keyseal_seal(struct keyseal *s, const unsigned char pub[KEY_LEN],
    const char *aad, const unsigned char secret[KEY_LEN]);
/* -1 when priv is not the key sealed to, or the seal was altered. */
int keyseal_open(const struct keyseal *s, const unsigned char priv[KEY_LEN],
    const char *aad, unsigned char secret[KEY_LEN]);

#endif
