/* HTTPS transport for uploads, with libcurl: client certificate, retries
 * with back-off on transient failures only, bounded replies. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/curlso.h"
#include "net/upload.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Result files are a few MB for 400k persons; anything far larger is not
 * the server we meant to talk to. */
#define UPLOAD_REPLY_MAX (256u << 20)

struct upload_buf {
	unsigned char *p;
	size_t len, cap;
	int overflow;
};

struct upload_src {
	const unsigned char *p;
	size_t len, off;
};

struct upload_reply {
	long status;		/* HTTP status, 0 when no answer came */
	CURLcode code;
	char curl_msg[CURL_ERROR_SIZE];
	struct upload_buf body;
};

void
upload_conf_defaults(struct upload_conf *c)
{
	memset(c, 0, sizeof *c);
	c->attempts = 5;
	c->backoff_ms = 500;
	c->timeout_s = 30;
	c->poll_ms = 1000;
	c->poll_max = 600;
}

static size_t
upload_write_cb(char *data, size_t size, size_t n, void *arg)
{
	struct upload_buf *b = arg;
	size_t len = size * n;

	if (b->len + len > UPLOAD_REPLY_MAX) {
		b->overflow = 1;
		return 0;
	}
	if (b->len + len + 1 > b->cap) {
		b->cap = (b->len + len + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, data, len);
	b->len += len;
	b->p[b->len] = '\0';
	return len;
}

static size_t
upload_read_cb(char *dst, size_t size, size_t n, void *arg)
{
	struct upload_src *s = arg;
	size_t want = size * n, left = s->len - s->off;

	if (want > left)
		want = left;
	memcpy(dst, s->p + s->off, want);
	s->off += want;
	return want;
}

static void
upload_sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

static void
upload_say_again(const struct upload_conf *c, int again, const char *fmt,
    const char *a1, long n)
{
	char msg[256];

	if (c->progress == NULL)
		return;
	snprintf(msg, sizeof msg, fmt, a1, n);
	c->progress(msg, again, c->arg);
}

static void
upload_say(const struct upload_conf *c, const char *fmt, const char *a1,
    long n)
{
	upload_say_again(c, 0, fmt, a1, n);
}

static void
upload_setup(const struct curl_api *cu, CURL *h, const struct upload_conf *c,
    const char *url, struct upload_reply *r)
{
	cu->easy_setopt(h, CURLOPT_URL, url);
	cu->easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
	if (c->p12 != NULL) {
		cu->easy_setopt(h, CURLOPT_SSLCERT, c->p12);
		cu->easy_setopt(h, CURLOPT_SSLCERTTYPE, "P12");
	} else {
		cu->easy_setopt(h, CURLOPT_SSLCERT, c->cert);
		cu->easy_setopt(h, CURLOPT_SSLKEY, c->key);
	}
	/* Always a passphrase, if only an empty one: without it OpenSSL asks
	 * for one on the terminal by itself, past our own prompts. */
	cu->easy_setopt(h, CURLOPT_KEYPASSWD,
	    c->key_passphrase ? c->key_passphrase : "");
	/* A CA named is the only one trusted: libcurl would otherwise add the
	 * system's folder of CAs (CAPATH) to it. */
	if (c->cacert != NULL) {
		cu->easy_setopt(h, CURLOPT_CAINFO, c->cacert);
		cu->easy_setopt(h, CURLOPT_CAPATH, NULL);
	}
	cu->easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
	cu->easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
	cu->easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	cu->easy_setopt(h, CURLOPT_TIMEOUT, c->timeout_s);
	cu->easy_setopt(h, CURLOPT_CONNECTTIMEOUT, c->timeout_s);
	cu->easy_setopt(h, CURLOPT_ERRORBUFFER, r->curl_msg);
	cu->easy_setopt(h, CURLOPT_WRITEFUNCTION, upload_write_cb);
	cu->easy_setopt(h, CURLOPT_WRITEDATA, &r->body);
}

/* One request. src is the body of a PUT, or NULL for a GET. */
static void
upload_once(const struct curl_api *cu, const struct upload_conf *c,
    const char *url, struct upload_src *src, const char *idem_key,
    struct upload_reply *r)
{
	struct curl_slist *hdr = NULL;
	CURL *h = cu->easy_init();

	free(r->body.p);
	memset(r, 0, sizeof *r);
	if (h == NULL) {
		r->code = CURLE_FAILED_INIT;
		return;
	}
	upload_setup(cu, h, c, url, r);
	if (src != NULL) {
		char *line = xasprintf("Idempotency-Key: %s", idem_key);

		hdr = cu->slist_append(hdr, line);
		hdr = cu->slist_append(hdr, "Content-Type: text/csv");
		free(line);
		src->off = 0;
		cu->easy_setopt(h, CURLOPT_UPLOAD, 1L);
		cu->easy_setopt(h, CURLOPT_READFUNCTION, upload_read_cb);
		cu->easy_setopt(h, CURLOPT_READDATA, src);
		cu->easy_setopt(h, CURLOPT_INFILESIZE_LARGE,
		    (curl_off_t)src->len);
		cu->easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	}
	r->code = cu->easy_perform(h);
	if (r->code == CURLE_OK)
		cu->easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	cu->slist_free_all(hdr);
	cu->easy_cleanup(h);
}

/* Whether trying again may help: the network and the server's own
 * trouble, not a refused certificate or a refused file. A TLS handshake
 * that fails (CURLE_SSL_CONNECT_ERROR) is most often a certificate the
 * server will refuse again, so it is not retried. */
static int
upload_transient(const struct upload_reply *r)
{
	if (r->code == CURLE_OK)
		return r->status >= 500 || r->status == 429 || r->status == 408;
	switch (r->code) {
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_GOT_NOTHING:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_PARTIAL_FILE:
		return 1;
	default:
		return 0;
	}
}

/* A gateway in front of the server (nginx, Apache) that refuses the client
 * certificate answers 400 with an HTML page; say so in words. */
static int
upload_cert_refused(const struct upload_reply *r)
{
	const char *b = (const char *)r->body.p;

	return r->code == CURLE_OK && (r->status == 495 || r->status == 496 ||
	    (r->status == 400 && b != NULL &&
	    (strstr(b, "SSL certificate") != NULL ||
	    strstr(b, "ssl certificate") != NULL)));
}

static int
upload_describe(const struct curl_api *cu, const struct upload_reply *r,
    const char *url, char **err)
{
	if (r->body.overflow)
		return err_set(err, _("%s: the reply is larger than %u MiB"), url,
		    UPLOAD_REPLY_MAX >> 20);
	if (upload_cert_refused(r))
		return err_set(err, _("%s: the server refused the client "
		    "certificate (not sent, expired, or not issued for this "
		    "gateway): check --cert/--key or --cert-p12"), url);
	if (r->code == CURLE_SSL_CERTPROBLEM)
		return err_set(err, _("%s: the client certificate or its key "
		    "cannot be used (a wrong passphrase, or not PEM/PKCS#12): "
		    "%s"), url, r->curl_msg);
	if (r->code == CURLE_PEER_FAILED_VERIFICATION ||
	    r->code == CURLE_SSL_CACERT_BADFILE)
		return err_set(err, _("%s: the server's certificate is not "
		    "signed by the CA given (--cacert) or the system's: %s"),
		    url, r->curl_msg);
	if (r->code != CURLE_OK)
		return err_set(err, "%s: %s", url, r->curl_msg[0] ? r->curl_msg :
		    cu->easy_strerror(r->code));
	/* The server's own words, first line only, for the clerk. */
	return err_set(err, _("%s: the server answered %ld: %.*s"), url,
	    r->status, r->body.p ? (int)strcspn((char *)r->body.p, "\r\n") : 0,
	    r->body.p ? (char *)r->body.p : "");
}

/* Runs a request until it succeeds (2xx), fails for good, or the attempts
 * run out. */
static int
upload_request(const struct upload_conf *c, const char *url,
    struct upload_src *src, const char *idem, struct upload_reply *r,
    int *tries, char **err)
{
	const struct curl_api *cu = curl_api(err);
	long pause = c->backoff_ms;
	int i;

	if (cu == NULL)
		return -1;
	for (i = 1; ; i++) {
		upload_once(cu, c, url, src, idem, r);
		*tries = i;
		if (r->code == CURLE_OK && r->status >= 200 && r->status < 300 &&
		    !r->body.overflow)
			return 0;
		if (!upload_transient(r) || i >= c->attempts)
			return upload_describe(cu, r, url, err);
		upload_say(c, _("%s: no answer, trying again (%ld)"), url, i + 1);
		upload_sleep_ms(pause);
		pause *= 2;
	}
}

static int
upload_name_ok(const char *s)
{
	size_t i;

	if (*s == '\0' || *s == '.' || strlen(s) > 200)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("._-", s[i]) == NULL)
			return 0;
	return 1;
}

int
upload_put(const struct upload_conf *c, const char *name,
    const unsigned char *data, size_t len, const char sha_hex[65],
    char id[65], int *attempts, char **err)
{
	struct upload_src src = { data, len, 0 };
	struct upload_reply r = { 0 };
	char *url;
	int rc;

	if (!upload_name_ok(name))
		return err_set(err, _("%s: a file name for upload may hold only "
		    "letters, digits, '.', '_' and '-'"), name);
	url = xasprintf("%s/files/%s", c->url, name);
	upload_say(c, _("sending %s (%ld bytes)"), name, (long)len);
	rc = upload_request(c, url, &src, sha_hex, &r, attempts, err);
	if (rc == 0 && upload_reply_value((char *)r.body.p, r.body.len, "id",
	    id, 65) < 0)
		rc = err_set(err, _("%s: the server's answer has no file id"), url);
	free(r.body.p);
	free(url);
	return rc;
}

int
upload_wait(const struct upload_conf *c, const char *id, char **err)
{
	struct upload_reply r = { 0 };
	char *url = xasprintf("%s/files/%s/status", c->url, id), state[32];
	int i, tries, rc = -1;

	for (i = 0; i < c->poll_max; i++) {
		if (upload_request(c, url, NULL, NULL, &r, &tries, err) < 0)
			break;
		if (upload_reply_value((char *)r.body.p, r.body.len, "state",
		    state, sizeof state) < 0) {
			err_set(err, _("%s: the server's answer has no state"), url);
			break;
		}
		if (strcmp(state, "done") == 0) {
			rc = 0;
			break;
		}
		upload_say_again(c, i > 0, _("%s: still processing (%ld)"), id,
		    i + 1);
		upload_sleep_ms(c->poll_ms);
	}
	if (i == c->poll_max)
		err_set(err, _("%s: not processed after %d polls; run the upload "
		    "again later, it will not register the file twice"), id,
		    c->poll_max);
	free(r.body.p);
	free(url);
	return rc;
}

int
upload_result(const struct upload_conf *c, const char *id,
    unsigned char **out, size_t *outlen, char **err)
{
	struct upload_reply r = { 0 };
	char *url = xasprintf("%s/files/%s/result", c->url, id);
	int tries, rc;

	rc = upload_request(c, url, NULL, NULL, &r, &tries, err);
	if (rc == 0) {
		*out = r.body.p != NULL ? r.body.p : xcalloc(1, 1);
		*outlen = r.body.len;
	} else {
		free(r.body.p);
	}
	free(url);
	return rc;
}
