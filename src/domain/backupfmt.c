/* Backup header: fixed lines in a fixed order, so what parses is exactly
 * what backupfmt_header writes and a damaged header is named by its line. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "domain/backupfmt.h"
#include "util/hex.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define BF_HEX "0123456789abcdef"
#define BF_DIGITS "0123456789"

/* Lines 1 to 7: everything the version 2 MAC covers. */
static char *
bf_lines(const struct backup_header *h)
{
	char head[65];

	hex_encode(h->head, 32, head);
	return xasprintf("%s\nvault %s\ninsurer %s\ncreated %s\nhead %lld %s\n"
	    "keys %llu\ndb %llu\n", h->version == 1 ? BACKUP_MAGIC_V1 : BACKUP_MAGIC,
	    h->vault_id, h->insurer, h->created, (long long)h->head_seq, head,
	    (unsigned long long)h->keys_len, (unsigned long long)h->db_len);
}

char *
backupfmt_header(const struct backup_header *h)
{
	char *lines = bf_lines(h), *out, mac[65];

	if (h->version == 1) {
		out = xasprintf("%send\n", lines);
	} else {
		hex_encode(h->mac, 32, mac);
		out = xasprintf("%smac %s\nend\n", lines, mac);
	}
	free(lines);
	return out;
}

void
backupfmt_mac(const struct backup_header *h, const unsigned char *key,
    size_t keylen, unsigned char out[32])
{
	static const char label[] = "mynadesk backup header mac v2";
	unsigned char mac_key[32];
	unsigned int n = 32;
	char *lines = bf_lines(h);

	HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)label,
	    sizeof label - 1, mac_key, &n);
	HMAC(EVP_sha256(), mac_key, sizeof mac_key, (const unsigned char *)lines,
	    strlen(lines), out, &n);
	OPENSSL_cleanse(mac_key, sizeof mac_key);
	free(lines);
}

int
backupfmt_mac_check(const struct backup_header *h, const unsigned char *key,
    size_t keylen)
{
	unsigned char want[32];

	if (h->version != 2)
		return -1;
	backupfmt_mac(h, key, keylen, want);
	return CRYPTO_memcmp(want, h->mac, 32) == 0 ? 0 : -1;
}

/* Whether all n bytes of s are in set: the buffer is not NUL-terminated. */
static int
bf_all(const char *s, size_t n, const char *set)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(set, s[i]) == NULL)
			return 0;
	return 1;
}

/* hex_decode wants a NUL-terminated string; the buffer has none. */
static int
bf_hex32(const char *s, unsigned char out[32])
{
	char hex[65];

	if (!bf_all(s, 64, BF_HEX))
		return -1;
	memcpy(hex, s, 64);
	hex[64] = '\0';
	return hex_decode(hex, out, 32);
}

/* A decimal without sign, leading zeros or overflow, at most max. */
static int
bf_number(const char *s, size_t n, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0 || n > 20 || !bf_all(s, n, BF_DIGITS) || (s[0] == '0' && n > 1))
		return -1;
	for (i = 0; i < n; i++) {
		unsigned d = (unsigned)(s[i] - '0');

		if (v > (max - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

/* "KEY VALUE" with the value exactly len characters from set. */
static int
bf_field(const char *line, size_t ll, const char *key, size_t len,
    const char *set, char *out)
{
	size_t k = strlen(key);

	if (ll != k + 1 + len || strncmp(line, key, k) != 0 || line[k] != ' ')
		return -1;
	if (!bf_all(line + k + 1, len, set))
		return -1;
	memcpy(out, line + k + 1, len);
	out[len] = '\0';
	return 0;
}

static int
bf_created(const char *line, size_t ll, char out[21])
{
	static const char pat[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (ll != 8 + 20 || strncmp(line, "created ", 8) != 0)
		return -1;
	for (i = 0; i < 20; i++) {
		char c = line[8 + i];

		if (pat[i] == 'd' ? (c < '0' || c > '9') : c != pat[i])
			return -1;
	}
	memcpy(out, line + 8, 20);
	out[20] = '\0';
	return 0;
}

static int
bf_head(const char *line, size_t ll, struct backup_header *h)
{
	const char *sp;
	uint64_t seq;

	if (ll < 5 + 1 + 1 + 64 || strncmp(line, "head ", 5) != 0)
		return -1;
	sp = memchr(line + 5, ' ', ll - 5);
	if (sp == NULL || (size_t)(line + ll - sp - 1) != 64 ||
	    bf_number(line + 5, (size_t)(sp - line - 5), INT64_MAX, &seq) < 0 ||
	    bf_hex32(sp + 1, h->head) < 0)
		return -1;
	h->head_seq = (int64_t)seq;
	return 0;
}

static int
bf_size(const char *line, size_t ll, const char *key, uint64_t max,
    uint64_t *out)
{
	size_t k = strlen(key);

	if (ll <= k + 1 || strncmp(line, key, k) != 0 || line[k] != ' ')
		return -1;
	return bf_number(line + k + 1, ll - k - 1, max, out);
}

/* Line 1 names the version, which decides how many lines follow. */
static int
bf_magic(const char *line, size_t ll, struct backup_header *h)
{
	if (ll == strlen(BACKUP_MAGIC) && memcmp(line, BACKUP_MAGIC, ll) == 0)
		h->version = 2;
	else if (ll == strlen(BACKUP_MAGIC_V1) && memcmp(line, BACKUP_MAGIC_V1, ll) == 0)
		h->version = 1;
	else
		return -1;
	return 0;
}

static int
bf_end(const char *line, size_t ll)
{
	return ll == 3 && memcmp(line, "end", 3) == 0 ? 0 : -1;
}

/* Line lineno (1-based) of the header. */
static int
bf_line(int lineno, const char *line, size_t ll, struct backup_header *h)
{
	switch (lineno) {
	case 1: return bf_magic(line, ll, h);
	case 2: return bf_field(line, ll, "vault", 32, BF_HEX, h->vault_id);
	/* 6 digits (国保) or 8 (健保 and others). */
	case 3: return bf_field(line, ll, "insurer", ll == 8 + 6 ? 6 : 8,
	    BF_DIGITS, h->insurer);
	case 4: return bf_created(line, ll, h->created);
	case 5: return bf_head(line, ll, h);
	case 6: return bf_size(line, ll, "keys", BACKUP_KEYS_MAX, &h->keys_len);
	case 7: return bf_size(line, ll, "db", BACKUP_DB_MAX, &h->db_len);
	case 8:
		if (h->version == 1)
			return bf_end(line, ll);
		return ll == 4 + 64 && memcmp(line, "mac ", 4) == 0 ?
		    bf_hex32(line + 4, h->mac) : -1;
	default: return bf_end(line, ll);
	}
}

int
backupfmt_parse(const char *buf, size_t len, struct backup_header *h,
    char **err)
{
	size_t off = 0;
	int lineno;

	memset(h, 0, sizeof *h);
	if (len > BACKUP_HEADER_MAX)
		len = BACKUP_HEADER_MAX;
	for (lineno = 1; lineno <= (h->version == 1 ? 8 : 9); lineno++) {
		const char *nl = off < len ? memchr(buf + off, '\n', len - off) : NULL;
		size_t ll;

		if (nl == NULL)
			return err_set(err, lineno == 1 ? _("not a mynadesk backup") :
			    _("backup header ends early, at line %d: the file is "
			    "truncated or damaged"), lineno);
		ll = (size_t)(nl - (buf + off));
		if (bf_line(lineno, buf + off, ll, h) < 0)
			return err_set(err, lineno == 1 ? _("not a mynadesk backup") :
			    _("backup header line %d is damaged"), lineno);
		off += ll + 1;
	}
	h->header_len = off;
	if (h->keys_len == 0 || h->db_len == 0)
		return err_set(err, _("backup header: an empty part"));
	return 0;
}

void
backupfmt_trailer(const unsigned char sha[32], char out[BACKUP_TRAILER_LEN + 1])
{
	char hex[65];

	hex_encode(sha, 32, hex);
	snprintf(out, BACKUP_TRAILER_LEN + 1, "sha256 %s\n", hex);
}

int
backupfmt_parse_trailer(const char *buf, size_t len, unsigned char sha[32])
{
	if (len != BACKUP_TRAILER_LEN || memcmp(buf, "sha256 ", 7) != 0 ||
	    buf[BACKUP_TRAILER_LEN - 1] != '\n')
		return -1;
	return bf_hex32(buf + 7, sha);
}

uint64_t
backupfmt_total(const struct backup_header *h)
{
	uint64_t t = (uint64_t)h->header_len + BACKUP_TRAILER_LEN;

	if (h->keys_len > BACKUP_KEYS_MAX || h->db_len > BACKUP_DB_MAX)
		return 0;
	return t + h->keys_len + h->db_len;
}
