/* Buffers for keys and passwords: locked in memory and wiped when freed. */
#ifndef MYNA_SECRET_H
#define MYNA_SECRET_H

#include <stddef.h>

void *secret_alloc(size_t n);
void secret_free(void *p, size_t n);
char *secret_strdup(const char *s);
/* Wipes and frees a NUL-terminated secret string made by secret_strdup. */
void secret_free_str(char *s);
void secret_wipe(void *p, size_t n);

#endif
