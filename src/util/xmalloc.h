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

/* Sets *err (when err is not NULL) to a formatted message and returns -1, so
 * that error paths read "return err_set(err, ...)". */
int err_set(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands msg (allocated, or NULL) over to *err unless err is NULL or already
 * holds a message, and frees it otherwise: the first failure is the one
 * the user reads, also when it happened on another thread. */
void err_keep(char **err, char *msg);

#endif
