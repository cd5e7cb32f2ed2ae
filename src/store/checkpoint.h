/* Signed checkpoints of the audit log. */
#ifndef MYNA_CHECKPOINT_H
#define MYNA_CHECKPOINT_H

#include <stdint.h>

#include "store/vault.h"

struct vault;

#define CHECKPOINT_SIG_LEN 64

struct checkpoint {
	int64_t tree_size;
	unsigned char root[32];
	char *note;		/* the signed text */
	unsigned char sig[CHECKPOINT_SIG_LEN];
	char *pubkey_pem;
};

/* The RFC 6962 root over the leaf hashes of records 1..size. */
int checkpoint_root(const struct vault *v, int64_t size, unsigned char root[32],
    char **err);
/* The leaf hashes of records 1..size, allocated. */
int checkpoint_leaves(const struct vault *v, int64_t size,
    unsigned char (**out)[32], char **err);
/* Signs a text (e.g. an export manifest) with the vault's key; *pubkey_pem
 * (if not NULL) receives the public key. */
int checkpoint_sign_data(const struct vault *v, const char *data,
    unsigned char sig[64], char **pubkey_pem, char **err);
/* The vault's public key as PEM (allocated), NULL when it has none. */
char *checkpoint_pubkey_pem(const struct vault *v);
/* Makes, signs and stores a checkpoint of the whole log, with origin as the
 * note's first line, with the vault's Ed25519 key from vault.keys. */
int checkpoint_make(const struct vault *v, const char *origin,
    const char *actor, struct checkpoint *cp, char **err);
/* Re-checks every stored checkpoint: its root against the log as it is now
 * and its signature. *count receives how many were checked. */
int checkpoint_verify_all(const struct vault *v, int64_t *count, char **err);
void checkpoint_clear(struct checkpoint *cp);

#endif
