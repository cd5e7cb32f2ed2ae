/* Checking staff public keys and writing their authorized_keys lines. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "domain/account.h"
#include "domain/staffkey.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char *const staffkey_types[] = {
	"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
	"ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
	"sk-ecdsa-sha2-nistp256@openssh.com",
};

static int
staffkey_known(const char *type)
{
	size_t i;

	for (i = 0; i < sizeof staffkey_types / sizeof staffkey_types[0]; i++)
		if (strcmp(type, staffkey_types[i]) == 0)
			return 1;
	return 0;
}

static int
staffkey_b64char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '+' || c == '/';
}

/* Decodes the key data, checks that it starts with the type's name (the
 * SSH wire form: a 4-byte length, then the name) and fingerprints it. */
static int
staffkey_blob(struct staffkey *k, char **err)
{
	size_t n = strlen(k->b64), pad = 0, i, len;
	unsigned char *raw, md[32];
	unsigned char fp[48];	/* 32 bytes in base64: 44 and a NUL */
	uint32_t tl;

	for (i = 0; i < n; i++) {
		if (k->b64[i] == '=' && i + 2 >= n)
			pad++;
		else if (!staffkey_b64char((unsigned char)k->b64[i]) || pad > 0)
			return err_set(err, _("the key data is not base64"));
	}
	if (n == 0 || n % 4 != 0)
		return err_set(err, _("the key data is not base64"));
	raw = xmalloc(n);
	if (EVP_DecodeBlock(raw, (const unsigned char *)k->b64, (int)n) < 0) {
		free(raw);
		return err_set(err, _("the key data is not base64"));
	}
	len = n / 4 * 3 - pad;
	tl = len >= 4 ? (uint32_t)raw[0] << 24 | (uint32_t)raw[1] << 16 |
	    (uint32_t)raw[2] << 8 | raw[3] : 0;
	if (len < 4 || tl != strlen(k->type) || len - 4 <= tl ||
	    memcmp(raw + 4, k->type, tl) != 0) {
		free(raw);
		return err_set(err, _("the key data is not a %s key"), k->type);
	}
	EVP_Digest(raw, len, md, NULL, EVP_sha256(), NULL);
	free(raw);
	EVP_EncodeBlock(fp, md, sizeof md);
	/* ssh-keygen prints the digest without base64's '=' padding. */
	fp[strcspn((char *)fp, "=")] = '\0';
	memcpy(k->fingerprint, "SHA256:", 7);
	memcpy(k->fingerprint + 7, fp, strlen((char *)fp) + 1);
	return 0;
}

/* Splits "TYPE BASE64 [COMMENT]" (no control characters). */
static int
staffkey_fields(const char *line, struct staffkey *k, char **err)
{
	const char *sp = strchr(line, ' '), *b64, *end;
	size_t i;

	for (i = 0; line[i] != '\0'; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			return err_set(err, _("the key file holds a control character"));
	if (sp == NULL || (size_t)(sp - line) >= sizeof k->type)
		return err_set(err, _("the key file must hold one line TYPE KEY "
		    "[COMMENT], without options"));
	memcpy(k->type, line, (size_t)(sp - line));
	k->type[sp - line] = '\0';
	if (!staffkey_known(k->type))
		return err_set(err, _("not a known SSH key type (or an option in "
		    "front of it): %.40s"), k->type);
	b64 = sp + 1;
	end = strchr(b64, ' ');
	if (end == NULL)
		end = b64 + strlen(b64);
	if ((size_t)(end - b64) > STAFFKEY_B64_MAX)
		return err_set(err, _("the key data is too long"));
	memcpy(k->b64, b64, (size_t)(end - b64));
	k->b64[end - b64] = '\0';
	return staffkey_blob(k, err);
}

int
staffkey_parse(const char *text, struct staffkey *k, char **err)
{
	char *copy = xstrdup(text), *line, *next, *found = NULL;
	int rc = 0, lines = 0;

	memset(k, 0, sizeof *k);
	for (line = copy; line != NULL; line = next) {
		size_t n;

		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		n = strlen(line);
		while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' ||
		    line[n - 1] == '\t'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		lines++;
		found = line;
	}
	if (lines != 1)
		rc = err_set(err, lines == 0 ? _("the key file is empty") :
		    _("the key file must hold exactly one key"));
	else
		rc = staffkey_fields(found, k, err);
	free(copy);
	if (rc < 0)
		memset(k, 0, sizeof *k);
	return rc;
}

char *
staffkey_line(const char *program, const char *name, const struct staffkey *k)
{
	return xasprintf("command=\"%s --as %s\",restrict,pty %s %s mynadesk:%s\n",
	    program, name, k->type, k->b64, name);
}

int
staffkey_ours(const char *line, char *name, size_t name_size,
    struct staffkey *k)
{
	const char *as = strstr(line, " --as "), *q, *opts = "\",restrict,pty ";
	char *copy, *tail;
	size_t n;
	int ok;

	if (strncmp(line, "command=\"", 9) != 0 || as == NULL)
		return 0;
	q = strchr(as, '"');
	if (q == NULL || strncmp(q, opts, strlen(opts)) != 0)
		return 0;
	n = (size_t)(q - (as + 6));
	if (n == 0 || n >= name_size)
		return 0;
	memcpy(name, as + 6, n);
	name[n] = '\0';
	if (account_name_check(name, NULL) < 0)
		return 0;
	copy = xstrdup(q + strlen(opts));
	tail = strrchr(copy, ' ');
	ok = tail != NULL && strncmp(tail + 1, "mynadesk:", 9) == 0 &&
	    strcmp(tail + 10, name) == 0;
	if (ok) {
		*tail = '\0';
		memset(k, 0, sizeof *k);
		ok = staffkey_fields(copy, k, NULL) == 0;
	}
	free(copy);
	return ok;
}

int
staffkey_in_line(const char *line, const struct staffkey *k)
{
	const char *p = line;
	size_t n = strlen(k->b64);

	while ((p = strstr(p, k->b64)) != NULL) {
		if ((p == line || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}
