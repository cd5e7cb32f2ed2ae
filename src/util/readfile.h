/* Reading a small data file whole, with a size limit; writing a new one;
 * whole reads and writes on a descriptor, past short counts and EINTR. */
#ifndef MYNA_READFILE_H
#define MYNA_READFILE_H

#include <stddef.h>
#include <sys/types.h>

/* Writes all n bytes to fd: 0, or -1 with errno set. */
int fd_write_all(int fd, const void *buf, size_t n);
/* Reads until n bytes or the end: the count, or -1 with errno set. */
ssize_t fd_read_full(int fd, void *buf, size_t n);

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
