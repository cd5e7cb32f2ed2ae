/* Reading a small data file whole, with a size limit; writing a new one. */
#ifndef MYNA_READFILE_H
#define MYNA_READFILE_H

#include <stddef.h>

/* Reads the regular file at path (at most max bytes) into *buf (allocated,
 * NUL-terminated) and *len; -1 with *err naming the file otherwise. */
int readfile_all(const char *path, size_t max, char **buf, size_t *len,
    char **err);

/* Writes len bytes to a new file at path, mode 0600: an existing file or a
 * symbolic link there is refused (O_EXCL, O_NOFOLLOW), so a report cannot
 * be pointed at another file; a partly written file is removed. -1 with
 * *err naming the file otherwise. */
int writefile_new(const char *path, const void *data, size_t len, char **err);

#endif
