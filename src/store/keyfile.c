/* The key-slot file. Plain text, one record a line, ended by an HMAC over
 * every byte before it, keyed from the data key: anyone who can open the
 * vault can check it, nobody who cannot can forge, swap or add a slot. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "store/keyfile.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define KEYFILE_MAGIC "mynadesk-keys v1"

static void
keyfile_mac(const char *text, size_t len, const unsigned char data_key[KEY_LEN],
    unsigned char out[32])
{
	static const char label[] = "mynadesk keyfile mac v1";
	unsigned char mac_key[32];
	unsigned int n = 0;

	/* A key of its own for the MAC, so the data key is used for one job. */
	HMAC(EVP_sha256(), data_key, KEY_LEN, (const unsigned char *)label,
	    sizeof label - 1, mac_key, &n);
	HMAC(EVP_sha256(), mac_key, sizeof mac_key, (const unsigned char *)text,
	    len, out, &n);
	OPENSSL_cleanse(mac_key, sizeof mac_key);
}

static char *keyfile_slot_line(const struct keyslot *s);

/* The hex fields of a slot line, in order: "%63s" each. */
static int
keyfile_slot_hex(const struct keyslot *s, char *const f[], int nf)
{
	struct keyslot *w = (struct keyslot *)s;
	struct { unsigned char *p; size_t n; } b[] = {
		{ w->salt, SLOT_SALT_LEN }, { w->nonce, SLOT_NONCE_LEN },
		{ w->ct, KEY_LEN }, { w->tag, SLOT_TAG_LEN }, { w->pub, KEY_LEN },
		{ w->seal.eph, KEY_LEN }, { w->seal.nonce, SLOT_NONCE_LEN },
		{ w->seal.ct, KEY_LEN }, { w->seal.tag, SLOT_TAG_LEN } };
	int i;

	for (i = 0; i < nf; i++)
		if (hex_decode(f[i], b[i].p, b[i].n) < 0)
			return -1;
	return 0;
}

static int
keyfile_parse_slot(char *line, struct keyslot *s)
{
	char kind[16], name[64], kdf[16], h[9][80];
	char *f[9] = { h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8] };
	char *canon;
	long long uid;
	int n, rc;

	memset(s, 0, sizeof *s);
	n = sscanf(line, "slot %15s %lld %63s %15s %d %d %d %79s %79s %79s %79s "
	    "seal %79s %79s %79s %79s %79s", kind, &uid, name, kdf, &s->logn, &s->r,
	    &s->p, h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]);
	if (n != 11 && n != 16)
		return -1;
	s->sealed = n == 16;
	if (strcmp(kind, "user") == 0 && strcmp(kdf, "scrypt") == 0)
		s->kind = SLOT_USER;
	else if (strcmp(kind, "recovery") == 0 && strcmp(kdf, "hkdf") == 0)
		s->kind = SLOT_RECOVERY;
	else if (strcmp(kind, "signkey") == 0 && strcmp(kdf, "hkdf") == 0 &&
	    !s->sealed)
		s->kind = SLOT_SIGNKEY;
	else
		return -1;
	s->uid = uid;
	snprintf(s->name, sizeof s->name, "%s", name);
	if (keyfile_slot_hex(s, f, s->sealed ? 9 : 4) < 0)
		return -1;
	/* sscanf forgives extra spaces and signs; the file must be exact. */
	canon = keyfile_slot_line(s);
	rc = strncmp(canon, line, strlen(line)) == 0 &&
	    strlen(canon) == strlen(line) + 1 ? 0 : -1;
	free(canon);
	return rc;
}

/* "KEY VALUE" with exactly one space and a value of len characters from set. */
static const char *
keyfile_field(const char *line, const char *key, size_t len, const char *set)
{
	size_t k = strlen(key);
	const char *v = line + k + 1;

	if (strncmp(line, key, k) != 0 || line[k] != ' ' || strlen(v) != len ||
	    strspn(v, set) != len)
		return NULL;
	return v;
}

#define KEYFILE_HEX "0123456789abcdef"
#define KEYFILE_DIGITS "0123456789"
#define KEYFILE_NAME "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"

static int
keyfile_parse_head(const char *line, struct keyfile *kf)
{
	const char *sp;
	char *end;
	long long seq;

	if (strncmp(line, "head ", 5) != 0 || (sp = strchr(line + 5, ' ')) == NULL ||
	    sp == line + 5 || strspn(line + 5, KEYFILE_DIGITS) != (size_t)(sp - line - 5))
		return -1;
	seq = strtoll(line + 5, &end, 10);
	if (end != sp || seq < 0 || strlen(sp + 1) != 64 ||
	    strspn(sp + 1, KEYFILE_HEX) != 64 || hex_decode(sp + 1, kf->head, 32) < 0)
		return -1;
	kf->head_seq = seq;
	return 0;
}

/* Handles one line; returns 1 when it was the MAC line (the last). Lines are
 * matched exactly, so what parses is what keyfile_format writes. */
static int
keyfile_parse_line(char *line, int lineno, struct keyfile *kf, char **err)
{
	const char *v;

	if (lineno == 1) {
		if (strcmp(line, KEYFILE_MAGIC) != 0)
			return err_set(err, _("vault.keys:1: not a mynadesk key file"));
		return 0;
	}
	/* The old key's MAC covers everything before it: only the MAC follows. */
	if (kf->has_prev && strncmp(line, "mac ", 4) != 0)
		return err_set(err, _("vault.keys:%d: unexpected line"), lineno);
	if ((v = keyfile_field(line, "vault", 32, KEYFILE_HEX)) != NULL) {
		memcpy(kf->vault_id, v, 33);
		return 0;
	}
	/* 6 digits (国保) or 8 (健保 and others). */
	if ((v = keyfile_field(line, "insurer", 6, KEYFILE_DIGITS)) != NULL ||
	    (v = keyfile_field(line, "insurer", 8, KEYFILE_DIGITS)) != NULL) {
		snprintf(kf->insurer, sizeof kf->insurer, "%s", v);
		return 0;
	}
	if (keyfile_parse_head(line, kf) == 0)
		return 0;
	if (strncmp(line, "generation ", 11) == 0) {
		char *end;
		long long g;

		v = line + 11;
		g = strtoll(v, &end, 10);
		if (*v == '\0' || strspn(v, KEYFILE_DIGITS) != strlen(v) ||
		    strlen(v) > 18 || *end != '\0' || g < 0 ||
		    (strlen(v) > 1 && v[0] == '0'))
			return err_set(err, _("vault.keys:%d: damaged generation line"),
			    lineno);
		kf->generation = g;
		return 0;
	}
	if (strncmp(line, "admin ", 6) == 0) {
		v = line + 6;
		if (strlen(v) == 0 || strlen(v) > 63 ||
		    strspn(v, KEYFILE_NAME) != strlen(v))
			return err_set(err, _("vault.keys:%d: damaged administrator line"),
			    lineno);
		kf->admins = xrealloc(kf->admins, (kf->nadmins + 1) * sizeof *kf->admins);
		snprintf(kf->admins[kf->nadmins++], 64, "%s", v);
		return 0;
	}
	if (strncmp(line, "slot ", 5) == 0) {
		struct keyslot s;

		if (keyfile_parse_slot(line, &s) < 0)
			return err_set(err, _("vault.keys:%d: damaged key slot"), lineno);
		keyfile_put_slot(kf, &s);
		return 0;
	}
	if ((v = keyfile_field(line, "prev", 64, KEYFILE_HEX)) != NULL &&
	    !kf->has_prev && hex_decode(v, kf->prevmac, 32) == 0) {
		kf->has_prev = 1;
		return 2;
	}
	if ((v = keyfile_field(line, "mac", 64, KEYFILE_HEX)) != NULL &&
	    hex_decode(v, kf->mac, 32) == 0)
		return 1;
	return err_set(err, _("vault.keys:%d: unexpected line"), lineno);
}

int
keyfile_parse(const char *text, size_t len, struct keyfile *kf, char **err)
{
	size_t off = 0;
	int lineno = 0, done = 0;

	memset(kf, 0, sizeof *kf);
	if (len > KEYFILE_MAX)
		return err_set(err, _("vault.keys: file too large"));
	while (off < len && !done) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t ll;
		char *line;
		int rc;

		if (nl == NULL)
			break;
		ll = (size_t)(nl - (text + off));
		line = xstrndup(text + off, ll);
		if (strlen(line) != ll) {
			free(line);
			keyfile_free(kf);
			return err_set(err, _("vault.keys:%d: NUL byte"), lineno + 1);
		}
		rc = keyfile_parse_line(line, ++lineno, kf, err);
		free(line);
		if (rc < 0) {
			keyfile_free(kf);
			return -1;
		}
		if (rc == 2)
			kf->prev_off = off;
		if (rc == 1) {
			kf->mac_off = off;
			done = 1;
		}
		off += ll + 1;
	}
	if (!done || off != len) {
		keyfile_free(kf);
		return err_set(err, _("vault.keys: truncated or has data after its MAC"));
	}
	if (kf->vault_id[0] == '\0' || kf->insurer[0] == '\0') {
		keyfile_free(kf);
		return err_set(err, _("vault.keys: vault id or insurer missing"));
	}
	return 0;
}

int
keyfile_verify(const struct keyfile *kf, const char *text,
    const unsigned char data_key[KEY_LEN])
{
	unsigned char mac[32];

	keyfile_mac(text, kf->mac_off, data_key, mac);
	return CRYPTO_memcmp(mac, kf->mac, sizeof mac) == 0 ? 0 : -1;
}

int
keyfile_verify_prev(const struct keyfile *kf, const char *text,
    const unsigned char old_key[KEY_LEN])
{
	unsigned char mac[32];

	if (!kf->has_prev)
		return -1;
	keyfile_mac(text, kf->prev_off, old_key, mac);
	return CRYPTO_memcmp(mac, kf->prevmac, sizeof mac) == 0 ? 0 : -1;
}

static char *
keyfile_slot_line(const struct keyslot *s)
{
	char salt[2 * SLOT_SALT_LEN + 1], nonce[2 * SLOT_NONCE_LEN + 1];
	char ct[2 * KEY_LEN + 1], tag[2 * SLOT_TAG_LEN + 1];
	char pub[2 * KEY_LEN + 1], eph[2 * KEY_LEN + 1];
	char snonce[2 * SLOT_NONCE_LEN + 1], sct[2 * KEY_LEN + 1];
	char stag[2 * SLOT_TAG_LEN + 1], *seal;
	char *line;

	hex_encode(s->salt, SLOT_SALT_LEN, salt);
	hex_encode(s->nonce, SLOT_NONCE_LEN, nonce);
	hex_encode(s->ct, KEY_LEN, ct);
	hex_encode(s->tag, SLOT_TAG_LEN, tag);
	if (s->sealed) {
		hex_encode(s->pub, KEY_LEN, pub);
		hex_encode(s->seal.eph, KEY_LEN, eph);
		hex_encode(s->seal.nonce, SLOT_NONCE_LEN, snonce);
		hex_encode(s->seal.ct, KEY_LEN, sct);
		hex_encode(s->seal.tag, SLOT_TAG_LEN, stag);
		seal = xasprintf(" seal %s %s %s %s %s", pub, eph, snonce, sct, stag);
	} else {
		seal = xstrdup("");
	}
	line = xasprintf("slot %s %lld %s %s %d %d %d %s %s %s %s%s\n",
	    s->kind == SLOT_USER ? "user" : s->kind == SLOT_RECOVERY ? "recovery" :
	    "signkey", (long long)s->uid,
	    s->name, s->kind == SLOT_USER ? "scrypt" : "hkdf",
	    s->logn, s->r, s->p, salt, nonce, ct, tag, seal);
	free(seal);
	return line;
}

char *
keyfile_format(const struct keyfile *kf, const unsigned char data_key[KEY_LEN])
{
	return keyfile_format_pending(kf, data_key, NULL);
}

char *
keyfile_format_pending(const struct keyfile *kf,
    const unsigned char data_key[KEY_LEN], const unsigned char *old_key)
{
	char head[65], mac_hex[65], *text, *line;
	unsigned char mac[32];
	size_t i, len;

	hex_encode(kf->head, 32, head);
	text = xasprintf(KEYFILE_MAGIC "\nvault %s\ninsurer %s\nhead %lld %s\n",
	    kf->vault_id, kf->insurer, (long long)kf->head_seq, head);
	if (kf->generation > 0) {
		char *t = xasprintf("%sgeneration %lld\n", text,
		    (long long)kf->generation);

		free(text);
		text = t;
	}
	for (i = 0; i < kf->nadmins; i++) {
		char *t = xasprintf("%sadmin %s\n", text, kf->admins[i]);

		free(text);
		text = t;
	}
	for (i = 0; i < kf->nslots; i++) {
		char *t;

		line = keyfile_slot_line(&kf->slots[i]);
		t = xasprintf("%s%s", text, line);
		free(text);
		free(line);
		text = t;
	}
	if (old_key != NULL) {
		char *t;

		keyfile_mac(text, strlen(text), old_key, mac);
		hex_encode(mac, 32, mac_hex);
		t = xasprintf("%sprev %s\n", text, mac_hex);
		free(text);
		text = t;
	}
	len = strlen(text);
	keyfile_mac(text, len, data_key, mac);
	hex_encode(mac, 32, mac_hex);
	line = xasprintf("%smac %s\n", text, mac_hex);
	free(text);
	return line;
}

int
keyfile_load(const char *dir, struct keyfile *kf, char **text, size_t *len,
    char **err)
{
	return keyfile_load_named(dir, "vault.keys", kf, text, len, err);
}

int
keyfile_load_named(const char *dir, const char *name, struct keyfile *kf,
    char **text, size_t *len, char **err)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *buf = xmalloc(KEYFILE_MAX + 1);
	FILE *f = fopen(path, "rb");
	size_t n;

	free(path);
	if (f == NULL) {
		free(buf);
		return err_set(err, _("cannot open %s/%s: %s (is this a vault?)"),
		    dir, name, strerror(errno));
	}
	n = fread(buf, 1, KEYFILE_MAX + 1, f);
	fclose(f);
	if (keyfile_parse(buf, n, kf, err) < 0) {
		free(buf);
		return -1;
	}
	buf[n] = '\0';
	*text = buf;
	*len = n;
	return 0;
}

static int
keyfile_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
keyfile_store(const char *dir, const struct keyfile *kf,
    const unsigned char data_key[KEY_LEN], char **err)
{
	return keyfile_store_named(dir, "vault.keys", kf, data_key, NULL, err);
}

int
keyfile_store_named(const char *dir, const char *name, const struct keyfile *kf,
    const unsigned char data_key[KEY_LEN], const unsigned char *old_key,
    char **err)
{
	char *text = keyfile_format_pending(kf, data_key, old_key);
	char *tmp = xasprintf("%s/%s.tmp", dir, name);
	char *path = xasprintf("%s/%s", dir, name);
	size_t len = strlen(text);
	int fd, rc = -1;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		err_set(err, _("cannot write %s: %s"), tmp, strerror(errno));
		goto out;
	}
	if (write(fd, text, len) != (ssize_t)len || fsync(fd) < 0) {
		err_set(err, _("cannot write %s: %s"), tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	close(fd);
	if (rename(tmp, path) < 0) {
		err_set(err, _("cannot replace %s: %s"), path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	(void)keyfile_fsync_dir(dir);
	rc = 0;
out:
	free(text);
	free(tmp);
	free(path);
	return rc;
}

const struct keyslot *
keyfile_find_user(const struct keyfile *kf, const char *name)
{
	size_t i;

	for (i = 0; i < kf->nslots; i++)
		if (kf->slots[i].kind == SLOT_USER &&
		    strcmp(kf->slots[i].name, name) == 0)
			return &kf->slots[i];
	return NULL;
}

const struct keyslot *
keyfile_find_kind(const struct keyfile *kf, enum slot_kind kind)
{
	size_t i;

	for (i = 0; i < kf->nslots; i++)
		if (kf->slots[i].kind == kind)
			return &kf->slots[i];
	return NULL;
}

const struct keyslot *
keyfile_find_recovery(const struct keyfile *kf)
{
	return keyfile_find_kind(kf, SLOT_RECOVERY);
}

void
keyfile_put_slot(struct keyfile *kf, const struct keyslot *s)
{
	size_t i;

	/* One slot per user (and one of each other kind): a new one replaces. */
	for (i = 0; i < kf->nslots; i++) {
		if (kf->slots[i].kind == s->kind &&
		    (s->kind != SLOT_USER || strcmp(kf->slots[i].name, s->name) == 0)) {
			kf->slots[i] = *s;
			return;
		}
	}
	kf->slots = xrealloc(kf->slots, (kf->nslots + 1) * sizeof *kf->slots);
	kf->slots[kf->nslots++] = *s;
}

int
keyfile_remove_user(struct keyfile *kf, const char *name)
{
	size_t i;

	for (i = 0; i < kf->nslots; i++) {
		if (kf->slots[i].kind == SLOT_USER &&
		    strcmp(kf->slots[i].name, name) == 0) {
			memmove(&kf->slots[i], &kf->slots[i + 1],
			    (kf->nslots - i - 1) * sizeof *kf->slots);
			kf->nslots--;
			return 0;
		}
	}
	return -1;
}

int
keyfile_set_admins(struct keyfile *kf, char (*const names)[64], size_t n)
{
	size_t i;

	if (n == kf->nadmins) {
		for (i = 0; i < n && strcmp(kf->admins[i], names[i]) == 0; i++)
			;
		if (i == n)
			return 1;
	}
	free(kf->admins);
	kf->admins = n ? xmalloc(n * sizeof *kf->admins) : NULL;
	if (n)
		memcpy(kf->admins, names, n * sizeof *kf->admins);
	kf->nadmins = n;
	return 0;
}

void
keyfile_free(struct keyfile *kf)
{
	free(kf->admins);
	kf->admins = NULL;
	kf->nadmins = 0;
	if (kf->slots != NULL)
		OPENSSL_cleanse(kf->slots, kf->nslots * sizeof *kf->slots);
	free(kf->slots);
	kf->slots = NULL;
	kf->nslots = 0;
}
