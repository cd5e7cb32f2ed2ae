/* Allocation that never returns NULL: out of memory ends the program. */
#ifndef MYNA_XMALLOC_H
#define MYNA_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#define XMALLOC_HUGE ((size_t)2 << 20)
/* n bytes (not zeroed, freed with free) in 2 MiB huge pages when n is a
 * whole number of them and the kernel has them; small pages otherwise. For
 * large buffers touched all over: each first touch of a page is a fault,
 * and one 2 MiB fault costs far less than 512 small ones (a fault is dear
 * on a virtual machine). */
void *xmalloc_huge(size_t n);

/* err_set and the rest live in util/err.h; most files reach them here. */
#include "util/err.h"

#endif
