/* Reading a small data file whole, with a size limit. */
#ifndef MYNA_READFILE_H
#define MYNA_READFILE_H

#include <stddef.h>

/* Reads the regular file at path (at most max bytes) into *buf (allocated,
 * NUL-terminated) and *len; -1 with *err naming the file otherwise. */
int readfile_all(const char *path, size_t max, char **buf, size_t *len,
    char **err);

#endif
