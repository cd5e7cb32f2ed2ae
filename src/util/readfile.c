/* One place that reads layout and rule files: regular files only, EINTR
 * retried, a limit so a wrong path cannot fill the memory. And one way to
 * write a new file that never replaces or follows what is already there. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/readfile.h"
#include "util/xmalloc.h"

int
readfile_all(const char *path, size_t max, char **buf, size_t *len, char **err)
{
	struct stat st;
	ssize_t n = 0;
	int fd, saved;

	*buf = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return err_set(err, _("cannot open %s: %s"), path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return err_set(err, _("%s is not a regular file"), path);
	}
	/* One byte more than allowed tells a file that grew past the limit. */
	*buf = xmalloc(max + 2);
	while (*len < max + 1) {
		n = read(fd, *buf + *len, max + 1 - *len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		*len += (size_t)n;
	}
	saved = errno;
	close(fd);
	if (n == -1 || *len > max) {
		free(*buf);
		*buf = NULL;
		return n == -1 ? err_set(err, _("cannot read %s: %s"), path,
		    strerror(saved)) : err_set(err, _("%s is larger than %zu bytes"),
		    path, max);
	}
	(*buf)[*len] = '\0';
	return 0;
}

int
fd_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

ssize_t
fd_read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

int
writefile_new(const char *path, const void *data, size_t len, char **err)
{
	int fd, bad, saved;

	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1)
		return err_set(err, errno == EEXIST ? _("%s already exists: "
		    "choose a new name (nothing is overwritten)") :
		    _("cannot create %s: %s"), path, strerror(errno));
	bad = fd_write_all(fd, data, len) < 0;
	saved = errno;
	if (close(fd) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (!bad)
		return 0;
	unlink(path);
	return err_set(err, _("cannot write %s: %s"), path, strerror(saved));
}
