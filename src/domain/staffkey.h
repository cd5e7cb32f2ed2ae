/* Staff SSH keys in the service account's authorized_keys: checking a
 * public key a staff member hands in, and the line that binds it to one
 * account name through a forced command. */
#ifndef MYNA_STAFFKEY_H
#define MYNA_STAFFKEY_H

#include <stddef.h>

#define STAFFKEY_B64_MAX 8192	/* RSA 16384 fits */

struct staffkey {
	char type[48];
	char b64[STAFFKEY_B64_MAX + 1];
	char fingerprint[64];	/* "SHA256:..." as ssh-keygen -l prints it */
};

/* Parses a public key file (id_ed25519.pub): exactly one line
 * "TYPE BASE64 [COMMENT]" of a known type whose key data names the same
 * type. Options (command=, from=, ...), a second key, control characters
 * and anything that is not a public key are refused. */
int staffkey_parse(const char *text, struct staffkey *k, char **err);

/* The authorized_keys line for name (allocated, with its newline):
 * command="PROGRAM --as NAME",restrict,pty TYPE BASE64 mynadesk:NAME */
char *staffkey_line(const char *program, const char *name,
    const struct staffkey *k);

/* Whether line (no newline) is one that staffkey_line wrote: 1 and name
 * and k filled, else 0. */
int staffkey_ours(const char *line, char *name, size_t name_size,
    struct staffkey *k);

/* Whether line holds the key k's data (as its own, or anywhere). */
int staffkey_in_line(const char *line, const struct staffkey *k);

#endif
