/* Growable buffer: doubling growth, a NUL kept after the data so text can be
 * used as a C string. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/xbuf.h"
#include "util/xmalloc.h"

void
xbuf_add(struct xbuf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->data = xrealloc(b->data, cap);
		b->cap = cap;
	}
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
xbuf_puts(struct xbuf *b, const char *s)
{
	xbuf_add(b, s, strlen(s));
}

void
xbuf_printf(struct xbuf *b, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	xbuf_puts(b, s);
	free(s);
}

void
xbuf_free(struct xbuf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}
