/* The server-to-server way to the intermediate server: a file sent over
 * HTTPS with a client certificate, its processing status polled and the
 * result fetched. Transport only: no vault, no audit (see ops/upload.c).
 *
 * The wire protocol (the simulator in contrib/ speaks it; a vendor gateway
 * would be adapted here):
 *   PUT  BASE/files/NAME  body = file, header Idempotency-Key: SHA-256 hex
 *        -> 202, body "id=ID"; the same key always gets the same ID, so a
 *           retry after a lost answer never registers a file twice
 *   GET  BASE/files/ID/status  -> 200, body "state=processing|done"
 *   GET  BASE/files/ID/result  -> 200, body = the result file
 */
#ifndef MYNA_UPLOAD_H
#define MYNA_UPLOAD_H

#include <stddef.h>

struct upload_conf {
	const char *url;	/* base, https://host:port/v1 */
	const char *cert;	/* client certificate (PEM), or NULL with p12 */
	const char *key;	/* its private key (PEM), or NULL with p12 */
	const char *p12;	/* certificate and key as PKCS#12, as gateways
				 * issue them; instead of cert and key */
	const char *key_passphrase; /* for an encrypted key or PKCS#12;
				 * NULL: none (OpenSSL never prompts) */
	const char *cacert;	/* the only CA trusted for the server; NULL:
				 * the system's store */
	int attempts;		/* per request, first try included */
	long backoff_ms;	/* first pause; doubles after each failure */
	long timeout_s;		/* per request */
	long poll_ms;		/* pause between status polls */
	int poll_max;		/* polls before giving up */
	/* Progress for a person watching; may be NULL. again is 1 when msg
	 * repeats the wait before it (a status poll): a log keeps the first. */
	void (*progress)(const char *msg, int again, void *arg);
	void *arg;
};

/* Defaults: 5 attempts, 500 ms back-off, 30 s timeout, 1 s polls, 600 polls. */
void upload_conf_defaults(struct upload_conf *c);

/* Sends one file; *attempts says how many tries it took. id gets the
 * server's identifier. */
int upload_put(const struct upload_conf *c, const char *name,
    const unsigned char *data, size_t len, const char sha_hex[65],
    char id[65], int *attempts, char **err);
/* Waits until the server has processed the file. */
int upload_wait(const struct upload_conf *c, const char *id, char **err);
/* Fetches the result file (*out allocated). */
int upload_result(const struct upload_conf *c, const char *id,
    unsigned char **out, size_t *outlen, char **err);

/* Finds "key=value" on its own line in a reply; 0 and val set when found
 * and the value is 1..vallen-1 characters of [A-Za-z0-9._-]. */
int upload_reply_value(const char *body, size_t len, const char *key,
    char *val, size_t vallen);

#endif
