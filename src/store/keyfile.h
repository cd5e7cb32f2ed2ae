/* vault.keys: the key slots and the remembered audit head, under one MAC. */
#ifndef MYNA_KEYFILE_H
#define MYNA_KEYFILE_H

#include <stddef.h>
#include <stdint.h>

#include "store/keyslot.h"

#define KEYFILE_MAX (256 * 1024)

struct keyfile {
	char vault_id[33];
	char insurer[9];
	int64_t head_seq;		/* audit records known to exist */
	unsigned char head[32];		/* chain hash of record head_seq */
	/* Raised at each change of the user slots; the database remembers the
	 * highest seen, so an older vault.keys put back is refused. */
	int64_t generation;
	/* The active administrators, so that the failed-login counter, which
	 * runs before the key is known, can spare the last of them. */
	char (*admins)[64];
	size_t nadmins;
	struct keyslot *slots;
	size_t nslots;
	unsigned char mac[32];
	size_t mac_off;			/* bytes covered by the MAC when parsed */
	/* A pending file (vault.keys.next, during a change of the data key)
	 * also carries a MAC under the old key, so that only someone who held
	 * the old key can have written it. */
	int has_prev;
	unsigned char prevmac[32];
	size_t prev_off;
};

/* Parses text (not NUL-terminated) without checking the MAC, which needs the
 * data key; errors name the line. */
int keyfile_parse(const char *text, size_t len, struct keyfile *kf, char **err);
/* Checks the MAC of a parsed file's text with the data key. */
int keyfile_verify(const struct keyfile *kf, const char *text,
    const unsigned char data_key[KEY_LEN]);
/* Checks the MAC under the old key of a pending file. */
int keyfile_verify_prev(const struct keyfile *kf, const char *text,
    const unsigned char old_key[KEY_LEN]);
/* Serialises with a fresh MAC; returns allocated text. */
char *keyfile_format(const struct keyfile *kf, const unsigned char data_key[KEY_LEN]);
/* The same, plus (old_key not NULL) a MAC under the old key before it. */
char *keyfile_format_pending(const struct keyfile *kf,
    const unsigned char data_key[KEY_LEN], const unsigned char *old_key);

/* Reads DIR/vault.keys into text (allocated) and parses it. */
int keyfile_load(const char *dir, struct keyfile *kf, char **text, size_t *len,
    char **err);
int keyfile_load_named(const char *dir, const char *name, struct keyfile *kf,
    char **text, size_t *len, char **err);
/* Writes DIR/vault.keys atomically (temporary file, fsync, rename). */
int keyfile_store(const char *dir, const struct keyfile *kf,
    const unsigned char data_key[KEY_LEN], char **err);
int keyfile_store_named(const char *dir, const char *name,
    const struct keyfile *kf, const unsigned char data_key[KEY_LEN],
    const unsigned char *old_key, char **err);

const struct keyslot *keyfile_find_user(const struct keyfile *kf, const char *name);
const struct keyslot *keyfile_find_recovery(const struct keyfile *kf);
const struct keyslot *keyfile_find_kind(const struct keyfile *kf,
    enum slot_kind kind);
void keyfile_put_slot(struct keyfile *kf, const struct keyslot *s);
int keyfile_remove_user(struct keyfile *kf, const char *name);
/* Replaces the list of active administrators; 1 when it was already so. */
int keyfile_set_admins(struct keyfile *kf, char (*const names)[64], size_t n);
void keyfile_free(struct keyfile *kf);

#endif
