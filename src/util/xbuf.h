/* A growable byte buffer for files built in memory before they are written
 * (export packages: each file is hashed and signed as a whole). */
#ifndef MYNA_XBUF_H
#define MYNA_XBUF_H

#include <stddef.h>

struct xbuf {
	char *data;	/* always NUL-terminated when not NULL */
	size_t len, cap;
};

void xbuf_add(struct xbuf *b, const void *p, size_t n);
void xbuf_puts(struct xbuf *b, const char *s);
void xbuf_printf(struct xbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void xbuf_free(struct xbuf *b);

#endif
