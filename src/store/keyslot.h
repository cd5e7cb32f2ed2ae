/* Key slots: the vault's data key wrapped under a key derived from a secret. */
#ifndef MYNA_KEYSLOT_H
#define MYNA_KEYSLOT_H

#include <stddef.h>
#include <stdint.h>

#include "store/keyseal.h"

#define SLOT_SALT_LEN 16
#define RECOVERY_KEY_LEN 32

/* scrypt log2(N) for new password slots: about 0.3 s and 64 MiB here. */
#define SLOT_LOGN_DEFAULT 16

/* SLOT_SIGNKEY holds not the data key but the vault's Ed25519 signing seed,
 * wrapped under the data key: kept out of the database, where anyone with
 * SQL access could read it and re-sign a forged export. */
enum slot_kind { SLOT_USER, SLOT_RECOVERY, SLOT_SIGNKEY };

struct keyslot {
	enum slot_kind kind;
	int64_t uid;		/* users.id; 0 for the recovery slot */
	char name[64];		/* account name; "-" for the recovery slot */
	int logn, r, p;		/* scrypt cost; 0 for the recovery slot (HKDF) */
	unsigned char salt[SLOT_SALT_LEN];
	unsigned char nonce[SLOT_NONCE_LEN];
	unsigned char ct[KEY_LEN];
	unsigned char tag[SLOT_TAG_LEN];
	/* Sealed slots (user and recovery since key changes): ct wraps the
	 * holder's X25519 private key, and the data key is sealed to pub, so a
	 * new data key reaches every holder without their secrets. An older
	 * slot (sealed = 0) wraps the data key itself in ct. */
	int sealed;
	unsigned char pub[KEY_LEN];
	struct keyseal seal;
};

/* Wraps data_key under a password (scrypt with 2^logn), in a sealed slot. */
int keyslot_wrap_password(struct keyslot *s, int64_t uid, const char *name,
    const char *password, int logn, const unsigned char data_key[KEY_LEN],
    char **err);
/* Wraps data_key under the recovery key (HKDF: it is random already). */
int keyslot_wrap_recovery(struct keyslot *s,
    const unsigned char recovery[RECOVERY_KEY_LEN],
    const unsigned char data_key[KEY_LEN], char **err);
/* Wraps the 32-byte signing seed under the data key (HKDF). */
int keyslot_wrap_signkey(struct keyslot *s, const unsigned char data_key[KEY_LEN],
    const unsigned char seed[KEY_LEN], char **err);
int keyslot_unwrap_signkey(const struct keyslot *s,
    const unsigned char data_key[KEY_LEN], unsigned char seed[KEY_LEN]);
/* Unwraps into data_key; -1 when the secret is wrong or the slot damaged. */
int keyslot_unwrap_password(const struct keyslot *s, const char *password,
    unsigned char data_key[KEY_LEN]);
int keyslot_unwrap_recovery(const struct keyslot *s,
    const unsigned char recovery[RECOVERY_KEY_LEN],
    unsigned char data_key[KEY_LEN]);
/* Seals a new data key to a sealed slot's holder: no secret is needed.
 * Refused for an older, unsealed slot. */
int keyslot_reseal(struct keyslot *s, const unsigned char data_key[KEY_LEN],
    char **err);
/* The format before sealed slots, kept to test the reading and upgrading
 * of older vaults; nothing else writes it. */
int keyslot_wrap_password_v1(struct keyslot *s, int64_t uid, const char *name,
    const char *password, int logn, const unsigned char data_key[KEY_LEN],
    char **err);

/* Recovery key as printed for the safe: 64 hex digits in groups of four. */
void recovery_format(const unsigned char key[RECOVERY_KEY_LEN], char out[80]);
/* Accepts the printed form with or without separators and spaces. */
int recovery_parse(const char *text, unsigned char key[RECOVERY_KEY_LEN]);

/* How many times scrypt has run in this process: for tests. */
unsigned long keyslot_kdf_count(void);

int random_bytes(unsigned char *buf, size_t n, char **err);

#endif
