/* CP932 (Shift_JIS as Windows writes it) to UTF-8 with iconv, chunk by
 * chunk, so a file of any size is read once in bounded memory. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "domain/encoding.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct decoder {
	iconv_t cd;		/* (iconv_t)-1 for UTF-8 pass-through */
	char carry[8];		/* bytes of a character split across chunks */
	size_t ncarry;
	char *buf;
	size_t cap;
	long long offset;	/* bytes consumed, for messages */
};

struct decoder *
decoder_new(const char *encoding, char **err)
{
	struct decoder *d;

	if (strcmp(encoding, "UTF-8") != 0 && strcmp(encoding, "CP932") != 0) {
		err_set(err, _("unknown encoding '%s': use UTF-8 or CP932"), encoding);
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->cd = (iconv_t)-1;
	if (strcmp(encoding, "CP932") == 0 &&
	    (d->cd = iconv_open("UTF-8", "CP932")) == (iconv_t)-1) {
		free(d);
		err_set(err, _("this system cannot convert CP932"));
		return NULL;
	}
	return d;
}

/* Converts from in; stops at an incomplete character (kept in carry). */
static int
decoder_run(struct decoder *d, const char *in, size_t len, size_t *used,
    size_t *outlen, char **err)
{
	char *src = (char *)in, *dst;
	size_t left = len, room;

	if (d->cap < *outlen + len * 3 + 16) {
		d->cap = *outlen + len * 3 + 16;
		d->buf = xrealloc(d->buf, d->cap);
	}
	dst = d->buf + *outlen;
	room = d->cap - *outlen;
	if (iconv(d->cd, &src, &left, &dst, &room) == (size_t)-1 && errno != EINVAL) {
		*used = (size_t)(src - in);
		return err_set(err, _("byte %lld: not valid CP932 (is the file in "
		    "another encoding?)"), d->offset + (long long)*used + 1);
	}
	*used = (size_t)(src - in);
	*outlen = (size_t)(dst - d->buf);
	return 0;
}

int
decoder_feed(struct decoder *d, const char *in, size_t len, const char **out,
    size_t *outlen, char **err)
{
	size_t used = 0, n = 0;

	*outlen = 0;
	if (d->cd == (iconv_t)-1) {
		*out = in;
		*outlen = len;
		d->offset += (long long)len;
		return 0;
	}
	/* Finish a character split by the previous chunk, a byte at a time. */
	while (d->ncarry > 0 && n < len) {
		d->carry[d->ncarry++] = in[n++];
		if (decoder_run(d, d->carry, d->ncarry, &used, outlen, err) < 0)
			return -1;
		if (used > 0) {
			d->offset += (long long)d->ncarry;
			d->ncarry = 0;
		} else if (d->ncarry >= sizeof d->carry) {
			return err_set(err, _("byte %lld: not valid CP932"), d->offset + 1);
		}
	}
	if (decoder_run(d, in + n, len - n, &used, outlen, err) < 0)
		return -1;
	d->offset += (long long)used;
	n += used;
	if (n < len) {
		if (len - n >= sizeof d->carry)
			return err_set(err, _("byte %lld: not valid CP932"), d->offset + 1);
		memcpy(d->carry, in + n, len - n);
		d->ncarry = len - n;
	}
	*out = d->buf;
	return 0;
}

int
decoder_finish(struct decoder *d, char **err)
{
	if (d->ncarry > 0)
		return err_set(err, _("the file ends inside a character"));
	return 0;
}

void
decoder_free(struct decoder *d)
{
	if (d == NULL)
		return;
	if (d->cd != (iconv_t)-1)
		iconv_close(d->cd);
	free(d->buf);
	free(d);
}
