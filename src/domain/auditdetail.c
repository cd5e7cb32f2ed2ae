/* Masking by kind: the masker stays the one safe default, and only a value
 * that is visibly a hash or a tracking number escapes it. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "domain/auditdetail.h"
#include "domain/redact.h"
#include "util/xbuf.h"
#include "util/xmalloc.h"

static int
ad_is_hash(const char *v)
{
	return strlen(v) == 64 && strspn(v, "0123456789abcdef") == 64;
}

static int
ad_is_tracking(const char *v)
{
	size_t n = strlen(v);

	return n > 0 && n <= 32 && strspn(v, "0123456789"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-") == n;
}

char *
auditdetail_value(enum audit_kind kind, const char *value)
{
	const char *v = value ? value : "-";

	if ((kind == AUDIT_HASH && ad_is_hash(v)) ||
	    (kind == AUDIT_TRACKING && ad_is_tracking(v)))
		return xstrdup(v);
	return redact_numbers(v);
}

char *
auditdetail_format(const struct audit_field *f, size_t n)
{
	struct xbuf b = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		char *v = auditdetail_value(f[i].kind, f[i].value);

		if (i > 0)
			xbuf_puts(&b, " ");
		if (f[i].key != NULL) {
			xbuf_puts(&b, f[i].key);
			xbuf_puts(&b, "=");
		}
		xbuf_puts(&b, v);
		free(v);
	}
	return b.data != NULL ? b.data : xstrdup("");
}
