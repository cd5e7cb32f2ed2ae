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

/* err_set and the rest live in util/err.h; most files reach them here. */
#include "util/err.h"

#endif
